/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/hugetlb.h> — no hugetlbfs VMAs exist. */
#ifndef _LINUX_HUGETLB_H
#define _LINUX_HUGETLB_H
#include <linux/mm.h>
#include <linux/hugetlb_inline.h>
#endif
