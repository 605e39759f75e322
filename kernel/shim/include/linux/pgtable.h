/* SPDX-License-Identifier: MIT */
/*
 * libgmap kernel shim: <linux/pgtable.h> — the generic page-table helpers
 * the s390 code uses on top of its own <asm/pgtable.h> (which is the
 * tree's, unmodified).  Written from the helpers' documented meaning.
 */
#ifndef _LINUX_PGTABLE_H
#define _LINUX_PGTABLE_H
#include <linux/pfn.h>
#include <asm/pgtable.h>

/* a leaf (large) pmd/pud: pmd_large() until 6.8, pmd_leaf() after */
#if SHIM_LINUX_VERSION >= 0x060800
#define shim_pmd_leaf(pmd) pmd_leaf(pmd)
#define shim_pud_leaf(pud) pud_leaf(pud)
#else
#define shim_pmd_leaf(pmd) pmd_large(pmd)
#define shim_pud_leaf(pud) pud_large(pud)
#endif

#ifndef pte_index
static inline unsigned long pte_index(unsigned long address)
{
	return (address >> PAGE_SHIFT) & (PTRS_PER_PTE - 1);
}
#define pte_index pte_index
#endif
#ifndef pte_offset_kernel
static inline pte_t *pte_offset_kernel(pmd_t *pmd, unsigned long address)
{
	return (pte_t *)pmd_page_vaddr(*pmd) + pte_index(address);
}
#define pte_offset_kernel pte_offset_kernel
#endif
#define pte_offset_map(dir, address) pte_offset_kernel((dir), (address))
#define pte_unmap(pte) ((void)(pte))

static inline pmd_t *pmd_off(struct mm_struct *mm, unsigned long va)
{
	return pmd_offset(pud_offset(p4d_offset(pgd_offset(mm, va), va), va), va);
}

#ifndef ptep_get
static inline pte_t ptep_get(pte_t *ptep) { return READ_ONCE(*ptep); }
#endif
#ifndef pmdp_get
static inline pmd_t pmdp_get(pmd_t *pmdp) { return READ_ONCE(*pmdp); }
#endif
#ifndef pmdp_get_lockless
static inline pmd_t pmdp_get_lockless(pmd_t *pmdp) { return READ_ONCE(*pmdp); }
#endif

/* The end of the entry covering @addr, clamped to @end (next boundary). */
#define pgd_addr_end(addr, end) \
	({ unsigned long __b = ((addr) + PGDIR_SIZE) & PGDIR_MASK; (__b - 1 < (end) - 1) ? __b : (end); })
#ifndef p4d_addr_end
#define p4d_addr_end(addr, end) \
	({ unsigned long __b = ((addr) + P4D_SIZE) & P4D_MASK; (__b - 1 < (end) - 1) ? __b : (end); })
#endif
#ifndef pud_addr_end
#define pud_addr_end(addr, end) \
	({ unsigned long __b = ((addr) + PUD_SIZE) & PUD_MASK; (__b - 1 < (end) - 1) ? __b : (end); })
#endif
#ifndef pmd_addr_end
#define pmd_addr_end(addr, end) \
	({ unsigned long __b = ((addr) + PMD_SIZE) & PMD_MASK; (__b - 1 < (end) - 1) ? __b : (end); })
#endif

/* The process has no zero page: anonymous faults get zeroed frames. */
static inline int is_zero_pfn(unsigned long pfn) { (void)pfn; return 0; }
static inline unsigned long my_zero_pfn(unsigned long addr) { (void)addr; return ~0UL; }

#ifndef pgprot_modify
#define pgprot_modify(old, newprot) (newprot)
#endif
#endif
