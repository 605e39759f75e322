/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/bug.h>. */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H
#include <asm/bug.h>
#include <linux/build_bug.h>
/* CONFIG_DEBUG_VM on: the VM_* assertions are checked. */
#define VM_BUG_ON(cond) BUG_ON(cond)
#define VM_BUG_ON_PAGE(cond, page) BUG_ON(cond)
#define VM_BUG_ON_MM(cond, mm) BUG_ON(cond)
#define VM_BUG_ON_VMA(cond, vma) BUG_ON(cond)
#define VM_WARN_ON(cond) (void)WARN_ON(cond)
#define VM_WARN_ON_ONCE(cond) (void)WARN_ON_ONCE(cond)
#define VM_WARN_ON_ONCE_PAGE(cond, page) (void)WARN_ON_ONCE(cond)
#define VM_WARN(cond, fmt...) (void)WARN_ON(cond)
#endif
