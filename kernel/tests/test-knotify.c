// SPDX-License-Identifier: MIT
/*
 * The kernel's pte notifier (gmap_register_pte_notifier +
 * gmap_mprotect_notify, gmap-semantics §3.2/§3.4) as KVM uses it for the
 * two prefix pages: arm, a process pte change fires the notifier with the
 * guest range of that page, the notify bit is then gone, re-arm, fires
 * again.  The process's pte changes are libgmap mm operations, routed
 * through the kernel's pgste exchange (ptep_xchg_direct).
 */
#include "ktest.h"

#define VA (1ULL << 32)
#define PREFIX 0x10000ULL
#define PGSTE_IN 0x0000400000000000ULL /* pgste bit 17, IPTE-notify (PGSTE_IN_BIT) */

static uint64_t pgste_of(struct kfx *fx, uint64_t vmaddr)
{
	uint64_t pto, v;

	assert_int_equal(mm_pte_table(fx->h->mm, vmaddr, false, &pto), 0);
	/* the pgste of pte i is 2 KB after it */
	assert_int_equal(storage_load8(machine_storage(fx->h->m),
				       pto + ((vmaddr >> 12) & 0xff) * 8 + 2048, &v), 0);
	return v;
}

static struct kh_gmap *prefix_setup(struct kfx *fx)
{
	struct kh_gmap *g = kfx_gmap(fx, (1ULL << 44) - 1);

	assert_int_equal(kh_mmap(fx->h, VA, MB, PROT_RW), 0);
	assert_int_equal(khk_gmap_map_segment(g, VA, 0, MB), 0);
	khk_notifier_reset();
	khk_notifier_register();
	return g;
}

static void test_notifier_fires_on_pte_change_and_rearms(void **state)
{
	struct kfx *fx = kstart(state);
	struct kh_gmap *g = prefix_setup(fx);
	uint64_t s, e;
	uint8_t b = 1;
	int frc;

	/* kvm_s390_handle_requests: arm both prefix pages, PROT_WRITE */
	assert_int_equal(khk_gmap_mprotect_notify(g, PREFIX, 2 * PG, khk_prot(0, 1)), 0);
	KCHECK(fx);
	assert_true(pgste_of(fx, VA + PREFIX) & PGSTE_IN);
	assert_true(pgste_of(fx, VA + PREFIX + PG) & PGSTE_IN);
	assert_false(pgste_of(fx, VA + PREFIX + 2 * PG) & PGSTE_IN);
	/* using the pages changes no pte: no notification */
	assert_int_equal(kh_sie_access(fx->h, g, 0, PREFIX + 8, &b, 1, true, &frc), 0);
	assert_int_equal(kh_proc_write(fx->h, VA + PREFIX + PG, &b, 1), 0);
	assert_int_equal(khk_notifier_calls(NULL, NULL), 0);

	/* the process write-protects the first prefix page */
	assert_int_equal(kh_mprotect(fx->h, VA + PREFIX, PG, MM_PROT_READ), 0);
	KCHECK(fx);
	assert_int_equal(khk_notifier_calls(&s, &e), 1);
	assert_int_equal(s, PREFIX);
	assert_int_equal(e, PREFIX + PG - 1);
	assert_false(pgste_of(fx, VA + PREFIX) & PGSTE_IN);
	/* further changes of a disarmed page are silent */
	assert_int_equal(kh_mprotect(fx->h, VA + PREFIX, PG, PROT_RW), 0);
	assert_int_equal(khk_notifier_calls(NULL, NULL), 1);

	/* re-arm (the request handler runs again), then lose the second page */
	assert_int_equal(khk_gmap_mprotect_notify(g, PREFIX, 2 * PG, khk_prot(0, 1)), 0);
	assert_int_equal(kh_munmap(fx->h, VA + PREFIX + PG, PG), 0);
	KCHECK(fx);
	assert_int_equal(khk_notifier_calls(&s, &e), 2);
	assert_int_equal(s, PREFIX + PG);
	assert_int_equal(e, PREFIX + 2 * PG - 1);
	/* a page outside the armed range never notifies */
	assert_int_equal(kh_proc_write(fx->h, VA + 0x40000, &b, 1), 0);
	assert_int_equal(kh_mprotect(fx->h, VA + 0x40000, PG, MM_PROT_READ), 0);
	assert_int_equal(khk_notifier_calls(NULL, NULL), 2);
	khk_notifier_unregister();
	KCHECK(fx);
}

static void test_mprotect_notify_faults_pages_in_writable(void **state)
{
	struct kfx *fx = kstart(state);
	struct kh_gmap *g = prefix_setup(fx);
	struct dat_result r;

	/* nothing is mapped yet: arming faults both pages in, writable */
	assert_int_not_equal(mm_translate(fx->h->mm, VA + PREFIX, DAT_FETCH, &r), 0);
	assert_int_equal(khk_gmap_mprotect_notify(g, PREFIX, 2 * PG, khk_prot(0, 1)), 0);
	assert_int_equal(mm_translate(fx->h->mm, VA + PREFIX, DAT_STORE, &r), 0);
	assert_int_equal(mm_translate(fx->h->mm, VA + PREFIX + PG, DAT_STORE, &r), 0);
	KCHECK(fx);
	/* misaligned arguments */
	assert_int_equal(khk_gmap_mprotect_notify(g, PREFIX + 1, PG, khk_prot(0, 1)), -EINVAL);
	assert_int_equal(khk_gmap_mprotect_notify(g, PREFIX, PG + 1, khk_prot(0, 1)), -EINVAL);
	/* a guest range the gmap does not map cannot be armed */
	assert_int_equal(khk_gmap_mprotect_notify(g, 5 * MB, PG, khk_prot(0, 1)), -EFAULT);
	/* a read-only VMA cannot be armed for write */
	assert_int_equal(kh_mprotect(fx->h, VA + 0x80000, PG, MM_PROT_READ), 0);
	assert_int_equal(khk_gmap_mprotect_notify(g, 0x80000, PG, khk_prot(0, 1)), -EFAULT);
	khk_notifier_unregister();
	KCHECK(fx);
}

static void test_read_table_reads_guest_doubleword(void **state)
{
	struct kfx *fx = kstart(state);
	struct kh_gmap *g = prefix_setup(fx);
	/* big-endian bytes of 0x1122334455667788 */
	uint8_t be[8] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 };
	uint64_t val = 0;
	int frc;

	khk_notifier_unregister();
	/* not linked yet: it faults the page in (fresh, zero) and links */
	val = 0xdead;
	assert_int_equal(khk_gmap_read_table(g, 0x100, &val), 0);
	assert_int_equal(val, 0);
	KCHECK(fx);
	/* a guest range the gmap does not map */
	assert_int_equal(khk_gmap_read_table(g, 5 * MB, &val), -EFAULT);
	assert_int_equal(kh_sie_access(fx->h, g, 1, 0x100, be, 8, true, &frc), 0);
	assert_int_equal(khk_gmap_read_table(g, 0x100, &val), 0);
	assert_int_equal(val, 0x1122334455667788ULL);
	KCHECK(fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_notifier_fires_on_pte_change_and_rearms, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_mprotect_notify_faults_pages_in_writable, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_read_table_reads_guest_doubleword, kfx_setup, kfx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
