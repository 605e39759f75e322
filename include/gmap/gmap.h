/* SPDX-License-Identifier: MIT */
/*
 * gmap — the guest address space of KVM on s390, as introduced by the seed
 * commit e5992f2e6c38 "[S390] kvm guest address space mapping" (Linux v3.1,
 * arch/s390/mm/pgtable.c).  A gmap has private region and segment tables
 * (a full region-first hierarchy) whose segment entries *share the page
 * tables of the process* (the mm): the last level is not copied.
 *
 * Guest segment-table entry states (docs/gmap.md has the state machine):
 *   EMPTY   0x20                        invalid, nothing mapped
 *   MAPPED  0x220 | vmaddr              invalid; RO marks "target stored"
 *   LINKED  page-table origin           valid; the process's page table
 *
 * Names and signatures are the kernel's; results follow the kernel's
 * conventions (gmap_alloc → NULL, gmap_fault → -EFAULT/-ENOMEM cast to
 * unsigned long).  Two documented improvements over 2011:
 *   - gmap_unmap_segment() processes the whole range (2011 stopped at the
 *     first invalid region entry);
 *   - an -ENOMEM in gmap_map_segment() leaves the gmap exactly as it was
 *     (2011 unmapped the whole requested range).
 *
 * The kernel uses `unsigned long` for addresses; libgmap keeps the
 * signatures and therefore requires an LP64 host (checked below).
 *
 * Layer gmap (docs/layers.txt): includes only headers of its layer and below.
 */
#ifndef GMAP_GMAP_H
#define GMAP_GMAP_H

#include <bsd/sys/queue.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gmap/cpu.h"
#include "gmap/mm.h"

#ifdef __cplusplus
extern "C" {
#endif

#ifndef __cplusplus
_Static_assert(sizeof(unsigned long) == 8, "libgmap's kernel-named API needs an LP64 host");
#endif

struct gmap_shadow;

/** struct gmap_crst - one region/segment table owned by a gmap (its crst_list). */
struct gmap_crst {
	LIST_ENTRY(gmap_crst) list;
	uint64_t table;   /* absolute address of the 16 KB table */
	uint8_t level;    /* enum dat_level of its entries */
};

LIST_HEAD(gmap_crst_head, gmap_crst);

/**
 * struct gmap - a guest address space.
 * @list:      link on mm->context.gmap_list.
 * @mm:        the process whose page tables it shares.
 * @table:     absolute address of the region-first table.
 * @asce:      table | _ASCE_TYPE_REGION1 | _ASCE_TABLE_LENGTH | _ASCE_USER_BITS
 *             (low 12 bits 0x1cf), loaded into CR1 on SIE entry.
 * @crst_list: every region/segment table of this gmap.
 */
struct gmap {
	uint64_t magic;   /* GMAP_MAGIC while live (gmap_free() poisons it) */
	LIST_ENTRY(gmap) list;
	struct mm_struct *mm;
	uint64_t table;
	uint64_t asce;
	struct gmap_crst_head crst_list;
	uint64_t nr_crst;
	/* Shadow gmaps for vSIE (Linux 4.8 asm/gmap.h; include/gmap/shadow.h). */
	struct gmap *parent;         /* the gmap a shadow shadows; NULL for a seed gmap */
	struct gmap_head children;   /* this gmap's shadows, linked through their list field */
	struct gmap_shadow *shadow;  /* the shadow's own state; NULL for a seed gmap */
	void (*remove_children)(struct gmap *gmap); /* set by lib/shadow.c, run by gmap_free() */
};

/**
 * struct gmap_rmap - reverse mapping: the guest STE at absolute address
 * @entry links the page table whose gmap_pgtable holds this record.
 */
struct gmap_rmap {
	LIST_ENTRY(gmap_rmap) list;
	uint64_t entry;
};

LIST_HEAD(gmap_rmap_head, gmap_rmap);

/**
 * struct gmap_pgtable - attached to every page table of a pgste mm.
 * @vmaddr: the 1 MB-aligned process address the table covers.
 * @mapper: the rmaps of all guest STEs (of all gmaps of the mm) linking it.
 */
struct gmap_pgtable {
	uint64_t vmaddr;
	struct gmap_rmap_head mapper;
	unsigned nr_mappers;
};

/* gmap.magic of a live gmap; a freed one (in quarantine) reads GMAP_MAGIC_DEAD. */
#define GMAP_MAGIC 0x676d6170206c6976ULL
#define GMAP_MAGIC_DEAD 0x676d617020646561ULL

/* The 2011 STE encodings of the three states. */
#define GMAP_STE_EMPTY _SEGMENT_ENTRY_INV                        /* 0x20 */
#define GMAP_STE_MAPPED_BITS (_SEGMENT_ENTRY_INV | _SEGMENT_ENTRY_RO) /* 0x220 */
#define GMAP_ASCE_BITS (_ASCE_TYPE_REGION1 | _ASCE_TABLE_LENGTH | _ASCE_USER_BITS) /* 0x1cf */

enum gmap_ste_state { GMAP_STE_STATE_EMPTY, GMAP_STE_STATE_MAPPED, GMAP_STE_STATE_LINKED, GMAP_STE_STATE_BAD };

/** gmap_ste_state() - classify a guest STE value. */
enum gmap_ste_state gmap_ste_state(uint64_t ste);

/**
 * gmap_alloc() - create a guest address space for @mm: a region-first
 * table filled with _REGION1_ENTRY_EMPTY, put on mm->context.gmap_list.
 * The mm should have been created with MM_PGSTE (the kernel does not check;
 * libgmap returns NULL for a non-pgste mm, since links need gmap_pgtables).
 * Return: the gmap, or NULL (allocation failure, NULL or non-pgste @mm).
 */
struct gmap *gmap_alloc(struct mm_struct *mm);

/**
 * gmap_free() - purge the gmap's TLB entries, unlink every linked STE
 * (removing its rmap), free all crst tables, take it off gmap_list, free
 * it.  Must be disabled first on every CPU (an enabled gmap is disabled).
 * NULL is a no-op.  Afterwards the handle is invalid ("Handles after
 * destruction", docs/design.md): for one of the last MACHINE_QUARANTINE
 * destroyed on its machine, a second gmap_free() and gmap_enable()/
 * gmap_disable()/gmap_flush_tlb() are no-ops, gmap_map_segment()/
 * gmap_unmap_segment() return -EINVAL and gmap_fault() -EFAULT; beyond
 * that, or once its mm or machine is destroyed, using it is undefined.
 */
void gmap_free(struct gmap *gmap);

/**
 * gmap_enable() - make @gmap the one the current CPU runs (kvm_arch_vcpu_load):
 * the lowcore field `gmap` (0x370) gets the gmap's handle, the absolute
 * address of its region-first table.  (The kernel stores the struct gmap
 * pointer; host pointers never go into simulated storage, so libgmap
 * stores the table address and finds the gmap from it.)
 */
void gmap_enable(struct gmap *gmap);

/** gmap_disable() - clear the lowcore field `gmap` of the current CPU. */
void gmap_disable(struct gmap *gmap);

/**
 * gmap_map_segment() - map process range [from, from+len) at guest [to, to+len).
 * All three 1 MB aligned, len > 0, from+len <= 4 TB (PGDIR_SIZE), no wrap;
 * otherwise -EINVAL and nothing changes.  Creates missing region/segment
 * tables; every STE in the range becomes MAPPED (0x220 | target); a LINKED
 * STE loses its rmap first and the gmap TLB is flushed (IDTE on the gmap
 * table, or CSP without IDTE) if any was linked.
 * Return: 0, -EINVAL, -ENOMEM (the gmap is exactly as before the call).
 */
int gmap_map_segment(struct gmap *gmap, unsigned long from, unsigned long to, unsigned long len);

/**
 * gmap_unmap_segment() - unmap guest [to, to+len): every STE EMPTY, rmaps
 * removed, TLB flushed if any STE was linked.  Processes the whole range.
 * Return: 0, -EINVAL ((to|len) not 1 MB aligned, len 0, wrap).
 */
int gmap_unmap_segment(struct gmap *gmap, unsigned long to, unsigned long len);

/**
 * gmap_fault() - resolve a segment fault at guest @address: sets
 * thread.gmap_addr of the current CPU; LINKED → the process address;
 * MAPPED with a VMA covering the target → allocate the process tables and
 * page table as needed, link that page table into the STE, add an rmap,
 * return the process address; anything else → -EFAULT.
 * Return: the process address (low 20 bits = those of @address), or
 * (unsigned long)-EFAULT / (unsigned long)-ENOMEM (nothing changed).
 */
unsigned long gmap_fault(unsigned long address, struct gmap *gmap);

/**
 * gmap_unmap_notifier() - the process frees page table @table: every guest
 * STE linking it goes back to MAPPED (0x220 | vmaddr), its rmap is freed,
 * and if there was any, every CPU's TLB is purged (CSP).  Installed as
 * mm->unmap_notifier by gmap_alloc().
 */
void gmap_unmap_notifier(struct mm_struct *mm, uint64_t table);

/** gmap_from_handle() - the gmap of any mm of @m whose lowcore handle is @handle, or NULL. */
struct gmap *gmap_from_handle(struct gm_machine *m, uint64_t handle);

/** gmap_flush_tlb() - IDTE on the gmap's table (CSP purge without IDTE). */
void gmap_flush_tlb(struct gmap *gmap);

/**
 * gmap_sie_access() - a guest access of @len bytes at guest address
 * @gaddr on the current CPU of @m, as running under SIE: the CPU must have
 * a gmap enabled (lowcore field `gmap` non-zero and naming a live gmap of
 * one of the machine's mms; -EINVAL otherwise).  Entering "SIE" loads
 * CR1 with the gmap's ASCE (sie64a), DAT on, primary space; the access is
 * translated through the gmap tables; a region/segment-translation
 * exception calls gmap_fault(), a page-translation or protection exception
 * runs mm_fault() at the process address, and the access is retried (at
 * most a few times per page).  The bytes go to/from the frame the *process*
 * mapping gives.  On exit CR1 is reloaded from user_asce (0x318).
 * Every page is resolved before a byte is copied, so a failing access
 * copies nothing.  The resolutions are the kernel's own complete
 * operations and, as in the kernel, stay when a later one fails: after a
 * PIC or -ENOMEM the state is the one after the gmap_fault()/mm_fault()
 * calls that completed (pages before the failing one linked and faulted
 * in); the failing call itself changed nothing.
 * Return: 0, a positive PGM_* code when the access cannot be resolved
 * (@res gets the TEID), -ENOMEM, -EINVAL (NULL @m, NULL @buf with @len > 0,
 * no gmap enabled, a range that wraps).  No interruption is delivered.
 */
int gmap_sie_access(struct gm_machine *m, uint64_t gaddr, void *buf, size_t len, bool write,
		    struct dat_result *res);

#ifdef __cplusplus
}
#endif

#endif /* GMAP_GMAP_H */
