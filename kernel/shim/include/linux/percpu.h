/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/percpu.h> — per-CPU variables as arrays
 * indexed by the simulated CPU. */
#ifndef __LINUX_PERCPU_H
#define __LINUX_PERCPU_H
#include <linux/threads.h>
#include <linux/smp.h>
#define DECLARE_PER_CPU(type, name) extern __typeof__(type) name##__shim_percpu[NR_CPUS]
#define DEFINE_PER_CPU(type, name) __typeof__(type) name##__shim_percpu[NR_CPUS]
#define per_cpu(var, cpu) (var##__shim_percpu[cpu])
#define this_cpu_ptr(ptr) (&(ptr)[smp_processor_id()])
#endif
