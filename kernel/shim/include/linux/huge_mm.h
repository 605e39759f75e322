/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/huge_mm.h> — libgmap's mm never creates a
 * transparent huge pmd, so there is nothing to split; meeting one is a BUG. */
#ifndef _LINUX_HUGE_MM_H
#define _LINUX_HUGE_MM_H
#include <linux/mm.h>
#define split_huge_pmd(vma, pmd, address) \
	do { (void)(vma); if (shim_pmd_leaf(*(pmd))) shim_unmodelled(__FILE__, __LINE__, "split_huge_pmd of a huge pmd"); } while (0)
#define split_huge_pmd_address(vma, address, freeze, page) do { } while (0)
#define thp_split_mm_shim(mm) do { } while (0)
#endif
