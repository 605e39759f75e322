/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/swap.h> — the simulation never swaps: a swap
 * pte is never created, and the calls that act on one stop the test. */
#ifndef _LINUX_SWAP_H
#define _LINUX_SWAP_H
#include <linux/mm.h>
/* asm/tlb.h includes this before its inline pte_free_tlb() calls
 * page_table_free_rcu(): the kernel's header chain has declared the
 * pgalloc.h functions by then, this one does it here. */
#include <asm/pgalloc.h>
/* The mmu_gather's page freeing (asm/tlb.h __tlb_remove_page_size and
 * __tlb_remove_folio_pages): the process's pages are zapped by libgmap's
 * mm, never through an mmu_gather, so these are never reached. */
struct encoded_page;
#define free_page_and_swap_cache(p) \
	shim_unmodelled(__FILE__, __LINE__, "free_page_and_swap_cache (mmu_gather page freeing)")
#define free_pages_and_swap_cache(p, n) \
	shim_unmodelled(__FILE__, __LINE__, "free_pages_and_swap_cache (mmu_gather page freeing)")
#define free_swap_and_cache(e) shim_unmodelled(__FILE__, __LINE__, "free_swap_and_cache")
#endif
