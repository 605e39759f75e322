/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/typecheck.h> — a compile-time type check, always true. */
#ifndef TYPECHECK_H_INCLUDED
#define TYPECHECK_H_INCLUDED
#define typecheck(type, x)                      \
	({                                      \
		type __dummy;                   \
		typeof(x) __dummy2;             \
		(void)(&__dummy == &__dummy2);  \
		1;                              \
	})
#endif
