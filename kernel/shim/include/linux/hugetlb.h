/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/hugetlb.h> — no hugetlbfs VMAs exist. */
#ifndef _LINUX_HUGETLB_H
#define _LINUX_HUGETLB_H
#include <linux/mm.h>
static inline bool is_vm_hugetlb_page(struct vm_area_struct *vma) { return (vma->vm_flags & VM_HUGETLB) != 0; }
#endif
