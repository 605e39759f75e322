/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <asm/bug.h> + <asm-generic/bug.h>.  BUG() stops the
 * test with file and line (the kernel's monitor-call trap would oops);
 * WARN*() prints, counts and lets the code continue, as the kernel does. */
#ifndef _ASM_S390_BUG_H
#define _ASM_S390_BUG_H
#define _ASM_GENERIC_BUG_H
#include <shim/runtime.h>
#include <linux/printk.h> /* asm-generic/bug.h brings printk with it */
#define BUG() shim_bug(__FILE__, __LINE__, "BUG()")
#define BUG_ON(cond) do { if (unlikely(cond)) shim_bug(__FILE__, __LINE__, "BUG_ON(" #cond ")"); } while (0)
#define WARN_ON(cond) ({ int __r = !!(cond); if (unlikely(__r)) shim_warn(__FILE__, __LINE__, "WARN_ON(" #cond ")"); unlikely(__r); })
#define WARN_ON_ONCE(cond) WARN_ON(cond)
#define WARN(cond, fmt...) ({ int __r = !!(cond); if (unlikely(__r)) shim_warn(__FILE__, __LINE__, "WARN(" #cond ")"); unlikely(__r); })
#define WARN_ONCE(cond, fmt...) WARN(cond, fmt)
#define WARN_TAINT(cond, taint, fmt...) WARN(cond, fmt)
#define HAVE_ARCH_BUG
#endif
