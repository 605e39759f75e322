/* SPDX-License-Identifier: MIT */
/*
 * Tests of lib/tlb.c: the storage effects of IPTE, IDTE, CSP/CSPG; the
 * scope of every purge (what must go, what may stay); broadcast versus
 * local clearing; the common-segment rule; prefixing on hits; cached
 * protection; bounded size and CLOCK replacement; stale-hit detection;
 * and, with mm and gmap, the seed's TLB flush policy (gmap-semantics §1.14).
 * The suite runs twice: translating through tlb_lookup_or_walk(), then
 * through the inline hit path tlb_translate_inline(), which must behave
 * the same in every test (results, statistics, replacement, staleness).
 *
 * "May stay" is proved by changing a table entry in storage WITHOUT a
 * purge: an entry that stayed still gives the old translation, a purged
 * one gives the new one.  Expected values come from the hand-built tables
 * below and docs/dat-reference.md §6, §7, §9, §10.
 */
#include <stdlib.h>
#include <string.h>

#include "gmap-test.h"
#include "gmap/cpu.h"
#include "gmap/dat.h"
#include "gmap/gmap.h"
#include "gmap/machine.h"
#include "gmap/mm.h"
#include "gmap/storage.h"
#include "gmap/tlb.h"

#define STORAGE_SIZE (16ULL << 20)

/*
 * Hand-built tables (absolute addresses), all above the allocator's first
 * frames (CPU 1's prefix area comes from there):
 *   ASCE A = R1 table 0x100000, DT=R1, TL=3            -> 0x10000f
 *   R1TE[0] = 0x10400f -> R2 0x104000; R2TE[0] = 0x10800b -> R3 0x108000;
 *   R3TE[0] = 0x10c007 -> segment table 0x10c000;
 *   STE[0] = 0x110000 (PT0), STE[1] = 0x110800 (PT1);
 *   PT0[i] = 0x200000 + i * 4K, PT1[i] = 0x300000 + i * 4K.
 *   ASCE B = segment table 0x114000, DT=ST, TL=3        -> 0x114003
 *   STB[5] = 0x110000: B's 0x500000 shares PT0 with A's 0x0 (as a gmap
 *   shares the process's page tables).
 *   ASCE D = segment table 0x118000 (all invalid)       -> 0x118003
 */
#define R1T 0x100000ULL
#define R2T 0x104000ULL
#define R3T 0x108000ULL
#define SGT 0x10c000ULL
#define PT0 0x110000ULL
#define PT1 0x110800ULL
#define STB 0x114000ULL
#define STD 0x118000ULL
#define F0 0x200000ULL
#define F1 0x300000ULL
#define ASCE_A 0x10000fULL
#define ASCE_B 0x114003ULL
#define ASCE_D 0x118003ULL

/* A PIC as a value distinct from every absolute address used here. */
#define PIC(x) (0xee00000000000000ULL | (uint64_t)(x))

#define MAX_EV 64
struct recorder {
	unsigned n;
	struct gm_event ev[MAX_EV];
};

struct fx {
	struct gm_machine *m;
	struct gm_storage *st;
	struct gm_cpu *c0, *c1;
	struct recorder rec;
};

static void record(void *opaque, const struct gm_event *ev)
{
	struct recorder *r = opaque;

	if (r->n < MAX_EV)
		r->ev[r->n++] = *ev;
}

static void st8(struct fx *f, uint64_t a, uint64_t v)
{
	assert_int_equal(storage_store8(f->st, a, v), 0);
}

static uint64_t ld8(struct fx *f, uint64_t a)
{
	uint64_t v = 0;

	assert_int_equal(storage_load8(f->st, a, &v), 0);
	return v;
}

static void build_tables(struct fx *f)
{
	assert_int_equal(storage_fill8(f->st, R1T, _REGION1_ENTRY_EMPTY, 2048), 0);
	assert_int_equal(storage_fill8(f->st, R2T, _REGION2_ENTRY_EMPTY, 2048), 0);
	assert_int_equal(storage_fill8(f->st, R3T, _REGION3_ENTRY_EMPTY, 2048), 0);
	assert_int_equal(storage_fill8(f->st, SGT, _SEGMENT_ENTRY_EMPTY, 2048), 0);
	assert_int_equal(storage_fill8(f->st, STB, _SEGMENT_ENTRY_EMPTY, 2048), 0);
	assert_int_equal(storage_fill8(f->st, STD, _SEGMENT_ENTRY_EMPTY, 2048), 0);
	st8(f, R1T, 0x10400f);
	st8(f, R2T, 0x10800b);
	st8(f, R3T, 0x10c007);
	st8(f, SGT, PT0);
	st8(f, SGT + 8, PT1);
	st8(f, STB + 5 * 8, PT0);
	for (uint64_t i = 0; i < 256; i++) {
		st8(f, PT0 + i * 8, F0 + i * 0x1000);
		st8(f, PT1 + i * 8, F1 + i * 0x1000);
	}
}

static struct fx *fx_new(unsigned ncpus, unsigned fac, bool tlb)
{
	struct gm_machine_config cfg = { STORAGE_SIZE, ncpus, fac, tlb };
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	assert_int_equal(machine_create(&cfg, &f->m), 0);
	f->st = machine_storage(f->m);
	f->c0 = machine_cpu(f->m, 0);
	f->c1 = machine_cpu(f->m, ncpus > 1 ? 1 : 0);
	build_tables(f);
	machine_set_event_hook(f->m, record, &f->rec);
	return f;
}

static int setup(void **state)
{
	*state = fx_new(2, GM_FAC_ALL_KNOWN, true);
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	assert_int_equal(machine_destroy(f->m), 0);
	free(f);
	return 0;
}

/* Which path xl() translates through: set by each test's setup (see main()). */
static bool via_inline;

static int xl(struct gm_cpu *cpu, uint64_t asce, uint64_t va, enum dat_access acc,
	      struct dat_result *r)
{
	struct dat_env env;

	cpu_dat_env(cpu, &env);
	if (via_inline)
		return tlb_translate_inline(cpu, tlb_get_hot(cpu), &env, asce, va, acc, r);
	return tlb_lookup_or_walk(cpu, &env, asce, va, acc, r);
}

/* The absolute address a fetch at @va gives on @cpu, or PIC(code). */
static uint64_t xa(struct gm_cpu *cpu, uint64_t asce, uint64_t va)
{
	struct dat_result r;
	int rc = xl(cpu, asce, va, DAT_FETCH, &r);

	return rc ? PIC(rc) : r.aaddr;
}

static struct tlb_stats stats(struct gm_cpu *cpu)
{
	struct tlb_stats s;

	tlb_get_stats(cpu, &s);
	return s;
}

/* The last event of @type, or fail. */
static const struct gm_event *last_event(struct fx *f, enum gm_event_type type)
{
	for (unsigned i = f->rec.n; i-- > 0;)
		if (f->rec.ev[i].type == type)
			return &f->rec.ev[i];
	fail_msg("no event of type %d", (int)type);
	return NULL;
}

/* ---- basic caching -------------------------------------------------------- */

static void test_tlb_walk_results_match_tables(void **state)
{
	struct fx *f = *state;

	assert_hex_equal(xa(f->c0, ASCE_A, 0x0), F0);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x1abc), F0 + 0x1abc);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x100000), F1);
	assert_hex_equal(xa(f->c0, ASCE_B, 0x500123), F0 + 0x123);
	/* The same again, now from the TLB. */
	assert_hex_equal(xa(f->c0, ASCE_A, 0x1abc), F0 + 0x1abc);
	assert_hex_equal(xa(f->c0, ASCE_B, 0x500123), F0 + 0x123);
	assert_hex_equal(xa(f->c0, ASCE_D, 0x0), PIC(PGM_SEGMENT_TRANSLATION));
}

static void test_tlb_hit_keeps_old_translation_until_purged(void **state)
{
	struct fx *f = *state;
	struct tlb_stats s;

	assert_hex_equal(xa(f->c0, ASCE_A, 0x0), F0);
	s = stats(f->c0);
	assert_int_equal(s.lookups, 1);
	assert_int_equal(s.misses, 1);
	assert_int_equal(s.hits, 0);
	/* Page entry + combined region-and-segment entry. */
	assert_int_equal(s.entries, 2);
	assert_int_equal(s.capacity, TLB_DEFAULT_CAPACITY);

	st8(f, PT0, 0x400000); /* no purge */
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0), F0);
	s = stats(f->c0);
	assert_int_equal(s.lookups, 2);
	assert_int_equal(s.hits, 1);
	/* The other CPU has its own TLB: it walks. */
	assert_hex_equal(xa(f->c1, ASCE_A, 0x0), 0x400000);
	tlb_ptlb(f->c0);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0), 0x400000);
}

static void test_tlb_invalid_entries_are_not_cached(void **state)
{
	struct fx *f = *state;

	st8(f, PT0 + 3 * 8, _PAGE_INVALID);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x3000), PIC(PGM_PAGE_TRANSLATION));
	assert_hex_equal(xa(f->c0, ASCE_D, 0x7000), PIC(PGM_SEGMENT_TRANSLATION));
	/* invalid -> valid needs no purge (dat-reference §10). */
	st8(f, PT0 + 3 * 8, 0x480000);
	st8(f, STD, PT1);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x3000), 0x480000);
	assert_hex_equal(xa(f->c0, ASCE_D, 0x7000), F1 + 0x7000);
}

static void test_tlb_crste_serves_other_pages_of_the_segment(void **state)
{
	struct fx *f = *state;

	assert_hex_equal(xa(f->c0, ASCE_A, 0x0), F0);
	/* Repoint STE[0] without a purge: the combined region-and-segment
	 * entry still holds PT0, so a page never looked up before comes from
	 * PT0 (its PTE fetched now), not from PT1. */
	st8(f, SGT, PT1);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x5000), F0 + 0x5000);
	assert_int_equal(stats(f->c0).hits, 1);
	/* And that PTE is read now: its current value counts. */
	st8(f, PT0 + 6 * 8, 0x460000);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x6000), 0x460000);
	/* The other CPU walks: PT1. */
	assert_hex_equal(xa(f->c1, ASCE_A, 0x5000), F1 + 0x5000);
}

static void test_tlb_prefix_applied_on_hit(void **state)
{
	struct fx *f = *state;
	struct dat_env env = { 0 };
	struct dat_result r;

	/* PT0[7] maps real page 0: absolute 0 with prefix 0, the prefix area otherwise (§9). */
	st8(f, PT0 + 7 * 8, 0x0);
	env.prefix = 0;
	assert_int_equal(tlb_lookup_or_walk(f->c0, &env, ASCE_A, 0x7010, DAT_FETCH, &r), 0);
	assert_hex_equal(r.raddr, 0x10);
	assert_hex_equal(r.aaddr, 0x10);
	env.prefix = 0x40000;
	assert_int_equal(tlb_lookup_or_walk(f->c0, &env, ASCE_A, 0x7010, DAT_FETCH, &r), 0);
	assert_hex_equal(r.raddr, 0x10);
	assert_hex_equal(r.aaddr, 0x40010);
	assert_int_equal(stats(f->c0).hits, 1);
	/* Real page = prefix maps to absolute 0. */
	st8(f, PT0 + 8 * 8, 0x40000);
	assert_int_equal(tlb_lookup_or_walk(f->c0, &env, ASCE_A, 0x8020, DAT_FETCH, &r), 0);
	assert_int_equal(tlb_lookup_or_walk(f->c0, &env, ASCE_A, 0x8020, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, 0x20);
}

static void test_tlb_protection_is_cached(void **state)
{
	struct fx *f = *state;
	struct dat_env env = { .iep = true, .as = 2, .prefix = 0 };
	struct dat_result r;

	st8(f, PT0 + 9 * 8, 0x490000 | _PAGE_PROTECT);
	st8(f, PT0 + 10 * 8, 0x4a0000 | _PAGE_NOEXEC);
	/* Miss: cached although the store is refused. */
	assert_pic(tlb_lookup_or_walk(f->c0, &env, ASCE_A, 0x9008, DAT_STORE, &r), PGM_PROTECTION);
	/* TEID: page | store 0x400 | DAT protection 0x4 | AS 2 (§7). */
	assert_hex_equal(r.teid, 0x9000 | 0x400 | 0x4 | 2);
	assert_true(r.teid_valid);
	/* Make the page writable without a purge: the TLB still says protected. */
	st8(f, PT0 + 9 * 8, 0x490000);
	memset(&r, 0, sizeof(r));
	assert_pic(tlb_lookup_or_walk(f->c0, &env, ASCE_A, 0x9008, DAT_STORE, &r), PGM_PROTECTION);
	assert_hex_equal(r.teid, 0x9406);
	assert_true(r.teid_valid);
	assert_true(r.protect);
	assert_int_equal(tlb_lookup_or_walk(f->c0, &env, ASCE_A, 0x9008, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, 0x490008);
	assert_true(r.protect);
	assert_false(r.teid_valid);
	assert_int_equal(stats(f->c0).hits, 2);

	/* IEP: instruction fetch refused, TEID page | fetch 0x800 | 0x84 | AS. */
	assert_int_equal(tlb_lookup_or_walk(f->c0, &env, ASCE_A, 0xa000, DAT_FETCH, &r), 0);
	st8(f, PT0 + 10 * 8, 0x4a0000);
	assert_pic(tlb_lookup_or_walk(f->c0, &env, ASCE_A, 0xa002, DAT_IFETCH, &r), PGM_PROTECTION);
	assert_hex_equal(r.teid, 0xa000 | 0x800 | 0x84 | 2);
	assert_true(r.noexec);
	/* Without IEP in effect the entry formed with IEP does not apply: a miss. */
	env.iep = false;
	assert_int_equal(tlb_lookup_or_walk(f->c0, &env, ASCE_A, 0xa002, DAT_IFETCH, &r), 0);
	assert_hex_equal(r.aaddr, 0x4a0002);
}

static void test_tlb_large_frame_not_prefixed_and_purged_by_idte(void **state)
{
	struct fx *f = *state;
	struct dat_env env = { .edat1 = true, .prefix = 0x40000 };
	struct dat_result r;

	/* STE[2]: 1 MB frame at absolute 0 (SFAA is absolute, §9). */
	st8(f, SGT + 2 * 8, 0x0 | _SEGMENT_ENTRY_LARGE);
	assert_int_equal(tlb_lookup_or_walk(f->c0, &env, ASCE_A, 0x200010, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, 0x10);
	assert_int_equal(r.frame, 1);
	st8(f, SGT + 2 * 8, 0x500000 | _SEGMENT_ENTRY_LARGE);
	assert_int_equal(tlb_lookup_or_walk(f->c0, &env, ASCE_A, 0x200010, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, 0x10);
	assert_int_equal(r.frame, 1);
	/* IPTE of any PTE does not touch it; IDTE of STE[2] does. */
	assert_int_equal(tlb_ipte(f->c0, PT0, 0x0, 0, false), 0);
	assert_int_equal(tlb_lookup_or_walk(f->c0, &env, ASCE_A, 0x200010, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, 0x10);
	assert_int_equal(tlb_idte_invalidate(f->c0, SGT, 0x200000, 0, false), 0);
	assert_hex_equal(ld8(f, SGT + 2 * 8), 0x500420);
	st8(f, SGT + 2 * 8, 0x500000 | _SEGMENT_ENTRY_LARGE);
	assert_int_equal(tlb_lookup_or_walk(f->c0, &env, ASCE_A, 0x200010, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, 0x500010);
}

/* ---- IPTE ------------------------------------------------------------------- */

static void test_tlb_ipte_scope(void **state)
{
	struct fx *f = *state;
	const struct gm_event *ev;

	assert_int_equal(tlb_preload(f->c0, ASCE_A, 0x0), 0);
	assert_int_equal(tlb_preload(f->c0, ASCE_A, 0x1000), 0);
	assert_int_equal(tlb_preload(f->c0, ASCE_B, 0x500000), 0);
	assert_int_equal(stats(f->c0).entries, 5); /* 3 pages, 2 CRSTEs */

	f->rec.n = 0;
	assert_int_equal(tlb_ipte(f->c0, PT0, 0x0, 0, false), 0);
	/* Storage effect: PTE.I (0x400) set, nothing else changed. */
	assert_hex_equal(ld8(f, PT0), F0 | 0x400);
	assert_hex_equal(ld8(f, PT0 + 8), F0 + 0x1000);
	ev = last_event(f, GM_EV_ENTRY_STORE);
	assert_hex_equal(ev->a, PT0);
	assert_hex_equal(ev->b, F0);
	assert_hex_equal(ev->c, F0 | 0x400);
	ev = last_event(f, GM_EV_TLB_PURGE);
	assert_int_equal(ev->a, TLB_PURGE_IPTE);
	assert_hex_equal(ev->b, PT0);
	assert_int_equal(ev->c, 2); /* A's and B's entries from that PTE */
	assert_int_equal(ev->cpu, 0);

	/* Change both PTEs without a purge. */
	st8(f, PT0, 0x600000);
	st8(f, PT0 + 8, 0x601000);
	/* Must go: every entry formed from PT0[0], under any ASCE. */
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0), 0x600000);
	assert_hex_equal(xa(f->c0, ASCE_B, 0x500000), 0x600000);
	/* May stay: the other page. */
	assert_hex_equal(xa(f->c0, ASCE_A, 0x1000), F0 + 0x1000);
	assert_int_equal(stats(f->c0).purged, 2);
}

static void test_tlb_ipte_range(void **state)
{
	struct fx *f = *state;

	for (uint64_t p = 0; p < 5; p++)
		assert_int_equal(tlb_preload(f->c0, ASCE_A, p << 12), 0);
	/* Page 1 plus 2 more: PTEs 1-3. */
	assert_int_equal(tlb_ipte(f->c0, PT0, 0x1000, 2, false), 0);
	assert_hex_equal(ld8(f, PT0), F0);
	assert_hex_equal(ld8(f, PT0 + 8), F0 + 0x1400);
	assert_hex_equal(ld8(f, PT0 + 16), F0 + 0x2400);
	assert_hex_equal(ld8(f, PT0 + 24), F0 + 0x3400);
	assert_hex_equal(ld8(f, PT0 + 32), F0 + 0x4000);
	assert_int_equal(last_event(f, GM_EV_TLB_PURGE)->c, 3);
	for (uint64_t p = 0; p < 5; p++)
		st8(f, PT0 + p * 8, 0x700000 + (p << 12));
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0000), F0);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x1000), 0x701000);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x3000), 0x703000);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x4000), F0 + 0x4000);
	/* The last PTE of the table is the limit. */
	assert_int_equal(tlb_ipte(f->c0, PT1, 0xf0000, 15, false), 0);
	assert_hex_equal(ld8(f, PT1 + 255 * 8), F1 + 0xff400);
	assert_errno(tlb_ipte(f->c0, PT1, 0xf0000, 16, false), -EINVAL);
	assert_errno(tlb_ipte(f->c0, PT1, 0x0, 256, false), -EINVAL);
}

static void test_tlb_ipte_errors(void **state)
{
	struct fx *f = fx_new(1, GM_FAC_IDTE, true);

	(void)state;
	/* Range form needs facility 13, local clearing facility 51. */
	assert_errno(tlb_ipte(f->c0, PT0, 0x0, 1, false), -EINVAL);
	assert_errno(tlb_ipte(f->c0, PT0, 0x0, 0, true), -EINVAL);
	assert_errno(tlb_idte_invalidate(f->c0, SGT, 0, 0, true), -EINVAL);
	assert_errno(tlb_idte_clear_asce(f->c0, ASCE_A, true), -EINVAL);
	assert_hex_equal(ld8(f, PT0), F0);
	assert_hex_equal(ld8(f, PT0 + 8), F0 + 0x1000);
	assert_hex_equal(ld8(f, SGT), PT0);
	/* PTE outside storage. */
	assert_errno(tlb_ipte(f->c0, STORAGE_SIZE, 0x0, 0, false), -EFAULT);
	assert_errno(tlb_ipte(NULL, PT0, 0x0, 0, false), -EINVAL);
	/* The PTO's low 11 bits are ignored (R1 bits 0-52). */
	assert_int_equal(tlb_ipte(f->c0, PT0 | 0x7ff, 0x2000, 0, false), 0);
	assert_hex_equal(ld8(f, PT0 + 16), F0 + 0x2400);
	teardown((void **)&f);
}

static void test_tlb_ipte_broadcast_and_local(void **state)
{
	struct fx *f = *state;

	assert_int_equal(tlb_preload(f->c0, ASCE_A, 0x0), 0);
	assert_int_equal(tlb_preload(f->c1, ASCE_A, 0x0), 0);
	/* Local clearing (M4 LC): only the issuing CPU's entries must go. */
	assert_int_equal(tlb_ipte(f->c0, PT0, 0x0, 0, true), 0);
	assert_hex_equal(ld8(f, PT0), F0 | 0x400);
	st8(f, PT0, 0x610000);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0), 0x610000);
	assert_hex_equal(xa(f->c1, ASCE_A, 0x0), F0);
	/* Broadcast: every CPU. */
	assert_int_equal(tlb_preload(f->c0, ASCE_A, 0x0), 0);
	assert_int_equal(tlb_ipte(f->c1, PT0, 0x0, 0, false), 0);
	assert_int_equal(last_event(f, GM_EV_TLB_PURGE)->cpu, 1);
	assert_int_equal(last_event(f, GM_EV_TLB_PURGE)->c, 2);
	st8(f, PT0, 0x620000);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0), 0x620000);
	assert_hex_equal(xa(f->c1, ASCE_A, 0x0), 0x620000);
}

/* ---- IDTE --------------------------------------------------------------------- */

static void test_tlb_idte_invalidate_segment_scope(void **state)
{
	struct fx *f = *state;
	const struct gm_event *ev;

	assert_int_equal(tlb_preload(f->c0, ASCE_A, 0x0), 0);
	assert_int_equal(tlb_preload(f->c0, ASCE_A, 0x100000), 0);
	assert_int_equal(tlb_preload(f->c0, ASCE_B, 0x500000), 0);
	assert_int_equal(tlb_preload(f->c1, ASCE_A, 0x0), 0);

	f->rec.n = 0;
	/* Invalidate STE[0] of A's segment table (designation DT=ST). */
	assert_int_equal(tlb_idte_invalidate(f->c0, SGT | _ASCE_TYPE_SEGMENT, 0x0, 0, false), 0);
	assert_hex_equal(ld8(f, SGT), PT0 | 0x20);
	assert_hex_equal(ld8(f, SGT + 8), PT1);
	ev = last_event(f, GM_EV_TLB_PURGE);
	assert_int_equal(ev->a, TLB_PURGE_IDTE_INV);
	assert_hex_equal(ev->b, SGT);
	/* CPU 0: page + CRSTE of segment 0; CPU 1: the same. */
	assert_int_equal(ev->c, 4);

	/* Without purges: STE[0] -> PT1, PT1[0] and PT0[0] changed. */
	st8(f, SGT, PT1);
	st8(f, PT1, 0x380000);
	st8(f, PT0, 0x280000);
	/* Must go: entries formed from STE[0] (page and CRSTE), on both CPUs. */
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0), 0x380000);
	assert_hex_equal(xa(f->c1, ASCE_A, 0x0), 0x380000);
	/* May stay: A's segment 1, and B's page through its own STE (same PTE). */
	assert_hex_equal(xa(f->c0, ASCE_A, 0x100000), F1);
	assert_hex_equal(xa(f->c0, ASCE_B, 0x500000), F0);
}

static void test_tlb_idte_invalidate_region_purges_below(void **state)
{
	struct fx *f = *state;

	assert_int_equal(tlb_preload(f->c0, ASCE_A, 0x0), 0);
	assert_int_equal(tlb_preload(f->c0, ASCE_A, 0x100000), 0);
	assert_int_equal(tlb_preload(f->c0, ASCE_B, 0x500000), 0);
	/* R1TE[0]: everything A formed goes, B (no region tables) stays. */
	assert_int_equal(tlb_idte_invalidate(f->c0, R1T | _ASCE_TYPE_REGION1, 0x0, 0, false), 0);
	assert_hex_equal(ld8(f, R1T), 0x10402f);
	assert_int_equal(last_event(f, GM_EV_TLB_PURGE)->c, 4);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0), PIC(PGM_REG_FIRST_TRANS));
	st8(f, R1T, 0x10400f);
	st8(f, PT0, 0x280000);
	st8(f, PT1, 0x380000);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0), 0x280000);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x100000), 0x380000);
	assert_hex_equal(xa(f->c0, ASCE_B, 0x500000), F0);
	/* An R3 designation of another index leaves A's entries alone. */
	assert_int_equal(tlb_idte_invalidate(f->c0, R3T | _ASCE_TYPE_REGION3, 1ULL << 31, 0, false),
			 0);
	assert_hex_equal(ld8(f, R3T + 8), _REGION3_ENTRY_EMPTY);
	assert_int_equal(last_event(f, GM_EV_TLB_PURGE)->c, 0);
	st8(f, PT0, 0x290000);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0), 0x280000);
}

static void test_tlb_idte_count_wraps_within_table(void **state)
{
	struct fx *f = *state;

	st8(f, STD + 2047 * 8, PT1);
	assert_int_equal(tlb_preload(f->c0, ASCE_D, 2047ULL << 20), 0);
	assert_int_equal(tlb_preload(f->c0, ASCE_A, 0x100000), 0);
	/* Index 2047 plus one more: entries 2047 and 0 (wrapping), not 1. */
	assert_int_equal(tlb_idte_invalidate(f->c0, STD, 2047ULL << 20, 1, false), 0);
	assert_hex_equal(ld8(f, STD + 2047 * 8), PT1 | 0x20);
	assert_hex_equal(ld8(f, STD), _SEGMENT_ENTRY_EMPTY);
	assert_hex_equal(ld8(f, STD + 8), _SEGMENT_ENTRY_EMPTY);
	assert_int_equal(last_event(f, GM_EV_TLB_PURGE)->c, 2);
	/* A range over SGT 1..3 purges segment 1 of A. */
	assert_int_equal(tlb_idte_invalidate(f->c0, SGT, 0x100000, 2, false), 0);
	assert_hex_equal(ld8(f, SGT), PT0);
	assert_hex_equal(ld8(f, SGT + 8), PT1 | 0x20);
	assert_hex_equal(ld8(f, SGT + 16), _SEGMENT_ENTRY_EMPTY);
	assert_hex_equal(ld8(f, SGT + 24), _SEGMENT_ENTRY_EMPTY);
	assert_int_equal(last_event(f, GM_EV_TLB_PURGE)->c, 2);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x100000), PIC(PGM_SEGMENT_TRANSLATION));
}

static void test_tlb_idte_clear_asce_scope(void **state)
{
	struct fx *f = *state;
	const struct gm_event *ev;
	uint64_t before[3];

	assert_int_equal(tlb_preload(f->c0, ASCE_A, 0x0), 0);
	assert_int_equal(tlb_preload(f->c1, ASCE_A, 0x1000), 0);
	assert_int_equal(tlb_preload(f->c0, ASCE_B, 0x500000), 0);
	before[0] = ld8(f, R1T);
	before[1] = ld8(f, SGT);
	before[2] = ld8(f, PT0);
	/* Origin and DT are compared: other TL and P/S/X bits still match. */
	assert_int_equal(tlb_idte_clear_asce(f->c0, (ASCE_A & ~3ULL) | 1 | _ASCE_USER_BITS, false), 0);
	ev = last_event(f, GM_EV_TLB_PURGE);
	assert_int_equal(ev->a, TLB_PURGE_IDTE_ASCE);
	assert_hex_equal(ev->b, (ASCE_A & ~3ULL) | 1 | _ASCE_USER_BITS);
	assert_int_equal(ev->c, 4);
	/* No storage change. */
	assert_hex_equal(ld8(f, R1T), before[0]);
	assert_hex_equal(ld8(f, SGT), before[1]);
	assert_hex_equal(ld8(f, PT0), before[2]);
	st8(f, PT0, 0x280000);
	st8(f, PT0 + 8, 0x281000);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0), 0x280000);
	assert_hex_equal(xa(f->c1, ASCE_A, 0x1000), 0x281000);
	/* May stay: B's entry from the same PTE. */
	assert_hex_equal(xa(f->c0, ASCE_B, 0x500000), F0);
	/* Another DT with the same origin is another ASCE. */
	assert_int_equal(tlb_idte_clear_asce(f->c0, STB | _ASCE_TYPE_REGION3, false), 0);
	assert_int_equal(last_event(f, GM_EV_TLB_PURGE)->c, 0);
	assert_hex_equal(xa(f->c0, ASCE_B, 0x500000), F0);
	/* Local: only CPU 0. */
	assert_int_equal(tlb_preload(f->c1, ASCE_B, 0x500000), 0);
	st8(f, PT0, 0x290000);
	assert_int_equal(tlb_idte_clear_asce(f->c0, ASCE_B, true), 0);
	assert_hex_equal(xa(f->c0, ASCE_B, 0x500000), 0x290000);
	assert_hex_equal(xa(f->c1, ASCE_B, 0x500000), 0x280000);
}

static void test_tlb_idte_errors(void **state)
{
	struct fx *f = *state;
	struct fx *g = fx_new(1, GM_FAC_IPTE_RANGE | GM_FAC_LC, true);

	assert_errno(tlb_idte_invalidate(g->c0, SGT, 0, 0, false), -EOPNOTSUPP);
	assert_errno(tlb_idte_clear_asce(g->c0, ASCE_A, false), -EOPNOTSUPP);
	assert_hex_equal(ld8(g, SGT), PT0);
	teardown((void **)&g);

	assert_errno(tlb_idte_invalidate(f->c0, SGT, 0, 2048, false), -EINVAL);
	assert_errno(tlb_idte_invalidate(NULL, SGT, 0, 0, false), -EINVAL);
	assert_errno(tlb_idte_clear_asce(NULL, ASCE_A, false), -EINVAL);
	/* A table reaching past the end of storage: nothing changes. */
	assert_errno(tlb_idte_invalidate(f->c0, STORAGE_SIZE - 0x1000, 0x7ffULL << 20, 1, false),
		     -EFAULT);
	assert_hex_equal(ld8(f, STORAGE_SIZE - 8), 0);
}

/* ---- CSP, PTLB, SPX, purge-all ------------------------------------------------ */

static void test_tlb_csp_swaps_and_purges(void **state)
{
	struct fx *f = *state;
	uint64_t old;

	assert_int_equal(tlb_preload(f->c0, ASCE_A, 0x0), 0);
	assert_int_equal(tlb_preload(f->c1, ASCE_B, 0x500000), 0);

	/* Compare fails: cc 1, old loaded, storage unchanged, no purge. */
	old = PT1;
	assert_int_equal(tlb_csp(f->c0, SGT, 8, &old, PT1 | 0x20, true), 1);
	assert_hex_equal(old, PT0);
	assert_hex_equal(ld8(f, SGT), PT0);
	assert_int_equal(stats(f->c0).entries, 2);
	assert_int_equal(stats(f->c1).entries, 2);

	/* CSPG storing STE.I with the purge bit: the pre-IDTE Linux way. */
	f->rec.n = 0;
	assert_int_equal(tlb_csp(f->c0, SGT, 8, &old, PT0 | 0x20, true), 0);
	assert_hex_equal(ld8(f, SGT), PT0 | 0x20);
	assert_int_equal(last_event(f, GM_EV_TLB_PURGE)->a, TLB_PURGE_CSP);
	assert_hex_equal(last_event(f, GM_EV_TLB_PURGE)->b, SGT);
	assert_int_equal(last_event(f, GM_EV_TLB_PURGE)->c, 4);
	assert_int_equal(stats(f->c0).entries, 0);
	assert_int_equal(stats(f->c1).entries, 0);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0), PIC(PGM_SEGMENT_TRANSLATION));

	/* CSP (4 bytes) on the low word of PT0[1], without the purge bit. */
	assert_int_equal(tlb_preload(f->c0, ASCE_A, 0x100000), 0);
	old = 0x00201000;
	assert_int_equal(tlb_csp(f->c0, PT0 + 8 + 4, 4, &old, 0x00202000, false), 0);
	assert_hex_equal(ld8(f, PT0 + 8), 0x202000);
	assert_int_equal(stats(f->c0).entries, 2);
	old = 0x12345678;
	assert_int_equal(tlb_csp(f->c0, PT0 + 12, 4, &old, 0, false), 1);
	assert_hex_equal(old, 0x00202000);

	assert_errno(tlb_csp(f->c0, PT0 + 4, 8, &old, 0, true), -EINVAL);
	assert_errno(tlb_csp(f->c0, PT0 + 2, 4, &old, 0, true), -EINVAL);
	assert_errno(tlb_csp(f->c0, PT0, 2, &old, 0, true), -EINVAL);
	assert_errno(tlb_csp(f->c0, PT0, 8, NULL, 0, true), -EINVAL);
	assert_errno(tlb_csp(f->c0, STORAGE_SIZE, 8, &old, 0, true), -EFAULT);
}

static void test_tlb_ptlb_and_spx_are_local(void **state)
{
	struct fx *f = *state;

	assert_int_equal(tlb_preload(f->c0, ASCE_A, 0x0), 0);
	assert_int_equal(tlb_preload(f->c1, ASCE_A, 0x0), 0);
	tlb_ptlb(f->c0);
	assert_int_equal(last_event(f, GM_EV_TLB_PURGE)->a, TLB_PURGE_PTLB);
	assert_int_equal(last_event(f, GM_EV_TLB_PURGE)->b, 0);
	assert_int_equal(last_event(f, GM_EV_TLB_PURGE)->c, 2);
	assert_int_equal(stats(f->c0).entries, 0);
	assert_int_equal(stats(f->c1).entries, 2);
	/* SET PREFIX clears the TLB of its CPU. */
	assert_int_equal(cpu_set_prefix(f->c1, 0x60000), 0);
	assert_int_equal(stats(f->c1).entries, 0);
	assert_int_equal(stats(f->c1).purged, 2);
}

static void test_tlb_purge_all_reaches_every_cpu(void **state)
{
	struct fx *f = *state;

	assert_int_equal(tlb_preload(f->c0, ASCE_A, 0x0), 0);
	assert_int_equal(tlb_preload(f->c1, ASCE_B, 0x500000), 0);
	tlb_purge_all(f->m);
	assert_int_equal(last_event(f, GM_EV_TLB_PURGE)->a, TLB_PURGE_CSP);
	assert_int_equal(last_event(f, GM_EV_TLB_PURGE)->c, 4);
	assert_int_equal(stats(f->c0).entries, 0);
	assert_int_equal(stats(f->c1).entries, 0);
	st8(f, PT0, 0x280000);
	assert_hex_equal(xa(f->c1, ASCE_B, 0x500000), 0x280000);
}

/* ---- common segments ---------------------------------------------------------- */

static void test_tlb_common_segment_rule(void **state)
{
	struct fx *f = *state;

	/* A's STE[3] is a common segment on PT0; D has nothing at segment 3. */
	st8(f, SGT + 3 * 8, PT0 | _SEGMENT_ENTRY_COMMON);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x300000), F0);
	/* D (P=0) may use the common entry formed under A. */
	assert_hex_equal(xa(f->c0, ASCE_D, 0x300000), F0);
	assert_hex_equal(xa(f->c0, ASCE_D, 0x304000), F0 + 0x4000); /* via the common CRSTE */
	/* D with P=1 (private space) must not: it walks D's tables. */
	assert_hex_equal(xa(f->c0, ASCE_D | _ASCE_PRIVATE_SPACE, 0x300000),
			 PIC(PGM_SEGMENT_TRANSLATION));
	/* Non-common entries are not shared: A's segment 0 is not D's. */
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0), F0);
	assert_hex_equal(xa(f->c0, ASCE_D, 0x0), PIC(PGM_SEGMENT_TRANSLATION));
	/* A private ASCE cannot even form it: CS with P is a specification exception. */
	assert_hex_equal(xa(f->c0, ASCE_A | _ASCE_PRIVATE_SPACE, 0x300000),
			 PIC(PGM_TRANSLATION_SPEC));
	/* Clearing by A's ASCE purges the common entries formed under A. */
	assert_int_equal(tlb_idte_clear_asce(f->c0, ASCE_A, false), 0);
	assert_hex_equal(xa(f->c0, ASCE_D, 0x300000), PIC(PGM_SEGMENT_TRANSLATION));
}

/* ---- stale detection -------------------------------------------------------- */

static void test_tlb_stale_detection(void **state)
{
	struct fx *f = *state;
	struct tlb_stale_info si;
	const struct gm_event *ev;

	assert_errno(tlb_last_stale(f->c1, &si), -ENOENT);
	assert_errno(tlb_last_stale(NULL, &si), -EINVAL);
	assert_int_equal(tlb_preload(f->c1, ASCE_A, 0x2000), 0);
	st8(f, PT0 + 2 * 8, 0x2c0000); /* no purge */
	/* Checking off: a stale hit goes unnoticed. */
	assert_hex_equal(xa(f->c1, ASCE_A, 0x2000), F0 + 0x2000);
	assert_int_equal(tlb_stale_count(f->m), 0);

	tlb_set_checking(f->m, true);
	f->rec.n = 0;
	assert_hex_equal(xa(f->c1, ASCE_A, 0x2010), F0 + 0x2010);
	assert_int_equal(tlb_stale_count(f->m), 1);
	assert_int_equal(stats(f->c1).stale, 1);
	assert_int_equal(stats(f->c0).stale, 0);
	ev = last_event(f, GM_EV_TLB_STALE);
	assert_int_equal(ev->cpu, 1);
	assert_hex_equal(ev->a, 0x2010);
	assert_hex_equal(ev->b, F0 + 0x2010);
	assert_hex_equal(ev->c, 0x2c0010);
	assert_non_null(ev->what);
	assert_int_equal(tlb_last_stale(f->c1, &si), 0);
	assert_int_equal(si.cpu, 1);
	assert_hex_equal(si.asce, ASCE_A);
	assert_hex_equal(si.vaddr, 0x2010);
	assert_int_equal(si.acc, DAT_FETCH);
	assert_int_equal(si.cached_rc, 0);
	assert_hex_equal(si.cached_aaddr, F0 + 0x2010);
	assert_int_equal(si.true_rc, 0);
	assert_hex_equal(si.true_aaddr, 0x2c0010);

	/* Invalid in storage, valid in the TLB: the true result is a PIC. */
	st8(f, PT0 + 2 * 8, _PAGE_INVALID);
	assert_hex_equal(xa(f->c1, ASCE_A, 0x2000), F0 + 0x2000);
	assert_int_equal(tlb_stale_count(f->m), 2);
	assert_hex_equal(last_event(f, GM_EV_TLB_STALE)->c, PGM_PAGE_TRANSLATION);
	assert_int_equal(tlb_last_stale(f->c1, &si), 0);
	assert_int_equal(si.true_rc, PGM_PAGE_TRANSLATION);

	/* Protection added without a purge: a store the TLB allows is stale. */
	st8(f, PT0 + 2 * 8, (F0 + 0x2000) | _PAGE_PROTECT);
	{
		struct dat_result r;

		assert_int_equal(xl(f->c1, ASCE_A, 0x2000, DAT_STORE, &r), 0);
		assert_int_equal(tlb_last_stale(f->c1, &si), 0);
		assert_int_equal(si.acc, DAT_STORE);
		assert_int_equal(si.true_rc, PGM_PROTECTION);
		/* A fetch agrees with the fresh walk: not stale. */
		assert_int_equal(xl(f->c1, ASCE_A, 0x2000, DAT_FETCH, &r), 0);
	}
	assert_int_equal(tlb_stale_count(f->m), 3);

	/* After the proper purge: nothing stale. */
	assert_int_equal(tlb_ipte(f->c0, PT0, 0x2000, 0, false), 0);
	st8(f, PT0 + 2 * 8, 0x2d0000);
	assert_hex_equal(xa(f->c1, ASCE_A, 0x2000), 0x2d0000);
	assert_hex_equal(xa(f->c1, ASCE_A, 0x2000), 0x2d0000);
	assert_int_equal(tlb_stale_count(f->m), 3);
	tlb_set_checking(f->m, false);
}

/* ---- size and replacement ------------------------------------------------------ */

static void test_tlb_bounded_with_clock_replacement(void **state)
{
	struct fx *f = *state;
	struct tlb_stats s, s0;

	assert_errno(tlb_set_capacity(f->m, 0), -EINVAL);
	assert_errno(tlb_set_capacity(f->m, TLB_MAX_CAPACITY + 1), -EINVAL);
	assert_int_equal(tlb_preload(f->c0, ASCE_A, 0x0), 0);
	assert_int_equal(tlb_set_capacity(f->m, 4), 0);
	s = stats(f->c0);
	assert_int_equal(s.capacity, 4);
	assert_int_equal(s.entries, 0);
	assert_int_equal(s.purged, 2); /* the entries it held */
	s0 = s;

	/* Slots fill in order: CRSTE, p0 (one miss), p1, p2 (CRSTE hits). */
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0000), F0);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x1000), F0 + 0x1000);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x2000), F0 + 0x2000);
	assert_int_equal(stats(f->c0).entries, 4);
	assert_int_equal(stats(f->c0).evictions, 0);
	/* Reference p0 again; p1 and p2 were not used since formed. */
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0000), F0);
	/* p3: the CLOCK hand spares the referenced CRSTE and p0, evicts p1. */
	assert_hex_equal(xa(f->c0, ASCE_A, 0x3000), F0 + 0x3000);
	s = stats(f->c0);
	assert_int_equal(s.entries, 4);
	assert_int_equal(s.evictions, 1);
	st8(f, PT0, 0x500000);
	st8(f, PT0 + 8, 0x501000);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x1000), 0x501000); /* evicted: fresh */
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0000), F0);       /* kept: old */

	/* Many pages: never above the capacity, all correct. */
	for (uint64_t p = 0; p < 256; p++)
		st8(f, PT1 + p * 8, F1 + p * 0x1000);
	for (uint64_t p = 0; p < 256; p++)
		assert_hex_equal(xa(f->c0, ASCE_A, 0x100000 + p * 0x1000), F1 + p * 0x1000);
	s = stats(f->c0);
	assert_int_equal(s.entries, 4);
	assert_true(s.evictions >= 250);
	/* No purge since: every insert is still there or was evicted. */
	assert_int_equal((s.inserts - s0.inserts) - (s.evictions - s0.evictions), s.entries);
}

/* ---- no TLB, bad arguments -------------------------------------------------------- */

static void test_tlb_disabled_behaves_as_walk(void **state)
{
	struct fx *f = fx_new(2, GM_FAC_ALL_KNOWN, false);
	struct tlb_stale_info si;

	(void)state;
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0), F0);
	st8(f, PT0, 0x280000);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0), 0x280000);
	assert_int_equal(stats(f->c0).lookups, 0);
	assert_int_equal(stats(f->c0).capacity, 0);
	assert_errno(tlb_preload(f->c0, ASCE_A, 0x0), -EOPNOTSUPP);
	assert_errno(tlb_set_capacity(f->m, 16), -EOPNOTSUPP);
	assert_errno(tlb_last_stale(f->c0, &si), -ENOENT);
	tlb_set_checking(f->m, true);
	assert_hex_equal(xa(f->c0, ASCE_A, 0x0), 0x280000);
	assert_int_equal(tlb_stale_count(f->m), 0);
	/* The purges still have their storage effects and events. */
	assert_int_equal(tlb_ipte(f->c0, PT0, 0x0, 0, false), 0);
	assert_hex_equal(ld8(f, PT0), 0x280400);
	assert_int_equal(last_event(f, GM_EV_TLB_PURGE)->c, 0);
	assert_int_equal(tlb_idte_invalidate(f->c0, SGT, 0x100000, 0, false), 0);
	assert_hex_equal(ld8(f, SGT + 8), PT1 | 0x20);
	tlb_ptlb(f->c0);
	tlb_purge_all(f->m);
	teardown((void **)&f);
}

static void test_tlb_bad_arguments_and_preload(void **state)
{
	struct fx *f = *state;
	struct dat_env env = { 0 };
	struct dat_result r;
	struct tlb_stats s = { .hits = 7 };

	assert_errno(tlb_lookup_or_walk(NULL, &env, ASCE_A, 0, DAT_FETCH, &r), -EINVAL);
	assert_errno(tlb_lookup_or_walk(f->c0, NULL, ASCE_A, 0, DAT_FETCH, &r), -EINVAL);
	assert_errno(tlb_lookup_or_walk(f->c0, &env, ASCE_A, 0, DAT_FETCH, NULL), -EINVAL);
	assert_errno(tlb_lookup_or_walk(f->c0, &env, ASCE_A, 0, (enum dat_access)3, &r), -EINVAL);
	assert_errno(tlb_preload(NULL, ASCE_A, 0), -EINVAL);
	assert_errno(tlb_set_capacity(NULL, 4), -EINVAL);
	assert_errno(tlb_last_stale(f->c0, NULL), -EINVAL);
	tlb_get_stats(NULL, &s);
	assert_int_equal(s.hits, 0);
	tlb_get_stats(f->c0, NULL);
	tlb_ptlb(NULL);
	tlb_purge_all(NULL);
	tlb_set_checking(NULL, true);
	assert_int_equal(tlb_stale_count(NULL), 0);

	/* An untranslatable address: the PIC, nothing formed. */
	assert_pic(tlb_preload(f->c0, ASCE_D, 0x0), PGM_SEGMENT_TRANSLATION);
	assert_pic(tlb_preload(f->c0, ASCE_A, 1ULL << 42), PGM_REG_SEC_TRANS);
	assert_int_equal(stats(f->c0).entries, 0);
	/* A real-space ASCE has no tables: nothing to form, results are real. */
	assert_int_equal(tlb_preload(f->c0, _ASCE_REAL_SPACE, 0x3000), 0);
	assert_int_equal(stats(f->c0).entries, 0);
	assert_hex_equal(xa(f->c0, _ASCE_REAL_SPACE, 0x3000), 0x3000);
	/* A store on a miss gets the store TEID of the translation exception. */
	assert_pic(xl(f->c0, ASCE_D, 0x5000, DAT_STORE, &r), PGM_SEGMENT_TRANSLATION);
	assert_hex_equal(r.teid, 0x5000 | 0x400);
}

static void test_tlb_cpu_translate_uses_tlb(void **state)
{
	struct fx *f = *state;
	struct dat_result r;

	assert_int_equal(cpu_set_cr(f->c1, CR_PRIMARY_ASCE, ASCE_A), 0);
	cpu_set_dat(f->c1, true);
	assert_int_equal(cpu_translate(f->c1, 0x4008, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, F0 + 0x4008);
	st8(f, PT0 + 4 * 8, 0x540000);
	assert_int_equal(cpu_translate(f->c1, 0x4008, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, F0 + 0x4008);
	assert_int_equal(stats(f->c1).hits, 1);
	assert_int_equal(tlb_ipte(f->c0, PT0, 0x4000, 0, false), 0);
	st8(f, PT0 + 4 * 8, 0x540000);
	assert_int_equal(cpu_translate(f->c1, 0x4008, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, 0x540008);
}

/* ---- the seed's flush policy (gmap-semantics §1.14) ------------------------------ */

struct gfx {
	struct gm_machine *m;
	struct gm_cpu *c0, *c1;
	struct mm_struct *mm;
	struct gmap *gmap;
	uint64_t vm; /* process address of the guest's segment 0 */
};

#define VM1 0x10000000ULL
#define VM2 0x10100000ULL

static void gfx_setup(struct gfx *g)
{
	struct gm_machine_config cfg = { 32ULL << 20, 2, GM_FAC_ALL_KNOWN, true };
	uint64_t got = 0;
	unsigned long pa;
	uint8_t b = 0x5a;

	assert_int_equal(machine_create(&cfg, &g->m), 0);
	g->c0 = machine_cpu(g->m, 0);
	g->c1 = machine_cpu(g->m, 1);
	assert_int_equal(mm_create(g->m, MM_PGSTE, &g->mm), 0);
	assert_int_equal(mm_mmap(g->mm, VM1, 2 * PMD_SIZE, MM_PROT_READ | MM_PROT_WRITE,
				 MM_MAP_FIXED, &got), 0);
	assert_hex_equal(got, VM1);
	assert_int_equal(mm_write(g->mm, VM1, &b, 1), 0);
	assert_int_equal(mm_write(g->mm, VM2, &b, 1), 0);
	g->gmap = gmap_alloc(g->mm);
	assert_non_null(g->gmap);
	assert_int_equal(gmap_map_segment(g->gmap, VM1, 0, PMD_SIZE), 0);
	pa = gmap_fault(0x10, g->gmap);
	assert_hex_equal(pa, VM1 + 0x10);
	tlb_set_checking(g->m, true);
}

static void gfx_teardown(struct gfx *g)
{
	if (g->gmap)
		gmap_free(g->gmap);
	assert_int_equal(mm_destroy(g->mm), 0);
	assert_int_equal(machine_destroy(g->m), 0);
}

static int gstore(struct gm_cpu *cpu, uint64_t asce, uint64_t va)
{
	struct dat_result r;

	return xl(cpu, asce, va, DAT_STORE, &r);
}

/* The process write-protects its page the way a deferred-flush path does
 * (a PTE store with no IPTE, the flush left to __tlb_flush_mm). */
static void wrprotect_without_ipte(struct gfx *g)
{
	struct dat_trace tr;
	struct dat_result r;
	struct dat_env env = { 0 };
	struct gm_storage *st = machine_storage(g->m);
	uint64_t pte;

	assert_int_equal(dat_translate(st, &env, mm_asce(g->mm), VM1, DAT_FETCH, &r, &tr), 0);
	assert_int_equal(tr.e[tr.n - 1].level, DAT_LEVEL_PTE);
	assert_int_equal(storage_load8(st, tr.e[tr.n - 1].aaddr, &pte), 0);
	assert_int_equal(storage_store8(st, tr.e[tr.n - 1].aaddr, pte | _PAGE_PROTECT), 0);
}

static void test_tlb_seed_flush_idte_on_process_asce_leaves_guest_stale(void **state)
{
	struct gfx g;

	(void)state;
	gfx_setup(&g);
	/* Guest and process translations of the same page, on both CPUs. */
	assert_int_equal(tlb_preload(g.c0, g.gmap->asce, 0x0), 0);
	assert_int_equal(tlb_preload(g.c1, g.gmap->asce, 0x0), 0);
	assert_int_equal(tlb_preload(g.c0, mm_asce(g.mm), VM1), 0);
	wrprotect_without_ipte(&g);

	/* The pre-seed __tlb_flush_mm: IDTE clearing by the process ASCE. */
	assert_int_equal(tlb_idte_clear_asce(g.c0, mm_asce(g.mm), false), 0);
	assert_pic(gstore(g.c0, mm_asce(g.mm), VM1), PGM_PROTECTION); /* process: purged */
	assert_int_equal(tlb_stale_count(g.m), 0);
	/* The guest still writes through its cached translation: stale, on both CPUs. */
	assert_int_equal(gstore(g.c0, g.gmap->asce, 0x0), 0);
	assert_int_equal(gstore(g.c1, g.gmap->asce, 0x0), 0);
	assert_int_equal(tlb_stale_count(g.m), 2);
	{
		struct tlb_stale_info si;

		assert_int_equal(tlb_last_stale(g.c1, &si), 0);
		assert_hex_equal(si.asce, g.gmap->asce);
		assert_int_equal(si.cached_rc, 0);
		assert_int_equal(si.true_rc, PGM_PROTECTION);
	}
	gfx_teardown(&g);
}

static void test_tlb_seed_flush_policy_full_purge_with_gmap(void **state)
{
	struct gfx g;
	uint64_t full;

	(void)state;
	gfx_setup(&g);
	assert_int_equal(tlb_preload(g.c0, g.gmap->asce, 0x0), 0);
	assert_int_equal(tlb_preload(g.c1, g.gmap->asce, 0x0), 0);
	assert_int_equal(tlb_preload(g.c0, mm_asce(g.mm), VM1), 0);
	wrprotect_without_ipte(&g);

	/* The seed's __tlb_flush_mm: gmap_list is not empty -> full purge. */
	full = g.mm->flushes_full;
	mm_tlb_flush_mm(g.mm);
	assert_int_equal(g.mm->flushes_full, full + 1);
	assert_int_equal(stats(g.c0).entries, 0);
	assert_int_equal(stats(g.c1).entries, 0);
	assert_pic(gstore(g.c0, g.gmap->asce, 0x0), PGM_PROTECTION);
	assert_pic(gstore(g.c1, g.gmap->asce, 0x0), PGM_PROTECTION);
	assert_pic(gstore(g.c0, mm_asce(g.mm), VM1), PGM_PROTECTION);
	assert_int_equal(tlb_stale_count(g.m), 0);

	/* Without gmaps the IDTE by the process ASCE is enough again. */
	gmap_free(g.gmap);
	g.gmap = NULL;
	assert_int_equal(tlb_preload(g.c0, mm_asce(g.mm), VM2), 0);
	full = g.mm->flushes_asce;
	mm_tlb_flush_mm(g.mm);
	assert_int_equal(g.mm->flushes_asce, full + 1);
	assert_int_equal(stats(g.c0).entries, 0);
	gfx_teardown(&g);
}

/* The guest STE of guest address 0, found by a walk of the gmap tables. */
static uint64_t guest_ste(struct gfx *g)
{
	struct dat_trace tr;
	struct dat_result r;
	struct dat_env env = { 0 };

	(void)dat_translate(machine_storage(g->m), &env, g->gmap->asce, 0x0, DAT_FETCH, &r, &tr);
	for (unsigned i = 0; i < tr.n; i++)
		if (tr.e[i].level == DAT_LEVEL_STE)
			return tr.e[i].aaddr;
	fail_msg("no STE on the guest path");
	return 0;
}

static void test_tlb_seed_map_segment_over_linked_needs_flush(void **state)
{
	struct gm_storage *st;
	struct gfx g;
	uint64_t ste, linked = 0, v = 0;

	(void)state;
	gfx_setup(&g);
	st = machine_storage(g.m);
	ste = guest_ste(&g);
	assert_int_equal(storage_load8(st, ste, &linked), 0);
	assert_int_equal(gmap_ste_state(linked), GMAP_STE_STATE_LINKED);
	assert_int_equal(tlb_preload(g.c1, g.gmap->asce, 0x0), 0);

	/* What gmap_map_segment stores, without its gmap_flush_tlb: stale. */
	assert_int_equal(storage_store8(st, ste, 0x220 | VM2), 0);
	assert_int_equal(gstore(g.c1, g.gmap->asce, 0x0), 0);
	assert_int_equal(tlb_stale_count(g.m), 1);
	{
		struct tlb_stale_info si;

		assert_int_equal(tlb_last_stale(g.c1, &si), 0);
		assert_hex_equal(si.asce, g.gmap->asce);
		assert_int_equal(si.cached_rc, 0);
		assert_int_equal(si.true_rc, PGM_SEGMENT_TRANSLATION);
	}
	/* Put the linked value back (its rmap still names this STE). */
	assert_int_equal(storage_store8(st, ste, linked), 0);

	/* The real gmap_map_segment over the linked STE flushes: nothing stale. */
	assert_int_equal(tlb_preload(g.c0, g.gmap->asce, 0x0), 0);
	assert_int_equal(gmap_map_segment(g.gmap, VM2, 0, PMD_SIZE), 0);
	assert_int_equal(storage_load8(st, ste, &v), 0);
	assert_hex_equal(v, 0x220 | VM2);
	assert_pic(gstore(g.c1, g.gmap->asce, 0x0), PGM_SEGMENT_TRANSLATION);
	assert_pic(gstore(g.c0, g.gmap->asce, 0x0), PGM_SEGMENT_TRANSLATION);
	assert_int_equal(tlb_stale_count(g.m), 1);
	gfx_teardown(&g);
}

/* ---- the inline hit path ------------------------------------------------------ */

static void assert_same_result(int rc1, const struct dat_result *a, int rc2,
			       const struct dat_result *b)
{
	assert_int_equal(rc1, rc2);
	assert_int_equal(a->teid_valid, b->teid_valid);
	if (a->teid_valid)
		assert_hex_equal(a->teid, b->teid);
	if (rc1 == 0) {
		assert_hex_equal(a->raddr, b->raddr);
		assert_hex_equal(a->aaddr, b->aaddr);
		assert_int_equal(a->protect, b->protect);
		assert_int_equal(a->noexec, b->noexec);
		assert_int_equal(a->frame, b->frame);
		assert_int_equal(a->level, b->level);
	}
}

static void assert_same_stats(struct gm_cpu *a, struct gm_cpu *b)
{
	struct tlb_stats x = stats(a), y = stats(b);

	assert_int_equal(x.lookups, y.lookups);
	assert_int_equal(x.hits, y.hits);
	assert_int_equal(x.misses, y.misses);
	assert_int_equal(x.inserts, y.inserts);
	assert_int_equal(x.evictions, y.evictions);
	assert_int_equal(x.purged, y.purged);
	assert_int_equal(x.entries, y.entries);
}

/*
 * Random differential: CPU 0 translates through tlb_translate_inline(),
 * CPU 1 the same sequence through tlb_lookup_or_walk().  PTEs change only
 * with a broadcast IPTE first, so both TLBs evolve alike: every result and
 * every counter must agree, and agree with a fresh walk (nothing is stale).
 * The mix covers protected and IEP pages, stores and instruction fetches,
 * real page 0 and the prefix area (prefixing), a frame outside storage
 * (addressing), EDAT-1 on and off with a 1 MB frame, a real-space ASCE
 * with the tables' origin and type, a second space sharing a page table
 * (its own window of the first level), and a small TLB that evicts.
 */
static void test_tlb_inline_path_matches_full_path(void **state)
{
	struct fx *f = fx_new(2, GM_FAC_ALL_KNOWN, true);
	struct tlb_hot *hot = tlb_get_hot(f->c0);
	uint64_t rng = 5, seed;
	unsigned hits0 = 0;

	(void)state;
	assert_non_null(hot);
	assert_null(tlb_get_hot(NULL));
	/* Segment 2: a 1 MB frame under EDAT-1 (an STE with FC = 1). */
	st8(f, SGT + 2 * 8, 0x900000 | _SEGMENT_ENTRY_LARGE);
	assert_int_equal(tlb_set_capacity(f->m, 40), 0);
	/* The hit path's state stays where it was. */
	assert_ptr_equal(tlb_get_hot(f->c0), hot);
	for (unsigned i = 0; i < 20000; i++) {
		struct dat_env env0, env1;
		struct dat_result r0, r1, rw;
		uint64_t asce, va, pte;
		enum dat_access acc;
		int rc0, rc1, rcw;

		seed = rnd_next(&rng); /* its bits pick this step's choices */
		va = ((seed >> 20) % 3) << 20 | ((seed >> 24) & 0x1f) << 12 | ((seed >> 40) & 0xff8);
		acc = (enum dat_access)((seed >> 33) % 3);
		asce = (seed >> 36) % 16 == 0 ? (ASCE_A | _ASCE_REAL_SPACE) : ASCE_A;
		if ((seed >> 40) % 4 == 0 && va < 0x100000) {
			/* Space B reaches PT0 through its segment 5. */
			asce = ASCE_B;
			va |= 0x500000;
		}
		if ((seed >> 50) % 8 == 0 && va < 0x200000) {
			/* Change a PTE the architected way: IPTE, then store. */
			uint64_t pt = (va >> 20) ? PT1 : PT0;
			static const uint64_t kinds[] = { 0, _PAGE_PROTECT, _PAGE_NOEXEC, _PAGE_INVALID };
			/* Real page 0, the prefix area, outside storage, or plain. */
			static const uint64_t special[] = { 0x0, 0x3e000, STORAGE_SIZE + 0x5000 };
			unsigned pick = (unsigned)((seed >> 56) % 6);
			uint64_t frame = pick < 3 ? special[pick] : 0x600000 + ((seed >> 52) & 0xf) * 0x1000;

			pte = frame | kinds[(seed >> 44) % 4];
			assert_int_equal(tlb_ipte(f->c0, pt, va, 0, false), 0);
			st8(f, pt + ((va >> 12) & 0xff) * 8, pte);
		}
		if ((seed >> 58) % 16 == 0) {
			/* Flip CR0 EDAT-1 / IEP on both CPUs (a new env, a new key). */
			uint64_t cr0 = cpu_get_cr(f->c0, 0) ^ (((seed >> 62) & 1) ? CR0_EDAT : CR0_IEP);

			assert_int_equal(cpu_set_cr(f->c0, 0, cr0), 0);
			assert_int_equal(cpu_set_cr(f->c1, 0, cr0), 0);
		}
		cpu_dat_env(f->c0, &env0);
		cpu_dat_env(f->c1, &env1);
		/* One prefix for both, as the CPUs must see the same results. */
		env0.prefix = env1.prefix = 0x3e000;
		rc0 = tlb_translate_inline(f->c0, hot, &env0, asce, va, acc, &r0);
		rc1 = tlb_lookup_or_walk(f->c1, &env1, asce, va, acc, &r1);
		rcw = dat_translate(f->st, &env0, asce, va, acc, &rw, NULL);
		assert_same_result(rc0, &r0, rc1, &r1);
		assert_same_result(rc0, &r0, rcw, &rw);
		assert_same_stats(f->c0, f->c1);
		hits0 = (unsigned)stats(f->c0).hits;
	}
	/* Both paths were exercised: many hits, many evictions. */
	
	assert_true(hits0 > 5000);
	assert_true(stats(f->c0).evictions > 100);
	assert_int_equal(tlb_stale_count(f->m), 0);
	teardown((void **)&f);
}

/* A capacity change empties the first level too: the next lookup walks. */
static void test_tlb_inline_capacity_change_empties_slots(void **state)
{
	struct fx *f = *state;
	struct tlb_hot *hot = tlb_get_hot(f->c0);
	struct dat_env env;
	struct dat_result r;

	cpu_dat_env(f->c0, &env);
	assert_int_equal(tlb_translate_inline(f->c0, hot, &env, ASCE_A, 0x2000, DAT_FETCH, &r), 0);
	assert_int_equal(tlb_translate_inline(f->c0, hot, &env, ASCE_A, 0x2000, DAT_FETCH, &r), 0);
	assert_int_equal(stats(f->c0).hits, 1);
	st8(f, PT0 + 2 * 8, 0x520000); /* no purge: the hit keeps F0 + 0x2000 */
	assert_int_equal(tlb_translate_inline(f->c0, hot, &env, ASCE_A, 0x2000, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, F0 + 0x2000);
	assert_int_equal(tlb_set_capacity(f->m, 128), 0);
	assert_ptr_equal(tlb_get_hot(f->c0), hot);
	assert_int_equal(tlb_translate_inline(f->c0, hot, &env, ASCE_A, 0x2000, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, 0x520000);
	assert_int_equal(stats(f->c0).hits, 2);
	assert_int_equal(stats(f->c0).misses, 2);
	assert_int_equal(stats(f->c0).capacity, 128);
}

/*
 * The first level starts zero-allocated, and zero is also the key of a
 * real entry: a segment-table ASCE at origin 0 (DT 0) without EDAT or IEP,
 * page 0.  A fresh TLB must walk it, not take the zero slot for a copy of
 * an entry (real frame 0), and must keep it exact through IPTE.
 */
static void test_tlb_zero_key_space_walks_on_a_fresh_tlb(void **state)
{
	struct fx *f = *state;
	const uint64_t asce0 = 0x3; /* origin 0, DT 0 (segment table), TL 3 */
	struct tlb_stats s;

	for (unsigned c = 0; c < 2; c++) {
		struct gm_cpu *cpu = c ? f->c1 : f->c0;

		assert_int_equal(cpu_set_cr(cpu, 0, cpu_get_cr(cpu, 0) & ~(CR0_EDAT | CR0_IEP)), 0);
	}
	assert_int_equal(storage_fill8(f->st, 0, _SEGMENT_ENTRY_EMPTY, 2048), 0);
	st8(f, 0, PT0); /* segment 0 -> PT0: page i at F0 + i * 4 KB */
	assert_hex_equal(xa(f->c0, asce0, 0x0), F0);
	assert_hex_equal(xa(f->c0, asce0, 0x123), F0 + 0x123);
	assert_hex_equal(xa(f->c0, asce0, 0x1008), F0 + 0x1008);
	/* One walk: page 0 then hits its page entry, page 1 the segment's CRSTE. */
	s = stats(f->c0);
	assert_int_equal(s.misses, 1);
	assert_int_equal(s.hits, 2);
	/* Still exact: after IPTE the new frame, on both paths. */
	assert_int_equal(tlb_ipte(f->c0, PT0, 0x0, 0, false), 0);
	st8(f, PT0, F1);
	assert_hex_equal(xa(f->c0, asce0, 0x10), F1 + 0x10);
	assert_hex_equal(xa(f->c0, asce0, 0x20), F1 + 0x20);
	assert_hex_equal(xa(f->c1, asce0, 0x30), F1 + 0x30);
	assert_int_equal(tlb_stale_count(f->m), 0);
}

/* Per-test setups choosing the path xl() takes (see the file comment). */
/*
 * A full purge of a TLB holding 2048 entries or more sweeps the first level
 * instead of visiting the entries: afterwards no page may still hit.
 */
static void test_tlb_full_purge_of_a_large_tlb_empties_first_level(void **state)
{
	struct fx *f = *state;
	struct tlb_hot *hot = tlb_get_hot(f->c0);
	struct dat_env env;
	struct dat_result r;
	const uint64_t npages = 10 * 256, pts = 0x120000; /* segments 2-11 */
	uint64_t misses;

	cpu_dat_env(f->c0, &env);
	for (uint64_t s = 2; s < 12; s++) {
		st8(f, SGT + s * 8, pts + (s - 2) * 0x800);
		for (uint64_t p = 0; p < 256; p++)
			st8(f, pts + (s - 2) * 0x800 + p * 8, 0x400000 + ((s - 2) * 256 + p) * 0x1000);
	}
	for (uint64_t i = 0; i < npages; i++)
		assert_int_equal(tlb_translate_inline(f->c0, hot, &env, ASCE_A, (2 << 20) + i * 0x1000,
						      DAT_FETCH, &r),
				 0);
	assert_true(stats(f->c0).entries >= 2048);
	/* Every page hits the first level now (no new miss). */
	misses = stats(f->c0).misses;
	for (uint64_t i = 0; i < npages; i++)
		assert_int_equal(tlb_translate_inline(f->c0, hot, &env, ASCE_A, (2 << 20) + i * 0x1000,
						      DAT_FETCH, &r),
				 0);
	assert_int_equal(stats(f->c0).misses, misses);
	tlb_ptlb(f->c0);
	assert_int_equal(stats(f->c0).entries, 0);
	/* Move every frame without a purge: each lookup must see the new one. */
	for (uint64_t i = 0; i < npages; i++)
		st8(f, pts + i * 8, 0x600000 + i * 0x1000);
	for (uint64_t i = 0; i < npages; i++) {
		assert_int_equal(tlb_translate_inline(f->c0, hot, &env, ASCE_A, (2 << 20) + i * 0x1000 + 8,
						      DAT_FETCH, &r),
				 0);
		assert_hex_equal(r.aaddr, 0x600000 + i * 0x1000 + 8);
	}
}

static int setup_full(void **state)
{
	via_inline = false;
	return setup(state);
}

static int setup_inline(void **state)
{
	via_inline = true;
	return setup(state);
}

static int path_full(void **state)
{
	(void)state;
	via_inline = false;
	return 0;
}

static int path_inline(void **state)
{
	(void)state;
	via_inline = true;
	return 0;
}

/* Each test twice, once per path: with the fixture (T) or its own machine (S). */
#define T(fn)                                                                   \
	{ #fn, fn, setup_full, teardown, NULL },                                \
	{                                                                       \
		#fn "_inline", fn, setup_inline, teardown, NULL                 \
	}
#define S(fn)                                                                   \
	{ #fn, fn, path_full, NULL, NULL },                                     \
	{                                                                       \
		#fn "_inline", fn, path_inline, NULL, NULL                      \
	}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_tlb_walk_results_match_tables),
		T(test_tlb_hit_keeps_old_translation_until_purged),
		T(test_tlb_invalid_entries_are_not_cached),
		T(test_tlb_crste_serves_other_pages_of_the_segment),
		T(test_tlb_prefix_applied_on_hit),
		T(test_tlb_protection_is_cached),
		T(test_tlb_large_frame_not_prefixed_and_purged_by_idte),
		T(test_tlb_ipte_scope),
		T(test_tlb_ipte_range),
		S(test_tlb_ipte_errors),
		T(test_tlb_ipte_broadcast_and_local),
		T(test_tlb_idte_invalidate_segment_scope),
		T(test_tlb_idte_invalidate_region_purges_below),
		T(test_tlb_idte_count_wraps_within_table),
		T(test_tlb_idte_clear_asce_scope),
		T(test_tlb_idte_errors),
		T(test_tlb_csp_swaps_and_purges),
		T(test_tlb_ptlb_and_spx_are_local),
		T(test_tlb_purge_all_reaches_every_cpu),
		T(test_tlb_common_segment_rule),
		T(test_tlb_stale_detection),
		T(test_tlb_bounded_with_clock_replacement),
		T(test_tlb_zero_key_space_walks_on_a_fresh_tlb),
		S(test_tlb_disabled_behaves_as_walk),
		T(test_tlb_bad_arguments_and_preload),
		T(test_tlb_cpu_translate_uses_tlb),
		S(test_tlb_seed_flush_idte_on_process_asce_leaves_guest_stale),
		S(test_tlb_seed_flush_policy_full_purge_with_gmap),
		S(test_tlb_seed_map_segment_over_linked_needs_flush),
		cmocka_unit_test(test_tlb_inline_path_matches_full_path),
		cmocka_unit_test_setup_teardown(test_tlb_inline_capacity_change_empties_slots, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tlb_full_purge_of_a_large_tlb_empties_first_level, setup,
						teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
