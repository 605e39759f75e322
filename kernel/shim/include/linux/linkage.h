/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/linkage.h>. */
#ifndef _LINUX_LINKAGE_H
#define _LINUX_LINKAGE_H
#define asmlinkage
#endif
