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

/* Table level (enum dat_level) of the entries of the process's top table. */
unsigned mm_top_level(const struct mm_struct *mm);

#endif
