/* SPDX-License-Identifier: MIT */
/*
 * libgmap kernel shim: <linux/gfp.h>.  Pages come from libgmap's frame
 * allocator (kernel/shim/page.c): order 0 is a 4 KB frame, order 2 a 16 KB
 * CRST-aligned block; other orders fail the build-time check of
 * shim_alloc_pages at run time with a BUG (the s390 mm code uses only 0 and 2).
 * __GFP_ZERO is honoured; every other flag is accepted and ignored (no
 * reclaim, no NUMA).  Failures happen when libgmap's storage is exhausted or
 * a failure is injected.
 */
#ifndef __LINUX_GFP_H
#define __LINUX_GFP_H
#include <linux/types.h>
#include <linux/gfp_types.h>
struct page;
struct page *shim_alloc_pages(gfp_t gfp, unsigned int order);
void shim_free_pages(struct page *page, unsigned int order);
unsigned long shim_get_free_pages(gfp_t gfp, unsigned int order);
void shim_free_pages_addr(unsigned long addr, unsigned int order);
#define alloc_pages(gfp, order) shim_alloc_pages(gfp, order)
#define alloc_page(gfp) shim_alloc_pages(gfp, 0)
#define __free_pages(page, order) shim_free_pages(page, order)
#define __free_page(page) shim_free_pages(page, 0)
#define __get_free_pages(gfp, order) shim_get_free_pages(gfp, order)
#define __get_free_page(gfp) shim_get_free_pages(gfp, 0)
#define get_zeroed_page(gfp) shim_get_free_pages((gfp) | __GFP_ZERO, 0)
#define free_pages(addr, order) shim_free_pages_addr(addr, order)
#define free_page(addr) shim_free_pages_addr(addr, 0)
#define pagetable_alloc(gfp, order) page_ptdesc(shim_alloc_pages(gfp, order))
/* pagetable_free(): the order it was allocated with (compound_order) */
struct ptdesc;
void shim_pagetable_free(struct ptdesc *pt);
#define pagetable_free(pt) shim_pagetable_free(pt)
#define gfpflags_allow_blocking(gfp) (((gfp) & __GFP_DIRECT_RECLAIM) != 0)
#endif
