/* SPDX-License-Identifier: MIT */
/*
 * libgmap kernel shim: <linux/mm_types.h> — struct page, struct mm_struct,
 * struct vm_area_struct with the fields arch/s390/mm uses.
 *
 * struct page: one per 4 KB frame of the simulated storage, in a host-side
 * array (`vmemmap`, owned by kernel/shim/page.c); the frame's bytes are in
 * simulated storage.  mm_struct: the kernel's view of a libgmap mm (the
 * harness keeps pgd/context.asce in step with it, see kernel/harness).
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H
#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/rwsem.h>
#include <linux/atomic.h>
#include <linux/cpumask.h>
#include <linux/mm_types_task.h>
#include <asm/page.h>
#include <asm/mmu.h>

struct address_space;
struct mmu_gather;
typedef struct {
	unsigned long val;
} swp_entry_t;
struct mm_struct;

struct page {
	unsigned long flags;
	union {
		struct {
			struct list_head lru;
			struct address_space *mapping;
			unsigned long index;
			unsigned long private;
		};
		struct {
			struct rcu_head rcu_head;
		};
		struct {
			unsigned long _pt_pad_1;
			unsigned long _pt_pad_2;
			unsigned long _pt_pad_3;
			unsigned long pt_index;
			union {
				struct mm_struct *pt_mm;
				atomic_t pt_frag_refcount;
			};
			spinlock_t ptl;
		};
	};
	atomic_t _mapcount;
	atomic_t _refcount;
	unsigned long memcg_data;
	unsigned int shim_order; /* harness: the allocation order (head page) */
	int shim_kind;           /* harness: the libgmap block kind (KHB_*) */
};

/* 6.6+: page-table descriptors overlay struct page (see mm_types.h of
 * those trees); the fields the s390 code uses sit where theirs do. */
struct ptdesc {
	unsigned long __page_flags;
	union {
		struct rcu_head pt_rcu_head;
		struct list_head pt_list;
		struct {
			unsigned long _pt_pad_1;
			pgtable_t pmd_huge_pte;
		};
	};
	unsigned long __page_mapping;
	union {
		pgoff_t pt_index;
		struct mm_struct *pt_mm;
		atomic_t pt_frag_refcount;
		atomic_t pt_share_count;
	};
	union {
		unsigned long _pt_pad_2;
		spinlock_t ptl;
	};
	unsigned int __page_type;
	atomic_t __page_refcount;
	unsigned long pt_memcg_data;
};
#define page_ptdesc(p) ((struct ptdesc *)(void *)(p))
#define ptdesc_page(pt) ((struct page *)(void *)(pt))
#define virt_to_ptdesc(x) page_ptdesc(virt_to_page(x))
#define ptdesc_to_virt(pt) page_to_virt(ptdesc_page(pt))
#define ptdesc_address(pt) page_to_virt(ptdesc_page(pt))

typedef unsigned long vm_flags_t;

struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;
	struct mm_struct *vm_mm;
	pgprot_t vm_page_prot;
#if SHIM_LINUX_VERSION >= 0x060300 /* 6.3: vm_flags changed only through helpers */
	union {
		const vm_flags_t vm_flags;
		vm_flags_t __vm_flags;
	};
#else
	vm_flags_t vm_flags;
#endif
	void *shim_slot;
};

struct mm_struct {
	pgd_t *pgd;
	unsigned long task_size;
	unsigned long def_flags;
	atomic_t mm_users;
	atomic_t mm_count;
	spinlock_t page_table_lock;
	struct rw_semaphore mmap_lock;
	mm_context_t context;
	unsigned long flags;
	pgtable_t pmd_huge_pte;
	unsigned long pgtables_bytes;
	atomic_t tlb_flush_pending; /* mmu_gathers in progress */
	/* harness: the libgmap mm this is the kernel's view of */
	void *shim_mm;
	struct cpumask shim_cpumask;
};
#define mm_cpumask(mm) (&(mm)->context.cpu_attach_mask)

typedef unsigned int vm_fault_t;

#if SHIM_LINUX_VERSION >= 0x060500
/* A page pointer with flags in its low bits, or a page count, as the
 * mmu_gather passes pages to free_pages_and_swap_cache() (6.5+). */
struct encoded_page;
#define ENCODED_PAGE_BITS 3ul
#define ENCODED_PAGE_BIT_DELAY_RMAP 1ul
#define ENCODED_PAGE_BIT_NR_PAGES_NEXT 2ul
static inline struct encoded_page *encode_page(struct page *page, unsigned long flags)
{
	return (struct encoded_page *)(flags | (unsigned long)page);
}
static inline struct encoded_page *encode_nr_pages(unsigned long nr)
{
	return (struct encoded_page *)(nr << 2);
}
#endif

/* mmu_gather bookkeeping (mm/mmu_gather.c, kernel/shim/mmu_gather.c) */
struct mmu_gather;
void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm);
void tlb_gather_mmu_fullmm(struct mmu_gather *tlb, struct mm_struct *mm);
void tlb_finish_mmu(struct mmu_gather *tlb);
#endif
