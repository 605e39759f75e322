/* SPDX-License-Identifier: MIT */
/*
 * Tests of lib/nested.c, the oracle of nested translation.  Guest-2 builds
 * its tables in its own memory; each case states the architected outcome
 * (dat-reference §6.1, §7): the PIC, the TEID (page | 0x800 fetch / 0x400
 * store | 0x4 protection), or the guest-2 frame — checked by what the host
 * frame holds after guest-2 stored a marker there.
 */
#include "nested-test.h"

/* Guest-2 layout used below (guest-2 absolute addresses). */
#define R3T 0x100000ULL  /* region-third table (16 KB) */
#define SGT 0x104000ULL  /* segment table */
#define PGT 0x108000ULL  /* page table (2 KB) */
#define DATA 0x400000ULL /* guest-3 pages live here */

static int setup(void **state)
{
	*state = g2_new(GM_FAC_IDTE | GM_FAC_EDAT1 | GM_FAC_EDAT2, false);
	return 0;
}

static int teardown(void **state)
{
	struct g2 *f = *state;

	G2_CHECK(f);
	g2_free(f);
	return 0;
}

/* A segment-table ASCE at SGT; guest-3 segment 0 → PGT; pte 1 → DATA. */
static uint64_t build_segment_space(struct g2 *f)
{
	g2_fill(f, SGT, 0x20, 2048);
	g2_fill(f, PGT, 0x400, 256);
	g2_st8(f, SGT, E_STE(PGT));
	g2_st8(f, PGT + 8, E_PTE(DATA));
	g2_st8(f, DATA, 0); /* guest-2 touched the guest-3 page: the host backs it */
	return SGT | 0x3; /* DT=00 segment, TL=3 */
}

static void assert_host_holds(struct g2 *f, const struct nested_result *r, uint64_t g2, uint64_t v)
{
	uint64_t got = 0;

	g2_st8(f, g2, v);
	assert_int_equal(storage_load8(f->st, r->haddr, &got), 0);
	assert_hex_equal(got, v);
}

static void translates_through_guest2_tables_to_the_host_frame(void **state)
{
	struct g2 *f = *state;
	uint64_t asce = build_segment_space(f);
	struct nested_result r;

	assert_int_equal(nested_translate(f->gmap, asce, 0, 0x1238, DAT_FETCH, &r), 0);
	assert_int_equal(r.kind, NESTED_OK);
	assert_hex_equal(r.g2addr, DATA + 0x238);
	assert_int_equal(r.frame, 0);
	assert_false(r.protect);
	assert_int_equal(r.ntrace, 2);
	assert_hex_equal(r.trace[0].g2addr, SGT);
	assert_hex_equal(r.trace[1].g2addr, PGT + 8);
	assert_host_holds(f, &r, DATA + 0x238, 0x1122334455667788ULL);
	assert_true(r.host.have_vmaddr);
	assert_hex_equal(r.host.vmaddr, G2_VM + DATA + 0x238);
	G2_CHECK(f);
}

static void invalid_entries_give_translation_exceptions_with_teid(void **state)
{
	struct g2 *f = *state;
	uint64_t asce = build_segment_space(f);
	struct nested_result r;

	/* pte 2 invalid: 0x11, TEID page | fetch */
	assert_int_equal(nested_translate(f->gmap, asce, 0, 0x2010, DAT_FETCH, &r), 0);
	assert_int_equal(r.kind, NESTED_PIC);
	assert_pic(r.pic, 0x11);
	assert_true(r.teid_valid);
	assert_hex_equal(r.teid, 0x2000 | 0x800);
	/* store: the store indication */
	assert_int_equal(nested_translate(f->gmap, asce, 0, 0x2010, DAT_STORE, &r), 0);
	assert_hex_equal(r.teid, 0x2000 | 0x400);
	/* segment 1 invalid: 0x10 */
	assert_int_equal(nested_translate(f->gmap, asce, 0, 0x100000, DAT_FETCH, &r), 0);
	assert_pic(r.pic, 0x10);
	assert_hex_equal(r.teid, 0x100000 | 0x800);
	/* beyond 2 GB with a segment-table ASCE: ASCE-type exception */
	assert_int_equal(nested_translate(f->gmap, asce, 0, 2 * GB, DAT_FETCH, &r), 0);
	assert_pic(r.pic, 0x38);
	/* TL 0 covers SX 0-511 only: 0x10 for SX 512 */
	assert_int_equal(nested_translate(f->gmap, SGT, 0, 512 * MB, DAT_FETCH, &r), 0);
	assert_pic(r.pic, 0x10);
}

static void wrong_table_type_and_bit52_are_specification_exceptions_without_teid(void **state)
{
	struct g2 *f = *state;
	uint64_t asce = build_segment_space(f);
	struct nested_result r;

	g2_st8(f, SGT + 8, E_STE(PGT) | 0x4); /* TT=01 in an STE */
	assert_int_equal(nested_translate(f->gmap, asce, 0, 0x100000, DAT_FETCH, &r), 0);
	assert_pic(r.pic, 0x12);
	assert_false(r.teid_valid);
	g2_st8(f, PGT + 16, E_PTE(DATA) | 0x800); /* PTE bit 52 */
	assert_int_equal(nested_translate(f->gmap, asce, 0, 0x2000, DAT_FETCH, &r), 0);
	assert_pic(r.pic, 0x12);
	/* CS with a private-space ASCE */
	g2_st8(f, SGT + 8, E_STE(PGT) | 0x10);
	assert_int_equal(nested_translate(f->gmap, asce | 0x100, 0, 0x101000, DAT_FETCH, &r), 0);
	assert_pic(r.pic, 0x12);
	assert_int_equal(nested_translate(f->gmap, asce, 0, 0x101000, DAT_FETCH, &r), 0);
	assert_int_equal(r.kind, NESTED_OK);
}

static void segment_protection_forbids_stores_only(void **state)
{
	struct g2 *f = *state;
	uint64_t asce = build_segment_space(f);
	struct nested_result r;

	g2_st8(f, SGT, E_STE(PGT) | 0x200);
	assert_int_equal(nested_translate(f->gmap, asce, 0, 0x1000, DAT_FETCH, &r), 0);
	assert_int_equal(r.kind, NESTED_OK);
	assert_true(r.protect);
	assert_int_equal(nested_translate(f->gmap, asce, 0, 0x1008, DAT_STORE, &r), 0);
	assert_pic(r.pic, 0x04);
	assert_hex_equal(r.teid, 0x1000 | 0x400 | 0x4);
}

static void edat1_large_segment_frame_needs_edat1(void **state)
{
	struct g2 *f = *state;
	uint64_t asce = build_segment_space(f);
	struct nested_result r;

	/* STE 2: FC=1, SFAA 0x800000 */
	g2_st8(f, SGT + 16, 0x800000ULL | 0x400);
	g2_st8(f, 0x812000, 0);
	assert_int_equal(nested_translate(f->gmap, asce, 1, 0x212345, DAT_FETCH, &r), 0);
	assert_int_equal(r.kind, NESTED_OK);
	assert_int_equal(r.frame, 1);
	assert_hex_equal(r.g2addr, 0x812345);
	assert_int_equal(r.ntrace, 1);
	assert_int_equal(nested_translate(f->gmap, asce, 1, 0x212340, DAT_FETCH, &r), 0);
	assert_host_holds(f, &r, 0x812340, 0xabcdefULL);
	/* Without EDAT-1 the same STE designates a page table at 0x800000. */
	g2_st8(f, 0x800000 + 0x12 * 8, E_PTE(DATA) | 0x400);
	assert_int_equal(nested_translate(f->gmap, asce, 0, 0x212345, DAT_FETCH, &r), 0);
	assert_pic(r.pic, 0x11);
	assert_int_equal(r.ntrace, 2);
}

/* A region-third ASCE at R3T: R3TE 0 → SGT; R3TE 1 a 2 GB frame at 0. */
static void edat2_region_frame_and_region_protection(void **state)
{
	struct g2 *f = *state;
	struct nested_result r;
	uint64_t asce = R3T | 0x4 | 0x3;

	build_segment_space(f);
	g2_fill(f, R3T, 0x24, 2048);
	g2_st8(f, R3T, E_R3(SGT) | 0x200); /* P in the R3TE */
	g2_st8(f, R3T + 8, 0x0ULL | 0x400 | 0x4); /* FC=1, RFAA 0 */
	g2_st8(f, 0x5000, 0);
	assert_int_equal(nested_translate(f->gmap, asce, 2, 2 * GB + 0x5678, DAT_FETCH, &r), 0);
	assert_int_equal(r.kind, NESTED_OK);
	assert_int_equal(r.frame, 2);
	assert_hex_equal(r.g2addr, 0x5678);
	/* EDAT-1 only: FC ignored, the R3TE is format 0 with origin 0 → STE at guest-2 0 */
	assert_int_equal(nested_translate(f->gmap, asce, 1, 2 * GB + 0x5678, DAT_FETCH, &r), 0);
	assert_int_equal(r.kind, NESTED_HOST_FAULT); /* guest-2 page 0 never touched */
	assert_hex_equal(r.g2addr, 0);
	g2_st8(f, 0, 0); /* now STE 0 = 0: a page table at 0 whose ptes are 0 (valid, frame 0) */
	assert_int_equal(nested_translate(f->gmap, asce, 1, 2 * GB + 0x5678, DAT_FETCH, &r), 0);
	assert_int_equal(r.kind, NESTED_OK);
	assert_int_equal(r.ntrace, 3);
	assert_hex_equal(r.trace[1].g2addr, 0);
	/* Region P: ignored without EDAT-1, a store-protection with it. */
	assert_int_equal(nested_translate(f->gmap, asce, 0, 0x1000, DAT_STORE, &r), 0);
	assert_int_equal(r.kind, NESTED_OK);
	assert_int_equal(nested_translate(f->gmap, asce, 1, 0x1000, DAT_STORE, &r), 0);
	assert_pic(r.pic, 0x04);
	/* R3TE invalid: 0x3b; R3TE TL=0 and SX hi 1: 0x10 */
	assert_int_equal(nested_translate(f->gmap, asce, 0, 4 * GB, DAT_FETCH, &r), 0);
	assert_pic(r.pic, 0x3b);
	g2_st8(f, R3T, (SGT | 0x04)); /* TL=0 */
	assert_int_equal(nested_translate(f->gmap, asce, 0, 512 * MB, DAT_FETCH, &r), 0);
	assert_pic(r.pic, 0x10);
	/* CR with a private ASCE under EDAT-2 */
	g2_st8(f, R3T, E_R3(SGT) | 0x10);
	assert_int_equal(nested_translate(f->gmap, asce | 0x100, 2, 0x1000, DAT_FETCH, &r), 0);
	assert_pic(r.pic, 0x12);
	assert_int_equal(nested_translate(f->gmap, asce | 0x100, 1, 0x1000, DAT_FETCH, &r), 0);
	assert_int_equal(r.kind, NESTED_OK);
}

/* §5 item 12: a region-first ASCE with the highest addresses (no shift by 64). */
static void region_first_asce_translates_the_top_of_the_address_space(void **state)
{
	struct g2 *f = *state;
	struct nested_result r;
	const uint64_t r1t = 0x200000, r2t = 0x204000, r3t = 0x208000;
	uint64_t top = 0xfffffffffff01000ULL; /* RFX=RSX=RTX=2047, SX=2047-... */

	build_segment_space(f);
	g2_fill(f, r1t, 0x2c, 2048);
	g2_fill(f, r2t, 0x28, 2048);
	g2_fill(f, r3t, 0x24, 2048);
	g2_st8(f, r1t + 2047 * 8, E_R1(r2t));
	g2_st8(f, r2t + 2047 * 8, E_R2(r3t));
	g2_st8(f, r3t + 2047 * 8, E_R3(SGT));
	g2_st8(f, SGT + DAT_SX(top) * 8, E_STE(PGT));
	assert_int_equal(nested_translate(f->gmap, r1t | 0xc | 3, 0, top + 0x10, DAT_FETCH, &r), 0);
	assert_int_equal(r.kind, NESTED_OK);
	assert_hex_equal(r.g2addr, DATA + 0x10);
	assert_int_equal(r.ntrace, 5);
	/* TL 2 does not reach RFX 2047 (hi bits 3): 0x39 */
	assert_int_equal(nested_translate(f->gmap, r1t | 0xc | 2, 0, top, DAT_FETCH, &r), 0);
	assert_pic(r.pic, 0x39);
	assert_hex_equal(r.teid, (top & ~0xfffULL) | 0x800);
}

static void real_space_asce_is_the_identity_on_guest2_memory(void **state)
{
	struct g2 *f = *state;
	struct nested_result r;

	g2_st8(f, DATA, 0);
	assert_int_equal(nested_translate(f->gmap, 0x20, 2, DATA + 0x10, DAT_STORE, &r), 0);
	assert_int_equal(r.kind, NESTED_OK);
	assert_int_equal(r.frame, 3);
	assert_int_equal(r.ntrace, 0);
	assert_hex_equal(r.g2addr, DATA + 0x10);
	assert_host_holds(f, &r, DATA + 0x10, 42);
}

static void unmapped_guest2_memory_is_a_host_fault_not_a_pic(void **state)
{
	struct g2 *f = *state;
	struct nested_result r;

	/* Tables outside guest-2's memory (the gmap maps 32 MB). */
	assert_int_equal(nested_translate(f->gmap, (64 * MB) | 3, 0, 0x1000, DAT_FETCH, &r), 0);
	assert_int_equal(r.kind, NESTED_HOST_FAULT);
	assert_hex_equal(r.g2addr, 64 * MB);
	assert_false(r.host.have_vmaddr);
	assert_int_equal(r.level, DAT_LEVEL_STE);
	/* Mapped in the gmap, never touched by the process: host fault with a vmaddr. */
	assert_int_equal(nested_translate(f->gmap, (16 * MB) | 3, 0, 0x1000, DAT_FETCH, &r), 0);
	assert_int_equal(r.kind, NESTED_HOST_FAULT);
	assert_true(r.host.have_vmaddr);
	assert_hex_equal(r.host.vmaddr, G2_VM + 16 * MB);
	/* The guest-3 page itself not backed: host fault at the frame. */
	build_segment_space(f);
	g2_st8(f, PGT + 24, E_PTE(20 * MB));
	assert_int_equal(nested_translate(f->gmap, SGT | 3, 0, 0x3000, DAT_FETCH, &r), 0);
	assert_int_equal(r.kind, NESTED_HOST_FAULT);
	assert_hex_equal(r.g2addr, 20 * MB);
	assert_int_equal(r.level, DAT_LEVEL_PTE);
	G2_CHECK(f);
}

static void the_oracle_changes_nothing_and_rejects_bad_arguments(void **state)
{
	struct g2 *f = *state;
	struct nested_result r;
	struct storage_stats a, b;

	build_segment_space(f);
	storage_stats(f->st, &a);
	assert_int_equal(nested_translate(f->gmap, (16 * MB) | 3, 0, 0x1000, DAT_STORE, &r), 0);
	assert_int_equal(nested_translate(f->gmap, SGT | 3, 0, 0x1000, DAT_STORE, &r), 0);
	storage_stats(f->st, &b);
	assert_int_equal(a.frames_used, b.frames_used);
	assert_errno(nested_translate(NULL, 0, 0, 0, DAT_FETCH, &r), -EINVAL);
	assert_errno(nested_translate(f->gmap, 0, 3, 0, DAT_FETCH, &r), -EINVAL);
	assert_errno(nested_translate(f->gmap, 0, 0, 0, (enum dat_access)7, &r), -EINVAL);
	assert_errno(nested_g2_to_host(f->gmap, 0, NULL), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(translates_through_guest2_tables_to_the_host_frame, setup,
						teardown),
		cmocka_unit_test_setup_teardown(invalid_entries_give_translation_exceptions_with_teid,
						setup, teardown),
		cmocka_unit_test_setup_teardown(
			wrong_table_type_and_bit52_are_specification_exceptions_without_teid, setup,
			teardown),
		cmocka_unit_test_setup_teardown(segment_protection_forbids_stores_only, setup,
						teardown),
		cmocka_unit_test_setup_teardown(edat1_large_segment_frame_needs_edat1, setup, teardown),
		cmocka_unit_test_setup_teardown(edat2_region_frame_and_region_protection, setup,
						teardown),
		cmocka_unit_test_setup_teardown(
			region_first_asce_translates_the_top_of_the_address_space, setup, teardown),
		cmocka_unit_test_setup_teardown(real_space_asce_is_the_identity_on_guest2_memory, setup,
						teardown),
		cmocka_unit_test_setup_teardown(unmapped_guest2_memory_is_a_host_fault_not_a_pic, setup,
						teardown),
		cmocka_unit_test_setup_teardown(the_oracle_changes_nothing_and_rejects_bad_arguments,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
