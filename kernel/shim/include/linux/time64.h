/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/time64.h>. */
#ifndef _LINUX_TIME64_H
#define _LINUX_TIME64_H
#include <linux/time.h>
#endif
