/* SPDX-License-Identifier: MIT */
/*
 * Tests of lib/skey.c and of the storage-key behaviour of cpu_access():
 * ISKE / SSKE (with the conditional-SSKE MR/MC bits and the EDAT-1
 * multiple-block form) / RRBE, reference and change recording, and
 * key-controlled protection with its overrides and its place after LAP
 * and DAT.
 *
 * Expected values are the architecture's, written as literals: the key
 * byte is ACC bits 0-3 (0xf0), F bit 4 (0x08), R bit 5 (0x04), C bit 6
 * (0x02) (PoP "Storage Key"); RRBE's cc is 2*R + C before the reset; the
 * conditional SSKE gives cc 0 "key not set" / cc 1 "entire key set" and cc
 * 3 with MB (KVM handle_sske()); key-controlled protection is PIC 0x04 with
 * the TEID of docs/dat-reference.md §7: page | 0x800 fetch / 0x400 store |
 * ESOP-2 code 010 (bit 60, 0x008) | AS.
 */
#include <stdlib.h>
#include <string.h>

#include "gmap-test.h"
#include "gmap/check.h"
#include "gmap/cpu.h"
#include "gmap/dat.h"
#include "gmap/gmap.h"
#include "gmap/machine.h"
#include "gmap/mm.h"
#include "gmap/skey.h"
#include "gmap/storage.h"

#define STORAGE_SIZE (16 * MB)
#define PSW64 0x0000000180000000ULL /* EA + BA */
#define PSW_DAT 0x0400000000000000ULL
#define PSW_KEY(k) ((uint64_t)(k) << 52) /* PSW bits 8-11 */
#define CR0_LAP 0x10000000ULL            /* bit 35 */
#define CR0_FPO 0x02000000ULL            /* bit 38 fetch-protection override */
#define CR0_SPO 0x01000000ULL            /* bit 39 storage-protection override */

struct fixture {
	struct gm_machine *m;
	struct gm_storage *st;
	struct gm_skey *sk;
	struct gm_cpu *cpu;
};

static int setup_size(void **state, uint64_t size, bool tlb)
{
	struct gm_machine_config cfg = { size, 1, GM_FAC_EDAT1, tlb };
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	if (machine_create(&cfg, &f->m)) {
		free(f);
		return -1;
	}
	f->st = machine_storage(f->m);
	f->sk = machine_skey(f->m);
	f->cpu = machine_cpu(f->m, 0);
	*state = f;
	return 0;
}

static int setup(void **state)
{
	return setup_size(state, STORAGE_SIZE, false);
}

/* Protection and recording must not depend on the TLB. */
static int setup_tlb(void **state)
{
	return setup_size(state, STORAGE_SIZE, true);
}

/* Storage that ends 64 KB into a 1 MB block. */
static int setup_ragged(void **state)
{
	return setup_size(state, STORAGE_SIZE + 0x10000, false);
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	if (machine_destroy(f->m))
		return -1;
	free(f);
	return 0;
}

static void check_ok_at(struct gm_machine *m, const char *file, int line)
{
	struct check_report rep = { 0 };
	int n = check_machine(m, &rep);

	if (n != 0) {
		for (unsigned i = 0; i < rep.n; i++)
			print_error("  inv %u (%s) at 0x%llx: %s\n", rep.v[i].inv,
				    check_inv_name(rep.v[i].inv), (unsigned long long)rep.v[i].where,
				    rep.v[i].msg);
		check_report_free(&rep);
		_fail(file, line);
	}
	check_report_free(&rep);
}

/* check_machine() after every mutating step. */
#define CHECK_OK(m) check_ok_at((m), __FILE__, __LINE__)

static uint8_t key_at(const struct fixture *f, uint64_t aaddr)
{
	uint8_t k = 0xff;

	assert_int_equal(skey_iske(f->sk, aaddr, &k), 0);
	return k;
}

static void set_key(struct fixture *f, uint64_t aaddr, uint8_t key)
{
	assert_int_equal(skey_sske(f->sk, aaddr, key, 0, NULL), 0);
	CHECK_OK(f->m);
}

static uint64_t ld(const struct gm_storage *st, uint64_t aaddr, unsigned len)
{
	uint64_t v = 0;

	assert_int_equal(storage_load(st, aaddr, len, &v), 0);
	return v;
}

static void st8(struct gm_storage *st, uint64_t aaddr, uint64_t val)
{
	assert_int_equal(storage_store8(st, aaddr, val), 0);
}

static void set_psw(struct gm_cpu *cpu, uint64_t mask, uint64_t addr)
{
	struct gm_psw psw = { mask, addr };

	cpu_set_psw(cpu, psw);
}

static uint64_t new_frame(struct gm_storage *st)
{
	uint64_t frame;

	assert_int_equal(storage_alloc(st, STORAGE_FRAME, &frame), 0);
	return frame;
}

/*
 * A segment table (every STE invalid, 0x20) with one page table for VA
 * 0-1 MB (every PTE invalid, 0x400); returns the ASCE (DT=00, TL=3).
 */
static uint64_t new_space(struct gm_storage *st, uint64_t *pto)
{
	uint64_t sto;

	assert_int_equal(storage_alloc(st, STORAGE_CRST, &sto), 0);
	assert_int_equal(storage_fill8(st, sto, 0x20, 2048), 0);
	assert_int_equal(storage_alloc(st, STORAGE_PT_FRAG, pto), 0);
	assert_int_equal(storage_fill8(st, *pto, 0x400, 256), 0);
	st8(st, sto, *pto); /* STE 0: PTO, I=0, TT=00 */
	return sto | 0x3;
}

/* PTE of @vaddr (< 1 MB): PFRA | flags. */
static void map_page(struct gm_storage *st, uint64_t pto, uint64_t vaddr, uint64_t pte)
{
	st8(st, pto + ((vaddr >> 12) & 0xff) * 8, pte);
}

/* ---- creation ----------------------------------------------------------- */

/* PoP: keys are zero after a clear or power-on reset; a new machine is one. */
static void test_skey_zero_after_machine_creation(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(skey_frames(f->sk), STORAGE_SIZE / 4096);
	assert_int_equal(key_at(f, 0), 0);
	assert_int_equal(key_at(f, 0x123456), 0);
	assert_int_equal(key_at(f, STORAGE_SIZE - 1), 0);
	/* CPU 0's lowcore was written by nobody through the CPU: still 0. */
	assert_int_equal(key_at(f, 0x1000), 0);
}

static void test_skey_create_errors_and_allocation_failure(void **state)
{
	struct fixture *f = *state;
	struct storage_stats before, after;
	struct gm_skey *sk = NULL, *sk2 = NULL;

	assert_errno(skey_create(NULL, &sk), -EINVAL);
	assert_errno(skey_create(f->st, NULL), -EINVAL);
	assert_null(sk);

	storage_stats(f->st, &before);
	storage_fail_after(f->st, 0);
	assert_errno(skey_create(f->st, &sk), -ENOMEM);
	assert_null(sk);
	storage_stats(f->st, &after);
	assert_int_equal(after.host_objects, before.host_objects);
	assert_int_equal(after.host_bytes, before.host_bytes);
	storage_fail_after(f->st, -1);

	/* A second, independent key set of the same storage. */
	assert_int_equal(skey_create(f->st, &sk2), 0);
	assert_int_equal(skey_sske(sk2, 0x5000, 0x30, 0, NULL), 0);
	assert_int_equal(key_at(f, 0x5000), 0);
	skey_destroy(sk2);
	skey_destroy(NULL);
	storage_stats(f->st, &after);
	assert_int_equal(after.host_objects, before.host_objects);
	CHECK_OK(f->m);
}

/* 1 TiB of storage (16 GiB under valgrind): a key per frame, reserved, not populated. */
static void test_skey_terabyte_storage(void **state)
{
	const uint64_t size = getenv("GMAP_TEST_VALGRIND") ? 16 * GB : TB;
	struct gm_machine_config cfg = { size, 1, 0, false };
	struct gm_machine *m = NULL;
	struct gm_skey *sk;
	uint8_t k = 0xff;

	(void)state;
	assert_int_equal(machine_create(&cfg, &m), 0);
	sk = machine_skey(m);
	assert_int_equal(skey_frames(sk), size / 4096);
	assert_int_equal(skey_sske(sk, size - 4096, 0xf8, 0, NULL), 0);
	assert_int_equal(skey_iske(sk, size - 1, &k), 0);
	assert_int_equal(k, 0xf8);
	assert_int_equal(skey_iske(sk, size / 2, &k), 0);
	assert_int_equal(k, 0);
	assert_errno(skey_iske(sk, size, &k), -EFAULT);
	assert_int_equal(machine_destroy(m), 0);
}

/* ---- ISKE --------------------------------------------------------------- */

static void test_iske_ignores_low_bits_and_outside_is_efault(void **state)
{
	struct fixture *f = *state;
	uint8_t k = 0x55;

	set_key(f, 0x7000, 0x5e);
	/* Bits 52-63 of the address are ignored: any byte of the frame. */
	assert_int_equal(key_at(f, 0x7000), 0x5e);
	assert_int_equal(key_at(f, 0x7abc), 0x5e);
	assert_int_equal(key_at(f, 0x7fff), 0x5e);
	assert_int_equal(key_at(f, 0x6fff), 0);
	assert_int_equal(key_at(f, 0x8000), 0);

	assert_errno(skey_iske(f->sk, STORAGE_SIZE, &k), -EFAULT);
	assert_errno(skey_iske(f->sk, UINT64_MAX, &k), -EFAULT);
	assert_int_equal(k, 0x55);
	assert_errno(skey_iske(NULL, 0, &k), -EINVAL);
	assert_errno(skey_iske(f->sk, 0, NULL), -EINVAL);
	assert_int_equal(skey_frames(NULL), 0);
}

/* ---- SSKE --------------------------------------------------------------- */

static void test_sske_sets_key_and_ignores_bit_63(void **state)
{
	struct fixture *f = *state;
	struct skey_sske_result r;

	memset(&r, 0xaa, sizeof(r));
	/* R1 bits 56-63 = 0x37: key 0x36, bit 63 ignored. */
	assert_int_equal(skey_sske(f->sk, 0x9123, 0x37, 0, &r), 0);
	CHECK_OK(f->m);
	assert_int_equal(key_at(f, 0x9000), 0x36);
	assert_int_equal(r.cc, SKEY_CC_UNCHANGED);
	assert_false(r.r1_set);
	assert_hex_equal(r.next, 0x9123);
	/* Neighbours untouched. */
	assert_int_equal(key_at(f, 0x8fff), 0);
	assert_int_equal(key_at(f, 0xa000), 0);
	/* The whole key, R and C included, is replaced. */
	assert_int_equal(skey_sske(f->sk, 0x9000, 0x00, 0, &r), 0);
	assert_int_equal(key_at(f, 0x9000), 0x00);
	/* NQ alone behaves as an ordinary SSKE on a one-CPU-at-a-time machine. */
	assert_int_equal(skey_sske(f->sk, 0x9000, 0x96, SSKE_NQ, &r), 0);
	assert_int_equal(key_at(f, 0x9000), 0x96);
	assert_int_equal(r.cc, SKEY_CC_UNCHANGED);
	CHECK_OK(f->m);
}

static void test_sske_errors_change_nothing(void **state)
{
	struct fixture *f = *state;
	struct skey_sske_result r = { 7, true, 0x11, 0x22 };

	assert_errno(skey_sske(f->sk, STORAGE_SIZE, 0x10, 0, &r), -EFAULT);
	assert_errno(skey_sske(f->sk, UINT64_MAX, 0x10, SSKE_MB, &r), -EFAULT);
	assert_errno(skey_sske(f->sk, 0, 0x10, 0x10, &r), -EINVAL);
	assert_errno(skey_sske(NULL, 0, 0x10, 0, &r), -EINVAL);
	assert_int_equal(r.cc, 7);
	assert_int_equal(key_at(f, 0), 0);
	assert_int_equal(key_at(f, STORAGE_SIZE - 4096), 0);
}

/* MR = MC = 1: only ACC and F are compared. */
static void test_sske_conditional_mr_mc(void **state)
{
	struct fixture *f = *state;
	struct skey_sske_result r;

	set_key(f, 0x4000, 0xa6); /* ACC 10, F 0, R 1, C 1 */
	/* Same ACC/F, different R/C: not set, cc 0, old key to R1 bits 48-55. */
	assert_int_equal(skey_sske(f->sk, 0x4000, 0xa0, SSKE_MR | SSKE_MC, &r), 0);
	CHECK_OK(f->m);
	assert_int_equal(r.cc, 0);
	assert_true(r.r1_set);
	assert_int_equal(r.old_key, 0xa6);
	assert_int_equal(key_at(f, 0x4000), 0xa6);
	/* Different ACC: the entire key is set (R and C from R1 too), cc 1. */
	assert_int_equal(skey_sske(f->sk, 0x4000, 0xb0, SSKE_MR | SSKE_MC, &r), 0);
	CHECK_OK(f->m);
	assert_int_equal(r.cc, 1);
	assert_true(r.r1_set);
	assert_int_equal(r.old_key, 0xa6);
	assert_int_equal(key_at(f, 0x4000), 0xb0);
	/* Different F only: set, cc 1. */
	assert_int_equal(skey_sske(f->sk, 0x4000, 0xb8, SSKE_MR | SSKE_MC, &r), 0);
	assert_int_equal(r.cc, 1);
	assert_int_equal(r.old_key, 0xb0);
	assert_int_equal(key_at(f, 0x4000), 0xb8);
	/* NQ does not change the comparison. */
	assert_int_equal(skey_sske(f->sk, 0x4000, 0xbe, SSKE_NQ | SSKE_MR | SSKE_MC, &r), 0);
	assert_int_equal(r.cc, 0);
	assert_int_equal(key_at(f, 0x4000), 0xb8);
}

/* One mask bit zero: that bit takes part in the comparison. */
static void test_sske_conditional_one_mask_bit(void **state)
{
	struct fixture *f = *state;
	struct skey_sske_result r;

	set_key(f, 0x4000, 0x34); /* ACC 3, R 1, C 0 */
	/* MR only (C compared): C equal, R differs → not set. */
	assert_int_equal(skey_sske(f->sk, 0x4000, 0x30, SSKE_MR, &r), 0);
	assert_int_equal(r.cc, 0);
	assert_int_equal(key_at(f, 0x4000), 0x34);
	/* MR only: C differs → set entirely. */
	assert_int_equal(skey_sske(f->sk, 0x4000, 0x32, SSKE_MR, &r), 0);
	assert_int_equal(r.cc, 1);
	assert_int_equal(r.old_key, 0x34);
	assert_int_equal(key_at(f, 0x4000), 0x32);
	/* MC only (R compared): R equal (0), C differs → not set. */
	assert_int_equal(skey_sske(f->sk, 0x4000, 0x30, SSKE_MC, &r), 0);
	assert_int_equal(r.cc, 0);
	assert_int_equal(key_at(f, 0x4000), 0x32);
	/* MC only: R differs → set. */
	assert_int_equal(skey_sske(f->sk, 0x4000, 0x34, SSKE_MC, &r), 0);
	assert_int_equal(r.cc, 1);
	assert_int_equal(r.old_key, 0x32);
	assert_int_equal(key_at(f, 0x4000), 0x34);
	CHECK_OK(f->m);
}

/* MB (EDAT-1): every frame from the operand's to the next 1 MB boundary. */
static void test_sske_multiple_block(void **state)
{
	struct fixture *f = *state;
	struct skey_sske_result r;

	set_key(f, 0x2fe000, 0x10);
	assert_int_equal(skey_sske(f->sk, 0x2fe00d, 0x54, SSKE_MB, &r), 0);
	CHECK_OK(f->m);
	assert_hex_equal(r.next, 0x300000);
	assert_int_equal(r.cc, SKEY_CC_UNCHANGED);
	assert_false(r.r1_set);
	assert_int_equal(key_at(f, 0x2fd000), 0);
	assert_int_equal(key_at(f, 0x2fe000), 0x54);
	assert_int_equal(key_at(f, 0x2ff000), 0x54);
	assert_int_equal(key_at(f, 0x300000), 0);

	/* From a block start: all 256 frames. */
	assert_int_equal(skey_sske(f->sk, 0x400000, 0x20, SSKE_MB, &r), 0);
	assert_hex_equal(r.next, 0x500000);
	for (uint64_t a = 0x400000; a < 0x500000; a += 4096)
		assert_int_equal(key_at(f, a), 0x20);
	assert_int_equal(key_at(f, 0x3ff000), 0);
	assert_int_equal(key_at(f, 0x500000), 0);

	/* With MR/MC: cc 3, R1 unpredictable (not reported), each frame conditional. */
	set_key(f, 0x400000, 0x26); /* same ACC/F as 0x20, R/C on: not set */
	assert_int_equal(skey_sske(f->sk, 0x4ff000, 0x20, SSKE_MB | SSKE_MR | SSKE_MC, &r), 0);
	assert_int_equal(r.cc, 3);
	assert_false(r.r1_set);
	assert_int_equal(skey_sske(f->sk, 0x400000, 0xc0, SSKE_MB | SSKE_MR | SSKE_MC, &r), 0);
	assert_int_equal(r.cc, 3);
	assert_hex_equal(r.next, 0x500000);
	assert_int_equal(key_at(f, 0x400000), 0xc0);
	assert_int_equal(key_at(f, 0x4ff000), 0xc0);
	CHECK_OK(f->m);
}

/* A 1 MB block that extends past the end of storage: -EFAULT, nothing set. */
static void test_sske_multiple_block_past_end(void **state)
{
	struct fixture *f = *state;
	struct skey_sske_result r = { 5, false, 0, 0 };

	assert_errno(skey_sske(f->sk, STORAGE_SIZE, 0x70, SSKE_MB, &r), -EFAULT);
	assert_int_equal(r.cc, 5);
	assert_int_equal(key_at(f, STORAGE_SIZE), 0);
	assert_int_equal(key_at(f, STORAGE_SIZE + 0xf000), 0);
	/* The single-frame form works there. */
	assert_int_equal(skey_sske(f->sk, STORAGE_SIZE + 0xf000, 0x70, 0, &r), 0);
	assert_int_equal(key_at(f, STORAGE_SIZE + 0xf000), 0x70);
	CHECK_OK(f->m);
}

/* ---- RRBE --------------------------------------------------------------- */

static void test_rrbe_condition_codes(void **state)
{
	struct fixture *f = *state;
	/* key before → cc (R, C) and key after (R cleared, rest kept). */
	static const struct {
		uint8_t before, cc, after;
	} cases[] = {
		{ 0x58, 0, 0x58 }, /* R 0, C 0 */
		{ 0x5a, 1, 0x5a }, /* R 0, C 1 */
		{ 0x5c, 2, 0x58 }, /* R 1, C 0 */
		{ 0x5e, 3, 0x5a }, /* R 1, C 1 */
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		set_key(f, 0x6000, cases[i].before);
		assert_int_equal(skey_rrbe(f->sk, 0x6fff), cases[i].cc);
		CHECK_OK(f->m);
		assert_int_equal(key_at(f, 0x6000), cases[i].after);
		/* A second RRBE sees R = 0. */
		assert_int_equal(skey_rrbe(f->sk, 0x6000), cases[i].cc & 1);
	}
	assert_errno(skey_rrbe(f->sk, STORAGE_SIZE), -EFAULT);
	assert_errno(skey_rrbe(NULL, 0), -EINVAL);
}

/* ---- recording ---------------------------------------------------------- */

static void test_record_api(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(skey_record(f->sk, 0x10ff0, 0x20, false), 0);
	assert_int_equal(key_at(f, 0x10000), 0x04);
	assert_int_equal(key_at(f, 0x11000), 0x04);
	assert_int_equal(key_at(f, 0x12000), 0);
	assert_int_equal(skey_record(f->sk, 0x11000, 1, true), 0);
	assert_int_equal(key_at(f, 0x11000), 0x06);
	assert_int_equal(skey_record(f->sk, 0x20000, 0, true), 0);
	assert_int_equal(key_at(f, 0x20000), 0);
	/* Any byte outside storage: nothing recorded. */
	assert_errno(skey_record(f->sk, STORAGE_SIZE - 4096, 4097, true), -EFAULT);
	assert_int_equal(key_at(f, STORAGE_SIZE - 4096), 0);
	assert_errno(skey_record(f->sk, UINT64_MAX, 2, true), -EFAULT);
	assert_errno(skey_record(NULL, 0, 1, true), -EINVAL);
	CHECK_OK(f->m);
}

/* A fetch sets R, a store R and C, in the absolute frame (DAT off). */
static void test_cpu_access_records_reference_and_change(void **state)
{
	struct fixture *f = *state;
	uint8_t buf[16] = { 1, 2, 3 };

	set_psw(f->cpu, PSW64, 0x2000);
	assert_int_equal(cpu_access(f->cpu, 0x300100, buf, 8, DAT_FETCH, 4, NULL), 0);
	CHECK_OK(f->m);
	assert_int_equal(key_at(f, 0x300000), 0x04);
	assert_int_equal(cpu_access(f->cpu, 0x301100, buf, 8, DAT_IFETCH, 4, NULL), 0);
	assert_int_equal(key_at(f, 0x301000), 0x04);
	assert_int_equal(cpu_access(f->cpu, 0x302100, buf, 8, DAT_STORE, 4, NULL), 0);
	CHECK_OK(f->m);
	assert_int_equal(key_at(f, 0x302000), 0x06);
	/* An operand across a boundary records both frames. */
	assert_int_equal(cpu_access(f->cpu, 0x303ff8, buf, 16, DAT_STORE, 4, NULL), 0);
	assert_int_equal(key_at(f, 0x303000), 0x06);
	assert_int_equal(key_at(f, 0x304000), 0x06);
	assert_int_equal(key_at(f, 0x305000), 0);
	/* Recording ORs: ACC and F stay, RRBE then sees R = 1, C = 1. */
	set_key(f, 0x306000, 0x38);
	assert_int_equal(cpu_access(f->cpu, 0x306000, buf, 1, DAT_STORE, 4, NULL), 0);
	assert_int_equal(key_at(f, 0x306000), 0x3e);
	assert_int_equal(skey_rrbe(f->sk, 0x306000), 3);
	/* Real address 0x100 is absolute prefix + 0x100: CPU 0's prefix is 0. */
	assert_int_equal(cpu_access(f->cpu, 0x100, buf, 4, DAT_FETCH, 4, NULL), 0);
	assert_int_equal(key_at(f, 0), 0x04);
}

/* Prefixing: the key is the absolute frame's, not the real one's. */
static void test_cpu_access_records_absolute_frame(void **state)
{
	struct fixture *f = *state;
	uint8_t buf[4] = { 0 };

	assert_int_equal(storage_reserve_lowcore(f->st, 0x200000), 0);
	assert_int_equal(cpu_set_prefix(f->cpu, 0x200000), 0);
	set_psw(f->cpu, PSW64, 0x2000);
	assert_int_equal(cpu_access(f->cpu, 0x1100, buf, 4, DAT_STORE, 4, NULL), 0);
	CHECK_OK(f->m);
	assert_int_equal(key_at(f, 0x201000), 0x06);
	assert_int_equal(key_at(f, 0x1000), 0);
	/* And real 0x200000.. is absolute 0.. */
	assert_int_equal(cpu_access(f->cpu, 0x200010, buf, 4, DAT_FETCH, 4, NULL), 0);
	assert_int_equal(key_at(f, 0), 0x04);
	assert_int_equal(key_at(f, 0x200000), 0);
}

/*
 * DAT on: the data frame is recorded, the segment and page tables the walk
 * fetched are not (reference recording for table entries is not required;
 * libgmap does not do it).  A failed access records nothing.
 */
static void test_cpu_access_dat_records_data_frame_only(void **state)
{
	struct fixture *f = *state;
	uint64_t pto, asce, frame = new_frame(f->st);
	uint8_t buf[8] = { 0 };

	asce = new_space(f->st, &pto);
	map_page(f->st, pto, 0x5000, frame);
	assert_int_equal(cpu_set_cr(f->cpu, 1, asce), 0);
	set_psw(f->cpu, PSW64 | PSW_DAT, 0x2000);
	assert_int_equal(cpu_access(f->cpu, 0x5010, buf, 8, DAT_STORE, 4, NULL), 0);
	CHECK_OK(f->m);
	assert_int_equal(key_at(f, frame), 0x06);
	assert_int_equal(key_at(f, asce & ~0xfffULL), 0);
	assert_int_equal(key_at(f, pto), 0);
	/* Page 6 is invalid: 0x11, nothing recorded for page 5 either. */
	assert_int_equal(skey_rrbe(f->sk, frame), 3);
	assert_int_equal(skey_sske(f->sk, frame, 0, 0, NULL), 0);
	set_psw(f->cpu, PSW64 | PSW_DAT, 0x2000);
	assert_pic(cpu_access(f->cpu, 0x5ffc, buf, 8, DAT_FETCH, 4, NULL), 0x11);
	CHECK_OK(f->m);
	assert_int_equal(key_at(f, frame), 0);
}

/*
 * The SIE-style guest access records R/C in the frame the process mapping
 * gives; so do the process's own accesses (mm_read/mm_write).
 */
static void test_gmap_sie_access_records(void **state)
{
	struct fixture *f = *state;
	uint64_t vm = 4ULL << 20, out = 0;
	struct mm_struct *mm = NULL;
	struct dat_result r;
	struct gmap *g;
	char buf[8] = "guest";

	assert_int_equal(mm_create(f->m, MM_PGSTE, &mm), 0);
	g = gmap_alloc(mm);
	assert_non_null(g);
	assert_int_equal(mm_mmap(mm, vm, 2ULL << 20, MM_PROT_READ | MM_PROT_WRITE, MM_MAP_FIXED,
				 &out), 0);
	assert_int_equal(gmap_map_segment(g, vm, 0, 2ULL << 20), 0);
	/* The process's own access (copy_to_user) records too. */
	assert_int_equal(mm_write(mm, vm + 0x3000, buf, 4), 0);
	CHECK_OK(f->m);
	assert_int_equal(mm_translate(mm, vm + 0x3000, DAT_FETCH, &r), 0);
	assert_int_equal(key_at(f, r.aaddr), 0x06);
	assert_int_equal(mm_read(mm, vm + 0x4000, buf, 4), 0);
	assert_int_equal(mm_translate(mm, vm + 0x4000, DAT_FETCH, &r), 0);
	assert_int_equal(key_at(f, r.aaddr), 0x04);
	gmap_enable(g);
	CHECK_OK(f->m);
	assert_int_equal(gmap_sie_access(f->m, 0x1010, buf, 6, true, &r), 0);
	CHECK_OK(f->m);
	assert_int_equal(gmap_sie_access(f->m, 0x100ff0, buf, 8, false, &r), 0);
	CHECK_OK(f->m);
	/* Find the frames through the gmap's tables, as the guest would. */
	set_psw(f->cpu, PSW64 | PSW_DAT, 0);
	assert_int_equal(cpu_set_cr(f->cpu, 1, g->asce), 0);
	assert_int_equal(cpu_translate(f->cpu, 0x1010, DAT_FETCH, &r), 0);
	assert_int_equal(key_at(f, r.aaddr), 0x06);
	assert_int_equal(cpu_translate(f->cpu, 0x100ff0, DAT_FETCH, &r), 0);
	assert_int_equal(key_at(f, r.aaddr), 0x04);
	set_psw(f->cpu, PSW64, 0);
	gmap_disable(g);
	gmap_free(g);
	assert_int_equal(mm_destroy(mm), 0);
	CHECK_OK(f->m);
}

/* ---- key-controlled protection ------------------------------------------ */

/* PSW key 0 (the default) matches every storage key. */
static void test_protection_psw_key_zero_matches_all(void **state)
{
	struct fixture *f = *state;
	uint8_t buf[4] = { 9, 9, 9, 9 };

	set_key(f, 0x300000, 0xf8); /* ACC 15, F 1 */
	set_psw(f->cpu, PSW64, 0x2000);
	assert_int_equal(cpu_access(f->cpu, 0x300000, buf, 4, DAT_STORE, 4, NULL), 0);
	assert_int_equal(cpu_access(f->cpu, 0x300000, buf, 4, DAT_FETCH, 4, NULL), 0);
	assert_int_equal(key_at(f, 0x300000), 0xfe);
}

/* Store: ACC must equal the PSW key; fetch too when F = 1. */
static void test_protection_store_and_fetch(void **state)
{
	struct fixture *f = *state;
	uint8_t buf[4] = { 0xaa, 0xbb, 0xcc, 0xdd }, in[4] = { 0 };
	struct dat_result r;

	st8(f->st, 0x301000, 0x1122334455667788ULL);
	assert_int_equal(cpu_lowcore_store(f->cpu, 0x1d0, 8, PSW64 | PSW_KEY(5)), 0);
	assert_int_equal(cpu_lowcore_store(f->cpu, 0x1d8, 8, 0x9000), 0);

	/* ACC 5 = PSW key 5: both allowed, F does not matter. */
	set_key(f, 0x300000, 0x58);
	set_psw(f->cpu, PSW64 | PSW_KEY(5), 0x2000);
	assert_int_equal(cpu_access(f->cpu, 0x300000, buf, 4, DAT_STORE, 4, NULL), 0);
	assert_int_equal(cpu_access(f->cpu, 0x300000, in, 4, DAT_FETCH, 4, NULL), 0);

	/* ACC 6, F 0: fetch allowed, store protected (suppressed, no R/C). */
	set_key(f, 0x301000, 0x60);
	assert_int_equal(cpu_access(f->cpu, 0x301004, in, 4, DAT_FETCH, 4, NULL), 0);
	assert_hex_equal(((uint64_t)in[0] << 24) | (in[1] << 16) | (in[2] << 8) | in[3],
			 0x55667788);
	assert_int_equal(key_at(f, 0x301000), 0x64);
	set_key(f, 0x301000, 0x60);
	assert_pic(cpu_access(f->cpu, 0x301004, buf, 4, DAT_STORE, 4, &r), 0x04);
	CHECK_OK(f->m);
	assert_true(r.teid_valid);
	assert_hex_equal(r.teid, 0x301408); /* page | store | code 010 | AS 0 */
	assert_hex_equal(ld(f->st, 0x8e, 2), 0x04);
	assert_hex_equal(ld(f->st, 0xa8, 8), 0x301408);
	/* Protection suppresses: the old PSW points past the instruction. */
	assert_hex_equal(ld(f->st, 0x158, 8), 0x2004);
	assert_hex_equal(cpu_get_psw(f->cpu).addr, 0x9000);
	assert_hex_equal(ld(f->st, 0x301000, 8), 0x1122334455667788ULL);
	assert_int_equal(key_at(f, 0x301000), 0x60);

	/* ACC 6, F 1: fetch and instruction fetch protected too. */
	set_key(f, 0x301000, 0x68);
	set_psw(f->cpu, PSW64 | PSW_KEY(5), 0x2000);
	assert_pic(cpu_access(f->cpu, 0x301004, in, 4, DAT_FETCH, 4, &r), 0x04);
	assert_hex_equal(r.teid, 0x301808);
	set_psw(f->cpu, PSW64 | PSW_KEY(5), 0x2000);
	assert_pic(cpu_access(f->cpu, 0x301000, in, 2, DAT_IFETCH, 2, &r), 0x04);
	assert_hex_equal(r.teid, 0x301808);
	assert_int_equal(key_at(f, 0x301000), 0x68);
	CHECK_OK(f->m);
}

/* An operand whose second page is protected stores nothing on the first. */
static void test_protection_cross_page_suppresses_all(void **state)
{
	struct fixture *f = *state;
	uint8_t buf[16];
	struct dat_result r;

	memset(buf, 0xee, sizeof(buf));
	set_key(f, 0x310000, 0x50);
	set_key(f, 0x311000, 0x70);
	set_psw(f->cpu, PSW64 | PSW_KEY(5), 0x2000);
	assert_pic(cpu_access(f->cpu, 0x310ff8, buf, 16, DAT_STORE, 6, &r), 0x04);
	CHECK_OK(f->m);
	assert_hex_equal(r.teid, 0x311408);
	assert_hex_equal(ld(f->st, 0x310ff8, 8), 0);
	assert_int_equal(key_at(f, 0x310000), 0x50);
	assert_int_equal(key_at(f, 0x311000), 0x70);
}

/* CR0.38: fetches at effective 0-2047 are not fetch-protected. */
static void test_protection_fetch_override(void **state)
{
	struct fixture *f = *state;
	uint8_t in[16];
	struct dat_result r;

	set_key(f, 0, 0x08); /* ACC 0, F 1 */
	set_psw(f->cpu, PSW64 | PSW_KEY(3), 0x2000);
	assert_pic(cpu_access(f->cpu, 0x100, in, 8, DAT_FETCH, 4, &r), 0x04);
	assert_hex_equal(r.teid, 0x808);
	assert_int_equal(cpu_set_cr(f->cpu, 0, CR0_FPO), 0);
	set_psw(f->cpu, PSW64 | PSW_KEY(3), 0x2000);
	assert_int_equal(cpu_access(f->cpu, 0x100, in, 8, DAT_FETCH, 4, NULL), 0);
	assert_int_equal(cpu_access(f->cpu, 0x7f8, in, 8, DAT_FETCH, 4, NULL), 0);
	/* A piece that reaches 2048 is fetch-protected, and so is 2048 itself. */
	assert_pic(cpu_access(f->cpu, 0x7f8, in, 9, DAT_FETCH, 4, &r), 0x04);
	set_psw(f->cpu, PSW64 | PSW_KEY(3), 0x2000);
	assert_pic(cpu_access(f->cpu, 0x800, in, 1, DAT_FETCH, 4, &r), 0x04);
	/* Stores are not overridden. */
	set_psw(f->cpu, PSW64 | PSW_KEY(3), 0x2000);
	assert_pic(cpu_access(f->cpu, 0x100, in, 8, DAT_STORE, 4, &r), 0x04);
	assert_hex_equal(r.teid, 0x408);
	CHECK_OK(f->m);
}

/* Under DAT the override applies to effective addresses unless private. */
static void test_protection_fetch_override_dat_private_space(void **state)
{
	struct fixture *f = *state;
	uint64_t pto, asce, frame = new_frame(f->st);
	uint8_t in[8];
	struct dat_result r;

	asce = new_space(f->st, &pto);
	map_page(f->st, pto, 0, frame);
	map_page(f->st, pto, 0x3000, frame);
	set_key(f, frame, 0x28); /* ACC 2, F 1 */
	assert_int_equal(cpu_set_cr(f->cpu, 0, CR0_FPO), 0);
	assert_int_equal(cpu_set_cr(f->cpu, 1, asce), 0);
	set_psw(f->cpu, PSW64 | PSW_DAT | PSW_KEY(4), 0x2000);
	/* Effective 0x10 is overridden; effective 0x3010, same frame, is not. */
	assert_int_equal(cpu_access(f->cpu, 0x10, in, 8, DAT_FETCH, 4, NULL), 0);
	assert_pic(cpu_access(f->cpu, 0x3010, in, 8, DAT_FETCH, 4, &r), 0x04);
	assert_hex_equal(r.teid, 0x3808);
	/* Private space (ASCE bit 55): no override. */
	assert_int_equal(cpu_set_cr(f->cpu, 1, asce | 0x100), 0);
	set_psw(f->cpu, PSW64 | PSW_DAT | PSW_KEY(4), 0x2000);
	assert_pic(cpu_access(f->cpu, 0x10, in, 8, DAT_FETCH, 4, &r), 0x04);
	assert_hex_equal(r.teid, 0x808);
	CHECK_OK(f->m);
}

/* CR0.39: ACC 9 is accessible with every PSW key. */
static void test_protection_storage_override(void **state)
{
	struct fixture *f = *state;
	uint8_t buf[4] = { 1, 2, 3, 4 };
	struct dat_result r;

	set_key(f, 0x320000, 0x98); /* ACC 9, F 1 */
	set_key(f, 0x321000, 0x88); /* ACC 8, F 1 */
	set_psw(f->cpu, PSW64 | PSW_KEY(5), 0x2000);
	assert_pic(cpu_access(f->cpu, 0x320000, buf, 4, DAT_STORE, 4, &r), 0x04);
	assert_int_equal(cpu_set_cr(f->cpu, 0, CR0_SPO), 0);
	set_psw(f->cpu, PSW64 | PSW_KEY(5), 0x2000);
	assert_int_equal(cpu_access(f->cpu, 0x320000, buf, 4, DAT_STORE, 4, NULL), 0);
	assert_int_equal(cpu_access(f->cpu, 0x320000, buf, 4, DAT_FETCH, 4, NULL), 0);
	assert_int_equal(key_at(f, 0x320000), 0x9e);
	assert_pic(cpu_access(f->cpu, 0x321000, buf, 4, DAT_FETCH, 4, &r), 0x04);
	assert_hex_equal(r.teid, 0x321808);
	CHECK_OK(f->m);
}

/*
 * Order: LAP (before DAT), DAT exceptions and DAT protection come first;
 * key-controlled protection is recognised after translation.
 */
static void test_protection_after_lap_and_dat(void **state)
{
	struct fixture *f = *state;
	uint64_t pto, asce, frame = new_frame(f->st), frame2 = new_frame(f->st);
	uint8_t buf[8] = { 0 };
	struct dat_result r;

	asce = new_space(f->st, &pto);
	map_page(f->st, pto, 0, frame);
	map_page(f->st, pto, 0x4000, frame2 | 0x200); /* PTE P: DAT-protected */
	set_key(f, frame, 0x70);
	set_key(f, frame2, 0x70);
	assert_int_equal(cpu_set_cr(f->cpu, 0, CR0_LAP), 0);
	assert_int_equal(cpu_set_cr(f->cpu, 1, asce), 0);

	/* LAP: code 100 (0x80), not 010. */
	set_psw(f->cpu, PSW64 | PSW_DAT | PSW_KEY(5), 0x2000);
	assert_pic(cpu_access(f->cpu, 0x100, buf, 8, DAT_STORE, 4, &r), 0x04);
	assert_hex_equal(r.teid, 0x480);
	/* Past LAP's 512 bytes: key-controlled. */
	set_psw(f->cpu, PSW64 | PSW_DAT | PSW_KEY(5), 0x2000);
	assert_pic(cpu_access(f->cpu, 0x300, buf, 8, DAT_STORE, 4, &r), 0x04);
	assert_hex_equal(r.teid, 0x408);
	/* DAT protection: code 001 (0x04). */
	set_psw(f->cpu, PSW64 | PSW_DAT | PSW_KEY(5), 0x2000);
	assert_pic(cpu_access(f->cpu, 0x4000, buf, 8, DAT_STORE, 4, &r), 0x04);
	assert_hex_equal(r.teid, 0x4404);
	/* Invalid PTE: 0x11 even though the key would also protect. */
	set_psw(f->cpu, PSW64 | PSW_DAT | PSW_KEY(5), 0x2000);
	assert_pic(cpu_access(f->cpu, 0x8000, buf, 8, DAT_STORE, 4, &r), 0x11);
	assert_hex_equal(r.teid, 0x8400);
	/* Secondary space: AS bits 2 in the key-controlled TEID. */
	assert_int_equal(cpu_set_cr(f->cpu, 7, asce), 0);
	set_psw(f->cpu, PSW64 | PSW_DAT | PSW_KEY(5) | (2ULL << 46), 0x2000);
	assert_pic(cpu_access(f->cpu, 0x300, buf, 8, DAT_STORE, 4, &r), 0x04);
	assert_hex_equal(r.teid, 0x40a);
	/* The matching key passes. */
	set_psw(f->cpu, PSW64 | PSW_DAT | PSW_KEY(7), 0x2000);
	assert_int_equal(cpu_access(f->cpu, 0x300, buf, 8, DAT_STORE, 4, NULL), 0);
	CHECK_OK(f->m);
}

static void test_skey_check_direct(void **state)
{
	struct fixture *f = *state;

	set_key(f, 0x9000, 0x48); /* ACC 4, F 1 */
	assert_int_equal(skey_check(f->sk, 0x9000, 0, true, 0), 0);
	assert_int_equal(skey_check(f->sk, 0x9000, 4, true, 0), 0);
	assert_int_equal(skey_check(f->sk, 0x9000, 5, true, 0), 1);
	assert_int_equal(skey_check(f->sk, 0x9000, 5, false, 0), 1);
	assert_int_equal(skey_check(f->sk, 0x9000, 5, false, SKEY_FETCH_PROT_OVERRIDE), 0);
	assert_int_equal(skey_check(f->sk, 0x9000, 5, true, SKEY_FETCH_PROT_OVERRIDE), 1);
	assert_int_equal(skey_check(f->sk, 0x9000, 5, true, SKEY_STORAGE_PROT_OVERRIDE), 1);
	assert_errno(skey_check(f->sk, 0x9000, 16, true, 0), -EINVAL);
	assert_errno(skey_check(NULL, 0x9000, 1, true, 0), -EINVAL);
	assert_errno(skey_check(f->sk, STORAGE_SIZE, 1, true, 0), -EFAULT);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
#define TT(fn) cmocka_unit_test_setup_teardown(fn, setup_tlb, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_skey_zero_after_machine_creation),
		T(test_skey_create_errors_and_allocation_failure),
		cmocka_unit_test(test_skey_terabyte_storage),
		T(test_iske_ignores_low_bits_and_outside_is_efault),
		T(test_sske_sets_key_and_ignores_bit_63),
		T(test_sske_errors_change_nothing),
		T(test_sske_conditional_mr_mc),
		T(test_sske_conditional_one_mask_bit),
		T(test_sske_multiple_block),
		cmocka_unit_test_setup_teardown(test_sske_multiple_block_past_end, setup_ragged,
						teardown),
		T(test_rrbe_condition_codes),
		T(test_record_api),
		T(test_cpu_access_records_reference_and_change),
		T(test_cpu_access_records_absolute_frame),
		T(test_cpu_access_dat_records_data_frame_only),
		TT(test_cpu_access_dat_records_data_frame_only),
		T(test_gmap_sie_access_records),
		T(test_protection_psw_key_zero_matches_all),
		T(test_protection_store_and_fetch),
		T(test_protection_cross_page_suppresses_all),
		T(test_protection_fetch_override),
		T(test_protection_fetch_override_dat_private_space),
		TT(test_protection_fetch_override_dat_private_space),
		T(test_protection_storage_override),
		T(test_protection_after_lap_and_dat),
		TT(test_protection_after_lap_and_dat),
		T(test_skey_check_direct),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
