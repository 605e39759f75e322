/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/log2.h>. */
#ifndef _LINUX_LOG2_H
#define _LINUX_LOG2_H
#define ilog2(n) ((n) ? 63 - __builtin_clzll((unsigned long long)(n)) : -1)
#define is_power_of_2(n) ((n) != 0 && (((n) & ((n) - 1)) == 0))
#define roundup_pow_of_two(n) ((n) <= 1 ? 1UL : 1UL << (64 - __builtin_clzl((unsigned long)(n) - 1)))
#endif
