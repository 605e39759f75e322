/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/bitops.h> — bit nr is bit (nr % 64) of long
 * nr / 64, counted from the least significant bit, as on every Linux
 * architecture.  Atomic forms use the compiler's atomics. */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H
#include <linux/types.h>
#include <linux/bits.h>
#define BITS_PER_TYPE(type) (sizeof(type) * BITS_PER_BYTE)
#define BITS_TO_LONGS(nr) (((nr) + BITS_PER_LONG - 1) / BITS_PER_LONG)
static inline void set_bit(long nr, volatile unsigned long *a)
{ __atomic_fetch_or(a + BIT_WORD(nr), BIT_MASK(nr), __ATOMIC_SEQ_CST); }
static inline void clear_bit(long nr, volatile unsigned long *a)
{ __atomic_fetch_and(a + BIT_WORD(nr), ~BIT_MASK(nr), __ATOMIC_SEQ_CST); }
static inline bool test_bit(long nr, const volatile unsigned long *a)
{ return (a[BIT_WORD(nr)] >> (nr % BITS_PER_LONG)) & 1; }
static inline bool test_and_set_bit(long nr, volatile unsigned long *a)
{ return (__atomic_fetch_or(a + BIT_WORD(nr), BIT_MASK(nr), __ATOMIC_SEQ_CST) & BIT_MASK(nr)) != 0; }
static inline bool test_and_clear_bit(long nr, volatile unsigned long *a)
{ return (__atomic_fetch_and(a + BIT_WORD(nr), ~BIT_MASK(nr), __ATOMIC_SEQ_CST) & BIT_MASK(nr)) != 0; }
static inline void __set_bit(long nr, volatile unsigned long *a) { a[BIT_WORD(nr)] |= BIT_MASK(nr); }
static inline void __clear_bit(long nr, volatile unsigned long *a) { a[BIT_WORD(nr)] &= ~BIT_MASK(nr); }
/* s390's MSB-0 ("inverted") bit numbering within a long (asm/bitops.h). */
#define set_bit_inv(nr, a) set_bit((nr) ^ (BITS_PER_LONG - 1), a)
#define clear_bit_inv(nr, a) clear_bit((nr) ^ (BITS_PER_LONG - 1), a)
#define test_bit_inv(nr, a) test_bit((nr) ^ (BITS_PER_LONG - 1), a)
#define test_and_clear_bit_inv(nr, a) test_and_clear_bit((nr) ^ (BITS_PER_LONG - 1), a)
#define __set_bit_inv(nr, a) __set_bit((nr) ^ (BITS_PER_LONG - 1), a)
#define __clear_bit_inv(nr, a) __clear_bit((nr) ^ (BITS_PER_LONG - 1), a)
static inline int fls(unsigned int x) { return x ? 32 - __builtin_clz(x) : 0; }
static inline int fls64(u64 x) { return x ? 64 - __builtin_clzll(x) : 0; }
static inline unsigned long __fls(unsigned long x) { return 63 - __builtin_clzl(x); }
static inline unsigned long __ffs(unsigned long x) { return __builtin_ctzl(x); }
static inline int ffs(int x) { return __builtin_ffs(x); }
static inline unsigned int hweight64(u64 x) { return __builtin_popcountll(x); }
static inline s64 sign_extend64(u64 value, int index)
{
	int shift = 63 - index;

	return (s64)(value << shift) >> shift;
}
#endif
