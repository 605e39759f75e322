/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/refcount.h> — an increment from 0 (use after
 * free) or a decrement below 0 is a BUG here; the kernel saturates and WARNs. */
#ifndef _LINUX_REFCOUNT_H
#define _LINUX_REFCOUNT_H
#include <linux/atomic.h>
#include <linux/bug.h>
typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;
#define REFCOUNT_INIT(n) { .refs = ATOMIC_INIT(n) }
static inline void refcount_set(refcount_t *r, int n) { atomic_set(&r->refs, n); }
static inline unsigned int refcount_read(const refcount_t *r) { return atomic_read(&r->refs); }
static inline void refcount_inc(refcount_t *r) { BUG_ON(atomic_fetch_add(1, &r->refs) <= 0); }
static inline bool refcount_inc_not_zero(refcount_t *r) { return atomic_inc_not_zero(&r->refs); }
static inline bool refcount_dec_and_test(refcount_t *r)
{
	int n = atomic_dec_return(&r->refs);

	BUG_ON(n < 0);
	return n == 0;
}
static inline void refcount_dec(refcount_t *r) { BUG_ON(atomic_dec_return(&r->refs) <= 0); }
#endif
