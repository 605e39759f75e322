/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/hrtimer.h> — the types only; no timer ever runs
 * (starting one stops the test: the harness has no clock). */
#ifndef _LINUX_HRTIMER_H
#define _LINUX_HRTIMER_H
#include <linux/types.h>
#include <linux/time.h>
#include <shim/runtime.h>
#include <asm/timex.h> /* get_tod_clock*(), reached through ktime.h in the kernel */
enum hrtimer_restart { HRTIMER_NORESTART, HRTIMER_RESTART };
struct hrtimer {
	ktime_t expires;
	enum hrtimer_restart (*function)(struct hrtimer *);
};
#define hrtimer_start(t, tm, mode) shim_unmodelled(__FILE__, __LINE__, "hrtimer_start")
#define hrtimer_cancel(t) ((void)(t), 0)
#endif
