/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/atomic.h> — sequentially consistent compiler
 * atomics with the kernel's return-value conventions. */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H
#include <linux/types.h>
#include <linux/compiler.h>
#define ATOMIC_INIT(i) { (i) }
/* the arch's interlocked-access helpers, used directly by pgtable.c */
#include <asm/atomic_ops.h>
#define __SHIM_ATOMIC(pfx, T, V)                                                             \
	static inline V pfx##_read(const T *v) { return __atomic_load_n(&v->counter, __ATOMIC_SEQ_CST); } \
	static inline void pfx##_set(T *v, V i) { __atomic_store_n(&v->counter, i, __ATOMIC_SEQ_CST); } \
	static inline void pfx##_add(V i, T *v) { __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST); } \
	static inline void pfx##_sub(V i, T *v) { __atomic_fetch_sub(&v->counter, i, __ATOMIC_SEQ_CST); } \
	static inline void pfx##_inc(T *v) { pfx##_add(1, v); }                                    \
	static inline void pfx##_dec(T *v) { pfx##_sub(1, v); }                                    \
	static inline V pfx##_add_return(V i, T *v) { return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST); } \
	static inline V pfx##_sub_return(V i, T *v) { return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST); } \
	static inline V pfx##_inc_return(T *v) { return pfx##_add_return(1, v); }                  \
	static inline V pfx##_dec_return(T *v) { return pfx##_sub_return(1, v); }                 \
	static inline V pfx##_fetch_add(V i, T *v) { return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST); } \
	static inline bool pfx##_dec_and_test(T *v) { return pfx##_sub_return(1, v) == 0; }       \
	static inline bool pfx##_inc_and_test(T *v) { return pfx##_add_return(1, v) == 0; }       \
	static inline V pfx##_cmpxchg(T *v, V o, V n)                                              \
	{ __atomic_compare_exchange_n(&v->counter, &o, n, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return o; } \
	static inline V pfx##_xchg(T *v, V n) { return __atomic_exchange_n(&v->counter, n, __ATOMIC_SEQ_CST); } \
	static inline void pfx##_or(V i, T *v) { __atomic_fetch_or(&v->counter, i, __ATOMIC_SEQ_CST); } \
	static inline void pfx##_andnot(V i, T *v) { __atomic_fetch_and(&v->counter, ~i, __ATOMIC_SEQ_CST); }
__SHIM_ATOMIC(atomic, atomic_t, int)
__SHIM_ATOMIC(atomic64, atomic64_t, s64)
__SHIM_ATOMIC(atomic_long, atomic_long_t, long)
static inline bool atomic_inc_not_zero(atomic_t *v)
{
	int c = atomic_read(v);

	while (c && !__atomic_compare_exchange_n(&v->counter, &c, c + 1, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		;
	return c != 0;
}
#define cmpxchg(p, o, n) ({ typeof(*(p)) __o = (o); __atomic_compare_exchange_n(p, &__o, n, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); __o; })
#define xchg(p, n) __atomic_exchange_n(p, n, __ATOMIC_SEQ_CST)
#define try_cmpxchg(p, po, n) __atomic_compare_exchange_n(p, po, n, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb() smp_mb()
#define smp_wmb() smp_mb()
#define mb() smp_mb()
#define rmb() smp_mb()
#define wmb() smp_mb()
#define smp_mb__before_atomic() smp_mb()
#define smp_mb__after_atomic() smp_mb()
#define smp_store_release(p, v) __atomic_store_n(p, v, __ATOMIC_RELEASE)
#define smp_load_acquire(p) __atomic_load_n(p, __ATOMIC_ACQUIRE)
#endif
