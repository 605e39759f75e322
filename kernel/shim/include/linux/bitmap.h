/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/bitmap.h>. */
#ifndef __LINUX_BITMAP_H
#define __LINUX_BITMAP_H
#include <linux/bitops.h>
#include <linux/string.h>
#define DECLARE_BITMAP(name, bits) unsigned long name[BITS_TO_LONGS(bits)]
static inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{ memset(dst, 0, BITS_TO_LONGS(nbits) * sizeof(long)); }
static inline void bitmap_fill(unsigned long *dst, unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < nbits; i++)
		__set_bit(i, dst);
}
static inline bool bitmap_empty(const unsigned long *src, unsigned int nbits)
{
	unsigned int i;

	for (i = 0; i < nbits; i++)
		if (test_bit(i, src))
			return false;
	return true;
}
#endif
