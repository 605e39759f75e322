/* SPDX-License-Identifier: MIT */
/*
 * tlb — the architected invalidation and purge operations (Principles of
 * Operation: INVALIDATE PAGE TABLE ENTRY, INVALIDATE DAT TABLE ENTRY,
 * COMPARE AND SWAP AND PURGE, PURGE TLB, SET PREFIX) and, on machines
 * created with `tlb = true`, a per-CPU translation-lookaside buffer that
 * they purge.
 *
 * The storage effects (setting I bits, the compare-and-swap) happen whether
 * or not a TLB is modelled; without one every purge is trivially complete,
 * which is an architecturally valid machine (docs/dat.md §10).
 *
 * Purges are broadcast to every CPU of the machine unless @local is set
 * (the local-clearing forms, facility 51).
 */
#ifndef GMAP_TLB_H
#define GMAP_TLB_H

#include <stdbool.h>
#include <stdint.h>

#include "gmap/cpu.h"
#include "gmap/dat.h"
#include "gmap/machine.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a GM_EV_TLB_PURGE event reports in its @a field. */
enum tlb_purge_kind {
	TLB_PURGE_IPTE,       /* b = PTE aaddr */
	TLB_PURGE_IDTE_INV,   /* b = first invalidated entry aaddr */
	TLB_PURGE_IDTE_ASCE,  /* b = ASCE */
	TLB_PURGE_CSP,        /* b = operand aaddr */
	TLB_PURGE_PTLB,       /* b = CPU */
	TLB_PURGE_SPX         /* b = CPU */
};

/**
 * tlb_ipte() - IPTE: set the invalid bit (0x400) of the PTE for @vaddr in
 * the page table at @pto (bits 0-52 used) and, with the IPTE-range
 * facility, of @range more consecutive PTEs (0..255, not past the end of
 * the table); purge every TLB entry formed from those PTEs.
 * @cpu: the CPU issuing it (for @local and the event).
 * Return: 0, -EINVAL (range without facility 13, range past the table,
 * @local without facility 51), -EFAULT (PTE outside storage).
 */
int tlb_ipte(struct gm_cpu *cpu, uint64_t pto, uint64_t vaddr, unsigned range, bool local);

/**
 * tlb_idte_invalidate() - IDTE invalidation-and-clearing: in the table
 * designated by @table_designation (ASCE format: origin and DT), set the
 * invalid bit (0x20) of the entries indexed by @vaddr's index for that DT
 * and the @count (0..2047) following ones (wrapping within the table), and
 * purge TLB entries formed from them and from all lower-level entries
 * reached through them.  Needs facility 3 (IDTE).
 * Return: 0, -EOPNOTSUPP (no IDTE), -EINVAL (count > 2047, @local without
 * facility 51), -EFAULT.
 */
int tlb_idte_invalidate(struct gm_cpu *cpu, uint64_t table_designation, uint64_t vaddr,
			unsigned count, bool local);

/**
 * tlb_idte_clear_asce() - IDTE clearing-by-ASCE: purge every TLB entry
 * formed with @asce (origin and DT compared), no storage change.
 * Return: 0, -EOPNOTSUPP (no IDTE), -EINVAL.
 */
int tlb_idte_clear_asce(struct gm_cpu *cpu, uint64_t asce, bool local);

/**
 * tlb_csp() - COMPARE AND SWAP AND PURGE (CSP for @len 4, CSPG for 8) at
 * absolute @aaddr (aligned): if the value equals *@old, store @new and,
 * when @purge, purge the TLBs of all CPUs; otherwise load *@old.
 * Return: 0 (swapped, cc 0), 1 (compare failed, cc 1), -EINVAL, -EFAULT.
 */
int tlb_csp(struct gm_cpu *cpu, uint64_t aaddr, unsigned len, uint64_t *old, uint64_t new_val,
	    bool purge);

/** tlb_purge_all() - what the kernel's __tlb_flush_global does: a CSP purge of every CPU. */
void tlb_purge_all(struct gm_machine *m);

/** tlb_ptlb() - PURGE TLB: the issuing CPU's whole TLB. */
void tlb_ptlb(struct gm_cpu *cpu);

/* ---- The TLB model (machines created with tlb = true) ---------------- */

/** struct tlb_stats - counters of one CPU's TLB. */
struct tlb_stats {
	uint64_t lookups, hits, misses, inserts, evictions, purged;
	uint64_t stale; /* hits that a fresh walk contradicted (checking mode) */
	unsigned entries, capacity;
};

/**
 * tlb_lookup_or_walk() - translate through @cpu's TLB: a hit gives the
 * cached result (after the architected protection checks for @acc); a miss
 * walks with dat_translate() and, on success, forms entries.  Without a
 * TLB it is dat_translate().  Used by cpu_translate().
 */
int tlb_lookup_or_walk(struct gm_cpu *cpu, const struct dat_env *env, uint64_t asce,
		       uint64_t vaddr, enum dat_access acc, struct dat_result *res);

/**
 * tlb_preload() - form TLB entries for @vaddr under @asce now, as the
 * hardware may do speculatively.  Return: 0, a PGM code (nothing formed),
 * -EOPNOTSUPP without a TLB.
 */
int tlb_preload(struct gm_cpu *cpu, uint64_t asce, uint64_t vaddr);

/** tlb_set_checking() - compare every hit with a fresh walk; report differences. */
void tlb_set_checking(struct gm_machine *m, bool on);

/** tlb_get_stats() - counters of @cpu's TLB (all zero without a TLB). */
void tlb_get_stats(const struct gm_cpu *cpu, struct tlb_stats *st);

/** tlb_stale_count() - stale hits detected on all CPUs of @m. */
uint64_t tlb_stale_count(const struct gm_machine *m);

/** Default number of entries of each CPU's TLB (see tlb_set_capacity()). */
#define TLB_DEFAULT_CAPACITY 4096u
/** Largest capacity tlb_set_capacity() accepts. */
#define TLB_MAX_CAPACITY (1u << 20)

/**
 * tlb_set_capacity() - resize every CPU's TLB of @m to @entries (page and
 * combined region-and-segment entries together); all TLBs are emptied.
 * Return: 0, -EOPNOTSUPP (no TLB), -EINVAL (0 or > TLB_MAX_CAPACITY),
 * -ENOMEM (nothing changed).
 */
int tlb_set_capacity(struct gm_machine *m, unsigned entries);

/** struct tlb_stale_info - the last stale hit one CPU detected (checking mode). */
struct tlb_stale_info {
	unsigned cpu;
	uint64_t asce;          /* the ASCE of the lookup */
	uint64_t vaddr;
	enum dat_access acc;
	int cached_rc;          /* what the TLB answered: 0 or a PGM code */
	uint64_t cached_aaddr;  /* its absolute address (when cached_rc is 0) */
	int true_rc;            /* what a fresh dat_translate() answered */
	uint64_t true_aaddr;
};

/** tlb_last_stale() - the last stale hit of @cpu. Return: 0, -ENOENT (none), -EINVAL. */
int tlb_last_stale(const struct gm_cpu *cpu, struct tlb_stale_info *info);

#ifdef __cplusplus
}
#endif

#endif /* GMAP_TLB_H */
