// SPDX-License-Identifier: MIT
/*
 * The tree's shadow-gmap code (vSIE) on the simulated machine: guest-2 is a
 * VM whose memory is a kernel gmap over the process; it builds DAT tables
 * for guest-3 in its own memory (guest-2 stores through SIE) and runs
 * guest-3 with CR0/CR1.  Each guest-3 access goes the way
 * arch/s390/kvm/vsie.c runs it (khv_access: acquire_gmap_shadow, SIE on
 * libgmap's CPU with the shadow ASCE, kvm_s390_shadow_fault on a DAT
 * exception), and after every step libgmap's checker judges the kernel's
 * shadows (khv_check: every valid shadow pte against the nested
 * translation, every shadow table's source against guest-2's entry and
 * protected, rmaps exact and without duplicates, TLB entries through the
 * shadow ASCE) besides kh_check's own invariants.
 *
 * Expected values come from the architecture (PoP chapter 3: the walk,
 * the PICs) and vsie.c's contract (inject_fault's TEID: page | 0x800 fetch
 * or 0x400 store | 0x4 protection), never from the code under test.
 */
#include "khv.h"
#include "ktest.h"

#define VA (1ULL << 30)          /* the process range backing guest-2 */
#define G2SIZE (16 * MB)         /* guest-2 memory: guest 0 .. 16 MB */
#define SGT 0x10000ULL           /* guest-2's segment table for guest-3 (16 KB) */
#define PGT 0x20000ULL           /* a page table (2 KB) */
#define R3T 0x30000ULL           /* region tables (16 KB each) */
#define R2T 0x40000ULL
#define R1T 0x50000ULL
#define PGT2 0x28000ULL          /* a second page table */
#define DATA 0x100000ULL         /* guest-2 pages guest-3 sees */

/* Architected entry bits (PoP 3-xx; same as include/gmap/dat.h). */
#define STE_INVALID 0x20ULL
#define PTE_INVALID 0x400ULL
#define PTE_PROTECT 0x200ULL
#define RTE_INVALID 0x20ULL
#define STE_FC 0x400ULL

struct ks {
	struct kfx *fx;
	struct kh_gmap *g2;  /* guest-2's memory */
	struct kh_kvm *k;    /* guest-2 as a VM, with its vSIE shadow */
};

static struct ks ks;

/* every invariant, after every step */
#define KS_CHECK(s)                                                        \
	do {                                                               \
		KCHECK((s)->fx);                                           \
		assert_int_equal(khv_check((s)->fx->h, (s)->g2), 0);       \
	} while (0)

static void put8(struct ks *s, uint64_t g2, uint64_t v)
{
	assert_int_equal(khv_guest2_put8(s->fx->h, s->g2, g2, v), 0);
}

/* guest-2 fills a table with one invalid value (a CRST 16 KB, a page table 2 KB) */
static void fill_table(struct ks *s, uint64_t g2, unsigned n, uint64_t v)
{
	uint8_t buf[4096];

	for (unsigned i = 0; i < 512; i++)
		for (int b = 0; b < 8; b++)
			buf[i * 8 + b] = (uint8_t)(v >> (56 - 8 * b));
	for (unsigned done = 0; done < n * 8; done += 4096) {
		unsigned len = n * 8 - done < 4096 ? n * 8 - done : 4096;

		assert_int_equal(khv_guest2_write(s->fx->h, s->g2, g2 + done, buf, len), 0);
	}
}

/* guest-2 page @g2 gets a recognisable pattern */
static void fill_page(struct ks *s, uint64_t g2, uint8_t seed)
{
	uint8_t buf[4096];

	fill(buf, sizeof(buf), seed);
	assert_int_equal(khv_guest2_write(s->fx->h, s->g2, g2, buf, sizeof(buf)), 0);
}

static struct ks *ks_setup(void **state, unsigned facilities)
{
	struct ks *s = &ks;

	memset(s, 0, sizeof(*s));
	s->fx = kstart(state);
	s->g2 = kfx_gmap(s->fx, ~0ULL); /* region-first, as the checker's parent view needs */
	assert_int_equal(kh_mmap(s->fx->h, VA, G2SIZE, PROT_RW), 0);
	assert_int_equal(khk_gmap_map_segment(s->g2, VA, 0, G2SIZE), 0);
	s->k = khk_kvm_create(s->g2, facilities);
	assert_non_null(s->k);
	for (unsigned i = 0; i < 8; i++)
		fill_page(s, DATA + i * PG, (uint8_t)(0x10 * i + 1));
	return s;
}

/*
 * The end of every test: the VM goes, then guest-2's gmap with the shadows
 * still on its children list (gmap_remove() removes them); every page and
 * kmalloc the kernel's shadow code took is back (no shadow table, rmap or
 * radix node leaks).
 */
static void ks_done(struct ks *s)
{
	KS_CHECK(s);
	khk_kvm_destroy(s->k);
	s->k = NULL;
	KCHECK(s->fx);
	kfx_gmap_remove(s->fx, s->g2);
	s->g2 = NULL;
	KCHECK(s->fx);
	assert_int_equal(khk_live_pages(), s->fx->pages0);
	/* one radix node may stay set aside, as the kernel's per-CPU preload keeps it */
	assert_true(khk_live_kmalloc() <= s->fx->kmalloc0 + 1);
}

/* guest-2's tables for a segment-table ASCE: guest-3 page i → DATA + i pages (i < n). */
static uint64_t segment_asce(struct ks *s, unsigned n)
{
	fill_table(s, SGT, 2048, STE_INVALID);
	fill_table(s, PGT, 256, PTE_INVALID);
	for (unsigned i = 0; i < n; i++)
		put8(s, PGT + i * 8, DATA + i * PG);
	put8(s, SGT, PGT);
	return SGT | _ASCE_TYPE_SEGMENT | 3;
}

static void read3(struct ks *s, uint64_t saddr, uint8_t *buf, size_t len, struct khv_result *r)
{
	assert_int_equal(khv_access(s->fx->h, s->k, 0, saddr, buf, len, false, r), 0);
}

static void expect_g2_bytes(struct ks *s, uint64_t g2, const uint8_t *got, size_t len)
{
	uint8_t want[64];

	assert_true(len <= sizeof(want));
	assert_int_equal(kh_sie_access(s->fx->h, s->g2, 1, g2, want, len, false, NULL), 0);
	assert_memory_equal(got, want, len);
}

static void test_guest3_reads_guest2_pages_through_the_kernels_shadow(void **state)
{
	struct ks *s = ks_setup(state, 0);
	struct khv_result r;
	uint8_t b[16];

	khk_vsie_set_gcr(s->k, 0, segment_asce(s, 4));
	KS_CHECK(s);
	read3(s, 0x10, b, sizeof(b), &r);
	expect_g2_bytes(s, DATA + 0x10, b, sizeof(b));
	assert_int_equal(r.created, 1);
	assert_true(r.faults >= 1);
	KS_CHECK(s);
	/* same ASCE and EDAT level: the shadow is reused, the page is there */
	read3(s, 0x20, b, sizeof(b), &r);
	assert_int_equal(r.created, 0);
	assert_int_equal(r.faults, 0);
	KS_CHECK(s);
	read3(s, 3 * PG + 0x7f0, b, sizeof(b), &r);
	expect_g2_bytes(s, DATA + 3 * PG + 0x7f0, b, sizeof(b));
	KS_CHECK(s);
	ks_done(s);
}

static void test_guest3_store_lands_in_guest2_memory(void **state)
{
	struct ks *s = ks_setup(state, 0);
	uint8_t b[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

	khk_vsie_set_gcr(s->k, 0, segment_asce(s, 4));
	assert_int_equal(khv_access(s->fx->h, s->k, 1, 2 * PG + 8, b, sizeof(b), true, NULL), 0);
	KS_CHECK(s);
	expect_g2_bytes(s, DATA + 2 * PG + 8, b, sizeof(b));
	ks_done(s);
}

static void test_guest2_pte_rewrite_unshadows_the_page(void **state)
{
	struct ks *s = ks_setup(state, 0);
	uint8_t b[16];

	khk_vsie_set_gcr(s->k, 0, segment_asce(s, 4));
	read3(s, 0x100, b, sizeof(b), NULL);
	KS_CHECK(s);
	/* guest-2 points guest-3 page 0 at its page 6: a store to a protected
	 * table page, resolved by the host fault that unshadows */
	put8(s, PGT, DATA + 6 * PG);
	KS_CHECK(s);
	read3(s, 0x100, b, sizeof(b), NULL);
	expect_g2_bytes(s, DATA + 6 * PG + 0x100, b, sizeof(b));
	KS_CHECK(s);
	ks_done(s);
}

static void test_guest2_dat_exceptions_reach_guest2_with_vsie_teid(void **state)
{
	struct ks *s = ks_setup(state, 0);
	struct khv_result r;
	uint8_t b[8] = { 0 };

	khk_vsie_set_gcr(s->k, 0, segment_asce(s, 4));
	/* pte 5 invalid: page-translation exception, TEID page | fetch */
	assert_int_equal(khv_access(s->fx->h, s->k, 0, 5 * PG + 4, b, 4, false, &r), PGM_PAGE_TRANSLATION);
	assert_int_equal(r.teid, 5 * PG | TEID_FETCH);
	KS_CHECK(s);
	/* segment 1 invalid: segment-translation exception, TEID page | store */
	assert_int_equal(khv_access(s->fx->h, s->k, 0, MB + 0x2000, b, 4, true, &r), PGM_SEGMENT_TRANSLATION);
	assert_int_equal(r.teid, (MB + 0x2000) | TEID_STORE);
	KS_CHECK(s);
	/* beyond a segment-table ASCE's 2 GB: ASCE-type exception */
	assert_int_equal(khv_access(s->fx->h, s->k, 0, 1ULL << 31, b, 4, false, &r), PGM_ASCE_TYPE);
	KS_CHECK(s);
	/* guest-2 protects page 1: fetch works, a store is a protection exception for guest-2 */
	put8(s, PGT + 8, (DATA + PG) | PTE_PROTECT);
	KS_CHECK(s);
	read3(s, PG, b, 4, NULL);
	assert_int_equal(khv_access(s->fx->h, s->k, 0, PG + 16, b, 4, true, &r), PGM_PROTECTION);
	assert_int_equal(r.teid, (PG) | TEID_STORE | TEID_PROT_DAT);
	KS_CHECK(s);
	ks_done(s);
}

static void test_top_table_write_removes_the_whole_shadow(void **state)
{
	struct ks *s = ks_setup(state, 0);
	struct khv_result r;
	uint8_t b[8];

	khk_vsie_set_gcr(s->k, 0, segment_asce(s, 4));
	read3(s, 0, b, 8, &r);
	assert_int_equal(r.created, 1);
	KS_CHECK(s);
	/* guest-2 adds segment 1 (a store into the top-level table range) */
	put8(s, SGT + 8, PGT);
	KS_CHECK(s);
	read3(s, MB, b, 8, &r);
	expect_g2_bytes(s, DATA, b, 8); /* segment 1 shares the page table */
	assert_int_equal(r.created, 1); /* the old shadow was removed: a new one */
	KS_CHECK(s);
	ks_done(s);
}

/*
 * Allocation failure at every point of shadowing a region-third space
 * (gmap_shadow, then r3t/sgt/pgt/page shadows): the kernel returns
 * -ENOMEM, every shadow table it kept is still a correct one (the checker
 * after the failed step), the same access then succeeds with the right
 * bytes, and once guest-2's gmap is gone nothing is left (ks_done).
 */
static void test_allocation_failures_while_shadowing_leave_correct_shadows(void **state)
{
	struct ks *s = ks_setup(state, 0);
	struct gm_storage *st = machine_storage(s->fx->h->m);
	const uint64_t r3e = SGT | _REGION_ENTRY_TYPE_R3 | 3;
	unsigned failed = 0;
	uint8_t b[8];

	(void)segment_asce(s, 4);
	fill_table(s, R3T, 2048, _REGION3_ENTRY_EMPTY);
	put8(s, R3T, r3e);
	khk_vsie_set_gcr(s->k, 0, R3T | _ASCE_TYPE_REGION3 | 3);
	for (long n = 0; n < 48; n++) {
		int rc;

		storage_fail_after(st, n);
		rc = khv_access(s->fx->h, s->k, 0, 2 * PG + 8, b, sizeof(b), false, NULL);
		storage_fail_after(st, -1);
		assert_true(rc == 0 || rc == -ENOMEM);
		failed += rc != 0;
		KS_CHECK(s);
		read3(s, 2 * PG + 8, b, sizeof(b), NULL);
		expect_g2_bytes(s, DATA + 2 * PG + 8, b, sizeof(b));
		KS_CHECK(s);
		/* a store into the top-level table drops the whole shadow: start afresh */
		khk_vsie_release(s->k);
		put8(s, R3T, r3e);
		KS_CHECK(s);
	}
	/* the sweep failed somewhere and reached the end of the path */
	assert_true(failed > 0 && failed < 48);
	ks_done(s);
}

static void test_edat1_large_segment_is_shadowed_with_a_fake_table(void **state)
{
	struct ks *s = ks_setup(state, KHK_FAC_EDAT1);
	uint8_t b[16];
	struct khv_result r;

	fill_page(s, 2 * MB + 3 * PG, 0x77);
	(void)segment_asce(s, 1);
	put8(s, SGT + 8, 2 * MB | STE_FC); /* guest-3 1 MB .. 2 MB → guest-2 2 MB frame */
	khk_vsie_set_gcr(s->k, CR0_EDAT, SGT | _ASCE_TYPE_SEGMENT | 3);
	read3(s, MB + 3 * PG + 0x40, b, sizeof(b), &r);
	expect_g2_bytes(s, 2 * MB + 3 * PG + 0x40, b, sizeof(b));
	KS_CHECK(s);
	/* guest-2 moves the frame: the top table changed, the shadow goes */
	put8(s, SGT + 8, 3 * MB | STE_FC);
	KS_CHECK(s);
	read3(s, MB + 0x40, b, sizeof(b), &r);
	expect_g2_bytes(s, 3 * MB + 0x40, b, sizeof(b));
	KS_CHECK(s);
	ks_done(s);
}

/* EDAT-2 (facility 78): a 2 GB region-third frame, shadowed with fake segment and page tables. */
static void test_edat2_region_frame_is_shadowed_with_fake_tables(void **state)
{
	struct ks *s = ks_setup(state, KHK_FAC_EDAT1 | KHK_FAC_EDAT2);
	uint8_t b[16];

	(void)segment_asce(s, 4);
	fill_table(s, R3T, 2048, _REGION3_ENTRY_EMPTY);
	put8(s, R3T, SGT | _REGION_ENTRY_TYPE_R3 | 3);
	put8(s, R3T + 8, 0 | _REGION3_ENTRY_LARGE | _REGION_ENTRY_TYPE_R3); /* guest-3 2 GB.. → guest-2 0.. */
	khk_vsie_set_gcr(s->k, CR0_EDAT, R3T | _ASCE_TYPE_REGION3 | 3);
	read3(s, 2 * GB + DATA + 5 * PG + 0x30, b, sizeof(b), NULL);
	expect_g2_bytes(s, DATA + 5 * PG + 0x30, b, sizeof(b));
	KS_CHECK(s);
	read3(s, PG, b, sizeof(b), NULL); /* region 0 still goes through the tables */
	expect_g2_bytes(s, DATA + PG, b, sizeof(b));
	KS_CHECK(s);
	ks_done(s);
}

/*
 * gmap-semantics §5 item 14 (2022 "KVM: s390: vsie/gmap: reduce gmap_rmap
 * overhead"): shadowing the same guest-2 table again must not add an
 * identical rmap.  A region-3 ASCE: r3t (top) → sgt → pgt.  A store into
 * an unused entry of the sgt unshadows the sgt's subtree; the pgt's rmap
 * stays behind; the next guest-3 access shadows the same pgt again.  The
 * fixed kernel keeps one (vmaddr, raddr) rmap; the checker's duplicate
 * test (inv 20) fails otherwise.
 */
static void test_reshadowing_a_table_adds_no_duplicate_rmap(void **state)
{
	struct ks *s = ks_setup(state, 0);
	uint8_t b[8];

	(void)segment_asce(s, 4);
	fill_table(s, R3T, 2048, _REGION3_ENTRY_EMPTY);
	put8(s, R3T, SGT | _REGION_ENTRY_TYPE_R3 | 3);
	khk_vsie_set_gcr(s->k, 0, R3T | _ASCE_TYPE_REGION3 | 3);
	for (unsigned round = 0; round < 3; round++) {
		read3(s, PG, b, 8, NULL);
		expect_g2_bytes(s, DATA + PG, b, 8);
		KS_CHECK(s);
		put8(s, SGT + 100 * 8, STE_INVALID); /* unchanged value, still a store */
		KS_CHECK(s);
	}
	ks_done(s);
}

/*
 * gmap-semantics §5 item 12 (a1d032a49522 "KVM: s390: vsie: Fix region 1
 * ASCE sanity shadow address checks"): for a region-first shadow the
 * range check in gmap_table_walk shifted by 64 and rejected every
 * address, so the shadow fault never made progress.  The fixed kernel
 * translates high guest-3 addresses of a region-first ASCE.
 */
static void test_region_first_asce_translates_high_guest3_addresses(void **state)
{
	struct ks *s = ks_setup(state, 0);
	const uint64_t saddr = (0x7ffULL << 53) | (0x7ffULL << 42) | (5ULL << 31) | (2ULL << 20) |
			       (3ULL << 12) | 0x80;
	uint8_t b[16];
	struct khv_result r;

	(void)segment_asce(s, 4);
	fill_table(s, SGT, 2048, STE_INVALID);
	put8(s, SGT + 2 * 8, PGT);
	fill_table(s, R3T, 2048, _REGION3_ENTRY_EMPTY);
	put8(s, R3T + 5 * 8, SGT | _REGION_ENTRY_TYPE_R3 | 3);
	fill_table(s, R2T, 2048, _REGION2_ENTRY_EMPTY);
	put8(s, R2T + 0x7ff * 8, R3T | _REGION_ENTRY_TYPE_R2 | 3);
	fill_table(s, R1T, 2048, _REGION1_ENTRY_EMPTY);
	put8(s, R1T + 0x7ff * 8, R2T | _REGION_ENTRY_TYPE_R1 | 3);
	khk_vsie_set_gcr(s->k, 0, R1T | _ASCE_TYPE_REGION1 | 3);
	read3(s, saddr, b, sizeof(b), &r);
	expect_g2_bytes(s, DATA + 3 * PG + 0x80, b, sizeof(b));
	KS_CHECK(s);
	ks_done(s);
}

/* A real-space ASCE: guest-3 absolute = guest-2 absolute, with fake tables. */
static void test_real_space_asce_maps_guest2_one_to_one(void **state)
{
	struct ks *s = ks_setup(state, 0);
	uint8_t b[16];

	khk_vsie_set_gcr(s->k, 0, _ASCE_REAL_SPACE);
	read3(s, DATA + 5 * PG + 0x10, b, sizeof(b), NULL);
	expect_g2_bytes(s, DATA + 5 * PG + 0x10, b, sizeof(b));
	KS_CHECK(s);
	ks_done(s);
}

/*
 * gmap-semantics §5 items 15/16, the shadowing races, in the one form a
 * single thread reaches: the unshadow happens inside the shadowing
 * operation.  Guest-2 maps its own page-table page for guest-3.  Read-only
 * (P) it is an ordinary shadowed page.  Writable, gmap_shadow_page() needs
 * the parent pte writable (guest-2's pte decides, not the access), and its
 * fix-up fault unprotects the page table's page, whose notification
 * unshadows the very page table being filled.  The fixed kernel never
 * leaves an entry valid without protection (the checker after the step)
 * and answers -EAGAIN rather than a stale mapping; each retry rebuilds and
 * loses the table again, so the access makes no progress (-ELOOP here
 * after 64 rounds), a fetch as much as a store.  The shadow's owner
 * (gmap->private, fe752331d4b3) is the VM from creation on.
 */
static void test_guest3_mapping_its_own_page_table_unshadows_while_shadowing(void **state)
{
	struct ks *s = ks_setup(state, 0);
	struct khv_result r;
	uint8_t b[8] = { 0 };

	(void)segment_asce(s, 4);
	put8(s, PGT + 7 * 8, (PGT & ~(PG - 1)) | PTE_PROTECT); /* guest-3 page 7 = the pgt's page */
	khk_vsie_set_gcr(s->k, 0, SGT | _ASCE_TYPE_SEGMENT | 3);
	read3(s, 7 * PG + (PGT & (PG - 1)), b, 8, &r);
	expect_g2_bytes(s, PGT, b, 8); /* guest-3 reads pte 0 as guest-2 wrote it */
	KS_CHECK(s);
	put8(s, PGT + 7 * 8, PGT & ~(PG - 1)); /* now writable */
	KS_CHECK(s);
	assert_int_equal(khv_access(s->fx->h, s->k, 0, 7 * PG + 0x800, b, 8, false, &r), -ELOOP);
	assert_true(r.eagain > 0);
	KS_CHECK(s);
	assert_int_equal(khv_access(s->fx->h, s->k, 0, 7 * PG + 0x800, b, 8, true, &r), -ELOOP);
	KS_CHECK(s);
	ks_done(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_guest3_reads_guest2_pages_through_the_kernels_shadow, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_guest3_store_lands_in_guest2_memory, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_guest2_pte_rewrite_unshadows_the_page, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_guest2_dat_exceptions_reach_guest2_with_vsie_teid, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_top_table_write_removes_the_whole_shadow, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_allocation_failures_while_shadowing_leave_correct_shadows, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_edat1_large_segment_is_shadowed_with_a_fake_table, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_edat2_region_frame_is_shadowed_with_fake_tables, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_reshadowing_a_table_adds_no_duplicate_rmap, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_region_first_asce_translates_high_guest3_addresses, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_real_space_asce_maps_guest2_one_to_one, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_guest3_mapping_its_own_page_table_unshadows_while_shadowing, kfx_setup, kfx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
