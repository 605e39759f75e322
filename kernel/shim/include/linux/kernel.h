/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/kernel.h> — the everyday helpers. */
#ifndef _LINUX_KERNEL_H
#define _LINUX_KERNEL_H
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/compiler.h>
#include <linux/const.h>
#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/err.h>
#include <linux/bug.h>
#include <linux/printk.h>
#include <linux/minmax.h>
#include <linux/limits.h>
#include <linux/log2.h>
#include <linux/math.h>
#include <linux/container_of.h>
#include <linux/typecheck.h>
#include <linux/overflow.h>
#include <linux/bitops.h>
#include <linux/string.h>
#include <linux/init.h>
#include <shim/runtime.h>

#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))
#define ALIGN(x, a) __ALIGN_KERNEL((x), (a))
#define ALIGN_DOWN(x, a) __ALIGN_KERNEL((x) - ((a) - 1), (a))
#define PTR_ALIGN(p, a) ((typeof(p))ALIGN((unsigned long)(p), (a)))
#define IS_ALIGNED(x, a) (((x) & ((typeof(x))(a) - 1)) == 0)
#define might_sleep() do { } while (0)
#define might_fault() do { } while (0)
#define might_resched() do { } while (0)
#define lower_32_bits(n) ((u32)((n) & 0xffffffff))
#define upper_32_bits(n) ((u32)(((n) >> 16) >> 16))
#endif
