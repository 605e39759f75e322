/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/cpumask.h> — the simulated machine's CPUs. */
#ifndef __LINUX_CPUMASK_H
#define __LINUX_CPUMASK_H
#include <linux/bitmap.h>
#include <linux/threads.h>
#include <shim/runtime.h>
typedef struct cpumask {
	DECLARE_BITMAP(bits, NR_CPUS);
} cpumask_t;
#define nr_cpu_ids (shim_ncpus())
#define cpumask_bits(m) ((m)->bits)
static inline void cpumask_set_cpu(unsigned int c, struct cpumask *m) { set_bit(c, m->bits); }
static inline void cpumask_clear_cpu(unsigned int c, struct cpumask *m) { clear_bit(c, m->bits); }
static inline bool cpumask_test_cpu(int c, const struct cpumask *m) { return test_bit(c, m->bits); }
static inline void cpumask_clear(struct cpumask *m) { bitmap_zero(m->bits, NR_CPUS); }
static inline void cpumask_copy(struct cpumask *d, const struct cpumask *s) { *d = *s; }
static inline bool cpumask_equal(const struct cpumask *a, const struct cpumask *b)
{ return memcmp(a->bits, b->bits, sizeof(a->bits)) == 0; }
extern struct cpumask shim_cpu_online_mask;
extern struct cpumask shim_cpu_masks[NR_CPUS];
#define cpu_online_mask (&shim_cpu_online_mask)
#define cpu_possible_mask (&shim_cpu_online_mask)
#define cpumask_of(c) (&shim_cpu_masks[c])
#define for_each_cpu(c, m) for ((c) = 0; (c) < (int)nr_cpu_ids; (c)++) if (cpumask_test_cpu(c, m))
#define for_each_online_cpu(c) for_each_cpu(c, cpu_online_mask)
#endif
