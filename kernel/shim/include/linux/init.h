/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/init.h> — the harness is no booting kernel:
 * initcalls are never run.  The function stays referenced (so what it
 * calls must exist) but is not called: pgalloc.c's sysctl
 * vm.allocate_pgste is never registered (the harness creates its mm with
 * alloc_pgste set, as s390_enable_sie() leaves it). */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H
#define __shim_initcall(fn, n) \
	static int (*const __PASTE(__shim_initcall_, __COUNTER__))(void) __attribute__((__used__)) = fn
#define __initcall(fn) __shim_initcall(fn, 0)
#define device_initcall(fn) __initcall(fn)
#define arch_initcall(fn) __initcall(fn)
#define core_initcall(fn) __initcall(fn)
#define postcore_initcall(fn) __initcall(fn)
#define subsys_initcall(fn) __initcall(fn)
#define late_initcall(fn) __initcall(fn)
#define module_init(fn) __initcall(fn)
#define module_exit(fn)
#endif
