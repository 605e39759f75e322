/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/kconfig.h> — see shim/prelude.h (forced in). */
#ifndef __LINUX_KCONFIG_H
#define __LINUX_KCONFIG_H
#endif
