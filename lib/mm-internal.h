/* SPDX-License-Identifier: MIT */
/*
 * Private helpers of lib/mm.c that other lib/ modules (gmap, check, dump)
 * may use.  The VMA tree functions are generated once, in lib/mm.c.
 */
#ifndef GMAP_MM_INTERNAL_H
#define GMAP_MM_INTERNAL_H

#include <bsd/sys/tree.h>
#include <stdint.h>

#include "gmap/mm.h"

/* The VMA tree, ordered by vm_start (VMAs never overlap). */
int mm_vma_cmp(const struct vm_area_struct *a, const struct vm_area_struct *b);
RB_PROTOTYPE(mm_vma_tree, vm_area_struct, vm_rb, mm_vma_cmp)

/* Empty value of a crst table whose entries are of @level (enum dat_level):
 * 0x2c, 0x28, 0x24 for region-first/second/third, 0x20 for segment tables. */
uint64_t mm_crst_empty(unsigned level);

/* Table level (enum dat_level) of the entries of the process's top table. */
unsigned mm_top_level(const struct mm_struct *mm);

#endif
