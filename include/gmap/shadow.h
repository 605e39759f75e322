/* SPDX-License-Identifier: MIT */
/*
 * shadow — pte notifiers, shadow gmaps and the vSIE access path, with the
 * semantics of Linux 4.8 arch/s390/mm/gmap.c (commit 4be130a08420
 * "s390/mm: add shadow gmap support", with the three-state entries of
 * "s390/mm: avoid races on region/segment/page table shadowing", EDAT-2
 * fake tables of 18b898098818, one real-space shadow of 3218f7094b6b, and
 * the duplicate-rmap rule of the 2022 "reduce gmap_rmap overhead") and of
 * arch/s390/kvm/gaccess.c kvm_s390_shadow_fault() / vsie.c.
 * docs/nested.md has the model and the shadow entry state machine.
 *
 * A shadow gmap @sg of a (seed) gmap @parent translates guest-3 absolute
 * addresses with tables the host owns (no sharing with the process): its
 * region/segment tables mirror guest-2's tables for the ASCE guest-2
 * loaded, its page tables hold host frames of guest-3 pages.  Every
 * guest-2 table page a shadow table was built from is made read-only in
 * the parent's process pte with PGSTE_VSIE_BIT armed and a level-tagged
 * rmap; a change of such a pte (a guest-2 write resolves a protection
 * fault by making it writable) unshadows what depended on it.
 *
 * Entries of shadow region/segment tables are in one of three states:
 *   EMPTY            dat_crst_empty(level)
 *   ORIGIN+INVALID   origin | TT | TL | I: installed, source not yet protected
 *   VALID            origin | TT | TL [| P]
 * Shadow ptes are _PAGE_INVALID or host frame [| _PAGE_PROTECT].
 *
 * Functions with kernel names keep the kernel's conventions: gmap_shadow()
 * returns a gmap or an error pointer (gmap_is_err() / gmap_ptr_err());
 * the gmap_shadow_* builders and kvm_s390_shadow_fault() return 0, a
 * positive PGM_* code (guest-2's program interruption), or -EAGAIN /
 * -EFAULT / -ENOMEM / -EINVAL.
 */
#ifndef GMAP_SHADOW_H
#define GMAP_SHADOW_H

#include <bsd/sys/queue.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gmap/gmap.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Level tags in the low bits of an rmap's raddr (Linux _SHADOW_RMAP_*). */
#define _SHADOW_RMAP_MASK 0x7ULL
#define _SHADOW_RMAP_REGION1 0x5ULL /* a shadow r2t built from guest-2's r2t */
#define _SHADOW_RMAP_REGION2 0x4ULL /* a shadow r3t */
#define _SHADOW_RMAP_REGION3 0x3ULL /* a shadow sgt */
#define _SHADOW_RMAP_SEGMENT 0x2ULL /* a shadow pgt */
#define _SHADOW_RMAP_PGTABLE 0x1ULL /* a shadow pte */

/** struct gmap_notifier - a pte notifier: called with the guest range whose mapping changed. */
struct gmap_notifier {
	struct gmap_notifier *next; /**< the machine's list (gmap_register_pte_notifier) */
	/** called with the gmap (or shadow) and the first and last guest address affected */
	void (*notifier_call)(struct gmap *gmap, unsigned long start, unsigned long end);
	void *priv; /**< for the owner */
};

/** A table of a shadow gmap (the kernel keeps these facts in page->index). */
struct gmap_shadow_table {
	LIST_ENTRY(gmap_shadow_table) list;
	uint64_t table;   /**< absolute address of the shadow table */
	uint64_t source;  /**< guest-2 origin of the table it shadows (fake: the frame base) */
	uint64_t saddr;   /**< first guest-3 address it covers */
	uint8_t level;    /**< enum dat_level of its entries */
	bool fake;        /**< built for an EDAT-1/2 large frame or the real-space ASCE */
};

/** A reverse map: guest-2 page at parent process page @vmaddr is the source of @raddr. */
struct gmap_shadow_rmap {
	LIST_ENTRY(gmap_shadow_rmap) list;
	uint64_t vmaddr;  /**< page of the parent process */
	uint64_t raddr;   /**< guest-3 address | _SHADOW_RMAP_* */
};

LIST_HEAD(gmap_shadow_table_head, gmap_shadow_table);
LIST_HEAD(gmap_shadow_rmap_head, gmap_shadow_rmap);

/**
 * struct gmap_shadow - state of a shadow gmap (fields of the kernel's
 * struct gmap that only shadows use).
 * @orig_asce:  the ASCE guest-2 loaded.
 * @edat_level: guest-2's EDAT level (0, 1, 2).
 * @initialized: the top-level table range is protected.
 * @removed:    unshadowed completely; never valid again.
 * @ref_count:  references (the parent's children list holds one).
 * @tables:     every table of the shadow, the top one included.
 * @rmaps:      host_to_rmap.
 * @race_hook:  test hook: runs between installing an ORIGIN+INVALID entry
 *              and protecting its source (where another CPU could unshadow).
 */
struct gmap_shadow {
	uint64_t orig_asce;
	int edat_level;
	bool initialized;
	bool removed;
	unsigned ref_count;
	struct gmap_shadow_table_head tables;
	unsigned nr_tables;
	struct gmap_shadow_rmap_head rmaps;
	unsigned nr_rmaps;
	void (*race_hook)(void *opaque, struct gmap *sg, uint64_t saddr, unsigned level);
	void *race_opaque;
};

/** gmap_is_err() - whether a gmap_shadow() result is an error pointer. */
static inline bool gmap_is_err(const struct gmap *p)
{
	return (uintptr_t)p >= (uintptr_t)-4095;
}

/** gmap_ptr_err() - the negative errno of an error pointer. */
static inline long gmap_ptr_err(const struct gmap *p)
{
	return (long)(intptr_t)p;
}

/* ---- pte notifiers (Linux 4.8 gmap_register_pte_notifier ...) ---------- */

/**
 * gmap_register_pte_notifier() - add @nb to the notifiers of machine @m
 * (the kernel's list is global; libgmap's is per machine).  Each is called
 * with (gmap, start, end) when a pte armed by gmap_mprotect_notify()
 * changes, and with a shadow gmap when shadow mappings go.
 */
void gmap_register_pte_notifier(struct gm_machine *m, struct gmap_notifier *nb);

/** gmap_unregister_pte_notifier() - remove @nb (no-op when not registered). */
void gmap_unregister_pte_notifier(struct gm_machine *m, struct gmap_notifier *nb);

/**
 * gmap_mprotect_notify() - fault in [gaddr, gaddr+len) of @gmap, make its
 * process ptes read-only (MM_PROT_READ), invalid (MM_PROT_NONE) or leave
 * them writable (MM_PROT_READ|MM_PROT_WRITE), and arm PGSTE_IN_BIT: the
 * next change of any of them calls the registered notifiers once.
 * Return: 0, -EINVAL (unaligned, a shadow gmap, bad @prot), -EFAULT (not
 * mapped), -ENOMEM.
 */
int gmap_mprotect_notify(struct gmap *gmap, unsigned long gaddr, unsigned long len, int prot);

/**
 * gmap_read_table() - read the 8-byte entry at guest-2 absolute @gaddr of
 * @gmap without setting reference state (for vSIE table walks), faulting
 * the page in through the gmap and the mm when needed.
 * Return: 0 and *@val, -EFAULT (guest-2 has no memory there), -ENOMEM, -EINVAL.
 */
int gmap_read_table(struct gmap *gmap, unsigned long gaddr, unsigned long *val);

/**
 * ptep_notify() - dispatch a change of the armed pte @ptep at process
 * @vmaddr with @bits (PGSTE_IN_BIT → the notifiers with the guest page,
 * PGSTE_VSIE_BIT → gmap_shadow_notify() on every shadow) for every gmap of
 * @mm linking its page table.  Installed as mm->pte_notifier.
 */
void ptep_notify(struct mm_struct *mm, uint64_t vmaddr, uint64_t ptep, uint64_t bits);

/* ---- shadow gmaps --------------------------------------------------------- */

/**
 * gmap_shadow() - find or create the shadow of @parent for guest-2 ASCE
 * @asce and EDAT level @edat_level (0-2).  A new non-real-space shadow
 * protects the top-level table range ((TL+1) * 4 KB at the origin) with
 * PGSTE_VSIE_BIT; a real-space ASCE gets at most one shadow per parent
 * (a new one replaces the old).  The caller owns one reference (gmap_put()).
 * Return: the shadow, or an error pointer: -EINVAL (@parent is a shadow,
 * bad level), -ENOMEM, -EFAULT (the top-level table is not in guest-2
 * memory), -EAGAIN (a found shadow is still being initialised).
 */
struct gmap *gmap_shadow(struct gmap *parent, unsigned long asce, int edat_level);

/** gmap_shadow_valid() - @sg not removed and made for (@asce, @edat_level). */
int gmap_shadow_valid(struct gmap *sg, unsigned long asce, int edat_level);

/** gmap_get() - take a reference on shadow @sg; returns @sg. */
struct gmap *gmap_get(struct gmap *sg);

/** gmap_put() - drop a reference; the last one frees the shadow. NULL is a no-op. */
void gmap_put(struct gmap *sg);

/**
 * gmap_unshadow() - remove every shadow mapping of @sg (calls the
 * notifiers with [0, -1], empties and frees all tables below the top one,
 * purges the shadow ASCE from every TLB) and mark it removed.
 */
void gmap_unshadow(struct gmap *sg);

/**
 * gmap_shadow_r2t() / gmap_shadow_r3t() / gmap_shadow_sgt() / gmap_shadow_pgt()
 * - install a shadow table for the guest-2 entry @entry (the r2t, r3t, sgt
 * or pgt designation guest-2's tables hold for @saddr) one level below an
 * existing valid shadow entry; @fake for a table that emulates an EDAT
 * large frame or the real-space ASCE (nothing to protect).  The slot goes
 * ORIGIN+INVALID, the source range is protected, then it goes valid.
 * Return: 0 (also when already there), -EAGAIN (the level above is missing,
 * or the entry is being built / was unshadowed meanwhile), -EFAULT, -ENOMEM.
 */
int gmap_shadow_r2t(struct gmap *sg, unsigned long saddr, unsigned long r2t, int fake);
/** gmap_shadow_r3t() - see gmap_shadow_r2t(). */
int gmap_shadow_r3t(struct gmap *sg, unsigned long saddr, unsigned long r3t, int fake);
/** gmap_shadow_sgt() - see gmap_shadow_r2t(). */
int gmap_shadow_sgt(struct gmap *sg, unsigned long saddr, unsigned long sgt, int fake);
/** gmap_shadow_pgt() - see gmap_shadow_r2t(). */
int gmap_shadow_pgt(struct gmap *sg, unsigned long saddr, unsigned long pgt, int fake);

/**
 * gmap_shadow_pgt_lookup() - the fast path of the shadow fault: when the
 * shadow page table for @saddr exists, its guest-2 origin (*@pgt), the
 * accumulated protection (*@dat_protection) and whether it is fake.
 * Return: 0, -EAGAIN (no shadow page table).
 */
int gmap_shadow_pgt_lookup(struct gmap *sg, unsigned long saddr, unsigned long *pgt,
			   int *dat_protection, int *fake);

/**
 * gmap_shadow_page() - map guest-3 page @saddr to the host frame of the
 * guest-2 page that guest-2's pte @pte (P accumulated) designates: the
 * parent's pte gets PGSTE_VSIE_BIT and an rmap, the shadow pte the frame
 * and guest-2's protection.  Faults the guest-2 page in (writable when
 * @pte is).  Return: 0, -EAGAIN, -EFAULT, -ENOMEM.
 */
int gmap_shadow_page(struct gmap *sg, unsigned long saddr, unsigned long pte);

/**
 * gmap_shadow_notify() - the parent pte of process page @vmaddr (guest-2
 * page @gaddr) changed: if it holds guest-2's top-level table the whole
 * shadow goes (unshadow, off the children list, reference dropped); else
 * every subtree whose rmap names @vmaddr is unshadowed and the rmaps freed.
 */
void gmap_shadow_notify(struct gmap *sg, unsigned long vmaddr, unsigned long gaddr);

/**
 * gmap_table_walk() - absolute address of the entry of @level (enum
 * dat_level) for @gaddr in @gmap's tables (seed or shadow), or 0 when a
 * higher entry is not valid or @gaddr is beyond the ASCE.
 */
uint64_t gmap_table_walk(struct gmap *gmap, unsigned long gaddr, int level);

/* ---- the vSIE access path -------------------------------------------------- */

/**
 * kvm_s390_shadow_fault() - resolve a shadow miss at guest-3 @saddr: walk
 * guest-2's tables with gmap_read_table() (fast path: an existing shadow
 * page table), build the missing shadow tables and the page.
 * Return: 0 (retry the access), a positive PGM_* code (guest-2's tables
 * give guest-3 this exception), -EAGAIN, -EFAULT, -ENOMEM.
 */
int kvm_s390_shadow_fault(struct gmap *sg, unsigned long saddr);

/**
 * shadow_sie_access() - a guest-3 access of @len bytes at guest-3 absolute
 * @saddr on the current CPU of @m, running under vSIE with shadow @sg:
 * CR1 = sg->asce, translated by the TLB or a walk of the shadow tables;
 * a translation exception runs kvm_s390_shadow_fault() and retries; a
 * protection exception (guest-2's P) is given to guest-2.  The bytes move
 * as in gmap_sie_access() (every page resolved before one is copied; R,
 * and C on a store, set in each host frame's storage key).
 * Return: 0, a positive PGM_* code with @res->teid (page | 0x800 fetch or
 * 0x400 store | 0x4 protection, AS 0: what vsie.c inject_fault() reports),
 * -EAGAIN (shadow removed or parent gone), -EFAULT (guest-2 has no memory
 * there), -ENOMEM, -EINVAL.
 */
int shadow_sie_access(struct gm_machine *m, struct gmap *sg, uint64_t saddr, void *buf, size_t len,
		      bool write, struct dat_result *res);

#ifdef __cplusplus
}
#endif

#endif /* GMAP_SHADOW_H */
