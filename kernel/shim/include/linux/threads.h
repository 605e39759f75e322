/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/threads.h>. */
#ifndef _LINUX_THREADS_H
#define _LINUX_THREADS_H
#define NR_CPUS CONFIG_NR_CPUS
#endif
