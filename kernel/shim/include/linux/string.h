/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/string.h> — the C library's functions. */
#ifndef _LINUX_STRING_H_
#define _LINUX_STRING_H_
#include <shim/runtime.h>
#define memset(s, c, n) __builtin_memset(s, c, n)
#define memcpy(d, s, n) __builtin_memcpy(d, s, n)
static inline void *memset64(u64 *s, u64 v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		s[i] = v;
	return s;
}
#endif
