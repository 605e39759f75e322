/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/swapops.h> — swap entries are decoded with
 * the tree's __swp_* helpers; the simulation creates none. */
#ifndef _LINUX_SWAPOPS_H
#define _LINUX_SWAPOPS_H
#include <linux/mm.h>
static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	swp_entry_t arch = __pte_to_swp_entry(pte);

	return arch;
}
static inline bool non_swap_entry(swp_entry_t e) { (void)e; return false; }
static inline bool is_migration_entry(swp_entry_t e) { (void)e; return false; }
static inline struct page *pfn_swap_entry_to_page(swp_entry_t e)
{
	(void)e;
	shim_unmodelled(__FILE__, __LINE__, "pfn_swap_entry_to_page");
}
static inline struct folio *pfn_swap_entry_folio(swp_entry_t e)
{
	(void)e;
	shim_unmodelled(__FILE__, __LINE__, "pfn_swap_entry_folio");
}
#endif
