// SPDX-License-Identifier: MIT
/*
 * The kernel's storage-key functions (arch/s390/mm/pgtable.c:
 * set_guest_storage_key, get_guest_storage_key, reset_guest_reference_bit,
 * s390_enable_skey) over the harness's key model: one key per 4 KB frame
 * (ACC 0xf0, F 0x08, R 0x04, C 0x02), changed only by the trapped SSKE /
 * ISKE / RRBE and by accesses (R on any, C on a store).  Expected values
 * follow the Principles of Operation: SSKE sets ACC, F, R, C from the
 * operand; RRBE clears R and reports (R, C) before as cc 0..3.
 */
#include "ktest.h"

#define VA (1ULL << 32)

static uint64_t frame_of(struct kfx *fx, uint64_t vmaddr)
{
	struct dat_result r;

	assert_int_equal(mm_translate(fx->h->mm, vmaddr, DAT_FETCH, &r), 0);
	return r.aaddr & ~0xfffULL;
}

static void test_enable_skey_resets_present_keys(void **state)
{
	struct kfx *fx = kstart(state);
	uint8_t b = 1;

	assert_int_equal(kh_mmap(fx->h, VA, MB, PROT_RW), 0);
	assert_int_equal(kh_proc_write(fx->h, VA, &b, 1), 0);
	/* the write set R and C of the frame */
	assert_int_equal(kh_skey(fx->h, frame_of(fx, VA)), 0x06);
	assert_int_equal(khk_uses_skeys(fx->h->kmm), 0);
	unsigned sske = fx->h->traps[KH_TRAP_SSKE];

	assert_int_equal(khk_enable_skey(), 0);
	assert_int_equal(khk_uses_skeys(fx->h->kmm), 1);
	/* every present page gets the default key 0 by SSKE */
	assert_true(fx->h->traps[KH_TRAP_SSKE] > sske);
	assert_int_equal(kh_skey(fx->h, frame_of(fx, VA)), 0);
	KCHECK(fx);
}

static void test_set_get_reset_on_a_present_page(void **state)
{
	struct kfx *fx = kstart(state);
	struct kh_gmap *g = kfx_gmap(fx, (1ULL << 44) - 1);
	uint8_t b = 1, key = 0xff;
	uint64_t f;
	int frc;

	assert_int_equal(kh_mmap(fx->h, VA, MB, PROT_RW), 0);
	assert_int_equal(khk_gmap_map_segment(g, VA, 0, MB), 0);
	assert_int_equal(kh_proc_write(fx->h, VA, &b, 1), 0);
	assert_int_equal(khk_enable_skey(), 0);
	f = frame_of(fx, VA);
	/* ACC 3, F: the frame's key by SSKE, R and C clear */
	assert_int_equal(khk_set_guest_storage_key(fx->h->kmm, VA, 0x38, 0), 0);
	assert_int_equal(kh_skey(fx->h, f), 0x38);
	assert_int_equal(khk_get_guest_storage_key(fx->h->kmm, VA, &key), 0);
	assert_int_equal(key, 0x38);
	KCHECK(fx);
	/* a guest store: R and C are set, the guest sees them */
	assert_int_equal(kh_sie_access(fx->h, g, 1, 0x10, &b, 1, true, &frc), 0);
	assert_int_equal(kh_skey(fx->h, f), 0x3e);
	assert_int_equal(khk_get_guest_storage_key(fx->h->kmm, VA, &key), 0);
	assert_int_equal(key, 0x3e);
	/* RRBE: R was 1 and C 1 → cc 3; R is clear afterwards, C stays */
	assert_int_equal(khk_reset_guest_reference_bit(fx->h->kmm, VA), 3);
	assert_int_equal(kh_skey(fx->h, f) & 0x04, 0);
	assert_int_equal(khk_get_guest_storage_key(fx->h->kmm, VA, &key), 0);
	assert_int_equal(key, 0x3a);
	/* a second reset: R already clear, the guest still sees C */
	assert_int_equal(khk_reset_guest_reference_bit(fx->h->kmm, VA), 1);
	assert_true(fx->h->traps[KH_TRAP_RRBE] >= 2);
	assert_true(fx->h->traps[KH_TRAP_ISKE] >= 1);
	KCHECK(fx);
}

static void test_key_of_a_missing_page_lives_in_the_pgste(void **state)
{
	struct kfx *fx = kstart(state);
	uint8_t b = 1, key = 0xff;

	assert_int_equal(kh_mmap(fx->h, VA, MB, PROT_RW), 0);
	assert_int_equal(khk_enable_skey(), 0);
	/* no page table yet: key 0 is accepted, any other key is -EFAULT */
	assert_int_equal(khk_set_guest_storage_key(fx->h->kmm, VA + 5 * PG, 0, 0), 0);
	assert_int_equal(khk_set_guest_storage_key(fx->h->kmm, VA + 5 * PG, 0x50, 0), -EFAULT);
	assert_int_equal(khk_get_guest_storage_key(fx->h->kmm, VA + 5 * PG, &key), 0);
	assert_int_equal(key, 0);
	/* a table (another page of the segment), but page 5 absent: the key
	 * is kept in the pgste ... */
	assert_int_equal(kh_proc_write(fx->h, VA, &b, 1), 0);
	assert_int_equal(khk_set_guest_storage_key(fx->h->kmm, VA + 5 * PG, 0x50, 0), 0);
	assert_int_equal(khk_get_guest_storage_key(fx->h->kmm, VA + 5 * PG, &key), 0);
	assert_int_equal(key, 0x50);
	KCHECK(fx);
	/* ... and lands on the frame when the page is faulted in (the pte
	 * store goes through the pgste exchange, which applies it by SSKE) */
	assert_int_equal(kh_proc_write(fx->h, VA + 5 * PG, &b, 1), 0);
	assert_int_equal(kh_skey(fx->h, frame_of(fx, VA + 5 * PG)) & 0xf8, 0x50);
	KCHECK(fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_enable_skey_resets_present_keys, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_set_get_reset_on_a_present_page, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_key_of_a_missing_page_lives_in_the_pgste, kfx_setup, kfx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
