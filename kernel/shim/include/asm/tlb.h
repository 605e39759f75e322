/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <asm/tlb.h> — the mmu_gather batching of the
 * generic mm is not used: the process side (libgmap's mm) frees its page
 * tables itself and calls gmap_unlink first, as page_table_free_rcu does. */
#ifndef _S390_TLB_H
#define _S390_TLB_H
#include <linux/mm.h>
#include <asm/tlbflush.h>
struct mmu_gather {
	struct mm_struct *mm;
	unsigned int fullmm;
};
#endif
