/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/module.h> — built in: exports are plain symbols. */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H
#include <linux/export.h>
struct module;
#define THIS_MODULE ((struct module *)0)
#define MODULE_LICENSE(x)
#define MODULE_AUTHOR(x)
#define module_param(n, t, p)
#define MODULE_PARM_DESC(n, d)
#endif
