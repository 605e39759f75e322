/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/mman.h> — the uapi constants. */
#ifndef _LINUX_MMAN_H
#define _LINUX_MMAN_H
#include <uapi/asm-generic/mman-common.h>
#endif
