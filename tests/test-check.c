/* SPDX-License-Identifier: MIT */
/*
 * Tests of lib/check.c: zero violations on healthy states, and each kind of
 * violation found when the state is corrupted on purpose (then repaired so
 * teardown frees a consistent machine).
 */
#include <stdlib.h>
#include <string.h>

#include "gmap-test.h"
#include "gmap/libgmap.h"
#include "storage-internal.h"


struct fx {
	struct gm_machine *m;
	struct gm_storage *st;
	struct mm_struct *mm;
	struct gmap *gmap;
	uint64_t vm;      /* a 2 MB read/write VMA */
	uint64_t ste;     /* guest STE of segment 0: linked to the table of vm */
	uint64_t pto;     /* that page table */
	struct check_report rep;
};

static uint64_t ld8(struct fx *f, uint64_t aaddr)
{
	uint64_t v = 0;

	assert_int_equal(storage_load8(f->st, aaddr, &v), 0);
	return v;
}

static void st8(struct fx *f, uint64_t aaddr, uint64_t v)
{
	assert_int_equal(storage_store8(f->st, aaddr, v), 0);
}

static uint64_t guest_ste_addr(struct fx *f, uint64_t gaddr)
{
	uint64_t table = f->gmap->table;
	const unsigned shift[] = { 53, 42, 31 };

	for (int i = 0; i < 3; i++)
		table = ld8(f, table + ((gaddr >> shift[i]) & 0x7ff) * 8) & ~0xfffULL;
	return table + ((gaddr >> 20) & 0x7ff) * 8;
}

static int run(struct fx *f)
{
	return check_machine(f->m, &f->rep);
}

static bool has_inv(struct fx *f, unsigned inv)
{
	for (unsigned i = 0; i < f->rep.n; i++)
		if (f->rep.v[i].inv == inv && f->rep.v[i].msg[0])
			return true;
	return false;
}

static void assert_finds(struct fx *f, unsigned inv)
{
	int n = run(f);

	assert_true(n > 0);
	if (!has_inv(f, inv)) {
		for (unsigned i = 0; i < f->rep.n; i++)
			print_error("  inv %u: %s\n", f->rep.v[i].inv, f->rep.v[i].msg);
		fail_msg("invariant %u (%s) not reported", inv, check_inv_name(inv));
	}
}

static void assert_clean(struct fx *f)
{
	int n = run(f);

	for (unsigned i = 0; i < f->rep.n; i++)
		print_error("  inv %u: %s\n", f->rep.v[i].inv, f->rep.v[i].msg);
	assert_int_equal(n, 0);
}

static int setup(void **state)
{
	struct gm_machine_config cfg = { .storage_size = 128 * MB, .ncpus = 2,
					 .facilities = GM_FAC_IDTE, .tlb = false };
	struct fx *f = calloc(1, sizeof(*f));
	uint64_t pmd;

	assert_non_null(f);
	assert_int_equal(machine_create(&cfg, &f->m), 0);
	f->st = machine_storage(f->m);
	assert_int_equal(mm_create(f->m, MM_PGSTE, &f->mm), 0);
	f->gmap = gmap_alloc(f->mm);
	assert_non_null(f->gmap);
	f->vm = 32 * MB;
	assert_int_equal(mm_mmap(f->mm, f->vm, 2 * MB, MM_PROT_READ | MM_PROT_WRITE, MM_MAP_FIXED,
				 NULL), 0);
	assert_int_equal(gmap_map_segment(f->gmap, f->vm, 0, 2 * MB), 0);
	assert_int_equal(mm_write(f->mm, f->vm + 0x1000, "abc", 3), 0);
	assert_int_equal(gmap_fault(0, f->gmap), f->vm);
	assert_int_equal(mm_pmd(f->mm, f->vm, false, &pmd), 0);
	f->pto = ld8(f, pmd) & ~0xfffULL;
	f->ste = guest_ste_addr(f, 0);
	assert_hex_equal(ld8(f, f->ste), f->pto);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	assert_clean(f); /* every test repaired what it broke */
	check_report_free(&f->rep);
	gmap_free(f->gmap);
	assert_int_equal(mm_destroy(f->mm), 0);
	assert_int_equal(machine_destroy(f->m), 0);
	free(f);
	return 0;
}

/* ---- healthy states ------------------------------------------------------ */

static void test_check_healthy_states(void **state)
{
	struct fx *f = *state;
	struct gmap *g2;
	struct gm_machine *m;
	struct gm_machine_config cfg = { .storage_size = 16 * MB, .ncpus = 1 };
	struct check_report rep = { 0 };

	assert_clean(f);
	/* A second gmap sharing the table, an enabled gmap, a non-pgste mm. */
	g2 = gmap_alloc(f->mm);
	assert_non_null(g2);
	assert_int_equal(gmap_map_segment(g2, f->vm, 5 * TB, 2 * MB), 0);
	assert_int_equal(gmap_fault(5 * TB + MB, g2), f->vm + MB);
	assert_int_equal(gmap_fault(5 * TB, g2), f->vm);
	gmap_enable(g2);
	assert_clean(f);
	gmap_disable(g2);
	gmap_free(g2);
	assert_clean(f);

	/* An empty machine. */
	assert_int_equal(machine_create(&cfg, &m), 0);
	assert_int_equal(check_machine(m, &rep), 0);
	assert_int_equal(rep.n, 0);
	check_report_free(&rep);
	assert_int_equal(machine_destroy(m), 0);
}

static void test_check_rejects_null(void **state)
{
	struct fx *f = *state;
	struct check_report rep = { 0 };

	assert_errno(check_machine(NULL, &rep), -EINVAL);
	assert_errno(check_machine(f->m, NULL), -EINVAL);
	assert_string_equal(check_inv_name(5), "rmap exactness");
	assert_string_equal(check_inv_name(999), "unknown invariant");
	check_report_free(NULL);
}

/* ---- gmap invariants ------------------------------------------------------ */

static void test_check_finds_bad_asce(void **state)
{
	struct fx *f = *state;

	f->gmap->asce ^= 0x4; /* DT R2 instead of R1 */
	assert_finds(f, 1);
	f->gmap->asce ^= 0x4;
}

static void test_check_finds_bad_ste_value(void **state)
{
	struct fx *f = *state;
	uint64_t sa = guest_ste_addr(f, MB), old = ld8(f, sa);

	st8(f, sa, 0x123);                 /* none of the three states */
	assert_finds(f, 3);
	st8(f, sa, 0x220 | (4 * TB));      /* MAPPED beyond the 4 TB process limit */
	assert_finds(f, 3);
	st8(f, sa, old);
}

/*
 * The checker reads only populated entries (the storage census): a bad
 * entry planted by any raw store far from the two populated STEs of the
 * segment table — or in an otherwise empty region-third table slot — is
 * still found, because every store keeps the census exact.
 */
static void test_check_finds_planted_entry_in_sparse_table(void **state)
{
	struct fx *f = *state;
	uint64_t sa = guest_ste_addr(f, 1500 * MB), r3 = f->mm->pgd + 2000 * 8, old;
	uint8_t bytes[8] = { 0, 0, 0, 0, 0, 0, 0x01, 0x23 };
	struct gm_cpu *cpu = machine_cpu(f->m, 0);

	assert_hex_equal(ld8(f, sa), GMAP_STE_EMPTY);
	assert_clean(f);
	st8(f, sa, 0x123);                                 /* storage_store8 */
	assert_finds(f, 3);
	st8(f, sa, GMAP_STE_EMPTY);
	assert_clean(f);
	assert_int_equal(storage_store(f->st, sa + 4, 4, 0x123), 0); /* a word of it */
	assert_finds(f, 3);
	assert_int_equal(storage_store(f->st, sa + 7, 1, 0x20), 0);  /* one byte: 0x120 */
	assert_finds(f, 3);
	assert_int_equal(storage_store(f->st, sa + 6, 1, 0), 0);     /* back to 0x20 */
	assert_clean(f);
	assert_int_equal(storage_write(f->st, sa, bytes, 8), 0);     /* storage_write */
	assert_finds(f, 3);
	assert_int_equal(storage_fill(f->st, sa, 0, 8), 0);          /* storage_fill: 0 is */
	assert_finds(f, 3);                                          /* none of the states */
	st8(f, sa, GMAP_STE_EMPTY);
	old = GMAP_STE_EMPTY;
	assert_int_equal(tlb_csp(cpu, sa, 8, &old, 0x123, false), 0); /* CSPG */
	assert_finds(f, 3);
	st8(f, sa, GMAP_STE_EMPTY);
	assert_clean(f);

	/* An empty slot of the process region-third table given the wrong type. */
	assert_hex_equal(ld8(f, r3), _REGION3_ENTRY_EMPTY);
	st8(f, r3, _SEGMENT_ENTRY_EMPTY);
	assert_finds(f, CHECK_INV_MM_TABLES);
	st8(f, r3, _REGION3_ENTRY_EMPTY);
	assert_int_equal(check_machine_full(f->m, &f->rep), 0);
}

/* check_machine_full() recounts the census and reports where it is wrong. */
static void test_check_full_verifies_census(void **state)
{
	struct fx *f = *state;
	uint64_t sa = guest_ste_addr(f, MB), bit = 1ULL << ((sa >> 3) & 63);

	assert_int_equal(check_machine_full(f->m, &f->rep), 0);
	/* A populated STE the census lost (possible only by writing the
	 * bookkeeping itself): the fast check cannot see it, the full one does. */
	assert_true(f->st->pop[sa >> 9] & bit);
	f->st->pop[sa >> 9] &= ~bit;
	assert_true(check_machine_full(f->m, &f->rep) > 0);
	assert_true(has_inv(f, CHECK_INV_STORAGE));
	f->st->pop[sa >> 9] |= bit;
	assert_int_equal(check_machine_full(f->m, &f->rep), 0);
}

static void test_check_finds_link_to_non_table(void **state)
{
	struct fx *f = *state;
	uint64_t sa = guest_ste_addr(f, MB), old = ld8(f, sa), frame;

	assert_int_equal(storage_alloc(f->st, STORAGE_FRAME, &frame), 0);
	st8(f, sa, frame);                 /* LINKED to a data frame */
	assert_finds(f, 4);
	st8(f, sa, old);
	assert_int_equal(storage_free(f->st, frame), 0);
}

static void test_check_finds_missing_and_extra_rmap(void **state)
{
	struct fx *f = *state;
	struct gmap_pgtable *mp = mm_pgtable(f->mm, f->pto);
	struct gmap_rmap *r = LIST_FIRST(&mp->mapper), extra = { .entry = 0 };

	/* The linked STE has no rmap. */
	LIST_REMOVE(r, list);
	mp->nr_mappers--;
	assert_finds(f, 5);
	/* An rmap twice. */
	LIST_INSERT_HEAD(&mp->mapper, r, list);
	extra.entry = r->entry;
	LIST_INSERT_HEAD(&mp->mapper, &extra, list);
	mp->nr_mappers += 2;
	assert_finds(f, 5);
	/* An rmap naming an STE that does not link the table. */
	extra.entry = guest_ste_addr(f, MB);
	assert_finds(f, 5);
	LIST_REMOVE(&extra, list);
	mp->nr_mappers--;
	/* A wrong mapper count. */
	mp->nr_mappers++;
	assert_finds(f, 5);
	mp->nr_mappers--;
}

static void test_check_finds_stale_link_after_process_change(void **state)
{
	struct fx *f = *state;
	uint64_t pmd, old;

	/* The process STE no longer points at the table the guest links. */
	assert_int_equal(mm_pmd(f->mm, f->vm, false, &pmd), 0);
	old = ld8(f, pmd);
	st8(f, pmd, 0x20);
	assert_finds(f, 4);
	st8(f, pmd, old);
}

static void test_check_finds_region_and_crst_list_errors(void **state)
{
	struct fx *f = *state;
	uint64_t r1e = ld8(f, f->gmap->table);
	struct gmap_crst *c;

	st8(f, f->gmap->table, r1e ^ 0x3);          /* TL 0 */
	assert_finds(f, 2);
	st8(f, f->gmap->table, 0x2c);                /* R2/R3/segment tables unreachable: leak */
	assert_finds(f, 2);
	st8(f, f->gmap->table, r1e);
	c = LIST_FIRST(&f->gmap->crst_list);
	f->gmap->nr_crst++;                          /* count disagrees with the list */
	assert_finds(f, 2);
	f->gmap->nr_crst--;
	c->level ^= 1;                               /* listed at the wrong level */
	assert_finds(f, 2);
	c->level ^= 1;
}

static void test_check_finds_stray_lowcore_handle(void **state)
{
	struct fx *f = *state;
	struct gm_cpu *cpu1 = machine_cpu(f->m, 1);

	assert_int_equal(cpu_lowcore_store(cpu1, 0x370, 8, f->gmap->table + 0x4000), 0);
	assert_finds(f, 14);
	assert_int_equal(cpu_lowcore_store(cpu1, 0x370, 8, f->gmap->table), 0);
	assert_clean(f);
	assert_int_equal(cpu_lowcore_store(cpu1, 0x370, 8, 0), 0);
}

/* ---- process tables and descriptors --------------------------------------- */

static void test_check_finds_process_table_errors(void **state)
{
	struct fx *f = *state;
	struct gmap_pgtable *mp = mm_pgtable(f->mm, f->pto);
	uint64_t pmd, old, pte9;

	assert_int_equal(mm_pmd(f->mm, f->vm + 4 * MB, true, &pmd), 0); /* outside the VMA */
	old = ld8(f, pmd);
	assert_hex_equal(old, 0x20);
	st8(f, pmd, 0x21);                 /* invalid but not the empty value */
	assert_finds(f, CHECK_INV_MM_TABLES);
	st8(f, pmd, old);

	/* gmap_pgtable.vmaddr disagrees with the segment. */
	mp->vmaddr += MB;
	assert_finds(f, CHECK_INV_MM_TABLES);
	mp->vmaddr -= MB;

	/* A valid writable PTE in a read-only VMA, and one outside every VMA. */
	assert_int_equal(mm_mprotect(f->mm, f->vm, 0x10000, MM_PROT_READ), 0);
	assert_clean(f);
	old = ld8(f, f->pto + 1 * 8);
	assert_hex_equal(old & 0x400, 0);
	st8(f, f->pto + 1 * 8, old & ~0x200ULL);
	assert_finds(f, CHECK_INV_MM_TABLES);
	st8(f, f->pto + 1 * 8, old);
	assert_int_equal(mm_munmap(f->mm, f->vm + 0x9000, 0x1000), 0);
	assert_clean(f);
	pte9 = ld8(f, f->pto + 9 * 8);
	st8(f, f->pto + 9 * 8, old);       /* maps the frame of page 1 again, no VMA */
	assert_finds(f, CHECK_INV_MM_TABLES);
	st8(f, f->pto + 9 * 8, pte9);
}

static void test_check_finds_descriptor_errors(void **state)
{
	struct fx *f = *state;
	uint64_t old = ld8(f, f->pto + 1 * 8), frame, pmd, pmdv;

	/* A PTE naming a free frame. */
	assert_int_equal(storage_alloc(f->st, STORAGE_FRAME, &frame), 0);
	assert_int_equal(storage_free(f->st, frame), 0);
	st8(f, f->pto + 1 * 8, (old & 0xfffULL) | frame);
	assert_finds(f, CHECK_INV_STORAGE);
	st8(f, f->pto + 1 * 8, old);

	/* A process STE linking something that is not a pgste page table. */
	assert_int_equal(storage_alloc(f->st, STORAGE_FRAME, &frame), 0);
	assert_int_equal(mm_pmd(f->mm, f->vm + MB, false, &pmd), 0);
	pmdv = ld8(f, pmd);
	st8(f, pmd, frame);
	assert_finds(f, CHECK_INV_STORAGE);
	st8(f, pmd, pmdv);
	assert_int_equal(storage_free(f->st, frame), 0);

	/* A gmap region entry pointing at a table of the process. */
	old = ld8(f, f->gmap->table + 8);
	st8(f, f->gmap->table + 8, f->mm->pgd | 0x0f);
	assert_finds(f, 2);
	st8(f, f->gmap->table + 8, old);
}

/* Process region entries of the wrong type or with bad TF/TL bits, and
 * process STEs of the wrong type: CHECK_INV_MM_TABLES (docs/gmap.md,
 * "process entries well formed"). */
static void test_check_finds_malformed_process_entries(void **state)
{
	struct fx *f = *state;
	uint64_t top = ld8(f, f->mm->pgd), pmd, ste, pte;

	assert_int_equal(top & _REGION_ENTRY_INVALID, 0);  /* entry 0 covers vm */
	st8(f, f->mm->pgd, top ^ _REGION_ENTRY_TYPE_MASK);  /* another TT */
	assert_finds(f, CHECK_INV_MM_TABLES);
	st8(f, f->mm->pgd, top | _REGION_ENTRY_OFFSET);     /* TF 3: not 0 as Linux writes */
	assert_finds(f, CHECK_INV_MM_TABLES);
	st8(f, f->mm->pgd, top);
	assert_clean(f);

	assert_int_equal(mm_pmd(f->mm, f->vm, false, &pmd), 0);
	ste = ld8(f, pmd);
	assert_hex_equal(ste, f->pto);
	st8(f, pmd, ste | _SEGMENT_ENTRY_LARGE);            /* FC 1 in the process */
	assert_finds(f, CHECK_INV_MM_TABLES);
	st8(f, pmd, ste);

	/* A valid PTE with bit 52 set (must be zero, PoP "page-table entry"). */
	pte = ld8(f, f->pto + 1 * 8);
	assert_int_equal(pte & _PAGE_INVALID, 0);
	st8(f, f->pto + 1 * 8, pte | _PAGE_ZERO);
	assert_finds(f, CHECK_INV_MM_TABLES);
	st8(f, f->pto + 1 * 8, pte);
}

/* Host-side links: a gmap whose mm pointer is another mm or whose mm has no
 * pgstes breaks invariant 1; gmaps without gmap_unmap_notifier break 6. */
static void test_check_finds_gmap_list_errors(void **state)
{
	struct fx *f = *state;
	struct mm_struct *other;

	assert_int_equal(mm_create(f->m, MM_PGSTE, &other), 0);
	f->gmap->mm = other;
	assert_finds(f, 1);
	f->gmap->mm = f->mm;

	f->mm->context.has_pgste = false;
	assert_finds(f, 1);
	f->mm->context.has_pgste = true;

	f->mm->unmap_notifier = NULL;
	assert_finds(f, 6);
	f->mm->unmap_notifier = gmap_unmap_notifier;
	assert_clean(f);
	assert_int_equal(mm_destroy(other), 0);
}

/* Every invariant has a title; 1-14 are gmap-semantics §4.A's. */
static void test_check_names_every_invariant(void **state)
{
	const char *key[] = { NULL, "top level", "region entries", "STE states",
			      "link consistency", "rmap", "free", "fault results",
			      "translation stability", "map/unmap", "gmap_free",
			      "pgste table", "TLB", "sharing", "enable/disable" };

	(void)state;
	for (unsigned i = 1; i <= 14; i++) {
		assert_non_null(strstr(check_inv_name(i), key[i]));
		for (unsigned j = 1; j < i; j++)
			assert_string_not_equal(check_inv_name(i), check_inv_name(j));
	}
	assert_non_null(strstr(check_inv_name(CHECK_INV_MM_TABLES), "process"));
	assert_non_null(strstr(check_inv_name(CHECK_INV_STORAGE), "frame"));
	assert_non_null(strstr(check_inv_name(CHECK_INV_TLB), "TLB"));
	assert_string_equal(check_inv_name(0), "unknown invariant");
	assert_string_equal(check_inv_name(15), "unknown invariant");
}

/* ---- the report ----------------------------------------------------------- */

static void test_check_truncates_and_never_mutates(void **state)
{
	struct fx *f = *state;
	struct check_report rep = { .cap = 2 };
	struct storage_stats a, b;
	uint64_t sgt = f->ste & ~0x3fffULL;
	uint64_t saved[8];

	for (unsigned i = 0; i < 8; i++) {
		saved[i] = ld8(f, sgt + (100 + i) * 8ULL);
		st8(f, sgt + (100 + i) * 8ULL, 0x777);
	}
	storage_stats(f->st, &a);
	assert_int_equal(check_machine(f->m, &rep), 2);
	assert_true(rep.truncated);
	assert_int_equal(rep.n, 2);
	assert_int_equal(rep.v[0].inv, 3);
	storage_stats(f->st, &b);
	assert_int_equal(a.frames_used, b.frames_used);
	assert_int_equal(a.host_objects, b.host_objects);
	assert_int_equal(a.allocs, b.allocs);
	for (unsigned i = 0; i < 8; i++) {
		assert_hex_equal(ld8(f, sgt + (100 + i) * 8ULL), 0x777);
		st8(f, sgt + (100 + i) * 8ULL, saved[i]);
	}
	/* The report is reusable. */
	assert_int_equal(check_machine(f->m, &rep), 0);
	assert_false(rep.truncated);
	check_report_free(&rep);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_check_healthy_states),
		T(test_check_rejects_null),
		T(test_check_finds_bad_asce),
		T(test_check_finds_bad_ste_value),
		T(test_check_finds_planted_entry_in_sparse_table),
		T(test_check_full_verifies_census),
		T(test_check_finds_link_to_non_table),
		T(test_check_finds_missing_and_extra_rmap),
		T(test_check_finds_stale_link_after_process_change),
		T(test_check_finds_region_and_crst_list_errors),
		T(test_check_finds_stray_lowcore_handle),
		T(test_check_finds_process_table_errors),
		T(test_check_finds_descriptor_errors),
		T(test_check_finds_malformed_process_entries),
		T(test_check_finds_gmap_list_errors),
		T(test_check_names_every_invariant),
		T(test_check_truncates_and_never_mutates),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
