/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/stddef.h>. */
#ifndef _LINUX_STDDEF_H
#define _LINUX_STDDEF_H
#include <linux/types.h>
#include <uapi/linux/stddef.h> /* __DECLARE_FLEX_ARRAY, as the kernel's own linux/stddef.h */
#define offsetof(t, m) __builtin_offsetof(t, m)
#define sizeof_field(t, m) sizeof(((t *)0)->m)
#define offsetofend(t, m) (offsetof(t, m) + sizeof_field(t, m))
#endif
