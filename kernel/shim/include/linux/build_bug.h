/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/build_bug.h>. */
#ifndef _LINUX_BUILD_BUG_H
#define _LINUX_BUILD_BUG_H
/* As the kernel's: a call to an error-attributed function that survives
 * optimisation only when the condition is true. */
#define BUILD_BUG_ON_MSG(cond, msg)                                                   \
	do {                                                                          \
		extern void __shim_build_bug(void) __attribute__((__error__(msg)));     \
		if (cond)                                                             \
			__shim_build_bug();                                           \
	} while (0)
#define BUILD_BUG_ON(cond) BUILD_BUG_ON_MSG(cond, "BUILD_BUG_ON failed: " #cond)
#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int : (-!!(e)); })))
#define BUILD_BUG() BUILD_BUG_ON(1)
#define __static_assert(expr, msg, ...) _Static_assert(expr, msg)
#define static_assert(expr, ...) __static_assert(expr, ##__VA_ARGS__, #expr)
#endif
