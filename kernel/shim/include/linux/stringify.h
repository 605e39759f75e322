/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/stringify.h> (defined in shim/prelude.h). */
#ifndef __LINUX_STRINGIFY_H
#define __LINUX_STRINGIFY_H
#endif
