/* SPDX-License-Identifier: MIT */
/*
 * Random differential test of dat_translate().
 *
 * ref_translate() below is a second, deliberately naive DAT walker written
 * straight from docs/dat-reference.md §6.1 (the order of checks), §6.2 (the
 * codes), §7 (the TEID), §9 (prefixing) and the libgmap decisions of §0:
 * large frames are absolute (not prefixed), PTE bit 55 only matters with
 * IEP, region P bits only with EDAT-1, the TEID fetch/store bits are always
 * set, 0x12 and 0x05 store no TEID, table entries are absolute addresses
 * with no wrap, and 0x05 is raised when an entry or the final absolute
 * address lies outside storage.  It shares no code with lib/dat.c.
 *
 * Random table trees, mostly valid but with perturbations at every level
 * (I bits, wrong TT, TF/TL excluding the index, PTE bit 52, P/CS/CR/FC/IEP
 * bits, origins outside storage), random ASCEs and environments, and
 * addresses biased towards the built paths are translated by both walkers
 * and the outcomes compared.  GMAP_DATDIFF_SEED=<n> replays a run;
 * GMAP_DATDIFF_CASES=<n> changes the number of cases.
 */
#include "gmap-test.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gmap/dat.h"
#include "gmap/storage.h"

#define CASES_DEFAULT 200000UL
#define CASES_PER_WORLD 500UL
#define MAX_PATHS 10
#define MAX_WRITTEN 256

/* ---- random choices (rnd_next() of gmap-test.h: a seed replays a run) ---- */

/* true with probability permille/1000 */
static bool chance(uint64_t *s, unsigned permille)
{
	return rnd_below(s, 1000) < permille;
}

#include "dat-ref.h"
#include "../fuzz/fuzz-dat-input.h"

#include <dirent.h>
#include <stdio.h>

/* ---- Random worlds ---------------------------------------------------- */

struct world {
	struct gm_storage *st;
	uint64_t size;
	uint64_t bump;         /* next free byte for tables */
	uint64_t dt;           /* designation type of the built tree */
	uint64_t top;          /* origin of the top table */
	unsigned tl;           /* the usual ASCE.TL */
	uint32_t prefix;       /* the non-zero prefix of this world */
	unsigned npaths;
	uint64_t paths[MAX_PATHS];
	unsigned nwritten;
	uint64_t written[MAX_WRITTEN];
};

/* a block of @bytes (16 KB or 2 KB), aligned on its size; or an address
 * outside storage when storage is exhausted */
static uint64_t world_alloc(struct world *w, uint64_t bytes)
{
	uint64_t a = (w->bump + bytes - 1) & ~(bytes - 1);

	if (a + bytes > w->size)
		return w->size + 0x100000;
	w->bump = a + bytes;
	return a;
}

static bool world_was_written(const struct world *w, uint64_t addr)
{
	for (unsigned i = 0; i < w->nwritten; i++)
		if (w->written[i] == addr)
			return true;
	return false;
}

static void world_store(struct world *w, uint64_t addr, uint64_t val)
{
	if (addr >= w->size || w->size - addr < 8)
		return;
	assert_int_equal(storage_store8(w->st, addr, val), 0);
	if (w->nwritten < MAX_WRITTEN)
		w->written[w->nwritten++] = addr;
}

/* a perturbed origin: usually @good, sometimes a random frame or outside */
static uint64_t perturb_origin(struct world *w, uint64_t *s, uint64_t good, uint64_t align)
{
	if (chance(s, 30))
		return rnd_below(s, w->size) & ~(align - 1);
	if (chance(s, 15))
		return (w->size + rnd_below(s, 1ULL << 40)) & ~(align - 1);
	if (chance(s, 5))
		return (UINT64_MAX - rnd_below(s, 0x10000)) & ~(align - 1); /* would wrap */
	return good;
}

/* TF/TL for a next-level index whose two high bits are @hi */
static uint64_t pick_tf_tl(uint64_t *s, uint64_t hi)
{
	uint64_t tf, tl;

	if (chance(s, 100)) {
		tf = rnd_below(s, 4);
		tl = rnd_below(s, 4);
	} else {
		tf = rnd_below(s, hi + 1);
		tl = hi + rnd_below(s, 4 - hi);
	}
	return tf << 6 | tl;
}

/* fill a fresh table: zeros (as allocated), Linux's empty pattern, or garbage */
static void fill_table(struct world *w, uint64_t *s, uint64_t origin, uint64_t entries,
		       uint64_t empty)
{
	if (origin >= w->size)
		return;
	if (chance(s, 150))
		assert_int_equal(storage_fill8(w->st, origin, empty, entries), 0);
	else if (chance(s, 40))
		for (uint64_t i = 0; i < entries; i++)
			assert_int_equal(storage_store8(w->st, origin + i * 8, rnd_next(s)), 0);
}

/* a region entry of table type @tt (0xc/0x8/0x4) whose next index is @next_hi */
static uint64_t make_region_entry(struct world *w, uint64_t *s, uint64_t tt, uint64_t next,
				  uint64_t next_hi, bool *stop)
{
	uint64_t e = perturb_origin(w, s, next, 4096) | tt | pick_tf_tl(s, next_hi);

	if (chance(s, 50))
		e |= 0x20;
	if (chance(s, 30))
		e = (e & ~0xcULL) | (rnd_below(s, 4) << 2);
	if (chance(s, 150))
		e |= 0x200;
	if (chance(s, 50))
		e |= rnd_next(s) & 0xd10; /* unused bits, and FC/CR when not R3 */
	if (tt == 0x4) {
		if (chance(s, 60))
			e |= 0x10;
		if (chance(s, 100)) {
			/* a 2 GB region frame (meaningful under EDAT-2 only) */
			e = (e & 0xfffULL) | 0x400;
			if (chance(s, 100))
				e |= rnd_next(s) & 0xffffffff80000000ULL;
			if (chance(s, 200))
				e |= 0x100;
			if (chance(s, 100))
				e |= rnd_next(s) & 0x1f800ULL; /* AV, ACC, F */
			*stop = true;
		}
	}
	return e;
}

static uint64_t make_segment_entry(struct world *w, uint64_t *s, uint64_t pto, bool *stop)
{
	uint64_t e = perturb_origin(w, s, pto, 2048);

	if (chance(s, 50))
		e |= 0x20;
	if (chance(s, 30))
		e |= rnd_below(s, 4) << 2;
	if (chance(s, 150))
		e |= 0x200;
	if (chance(s, 80))
		e |= 0x10;
	if (chance(s, 50))
		e |= rnd_next(s) & 0x1c3; /* unused bits (and 55 in format 0) */
	if (chance(s, 120)) {
		/* a 1 MB segment frame (meaningful under EDAT-1 only) */
		uint64_t sfaa = chance(s, 850) ? rnd_below(s, w->size) : rnd_next(s);

		e = (sfaa & 0xfffffffffff00000ULL) | 0x400 | (e & 0x23c);
		if (chance(s, 200))
			e |= 0x100;
		if (chance(s, 100))
			e |= rnd_next(s) & 0xf8800ULL; /* unused, AV, ACC, F */
		*stop = true;
	}
	return e;
}

static uint64_t make_page_entry(struct world *w, uint64_t *s)
{
	uint64_t pfra;
	uint64_t e;
	unsigned k = (unsigned)rnd_below(s, 100);

	if (k < 75)
		pfra = rnd_below(s, w->size);
	else if (k < 82)
		pfra = rnd_below(s, 0x2000);
	else if (k < 89)
		pfra = w->prefix + rnd_below(s, 0x2000);
	else if (k < 95)
		pfra = w->size + rnd_below(s, 1ULL << 32);
	else
		pfra = rnd_next(s);
	e = pfra & 0xfffffffffffff000ULL;
	if (chance(s, 80))
		e |= 0x400;
	if (chance(s, 50))
		e |= 0x800;
	if (chance(s, 150))
		e |= 0x200;
	if (chance(s, 200))
		e |= 0x100;
	e |= rnd_next(s) & 0xff;
	return e;
}

static uint64_t index_at(uint64_t va, unsigned level)
{
	return level == 0 ? (va >> 12) & 0xff : (va >> (20 + 11 * (level - 1))) & 0x7ff;
}

/* build (or extend) the tables along the path of @va */
static void build_path(struct world *w, uint64_t *s, uint64_t va)
{
	unsigned top_level = (unsigned)w->dt + 1; /* 4 R1, 3 R2, 2 R3, 1 ST */
	uint64_t origin = w->top;

	for (unsigned level = top_level; level >= 1; level--) {
		uint64_t addr = origin + index_at(va, level) * 8;
		uint64_t e;
		bool stop = false;

		if (origin >= w->size || addr >= w->size)
			return;
		if (world_was_written(w, addr)) {
			assert_int_equal(storage_load8(w->st, addr, &e), 0);
			if (level == 1)
				origin = e & 0xfffffffffffff800ULL;
			else
				origin = e & 0xfffffffffffff000ULL;
			continue;
		}
		if (level >= 2) {
			uint64_t next = world_alloc(w, 16384);
			uint64_t next_hi = (index_at(va, level - 1) >> 9) & 3;

			e = make_region_entry(w, s, (uint64_t)(level - 1) << 2, next, next_hi,
					      &stop);
			fill_table(w, s, next, 2048, level - 2 == 0 ? 0x20 : ((level - 2) << 2) | 0x20);
			world_store(w, addr, e);
			if (stop)
				return;
			origin = e & 0xfffffffffffff000ULL;
		} else {
			uint64_t pto = world_alloc(w, 2048);

			e = make_segment_entry(w, s, pto, &stop);
			if (chance(s, 100))
				fill_table(w, s, pto, 256, 0x400);
			world_store(w, addr, e);
			if (stop)
				return;
			origin = e & 0xfffffffffffff800ULL;
			addr = origin + index_at(va, 0) * 8;
			if (origin < w->size && addr < w->size && !world_was_written(w, addr))
				world_store(w, addr, make_page_entry(w, s));
			/* a neighbour or two, for addresses mutated in PX */
			for (unsigned k = 0; k < 2; k++) {
				addr = origin + rnd_below(s, 256) * 8;
				if (origin < w->size && addr < w->size && !world_was_written(w, addr))
					world_store(w, addr, make_page_entry(w, s));
			}
		}
	}
}

/* a random VA the tree designated by @dt can reach, low bits biased into storage */
static uint64_t random_target(struct world *w, uint64_t *s)
{
	static const uint64_t reach[4] = { (1ULL << 31) - 1, (1ULL << 42) - 1, (1ULL << 53) - 1,
					   UINT64_MAX };
	uint64_t va = rnd_next(s) & reach[w->dt];

	if (chance(s, 600))
		va = (va & ~0x7fffffffULL) | rnd_below(s, w->size);
	if (chance(s, 300)) {
		/* keep the top-table index within a TL of w->tl */
		unsigned shift = w->dt == 3 ? 62 : w->dt == 2 ? 51 : w->dt == 1 ? 40 : 29;

		va &= ~(3ULL << shift);
		va |= rnd_below(s, w->tl + 1) << shift;
	}
	return va;
}

/* @size 0: 4, 8 or 16 MB at random; else that size (the fuzz-dat export) */
static void world_create_size(struct world *w, uint64_t *s, uint64_t size)
{
	memset(w, 0, sizeof(*w));
	w->size = size ? size : (4ULL << rnd_below(s, 3)) << 20; /* 4, 8 or 16 MB */
	assert_int_equal(storage_create(w->size, &w->st), 0);
	w->dt = rnd_below(s, 4);
	w->tl = chance(s, 600) ? 3 : (unsigned)rnd_below(s, 4);
	w->prefix = (uint32_t)(rnd_below(s, w->size) & ~0x1fffULL);
	w->bump = 0x4000 + rnd_below(s, size ? 8 : 64) * 0x4000;
	w->top = world_alloc(w, 16384);
	fill_table(w, s, w->top, 2048, w->dt == 0 ? 0x20 : (w->dt << 2) | 0x20);
	w->npaths = 2 + (unsigned)rnd_below(s, MAX_PATHS - 1);
	for (unsigned i = 0; i < w->npaths; i++) {
		w->paths[i] = random_target(w, s);
		/* paths sharing upper tables */
		if (i > 0 && chance(s, 400)) {
			uint64_t keep = ~0ULL << (20 + 11 * rnd_below(s, 4));

			w->paths[i] = (w->paths[i - 1] & keep) | (w->paths[i] & ~keep);
		}
		build_path(w, s, w->paths[i]);
	}
}

static void world_create(struct world *w, uint64_t *s)
{
	world_create_size(w, s, 0);
}

static uint64_t random_va(struct world *w, uint64_t *s)
{
	uint64_t va;
	unsigned k = (unsigned)rnd_below(s, 1000);

	if (k < 40)
		return rnd_next(s);
	if (k < 70)
		return random_target(w, s);
	va = w->paths[rnd_below(s, w->npaths)];
	va = (va & ~0xfffULL) | rnd_below(s, 4096);
	if (chance(s, 250))
		va = (va & ~0xff000ULL) | (rnd_next(s) & 0xff000ULL);
	if (chance(s, 80))
		va ^= 1ULL << (12 + rnd_below(s, 52));
	if (chance(s, 40))
		va ^= 3ULL << (29 + 11 * rnd_below(s, 4)); /* the TF/TL bits of some index */
	return va;
}

/* ---- The comparison ---------------------------------------------------- */

static const char *acc_name(enum dat_access acc)
{
	return acc == DAT_FETCH ? "fetch" : acc == DAT_STORE ? "store" : "ifetch";
}

static void report(uint64_t seed, unsigned long idx, const struct world *w, uint64_t asce,
		   const struct dat_env *env, uint64_t va, enum dat_access acc, int rc,
		   const struct dat_result *got, const struct dat_trace *trace,
		   const struct ref_result *want, const char *path, const char *what)
{
	print_error("datdiff MISMATCH (%s, %s): seed GMAP_DATDIFF_SEED=%" PRIu64 " case %lu\n",
		    what, path, seed, idx);
	print_error("  storage 0x%" PRIx64 " asce 0x%016" PRIx64 " va 0x%016" PRIx64 " %s\n",
		    w->size, asce, va, acc_name(acc));
	print_error("  env edat1=%d edat2=%d iep=%d as=%u prefix=0x%" PRIx32 "\n", env->edat1,
		    env->edat2, env->iep, env->as, env->prefix);
	print_error("  dat_translate: rc=0x%x raddr=0x%" PRIx64 " aaddr=0x%" PRIx64
		    " teid_valid=%d teid=0x%" PRIx64 " protect=%d noexec=%d frame=%u\n",
		    rc, got->raddr, got->aaddr, got->teid_valid, got->teid, got->protect,
		    got->noexec, got->frame);
	print_error("  reference:     rc=0x%x raddr=0x%" PRIx64 " aaddr=0x%" PRIx64
		    " teid_valid=%d teid=0x%" PRIx64 " protect=%d noexec=%d frame=%u\n",
		    want->rc, want->raddr, want->aaddr, want->teid_valid, want->teid, want->protect,
		    want->noexec, want->frame);
	for (unsigned i = 0; i < want->n; i++)
		print_error("  reference read [0x%" PRIx64 "] = 0x%016" PRIx64 "\n", want->where[i],
			    want->what[i]);
	for (unsigned i = 0; i < trace->n && i < 5; i++)
		print_error("  library   read [0x%" PRIx64 "] = 0x%016" PRIx64 " (%s)\n",
			    trace->e[i].aaddr, trace->e[i].value, dat_level_name(trace->e[i].level));
}

/* NULL when the library's outcome equals the reference's, else what differs */
static const char *compare(int rc, const struct dat_result *got, const struct ref_result *want)
{
	if (rc != want->rc)
		return "return code";
	if (rc == 0) {
		if (got->raddr != want->raddr || got->aaddr != want->aaddr)
			return "address";
		if (got->frame != want->frame)
			return "frame";
		if (got->protect != want->protect)
			return "protect";
		if (got->noexec != want->noexec)
			return "noexec";
		return NULL;
	}
	if (got->teid_valid != want->teid_valid)
		return "teid_valid";
	if (want->teid_valid && got->teid != want->teid)
		return "teid";
	return NULL;
}

/* One random case over world @w. */
static void random_case(struct world *w, uint64_t *s, uint64_t *asce_out, struct dat_env *env,
			enum dat_access *acc, uint64_t *va)
{
	uint64_t asce = w->top | (w->dt << 2) | (chance(s, 700) ? w->tl : rnd_below(s, 4));

	if (chance(s, 200))
		asce |= 0x100; /* private space */
	if (chance(s, 20))
		asce |= 0x20; /* real space */
	if (chance(s, 50))
		asce |= rnd_next(s) & 0xed0; /* G, S, X, unused */
	if (chance(s, 10))
		asce = rnd_next(s);
	*asce_out = asce;
	memset(env, 0, sizeof(*env));
	env->edat1 = chance(s, 600);
	env->edat2 = env->edat1 && chance(s, 500);
	env->iep = chance(s, 500);
	env->as = (uint8_t)rnd_below(s, 4);
	env->prefix = chance(s, 500) ? w->prefix : 0;
	*acc = (enum dat_access)rnd_below(s, 3);
	*va = random_va(w, s);
}

static void test_datdiff_random_walks_match_reference(void **state)
{
	unsigned long cases = CASES_DEFAULT;
	unsigned long mismatches = 0;
	struct storage_view view;
	unsigned long by_rc[0x40] = { 0 }, by_frame[3] = { 0 };
	uint64_t seed, s;
	const char *env_seed = getenv("GMAP_DATDIFF_SEED");
	const char *env_cases = getenv("GMAP_DATDIFF_CASES");
	struct world w = { 0 };

	(void)state;
	if (env_seed && *env_seed)
		seed = strtoull(env_seed, NULL, 0);
	else
		seed = 1; /* fixed, so CI is reproducible; set GMAP_DATDIFF_SEED to explore */
	if (getenv("GMAP_TEST_VALGRIND"))
		cases /= 20;
	if (env_cases && *env_cases)
		cases = strtoul(env_cases, NULL, 0);
	print_message("# datdiff: seed GMAP_DATDIFF_SEED=%" PRIu64 ", %lu cases\n", seed, cases);
	s = seed;

	for (unsigned long i = 0; i < cases && mismatches < 3; i++) {
		struct dat_env env = { 0 };
		struct dat_result got;
		struct dat_trace trace;
		struct ref_result want;
		uint64_t asce, va;
		enum dat_access acc;
		const char *what;
		int rc;

		if (i % CASES_PER_WORLD == 0) {
			storage_destroy(w.st);
			world_create(&w, &s);
		}
		random_case(&w, &s, &asce, &env, &acc, &va);

		ref_translate(w.st, &env, asce, va, acc, &want);
		if (want.rc >= 0 && want.rc < 0x40)
			by_rc[want.rc]++;
		if (want.rc == 0)
			by_frame[want.frame]++;
		/* every path of the library: with a trace (always the full walk),
		 * without (the fast path where it applies) and the inline API */
		for (int pass = 0; pass < 3; pass++) {
			memset(&got, 0xa5, sizeof(got));
			memset(&trace, 0, sizeof(trace));
			if (pass == 2) {
				storage_get_view(w.st, &view);
				rc = dat_translate_inline(w.st, &view, &env, asce, va, acc, &got);
			} else {
				rc = dat_translate(w.st, &env, asce, va, acc, &got, pass ? NULL : &trace);
			}
			what = compare(rc, &got, &want);
			if (what) {
				mismatches++;
				report(seed, i, &w, asce, &env, va, acc, rc, &got, &trace, &want,
				       pass == 0 ? "with trace" : pass == 1 ? "no trace" : "inline", what);
				break;
			}
		}
	}
	storage_destroy(w.st);
	print_message("# datdiff: ok by frame: 4K %lu, 1M %lu, 2G %lu\n", by_frame[0], by_frame[1],
		      by_frame[2]);
	print_message("# datdiff: ok %lu, 0x04 %lu, 0x05 %lu, 0x10 %lu, 0x11 %lu, 0x12 %lu, 0x38 %lu, "
		      "0x39 %lu, 0x3a %lu, 0x3b %lu\n",
		      by_rc[0], by_rc[4], by_rc[5], by_rc[0x10], by_rc[0x11], by_rc[0x12],
		      by_rc[0x38], by_rc[0x39], by_rc[0x3a], by_rc[0x3b]);
	if (mismatches)
		fail_msg("datdiff: %lu mismatch(es), seed GMAP_DATDIFF_SEED=%" PRIu64, mismatches,
			 seed);
}

/* The reference itself, on a few hand-derived cases (§6.1), so a broken
 * reference cannot agree with a broken library by accident. */
static void test_datdiff_reference_sanity(void **state)
{
	struct gm_storage *st;
	struct dat_env env = { .edat1 = true, .edat2 = true, .iep = true, .as = 2, .prefix = 0x4000 };
	struct ref_result r;

	(void)state;
	assert_int_equal(storage_create(1ULL << 22, &st), 0);
	/* ST-ASCE at 0x10000, TL=0; STE[1] -> PT at 0x20800; PTE[2] -> real 0x1000 */
	assert_int_equal(storage_store8(st, 0x10008, 0x20800), 0);
	assert_int_equal(storage_store8(st, 0x20800 + 16, 0x1000 | 0x200), 0);
	ref_translate(st, &env, 0x10000, 0x102345, DAT_FETCH, &r);
	assert_int_equal(r.rc, 0);
	assert_hex_equal(r.raddr, 0x1345);
	assert_hex_equal(r.aaddr, 0x5345); /* real page 1 -> prefix + 0x1000 */
	assert_true(r.protect);
	ref_translate(st, &env, 0x10000, 0x102345, DAT_STORE, &r);
	assert_int_equal(r.rc, 0x04);
	assert_hex_equal(r.teid, 0x102000 | 0x400 | 0x4 | 2);
	/* SX high bits 01 > TL 0 */
	ref_translate(st, &env, 0x10000, 0x20000000, DAT_IFETCH, &r);
	assert_int_equal(r.rc, 0x10);
	assert_hex_equal(r.teid, 0x20000000 | 0x800 | 2);
	/* beyond 2 GB with a segment-table ASCE */
	ref_translate(st, &env, 0x10000, 0x80000000, DAT_FETCH, &r);
	assert_int_equal(r.rc, 0x38);
	/* STE[2]: 1 MB frame at 0x200000, not prefixed, with IEP */
	assert_int_equal(storage_store8(st, 0x10010, 0x200000 | 0x400 | 0x100), 0);
	ref_translate(st, &env, 0x10000, 0x200010, DAT_FETCH, &r);
	assert_int_equal(r.rc, 0);
	assert_hex_equal(r.aaddr, 0x200010);
	assert_int_equal(r.frame, 1);
	ref_translate(st, &env, 0x10000, 0x200010, DAT_IFETCH, &r);
	assert_int_equal(r.rc, 0x04);
	assert_hex_equal(r.teid, 0x200000 | 0x800 | 0x84 | 2);
	/* STE[3] -> PT outside storage: addressing, no TEID */
	assert_int_equal(storage_store8(st, 0x10018, 1ULL << 40), 0);
	ref_translate(st, &env, 0x10000, 0x300000, DAT_FETCH, &r);
	assert_int_equal(r.rc, 0x05);
	assert_false(r.teid_valid);
	storage_destroy(st);
}

/* ---- The fuzz-dat corpus ------------------------------------------------ */

/*
 * Outcome classes a DAT walk can end in: every PIC, each successful kind of
 * translation (4 KB page under each ASCE type, 1 MB and 2 GB frames, real
 * space, a prefixed result), both kinds of protection.
 */
enum outcome {
	OC_PAGE_R1, OC_PAGE_R2, OC_PAGE_R3, OC_PAGE_SGT, OC_FRAME_1M, OC_FRAME_2G, OC_REAL,
	OC_PREFIXED, OC_PROT_STORE, OC_PROT_IEP, OC_ADDR_TABLE, OC_ADDR_RESULT, OC_SEG_TRANS,
	OC_PAGE_TRANS, OC_TRANS_SPEC, OC_ASCE_TYPE, OC_R1_TRANS, OC_R2_TRANS, OC_R3_TRANS,
	OC_COUNT
};

static const char *const outcome_name[OC_COUNT] = {
	"4K page via R1", "4K page via R2", "4K page via R3", "4K page via segment table",
	"1M frame (EDAT-1)", "2G frame (EDAT-2)", "real space", "prefixed result",
	"store protection", "IEP protection", "0x05 on a table entry", "0x05 on the result",
	"0x10", "0x11", "0x12", "0x38", "0x39", "0x3a", "0x3b",
};

/* The class of a reference outcome, or -1. */
static int outcome_of(uint64_t asce, const struct ref_result *r)
{
	switch (r->rc) {
	case 0:
		if (asce & 0x20)
			return OC_REAL;
		if (r->frame)
			return r->frame == 1 ? OC_FRAME_1M : OC_FRAME_2G;
		if (r->raddr != r->aaddr)
			return OC_PREFIXED;
		return OC_PAGE_SGT - (int)((asce >> 2) & 3);
	case 0x04:
		return (r->teid & 0x80) ? OC_PROT_IEP : OC_PROT_STORE;
	case 0x05:
		/* the walk read every level its ASCE type has, then the result lay outside */
		return r->n == ((asce & 0x20) ? 0 : ((asce >> 2) & 3) + 2) ? OC_ADDR_RESULT
									: OC_ADDR_TABLE;
	case 0x10: return OC_SEG_TRANS;
	case 0x11: return OC_PAGE_TRANS;
	case 0x12: return OC_TRANS_SPEC;
	case 0x38: return OC_ASCE_TYPE;
	case 0x39: return OC_R1_TRANS;
	case 0x3a: return OC_R2_TRANS;
	case 0x3b: return OC_R3_TRANS;
	default: return -1;
	}
}

static const char *corpus_dir(char *buf, size_t n)
{
	const char *d = getenv("GMAP_FUZZ_DAT_CORPUS");

	if (d && *d)
		return d;
	snprintf(buf, n, "%s/fuzz/corpus/dat", GMAP_SOURCE_ROOT);
	return buf;
}

/*
 * The checked-in fuzz-dat corpus, decoded exactly as the fuzzer decodes it,
 * reaches every outcome class, and the library agrees with the reference on
 * each input (so the corpus is also a regression suite of odd walks).
 * GMAP_FUZZ_DAT_CORPUS=<dir> checks another directory.
 */
static void test_datdiff_fuzz_corpus_reaches_every_outcome(void **state)
{
	char buf[4096], path[4400];
	const char *dir = corpus_dir(buf, sizeof(buf));
	unsigned long seen[OC_COUNT] = { 0 }, files = 0;
	struct gm_storage *st;
	struct dirent *de;
	unsigned missing = 0;
	DIR *d;

	(void)state;
	d = opendir(dir);
	if (!d)
		fail_msg("no fuzz-dat corpus at %s", dir);
	assert_int_equal(storage_create(FUZZ_STORAGE_SIZE, &st), 0);
	while ((de = readdir(d)) != NULL) {
		static uint8_t data[1 << 16];
		struct fuzz_dat_case c;
		struct ref_result want;
		struct dat_result got;
		size_t len;
		FILE *f;
		int rc, oc;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		f = fopen(path, "rb");
		if (!f)
			continue;
		len = fread(data, 1, sizeof(data), f);
		fclose(f);
		files++;
		if (fuzz_dat_decode(st, data, len, &c) != 0) {
			fuzz_dat_clear(st, &c);
			continue;
		}
		ref_translate(st, &c.env, c.asce, c.vaddr, c.acc, &want);
		rc = dat_translate(st, &c.env, c.asce, c.vaddr, c.acc, &got, NULL);
		if (compare(rc, &got, &want))
			fail_msg("%s: dat_translate 0x%x, reference 0x%x (%s)", path, rc, want.rc,
				 compare(rc, &got, &want));
		oc = outcome_of(c.asce, &want);
		if (oc >= 0)
			seen[oc]++;
		fuzz_dat_clear(st, &c);
	}
	closedir(d);
	storage_destroy(st);
	print_message("# fuzz-dat corpus: %lu inputs\n", files);
	for (unsigned i = 0; i < OC_COUNT; i++) {
		print_message("#   %-26s %lu\n", outcome_name[i], seen[i]);
		missing += seen[i] == 0;
	}
	if (missing)
		fail_msg("the fuzz-dat corpus misses %u outcome class(es)", missing);
}

/*
 * GMAP_DATDIFF_EXPORT=<dir>: write fuzz-dat seeds from the generator above
 * instead of testing: worlds of the fuzzer's storage size, and per outcome
 * class (and access kind, facility switches) the first few cases, each as
 * the header plus one raw record per entry the reference walk read.  Merge
 * them into fuzz/corpus/dat with fuzz-dat -merge=1 (docs/testing.md).
 */
static void test_datdiff_export_fuzz_seeds(void **state)
{
	const char *dir = getenv("GMAP_DATDIFF_EXPORT");
	static unsigned char count[OC_COUNT][3][8];
	struct world w = { 0 };
	unsigned long written = 0;
	uint64_t s = 0xf022;

	(void)state;
	if (!dir || !*dir) {
		/* a plain run checks only that a seed encodes and decodes exactly */
		dir = NULL;
	}
	for (unsigned long i = 0; i < (dir ? 400000UL : 2000UL); i++) {
		struct dat_env env;
		struct ref_result want, again;
		enum dat_access acc;
		uint64_t asce, va;
		uint8_t in[FUZZ_HEADER + 5 * FUZZ_RECORD], *p = in;
		unsigned sw;
		int oc;

		if (i % CASES_PER_WORLD == 0) {
			storage_destroy(w.st);
			world_create_size(&w, &s, FUZZ_STORAGE_SIZE);
		}
		random_case(&w, &s, &asce, &env, &acc, &va);
		ref_translate(w.st, &env, asce, va, acc, &want);
		oc = outcome_of(asce, &want);
		sw = (unsigned)env.edat1 | (unsigned)env.edat2 << 1 | (unsigned)env.iep << 2;
		if (oc < 0 || count[oc][acc][sw] >= 2)
			continue;
		for (int k = 7; k >= 0; k--)
			*p++ = (uint8_t)(asce >> (8 * k));
		for (int k = 7; k >= 0; k--)
			*p++ = (uint8_t)(va >> (8 * k));
		*p++ = (uint8_t)acc;
		*p++ = (uint8_t)(sw | (unsigned)(env.as & 3) << 3);
		for (int k = 3; k >= 0; k--)
			*p++ = (uint8_t)(env.prefix >> (8 * k));
		for (unsigned r = 0; r < want.n; r++) {
			for (int k = 3; k >= 0; k--)
				*p++ = (uint8_t)(want.where[r] >> (8 * k));
			for (int k = 7; k >= 0; k--)
				*p++ = (uint8_t)(want.what[r] >> (8 * k));
		}
		/* the seed alone, in a fresh storage, gives the same outcome */
		{
			struct gm_storage *st;
			struct fuzz_dat_case c;

			assert_int_equal(storage_create(FUZZ_STORAGE_SIZE, &st), 0);
			assert_int_equal(fuzz_dat_decode(st, in, (size_t)(p - in), &c), 0);
			ref_translate(st, &c.env, c.asce, c.vaddr, c.acc, &again);
			storage_destroy(st);
			assert_int_equal(again.rc, want.rc);
			assert_int_equal(again.aaddr, want.aaddr);
			assert_int_equal(again.teid, want.teid);
		}
		count[oc][acc][sw]++;
		if (dir) {
			char path[4400];
			FILE *f;

			snprintf(path, sizeof(path), "%s/gen-%02d-%u-%u-%u", dir, oc, (unsigned)acc, sw,
				 count[oc][acc][sw]);
			f = fopen(path, "wb");
			assert_non_null(f);
			assert_int_equal(fwrite(in, 1, (size_t)(p - in), f), (size_t)(p - in));
			fclose(f);
			written++;
		}
	}
	storage_destroy(w.st);
	if (dir)
		print_message("# wrote %lu fuzz-dat seeds to %s\n", written, dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_datdiff_reference_sanity),
		cmocka_unit_test(test_datdiff_random_walks_match_reference),
		cmocka_unit_test(test_datdiff_fuzz_corpus_reaches_every_outcome),
		cmocka_unit_test(test_datdiff_export_fuzz_seeds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
