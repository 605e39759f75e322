/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/sched.h> — one task, the harness's, whose mm
 * the harness sets; no signals are ever pending; cond_resched does nothing. */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H
#include <linux/types.h>
#include <linux/smp.h>
#include <linux/thread_info.h>
#include <linux/percpu.h>
#include <asm/processor.h>
struct mm_struct;
struct task_struct {
	struct mm_struct *mm;
	struct mm_struct *active_mm;
	unsigned long flags;
	int pid;
	struct thread_struct thread; /* the arch's (asm/processor.h): FPU/vector state the KVM headers name */
};
extern struct task_struct shim_task;
#define current (&shim_task)
#define get_current() (&shim_task)
#define cond_resched() ({ 0; })
#define fatal_signal_pending(t) ((void)(t), 0)
#define signal_pending(t) ((void)(t), 0)
#define schedule() do { } while (0)
#define PF_KTHREAD 0x00200000
#define TASK_SIZE_OF(t) TASK_SIZE
#endif
