/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/smp.h> — the current CPU of the machine. */
#ifndef __LINUX_SMP_H
#define __LINUX_SMP_H
#include <linux/cpumask.h>
#include <linux/preempt.h>
#include <shim/runtime.h>
#define smp_processor_id() shim_cpu()
#define raw_smp_processor_id() shim_cpu()
#endif
