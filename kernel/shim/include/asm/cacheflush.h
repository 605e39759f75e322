/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <asm/cacheflush.h> — s390 takes asm-generic's
 * (Kbuild generic-y): its caches are not virtually aliased, so every cache
 * flush of the generic mm is empty.  Written out here (the generic header
 * pulls in the instrumentation headers) with the same meaning. */
#ifndef _ASM_S390_CACHEFLUSH_SHIM_H
#define _ASM_S390_CACHEFLUSH_SHIM_H
#include <linux/mm_types.h>
static inline void flush_cache_mm(struct mm_struct *mm) { (void)mm; }
static inline void flush_cache_range(struct vm_area_struct *vma, unsigned long start,
				     unsigned long end)
{
	(void)vma;
	(void)start;
	(void)end;
}
static inline void flush_cache_page(struct vm_area_struct *vma, unsigned long addr,
				    unsigned long pfn)
{
	(void)vma;
	(void)addr;
	(void)pfn;
}
#endif
