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
 *
 * Layer tlb (docs/layers.txt): includes only headers of its layer and below.
 */
#ifndef GMAP_TLB_H
#define GMAP_TLB_H

#include <stdbool.h>
#include <stdint.h>

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

/* ---- The inline hit path ------------------------------------------------ */

/**
 * struct tlb_slot - one slot of a CPU's hit path: a copy of one non-common
 * 4 KB page entry of the TLB, so that a hit reads one half cache line.
 * Public only for tlb_translate_inline(); the library alone writes slots.
 * @key:   the ASCE origin and DT (bits 0-51, 60-61) it was formed under, or
 *         TLB_SLOT_EMPTY; bits 55-57 (values 0x1c0) hold the EDAT-1, EDAT-2
 *         and IEP switches of its formation (tlb_slot_key()).  Bit 58 (the
 *         ASCE's R) is always 0, so a real-space probe never matches.
 * @vpn:   the virtual address >> 12.
 * @frame: the 4 KB real frame (absolute for EDAT large frames), bits 52-63 0.
 * @protect, @noexec, @frame_type, @level: what a hit reports in the
 *         dat_result fields protect, noexec, frame and level.
 * @ref:   used since the CLOCK hand last passed.
 */
struct tlb_slot {
	uint64_t key;
	uint64_t vpn;
	uint64_t frame;
	bool protect;
	bool noexec;
	uint8_t frame_type;
	uint8_t level;
	uint8_t ref;
	uint8_t pad[3];
};

/** The ASCE bits a probe compares with a slot key: origin, DT and R. */
#define TLB_PROBE_MASK (_ASCE_ORIGIN | _ASCE_TYPE_MASK | _ASCE_REAL_SPACE)
#define TLB_SLOT_SHIFT 5                 /**< log2 sizeof(struct tlb_slot) */
#define TLB_SLOT_EMPTY UINT64_MAX        /**< @key of an unused slot (bits 62-63 of a key are 0) */
#define TLB_ENV_EDAT1 0x1u               /**< formed with EDAT-1 */
#define TLB_ENV_EDAT2 0x2u               /**< formed with EDAT-2 (implies EDAT-1) */
#define TLB_ENV_IEP 0x4u                 /**< formed with IEP */

/** Slots of an ASCE's window of the hit path (a power of two). */
#define TLB_HOT_SLOTS 4096u

/**
 * struct tlb_hot - what tlb_translate_inline() reads of one CPU's TLB: the
 * first level of the TLB, a direct-mapped array of fixed size (256 KB) in
 * front of the resizable pool (tlb_set_capacity()), so that a hit is one
 * load at base + index.  It lives as long as the CPU.
 * @slots: 2 * TLB_HOT_SLOTS slots; the slot of (tag, vpn) is
 *         tlb_slot_window(hot, tag)[vpn % TLB_HOT_SLOTS].  First, so that
 *         a slot's address is a plain base + index.
 * @hits:  hits counted so far (both paths; tlb_get_stats() reports it).
 * @size:  the storage size (addressing check).
 * @win_tag, @win: the last ASCE tag probed inline and its window (see
 *         tlb_translate_inline()); @win_tag is TLB_SLOT_EMPTY at first.
 * In checking mode (tlb_set_checking()) the slots are kept empty, so that
 * every hit takes the checked path.
 */
struct tlb_hot {
	struct tlb_slot slots[2 * TLB_HOT_SLOTS];
	uint64_t hits;
	uint64_t size;
	uint64_t win_tag;
	struct tlb_slot *win;
};

/**
 * tlb_get_hot() - the hit-path state of @cpu's TLB, valid until the CPU is
 * destroyed.  Return: NULL without a TLB (or for NULL).
 */
struct tlb_hot *tlb_get_hot(struct gm_cpu *cpu);

/** tlb_env_bits() - the TLB_ENV_* switches of @env. */
static inline uint64_t tlb_env_bits(const struct dat_env *env)
{
	/* As dat_translate(): EDAT-2 never applies without EDAT-1. */
	return (env->edat1 ? TLB_ENV_EDAT1 : 0u) | (env->edat1 && env->edat2 ? TLB_ENV_EDAT2 : 0u) |
	       (env->iep ? TLB_ENV_IEP : 0u);
}

/** tlb_slot_key() - the key of a slot: ASCE bits @asce_bits (TLB_PROBE_MASK) and switches @envb. */
static inline uint64_t tlb_slot_key(uint64_t asce_bits, uint64_t envb)
{
	return asce_bits | envb << 6;
}

/**
 * tlb_slot_window() - the first slot of the window of the ASCE tag @tag
 * (origin and DT): the ASCE picks where its window starts, so two spaces
 * using the same addresses rarely evict each other's slots.
 */
static inline struct tlb_slot *tlb_slot_window(struct tlb_hot *hot, uint64_t tag)
{
	return hot->slots + (((tag >> 12) ^ (tag >> 27) ^ (tag >> 2)) & (TLB_HOT_SLOTS - 1));
}

/**
 * tlb_translate_inline() - tlb_lookup_or_walk() for hot loops.  A hit in
 * the slot array that needs nothing unusual (not a store through P, not an
 * instruction fetch under IEP, no prefixing, inside storage; checking
 * mode keeps the slots empty) is finished inline, keeping the result in
 * registers; anything else — misses included — goes to
 * tlb_lookup_or_walk(), so the outcome, statistics and replacement are
 * always exactly tlb_lookup_or_walk()'s (tests/test-tlb.c runs its whole
 * suite through both).
 * @hot: tlb_get_hot() of @cpu, fetched once by the caller (NULL: no TLB).
 * @cpu, @env and @res must not be NULL; @acc must be valid.
 */
static inline int tlb_translate_inline(struct gm_cpu *cpu, struct tlb_hot *hot,
				       const struct dat_env *env, uint64_t asce, uint64_t vaddr,
				       enum dat_access acc, struct dat_result *res)
{
	uint64_t tag = asce & (_ASCE_ORIGIN | _ASCE_TYPE_MASK), blk, real;
	struct tlb_slot *s;

	if (!hot)
		goto slow;
	/* The window comes from memory, remembered per ASCE: computed in
	 * place, compilers fold its offset into the address's dependency
	 * chain (two more additions per translation). */
	if (hot->win_tag != tag) {
		hot->win = tlb_slot_window(hot, tag);
		hot->win_tag = tag;
	}
	/* The byte offset of the slot in the window, (vpn % TLB_HOT_SLOTS) *
	 * 32, in two operations. */
	s = (struct tlb_slot *)(void *)((char *)hot->win + ((vaddr >> (PAGE_SHIFT - TLB_SLOT_SHIFT)) &
							  ((TLB_HOT_SLOTS - 1) << TLB_SLOT_SHIFT)));
	/* A real-space ASCE keeps its R bit in the probe and never matches. */
	if (s->key != tlb_slot_key(asce & TLB_PROBE_MASK, tlb_env_bits(env)) ||
	    s->vpn != vaddr >> PAGE_SHIFT)
		goto slow;
	if ((acc == DAT_STORE && s->protect) || (acc == DAT_IFETCH && s->noexec))
		goto slow;
	real = s->frame | (vaddr & DAT_BX_MASK);
	/* Prefixing applies to 4 KB frames in block 0 or the prefix area:
	 * rare, left to the full path so that no select sits on the result. */
	blk = real & ~0x1fffULL;
	if (blk == 0 || blk == env->prefix || real >= hot->size)
		goto slow;
	hot->hits++;
	if (!s->ref)
		s->ref = 1;
	res->raddr = real;
	res->aaddr = real;
	res->teid = 0;
	res->teid_valid = false;
	res->protect = s->protect;
	res->noexec = s->noexec;
	res->frame = s->frame_type;
	res->level = s->level;
	return 0;
slow:
	return tlb_lookup_or_walk(cpu, env, asce, vaddr, acc, res);
}

#ifdef __cplusplus
}
#endif

#endif /* GMAP_TLB_H */
