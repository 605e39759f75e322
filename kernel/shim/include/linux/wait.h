/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/wait.h> — one thread: nobody ever waits, so a
 * wake-up has no one to wake; waiting would be a deadlock and stops the test. */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H
#include <linux/types.h>
#include <shim/runtime.h>
typedef struct wait_queue_head {
	int waiters;
} wait_queue_head_t;
#define init_waitqueue_head(q) ((q)->waiters = 0)
#define wake_up(q) ((void)(q))
#define wait_event(q, cond) do { if (!(cond)) shim_bug(__FILE__, __LINE__, "wait_event would sleep forever (one thread)"); } while (0)
#endif
