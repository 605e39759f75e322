/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/hugetlb_inline.h> — libgmap's mm makes no
 * hugetlbfs VMAs (VM_HUGETLB is never set). */
#ifndef _LINUX_HUGETLB_INLINE_H
#define _LINUX_HUGETLB_INLINE_H
#include <linux/mm.h>
static inline bool is_vm_hugetlb_page(struct vm_area_struct *vma)
{
	return (vma->vm_flags & VM_HUGETLB) != 0;
}
#endif
