/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/errno.h> — the uapi values plus the
 * kernel-internal ones. */
#ifndef _LINUX_ERRNO_H
#define _LINUX_ERRNO_H
#include <uapi/asm-generic/errno.h>
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ENOIOCTLCMD 515
#define EPROBE_DEFER 517
#define ENOTSUPP 524
#endif
