/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/mm_types_task.h>. */
#ifndef _LINUX_MM_TYPES_TASK_H
#define _LINUX_MM_TYPES_TASK_H
#define USE_SPLIT_PTE_PTLOCKS 0
#define USE_SPLIT_PMD_PTLOCKS 0
#endif
