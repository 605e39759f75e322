/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/preempt.h> — nothing preempts the one thread. */
#ifndef __LINUX_PREEMPT_H
#define __LINUX_PREEMPT_H
#define preempt_disable() barrier()
#define preempt_enable() barrier()
#define preempt_enable_no_resched() barrier()
#define preempt_count() 0
#define in_interrupt() 0
#define in_atomic() 0
#define in_task() 1
#define get_cpu() ({ preempt_disable(); smp_processor_id(); })
#define put_cpu() preempt_enable()
#define preempt_disable_notrace() barrier()
#define preempt_enable_notrace() barrier()
#endif
