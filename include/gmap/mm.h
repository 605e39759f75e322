/* SPDX-License-Identifier: MIT */
/*
 * mm — a simulated process address space built the way Linux s390 builds
 * one (arch/s390/mm/pgtable.c, include/asm/pgalloc.h of v3.1):
 *
 *  - VMAs in an ordered tree (libbsd <sys/tree.h>);
 *  - crst tables of 2048 entries (16 KB) and page tables of 256 PTEs
 *    (2 KB fragments, two per 4 KB frame), or, for an mm created with
 *    MM_PGSTE, 4 KB page tables holding 256 PTEs + 256 PGSTEs, each with a
 *    struct gmap_pgtable attached (vmaddr, mapper list) — the kernel's
 *    page_table_alloc_pgste();
 *  - the process ASCE starts as a region-third table (4 TB) and is upgraded
 *    to region-second / region-first when a mapping needs it
 *    (crst_table_upgrade);
 *  - demand faults allocate zeroed frames; munmap invalidates PTEs with IPTE
 *    and frees page tables no VMA covers any more, calling the gmap unmap
 *    notifier *before* the table is freed (page_table_free_rcu);
 *  - mm_tlb_flush_mm() is the seed's __tlb_flush_mm policy.
 *
 * The structures are visible so that checkers, dumps and tests can read
 * them; only this module and gmap change them.
 *
 * Layer mm (docs/layers.txt): includes only headers of its layer and below.
 */
#ifndef GMAP_MM_H
#define GMAP_MM_H

#include <bsd/sys/queue.h>
#include <bsd/sys/tree.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gmap/cpu.h"
#include "gmap/dat.h"
#include "gmap/machine.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Protection bits of a VMA (the POSIX PROT_* values). */
#define MM_PROT_NONE 0u
#define MM_PROT_READ 1u
#define MM_PROT_WRITE 2u
#define MM_PROT_EXEC 4u

/* mm_mmap() flags */
#define MM_MAP_FIXED 1u /* map exactly at addr, replacing what is there */

/* mm_create() flags */
#define MM_PGSTE 1u /* page tables carry PGSTEs (s390_enable_sie done at creation) */

/* mm_struct.magic of a live mm ("mm live"); a destroyed one reads MM_MAGIC_DEAD. */
#define MM_MAGIC 0x6d6d206c69766521ULL
#define MM_MAGIC_DEAD 0x6d6d206465616421ULL

/* mm_fault() flags */
#define MM_FAULT_WRITE 1u
#define MM_FAULT_EXEC 2u

/* Address-space limits of the process ASCE types (crst_table_upgrade). */
#define MM_LIMIT_REGION3 (1ULL << 42) /* 4 TB */
#define MM_LIMIT_REGION2 (1ULL << 53) /* 8 PB */
/* a region-first ASCE covers the whole 64-bit space: limit 0 means 2^64 */

struct gmap;
struct gmap_pgtable;
struct mm_struct;

/**
 * struct mm_pt_ops - page tables of a pgste mm made and freed by an
 * embedder (the kernel harness runs the kernel's arch/s390/mm/pgalloc.c).
 * @alloc:    a STORAGE_PT_PGSTE block holding 256 invalid ptes and 256
 *            zero pgstes at *@table; 0 or -ENOMEM (nothing allocated).
 * @free:     free, at once, a table no CPU or gmap has seen (rollback).
 * @free_rcu: a table the mm has unhooked (pmd cleared, TLB flushed) and no
 *            longer owns: unlink the gmaps, free the block (storage_free())
 *            when the embedder's grace period ends.
 * The mm tags, counts and untags the tables as with its own allocator; it
 * gives a table up (untag, nr_ptes--, its gmap_pgtable freed) before
 * @free / @free_rcu, and calls no unmap_notifier for it.
 */
struct mm_pt_ops {
	int (*alloc)(struct mm_struct *mm, uint64_t vmaddr, uint64_t *table);
	void (*free)(struct mm_struct *mm, uint64_t table);
	void (*free_rcu)(struct mm_struct *mm, uint64_t table, uint64_t vmaddr);
};

/** struct vm_area_struct - one VMA: [vm_start, vm_end), page aligned. */
struct vm_area_struct {
	RB_ENTRY(vm_area_struct) vm_rb;
	uint64_t vm_start;
	uint64_t vm_end;
	unsigned vm_prot; /* MM_PROT_* */
};

RB_HEAD(mm_vma_tree, vm_area_struct);
LIST_HEAD(gmap_head, gmap);

/**
 * struct mm_struct - a process address space.
 * @machine:   the machine it lives on.
 * @pgd:       absolute address of the top crst table.
 * @asce_bits: type and length bits of the ASCE (_ASCE_TYPE_* | TL | user bits).
 * @asce_limit: first address the ASCE cannot reach (0 = none: region first).
 * @mm_rb:     the VMAs.
 * @context.gmap_list: gmaps of this mm (mm_context_t.gmap_list, seed v3.1).
 * @context.has_pgste: page tables are 4 KB with PGSTEs; fixed at creation.
 * @unmap_notifier: set by the gmap layer; called with each page table about
 *             to be freed (gmap_unmap_notifier).
 * @pte_notifier: set by the shadow layer; called when a pte armed with
 *             PGSTE notification bits changes (ptep_notify, lib/shadow.c).
 */
struct mm_struct {
	uint64_t magic;   /* MM_MAGIC while live (mm_destroy() poisons it) */
	struct gm_machine *machine;
	TAILQ_ENTRY(mm_struct) machine_link;
	uint64_t pgd;
	uint64_t asce_bits;
	uint64_t asce_limit;
	struct mm_vma_tree mm_rb;
	unsigned map_count;
	struct {
		struct gmap_head gmap_list;
		bool has_pgste;
	} context;
	void (*unmap_notifier)(struct mm_struct *mm, uint64_t table);
	/* Set by an embedder that runs the kernel's pgste pte logic (the
	 * kernel harness, kernel/): every replacement of a pte this mm makes
	 * (zap, protect, write upgrade) is handed to it — it must leave
	 * @val at @ptep with the TLBs purged — instead of IPTE + store. */
	void (*pte_xchg)(struct mm_struct *mm, uint64_t vmaddr, uint64_t ptep, uint64_t val);
	void *embedder; /* free for that embedder */
	/* Set by an embedder whose kernel code makes and frees the page
	 * tables of this pgste mm (struct mm_pt_ops); NULL: the mm's own. */
	const struct mm_pt_ops *pt_ops;
	/* called by pgste_pte_change() when an armed pte changes (include/gmap/pgste.h) */
	void (*pte_notifier)(struct mm_struct *mm, uint64_t vmaddr, uint64_t ptep, uint64_t bits);
	/* statistics */
	uint64_t nr_ptes;   /* page tables */
	uint64_t nr_crst;   /* crst tables, the top one included */
	uint64_t rss;       /* data frames mapped */
	uint64_t flushes_full;
	uint64_t flushes_asce;
};

/**
 * mm_create() - a fresh, empty process address space on @m.
 * @flags: 0 or MM_PGSTE.
 * The top table is a region-third table filled with _REGION3_ENTRY_EMPTY.
 * Return: 0, -EINVAL (NULL, unknown flags), -ENOMEM (nothing allocated).
 */
int mm_create(struct gm_machine *m, unsigned flags, struct mm_struct **out);

/**
 * mm_destroy() - tear down the address space: every VMA, frame, page table
 * and crst table (also those a raw store into storage cut off the tables).
 * NULL is a no-op returning 0.  After it returns 0 the handle is invalid:
 * see "Handles after destruction" in docs/design.md — every mm_* call that
 * returns an int gives -EINVAL (pointer-returning ones NULL) for a handle
 * among the last MACHINE_QUARANTINE destroyed on its machine, so a double
 * destroy is -EINVAL; beyond that, and after machine_destroy(), using it is
 * undefined behaviour.
 * Return: 0, -EBUSY while gmaps are attached (nothing is freed then),
 * -EINVAL (a destroyed mm still in quarantine).
 */
int mm_destroy(struct mm_struct *mm);

/** mm_asce() - the process ASCE: pgd | asce_bits (as loaded into user_asce). */
uint64_t mm_asce(const struct mm_struct *mm);

/**
 * mm_mmap() - create an anonymous private mapping.
 * @addr:  with MM_MAP_FIXED the exact, page-aligned start (existing pages
 *         in the range are unmapped first); otherwise a hint: the lowest free
 *         range at or above it (at or above 1 MB when 0) is used.
 * @len:   bytes, rounded up to a page; 0 → -EINVAL.
 * @prot:  MM_PROT_* bits.
 * @out:   receives the start address (may be NULL).
 * The ASCE is upgraded when the range lies beyond the current limit.
 * Return: 0, -EINVAL (misaligned fixed address, zero or wrapping length,
 * bad flags/prot), -ENOMEM (no room or allocation failure; state unchanged).
 */
int mm_mmap(struct mm_struct *mm, uint64_t addr, uint64_t len, unsigned prot, unsigned flags,
	    uint64_t *out);

/**
 * mm_munmap() - remove [addr, addr+len) (len rounded up to a page): each
 * valid PTE is invalidated with IPTE and its frame freed; page tables whose
 * 1 MB segment no VMA covers any more are freed (the gmap notifier runs
 * first).  Unmapping holes is not an error.
 * Return: 0, -EINVAL (misaligned addr, zero or wrapping len), -ENOMEM (a
 * VMA split failed; state unchanged).
 */
int mm_munmap(struct mm_struct *mm, uint64_t addr, uint64_t len);

/**
 * mm_zap() - drop the pages of [addr, addr+len) (len rounded up to a page),
 * as MADV_DONTNEED / zap_page_range: each present PTE is replaced by an
 * empty one (IPTE first) and its frame freed; VMAs and page tables stay, so
 * the next access demand-faults a zeroed page.
 * Return: 0, -EINVAL (NULL, misaligned addr, zero or wrapping len).
 */
int mm_zap(struct mm_struct *mm, uint64_t addr, uint64_t len);

/**
 * mm_mprotect() - change the protection of [addr, addr+len); present PTEs
 * are updated (IPTE, then the new value), PROT_NONE pages keep their frame.
 * Return: 0, -EINVAL (misaligned, bad prot), -ENOMEM (part of the range is
 * not mapped, or a VMA split failed; state unchanged).
 */
int mm_mprotect(struct mm_struct *mm, uint64_t addr, uint64_t len, unsigned prot);

/**
 * mm_fault() - the demand fault (handle_mm_fault) at @vmaddr: allocate the
 * crst/page tables down to the PTE and a zeroed frame if the PTE is empty;
 * make a present read-only PTE writable for a write fault on a writable VMA.
 * Return: 0, -EFAULT (no VMA, or the VMA forbids the access), -ENOMEM
 * (state unchanged).
 */
int mm_fault(struct mm_struct *mm, uint64_t vmaddr, unsigned flags);

/**
 * mm_read() / mm_write() - the process reads/writes @len bytes at @vmaddr
 * as user space would: through its own ASCE, demand-faulting as needed.
 * All or nothing: every page is faulted in before a byte is copied, and a
 * failure on any page takes back the faults of the pages before it, so on
 * an error the mm and storage are exactly as before and nothing was copied
 * (Linux would leave the earlier pages faulted in and written).
 * Return: 0, -EFAULT (an unmapped or protected byte), -ENOMEM, -EINVAL
 * (NULL mm, NULL buffer with @len > 0).
 */
int mm_read(struct mm_struct *mm, uint64_t vmaddr, void *buf, size_t len);
/** mm_write() - the process writes @len bytes at @vmaddr; see mm_read(). */
int mm_write(struct mm_struct *mm, uint64_t vmaddr, const void *buf, size_t len);

/**
 * mm_translate() - walk the process tables for @vmaddr with no fault
 * handling (dat_translate() with the process ASCE and the current CPU's
 * prefix).  Return: as dat_translate().
 */
int mm_translate(struct mm_struct *mm, uint64_t vmaddr, enum dat_access acc,
		 struct dat_result *res);

/** mm_find_vma() - the VMA containing @vmaddr, or the first one above it, or NULL (find_vma). */
struct vm_area_struct *mm_find_vma(struct mm_struct *mm, uint64_t vmaddr);

/**
 * mm_pmd() - walk to the segment-table entry (the kernel's pmd) for @vmaddr.
 * @alloc: allocate missing region/segment tables (pud_alloc, pmd_alloc) and
 *         upgrade the ASCE if needed.
 * @pmd:   receives the absolute address of the STE.
 * Return: 0, -EFAULT (!@alloc and a table is missing, or beyond the limit),
 * -ENOMEM (state unchanged).
 */
int mm_pmd(struct mm_struct *mm, uint64_t vmaddr, bool alloc, uint64_t *pmd);

/**
 * mm_pte_table() - the page table covering @vmaddr (__pte_alloc when
 * @alloc and the STE is invalid).  @pto receives its origin.
 * Return: 0, -EFAULT (missing and !@alloc), -ENOMEM.
 */
int mm_pte_table(struct mm_struct *mm, uint64_t vmaddr, bool alloc, uint64_t *pto);

/**
 * page_table_alloc() - allocate an empty page table for the segment of
 * @vmaddr: a 2 KB fragment filled with _PAGE_TYPE_EMPTY, or for a pgste mm
 * a 4 KB table (256 PTEs = 0x400, 256 PGSTEs = 0) with a gmap_pgtable
 * (vmaddr & PMD_MASK, empty mapper) attached.  It is not linked anywhere.
 * Return: 0 and @table, or -ENOMEM (nothing allocated).
 */
int page_table_alloc(struct mm_struct *mm, uint64_t vmaddr, uint64_t *table);

/**
 * page_table_free() - free a page table: for a pgste mm, the unmap
 * notifier runs first, then the gmap_pgtable and the table are freed.
 * The caller has unlinked it from the STE.
 */
void page_table_free(struct mm_struct *mm, uint64_t table);

/** mm_pgtable() - the gmap_pgtable of a pgste page table, or NULL. */
struct gmap_pgtable *mm_pgtable(struct mm_struct *mm, uint64_t table);

/**
 * mm_tlb_flush_mm() - the kernel's __tlb_flush_mm as changed by the seed:
 * an IDTE clearing by the process ASCE when gmap_list is empty and the
 * machine has IDTE, otherwise a full purge of every CPU (CSP).
 */
void mm_tlb_flush_mm(struct mm_struct *mm);

/**
 * mm_switch() - run this mm on @cpu: store its ASCE in the lowcore field
 * user_asce (0x318) and load CR1 and CR7 with it (switch_mm).
 */
void mm_switch(struct mm_struct *mm, struct gm_cpu *cpu);

/** mm_vma_first() / mm_vma_next() - iterate the VMAs in address order. */
struct vm_area_struct *mm_vma_first(struct mm_struct *mm);
struct vm_area_struct *mm_vma_next(struct mm_struct *mm, struct vm_area_struct *vma);

#ifdef __cplusplus
}
#endif

#endif /* GMAP_MM_H */
