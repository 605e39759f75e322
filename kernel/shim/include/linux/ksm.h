/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/ksm.h> — KSM never merges pages in the
 * simulation, so un-merging has nothing to do: MADV_UNMERGEABLE clears
 * VM_MERGEABLE in *vm_flags and succeeds; MADV_MERGEABLE sets it. */
#ifndef __LINUX_KSM_H
#define __LINUX_KSM_H
#include <linux/mm.h>
#include <linux/mman.h>
static inline int ksm_madvise(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			      int advice, unsigned long *vm_flags)
{
	(void)vma;
	(void)start;
	(void)end;
	if (advice == MADV_UNMERGEABLE)
		*vm_flags &= ~VM_MERGEABLE;
	else if (advice == MADV_MERGEABLE)
		*vm_flags |= VM_MERGEABLE;
	return 0;
}
static inline int ksm_disable(struct mm_struct *mm) { (void)mm; return 0; }
#endif
