/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/compiler.h> — READ_ONCE and friends (the
 * kernel's volatile single-copy accesses). */
#ifndef __LINUX_COMPILER_H
#define __LINUX_COMPILER_H
#include <linux/types.h>
#define READ_ONCE(x) (*(const volatile __unqual_scalar_typeof(x) *)&(x))
#define WRITE_ONCE(x, val) do { *(volatile typeof(x) *)&(x) = (val); } while (0)
#define data_race(expr) (expr)
#define unreachable() __builtin_unreachable()
#define OPTIMIZER_HIDE_VAR(var) __asm__("" : "=r"(var) : "0"(var))
#define RELOC_HIDE(ptr, off) ((typeof(ptr))((unsigned long)(ptr) + (off)))
#define ACCESS_PRIVATE(p, member) ((p)->member)
#define is_signed_type(type) (((type)(-1)) < (type)1)
#endif
