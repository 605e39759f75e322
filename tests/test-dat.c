/* SPDX-License-Identifier: MIT */
/*
 * Tests of dat_translate() against docs/dat-reference.md: the storage
 * layout of §11.1, the public vectors of §11.2, and one test per rule of
 * §6.1/§6.2 (Principles of Operation, chapter 3 "Dynamic Address
 * Translation"; kvm-unit-tests s390x/edat.c for the EDAT rules).  Every
 * expected value is derived by hand from the tables of §1-§7 and §9.
 */
#include "gmap-test.h"

#include <stdlib.h>
#include <string.h>

#include "gmap/dat.h"
#include "gmap/storage.h"

/* 4 GiB: A_BAD (a segment table at 4 GiB) is just outside, and the EDAT-2
 * frame at 2 GiB is inside.  Storage is sparse, so this costs nothing. */
#define STORAGE_BYTES (4ULL << 30)

/* ASCEs of §11.1 */
#define A_R1 0x000000000001000FULL
#define A_R1_TL0 0x000000000001000CULL
#define A_R3 0x0000000000030007ULL
#define A_ST 0x0000000000040003ULL
#define A_ST_TL0 0x0000000000040000ULL
#define A_STP 0x0000000000040103ULL
#define A_BAD 0x0000000100000003ULL
/* more, for the derived cases: the R2 table at 0x20000 as first table */
#define A_R2 0x000000000002000BULL     /* DT=10, TL=3 */
#define A_R2_TL0 0x0000000000020008ULL /* DT=10, TL=0 */
#define A_R3_TL0 0x0000000000030004ULL /* DT=01, TL=0 */
#define A_R3P 0x0000000000030107ULL    /* A_R3 with P=1 (private space) */

static const struct {
	uint64_t aaddr, value;
} layout[] = {
	/* §11.1, verbatim */
	{ 0x10008, 0x000000000002000FULL }, /* R1T[1] */
	{ 0x10010, 0x000000000000002CULL }, /* R1T[2] I=1 */
	{ 0x10018, 0x000000000002000CULL }, /* R1T[3] TL=0 */
	{ 0x10020, 0x000000000002004FULL }, /* R1T[4] TF=1 */
	{ 0x10028, 0x000000000002000BULL }, /* R1T[5] TT=10 */
	{ 0x10030, 0x000000000002020FULL }, /* R1T[6] P=1 */
	{ 0x20000, 0x000000000003000BULL }, /* R2T[0] */
	{ 0x20010, 0x000000000003000BULL }, /* R2T[2] */
	{ 0x30000, 0x0000000000040007ULL }, /* R3T[0] */
	{ 0x30018, 0x0000000000040007ULL }, /* R3T[3] */
	{ 0x30020, 0x0000000000040004ULL }, /* R3T[4] TL=0 */
	{ 0x30030, 0x0000000000000024ULL }, /* R3T[6] I=1 */
	{ 0x30038, 0x0000000080000404ULL }, /* R3T[7] FC=1, RFAA 2 GiB */
	{ 0x40020, 0x0000000000050000ULL }, /* ST[4] */
	{ 0x40030, 0x0000000000000020ULL }, /* ST[6] I=1 */
	{ 0x40040, 0x0000000000300400ULL }, /* ST[8] FC=1, SFAA 0x300000 */
	{ 0x40048, 0x0000000000050810ULL }, /* ST[9] PTO 0x50800, CS=1 */
	{ 0x40050, 0x0000000000000400ULL }, /* ST[10] FC=1, SFAA 0 */
	{ 0x40FF8, 0x0000000000050000ULL }, /* ST[0x1FF] */
	{ 0x50028, 0x0000000000123000ULL }, /* PT[5] */
	{ 0x50030, 0x0000000000000400ULL }, /* PT[6] I=1 */
	{ 0x50038, 0x0000000000124800ULL }, /* PT[7] bit 52 */
	{ 0x50040, 0x0000000000125200ULL }, /* PT[8] P=1 */
	{ 0x50048, 0x0000000000000000ULL }, /* PT[9] real 0 */
	{ 0x50050, 0x000000000007E000ULL }, /* PT[10] real 0x7E000 */
	{ 0x50058, 0x0000000000126100ULL }, /* PT[11] bit 55 */
	{ 0x50818, 0x0000000000127000ULL }, /* PT2[3] */
	/* additions for the derived cases (free slots of the same tables) */
	{ 0x10038, 0x000000010000000FULL }, /* R1T[7]: RSTO 4 GiB (outside), TL=3 */
	{ 0x20020, 0x0000000000030008ULL }, /* R2T[4]: RTTO 0x30000, TL=0 */
	{ 0x20028, 0x000000000003008BULL }, /* R2T[5]: TF=2, TL=3 */
	{ 0x20030, 0x0000000000000028ULL }, /* R2T[6]: I=1, TT=10 */
	{ 0x20038, 0x0000000000030007ULL }, /* R2T[7]: TT=01 in an R2 table */
	{ 0x30028, 0x0000000000040047ULL }, /* R3T[5]: TF=1, TL=3 */
	{ 0x30040, 0x000000000004000BULL }, /* R3T[8]: TT=10 in an R3 table */
	{ 0x30048, 0x0000000000000028ULL }, /* R3T[9]: I=1 and TT=10 */
	{ 0x30050, 0x0000000000040017ULL }, /* R3T[10]: CR=1 */
	{ 0x30058, 0x0000000000040207ULL }, /* R3T[11]: P=1 */
	{ 0x40058, 0x0000000000050004ULL }, /* ST[11]: TT=01 */
	{ 0x40060, 0x000000000000002CULL }, /* ST[12]: I=1 and TT=11 */
	{ 0x40068, 0x0000000000050200ULL }, /* ST[13]: PTO 0x50000, P=1 */
	{ 0x40070, 0x0000000000300500ULL }, /* ST[14]: FC=1, IEP=1, SFAA 0x300000 */
	{ 0x40078, 0x0000000000300600ULL }, /* ST[15]: FC=1, P=1, SFAA 0x300000 */
	{ 0x40088, 0x0000000000600410ULL }, /* ST[17]: FC=1, CS=1, SFAA 0x600000 */
	{ 0x50060, 0x0000000000000C00ULL }, /* PT[12]: I=1 and bit 52 */
	{ 0x50068, 0x0000000100000000ULL }, /* PT[13]: frame at 4 GiB (outside) */
	{ 0x50070, 0x00000000001270FFULL }, /* PT[14]: frame 0x127000, bits 56-63 set */
};

struct fixture {
	struct gm_storage *st;
	struct dat_env env;
	struct dat_result res;
	struct dat_trace tr;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f || storage_create(STORAGE_BYTES, &f->st))
		return -1;
	for (size_t i = 0; i < sizeof(layout) / sizeof(layout[0]); i++)
		if (storage_store8(f->st, layout[i].aaddr, layout[i].value))
			return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	storage_destroy(f->st);
	free(f);
	return 0;
}

/*
 * Translate with a trace and without one (dat_translate() takes a shorter
 * path without a trace); both must give the same code and result.
 */
static int walk(struct fixture *f, uint64_t asce, uint64_t va, enum dat_access acc)
{
	struct dat_result plain;
	int rc, rc_plain;

	memset(&f->res, 0xcc, sizeof(f->res));
	memset(&f->tr, 0xcc, sizeof(f->tr));
	memset(&plain, 0xcc, sizeof(plain));
	rc_plain = dat_translate(f->st, &f->env, asce, va, acc, &plain, NULL);
	rc = dat_translate(f->st, &f->env, asce, va, acc, &f->res, &f->tr);
	assert_pic(rc_plain, rc);
	{
		/* the inline API gives exactly the same outcome */
		struct storage_view view;
		struct dat_result inl;

		memset(&inl, 0xcc, sizeof(inl));
		assert_int_equal(storage_get_view(f->st, &view), 0);
		assert_pic(dat_translate_inline(f->st, &view, &f->env, asce, va, acc, &inl), rc);
		assert_hex_equal(inl.raddr, plain.raddr);
		assert_hex_equal(inl.aaddr, plain.aaddr);
		assert_hex_equal(inl.teid, plain.teid);
		assert_int_equal(inl.teid_valid, plain.teid_valid);
	}
	assert_hex_equal(plain.raddr, f->res.raddr);
	assert_hex_equal(plain.aaddr, f->res.aaddr);
	assert_hex_equal(plain.teid, f->res.teid);
	assert_int_equal(plain.teid_valid, f->res.teid_valid);
	assert_int_equal(plain.protect, f->res.protect);
	assert_int_equal(plain.noexec, f->res.noexec);
	assert_int_equal(plain.frame, f->res.frame);
	assert_int_equal(plain.level, f->res.level);
	return rc;
}

#define F ((struct fixture *)*state)

/* A translation exception with a TEID. */
#define assert_xlate_exc(f, pic_, teid_)                                                   \
	do {                                                                               \
		assert_true((f)->res.teid_valid);                                          \
		assert_hex_equal((f)->res.teid, (teid_));                                  \
		(void)(pic_);                                                              \
	} while (0)

static void assert_trace(const struct dat_trace *tr, unsigned n, const uint64_t *aaddr,
			 const uint64_t *value, const uint8_t *level)
{
	assert_int_equal(tr->n, n);
	for (unsigned i = 0; i < n; i++) {
		assert_hex_equal(tr->e[i].aaddr, aaddr[i]);
		assert_hex_equal(tr->e[i].value, value[i]);
		assert_int_equal(tr->e[i].level, level[i]);
	}
}

/* ======================= §11.2 public vectors ======================= */

static void test_dat_v1_r1_four_levels(void **state)
{
	static const uint64_t a[] = { 0x10008, 0x20010, 0x30018, 0x40020, 0x50028 };
	static const uint64_t v[] = { 0x2000F, 0x3000B, 0x40007, 0x50000, 0x123000 };
	static const uint8_t l[] = { DAT_LEVEL_R1TE, DAT_LEVEL_R2TE, DAT_LEVEL_R3TE,
				     DAT_LEVEL_STE, DAT_LEVEL_PTE };

	assert_pic(walk(F, A_R1, 0x0020080180405678ULL, DAT_FETCH), 0);
	assert_hex_equal(F->res.raddr, 0x123678);
	assert_hex_equal(F->res.aaddr, 0x123678);
	assert_false(F->res.teid_valid);
	assert_false(F->res.protect);
	assert_false(F->res.noexec);
	assert_int_equal(F->res.frame, 0);
	assert_trace(&F->tr, 5, a, v, l);
}

static void test_dat_v2_segment_table_asce(void **state)
{
	static const uint64_t a[] = { 0x40020, 0x50028 };
	static const uint64_t v[] = { 0x50000, 0x123000 };
	static const uint8_t l[] = { DAT_LEVEL_STE, DAT_LEVEL_PTE };

	assert_pic(walk(F, A_ST, 0x405678, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x123678);
	assert_trace(&F->tr, 2, a, v, l);
}

static void test_dat_v3_asce_type(void **state)
{
	assert_pic(walk(F, A_ST, 0x80000000, DAT_FETCH), PGM_ASCE_TYPE);
	assert_xlate_exc(F, 0x38, 0x0000000080000800ULL);
	assert_int_equal(F->tr.n, 0);
}

static void test_dat_v5_r1te_invalid(void **state)
{
	assert_pic(walk(F, A_R1, 0x0040000000000000ULL, DAT_STORE), PGM_REG_FIRST_TRANS);
	assert_xlate_exc(F, 0x39, 0x0040000000000400ULL);
	assert_int_equal(F->tr.n, 1);
	assert_hex_equal(F->tr.e[0].aaddr, 0x10010);
	assert_hex_equal(F->tr.e[0].value, 0x2C);
	assert_int_equal(F->res.level, DAT_LEVEL_R1TE);
}

static void test_dat_v9_ste_invalid_home_space(void **state)
{
	/* A_ST from CR13; the walker takes the ASCE, the ASC goes to env.as */
	F->env.as = 3;
	assert_pic(walk(F, A_ST, 0x600000, DAT_FETCH), PGM_SEGMENT_TRANSLATION);
	assert_xlate_exc(F, 0x10, 0x0000000000600803ULL);
	assert_int_equal(F->tr.n, 1);
	assert_hex_equal(F->tr.e[0].aaddr, 0x40030);
	assert_hex_equal(F->tr.e[0].value, 0x20);
}

static void test_dat_v12_pte_invalid_secondary_store(void **state)
{
	F->env.as = 2;
	assert_pic(walk(F, A_ST, 0x406ABC, DAT_STORE), PGM_PAGE_TRANSLATION);
	assert_xlate_exc(F, 0x11, 0x0000000000406402ULL);
	assert_int_equal(F->tr.n, 2);
	assert_hex_equal(F->tr.e[1].aaddr, 0x50030);
	assert_hex_equal(F->tr.e[1].value, 0x400);
	assert_int_equal(F->res.level, DAT_LEVEL_PTE);
}

static void test_dat_v16_pte_protection_store(void **state)
{
	assert_pic(walk(F, A_ST, 0x408010, DAT_STORE), PGM_PROTECTION);
	assert_xlate_exc(F, 0x04, 0x0000000000408404ULL);
	assert_int_equal(F->tr.n, 2);
	assert_hex_equal(F->tr.e[1].value, 0x125200);
}

static void test_dat_v18_edat1_large_segment(void **state)
{
	F->env.edat1 = true;
	assert_pic(walk(F, A_ST, 0x812345, DAT_FETCH), 0);
	assert_hex_equal(F->res.raddr, 0x312345);
	assert_hex_equal(F->res.aaddr, 0x312345);
	assert_int_equal(F->res.frame, 1);
	/* no page-table fetch under FC=1 */
	assert_int_equal(F->tr.n, 1);
	assert_hex_equal(F->tr.e[0].aaddr, 0x40040);
}

/*
 * CS=1 is a translation-specification exception only under a private ASCE
 * (§6.1 step 6), for the EDAT-1 frame form of the STE as for format 0: a
 * common 1 MB frame translates in a non-private space.  (Found by the
 * differential test, tests/test-datdiff.c.)
 */
static void test_dat_common_large_segment(void **state)
{
	F->env.edat1 = true;
	assert_pic(walk(F, A_ST, 0x1102345, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x602345);
	assert_int_equal(F->res.frame, 1);
	assert_pic(walk(F, A_STP, 0x1102345, DAT_FETCH), PGM_TRANSLATION_SPEC);
	assert_false(F->res.teid_valid);
	/* without EDAT-1, FC is ignored: a format-0 STE, PTO 0x600000, whose
	 * PTE for PX 2 (at 0x600010) is 0: frame 0, no prefixing with prefix 0 */
	F->env.edat1 = false;
	assert_pic(walk(F, A_ST, 0x1102345, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x345);
	assert_int_equal(F->res.frame, 0);
}

static void test_dat_v20_prefix_pte_real_zero(void **state)
{
	F->env.prefix = 0x7E000;
	assert_pic(walk(F, A_ST, 0x409010, DAT_FETCH), 0);
	assert_hex_equal(F->res.raddr, 0x10);
	assert_hex_equal(F->res.aaddr, 0x7E010);
}

static void test_dat_v22k_large_frame_at_zero_not_prefixed(void **state)
{
	/* ST[10]: FC=1, SFAA 0; the SFAA is absolute (kvm-unit-tests edat.c
	 * "pmd, large, prefixing"), so prefix 0x7E000 does not apply. */
	F->env.edat1 = true;
	F->env.prefix = 0x7E000;
	assert_pic(walk(F, A_ST, 0xA00010, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x10);
	assert_hex_equal(F->res.raddr, 0x10);
	/* and the prefix area inside that frame stays where it is too */
	assert_pic(walk(F, A_ST, 0xA7E010, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x7E010);
}

static void test_dat_v23_iep_instruction_fetch(void **state)
{
	F->env.iep = true;
	assert_pic(walk(F, A_ST, 0x40B000, DAT_IFETCH), PGM_PROTECTION);
	assert_xlate_exc(F, 0x04, 0x000000000040B884ULL);
}

/* ======================= ASCE checks ======================= */

static void test_dat_asce_tl_r1(void **state)
{
	/* RFX bits 0-1 = 01 > TL 0 → region-first translation */
	assert_pic(walk(F, A_R1_TL0, 0x4000000000000000ULL, DAT_FETCH), PGM_REG_FIRST_TRANS);
	assert_xlate_exc(F, 0x39, 0x4000000000000800ULL);
	assert_int_equal(F->tr.n, 0);
	/* RFX=1 has bits 0-1 = 00: allowed by TL 0 (V1's path) */
	assert_pic(walk(F, A_R1_TL0, 0x0020080180405678ULL, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x123678);
}

static void test_dat_asce_tl_r2(void **state)
{
	/* RSX=0x200: bits 11-12 = 01 > TL 0 */
	assert_pic(walk(F, A_R2_TL0, 0x0008000000000000ULL, DAT_STORE), PGM_REG_SEC_TRANS);
	assert_xlate_exc(F, 0x3a, 0x0008000000000400ULL);
	assert_int_equal(F->tr.n, 0);
}

static void test_dat_asce_tl_r3(void **state)
{
	/* RTX=0x200: bits 22-23 = 01 > TL 0 */
	assert_pic(walk(F, A_R3_TL0, 0x0000010000000000ULL, DAT_FETCH), PGM_REG_THIRD_TRANS);
	assert_xlate_exc(F, 0x3b, 0x0000010000000800ULL);
	assert_int_equal(F->tr.n, 0);
}

static void test_dat_asce_tl_segment(void **state)
{
	/* SX=0x200: bits 33-34 = 01 > TL 0 */
	assert_pic(walk(F, A_ST_TL0, 0x20000000, DAT_FETCH), PGM_SEGMENT_TRANSLATION);
	assert_xlate_exc(F, 0x10, 0x0000000020000800ULL);
	assert_int_equal(F->tr.n, 0);
	/* SX=4 passes TL 0 */
	assert_pic(walk(F, A_ST_TL0, 0x405678, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x123678);
}

static void test_dat_asce_type_r3(void **state)
{
	/* RSX=1 cannot be translated by an R3 table */
	assert_pic(walk(F, A_R3, 0x0000040000000000ULL, DAT_FETCH), PGM_ASCE_TYPE);
	assert_xlate_exc(F, 0x38, 0x0000040000000800ULL);
	assert_int_equal(F->tr.n, 0);
}

static void test_dat_asce_type_r2(void **state)
{
	/* RFX=1 cannot be translated by an R2 table */
	assert_pic(walk(F, A_R2, 0x0020000000000000ULL, DAT_STORE), PGM_ASCE_TYPE);
	assert_xlate_exc(F, 0x38, 0x0020000000000400ULL);
}

static void test_dat_asce_type_segment_top_of_31_bits(void **state)
{
	/* 0x7FFFFFFF is the last address an ST ASCE reaches: no 0x38, but SX
	 * 0x7FF has bits 33-34 = 11 > TL 0 → 0x10.  0xFFFFFFFF has RTX=1 → 0x38. */
	assert_pic(walk(F, A_ST_TL0, 0x7FFFFFFF, DAT_FETCH), PGM_SEGMENT_TRANSLATION);
	assert_pic(walk(F, A_ST, 0xFFFFFFFF, DAT_FETCH), PGM_ASCE_TYPE);
}

static void test_dat_asce_type_never_for_r1(void **state)
{
	/* an R1 table translates the whole 64-bit space: RFX 0x7FF reads R1T[0x7FF]
	 * at 0x13FF8, which is 0: TT 00 is not 11 → translation specification */
	assert_pic(walk(F, A_R1, 0xFFE0000000000000ULL, DAT_FETCH), PGM_TRANSLATION_SPEC);
	assert_false(F->res.teid_valid);
	assert_int_equal(F->tr.n, 1);
	assert_hex_equal(F->tr.e[0].aaddr, 0x13FF8);
}

/* ======================= TL/TF of region entries ======================= */

static void test_dat_r1te_tl_violation(void **state)
{
	/* R1T[3] TL=0; RSX=0x200 (bits 11-12 = 01) → 0x3A */
	assert_pic(walk(F, A_R1, 0x0068000000000000ULL, DAT_FETCH), PGM_REG_SEC_TRANS);
	assert_xlate_exc(F, 0x3a, 0x0068000000000800ULL);
	assert_int_equal(F->tr.n, 1);
	assert_int_equal(F->res.level, DAT_LEVEL_R1TE);
}

static void test_dat_r1te_tf_violation(void **state)
{
	/* R1T[4] TF=1; RSX=0 (bits 11-12 = 00) < 1 → 0x3A */
	assert_pic(walk(F, A_R1, 0x0080000000000000ULL, DAT_FETCH), PGM_REG_SEC_TRANS);
	assert_xlate_exc(F, 0x3a, 0x0080000000000800ULL);
	assert_int_equal(F->tr.n, 1);
	/* RSX=0x200 passes TF=1; the entry is origin + index*8 (no TF
	 * adjustment) = 0x21000, which is 0: TT 00 is not 10 → 0x12 */
	assert_pic(walk(F, A_R1, 0x0088000000000000ULL, DAT_FETCH), PGM_TRANSLATION_SPEC);
	assert_int_equal(F->tr.n, 2);
	assert_hex_equal(F->tr.e[1].aaddr, 0x21000);
}

static void test_dat_r2te_tl_violation(void **state)
{
	/* R2T[4] TL=0; RTX=0x200 → 0x3B */
	assert_pic(walk(F, A_R2, 0x0000110000000000ULL, DAT_FETCH), PGM_REG_THIRD_TRANS);
	assert_xlate_exc(F, 0x3b, 0x0000110000000800ULL);
	assert_int_equal(F->tr.n, 1);
	assert_hex_equal(F->tr.e[0].aaddr, 0x20020);
}

static void test_dat_r2te_tf_violation(void **state)
{
	/* R2T[5] TF=2; RTX=0x200 (bits 22-23 = 01) < 2 → 0x3B */
	assert_pic(walk(F, A_R2, 0x0000150000000000ULL, DAT_STORE), PGM_REG_THIRD_TRANS);
	assert_xlate_exc(F, 0x3b, 0x0000150000000400ULL);
	assert_hex_equal(F->tr.e[0].aaddr, 0x20028);
}

static void test_dat_r3te_tl_violation(void **state)
{
	/* R3T[4] TL=0; SX=0x200 → 0x10 */
	assert_pic(walk(F, A_R3, 0x0000000220000000ULL, DAT_FETCH), PGM_SEGMENT_TRANSLATION);
	assert_xlate_exc(F, 0x10, 0x0000000220000800ULL);
	assert_int_equal(F->tr.n, 1);
	assert_hex_equal(F->tr.e[0].aaddr, 0x30020);
}

static void test_dat_r3te_tf_violation(void **state)
{
	/* R3T[5] TF=1; SX=0 → 0x10 */
	assert_pic(walk(F, A_R3, 0x0000000280000000ULL, DAT_FETCH), PGM_SEGMENT_TRANSLATION);
	assert_xlate_exc(F, 0x10, 0x0000000280000800ULL);
	assert_hex_equal(F->tr.e[0].aaddr, 0x30028);
}

/* ======================= invalid entries ======================= */

static void test_dat_r2te_invalid(void **state)
{
	assert_pic(walk(F, A_R2, 0x0000180000000000ULL, DAT_FETCH), PGM_REG_SEC_TRANS);
	assert_xlate_exc(F, 0x3a, 0x0000180000000800ULL);
	assert_int_equal(F->res.level, DAT_LEVEL_R2TE);
}

static void test_dat_r3te_invalid(void **state)
{
	assert_pic(walk(F, A_R3, 0x0000000300000000ULL, DAT_STORE), PGM_REG_THIRD_TRANS);
	assert_xlate_exc(F, 0x3b, 0x0000000300000400ULL);
	assert_int_equal(F->res.level, DAT_LEVEL_R3TE);
}

static void test_dat_ifetch_teid_uses_fetch_bit(void **state)
{
	/* PT[6] invalid: an instruction fetch reports F/S = 10 (0x800) */
	assert_pic(walk(F, A_ST, 0x406FFE, DAT_IFETCH), PGM_PAGE_TRANSLATION);
	assert_xlate_exc(F, 0x11, 0x0000000000406800ULL);
	F->env.as = 1;
	assert_pic(walk(F, A_ST, 0x406000, DAT_FETCH), PGM_PAGE_TRANSLATION);
	assert_xlate_exc(F, 0x11, 0x0000000000406801ULL);
}

/* ======================= table types ======================= */

static void test_dat_tt_mismatch_r1(void **state)
{
	assert_pic(walk(F, A_R1, 0x00A0000000000000ULL, DAT_FETCH), PGM_TRANSLATION_SPEC);
	assert_false(F->res.teid_valid);
	assert_int_equal(F->res.level, DAT_LEVEL_R1TE);
}

static void test_dat_tt_mismatch_r2(void **state)
{
	assert_pic(walk(F, A_R2, 0x00001C0000000000ULL, DAT_FETCH), PGM_TRANSLATION_SPEC);
	assert_false(F->res.teid_valid);
	assert_int_equal(F->res.level, DAT_LEVEL_R2TE);
}

static void test_dat_tt_mismatch_r3(void **state)
{
	assert_pic(walk(F, A_R3, 0x0000000400000000ULL, DAT_STORE), PGM_TRANSLATION_SPEC);
	assert_false(F->res.teid_valid);
	assert_int_equal(F->res.level, DAT_LEVEL_R3TE);
}

static void test_dat_tt_mismatch_ste(void **state)
{
	assert_pic(walk(F, A_ST, 0xB00000, DAT_FETCH), PGM_TRANSLATION_SPEC);
	assert_false(F->res.teid_valid);
	assert_int_equal(F->res.level, DAT_LEVEL_STE);
}

static void test_dat_invalid_wins_over_tt(void **state)
{
	/* ST[12] = I + TT 11 → segment translation, not 0x12 */
	assert_pic(walk(F, A_ST, 0xC00000, DAT_FETCH), PGM_SEGMENT_TRANSLATION);
	assert_xlate_exc(F, 0x10, 0x0000000000C00800ULL);
	/* R3T[9] = I + TT 10 → region-third translation */
	assert_pic(walk(F, A_R3, 0x0000000480000000ULL, DAT_FETCH), PGM_REG_THIRD_TRANS);
	assert_xlate_exc(F, 0x3b, 0x0000000480000800ULL);
}

/* ======================= page-table entry bits ======================= */

static void test_dat_pte_bit52(void **state)
{
	assert_pic(walk(F, A_ST, 0x407000, DAT_FETCH), PGM_TRANSLATION_SPEC);
	assert_false(F->res.teid_valid);
	assert_int_equal(F->res.level, DAT_LEVEL_PTE);
}

static void test_dat_pte_invalid_and_bit52(void **state)
{
	/* I is checked first (QEMU and KVM): 0x11, not 0x12 */
	assert_pic(walk(F, A_ST, 0x40C000, DAT_FETCH), PGM_PAGE_TRANSLATION);
	assert_xlate_exc(F, 0x11, 0x000000000040C800ULL);
}

static void test_dat_pte_software_bits_ignored(void **state)
{
	/* PT[14] = 0x1270FF: bits 56-63 are available to software */
	assert_pic(walk(F, A_ST, 0x40E123, DAT_STORE), 0);
	assert_hex_equal(F->res.aaddr, 0x127123);
}

/* ======================= common segment / region ======================= */

static void test_dat_common_segment_private_asce(void **state)
{
	assert_pic(walk(F, A_STP, 0x903000, DAT_FETCH), PGM_TRANSLATION_SPEC);
	assert_false(F->res.teid_valid);
	/* without ASCE.P the CS entry translates: PT2[3] → 0x127000 */
	assert_pic(walk(F, A_ST, 0x903123, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x127123);
	/* ASCE.P on a non-common segment is fine */
	assert_pic(walk(F, A_STP, 0x405678, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x123678);
}

static void test_dat_common_region_private_asce_edat2(void **state)
{
	F->env.edat1 = true;
	F->env.edat2 = true;
	assert_pic(walk(F, A_R3P, 0x0000000500405678ULL, DAT_FETCH), PGM_TRANSLATION_SPEC);
	assert_false(F->res.teid_valid);
	assert_int_equal(F->res.level, DAT_LEVEL_R3TE);
	/* not private: fine */
	assert_pic(walk(F, A_R3, 0x0000000500405678ULL, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x123678);
}

static void test_dat_common_region_ignored_without_edat2(void **state)
{
	assert_pic(walk(F, A_R3P, 0x0000000500405678ULL, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x123678);
	F->env.edat1 = true;
	assert_pic(walk(F, A_R3P, 0x0000000500405678ULL, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x123678);
}

/* ======================= DAT protection ======================= */

static void test_dat_region_protection_edat1(void **state)
{
	/* R1T[6] P=1 leads to V1's path */
	F->env.edat1 = true;
	assert_pic(walk(F, A_R1, 0x00C0080180405678ULL, DAT_STORE), PGM_PROTECTION);
	assert_xlate_exc(F, 0x04, 0x00C0080180405404ULL);
	assert_int_equal(F->tr.n, 5); /* P never stops the walk */
	/* R3T[11] P=1 */
	assert_pic(walk(F, A_R3, 0x0000000580405678ULL, DAT_STORE), PGM_PROTECTION);
	assert_xlate_exc(F, 0x04, 0x0000000580405404ULL);
}

static void test_dat_region_protection_ignored_without_edat1(void **state)
{
	assert_pic(walk(F, A_R1, 0x00C0080180405678ULL, DAT_STORE), 0);
	assert_hex_equal(F->res.aaddr, 0x123678);
	assert_false(F->res.protect);
	assert_pic(walk(F, A_R3, 0x0000000580405678ULL, DAT_STORE), 0);
	assert_hex_equal(F->res.aaddr, 0x123678);
}

static void test_dat_fetch_through_protection(void **state)
{
	F->env.edat1 = true;
	assert_pic(walk(F, A_R1, 0x00C0080180405678ULL, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x123678);
	assert_true(F->res.protect);
	assert_pic(walk(F, A_ST, 0x408010, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x125010);
	assert_true(F->res.protect);
	assert_pic(walk(F, A_ST, 0x408010, DAT_IFETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x125010);
}

static void test_dat_segment_protection_without_edat(void **state)
{
	/* ST[13] P=1 → PT[5]; STE P is honoured without EDAT */
	assert_pic(walk(F, A_ST, 0xD05678, DAT_STORE), PGM_PROTECTION);
	assert_xlate_exc(F, 0x04, 0x0000000000D05404ULL);
	assert_pic(walk(F, A_ST, 0xD05678, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x123678);
	assert_true(F->res.protect);
}

static void test_dat_protection_above_invalid_entry(void **state)
{
	/* ST[13] P=1 over PT[6] I=1: translation exception, not protection */
	assert_pic(walk(F, A_ST, 0xD06000, DAT_STORE), PGM_PAGE_TRANSLATION);
	assert_xlate_exc(F, 0x11, 0x0000000000D06400ULL);
	/* R1T[6] P=1 (EDAT-1) over ST[6] I=1 */
	F->env.edat1 = true;
	assert_pic(walk(F, A_R1, 0x00C0080180600000ULL, DAT_STORE), PGM_SEGMENT_TRANSLATION);
	assert_xlate_exc(F, 0x10, 0x00C0080180600400ULL);
}

static void test_dat_large_segment_protection(void **state)
{
	/* ST[15]: FC=1, P=1, SFAA 0x300000 */
	F->env.edat1 = true;
	assert_pic(walk(F, A_ST, 0xF12345, DAT_STORE), PGM_PROTECTION);
	assert_xlate_exc(F, 0x04, 0x0000000000F12404ULL);
	assert_pic(walk(F, A_ST, 0xF12345, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x312345);
}

/* ======================= EDAT ======================= */

static void test_dat_edat2_region_frame(void **state)
{
	F->env.edat1 = true;
	F->env.edat2 = true;
	F->env.prefix = 0x7E000;
	assert_pic(walk(F, A_R3, 0x0000000392345678ULL, DAT_STORE), 0);
	assert_hex_equal(F->res.aaddr, 0x92345678);
	assert_hex_equal(F->res.raddr, 0x92345678);
	assert_int_equal(F->res.frame, 2);
	assert_int_equal(F->tr.n, 1);
	assert_hex_equal(F->tr.e[0].aaddr, 0x30038);
	assert_hex_equal(F->tr.e[0].value, 0x80000404);
}

static void test_dat_edat2_region_frame_skips_tf_tl(void **state)
{
	/* SX=0x200 with R3T[7] TL=0: not checked under FC=1 (the check comes after FC) */
	F->env.edat1 = true;
	F->env.edat2 = true;
	assert_pic(walk(F, A_R3, 0x00000003A0000000ULL, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0xA0000000);
}

static void test_dat_edat2_fc_ignored_without_edat2(void **state)
{
	/* R3T[7] read as format 0: TL=0, SX=0x200 → 0x10 (kvm-unit-tests edat.c:
	 * "FC bit should be ignored because EDAT is off") */
	F->env.edat1 = true;
	assert_pic(walk(F, A_R3, 0x00000003A0000000ULL, DAT_FETCH), PGM_SEGMENT_TRANSLATION);
	assert_xlate_exc(F, 0x10, 0x00000003A0000800ULL);
	F->env.edat1 = false;
	assert_pic(walk(F, A_R3, 0x00000003A0000000ULL, DAT_FETCH), PGM_SEGMENT_TRANSLATION);
}

static void test_dat_edat1_fc_ignored_without_edat1(void **state)
{
	/* V18b: ST[8] as format 0: PTO 0x300000, PT[0x12] at 0x300090 is 0 →
	 * frame real 0, byte 0x345 */
	assert_pic(walk(F, A_ST, 0x812345, DAT_FETCH), 0);
	assert_hex_equal(F->res.raddr, 0x345);
	assert_hex_equal(F->res.aaddr, 0x345);
	assert_int_equal(F->res.frame, 0);
	assert_int_equal(F->tr.n, 2);
	assert_hex_equal(F->tr.e[1].aaddr, 0x300090);
}

/* ======================= prefixing ======================= */

static void test_dat_prefixing_both_ways(void **state)
{
	F->env.prefix = 0x7E000;
	/* real 0x7E020 (the prefix area) → absolute 0x20 */
	assert_pic(walk(F, A_ST, 0x40A020, DAT_FETCH), 0);
	assert_hex_equal(F->res.raddr, 0x7E020);
	assert_hex_equal(F->res.aaddr, 0x20);
	/* real 0xFFF (in real 0..8191) → absolute 0x7EFFF */
	assert_pic(walk(F, A_ST, 0x409FFF, DAT_FETCH), 0);
	assert_hex_equal(F->res.raddr, 0xFFF);
	assert_hex_equal(F->res.aaddr, 0x7EFFF);
	/* outside both blocks: unchanged */
	assert_pic(walk(F, A_ST, 0x405678, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x123678);
	/* prefix 0: identity */
	F->env.prefix = 0;
	assert_pic(walk(F, A_ST, 0x40A020, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x7E020);
}

/* ======================= IEP ======================= */

static void test_dat_iep_fetch_and_store_allowed(void **state)
{
	F->env.iep = true;
	assert_pic(walk(F, A_ST, 0x40B010, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x126010);
	assert_true(F->res.noexec);
	assert_pic(walk(F, A_ST, 0x40B010, DAT_STORE), 0);
	assert_hex_equal(F->res.aaddr, 0x126010);
}

static void test_dat_iep_off_bit55_ignored(void **state)
{
	assert_pic(walk(F, A_ST, 0x40B010, DAT_IFETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x126010);
	assert_false(F->res.noexec);
	assert_pic(walk(F, A_ST, 0x40B010, DAT_FETCH), 0);
	assert_pic(walk(F, A_ST, 0x40B010, DAT_STORE), 0);
	F->env.edat1 = true; /* old KVM's "co without edat1" rule is not followed */
	assert_pic(walk(F, A_ST, 0x40B010, DAT_IFETCH), 0);
}

static void test_dat_iep_large_segment(void **state)
{
	/* ST[14]: FC=1, IEP=1 */
	F->env.edat1 = true;
	F->env.iep = true;
	F->env.as = 2;
	assert_pic(walk(F, A_ST, 0xE00010, DAT_IFETCH), PGM_PROTECTION);
	assert_xlate_exc(F, 0x04, 0x0000000000E00886ULL);
	assert_pic(walk(F, A_ST, 0xE00010, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x300010);
	F->env.iep = false;
	assert_pic(walk(F, A_ST, 0xE00010, DAT_IFETCH), 0);
}

/* ======================= addressing ======================= */

static void test_dat_table_outside_storage(void **state)
{
	assert_pic(walk(F, A_BAD, 0x405678, DAT_FETCH), PGM_ADDRESSING);
	assert_false(F->res.teid_valid);
	assert_int_equal(F->tr.n, 1);
	assert_hex_equal(F->tr.e[0].aaddr, 0x100000020);
	assert_hex_equal(F->tr.e[0].value, 0);
	/* an R1TE whose R2 table is at 4 GiB */
	assert_pic(walk(F, A_R1, 0x00E0000000000000ULL, DAT_STORE), PGM_ADDRESSING);
	assert_false(F->res.teid_valid);
	assert_int_equal(F->tr.n, 2);
	assert_hex_equal(F->tr.e[1].aaddr, 0x100000000);
	assert_int_equal(F->tr.e[1].level, DAT_LEVEL_R2TE);
	/* the last doubleword of storage is a usable entry */
	assert_errno(storage_store8(F->st, STORAGE_BYTES - 8, 0x0000000000050000ULL), 0);
	assert_pic(walk(F, dat_asce(STORAGE_BYTES - 0x4000, _ASCE_TYPE_SEGMENT, 3, 0),
			0x7FF05678, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x123678);
	/* a table at the top of the 64-bit space does not wrap to 0 */
	assert_pic(walk(F, dat_asce(0xFFFFFFFFFFFFF000ULL, _ASCE_TYPE_SEGMENT, 3, 0),
			0x7FF00000, DAT_FETCH), PGM_ADDRESSING);
}

static void test_dat_result_outside_storage(void **state)
{
	/* PT[13]: frame 4 GiB */
	assert_pic(walk(F, A_ST, 0x40D000, DAT_FETCH), PGM_ADDRESSING);
	assert_false(F->res.teid_valid);
	/* ST[13] P=1 over PT[13]: protection is checked before addressing
	 * (§6.1 steps 8, 9) */
	assert_pic(walk(F, A_ST, 0xD0D000, DAT_STORE), PGM_PROTECTION);
	assert_xlate_exc(F, 0x04, 0x0000000000D0D404ULL);
	assert_pic(walk(F, A_ST, 0xD0D000, DAT_FETCH), PGM_ADDRESSING);
}

/* ======================= real space ======================= */

static void test_dat_real_space_asce(void **state)
{
	/* R=1: origin, DT and TL ignored, no table read */
	uint64_t asce = 0xFFFFFFFFFFFFF000ULL | _ASCE_REAL_SPACE | _ASCE_TYPE_REGION1;

	assert_pic(walk(F, asce, 0x123456, DAT_STORE), 0);
	assert_hex_equal(F->res.raddr, 0x123456);
	assert_hex_equal(F->res.aaddr, 0x123456);
	assert_int_equal(F->tr.n, 0);
	F->env.prefix = 0x7E000;
	assert_pic(walk(F, asce, 0x100, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x7E100);
	assert_pic(walk(F, _ASCE_REAL_SPACE, 0x7E100, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x100);
	/* no ASCE-type check: a real address beyond storage is addressing */
	assert_pic(walk(F, _ASCE_REAL_SPACE, 0x8000000000000000ULL, DAT_FETCH), PGM_ADDRESSING);
	assert_false(F->res.teid_valid);
}

/* ======================= trace, byte order, arguments ======================= */

static void test_dat_trace_optional_and_reset(void **state)
{
	struct dat_result res;

	assert_pic(dat_translate(F->st, &F->env, A_R1, 0x0020080180405678ULL, DAT_FETCH, &res, NULL), 0);
	assert_hex_equal(res.aaddr, 0x123678);
	/* a second walk restarts the trace */
	assert_pic(walk(F, A_R1, 0x0020080180405678ULL, DAT_FETCH), 0);
	assert_int_equal(F->tr.n, 5);
	assert_pic(walk(F, A_ST, 0x600000, DAT_FETCH), PGM_SEGMENT_TRANSLATION);
	assert_int_equal(F->tr.n, 1);
	assert_int_equal(F->tr.e[0].level, DAT_LEVEL_STE);
}

static void test_dat_entries_are_big_endian(void **state)
{
	/* ST[16] at 0x40080 and PT[0x20] at 0x50100, written byte by byte,
	 * most significant byte first */
	static const uint8_t ste[8] = { 0, 0, 0, 0, 0, 0x05, 0x00, 0x00 };
	static const uint8_t pte[8] = { 0, 0, 0, 0, 0, 0x12, 0x80, 0xFF };

	assert_errno(storage_write(F->st, 0x40080, ste, 8), 0);
	assert_errno(storage_write(F->st, 0x50100, pte, 8), 0);
	assert_pic(walk(F, A_ST, 0x1020ABC, DAT_FETCH), 0);
	assert_hex_equal(F->res.aaddr, 0x128ABC);
	assert_hex_equal(F->tr.e[0].value, 0x50000);
	assert_hex_equal(F->tr.e[1].value, 0x1280FF);
}

static void test_dat_bad_arguments(void **state)
{
	struct dat_result res;

	assert_errno(dat_translate(NULL, &F->env, A_ST, 0, DAT_FETCH, &res, NULL), -EINVAL);
	assert_errno(dat_translate(F->st, NULL, A_ST, 0, DAT_FETCH, &res, NULL), -EINVAL);
	assert_errno(dat_translate(F->st, &F->env, A_ST, 0, DAT_FETCH, NULL, NULL), -EINVAL);
	assert_errno(dat_translate(F->st, &F->env, A_ST, 0, (enum dat_access)3, &res, NULL), -EINVAL);
}

/*
 * Per-level facts shared by mm, gmap, check and dump: the index positions of
 * docs/dat-reference.md §1, the TT values of §3/§4 and Linux's empty entries
 * (_REGION1_ENTRY_EMPTY 0x2c, _REGION2 0x28, _REGION3 0x24, segment 0x20).
 */
static void test_dat_level_helpers(void **state)
{
	(void)state;
	assert_int_equal(dat_level_shift(DAT_LEVEL_PTE), 12);
	assert_int_equal(dat_level_shift(DAT_LEVEL_STE), 20);
	assert_int_equal(dat_level_shift(DAT_LEVEL_R3TE), 31);
	assert_int_equal(dat_level_shift(DAT_LEVEL_R2TE), 42);
	assert_int_equal(dat_level_shift(DAT_LEVEL_R1TE), 53);
	assert_hex_equal(dat_level_tt(DAT_LEVEL_R1TE), 0xc);
	assert_hex_equal(dat_level_tt(DAT_LEVEL_R2TE), 0x8);
	assert_hex_equal(dat_level_tt(DAT_LEVEL_R3TE), 0x4);
	assert_hex_equal(dat_level_tt(DAT_LEVEL_STE), 0x0);
	assert_hex_equal(dat_crst_empty(DAT_LEVEL_R1TE), 0x2c);
	assert_hex_equal(dat_crst_empty(DAT_LEVEL_R2TE), 0x28);
	assert_hex_equal(dat_crst_empty(DAT_LEVEL_R3TE), 0x24);
	assert_hex_equal(dat_crst_empty(DAT_LEVEL_STE), 0x20);
}

static void test_dat_names(void **state)
{
	(void)state;
	assert_string_equal(dat_pic_name(PGM_SEGMENT_TRANSLATION), "segment-translation exception");
	assert_string_equal(dat_pic_name(PGM_PAGE_TRANSLATION), "page-translation exception");
	assert_string_equal(dat_pic_name(PGM_TRANSLATION_SPEC), "translation-specification exception");
	assert_string_equal(dat_pic_name(PGM_PROTECTION), "protection exception");
	assert_string_equal(dat_pic_name(PGM_ADDRESSING), "addressing exception");
	assert_string_equal(dat_pic_name(PGM_ASCE_TYPE), "ASCE-type exception");
	assert_string_equal(dat_pic_name(PGM_REG_FIRST_TRANS), "region-first-translation exception");
	assert_string_equal(dat_pic_name(PGM_REG_SEC_TRANS), "region-second-translation exception");
	assert_string_equal(dat_pic_name(PGM_REG_THIRD_TRANS), "region-third-translation exception");
	assert_string_equal(dat_pic_name(0x7777), "unknown program interruption");
	assert_string_equal(dat_level_name(DAT_LEVEL_PTE), "pte");
	assert_string_equal(dat_level_name(DAT_LEVEL_STE), "ste");
	assert_string_equal(dat_level_name(DAT_LEVEL_R3TE), "r3te");
	assert_string_equal(dat_level_name(DAT_LEVEL_R2TE), "r2te");
	assert_string_equal(dat_level_name(DAT_LEVEL_R1TE), "r1te");
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_dat_v1_r1_four_levels),
		T(test_dat_v2_segment_table_asce),
		T(test_dat_v3_asce_type),
		T(test_dat_v5_r1te_invalid),
		T(test_dat_v9_ste_invalid_home_space),
		T(test_dat_v12_pte_invalid_secondary_store),
		T(test_dat_v16_pte_protection_store),
		T(test_dat_v18_edat1_large_segment),
		T(test_dat_common_large_segment),
		T(test_dat_v20_prefix_pte_real_zero),
		T(test_dat_v22k_large_frame_at_zero_not_prefixed),
		T(test_dat_v23_iep_instruction_fetch),
		T(test_dat_asce_tl_r1),
		T(test_dat_asce_tl_r2),
		T(test_dat_asce_tl_r3),
		T(test_dat_asce_tl_segment),
		T(test_dat_asce_type_r3),
		T(test_dat_asce_type_r2),
		T(test_dat_asce_type_segment_top_of_31_bits),
		T(test_dat_asce_type_never_for_r1),
		T(test_dat_r1te_tl_violation),
		T(test_dat_r1te_tf_violation),
		T(test_dat_r2te_tl_violation),
		T(test_dat_r2te_tf_violation),
		T(test_dat_r3te_tl_violation),
		T(test_dat_r3te_tf_violation),
		T(test_dat_r2te_invalid),
		T(test_dat_r3te_invalid),
		T(test_dat_ifetch_teid_uses_fetch_bit),
		T(test_dat_tt_mismatch_r1),
		T(test_dat_tt_mismatch_r2),
		T(test_dat_tt_mismatch_r3),
		T(test_dat_tt_mismatch_ste),
		T(test_dat_invalid_wins_over_tt),
		T(test_dat_pte_bit52),
		T(test_dat_pte_invalid_and_bit52),
		T(test_dat_pte_software_bits_ignored),
		T(test_dat_common_segment_private_asce),
		T(test_dat_common_region_private_asce_edat2),
		T(test_dat_common_region_ignored_without_edat2),
		T(test_dat_region_protection_edat1),
		T(test_dat_region_protection_ignored_without_edat1),
		T(test_dat_fetch_through_protection),
		T(test_dat_segment_protection_without_edat),
		T(test_dat_protection_above_invalid_entry),
		T(test_dat_large_segment_protection),
		T(test_dat_edat2_region_frame),
		T(test_dat_edat2_region_frame_skips_tf_tl),
		T(test_dat_edat2_fc_ignored_without_edat2),
		T(test_dat_edat1_fc_ignored_without_edat1),
		T(test_dat_prefixing_both_ways),
		T(test_dat_iep_fetch_and_store_allowed),
		T(test_dat_iep_off_bit55_ignored),
		T(test_dat_iep_large_segment),
		T(test_dat_table_outside_storage),
		T(test_dat_result_outside_storage),
		T(test_dat_real_space_asce),
		T(test_dat_trace_optional_and_reset),
		T(test_dat_entries_are_big_endian),
		T(test_dat_bad_arguments),
		T(test_dat_level_helpers),
		T(test_dat_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
