/* SPDX-License-Identifier: MIT */
/*
 * Tests of lib/shadow.c (pte notifiers, shadow gmaps, the vSIE access) and
 * of the shadow checker lib/check-shadow.c.  Guest-2 builds its tables in
 * its memory (tests/nested-test.h); guest-3 runs through the shadow.  What
 * is asserted is what the architecture and the 4.8 design say must be
 * observable: what guest-3 reads and writes, the PIC and TEID guest-2 is
 * given, which shadow entries are empty or valid, the VSIE bit and the
 * read-only state of guest-2's table pages, and check_machine() after
 * every step.
 */
#include "nested-test.h"

#include "gmap/pgste.h"
#include "gmap/shadow.h"
#include "gmap/skey.h"
#include "gmap/tlb.h"

#define R3T 0x100000ULL
#define SGT 0x104000ULL
#define SGT_B 0x108000ULL
#define PGT 0x10c000ULL
#define PGT2 0x10d000ULL
#define DATA 0x400000ULL
#define DATA2 0x401000ULL

struct sfx {
	struct g2 *g;
	struct gmap *sg;
};

static int setup(void **state)
{
	struct sfx *s = calloc(1, sizeof(*s));

	assert_non_null(s);
	s->g = g2_new(GM_FAC_IDTE | GM_FAC_EDAT1 | GM_FAC_EDAT2, true);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	struct sfx *s = *state;

	G2_CHECK(s->g);
	if (s->sg)
		gmap_put(s->sg);
	G2_CHECK(s->g);
	g2_free(s->g); /* gmap_free() removes the remaining shadows; nothing leaks */
	free(s);
	return 0;
}

/* Segment-table space: SGT[0] → PGT; PGT[1] → DATA, PGT[2] → DATA2 (read-only). */
static uint64_t seg_space(struct g2 *f)
{
	g2_fill(f, SGT, 0x20, 2048);
	g2_fill(f, PGT, 0x400, 256);
	g2_st8(f, SGT, E_STE(PGT));
	g2_st8(f, PGT + 8, E_PTE(DATA));
	g2_st8(f, PGT + 16, E_PTE(DATA2) | 0x200);
	g2_st8(f, DATA + 0x10, 0x1111);
	g2_st8(f, DATA2 + 0x10, 0x2222);
	return SGT | 3;
}

static uint64_t g3_ld8(struct sfx *s, uint64_t saddr, int *rc, struct dat_result *res)
{
	uint8_t b[8];
	uint64_t v = 0;

	*rc = shadow_sie_access(s->g->m, s->sg, saddr, b, 8, false, res);
	for (int i = 0; i < 8; i++)
		v = v << 8 | b[i];
	return v;
}

static int g3_st8(struct sfx *s, uint64_t saddr, uint64_t val, struct dat_result *res)
{
	uint8_t b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(val >> (56 - 8 * i));
	return shadow_sie_access(s->g->m, s->sg, saddr, b, 8, true, res);
}

/* The parent pte of guest-2 page @g2: VSIE-armed and read-only? */
static bool armed(struct g2 *f, uint64_t g2, bool *ro)
{
	struct nested_host h;
	uint64_t pgste = 0;

	assert_int_equal(nested_g2_to_host(f->gmap, g2, &h), 0);
	assert_int_equal(pgste_get(f->mm, h.ptep, &pgste), 0);
	if (ro)
		*ro = (h.pte & _PAGE_PROTECT) != 0;
	return (pgste & PGSTE_VSIE_BIT) != 0;
}

static uint64_t sentry(struct sfx *s, uint64_t saddr, int level)
{
	uint64_t a = gmap_table_walk(s->sg, saddr, level), v = 0;

	if (!a)
		return ~0ULL;
	assert_int_equal(storage_load8(s->g->st, a, &v), 0);
	return v;
}

static unsigned nr_children(struct gmap *parent)
{
	struct gmap *c;
	unsigned n = 0;

	LIST_FOREACH(c, &parent->children, list)
		n++;
	return n;
}

/* ---- creation ------------------------------------------------------------ */

static void shadow_creation_protects_the_top_level_table_and_is_found_again(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = seg_space(s->g);
	bool ro = false;
	struct gmap *again;

	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	assert_false(gmap_is_err(s->sg));
	assert_true(gmap_shadow_valid(s->sg, asce, 0));
	assert_false(gmap_shadow_valid(s->sg, asce, 1));
	assert_ptr_equal(s->sg->parent, s->g->gmap);
	/* (TL+1) * 4 KB = 16 KB of SGT: all four pages read-only with the VSIE bit. */
	for (unsigned p = 0; p < 4; p++) {
		assert_true(armed(s->g, SGT + p * 4096ULL, &ro));
		assert_true(ro);
	}
	G2_CHECK(s->g);
	again = gmap_shadow(s->g->gmap, asce, 0);
	assert_ptr_equal(again, s->sg);
	gmap_put(again);
	assert_int_equal(nr_children(s->g->gmap), 1);
	/* Another ASCE, another EDAT level: other shadows. */
	again = gmap_shadow(s->g->gmap, asce, 1);
	assert_false(gmap_is_err(again));
	assert_ptr_not_equal(again, s->sg);
	assert_int_equal(nr_children(s->g->gmap), 2);
	G2_CHECK(s->g);
	gmap_put(again);
	assert_errno(gmap_ptr_err(gmap_shadow(s->sg, asce, 0)), -EINVAL);
	assert_errno(gmap_ptr_err(gmap_shadow(s->g->gmap, asce, 3)), -EINVAL);
	/* A top-level table outside guest-2 memory cannot be protected. */
	assert_errno(gmap_ptr_err(gmap_shadow(s->g->gmap, (64 * MB) | 3, 0)), -EFAULT);
	assert_int_equal(nr_children(s->g->gmap), 2);
}

/* ---- guest-3 accesses -------------------------------------------------------- */

static void guest3_accesses_build_the_shadow_and_reach_guest2_memory(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = seg_space(s->g);
	struct nested_host h;
	bool ro = false;
	int rc;

	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	assert_false(gmap_is_err(s->sg));
	assert_hex_equal(sentry(s, 0x1000, DAT_LEVEL_STE), 0x20); /* nothing shadowed yet */
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111);
	assert_int_equal(rc, 0);
	G2_CHECK(s->g);
	/* The shadow pte holds the host frame of guest-2's DATA; PGT is protected. */
	assert_int_equal(nested_g2_to_host(s->g->gmap, DATA, &h), 0);
	assert_hex_equal(sentry(s, 0x1000, DAT_LEVEL_PTE), h.haddr & PAGE_MASK);
	assert_true(armed(s->g, PGT, &ro));
	assert_true(ro);
	assert_true(armed(s->g, DATA, NULL));
	/* A store lands in guest-2's page. */
	assert_int_equal(g3_st8(s, 0x1020, 0xfeed, NULL), 0);
	G2_CHECK(s->g);
	assert_hex_equal(g2_ld8(s->g, DATA + 0x20), 0xfeed);
	/* The read-only guest-2 pte: fetch fine, store reflected as protection. */
	assert_hex_equal(g3_ld8(s, 0x2010, &rc, NULL), 0x2222);
	assert_int_equal(rc, 0);
	G2_CHECK(s->g);
}

/* PoP: every access sets R in the key of the frame it touches, a store also C. */
static void guest3_accesses_set_reference_and_change_in_the_host_frames_key(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = seg_space(s->g);
	struct gm_skey *sk = machine_skey(s->g->m);
	struct nested_host h, h2;
	uint8_t key = 0xff, buf[4096 + 16];
	int rc;

	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	assert_false(gmap_is_err(s->sg));
	assert_int_equal(nested_g2_to_host(s->g->gmap, DATA, &h), 0);
	assert_int_equal(nested_g2_to_host(s->g->gmap, DATA2, &h2), 0);
	assert_int_equal(skey_sske(sk, h.haddr, 0x30, 0, NULL), 0);
	assert_int_equal(skey_sske(sk, h2.haddr, 0x30, 0, NULL), 0);
	(void)g3_ld8(s, 0x1010, &rc, NULL);
	assert_int_equal(rc, 0);
	assert_int_equal(skey_iske(sk, h.haddr, &key), 0);
	assert_hex_equal(key, 0x30 | _PAGE_REFERENCED);
	assert_int_equal(g3_st8(s, 0x1020, 0xfeed, NULL), 0);
	assert_int_equal(skey_iske(sk, h.haddr, &key), 0);
	assert_hex_equal(key, 0x30 | _PAGE_REFERENCED | _PAGE_CHANGED);
	G2_CHECK(s->g);
	/* A fetch across both pages references both frames and changes neither. */
	assert_int_equal(skey_sske(sk, h.haddr, 0x30, 0, NULL), 0);
	assert_int_equal(shadow_sie_access(s->g->m, s->sg, 0x1008, buf, sizeof(buf), false, NULL), 0);
	assert_int_equal(skey_iske(sk, h.haddr, &key), 0);
	assert_hex_equal(key, 0x30 | _PAGE_REFERENCED);
	assert_int_equal(skey_iske(sk, h2.haddr, &key), 0);
	assert_hex_equal(key, 0x30 | _PAGE_REFERENCED);
	G2_CHECK(s->g);
}

static void guest2_translation_exceptions_are_given_to_guest2_with_teid(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = seg_space(s->g);
	struct dat_result r;
	int rc;

	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	(void)g3_ld8(s, 0x3008, &rc, &r);
	assert_pic(rc, 0x11);
	assert_hex_equal(r.teid, 0x3000 | 0x800);
	rc = g3_st8(s, 0x2008, 1, &r);
	assert_pic(rc, 0x04);
	assert_hex_equal(r.teid, 0x2000 | 0x400 | 0x4);
	(void)g3_ld8(s, 0x100000, &rc, &r);
	assert_pic(rc, 0x10);
	assert_hex_equal(r.teid, 0x100000 | 0x800);
	(void)g3_ld8(s, 4 * GB, &rc, &r);
	assert_pic(rc, 0x38);
	G2_CHECK(s->g);
	/* The oracle agrees with what the shadow gave. */
	{
		struct nested_result n;

		assert_int_equal(nested_translate(s->g->gmap, asce, 0, 0x3008, DAT_FETCH, &n), 0);
		assert_pic(n.pic, 0x11);
		assert_hex_equal(n.teid, 0x3000 | 0x800);
	}
}

/* ---- guest-2 editing its tables while guest-3 runs ----------------------------- */

static void guest2_changing_a_pte_unshadows_the_page_table_only(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = seg_space(s->g);
	int rc;

	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111);
	/* Guest-2 points pte 1 at DATA2: its write hits the protection → unshadow the pgt. */
	g2_st8(s->g, PGT + 8, E_PTE(DATA2));
	G2_CHECK(s->g);
	assert_hex_equal(sentry(s, 0x1000, DAT_LEVEL_STE), 0x20);
	assert_true(gmap_shadow_valid(s->sg, asce, 0)); /* the shadow itself stays */
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x2222);
	assert_int_equal(rc, 0);
	G2_CHECK(s->g);
}

static void guest2_rewriting_the_top_level_table_drops_the_whole_shadow(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = seg_space(s->g);
	int rc;

	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111);
	g2_st8(s->g, SGT + 8, E_STE(PGT2));
	G2_CHECK(s->g);
	assert_false(gmap_shadow_valid(s->sg, asce, 0));
	assert_int_equal(nr_children(s->g->gmap), 0);
	assert_true(s->sg->shadow->removed);
	/* A removed shadow is not run (vsie: "unshadowing while shadowing" → -EAGAIN). */
	assert_errno(kvm_s390_shadow_fault(s->sg, 0x1000), -EAGAIN);
	(void)g3_ld8(s, 0x1010, &rc, NULL);
	assert_errno(rc, -EAGAIN);
	/* vsie.c acquires a new one. */
	gmap_put(s->sg);
	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	assert_false(gmap_is_err(s->sg));
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111);
	G2_CHECK(s->g);
}

/* Region-third space with two 2 GB regions: SGT (region 0) and SGT_B (region 1). */
static uint64_t r3_space(struct g2 *f)
{
	seg_space(f);
	g2_fill(f, SGT_B, 0x20, 2048);
	g2_fill(f, R3T, 0x24, 2048);
	g2_st8(f, R3T, E_R3(SGT));
	g2_st8(f, R3T + 8, E_R3(SGT_B));
	g2_st8(f, SGT_B, E_STE(PGT));
	return R3T | 0x4 | 3;
}

static void guest2_changing_a_segment_table_unshadows_that_subtree_only(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = r3_space(s->g);
	int rc;

	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111);
	assert_hex_equal(g3_ld8(s, 2 * GB + 0x1010, &rc, NULL), 0x1111);
	G2_CHECK(s->g);
	assert_true((sentry(s, 0, DAT_LEVEL_R3TE) & 0x20) == 0);
	/* Guest-2 edits SGT (segment 5): the region-0 sgt goes, region 1 stays. */
	g2_st8(s->g, SGT + 5 * 8, 0x20);
	G2_CHECK(s->g);
	assert_hex_equal(sentry(s, 0, DAT_LEVEL_R3TE), 0x24);
	assert_true((sentry(s, 2 * GB, DAT_LEVEL_R3TE) & 0x20) == 0);
	assert_true((sentry(s, 2 * GB + 0x1000, DAT_LEVEL_PTE) & 0x400) == 0);
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111);
	G2_CHECK(s->g);
}

static void guest2_freeing_and_reusing_a_page_table_is_seen_by_guest3(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = r3_space(s->g);
	int rc;

	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111);
	/* Guest-2 moves segment 0 to PGT2 and reuses PGT's page as data. */
	g2_fill(s->g, PGT2, 0x400, 256);
	g2_st8(s->g, PGT2 + 8, E_PTE(DATA2));
	g2_st8(s->g, SGT, E_STE(PGT2));
	G2_CHECK(s->g);
	g2_st8(s->g, PGT + 8, 0x5555); /* the old page table is data now */
	G2_CHECK(s->g);
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x2222);
	assert_int_equal(rc, 0);
	G2_CHECK(s->g);
}

/* vsie.c acquire_gmap_shadow(): keep the shadow while valid for (ASCE, EDAT level). */
static void acquire(struct sfx *s, uint64_t asce, int edat)
{
	if (s->sg && gmap_shadow_valid(s->sg, asce, edat))
		return;
	if (s->sg)
		gmap_put(s->sg);
	s->sg = gmap_shadow(s->g->gmap, asce, edat);
	assert_false(gmap_is_err(s->sg));
}

static void guest2_changing_its_asce_or_edat_level_gets_another_shadow(void **state)
{
	struct sfx *s = *state;
	uint64_t a = seg_space(s->g), b = SGT_B | 3;
	struct gmap *first;
	int rc;

	/* Space B: segment 0 → PGT2, pte 1 → DATA2; segment 1 a 1 MB frame at 8 MB. */
	g2_fill(s->g, SGT_B, 0x20, 2048);
	g2_fill(s->g, PGT2, 0x400, 256);
	g2_st8(s->g, SGT_B, E_STE(PGT2));
	g2_st8(s->g, PGT2 + 8, E_PTE(DATA2));
	g2_st8(s->g, SGT_B + 8, 0x800000ULL | 0x400);
	g2_st8(s->g, 0x800010, 0x4444);
	acquire(s, a, 1);
	first = s->sg;
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111);
	/* Guest-2 loads B into its CR1 and runs guest-3 again. */
	acquire(s, b, 1);
	assert_ptr_not_equal(s->sg, first);
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x2222);
	assert_hex_equal(g3_ld8(s, 0x100010, &rc, NULL), 0x4444); /* EDAT-1 frame */
	G2_CHECK(s->g);
	/* Guest-2 turns EDAT off (CR0.40): FC is ignored, the entry designates a page table at 8 MB. */
	acquire(s, b, 0);
	(void)g3_ld8(s, 0x100010, &rc, NULL);
	{
		struct nested_result n;

		assert_int_equal(nested_translate(s->g->gmap, b, 0, 0x100010, DAT_FETCH, &n), 0);
		assert_int_equal(n.kind, NESTED_OK);
		assert_int_equal(n.frame, 0);
		assert_int_equal(rc, 0);
	}
	G2_CHECK(s->g);
	/* Back to A: the first shadow is still there and still right. */
	assert_int_equal(nr_children(s->g->gmap), 3);
	acquire(s, a, 1);
	assert_ptr_equal(s->sg, first);
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111);
	G2_CHECK(s->g);
}

/* ---- EDAT and real space ------------------------------------------------------ */

static void edat1_frames_are_shadowed_with_fake_page_tables(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = seg_space(s->g);
	int rc;

	g2_st8(s->g, SGT + 16, 0x800000ULL | 0x400); /* segment 2: 1 MB frame at 8 MB */
	g2_st8(s->g, 0x834560, 0x3333);
	s->sg = gmap_shadow(s->g->gmap, asce, 1);
	assert_hex_equal(g3_ld8(s, 0x234560, &rc, NULL), 0x3333);
	assert_int_equal(rc, 0);
	G2_CHECK(s->g);
	assert_true(armed(s->g, 0x834000, NULL)); /* the data page, not as a table */
	/* Without EDAT-1 the same entry is a page table at 8 MB. */
	gmap_put(s->sg);
	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	(void)g3_ld8(s, 0x234560, &rc, NULL);
	assert_int_equal(rc, 0); /* pte 0x34 of "page table" 8 MB is 0: frame 0 of guest-2 */
	G2_CHECK(s->g);
}

static void edat2_region_frames_are_shadowed_with_fake_tables(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = r3_space(s->g);
	int rc;

	g2_st8(s->g, R3T + 16, 0x0ULL | 0x400 | 0x4); /* region 2: a 2 GB frame at 0 */
	s->sg = gmap_shadow(s->g->gmap, asce, 2);
	assert_hex_equal(g3_ld8(s, 4 * GB + DATA + 0x10, &rc, NULL), 0x1111);
	assert_int_equal(rc, 0);
	G2_CHECK(s->g);
	assert_int_equal(g3_st8(s, 4 * GB + DATA2 + 0x18, 0x77, NULL), 0);
	assert_hex_equal(g2_ld8(s->g, DATA2 + 0x18), 0x77);
	G2_CHECK(s->g);
}

static void real_space_asce_has_at_most_one_shadow(void **state)
{
	struct sfx *s = *state;
	struct gmap *other;
	int rc;

	seg_space(s->g);
	s->sg = gmap_shadow(s->g->gmap, _ASCE_REAL_SPACE, 0);
	assert_false(gmap_is_err(s->sg));
	assert_hex_equal(g3_ld8(s, DATA + 0x10, &rc, NULL), 0x1111);
	G2_CHECK(s->g);
	other = gmap_shadow(s->g->gmap, _ASCE_REAL_SPACE, 1);
	assert_false(gmap_is_err(other));
	assert_int_equal(nr_children(s->g->gmap), 1);
	assert_false(gmap_shadow_valid(s->sg, _ASCE_REAL_SPACE, 0));
	G2_CHECK(s->g);
	gmap_put(other);
}

/* ---- the host side --------------------------------------------------------------- */

static void process_munmap_under_guest2_memory_unshadows_the_page(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = seg_space(s->g);
	int rc;

	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111);
	assert_int_equal(mm_munmap(s->g->mm, G2_VM + DATA, PAGE_SIZE), 0);
	G2_CHECK(s->g);
	assert_hex_equal(sentry(s, 0x1000, DAT_LEVEL_PTE), _PAGE_INVALID);
	(void)g3_ld8(s, 0x1010, &rc, NULL);
	assert_errno(rc, -EFAULT); /* guest-2 has no memory there any more */
	G2_CHECK(s->g);
}

static void host_protection_change_of_a_data_page_unshadows_it(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = seg_space(s->g);
	int rc;

	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111);
	assert_int_equal(mm_mprotect(s->g->mm, G2_VM + DATA, PAGE_SIZE, MM_PROT_READ), 0);
	G2_CHECK(s->g);
	assert_hex_equal(sentry(s, 0x1000, DAT_LEVEL_PTE), _PAGE_INVALID);
	/*
	 * Guest-2 maps the page writable, the host read-only: the shadow pte
	 * needs a writable host pte (ptep_shadow_pte()), the write fix-up
	 * fails, and the access is a host-side -EFAULT (Linux 4.8 likewise).
	 */
	(void)g3_ld8(s, 0x1010, &rc, NULL);
	assert_errno(rc, -EFAULT);
	G2_CHECK(s->g);
	/* Guest-2's read-only mapping of DATA2 is shadowed from the read-only host page. */
	assert_int_equal(mm_mprotect(s->g->mm, G2_VM + DATA2, PAGE_SIZE, MM_PROT_READ), 0);
	assert_hex_equal(g3_ld8(s, 0x2010, &rc, NULL), 0x2222);
	assert_int_equal(rc, 0);
	assert_int_equal(mm_mprotect(s->g->mm, G2_VM + DATA, PAGE_SIZE, MM_PROT_READ | MM_PROT_WRITE), 0);
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111);
	assert_int_equal(rc, 0);
	G2_CHECK(s->g);
}

/* ---- pte notifiers ------------------------------------------------------------------ */

struct seen {
	struct gmap_notifier nb;
	struct gmap *gmap;
	unsigned long start, end;
	unsigned calls;
	unsigned children_at_call;
	bool child_has_parent;
};

/* The callback has no context argument (as in the kernel): one recorder at a time. */
static struct seen *recorder;

static void record(struct gmap *gmap, unsigned long start, unsigned long end)
{
	struct seen *w = recorder;
	struct gmap *c;

	w->gmap = gmap;
	w->start = start;
	w->end = end;
	w->calls++;
	w->children_at_call = 0;
	w->child_has_parent = true;
	LIST_FOREACH(c, &gmap->children, list) {
		w->children_at_call++;
		w->child_has_parent = w->child_has_parent && c->parent == gmap;
	}
}

static void mprotect_notify_reports_the_guest_page_once(void **state)
{
	struct sfx *s = *state;
	struct seen w = { .nb = { .notifier_call = record } };

	w.nb.priv = &w;
	recorder = &w;
	gmap_register_pte_notifier(s->g->m, &w.nb);
	assert_int_equal(gmap_mprotect_notify(s->g->gmap, 0x6000, 2 * PAGE_SIZE, MM_PROT_READ | MM_PROT_WRITE), 0);
	G2_CHECK(s->g);
	assert_int_equal(w.calls, 0);
	g2_st8(s->g, 0x6008, 1); /* writable: no change, no call */
	assert_int_equal(w.calls, 0);
	assert_int_equal(mm_mprotect(s->g->mm, G2_VM + 0x7000, PAGE_SIZE, MM_PROT_READ), 0);
	assert_int_equal(w.calls, 1);
	assert_ptr_equal(w.gmap, s->g->gmap);
	assert_hex_equal(w.start, 0x7000);
	assert_hex_equal(w.end, 0x7fff);
	assert_int_equal(mm_mprotect(s->g->mm, G2_VM + 0x7000, PAGE_SIZE, MM_PROT_READ | MM_PROT_WRITE), 0);
	assert_int_equal(w.calls, 1); /* fired once: the bit is gone */
	/* PROT_NONE: the pte goes invalid; guest-2's next access fires it. */
	assert_int_equal(gmap_mprotect_notify(s->g->gmap, 0x6000, PAGE_SIZE, MM_PROT_NONE), 0);
	assert_hex_equal(g2_ld8(s->g, 0x6008), 1);
	assert_int_equal(w.calls, 2);
	assert_hex_equal(w.start, 0x6000);
	assert_errno(gmap_mprotect_notify(s->g->gmap, 0x6001, PAGE_SIZE, MM_PROT_READ), -EINVAL);
	assert_errno(gmap_mprotect_notify(s->g->gmap, 64 * MB, PAGE_SIZE, MM_PROT_READ), -EFAULT);
	gmap_unregister_pte_notifier(s->g->m, &w.nb);
	G2_CHECK(s->g);
}

static void gmap_read_table_faults_in_and_reads_what_guest2_stored(void **state)
{
	struct sfx *s = *state;
	unsigned long v = 0;

	g2_st8(s->g, 0x9000, 0x0123456789abcdefULL);
	assert_int_equal(gmap_read_table(s->g->gmap, 0x9000, &v), 0);
	assert_hex_equal(v, 0x0123456789abcdefULL);
	assert_int_equal(gmap_read_table(s->g->gmap, 0xa000, &v), 0); /* faulted in: zero */
	assert_hex_equal(v, 0);
	assert_errno(gmap_read_table(s->g->gmap, 64 * MB, &v), -EFAULT);
	assert_errno(gmap_read_table(s->g->gmap, 0x9004, &v), -EINVAL);
	G2_CHECK(s->g);
}

/* ---- regression scenarios (gmap-semantics §5) ------------------------------------------ */

/* §5 item 12: a region-first guest-2 ASCE and the top of the address space. */
static void regression_region_first_shadow_reaches_the_highest_addresses(void **state)
{
	struct sfx *s = *state;
	const uint64_t r1t = 0x200000, r2t = 0x204000, r3t = 0x208000;
	uint64_t top = 0xffffffffffe01000ULL;
	int rc;

	seg_space(s->g);
	g2_fill(s->g, r1t, 0x2c, 2048);
	g2_fill(s->g, r2t, 0x28, 2048);
	g2_fill(s->g, r3t, 0x24, 2048);
	g2_st8(s->g, r1t + 2047 * 8, E_R1(r2t));
	g2_st8(s->g, r2t + 2047 * 8, E_R2(r3t));
	g2_st8(s->g, r3t + 2047 * 8, E_R3(SGT));
	g2_st8(s->g, SGT + DAT_SX(top) * 8, E_STE(PGT));
	s->sg = gmap_shadow(s->g->gmap, r1t | 0xc | 3, 0);
	assert_false(gmap_is_err(s->sg));
	assert_hex_equal(g3_ld8(s, top + 0x10, &rc, NULL), 0x1111);
	assert_int_equal(rc, 0);
	G2_CHECK(s->g);
}

static unsigned count_rmaps(struct gmap *sg, uint64_t raddr)
{
	struct gmap_shadow_rmap *r;
	unsigned n = 0;

	LIST_FOREACH(r, &sg->shadow->rmaps, list)
		n += r->raddr == raddr;
	return n;
}

/* §5 item 14: shadowing the same table again adds no duplicate rmap. */
static void regression_reshadowing_adds_no_duplicate_rmap(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = r3_space(s->g);
	int rc;

	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	for (int round = 0; round < 3; round++) {
		assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111);
		/* The sgt goes (a write to SGT); the pgt's rmap stays behind. */
		g2_st8(s->g, SGT + 9 * 8, 0x20);
		G2_CHECK(s->g);
	}
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111);
	assert_int_equal(count_rmaps(s->sg, 0 | _SHADOW_RMAP_SEGMENT), 1);
	assert_int_equal(count_rmaps(s->sg, 0x1000 | _SHADOW_RMAP_PGTABLE), 1);
	G2_CHECK(s->g);
}

/* §5 item 15: a notifier running during shadow creation sees the child with its owner. */
static void regression_notifier_during_creation_sees_the_owner(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = seg_space(s->g);
	struct seen w = { .nb = { .notifier_call = record } };

	w.nb.priv = &w;
	recorder = &w;
	gmap_register_pte_notifier(s->g->m, &w.nb);
	/* The prefix-page notifier on the top-level page, invalid: protecting it fires. */
	assert_int_equal(gmap_mprotect_notify(s->g->gmap, SGT, PAGE_SIZE, MM_PROT_NONE), 0);
	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	assert_false(gmap_is_err(s->sg));
	assert_int_equal(w.calls, 1);
	assert_ptr_equal(w.gmap, s->g->gmap);
	assert_int_equal(w.children_at_call, 1);
	assert_true(w.child_has_parent);
	gmap_unregister_pte_notifier(s->g->m, &w.nb);
	G2_CHECK(s->g);
}

struct race {
	struct g2 *g;
	unsigned calls;
	bool was_origin_invalid, source_unarmed, unshadow, second_builder;
	int second_rc;
};

static void race_hook(void *opaque, struct gmap *sg, uint64_t saddr, unsigned level)
{
	struct race *r = opaque;
	uint64_t e = 0, a = gmap_table_walk(sg, saddr, (int)level);

	r->calls++;
	assert_int_not_equal(a, 0);
	assert_int_equal(storage_load8(r->g->st, a, &e), 0);
	r->was_origin_invalid = (e & 0x20) && (e & ~0xfffULL);
	r->source_unarmed = !armed(r->g, PGT, NULL);
	if (r->second_builder && r->calls == 1) /* another CPU shadows the same slot */
		r->second_rc = gmap_shadow_pgt(sg, saddr, PGT, 0);
	if (r->unshadow) /* "another CPU": guest-2 rewrote its top-level table meanwhile */
		gmap_shadow_notify(sg, (unsigned long)(G2_VM + SGT), SGT);
}

/* §5 item 16: an entry is never valid before its source is protected; a race gives -EAGAIN. */
static void regression_entry_is_never_valid_before_its_source_is_protected(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = seg_space(s->g);
	struct race r = { .g = s->g };

	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	s->sg->shadow->race_hook = race_hook;
	s->sg->shadow->race_opaque = &r;
	r.unshadow = true;
	assert_errno(gmap_shadow_pgt(s->sg, 0, PGT, 0), -EAGAIN);
	assert_int_equal(r.calls, 1);
	assert_true(r.was_origin_invalid);
	assert_true(r.source_unarmed);
	assert_hex_equal(sentry(s, 0, DAT_LEVEL_STE), 0x20);
	gmap_put(s->sg);
	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	G2_CHECK(s->g);
	s->sg->shadow->race_hook = race_hook;
	s->sg->shadow->race_opaque = &r;
	r.unshadow = false;
	r.second_builder = true;
	r.calls = 0;
	assert_int_equal(gmap_shadow_pgt(s->sg, 0, PGT, 0), 0);
	assert_errno(r.second_rc, -EAGAIN); /* the slot was origin+invalid */
	assert_true(r.was_origin_invalid);
	assert_hex_equal(sentry(s, 0, DAT_LEVEL_STE) & 0x20, 0);
	assert_true(armed(s->g, PGT, NULL));
	s->sg->shadow->race_hook = NULL;
	G2_CHECK(s->g);
}

/* ---- the checker catches planted bugs ------------------------------------------------ */

static bool report_has(struct gm_machine *m, unsigned inv)
{
	struct check_report rep = { 0 };
	bool found = false;

	assert_true(check_machine(m, &rep) > 0);
	for (unsigned i = 0; i < rep.n; i++) {
		print_message("    planted: inv %u (%s): %s\n", rep.v[i].inv,
			      check_inv_name(rep.v[i].inv), rep.v[i].msg);
		found = found || rep.v[i].inv == inv;
	}
	check_report_free(&rep);
	return found;
}

static void checker_catches_a_planted_stale_shadow(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = seg_space(s->g);
	struct nested_host h;
	int rc;

	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111);
	G2_CHECK(s->g);
	/* Guest-2 changes pte 1 behind the protection's back (a store with no fault). */
	assert_int_equal(nested_g2_to_host(s->g->gmap, PGT + 8, &h), 0);
	assert_int_equal(storage_store8(s->g->st, h.haddr, E_PTE(DATA2)), 0);
	assert_true(report_has(s->g->m, CHECK_INV_SHADOW_STALE));
	/* Repair: the notification the write should have caused. */
	gmap_shadow_notify(s->sg, h.vmaddr & PAGE_MASK, PGT);
	G2_CHECK(s->g);
}

/* check_shadow_gmap(): the same judgement for one shadow, off any list (how the
 * kernel harness checks the kernel's shadows). */
static void check_shadow_gmap_judges_one_shadow(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = seg_space(s->g);
	struct check_report rep = { 0 };
	struct nested_host h;
	bool stale = false;
	int rc;

	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111);
	assert_int_equal(check_shadow_gmap(s->g->gmap, s->sg, &rep), 0);
	assert_int_equal(check_shadow_gmap(NULL, s->sg, &rep), -EINVAL);
	assert_int_equal(check_shadow_gmap(s->g->gmap, s->g->gmap, &rep), -EINVAL); /* not a shadow */
	assert_int_equal(check_shadow_gmap(s->g->gmap, s->sg, NULL), -EINVAL);
	/* guest-2's pte 1 changes behind the protection: stale, with the guest-3 address */
	assert_int_equal(nested_g2_to_host(s->g->gmap, PGT + 8, &h), 0);
	assert_int_equal(storage_store8(s->g->st, h.haddr, E_PTE(DATA2)), 0);
	assert_true(check_shadow_gmap(s->g->gmap, s->sg, &rep) > 0);
	for (unsigned i = 0; i < rep.n; i++)
		stale = stale || (rep.v[i].inv == CHECK_INV_SHADOW_STALE && rep.v[i].where == 0x1000);
	assert_true(stale);
	check_report_free(&rep);
	gmap_shadow_notify(s->sg, h.vmaddr & PAGE_MASK, PGT);
	G2_CHECK(s->g);
}

static void checker_catches_a_planted_missing_protection(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = seg_space(s->g);
	struct nested_host h;
	uint64_t pgste = 0;
	int rc;

	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111);
	/* The VSIE bit of PGT's page is lost. */
	assert_int_equal(nested_g2_to_host(s->g->gmap, PGT, &h), 0);
	assert_int_equal(pgste_get(s->g->mm, h.ptep, &pgste), 0);
	assert_int_equal(storage_store8(s->g->st, h.ptep + PGSTE_OFFSET, pgste & ~PGSTE_VSIE_BIT), 0);
	assert_true(report_has(s->g->m, CHECK_INV_SHADOW_PROT));
	assert_int_equal(storage_store8(s->g->st, h.ptep + PGSTE_OFFSET, pgste), 0);
	G2_CHECK(s->g);
}

static void checker_catches_a_stale_tlb_entry_formed_through_a_shadow(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = seg_space(s->g);
	struct nested_host h;
	uint64_t sptep;
	int rc;

	s->sg = gmap_shadow(s->g->gmap, asce, 0);
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111);
	assert_hex_equal(g3_ld8(s, 0x1010, &rc, NULL), 0x1111); /* now from the TLB */
	/* Guest-2's pte changes and the shadow pte is emptied, both without a purge. */
	assert_int_equal(nested_g2_to_host(s->g->gmap, PGT + 8, &h), 0);
	assert_int_equal(storage_store8(s->g->st, h.haddr, E_PTE(DATA2)), 0);
	sptep = gmap_table_walk(s->sg, 0x1000, DAT_LEVEL_PTE);
	assert_int_not_equal(sptep, 0);
	assert_int_equal(storage_store8(s->g->st, sptep, _PAGE_INVALID), 0);
	assert_true(report_has(s->g->m, CHECK_INV_SHADOW_STALE));
	tlb_purge_all(s->g->m);
	gmap_shadow_notify(s->sg, h.vmaddr & PAGE_MASK, PGT);
	G2_CHECK(s->g);
}

/* ---- allocation failures ---------------------------------------------------------------- */

static void allocation_failure_at_every_step_of_creation_and_fault(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = r3_space(s->g);
	unsigned failed = 0;

	for (long n = 0; n < 200; n++) {
		struct storage_stats a, b;
		struct gmap *sg;
		uint64_t v = 0;
		uint8_t buf[8];
		int rc;

		storage_stats(s->g->st, &a);
		storage_fail_after(s->g->st, n);
		sg = gmap_shadow(s->g->gmap, asce, 0);
		if (gmap_is_err(sg)) {
			storage_fail_after(s->g->st, -1);
			assert_errno(gmap_ptr_err(sg), -ENOMEM);
			assert_int_equal(nr_children(s->g->gmap), 0);
			storage_stats(s->g->st, &b);
			assert_int_equal(a.host_objects, b.host_objects);
			G2_CHECK(s->g);
			failed++;
			continue;
		}
		s->sg = sg;
		rc = shadow_sie_access(s->g->m, sg, 2 * GB + 0x1010, buf, 8, false, NULL);
		if (storage_fail_pending(s->g->st)) {
			storage_fail_after(s->g->st, -1);
			assert_int_equal(rc, 0);
			gmap_put(sg);
			s->sg = NULL;
			break; /* no failure left to inject */
		}
		storage_fail_after(s->g->st, -1);
		G2_CHECK(s->g);
		if (rc == 0) {
			for (int i = 0; i < 8; i++)
				v = v << 8 | buf[i];
			assert_hex_equal(v, 0x1111);
		} else {
			assert_errno(rc, -ENOMEM);
			failed++;
			/* A retry without failures completes the access. */
			assert_int_equal(shadow_sie_access(s->g->m, sg, 2 * GB + 0x1010, buf, 8, false, NULL), 0);
			G2_CHECK(s->g);
		}
		/* Back to nothing shadowed: guest-2 rewrites its top-level table. */
		g2_st8(s->g, R3T, E_R3(SGT));
		assert_int_equal(nr_children(s->g->gmap), 0);
		gmap_put(sg);
		s->sg = NULL;
		G2_CHECK(s->g);
	}
	assert_true(failed > 3);
}

/* ---- a random nested workload with the checker after every step --------------------------- */

static void random_nested_workload_keeps_every_invariant(void **state)
{
	struct sfx *s = *state;
	uint64_t asce = r3_space(s->g);
	uint64_t rng = 0x5eed;
	const uint64_t pgts[2] = { PGT, PGT2 };
	const uint64_t datas[4] = { DATA, DATA2, 0x402000, 0x403000 };

	g2_fill(s->g, PGT2, 0x400, 256);
	for (unsigned i = 0; i < 4; i++)
		g2_st8(s->g, datas[i], 0);
	unsigned oks = 0, pics = 0;

	s->sg = gmap_shadow(s->g->gmap, asce, 1);
	for (unsigned step = 0; step < 400; step++) {
		uint64_t r = rnd_next(&rng), saddr, pte;
		struct nested_result n;
		uint8_t buf[8];
		int rc;

		if (!gmap_shadow_valid(s->sg, asce, 1)) {
			gmap_put(s->sg);
			s->sg = gmap_shadow(s->g->gmap, asce, 1);
			assert_false(gmap_is_err(s->sg));
		}
		switch (r % 6) {
		case 0: /* guest-2 edits a pte */
			pte = (r >> 8) & 1 ? 0x400 : E_PTE(datas[(r >> 9) & 3]) | ((r >> 11) & 1 ? 0x200 : 0);
			g2_st8(s->g, pgts[(r >> 12) & 1] + ((r >> 13) & 3) * 8, pte);
			break;
		case 1: /* guest-2 edits a segment entry of either segment table */
			g2_st8(s->g, ((r >> 8) & 1 ? SGT : SGT_B) + ((r >> 9) & 1) * 8,
			       (r >> 10) & 1 ? 0x20 : E_STE(pgts[(r >> 11) & 1]));
			break;
		case 2: /* guest-2 edits its region-third table (the top level) */
			if ((r >> 8) % 8 == 0)
				g2_st8(s->g, R3T + ((r >> 11) & 1) * 8, E_R3((r >> 12) & 1 ? SGT : SGT_B));
			break;
		default: /* guest-3 reads or writes */
			saddr = ((r >> 8) & 1) * 2 * GB + ((r >> 9) & 1) * MB + ((r >> 10) & 3) * PAGE_SIZE + 8;
			assert_int_equal(nested_translate(s->g->gmap, asce, 1, saddr, (r >> 12) & 1 ? DAT_STORE : DAT_FETCH, &n), 0);
			for (int i = 0; i < 8; i++)
				buf[i] = (uint8_t)(r >> (16 + i));
			rc = shadow_sie_access(s->g->m, s->sg, saddr, buf, 8, (r >> 12) & 1, NULL);
			if (n.kind == NESTED_PIC) {
				assert_pic(rc, n.pic);
				pics++;
			} else if (n.kind == NESTED_OK) {
				uint64_t host = 0, got = 0;

				assert_int_equal(rc, 0);
				assert_int_equal(storage_load8(s->g->st, n.haddr, &host), 0);
				for (int i = 0; i < 8; i++)
					got = got << 8 | buf[i];
				assert_hex_equal(got, host); /* what guest-3 saw is what the frame holds */
				oks++;
			}
			break;
		}
		G2_CHECK(s->g);
	}
	assert_true(oks > 20 && pics > 20); /* both outcomes were exercised */
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(shadow_creation_protects_the_top_level_table_and_is_found_again),
		T(guest3_accesses_build_the_shadow_and_reach_guest2_memory),
		T(guest3_accesses_set_reference_and_change_in_the_host_frames_key),
	T(guest2_translation_exceptions_are_given_to_guest2_with_teid),
		T(guest2_changing_a_pte_unshadows_the_page_table_only),
		T(guest2_rewriting_the_top_level_table_drops_the_whole_shadow),
		T(guest2_changing_a_segment_table_unshadows_that_subtree_only),
		T(guest2_freeing_and_reusing_a_page_table_is_seen_by_guest3),
		T(guest2_changing_its_asce_or_edat_level_gets_another_shadow),
		T(edat1_frames_are_shadowed_with_fake_page_tables),
		T(edat2_region_frames_are_shadowed_with_fake_tables),
		T(real_space_asce_has_at_most_one_shadow),
		T(process_munmap_under_guest2_memory_unshadows_the_page),
		T(host_protection_change_of_a_data_page_unshadows_it),
		T(mprotect_notify_reports_the_guest_page_once),
		T(gmap_read_table_faults_in_and_reads_what_guest2_stored),
		T(regression_region_first_shadow_reaches_the_highest_addresses),
		T(regression_reshadowing_adds_no_duplicate_rmap),
		T(regression_notifier_during_creation_sees_the_owner),
		T(regression_entry_is_never_valid_before_its_source_is_protected),
		T(checker_catches_a_planted_stale_shadow),
		T(check_shadow_gmap_judges_one_shadow),
		T(checker_catches_a_planted_missing_protection),
		T(checker_catches_a_stale_tlb_entry_formed_through_a_shadow),
		T(allocation_failure_at_every_step_of_creation_and_fault),
		T(random_nested_workload_keeps_every_invariant),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
