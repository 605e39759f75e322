/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/export.h> — built in: nothing to export. */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H
#ifndef EXPORT_SYMBOL
#define EXPORT_SYMBOL(s)
#define EXPORT_SYMBOL_GPL(s)
#endif
#endif
