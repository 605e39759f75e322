/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/overflow.h> — size products that saturate at SIZE_MAX. */
#ifndef __LINUX_OVERFLOW_H
#define __LINUX_OVERFLOW_H
#include <linux/types.h>
#define check_mul_overflow(a, b, d) __builtin_mul_overflow(a, b, d)
#define check_add_overflow(a, b, d) __builtin_add_overflow(a, b, d)
static inline size_t array_size(size_t a, size_t b)
{
	size_t r;

	return __builtin_mul_overflow(a, b, &r) ? (size_t)-1 : r;
}
#endif
