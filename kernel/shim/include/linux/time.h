/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/time.h> — the time types (the harness has no clock). */
#ifndef _LINUX_TIME_H
#define _LINUX_TIME_H
#include <linux/types.h>
typedef s64 ktime_t;
struct timespec64 {
	time64_t tv_sec;
	long tv_nsec;
};
#define NSEC_PER_SEC 1000000000L
#define NSEC_PER_USEC 1000L
#endif
