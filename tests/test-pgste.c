/* SPDX-License-Identifier: MIT */
/*
 * Tests of lib/pgste.c: PGSTE notification bits (IN bit 17 = 0x0000400000000000,
 * VSIE bit 18 = 0x0000200000000000, gmap-semantics §2.5), ptep_force_prot()
 * and the notification of any change of an armed pte (Linux 4.8 ptep_notify
 * path): the values asserted are the pte encodings of dat-reference §5
 * (I 0x400, P 0x200) and the calls the notifier receives.
 */
#include "gmap-test.h"

#include <stdlib.h>

#include "gmap/check.h"
#include "gmap/machine.h"
#include "gmap/mm.h"
#include "gmap/pgste.h"
#include "gmap/storage.h"

#define VM (4 * GB)

struct pfx {
	struct gm_machine *m;
	struct gm_storage *st;
	struct mm_struct *mm;
	unsigned calls;
	uint64_t vmaddr, bits, ptep;
};

/* mm->pte_notifier has no opaque argument; the test's fixture is found through the mm. */
static struct pfx *current_fx;

static void notified(struct mm_struct *mm, uint64_t vmaddr, uint64_t ptep, uint64_t bits)
{
	struct pfx *f = current_fx;

	assert_ptr_equal(mm, f->mm);
	f->calls++;
	f->vmaddr = vmaddr;
	f->ptep = ptep;
	f->bits = bits;
}

static int setup(void **state)
{
	struct gm_machine_config cfg = { .storage_size = 64 * MB, .ncpus = 1 };
	struct pfx *f = calloc(1, sizeof(*f));
	uint64_t addr = 0;

	assert_non_null(f);
	assert_int_equal(machine_create(&cfg, &f->m), 0);
	f->st = machine_storage(f->m);
	assert_int_equal(mm_create(f->m, MM_PGSTE, &f->mm), 0);
	assert_int_equal(mm_mmap(f->mm, VM, 4 * PAGE_SIZE, MM_PROT_READ | MM_PROT_WRITE, MM_MAP_FIXED,
				 &addr),
			 0);
	f->mm->pte_notifier = notified;
	current_fx = f;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct pfx *f = *state;

	assert_int_equal(mm_destroy(f->mm), 0);
	assert_int_equal(machine_destroy(f->m), 0);
	free(f);
	current_fx = NULL;
	return 0;
}

static uint64_t ptep_of(struct pfx *f, uint64_t vmaddr)
{
	uint64_t pto = 0;

	assert_int_equal(mm_pte_table(f->mm, vmaddr, false, &pto), 0);
	return pto + DAT_PX(vmaddr) * 8;
}

static uint64_t ld(struct pfx *f, uint64_t a)
{
	uint64_t v = 0;

	assert_int_equal(storage_load8(f->st, a, &v), 0);
	return v;
}

static void check_clean(struct pfx *f)
{
	struct check_report rep = { 0 };

	assert_int_equal(check_machine(f->m, &rep), 0);
	check_report_free(&rep);
}

static void force_prot_read_protects_and_arms_without_notifying(void **state)
{
	struct pfx *f = *state;
	uint8_t b = 1;
	uint64_t ptep, pgste = 0;

	assert_int_equal(mm_write(f->mm, VM, &b, 1), 0);
	ptep = ptep_of(f, VM);
	assert_int_equal(ptep_force_prot(f->mm, VM, MM_PROT_READ, PGSTE_VSIE_BIT), 0);
	assert_hex_equal(ld(f, ptep) & 0x600, 0x200); /* valid, protected */
	assert_int_equal(pgste_get(f->mm, ptep, &pgste), 0);
	assert_hex_equal(pgste, PGSTE_VSIE_BIT);
	assert_int_equal(f->calls, 0);
	check_clean(f);
	/* The process writes: the write fault makes it writable and notifies once. */
	assert_int_equal(mm_write(f->mm, VM + 8, &b, 1), 0);
	assert_int_equal(f->calls, 1);
	assert_hex_equal(f->vmaddr, VM);
	assert_hex_equal(f->ptep, ptep);
	assert_hex_equal(f->bits, PGSTE_VSIE_BIT);
	assert_int_equal(pgste_get(f->mm, ptep, &pgste), 0);
	assert_hex_equal(pgste, 0);
	assert_hex_equal(ld(f, ptep) & 0x600, 0);
	assert_int_equal(mm_write(f->mm, VM + 16, &b, 1), 0);
	assert_int_equal(f->calls, 1);
	check_clean(f);
}

static void force_prot_none_invalidates_and_keeps_the_frame(void **state)
{
	struct pfx *f = *state;
	uint8_t b = 7, r = 0;
	uint64_t ptep, frame;

	assert_int_equal(mm_write(f->mm, VM + PAGE_SIZE, &b, 1), 0);
	ptep = ptep_of(f, VM + PAGE_SIZE);
	frame = ld(f, ptep) & PAGE_MASK;
	assert_int_equal(ptep_force_prot(f->mm, VM + PAGE_SIZE, MM_PROT_NONE, PGSTE_IN_BIT), 0);
	assert_hex_equal(ld(f, ptep), frame | 0x400);
	assert_int_equal(f->calls, 0);
	/* Any access faults it back in: the change notifies with the IN bit. */
	assert_int_equal(mm_read(f->mm, VM + PAGE_SIZE, &r, 1), 0);
	assert_int_equal(r, 7);
	assert_int_equal(f->calls, 1);
	assert_hex_equal(f->bits, PGSTE_IN_BIT);
	assert_hex_equal(ld(f, ptep), frame);
	check_clean(f);
}

static void munmap_and_mprotect_of_an_armed_pte_notify(void **state)
{
	struct pfx *f = *state;
	uint8_t b = 1;

	assert_int_equal(mm_write(f->mm, VM + 2 * PAGE_SIZE, &b, 1), 0);
	assert_int_equal(mm_write(f->mm, VM + 3 * PAGE_SIZE, &b, 1), 0);
	assert_int_equal(ptep_force_prot(f->mm, VM + 2 * PAGE_SIZE, MM_PROT_READ | MM_PROT_WRITE,
					 PGSTE_IN_BIT),
			 0);
	assert_int_equal(ptep_force_prot(f->mm, VM + 3 * PAGE_SIZE, MM_PROT_READ, PGSTE_VSIE_BIT), 0);
	assert_int_equal(mm_mprotect(f->mm, VM + 2 * PAGE_SIZE, PAGE_SIZE, MM_PROT_READ), 0);
	assert_int_equal(f->calls, 1);
	assert_hex_equal(f->vmaddr, VM + 2 * PAGE_SIZE);
	assert_int_equal(mm_munmap(f->mm, VM + 3 * PAGE_SIZE, PAGE_SIZE), 0);
	assert_int_equal(f->calls, 2);
	assert_hex_equal(f->vmaddr, VM + 3 * PAGE_SIZE);
	assert_hex_equal(f->bits, PGSTE_VSIE_BIT);
	check_clean(f);
}

static void force_prot_asks_for_a_fault_when_the_pte_cannot_take_it(void **state)
{
	struct pfx *f = *state;
	uint8_t b = 0;

	/* Never touched: no page table yet, then no frame. */
	assert_errno(ptep_force_prot(f->mm, VM, MM_PROT_READ, PGSTE_VSIE_BIT), -EAGAIN);
	assert_int_equal(mm_read(f->mm, VM + PAGE_SIZE, &b, 1), 0);
	assert_errno(ptep_force_prot(f->mm, VM, MM_PROT_READ, PGSTE_VSIE_BIT), -EAGAIN);
	/* Read-only and asked to stay writable: the caller must write-fault first. */
	assert_int_equal(mm_mprotect(f->mm, VM, 4 * PAGE_SIZE, MM_PROT_READ), 0);
	assert_errno(ptep_force_prot(f->mm, VM + PAGE_SIZE, MM_PROT_READ | MM_PROT_WRITE,
				     PGSTE_IN_BIT),
		     -EAGAIN);
	assert_errno(ptep_force_prot(f->mm, VM + PAGE_SIZE, MM_PROT_READ, 1), -EINVAL);
	assert_errno(ptep_force_prot(NULL, VM, MM_PROT_READ, PGSTE_IN_BIT), -EINVAL);
	assert_errno(pgste_get(f->mm, VM, NULL), -EINVAL);
	check_clean(f);
}

static void tables_without_pgstes_have_no_notification(void **state)
{
	struct pfx *f = *state;
	struct mm_struct *plain = NULL;
	uint64_t addr = 0, pto = 0;
	uint8_t b = 1;

	assert_int_equal(mm_create(f->m, 0, &plain), 0);
	assert_int_equal(mm_mmap(plain, VM, PAGE_SIZE, MM_PROT_READ | MM_PROT_WRITE, MM_MAP_FIXED,
				 &addr),
			 0);
	assert_int_equal(mm_write(plain, VM, &b, 1), 0);
	assert_errno(ptep_force_prot(plain, VM, MM_PROT_READ, PGSTE_IN_BIT), -EINVAL);
	assert_int_equal(mm_pte_table(plain, VM, false, &pto), 0);
	assert_errno(pgste_get(plain, pto, &addr), -EINVAL);
	assert_int_equal(mm_destroy(plain), 0);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(force_prot_read_protects_and_arms_without_notifying),
		T(force_prot_none_invalidates_and_keeps_the_frame),
		T(munmap_and_mprotect_of_an_armed_pte_notify),
		T(force_prot_asks_for_a_fault_when_the_pte_cannot_take_it),
		T(tables_without_pgstes_have_no_notification),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
