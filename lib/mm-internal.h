/* SPDX-License-Identifier: MIT */
/*
 * Private helpers of lib/mm.c that other lib/ modules (gmap, check, dump)
 * may use.  The VMA tree functions are generated once, in lib/mm.c.
 */
#ifndef GMAP_MM_INTERNAL_H
#define GMAP_MM_INTERNAL_H

#include <bsd/sys/tree.h>
#include <stdbool.h>
#include <stdint.h>

#include "gmap/mm.h"
#include "gmap/storage.h"

/* The VMA tree, ordered by vm_start (VMAs never overlap). */
int mm_vma_cmp(const struct vm_area_struct *a, const struct vm_area_struct *b);
RB_PROTOTYPE(mm_vma_tree, vm_area_struct, vm_rb, mm_vma_cmp)

/* A live mm: not NULL, not destroyed (docs/design.md, "Handles after destruction"). */
static inline bool mm_live(const struct mm_struct *mm)
{
	return mm && mm->magic == MM_MAGIC;
}

/* Table level (enum dat_level) of the entries of the process's top table. */
unsigned mm_top_level(const struct mm_struct *mm);

/*
 * Ownership: whether the block of @kind starting at @aaddr is allocated and
 * was allocated by @mm (its descriptor carries the mm, lib/mm.c mm_own()).
 */
bool mm_owns(const struct mm_struct *mm, uint64_t aaddr, enum storage_kind kind);

/*
 * Call @fn for every block @mm owns (crst tables, page tables, frames), in
 * address order, by a scan of the frame descriptors: O(frames ever handed
 * out), for the corrupted case only (mm_destroy, the checker).  @fn may free
 * the block it is given.
 */
void mm_for_each_owned(const struct mm_struct *mm,
		       void (*fn)(void *arg, uint64_t aaddr, enum storage_kind kind), void *arg);

#endif
