/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/page-flags.h> — no huge, compound, swap-cache
 * or reserved pages exist in the simulation. */
#ifndef PAGE_FLAGS_H
#define PAGE_FLAGS_H
#include <linux/types.h>
struct page;
#define PG_dirty 4
#define PG_arch_1 9
/* PageTable (a page type in the kernel): set by the page-table
 * constructors of linux/mm.h, a BUG when such a page is freed. */
#define PG_shim_table 30
/* The flags word of struct page (first member, see linux/mm_types.h). */
#define SHIM_PAGE_FLAGS(p) (*(unsigned long *)(void *)(p))
static inline int PageDirty(struct page *p) { return (SHIM_PAGE_FLAGS(p) >> PG_dirty) & 1; }
static inline void SetPageDirty(struct page *p) { SHIM_PAGE_FLAGS(p) |= 1UL << PG_dirty; }
static inline void ClearPageDirty(struct page *p) { SHIM_PAGE_FLAGS(p) &= ~(1UL << PG_dirty); }
static inline int PageHuge(const struct page *p) { (void)p; return 0; }
static inline int PageTransHuge(const struct page *p) { (void)p; return 0; }
static inline int PageCompound(const struct page *p) { (void)p; return 0; }
static inline int PageReserved(const struct page *p) { (void)p; return 0; }
static inline int PageSwapCache(const struct page *p) { (void)p; return 0; }
static inline int PageAnon(const struct page *p) { (void)p; return 1; }
#endif
