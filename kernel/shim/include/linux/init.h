/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/init.h> — built in; no initcalls run. */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H
#define postcore_initcall(fn)
#define arch_initcall(fn)
#define device_initcall(fn)
#define late_initcall(fn)
#define module_init(fn)
#define module_exit(fn)
#endif
