/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/smp.h> — the current CPU of the machine. */
#ifndef __LINUX_SMP_H
#define __LINUX_SMP_H
#include <linux/cpumask.h>
#include <linux/preempt.h>
#include <shim/runtime.h>
#define smp_processor_id() shim_cpu()
#define raw_smp_processor_id() shim_cpu()
/* Cross-CPU function calls: the only caller in arch/s390/mm is
 * crst_table_upgrade() (its ASCE reload on every CPU), which the harness
 * never reaches (libgmap's mm upgrades the process ASCE); reaching it
 * stops the test. */
typedef void (*smp_call_func_t)(void *info);
#define on_each_cpu(func, info, wait) \
	((void)(func), (void)(info), (void)(wait), \
	 shim_unmodelled(__FILE__, __LINE__, "on_each_cpu (cross-CPU calls)"))
#endif
