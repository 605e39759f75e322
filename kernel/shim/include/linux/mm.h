/* SPDX-License-Identifier: MIT */
/*
 * libgmap kernel shim: <linux/mm.h> — the parts of the core-mm API that
 * arch/s390/mm calls.  The process behind it is a libgmap mm: VMAs, demand
 * faults and page-table allocation are libgmap's (kernel/shim/mm.c bridges
 * them), the page tables are the bytes libgmap's mm wrote into storage and
 * are walked here with the tree's own pgd/p4d/pud/pmd_offset.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/rculist.h>
#include <linux/mm_types.h>
#include <linux/mmap_lock.h>
#include <linux/page-flags.h>
#include <linux/pgtable.h>
#include <linux/pfn.h>
#include <linux/sched.h>
#include <asm/page.h>

extern unsigned long totalram_pages_shim;
#define totalram_pages() totalram_pages_shim

/* ---- VMA flags ------------------------------------------------------- */
#define VM_NONE 0x00000000UL
#define VM_READ 0x00000001UL
#define VM_WRITE 0x00000002UL
#define VM_EXEC 0x00000004UL
#define VM_SHARED 0x00000008UL
#define VM_MAYREAD 0x00000010UL
#define VM_MAYWRITE 0x00000020UL
#define VM_MAYEXEC 0x00000040UL
#define VM_MAYSHARE 0x00000080UL
#define VM_GROWSDOWN 0x00000100UL
#define VM_PFNMAP 0x00000400UL
#define VM_LOCKED 0x00002000UL
#define VM_IO 0x00004000UL
#define VM_DONTCOPY 0x00020000UL
#define VM_DONTEXPAND 0x00040000UL
#define VM_ACCOUNT 0x00100000UL
#define VM_NORESERVE 0x00200000UL
#define VM_HUGETLB 0x00400000UL
#define VM_MIXEDMAP 0x10000000UL
#define VM_HUGEPAGE 0x20000000UL
#define VM_NOHUGEPAGE 0x40000000UL
#define VM_MERGEABLE 0x80000000UL
#define VM_SOFTDIRTY 0
#define VM_DATA_FLAGS_NON_EXEC (VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC)

#if SHIM_LINUX_VERSION >= 0x060300
static inline void vm_flags_set(struct vm_area_struct *vma, vm_flags_t f) { vma->__vm_flags |= f; }
static inline void vm_flags_clear(struct vm_area_struct *vma, vm_flags_t f) { vma->__vm_flags &= ~f; }
static inline void vm_flags_mod(struct vm_area_struct *vma, vm_flags_t set, vm_flags_t clear)
{ vma->__vm_flags = (vma->__vm_flags | set) & ~clear; }
static inline void vm_flags_reset(struct vm_area_struct *vma, vm_flags_t f) { vma->__vm_flags = f; }
#endif

/* ---- faults ---------------------------------------------------------- */
#define FAULT_FLAG_WRITE 0x01u
#define FAULT_FLAG_MKWRITE 0x02u
#define FAULT_FLAG_ALLOW_RETRY 0x04u
#define FAULT_FLAG_RETRY_NOWAIT 0x08u
#define FAULT_FLAG_KILLABLE 0x10u
#define FAULT_FLAG_TRIED 0x20u
#define FAULT_FLAG_USER 0x40u
#define FAULT_FLAG_REMOTE 0x80u
#define FAULT_FLAG_INSTRUCTION 0x100u
#define FAULT_FLAG_INTERRUPTIBLE 0x200u
#define FAULT_FLAG_UNSHARE 0x400u
#define VM_FAULT_OOM 0x000001u
#define VM_FAULT_SIGBUS 0x000002u
#define VM_FAULT_MAJOR 0x000004u
#define VM_FAULT_SIGSEGV 0x000040u
#define VM_FAULT_RETRY 0x000400u
#define VM_FAULT_ERROR (VM_FAULT_OOM | VM_FAULT_SIGBUS | VM_FAULT_SIGSEGV)

/*
 * fixup_user_fault() - resolve a fault at @address of @mm as the CPU would
 * have: libgmap's mm_fault() (demand-allocates tables and a zeroed frame,
 * or makes a present read-only pte writable for FAULT_FLAG_WRITE).  The
 * caller holds mmap_lock (BUG otherwise); the lock is never dropped, so
 * *@unlocked stays false.  Returns 0, -EFAULT or -ENOMEM.
 */
int fixup_user_fault(struct mm_struct *mm, unsigned long address, unsigned int fault_flags,
		     bool *unlocked);

/* ---- VMAs: the libgmap mm's VMAs, seen through kernel-side copies that
 * live until the next call of mmap_*_unlock. ---------------------------- */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr);
struct vma_iterator {
	struct mm_struct *mm;
	unsigned long addr;
};
#define VMA_ITERATOR(name, mm_, addr_) struct vma_iterator name = { .mm = (mm_), .addr = (addr_) }
static inline struct vm_area_struct *vma_next(struct vma_iterator *vmi)
{
	struct vm_area_struct *vma = find_vma(vmi->mm, vmi->addr);

	if (vma)
		vmi->addr = vma->vm_end;
	return vma;
}
#define for_each_vma(vmi, vma) while (((vma) = vma_next(&(vmi))) != NULL)
#define for_each_vma_range(vmi, vma, end) \
	while (((vma) = vma_next(&(vmi))) != NULL && (vma)->vm_start < (end))
#define vma_is_anonymous(vma) 1

/* zap_page_range(): drop the pages of [start, start+size) — libgmap's
 * mm_zap(): every present pte is invalidated (through the kernel's pgste
 * pte-exchange, so notifiers fire) and its frame freed; page tables stay. */
void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long size);
void zap_page_range_single(struct vm_area_struct *vma, unsigned long start, unsigned long size,
			   void *details);

/* ---- struct page ----------------------------------------------------- */
static inline int page_count(const struct page *p) { return atomic_read(&p->_refcount); }
static inline void get_page(struct page *p) { BUG_ON(atomic_fetch_add(1, &p->_refcount) <= 0); }
void shim_put_page(struct page *p);
#define put_page(p) shim_put_page(p)
static inline void set_page_count(struct page *p, int v) { atomic_set(&p->_refcount, v); }
static inline void init_page_count(struct page *p) { set_page_count(p, 1); }
static inline int page_ref_inc_return(struct page *p) { return atomic_inc_return(&p->_refcount); }
#define page_ref_inc(p) atomic_inc(&(p)->_refcount)
#define page_ref_dec(p) atomic_dec(&(p)->_refcount)
static inline void *lowmem_page_address(const struct page *page) { return page_to_virt(page); }
#define page_address(p) lowmem_page_address(p)
static inline struct page *compound_head(struct page *p) { return p; }

/*
 * Page-table page constructors: no split ptlocks (the lock is the mm's)
 * and no lruvec accounting, so they cannot fail; they mark the page a page
 * table (PageTable, PG_shim_table) and the destructor unmarks it.
 * Constructing a page twice, destroying an unmarked one, or freeing a
 * marked one (the kernel's bad_page "nonzero page_type") is a BUG.
 */
static inline bool shim_pgtable_ctor(struct page *p)
{
	if (SHIM_PAGE_FLAGS(p) & (1UL << PG_shim_table))
		shim_bug(__FILE__, __LINE__, "page-table constructor on a page table");
	SHIM_PAGE_FLAGS(p) |= 1UL << PG_shim_table;
	return true;
}
static inline void shim_pgtable_dtor(struct page *p)
{
	if (!(SHIM_PAGE_FLAGS(p) & (1UL << PG_shim_table)))
		shim_bug(__FILE__, __LINE__, "page-table destructor on a page that is no page table");
	SHIM_PAGE_FLAGS(p) &= ~(1UL << PG_shim_table);
}
static inline bool pgtable_pmd_page_ctor(struct page *p) { return shim_pgtable_ctor(p); }
static inline void pgtable_pmd_page_dtor(struct page *p) { shim_pgtable_dtor(p); }
static inline bool pgtable_pte_page_ctor(struct page *p) { return shim_pgtable_ctor(p); }
static inline void pgtable_pte_page_dtor(struct page *p) { shim_pgtable_dtor(p); }
static inline int PageTable(struct page *p) { return (SHIM_PAGE_FLAGS(p) >> PG_shim_table) & 1; }

/* The order a page was allocated with (alloc_pages / pagetable_alloc),
 * kept in the head page; 0 for any other page. */
static inline unsigned int compound_order(struct page *p) { return p->shim_order; }

/* dump_page(): what the kernel prints about a page it found wrong. */
void dump_page(struct page *page, const char *reason);

/* Page-table accounting (mm->pgtables_bytes, CONFIG_PGTABLE_LEVELS > 3). */
static inline void mm_inc_nr_puds(struct mm_struct *mm) { mm->pgtables_bytes += PTRS_PER_PUD * sizeof(pud_t); }
static inline void mm_dec_nr_puds(struct mm_struct *mm) { mm->pgtables_bytes -= PTRS_PER_PUD * sizeof(pud_t); }
static inline void mm_inc_nr_pmds(struct mm_struct *mm) { mm->pgtables_bytes += PTRS_PER_PMD * sizeof(pmd_t); }
static inline void mm_dec_nr_pmds(struct mm_struct *mm) { mm->pgtables_bytes -= PTRS_PER_PMD * sizeof(pmd_t); }
static inline void mm_inc_nr_ptes(struct mm_struct *mm) { mm->pgtables_bytes += PTRS_PER_PTE * sizeof(pte_t); }
static inline void mm_dec_nr_ptes(struct mm_struct *mm) { mm->pgtables_bytes -= PTRS_PER_PTE * sizeof(pte_t); }

#ifndef pmd_pgtable_page
/* the page of the 16 KB table holding @pmd (its first frame) */
static inline struct page *pmd_pgtable_page(pmd_t *pmd)
{
	unsigned long mask = ~(PTRS_PER_PMD * sizeof(pmd_t) - 1);

	return virt_to_page((void *)((unsigned long)pmd & mask));
}
#endif
static inline bool pagetable_pmd_ctor(struct ptdesc *pt) { return shim_pgtable_ctor(ptdesc_page(pt)); }
static inline void pagetable_pmd_dtor(struct ptdesc *pt) { shim_pgtable_dtor(ptdesc_page(pt)); }
static inline bool pagetable_pte_ctor(struct ptdesc *pt) { return shim_pgtable_ctor(ptdesc_page(pt)); }
static inline void pagetable_pte_dtor(struct ptdesc *pt) { shim_pgtable_dtor(ptdesc_page(pt)); }

static inline bool is_cow_mapping(vm_flags_t flags)
{
	return (flags & (VM_SHARED | VM_MAYWRITE)) == VM_MAYWRITE;
}

/* handle_mm_fault(): libgmap's demand fault; FAULT_FLAG_WRITE and
 * FAULT_FLAG_UNSHARE fault for write.  0, VM_FAULT_SIGSEGV or VM_FAULT_OOM. */
struct pt_regs;
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address, unsigned int flags,
			   struct pt_regs *regs);

/* ---- folios: one page each (no large folios are created) -------------- */
struct folio {
	union {
		struct page page;
		unsigned long flags;
	};
};
#define page_folio(p) ((struct folio *)(void *)(p))
#define folio_page(f, n) (&(f)->page + (n))
#define pfn_folio(pfn) page_folio(pfn_to_page(pfn))
#define folio_put(f) put_page(&(f)->page)
#define folio_get(f) get_page(&(f)->page)
#define folio_test_large(f) ((void)(f), 0)
#define folio_nr_pages(f) ((void)(f), 1L)

/* THP deposit slot: one per mm, as without split pmd ptlocks. */
#define pmd_huge_pte(mm, pmd) ((mm)->pmd_huge_pte)

/* ---- page-table locks: one lock per mm (no split ptlocks) ------------- */
static inline spinlock_t *pmd_lockptr(struct mm_struct *mm, pmd_t *pmd)
{
	(void)pmd;
	return &mm->page_table_lock;
}
static inline spinlock_t *pmd_lock(struct mm_struct *mm, pmd_t *pmd)
{
	spinlock_t *ptl = pmd_lockptr(mm, pmd);

	spin_lock(ptl);
	return ptl;
}
static inline spinlock_t *pte_lockptr(struct mm_struct *mm, pmd_t *pmd)
{
	(void)pmd;
	return &mm->page_table_lock;
}
#define pte_offset_map_lock(mm, pmd, address, ptlp)                   \
	({                                                            \
		spinlock_t *__ptl = pte_lockptr(mm, pmd);             \
		pte_t *__pte = pte_offset_map(pmd, address);          \
		*(ptlp) = __ptl;                                      \
		spin_lock(__ptl);                                     \
		__pte;                                                \
	})
#define pte_unmap_unlock(pte, ptl) do { spin_unlock(ptl); pte_unmap(pte); } while (0)

/* Allocation of missing levels goes to libgmap's mm (it owns the process
 * tables): after it the tree's own *_offset helpers find them. */
int shim_mm_alloc_pte_table(struct mm_struct *mm, unsigned long addr);
int shim_mm_alloc_pmd(struct mm_struct *mm, unsigned long addr);
static inline p4d_t *p4d_alloc(struct mm_struct *mm, pgd_t *pgd, unsigned long a)
{ return shim_mm_alloc_pmd(mm, a) ? NULL : p4d_offset(pgd, a); }
static inline pud_t *pud_alloc(struct mm_struct *mm, p4d_t *p4d, unsigned long a)
{ return shim_mm_alloc_pmd(mm, a) ? NULL : pud_offset(p4d, a); }
static inline pmd_t *pmd_alloc(struct mm_struct *mm, pud_t *pud, unsigned long a)
{ return shim_mm_alloc_pmd(mm, a) ? NULL : pmd_offset(pud, a); }
pte_t *shim_pte_alloc_map_lock(struct mm_struct *mm, pmd_t *pmd, unsigned long addr, spinlock_t **ptl);
#define pte_alloc_map_lock(mm, pmd, address, ptlp) shim_pte_alloc_map_lock(mm, pmd, address, ptlp)
pte_t *__get_locked_pte(struct mm_struct *mm, unsigned long addr, spinlock_t **ptl);
static inline pte_t *get_locked_pte(struct mm_struct *mm, unsigned long addr, spinlock_t **ptl)
{
	return __get_locked_pte(mm, addr, ptl);
}

/* ---- counters (reached only on swap paths, which are not modelled) ---- */
enum { MM_FILEPAGES, MM_ANONPAGES, MM_SWAPENTS, MM_SHMEMPAGES };
#define dec_mm_counter(mm, member) ((void)(mm), (void)(member), shim_unmodelled(__FILE__, __LINE__, "dec_mm_counter (swap)"))
#define inc_mm_counter(mm, member) ((void)(mm), (void)(member), shim_unmodelled(__FILE__, __LINE__, "inc_mm_counter (swap)"))

extern struct mm_struct init_mm;

#define offset_in_page(p) ((unsigned long)(p) & ~PAGE_MASK)

#if SHIM_LINUX_VERSION >= 0x060700 /* mm_counter() takes a folio since 6.7 */
static inline int mm_counter(struct folio *folio) { (void)folio; return MM_ANONPAGES; }
#else
static inline int mm_counter(struct page *page) { (void)page; return MM_ANONPAGES; }
#endif
#include <linux/huge_mm.h>
#include <linux/hugetlb.h>
#endif
