/* SPDX-License-Identifier: MIT */
/*
 * Tests of lib/mm.c: the process address space as Linux s390 v3.1 builds
 * it.  Expected entry values come from the architecture (Principles of
 * Operation, "Dynamic Address Translation": entry formats) and the v3.1
 * constants of docs/gmap-semantics.md §2; table positions are computed
 * here from the virtual-address fields, independently of lib/mm.c.
 */
#include <stdlib.h>
#include <string.h>

#include "gmap-test.h"

#include "gmap/check.h"
#include "gmap/gmap.h"
#include "gmap/machine.h"
#include "gmap/mm.h"
#include "gmap/storage.h"
#include "gmap/tlb.h"

#define TEST_STORAGE (64ULL << 20)
#define EVLOG_MAX 16384

/* R3 (0x04) | TL 3 | space-switch, private, alt-event (0x1c0) */
#define ASCE_LOW_R3 0x1c7ULL
#define ASCE_LOW_R2 0x1cbULL
#define ASCE_LOW_R1 0x1cfULL

struct evlog {
	unsigned n;
	struct gm_event ev[EVLOG_MAX];
};

struct fx {
	struct gm_machine *m;
	struct gm_storage *st;
	struct mm_struct *mm;
	struct storage_stats base; /* before the mm existed */
	struct evlog *log;
};

static void ev_hook(void *opaque, const struct gm_event *ev)
{
	struct evlog *l = opaque;

	if (l->n < EVLOG_MAX)
		l->ev[l->n++] = *ev;
}

static int fx_setup(void **state, unsigned mmflags, unsigned facilities)
{
	struct gm_machine_config cfg = {
		.storage_size = TEST_STORAGE, .ncpus = 2, .facilities = facilities, .tlb = false
	};
	struct fx *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	f->log = calloc(1, sizeof(*f->log));
	if (!f->log || machine_create(&cfg, &f->m) != 0)
		return -1;
	f->st = machine_storage(f->m);
	machine_set_event_hook(f->m, ev_hook, f->log);
	storage_stats(f->st, &f->base);
	if (mm_create(f->m, mmflags, &f->mm) != 0)
		return -1;
	*state = f;
	return 0;
}

static int setup(void **state) { return fx_setup(state, 0, GM_FAC_IDTE); }
static int setup_pgste(void **state) { return fx_setup(state, MM_PGSTE, GM_FAC_IDTE); }
static int setup_noidte(void **state) { return fx_setup(state, 0, 0); }

static int setup_tlb(void **state)
{
	struct fx *f;

	if (fx_setup(state, 0, GM_FAC_IDTE) != 0)
		return -1;
	f = *state;
	/* rebuild the machine with a TLB model */
	assert_errno(mm_destroy(f->mm), 0);
	assert_errno(machine_destroy(f->m), 0);
	{
		struct gm_machine_config cfg = {
			.storage_size = TEST_STORAGE, .ncpus = 2, .facilities = GM_FAC_IDTE, .tlb = true
		};

		if (machine_create(&cfg, &f->m) != 0)
			return -1;
	}
	f->st = machine_storage(f->m);
	machine_set_event_hook(f->m, ev_hook, f->log);
	storage_stats(f->st, &f->base);
	return mm_create(f->m, 0, &f->mm);
}

static void assert_stats_equal(const struct storage_stats *a, const struct storage_stats *b)
{
	assert_int_equal(a->frames_used, b->frames_used);
	for (unsigned k = 0; k < STORAGE_KIND_COUNT; k++)
		assert_int_equal(a->by_kind[k], b->by_kind[k]);
	assert_int_equal(a->host_objects, b->host_objects);
	assert_int_equal(a->host_bytes, b->host_bytes);
}

/* Every test ends with the mm destroyed and storage back at its baseline. */
static int teardown(void **state)
{
	struct fx *f = *state;
	struct storage_stats now;

	if (f->mm)
		assert_errno(mm_destroy(f->mm), 0);
	storage_stats(f->st, &now);
	assert_stats_equal(&now, &f->base);
	assert_errno(machine_destroy(f->m), 0);
	free(f->log);
	free(f);
	return 0;
}

static uint64_t ld8(struct fx *f, uint64_t aaddr)
{
	uint64_t v = 0;

	assert_errno(storage_load8(f->st, aaddr, &v), 0);
	return v;
}

static void assert_checker_clean(struct fx *f)
{
	struct check_report rep = { 0 };
	int n = check_machine(f->m, &rep);

	for (unsigned i = 0; i < rep.n; i++)
		print_error("violation %u at 0x%llx: %s\n", rep.v[i].inv,
			    (unsigned long long)rep.v[i].where, rep.v[i].msg);
	check_report_free(&rep);
	assert_errno(n, 0);
}

/*
 * The architected walk, written out here: the entry of @level for @vmaddr,
 * starting at the top table of the ASCE type; returns 0 when an upper
 * entry is invalid.
 */
static uint64_t entry_addr(struct fx *f, uint64_t vmaddr, unsigned level)
{
	uint64_t asce = mm_asce(f->mm), table = asce & _ASCE_ORIGIN;
	unsigned top = (unsigned)((asce & _ASCE_TYPE_MASK) >> 2) + 1; /* R1 4, R2 3, R3 2 */
	static const unsigned shift[] = { 12, 20, 31, 42, 53 };

	for (unsigned l = top;; l--) {
		uint64_t idx = l == 0 ? (vmaddr >> 12) & 0xff : (vmaddr >> shift[l]) & 0x7ff;
		uint64_t e = table + idx * 8;

		if (l == level)
			return e;
		if (ld8(f, e) & 0x20) /* region/segment invalid bit (bit 58) */
			return 0;
		table = l == 1 ? ld8(f, e) & ~0x7ffULL : ld8(f, e) & ~0xfffULL;
	}
}

static uint64_t pte_of(struct fx *f, uint64_t vmaddr)
{
	uint64_t e = entry_addr(f, vmaddr, DAT_LEVEL_PTE);

	assert_true(e != 0);
	return ld8(f, e);
}

static unsigned count_events(struct fx *f, enum gm_event_type type, uint64_t a)
{
	unsigned n = 0;

	for (unsigned i = 0; i < f->log->n; i++)
		if (f->log->ev[i].type == type && f->log->ev[i].a == a)
			n++;
	return n;
}

static unsigned nvmas(struct fx *f)
{
	unsigned n = 0;

	for (struct vm_area_struct *v = mm_vma_first(f->mm); v; v = mm_vma_next(f->mm, v))
		n++;
	assert_int_equal(n, f->mm->map_count);
	return n;
}

static void assert_vma(struct fx *f, unsigned idx, uint64_t start, uint64_t end, unsigned prot)
{
	struct vm_area_struct *v = mm_vma_first(f->mm);

	while (v && idx--)
		v = mm_vma_next(f->mm, v);
	assert_non_null(v);
	assert_hex_equal(v->vm_start, start);
	assert_hex_equal(v->vm_end, end);
	assert_int_equal(v->vm_prot, prot);
}

#define RW (MM_PROT_READ | MM_PROT_WRITE)

/* ---- creation ------------------------------------------------------------ */

static void count_mm(void *opaque, struct mm_struct *mm)
{
	(void)mm;
	(*(unsigned *)opaque)++;
}

static void test_mm_create_region3_top(void **state)
{
	struct fx *f = *state;
	struct storage_stats now;
	struct mm_struct *mm2;
	unsigned n = 0;

	/* crst_table_init(table, _REGION3_ENTRY_EMPTY): 2048 entries of 0x24 */
	for (unsigned i = 0; i < 2048; i++)
		assert_hex_equal(ld8(f, f->mm->pgd + i * 8), 0x24);
	assert_hex_equal(f->mm->pgd & 0x3fff, 0);
	assert_hex_equal(mm_asce(f->mm), f->mm->pgd | ASCE_LOW_R3);
	assert_hex_equal(f->mm->asce_limit, 1ULL << 42);
	assert_int_equal(storage_kind_at(f->st, f->mm->pgd), STORAGE_CRST);
	storage_stats(f->st, &now);
	assert_int_equal(now.by_kind[STORAGE_CRST], f->base.by_kind[STORAGE_CRST] + 1);
	assert_int_equal(f->mm->nr_crst, 1);
	assert_int_equal(nvmas(f), 0);

	assert_errno(mm_create(f->m, 2, &mm2), -EINVAL);
	assert_errno(mm_create(NULL, 0, &mm2), -EINVAL);
	assert_errno(mm_create(f->m, 0, NULL), -EINVAL);
	storage_fail_after(f->st, 0);
	assert_errno(mm_create(f->m, 0, &mm2), -ENOMEM);
	storage_fail_after(f->st, 1);
	assert_errno(mm_create(f->m, 0, &mm2), -ENOMEM);
	storage_fail_after(f->st, -1);
	storage_stats(f->st, &now);
	assert_int_equal(now.by_kind[STORAGE_CRST], f->base.by_kind[STORAGE_CRST] + 1);

	/* registered on the machine: machine_destroy refuses while it lives */
	assert_errno(mm_create(f->m, MM_PGSTE, &mm2), 0);
	assert_true(mm2->context.has_pgste);
	assert_errno(machine_destroy(f->m), -EBUSY);
	machine_for_each_mm(f->m, count_mm, &n);
	assert_int_equal(n, 2);
	assert_errno(mm_destroy(mm2), 0);
	n = 0;
	machine_for_each_mm(f->m, count_mm, &n);
	assert_int_equal(n, 1);
	assert_errno(mm_destroy(NULL), 0);
	assert_checker_clean(f);
}

/* ---- VMAs ----------------------------------------------------------------- */

static void test_mm_mmap_hint_and_merge(void **state)
{
	struct fx *f = *state;
	uint64_t a = 0, b = 0, c = 0, d = 0;

	/* hint 0: the lowest gap at or above 1 MB */
	assert_errno(mm_mmap(f->mm, 0, 3 * PAGE_SIZE, RW, 0, &a), 0);
	assert_hex_equal(a, MB);
	/* same protection, adjacent: merged into one VMA */
	assert_errno(mm_mmap(f->mm, 0, 100, RW, 0, &b), 0);
	assert_hex_equal(b, MB + 3 * PAGE_SIZE);
	assert_int_equal(nvmas(f), 1);
	assert_vma(f, 0, MB, MB + 4 * PAGE_SIZE, RW);
	/* other protection: a second VMA */
	assert_errno(mm_mmap(f->mm, 0, PAGE_SIZE, MM_PROT_READ, 0, &c), 0);
	assert_hex_equal(c, MB + 4 * PAGE_SIZE);
	assert_int_equal(nvmas(f), 2);
	/* a hint inside a VMA moves above it; a misaligned hint rounds up */
	assert_errno(mm_mmap(f->mm, MB + 0x10, PAGE_SIZE, MM_PROT_EXEC, 0, &d), 0);
	assert_hex_equal(d, MB + 5 * PAGE_SIZE);
	assert_errno(mm_mmap(f->mm, 0x7000123, PAGE_SIZE, MM_PROT_EXEC, 0, &d), 0);
	assert_hex_equal(d, 0x7001000);
	assert_int_equal(nvmas(f), 4);
	assert_vma(f, 3, 0x7001000, 0x7002000, MM_PROT_EXEC);
	/* nothing is faulted by mmap */
	assert_int_equal(f->mm->rss, 0);
	assert_int_equal(f->mm->nr_ptes, 0);
	/* find_vma: containing, or the next one above */
	assert_hex_equal(mm_find_vma(f->mm, 0)->vm_start, MB);
	assert_hex_equal(mm_find_vma(f->mm, MB + 5 * PAGE_SIZE + 5)->vm_start, MB + 5 * PAGE_SIZE);
	assert_hex_equal(mm_find_vma(f->mm, MB + 6 * PAGE_SIZE)->vm_start, 0x7001000);
	assert_null(mm_find_vma(f->mm, 0x7002000));
	assert_checker_clean(f);
}

static void test_mm_mmap_errors(void **state)
{
	struct fx *f = *state;
	uint64_t out = 0x1234;

	assert_errno(mm_mmap(f->mm, MB, 0, RW, MM_MAP_FIXED, &out), -EINVAL);
	assert_errno(mm_mmap(f->mm, MB, 0, RW, 0, &out), -EINVAL);
	assert_errno(mm_mmap(f->mm, MB + 1, PAGE_SIZE, RW, MM_MAP_FIXED, &out), -EINVAL);
	/* wrapping: the end would pass 2^64 */
	assert_errno(mm_mmap(f->mm, 0xfffffffffff00000ULL, 2 * MB, RW, MM_MAP_FIXED, &out), -EINVAL);
	assert_errno(mm_mmap(f->mm, MB, UINT64_MAX, RW, 0, &out), -EINVAL);
	assert_errno(mm_mmap(f->mm, MB, PAGE_SIZE, 8, 0, &out), -EINVAL);
	assert_errno(mm_mmap(f->mm, MB, PAGE_SIZE, RW, 2, &out), -EINVAL);
	assert_errno(mm_mmap(NULL, MB, PAGE_SIZE, RW, 0, &out), -EINVAL);
	/* no room above the hint */
	assert_errno(mm_mmap(f->mm, 0xffffffffffff0000ULL, 0x20000, RW, 0, &out), -ENOMEM);
	assert_hex_equal(out, 0x1234);
	assert_int_equal(nvmas(f), 0);
	/* out may be NULL */
	assert_errno(mm_mmap(f->mm, 0, PAGE_SIZE, RW, 0, NULL), 0);
	assert_int_equal(nvmas(f), 1);
}

static void test_mm_munmap_split_and_errors(void **state)
{
	struct fx *f = *state;

	assert_errno(mm_mmap(f->mm, MB, 8 * PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	/* a hole in the middle splits the VMA */
	assert_errno(mm_munmap(f->mm, MB + 2 * PAGE_SIZE, 2 * PAGE_SIZE), 0);
	assert_int_equal(nvmas(f), 2);
	assert_vma(f, 0, MB, MB + 2 * PAGE_SIZE, RW);
	assert_vma(f, 1, MB + 4 * PAGE_SIZE, MB + 8 * PAGE_SIZE, RW);
	/* trimming both sides across the hole; len rounded up to a page */
	assert_errno(mm_munmap(f->mm, MB + PAGE_SIZE, 4 * PAGE_SIZE + 1), 0);
	assert_vma(f, 0, MB, MB + PAGE_SIZE, RW);
	assert_vma(f, 1, MB + 6 * PAGE_SIZE, MB + 8 * PAGE_SIZE, RW);
	/* holes are no error */
	assert_errno(mm_munmap(f->mm, 100 * MB, MB), 0);
	assert_errno(mm_munmap(f->mm, 0, 1ULL << 62), 0);
	assert_int_equal(nvmas(f), 0);
	/* errors */
	assert_errno(mm_munmap(f->mm, MB + 1, PAGE_SIZE), -EINVAL);
	assert_errno(mm_munmap(f->mm, MB, 0), -EINVAL);
	assert_errno(mm_munmap(f->mm, 0xfffffffffff00000ULL, 2 * MB), -EINVAL);
	assert_errno(mm_munmap(NULL, MB, PAGE_SIZE), -EINVAL);
	assert_checker_clean(f);
}

static void test_mm_mmap_fixed_replaces(void **state)
{
	struct fx *f = *state;
	uint8_t buf[3 * 4096], zero[4096];

	memset(buf, 0xa5, sizeof(buf));
	memset(zero, 0, sizeof(zero));
	assert_errno(mm_mmap(f->mm, MB, 3 * PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_write(f->mm, MB, buf, sizeof(buf)), 0);
	assert_int_equal(f->mm->rss, 3);
	/* MAP_FIXED over the middle page: old page unmapped, fresh zero page */
	assert_errno(mm_mmap(f->mm, MB + PAGE_SIZE, PAGE_SIZE, MM_PROT_READ, MM_MAP_FIXED, NULL), 0);
	assert_int_equal(nvmas(f), 3);
	assert_vma(f, 1, MB + PAGE_SIZE, MB + 2 * PAGE_SIZE, MM_PROT_READ);
	assert_int_equal(f->mm->rss, 2);
	assert_hex_equal(pte_of(f, MB + PAGE_SIZE), 0x400);
	assert_errno(mm_read(f->mm, MB + PAGE_SIZE, buf, PAGE_SIZE), 0);
	assert_memory_equal(buf, zero, PAGE_SIZE);
	assert_errno(mm_write(f->mm, MB + PAGE_SIZE, buf, 1), -EFAULT);
	/* MAP_FIXED with the neighbours' protection merges back into one VMA */
	assert_errno(mm_mmap(f->mm, MB + PAGE_SIZE, PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	assert_int_equal(nvmas(f), 1);
	assert_vma(f, 0, MB, MB + 3 * PAGE_SIZE, RW);
	assert_errno(mm_read(f->mm, MB + 2 * PAGE_SIZE, buf, 4), 0);
	assert_int_equal(buf[0], 0xa5);
	assert_checker_clean(f);
}

/* ---- tables and faults ------------------------------------------------------ */

static void test_mm_fault_builds_tables(void **state)
{
	struct fx *f = *state;
	uint64_t va = MB + 0x3000 + 0x123, r3e, ste, pto, pte, frame;
	uint8_t buf[16];
	struct storage_stats now;

	assert_errno(mm_mmap(f->mm, MB, MB, RW, MM_MAP_FIXED, NULL), 0);
	f->log->n = 0;
	assert_errno(mm_fault(f->mm, va, 0), 0);

	/* R3TE index 0: segment-table origin | TT 01 (0x04) | TL 3 */
	r3e = ld8(f, f->mm->pgd);
	assert_hex_equal(r3e & 0xfff, 0x07);
	for (unsigned i = 1; i < 2048; i++)
		assert_hex_equal(ld8(f, f->mm->pgd + i * 8), 0x24);
	assert_int_equal(storage_kind_at(f->st, r3e & ~0xfffULL), STORAGE_CRST);
	/* segment table: index 1 (1 MB) valid, TT 00, the others 0x20 */
	for (unsigned i = 0; i < 2048; i++) {
		uint64_t e = ld8(f, (r3e & ~0xfffULL) + i * 8);

		if (i == 1)
			ste = e;
		else
			assert_hex_equal(e, 0x20);
	}
	assert_hex_equal(ste & 0x7ff, 0);
	pto = ste;
	assert_int_equal(storage_kind_at(f->st, pto), STORAGE_PT_FRAG);
	/* page table: PTE 3 = frame (RW: no P bit), the rest 0x400 */
	for (unsigned i = 0; i < 256; i++) {
		uint64_t e = ld8(f, pto + i * 8);

		if (i == 3)
			pte = e;
		else
			assert_hex_equal(e, 0x400);
	}
	frame = pte & ~0xfffULL;
	assert_hex_equal(pte & 0xfff, 0);
	assert_true(frame >= 8192);
	assert_int_equal(storage_kind_at(f->st, frame), STORAGE_FRAME);
	assert_int_equal(f->mm->rss, 1);
	assert_int_equal(f->mm->nr_ptes, 1);
	assert_int_equal(f->mm->nr_crst, 2);
	storage_stats(f->st, &now);
	assert_int_equal(now.by_kind[STORAGE_FRAME], f->base.by_kind[STORAGE_FRAME] + 1);
	/* events: a segment table, a page table and a frame allocated; three entries stored */
	assert_int_equal(count_events(f, GM_EV_TABLE_ALLOC, r3e & ~0xfffULL), 1);
	assert_int_equal(count_events(f, GM_EV_TABLE_ALLOC, pto), 1);
	assert_int_equal(count_events(f, GM_EV_FRAME_ALLOC, frame), 1);
	assert_int_equal(count_events(f, GM_EV_ENTRY_STORE, f->mm->pgd), 1);
	assert_int_equal(count_events(f, GM_EV_ENTRY_STORE, (r3e & ~0xfffULL) + 8), 1);
	assert_int_equal(count_events(f, GM_EV_ENTRY_STORE, pto + 3 * 8), 1);
	assert_int_equal(count_events(f, GM_EV_FAULT, va), 1);

	/* the zeroed frame is what the process reads */
	assert_errno(mm_read(f->mm, va, buf, sizeof(buf)), 0);
	for (unsigned i = 0; i < sizeof(buf); i++)
		assert_int_equal(buf[i], 0);
	/* a second fault changes nothing */
	assert_errno(mm_fault(f->mm, va, MM_FAULT_WRITE), 0);
	assert_hex_equal(pte_of(f, va), pte);
	/* a second page of the same segment shares the page table */
	assert_errno(mm_fault(f->mm, MB + 0x80000, 0), 0);
	assert_int_equal(f->mm->nr_ptes, 1);
	assert_hex_equal(ld8(f, pto + 0x80 * 8) & 0xfff, 0);
	/* the walk helpers agree with the architected walk */
	{
		uint64_t pmd, p;

		assert_errno(mm_pmd(f->mm, va, false, &pmd), 0);
		assert_hex_equal(pmd, (r3e & ~0xfffULL) + 8);
		assert_errno(mm_pte_table(f->mm, va, false, &p), 0);
		assert_hex_equal(p, pto);
		assert_errno(mm_pte_table(f->mm, 3 * MB, false, &p), -EFAULT);
		assert_errno(mm_pmd(f->mm, 4 * (1ULL << 31), false, &pmd), -EFAULT);
		assert_errno(mm_pmd(f->mm, 5 * TB, false, &pmd), -EFAULT);
	}
	assert_checker_clean(f);
}

static void test_mm_pgste_table_shape(void **state)
{
	struct fx *f = *state;
	uint64_t va = 0x12345678ULL & PAGE_MASK, pto, table;
	struct gmap_pgtable *mp;
	struct storage_stats before, now;

	assert_errno(mm_mmap(f->mm, va, PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_fault(f->mm, va, MM_FAULT_WRITE), 0);
	pto = ld8(f, entry_addr(f, va, DAT_LEVEL_STE));
	assert_hex_equal(pto & 0xfff, 0); /* a 4 KB table */
	assert_int_equal(storage_kind_at(f->st, pto), STORAGE_PT_PGSTE);
	for (unsigned i = 0; i < 256; i++) {
		uint64_t e = ld8(f, pto + i * 8);

		if (i == 0x45)
			assert_hex_equal(e & 0xfff, 0);
		else
			assert_hex_equal(e, 0x400);
		assert_hex_equal(ld8(f, pto + 2048 + i * 8), 0); /* the PGSTE */
	}
	mp = mm_pgtable(f->mm, pto);
	assert_non_null(mp);
	assert_hex_equal(mp->vmaddr, 0x12300000);
	assert_true(LIST_EMPTY(&mp->mapper));
	assert_null(mm_pgtable(f->mm, pto + 2048));
	assert_null(mm_pgtable(f->mm, f->mm->pgd));

	/* page_table_alloc on its own: not linked, freed by page_table_free */
	storage_stats(f->st, &before);
	assert_errno(page_table_alloc(f->mm, 0x7654321, &table), 0);
	assert_int_equal(storage_kind_at(f->st, table), STORAGE_PT_PGSTE);
	assert_hex_equal(mm_pgtable(f->mm, table)->vmaddr, 0x7600000);
	storage_fail_after(f->st, 0);
	assert_errno(page_table_alloc(f->mm, 0, &pto), -ENOMEM);
	storage_fail_after(f->st, 1);
	assert_errno(page_table_alloc(f->mm, 0, &pto), -ENOMEM);
	storage_fail_after(f->st, -1);
	page_table_free(f->mm, table);
	assert_int_equal(storage_kind_at(f->st, table), STORAGE_FREE);
	storage_stats(f->st, &now);
	assert_stats_equal(&now, &before);
	assert_checker_clean(f);
}

static void test_mm_fault_protection(void **state)
{
	struct fx *f = *state;
	uint64_t ro = MB, none = 2 * MB, rw = 3 * MB, pte, pto;
	unsigned ipte_at = 0, store_at = 0;

	assert_errno(mm_mmap(f->mm, ro, PAGE_SIZE, MM_PROT_READ, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_mmap(f->mm, none, PAGE_SIZE, MM_PROT_NONE, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_mmap(f->mm, rw, PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);

	/* read fault on a read-only VMA: present, page-protection bit (0x200) */
	assert_errno(mm_fault(f->mm, ro, 0), 0);
	assert_hex_equal(pte_of(f, ro) & 0xfff, 0x200);
	assert_errno(mm_fault(f->mm, ro, MM_FAULT_WRITE), -EFAULT);
	assert_errno(mm_fault(f->mm, none, 0), -EFAULT);
	assert_errno(mm_fault(f->mm, none + PAGE_SIZE, 0), -EFAULT); /* no VMA */
	assert_errno(mm_fault(f->mm, 0, 0), -EFAULT);
	assert_errno(mm_fault(f->mm, ro, 4), -EINVAL);
	assert_int_equal(f->mm->rss, 1);

	/* a protected present PTE under a writable VMA (as after fork/COW):
	 * a write fault invalidates with IPTE, then stores the writable PTE */
	assert_errno(mm_fault(f->mm, rw, 0), 0);
	pto = ld8(f, entry_addr(f, rw, DAT_LEVEL_STE));
	pte = ld8(f, pto);
	assert_hex_equal(pte & 0xfff, 0);
	assert_errno(storage_store8(f->st, pto, pte | 0x200), 0);
	f->log->n = 0;
	assert_errno(mm_fault(f->mm, rw, MM_FAULT_WRITE), 0);
	assert_hex_equal(ld8(f, pto), pte);
	for (unsigned i = 0; i < f->log->n; i++) {
		if (f->log->ev[i].type == GM_EV_TLB_PURGE && f->log->ev[i].a == TLB_PURGE_IPTE)
			ipte_at = i + 1;
		if (f->log->ev[i].type == GM_EV_ENTRY_STORE && f->log->ev[i].a == pto)
			store_at = i + 1;
	}
	assert_true(ipte_at != 0 && store_at != 0 && ipte_at < store_at);
	assert_checker_clean(f);
}

/* ---- mprotect ------------------------------------------------------------------ */

static void test_mm_mprotect_split_and_merge(void **state)
{
	struct fx *f = *state;
	uint8_t buf[4 * 4096], rd[4 * 4096];
	uint64_t frames[4];

	for (unsigned i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i * 7);
	assert_errno(mm_mmap(f->mm, MB, 4 * PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_write(f->mm, MB, buf, sizeof(buf)), 0);
	for (unsigned i = 0; i < 4; i++)
		frames[i] = pte_of(f, MB + i * PAGE_SIZE) & ~0xfffULL;

	f->log->n = 0;
	assert_errno(mm_mprotect(f->mm, MB + PAGE_SIZE, 2 * PAGE_SIZE, MM_PROT_READ), 0);
	assert_int_equal(nvmas(f), 3);
	assert_vma(f, 0, MB, MB + PAGE_SIZE, RW);
	assert_vma(f, 1, MB + PAGE_SIZE, MB + 3 * PAGE_SIZE, MM_PROT_READ);
	assert_vma(f, 2, MB + 3 * PAGE_SIZE, MB + 4 * PAGE_SIZE, RW);
	/* same frames, P bit set; each changed PTE was IPTEd first */
	assert_hex_equal(pte_of(f, MB), frames[0]);
	assert_hex_equal(pte_of(f, MB + PAGE_SIZE), frames[1] | 0x200);
	assert_hex_equal(pte_of(f, MB + 2 * PAGE_SIZE), frames[2] | 0x200);
	assert_hex_equal(pte_of(f, MB + 3 * PAGE_SIZE), frames[3]);
	assert_int_equal(count_events(f, GM_EV_TLB_PURGE, TLB_PURGE_IPTE), 2);
	assert_errno(mm_write(f->mm, MB + PAGE_SIZE + 8, buf, 1), -EFAULT);
	assert_errno(mm_read(f->mm, MB, rd, sizeof(rd)), 0);
	assert_memory_equal(rd, buf, sizeof(buf));
	assert_checker_clean(f);

	/* back to RW: one VMA again, writable PTEs */
	assert_errno(mm_mprotect(f->mm, MB + PAGE_SIZE, 2 * PAGE_SIZE, RW), 0);
	assert_int_equal(nvmas(f), 1);
	assert_vma(f, 0, MB, MB + 4 * PAGE_SIZE, RW);
	assert_hex_equal(pte_of(f, MB + 2 * PAGE_SIZE), frames[2]);
	assert_errno(mm_write(f->mm, MB + PAGE_SIZE + 8, buf, 1), 0);
	/* a whole-VMA change needs no split */
	assert_errno(mm_mprotect(f->mm, MB, 4 * PAGE_SIZE, MM_PROT_READ), 0);
	assert_int_equal(nvmas(f), 1);
	assert_int_equal(f->mm->rss, 4);
	assert_checker_clean(f);
}

static void test_mm_mprotect_none_keeps_contents(void **state)
{
	struct fx *f = *state;
	const char msg[] = "kept across PROT_NONE";
	char rd[sizeof(msg)];
	uint64_t frame;
	struct dat_result res;

	assert_errno(mm_mmap(f->mm, 5 * MB, PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_write(f->mm, 5 * MB + 100, msg, sizeof(msg)), 0);
	frame = pte_of(f, 5 * MB) & ~0xfffULL;
	assert_errno(mm_mprotect(f->mm, 5 * MB, PAGE_SIZE, MM_PROT_NONE), 0);
	/* _PAGE_TYPE_NONE: invalid (0x400) + software bit t (0x001), frame kept */
	assert_hex_equal(pte_of(f, 5 * MB), frame | 0x401);
	assert_int_equal(storage_kind_at(f->st, frame), STORAGE_FRAME);
	assert_pic(mm_translate(f->mm, 5 * MB, DAT_FETCH, &res), PGM_PAGE_TRANSLATION);
	assert_errno(mm_read(f->mm, 5 * MB + 100, rd, sizeof(rd)), -EFAULT);
	assert_errno(storage_read(f->st, frame + 100, rd, sizeof(rd)), 0);
	assert_memory_equal(rd, msg, sizeof(msg));
	assert_int_equal(f->mm->rss, 1);
	assert_checker_clean(f);

	assert_errno(mm_mprotect(f->mm, 5 * MB, PAGE_SIZE, MM_PROT_READ), 0);
	assert_hex_equal(pte_of(f, 5 * MB), frame | 0x200);
	memset(rd, 0, sizeof(rd));
	assert_errno(mm_read(f->mm, 5 * MB + 100, rd, sizeof(rd)), 0);
	assert_memory_equal(rd, msg, sizeof(msg));
	assert_checker_clean(f);
}

static void test_mm_mprotect_errors(void **state)
{
	struct fx *f = *state;

	assert_errno(mm_mmap(f->mm, MB, 2 * PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_mmap(f->mm, MB + 3 * PAGE_SIZE, PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	/* a hole in the range: -ENOMEM, nothing changed */
	assert_errno(mm_mprotect(f->mm, MB, 4 * PAGE_SIZE, MM_PROT_READ), -ENOMEM);
	assert_vma(f, 0, MB, MB + 2 * PAGE_SIZE, RW);
	assert_errno(mm_mprotect(f->mm, 0, PAGE_SIZE, MM_PROT_READ), -ENOMEM);
	assert_errno(mm_mprotect(f->mm, MB + 1, PAGE_SIZE, MM_PROT_READ), -EINVAL);
	assert_errno(mm_mprotect(f->mm, MB, PAGE_SIZE, 16), -EINVAL);
	assert_errno(mm_mprotect(f->mm, MB, 0, MM_PROT_READ), 0);
	assert_errno(mm_mprotect(f->mm, MB, UINT64_MAX, MM_PROT_READ), -ENOMEM);
	assert_int_equal(nvmas(f), 2);
	assert_vma(f, 0, MB, MB + 2 * PAGE_SIZE, RW);
}

/* ---- munmap and page-table freeing ------------------------------------------------ */

static void test_mm_munmap_page(void **state)
{
	struct fx *f = *state;
	uint64_t pte0, pte1, ptep1;
	struct storage_stats before, now;
	uint8_t b = 0x5a;

	assert_errno(mm_mmap(f->mm, MB, 2 * PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_write(f->mm, MB, &b, 1), 0);
	assert_errno(mm_write(f->mm, MB + PAGE_SIZE, &b, 1), 0);
	pte0 = pte_of(f, MB);
	ptep1 = entry_addr(f, MB + PAGE_SIZE, DAT_LEVEL_PTE);
	pte1 = ld8(f, ptep1);
	storage_stats(f->st, &before);
	f->log->n = 0;
	assert_errno(mm_munmap(f->mm, MB + PAGE_SIZE, PAGE_SIZE), 0);
	assert_hex_equal(ld8(f, ptep1), 0x400);
	assert_hex_equal(pte_of(f, MB), pte0);
	assert_int_equal(storage_kind_at(f->st, pte1 & ~0xfffULL), STORAGE_FREE);
	assert_int_equal(count_events(f, GM_EV_TLB_PURGE, TLB_PURGE_IPTE), 1);
	assert_int_equal(count_events(f, GM_EV_FRAME_FREE, pte1 & ~0xfffULL), 1);
	storage_stats(f->st, &now);
	assert_int_equal(now.by_kind[STORAGE_FRAME], before.by_kind[STORAGE_FRAME] - 1);
	assert_int_equal(now.frames_used, before.frames_used - 1);
	/* the page table stays: a VMA still covers its segment */
	assert_int_equal(f->mm->nr_ptes, 1);
	assert_int_equal(f->mm->rss, 1);
	/* the next access is a fresh zero page */
	assert_errno(mm_munmap(f->mm, MB, PAGE_SIZE), 0);
	assert_errno(mm_mmap(f->mm, MB, PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_read(f->mm, MB, &b, 1), 0);
	assert_int_equal(b, 0);
	assert_checker_clean(f);
}

struct notif {
	unsigned calls;
	uint64_t table;
	enum storage_kind kind_at_call;
	uint64_t ste_at_call;
	uint64_t pmd;
	struct gm_storage *st;
};

static struct notif *notif_of(struct mm_struct *mm);

static void record_notifier(struct mm_struct *mm, uint64_t table)
{
	struct notif *n = notif_of(mm);
	uint64_t v = 0;

	n->calls++;
	n->table = table;
	n->kind_at_call = storage_kind_at(n->st, table);
	(void)storage_load8(n->st, n->pmd, &v);
	n->ste_at_call = v;
}

/* one notifier record per process; tests run one at a time */
static struct {
	struct mm_struct *mm;
	struct notif *n;
} notif_slot;

static struct notif *notif_of(struct mm_struct *mm)
{
	assert_ptr_equal(mm, notif_slot.mm);
	return notif_slot.n;
}

static void test_mm_munmap_segment_frees_page_table(void **state)
{
	struct fx *f = *state;
	struct notif n = { .st = f->st };
	uint64_t pto, pmd;
	uint8_t b = 1;
	struct storage_stats now;

	notif_slot.mm = f->mm;
	notif_slot.n = &n;
	f->mm->unmap_notifier = record_notifier;

	assert_errno(mm_mmap(f->mm, 4 * MB, 2 * MB, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_write(f->mm, 4 * MB + 0x1000, &b, 1), 0);
	assert_errno(mm_write(f->mm, 5 * MB + 0x2000, &b, 1), 0);
	pmd = entry_addr(f, 4 * MB, DAT_LEVEL_STE);
	pto = ld8(f, pmd);
	n.pmd = pmd;
	assert_int_equal(f->mm->nr_ptes, 2);

	/* half of the segment: a VMA still covers it, the table stays */
	assert_errno(mm_munmap(f->mm, 4 * MB, MB / 2), 0);
	assert_int_equal(n.calls, 0);
	assert_hex_equal(ld8(f, pmd), pto);
	assert_checker_clean(f);

	/* the rest of it: STE back to 0x20 before the notifier, table freed after */
	f->log->n = 0;
	assert_errno(mm_munmap(f->mm, 4 * MB + MB / 2, MB / 2), 0);
	assert_int_equal(n.calls, 1);
	assert_hex_equal(n.table, pto);
	assert_int_equal(n.kind_at_call, STORAGE_PT_PGSTE);
	assert_hex_equal(n.ste_at_call, 0x20);
	assert_hex_equal(ld8(f, pmd), 0x20);
	assert_int_equal(storage_kind_at(f->st, pto), STORAGE_FREE);
	assert_int_equal(count_events(f, GM_EV_TABLE_FREE, pto), 1);
	/* pmd_clear is followed by a flush of the mm (IDTE by ASCE: no gmaps) */
	assert_int_equal(count_events(f, GM_EV_TLB_PURGE, TLB_PURGE_IDTE_ASCE), 1);
	assert_int_equal(f->mm->nr_ptes, 1);
	assert_checker_clean(f);

	/* munmap of everything frees the second table too */
	assert_errno(mm_munmap(f->mm, 0, 1ULL << 40), 0);
	assert_int_equal(n.calls, 2);
	assert_int_equal(f->mm->nr_ptes, 0);
	assert_int_equal(f->mm->rss, 0);
	storage_stats(f->st, &now);
	assert_int_equal(now.by_kind[STORAGE_PT_PGSTE], 0);
	assert_int_equal(now.by_kind[STORAGE_FRAME], f->base.by_kind[STORAGE_FRAME]);
	/* only the crst tables remain (freed by mm_destroy) */
	assert_int_equal(now.host_objects, f->base.host_objects + 1);
	f->mm->unmap_notifier = NULL;
	assert_checker_clean(f);
}

/* ---- an embedder's page-table allocator (mm->pt_ops) ------------------------------ */

/* What the embedder saw; the frees waiting for its "grace period". */
static struct pt_embedder {
	struct gm_storage *st;
	struct mm_struct *mm;
	unsigned allocs, frees, rcu_frees, notifier_calls;
	uint64_t last_table, last_vmaddr, last_alloc_vmaddr;
	bool owned_at_free;
	enum storage_kind kind_at_free;
	uint64_t pending[8];
	unsigned npending;
} pte;

static int pte_alloc_cb(struct mm_struct *mm, uint64_t vmaddr, uint64_t *table)
{
	uint64_t t;

	(void)mm;
	if (storage_alloc(pte.st, STORAGE_PT_PGSTE, &t))
		return -ENOMEM;
	/* page_table_alloc(): 256 invalid ptes, the pgstes stay zero */
	for (unsigned i = 0; i < 256; i++)
		assert_errno(storage_store8(pte.st, t + 8 * i, 0x400), 0);
	pte.allocs++;
	pte.last_alloc_vmaddr = vmaddr;
	*table = t;
	return 0;
}

static void pte_note(struct mm_struct *mm, uint64_t table)
{
	pte.last_table = table;
	pte.owned_at_free = mm_pgtable(mm, table) != NULL;
	pte.kind_at_free = storage_kind_at(pte.st, table);
}

static void pte_free_cb(struct mm_struct *mm, uint64_t table)
{
	pte_note(mm, table);
	pte.frees++;
	assert_errno(storage_free(pte.st, table), 0);
}

static void pte_free_rcu_cb(struct mm_struct *mm, uint64_t table, uint64_t vmaddr)
{
	pte_note(mm, table);
	pte.rcu_frees++;
	pte.last_vmaddr = vmaddr;
	pte.pending[pte.npending++] = table;
}

static void pte_notifier(struct mm_struct *mm, uint64_t table)
{
	(void)mm;
	(void)table;
	pte.notifier_calls++;
}

static const struct mm_pt_ops pte_ops = {
	.alloc = pte_alloc_cb, .free = pte_free_cb, .free_rcu = pte_free_rcu_cb,
};

/*
 * With mm->pt_ops the mm's pgste page tables come from the embedder and go
 * back to it: the mm owns and counts them in between, gives one up (untagged,
 * uncounted) before handing it over, and calls no unmap notifier (the
 * embedder's free unlinks the gmaps); a failed allocation changes nothing,
 * and a table rolled back goes to the immediate free.
 */
static void test_mm_pt_ops_embedder_makes_and_frees_page_tables(void **state)
{
	struct fx *f = *state;
	struct storage_stats before, now;
	uint64_t pto, pmd;
	uint8_t b = 5;
	int rc = -ENOMEM;

	memset(&pte, 0, sizeof(pte));
	pte.st = f->st;
	pte.mm = f->mm;
	f->mm->pt_ops = &pte_ops;
	f->mm->unmap_notifier = pte_notifier;
	assert_errno(mm_mmap(f->mm, 4 * MB, MB, RW, MM_MAP_FIXED, NULL), 0);

	/* every allocation of a first fault failing in turn: nothing changes */
	storage_stats(f->st, &before);
	for (long n = 0; n < 16 && rc; n++) {
		unsigned allocs = pte.allocs, frees = pte.frees;

		storage_fail_after(f->st, n);
		rc = mm_write(f->mm, 4 * MB + 0x3000, &b, 1);
		storage_fail_after(f->st, -1);
		if (rc) {
			assert_int_equal(rc, -ENOMEM);
			/* a table the embedder made was given back at once */
			assert_int_equal(pte.allocs - allocs, pte.frees - frees);
			assert_int_equal(f->mm->nr_ptes, 0);
			storage_stats(f->st, &now);
			assert_stats_equal(&now, &before);
			assert_checker_clean(f);
		}
	}
	assert_errno(rc, 0);
	assert_true(pte.frees > 0); /* the sweep reached the rollback */
	assert_int_equal(pte.last_alloc_vmaddr & ~(MB - 1), 4 * MB);
	pmd = entry_addr(f, 4 * MB, DAT_LEVEL_STE);
	pto = ld8(f, pmd) & ~0x7ffULL;
	assert_non_null(mm_pgtable(f->mm, pto));
	assert_int_equal(f->mm->nr_ptes, 1);
	assert_checker_clean(f);

	/* the segment goes: STE EMPTY (0x20), the table handed over untagged */
	assert_errno(mm_munmap(f->mm, 4 * MB, MB), 0);
	assert_int_equal(pte.rcu_frees, 1);
	assert_hex_equal(pte.last_table, pto);
	assert_hex_equal(pte.last_vmaddr, 4 * MB);
	assert_false(pte.owned_at_free);
	assert_int_equal(pte.kind_at_free, STORAGE_PT_PGSTE);
	assert_int_equal(pte.notifier_calls, 0);
	assert_hex_equal(ld8(f, pmd), 0x20);
	assert_int_equal(f->mm->nr_ptes, 0);
	/* waiting for the embedder's grace period: still allocated, not the mm's */
	assert_int_equal(storage_kind_at(f->st, pto), STORAGE_PT_PGSTE);
	assert_checker_clean(f);
	assert_errno(storage_free(f->st, pte.pending[--pte.npending]), 0);
	assert_int_equal(storage_kind_at(f->st, pto), STORAGE_FREE);
	assert_checker_clean(f);

	/* mm_destroy hands the rest over the same way */
	assert_errno(mm_write(f->mm, 4 * MB + 0x1000, &b, 1), -EFAULT);
	assert_errno(mm_mmap(f->mm, 8 * MB, MB, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_write(f->mm, 8 * MB, &b, 1), 0);
	assert_errno(mm_destroy(f->mm), 0);
	f->mm = NULL;
	assert_int_equal(pte.rcu_frees, 2);
	assert_errno(storage_free(f->st, pte.pending[--pte.npending]), 0);
}

/* ---- ASCE upgrade ---------------------------------------------------------------- */

static void test_mm_asce_upgrade_region2(void **state)
{
	struct fx *f = *state;
	uint64_t old_top = f->mm->pgd, v, top, r2e;
	const char msg[] = "five terabytes";
	char rd[sizeof(msg)];
	struct gm_cpu *cpu0 = machine_cpu(f->m, 0);

	assert_errno(mm_mmap(f->mm, MB, PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_write(f->mm, MB, "low", 4), 0);
	mm_switch(f->mm, cpu0);
	assert_errno(cpu_lowcore_load(cpu0, 0x318, 8, &v), 0);
	assert_hex_equal(v, old_top | ASCE_LOW_R3);
	assert_hex_equal(cpu_get_cr(cpu0, 1), old_top | ASCE_LOW_R3);
	assert_hex_equal(cpu_get_cr(cpu0, 7), old_top | ASCE_LOW_R3);

	assert_errno(mm_mmap(f->mm, 5 * TB, PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	top = f->mm->pgd;
	assert_true(top != old_top);
	assert_hex_equal(mm_asce(f->mm), top | ASCE_LOW_R2);
	assert_hex_equal(f->mm->asce_limit, 1ULL << 53);
	/* R2TE 0 designates the old region-third table: origin | TT 10 | TL 3 */
	assert_hex_equal(ld8(f, top), old_top | 0x0b);
	for (unsigned i = 1; i < 2048; i++)
		assert_hex_equal(ld8(f, top + i * 8), 0x28);
	assert_int_equal(f->mm->nr_crst, 3);
	/* the CPU running the mm got the new ASCE */
	assert_errno(cpu_lowcore_load(cpu0, 0x318, 8, &v), 0);
	assert_hex_equal(v, mm_asce(f->mm));
	assert_hex_equal(cpu_get_cr(cpu0, 1), mm_asce(f->mm));
	assert_hex_equal(cpu_get_cr(cpu0, 7), mm_asce(f->mm));
	assert_hex_equal(cpu_get_cr(machine_cpu(f->m, 1), 1), 0);

	assert_errno(mm_write(f->mm, 5 * TB + 0xff8, msg, sizeof(msg)), -EFAULT); /* crosses into no VMA */
	assert_errno(mm_write(f->mm, 5 * TB + 0x10, msg, sizeof(msg)), 0);
	/* 5 TB: region-second index 1 */
	r2e = ld8(f, top + 8);
	assert_hex_equal(r2e & 0xfff, 0x0b);
	assert_errno(mm_read(f->mm, 5 * TB + 0x10, rd, sizeof(rd)), 0);
	assert_memory_equal(rd, msg, sizeof(msg));
	assert_errno(mm_read(f->mm, MB, rd, 4), 0);
	assert_string_equal(rd, "low");
	assert_checker_clean(f);
}

static void test_mm_asce_upgrade_region1(void **state)
{
	struct fx *f = *state;
	uint64_t r3 = f->mm->pgd, va = (1ULL << 53) + 3 * MB, r2, r1;
	uint8_t b = 0x77, rd = 0;

	assert_errno(mm_mmap(f->mm, va, PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	r1 = f->mm->pgd;
	assert_hex_equal(mm_asce(f->mm), r1 | ASCE_LOW_R1);
	assert_hex_equal(f->mm->asce_limit, 0);
	/* R1TE 0 → the new R2 table, whose entry 0 → the original R3 table */
	r2 = ld8(f, r1);
	assert_hex_equal(r2 & 0xfff, 0x0f);
	assert_hex_equal(ld8(f, r2 & ~0xfffULL), r3 | 0x0b);
	for (unsigned i = 1; i < 2048; i++) {
		assert_hex_equal(ld8(f, r1 + i * 8), 0x2c);
		assert_hex_equal(ld8(f, (r2 & ~0xfffULL) + i * 8), 0x28);
	}
	assert_errno(mm_write(f->mm, va + 5, &b, 1), 0);
	assert_hex_equal(ld8(f, r1 + 8) & 0xfff, 0x0f); /* region-first index 1 */
	assert_errno(mm_read(f->mm, va + 5, &rd, 1), 0);
	assert_int_equal(rd, 0x77);
	/* the hint search runs above the top too */
	{
		uint64_t out;

		assert_errno(mm_mmap(f->mm, 0xfff0000000000000ULL, PAGE_SIZE, RW, 0, &out), 0);
		assert_hex_equal(out, 0xfff0000000000000ULL);
		assert_errno(mm_write(f->mm, out, &b, 1), 0);
	}
	assert_checker_clean(f);
}

/* ---- accesses ------------------------------------------------------------------------ */

static void test_mm_read_write_across_pages(void **state)
{
	struct fx *f = *state;
	static uint8_t buf[10000], rd[10000];
	uint64_t va = 2 * MB - 0x10, frame;
	struct dat_result res;

	for (unsigned i = 0; i < sizeof(buf); i++)
		buf[i] = (uint8_t)(i ^ (i >> 8));
	assert_errno(mm_mmap(f->mm, MB, 4 * MB, RW, MM_MAP_FIXED, NULL), 0);
	/* crosses a segment boundary and three page boundaries */
	assert_errno(mm_write(f->mm, va, buf, sizeof(buf)), 0);
	assert_errno(mm_read(f->mm, va, rd, sizeof(rd)), 0);
	assert_memory_equal(rd, buf, sizeof(buf));
	assert_int_equal(f->mm->rss, 4);
	assert_int_equal(f->mm->nr_ptes, 2);
	/* the bytes are in storage at the frame the PTE names */
	frame = pte_of(f, 2 * MB + PAGE_SIZE) & ~0xfffULL;
	assert_errno(storage_read(f->st, frame, rd, 16), 0);
	assert_memory_equal(rd, buf + 0x10 + PAGE_SIZE, 16);
	assert_errno(mm_translate(f->mm, 2 * MB + PAGE_SIZE + 3, DAT_STORE, &res), 0);
	assert_hex_equal(res.aaddr, frame + 3);
	/* errors */
	assert_errno(mm_read(f->mm, va, NULL, 4), -EINVAL);
	assert_errno(mm_write(NULL, va, buf, 4), -EINVAL);
	assert_errno(mm_read(f->mm, va, rd, 0), 0);
	assert_errno(mm_read(f->mm, 5 * MB - 2, rd, 4), -EFAULT);
	assert_errno(mm_read(f->mm, UINT64_MAX - 1, rd, 4), -EFAULT);
	assert_errno(mm_translate(f->mm, va, DAT_FETCH, NULL), -EINVAL);
	assert_checker_clean(f);
}

/* ---- destroy ---------------------------------------------------------------------- */

static void test_mm_destroy_frees_everything(void **state)
{
	struct fx *f = *state;
	struct storage_stats now;
	uint8_t b = 1;

	assert_errno(mm_mmap(f->mm, MB, 8 * MB, RW, MM_MAP_FIXED, NULL), 0);
	for (uint64_t va = MB; va < 9 * MB; va += 256 * 1024)
		assert_errno(mm_write(f->mm, va, &b, 1), 0);
	assert_errno(mm_mmap(f->mm, 7 * TB, PAGE_SIZE, MM_PROT_READ, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_read(f->mm, 7 * TB, &b, 1), 0);
	assert_errno(mm_mprotect(f->mm, MB, PAGE_SIZE, MM_PROT_NONE), 0);
	assert_checker_clean(f);
	assert_errno(mm_destroy(f->mm), 0);
	f->mm = NULL;
	storage_stats(f->st, &now);
	assert_stats_equal(&now, &f->base);
}

static void test_mm_destroy_busy_with_gmap(void **state)
{
	struct fx *f = *state;
	struct gmap dummy;
	struct storage_stats before, now;

	memset(&dummy, 0, sizeof(dummy));
	assert_errno(mm_mmap(f->mm, MB, PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_fault(f->mm, MB, 0), 0);
	storage_stats(f->st, &before);
	LIST_INSERT_HEAD(&f->mm->context.gmap_list, &dummy, list);
	assert_errno(mm_destroy(f->mm), -EBUSY);
	storage_stats(f->st, &now);
	assert_stats_equal(&now, &before);
	LIST_REMOVE(&dummy, list);
}

/* ---- TLB flush policy (gmap-semantics §1.14, invariant 12) ------------------------ */

static void test_mm_tlb_flush_policy(void **state)
{
	struct fx *f = *state;
	struct gmap dummy;

	f->log->n = 0;
	mm_tlb_flush_mm(f->mm);
	assert_int_equal(count_events(f, GM_EV_TLB_PURGE, TLB_PURGE_IDTE_ASCE), 1);
	assert_int_equal(count_events(f, GM_EV_TLB_PURGE, TLB_PURGE_CSP), 0);
	for (unsigned i = 0; i < f->log->n; i++)
		if (f->log->ev[i].type == GM_EV_TLB_PURGE)
			assert_hex_equal(f->log->ev[i].b, mm_asce(f->mm));
	assert_int_equal(f->mm->flushes_asce, 1);
	assert_int_equal(f->mm->flushes_full, 0);

	/* with a gmap attached only a full purge is safe */
	memset(&dummy, 0, sizeof(dummy));
	LIST_INSERT_HEAD(&f->mm->context.gmap_list, &dummy, list);
	f->log->n = 0;
	mm_tlb_flush_mm(f->mm);
	assert_int_equal(count_events(f, GM_EV_TLB_PURGE, TLB_PURGE_IDTE_ASCE), 0);
	assert_true(count_events(f, GM_EV_TLB_PURGE, TLB_PURGE_CSP) >= 1);
	assert_int_equal(f->mm->flushes_full, 1);
	LIST_REMOVE(&dummy, list);
	mm_tlb_flush_mm(NULL);
}

static void test_mm_tlb_flush_without_idte(void **state)
{
	struct fx *f = *state;

	f->log->n = 0;
	mm_tlb_flush_mm(f->mm);
	assert_int_equal(count_events(f, GM_EV_TLB_PURGE, TLB_PURGE_IDTE_ASCE), 0);
	assert_true(count_events(f, GM_EV_TLB_PURGE, TLB_PURGE_CSP) >= 1);
	assert_int_equal(f->mm->flushes_full, 1);
	assert_int_equal(f->mm->flushes_asce, 0);
}

/*
 * With a TLB modelled, every change the mm makes is followed by the purge
 * the architecture requires: IPTE for PTEs (mprotect, munmap of a page),
 * IDTE by ASCE after pmd_clear (page-table free).  A CPU running the mm
 * never sees a stale translation (checking mode compares every hit).
 */
/* One access by @cpu in the primary space with DAT on, 64-bit (a delivered
 * program interruption loads the program-new PSW, so set it every time). */
static int user_access(struct gm_cpu *cpu, uint64_t vmaddr, enum dat_access acc)
{
	struct gm_psw psw = { .mask = PSW_MASK_DAT | PSW_MASK_64, .addr = 0x10000 };
	struct dat_result res;
	uint8_t b = 0x22;

	cpu_set_psw(cpu, psw);
	return cpu_access(cpu, vmaddr, &b, 1, acc, 4, &res);
}

static void test_mm_tlb_coherent(void **state)
{
	struct fx *f = *state;
	struct gm_cpu *cpu = machine_cpu(f->m, 0);
	struct gm_psw off = { 0, 0 };
	uint8_t b = 0x11;

	tlb_set_checking(f->m, true);
	assert_errno(mm_mmap(f->mm, MB, 2 * PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_write(f->mm, MB, &b, 1), 0);
	assert_errno(mm_write(f->mm, MB + PAGE_SIZE, &b, 1), 0);
	mm_switch(f->mm, cpu);
	/* the CPU caches both pages */
	assert_errno(user_access(cpu, MB, DAT_STORE), 0);
	assert_errno(user_access(cpu, MB + PAGE_SIZE, DAT_FETCH), 0);
	/* mprotect: the cached writable translation is gone */
	assert_errno(mm_mprotect(f->mm, MB, PAGE_SIZE, MM_PROT_READ), 0);
	assert_pic(user_access(cpu, MB, DAT_STORE), PGM_PROTECTION);
	assert_errno(user_access(cpu, MB, DAT_FETCH), 0);
	/* munmap of a page: page-translation exception */
	assert_errno(mm_munmap(f->mm, MB + PAGE_SIZE, PAGE_SIZE), 0);
	assert_pic(user_access(cpu, MB + PAGE_SIZE, DAT_FETCH), PGM_PAGE_TRANSLATION);
	/* munmap of the segment: the page table goes, segment-translation exception */
	assert_errno(mm_munmap(f->mm, MB, PAGE_SIZE), 0);
	assert_pic(user_access(cpu, MB, DAT_FETCH), PGM_SEGMENT_TRANSLATION);
	/* and a new mapping there is seen at once */
	assert_errno(mm_mmap(f->mm, MB, PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_write(f->mm, MB, &b, 1), 0);
	assert_errno(user_access(cpu, MB, DAT_STORE), 0);
	assert_int_equal(tlb_stale_count(f->m), 0);
	cpu_set_psw(cpu, off);
	assert_checker_clean(f);
}

/* ---- allocation-failure injection ------------------------------------------------- */

#define SNAP_VMAS 32

struct snap {
	uint64_t pgd, bits, limit, nr_crst, nr_ptes, rss;
	unsigned map_count, nvma;
	uint64_t vma[SNAP_VMAS][3];
	uint64_t hash, nentries;
	struct storage_stats ss;
};

static void hash_u64(struct snap *s, uint64_t v)
{
	for (unsigned i = 0; i < 8; i++) {
		s->hash ^= (v >> (8 * i)) & 0xff;
		s->hash *= 0x100000001b3ULL;
	}
}

/* Every entry reachable from the top table, with its address. */
static void snap_table(struct fx *f, struct snap *s, uint64_t table, unsigned level)
{
	unsigned n = level == 0 ? 256 : 2048;

	for (unsigned i = 0; i < n; i++) {
		uint64_t a = table + i * 8, e = ld8(f, a);

		hash_u64(s, a);
		hash_u64(s, e);
		s->nentries++;
		if (level == 0 || (e & 0x20))
			continue;
		snap_table(f, s, level == 1 ? e & ~0x7ffULL : e & ~0xfffULL, level - 1);
	}
}

static void take_snap(struct fx *f, struct snap *s)
{
	memset(s, 0, sizeof(*s));
	s->hash = 0xcbf29ce484222325ULL;
	s->pgd = f->mm->pgd;
	s->bits = f->mm->asce_bits;
	s->limit = f->mm->asce_limit;
	s->nr_crst = f->mm->nr_crst;
	s->nr_ptes = f->mm->nr_ptes;
	s->rss = f->mm->rss;
	s->map_count = f->mm->map_count;
	for (struct vm_area_struct *v = mm_vma_first(f->mm); v; v = mm_vma_next(f->mm, v)) {
		assert_true(s->nvma < SNAP_VMAS);
		s->vma[s->nvma][0] = v->vm_start;
		s->vma[s->nvma][1] = v->vm_end;
		s->vma[s->nvma][2] = v->vm_prot;
		s->nvma++;
	}
	snap_table(f, s, f->mm->pgd, (unsigned)((f->mm->asce_bits & 0xc) >> 2) + 1);
	storage_stats(f->st, &s->ss);
}

static void assert_snap_equal(const struct snap *a, const struct snap *b)
{
	assert_hex_equal(a->pgd, b->pgd);
	assert_hex_equal(a->bits, b->bits);
	assert_hex_equal(a->limit, b->limit);
	assert_int_equal(a->nr_crst, b->nr_crst);
	assert_int_equal(a->nr_ptes, b->nr_ptes);
	assert_int_equal(a->rss, b->rss);
	assert_int_equal(a->map_count, b->map_count);
	assert_int_equal(a->nvma, b->nvma);
	assert_memory_equal(a->vma, b->vma, sizeof(a->vma));
	assert_int_equal(a->nentries, b->nentries);
	assert_hex_equal(a->hash, b->hash);
	assert_stats_equal(&a->ss, &b->ss);
}

typedef int (*mm_op)(struct fx *f);

/*
 * Fail allocation n = 0, 1, 2, … of @op until it succeeds; every failure
 * must be -ENOMEM with the mm and storage exactly as before.
 * Return: the number of allocations the successful call made.
 */
static unsigned inject_all(struct fx *f, mm_op op)
{
	for (long n = 0; n < 64; n++) {
		struct snap before, after;
		int rc;

		take_snap(f, &before);
		storage_fail_after(f->st, n);
		rc = op(f);
		storage_fail_after(f->st, -1);
		if (rc == 0)
			return (unsigned)n;
		assert_errno(rc, -ENOMEM);
		take_snap(f, &after);
		assert_snap_equal(&before, &after);
		assert_checker_clean(f);
	}
	fail_msg("the operation never succeeded");
	return 0;
}

static int op_mmap_r2(struct fx *f) { return mm_mmap(f->mm, 5 * TB, PAGE_SIZE, RW, MM_MAP_FIXED, NULL); }
static int op_mmap_r1(struct fx *f)
{
	return mm_mmap(f->mm, (1ULL << 53) + MB, PAGE_SIZE, RW, MM_MAP_FIXED, NULL);
}
static int op_fault_r1(struct fx *f) { return mm_fault(f->mm, (1ULL << 53) + MB, MM_FAULT_WRITE); }
static int op_mmap_fixed_split(struct fx *f)
{
	return mm_mmap(f->mm, MB + PAGE_SIZE, PAGE_SIZE, MM_PROT_READ, MM_MAP_FIXED, NULL);
}
static int op_munmap_split(struct fx *f) { return mm_munmap(f->mm, 3 * MB + PAGE_SIZE, PAGE_SIZE); }
static int op_mprotect_split2(struct fx *f)
{
	return mm_mprotect(f->mm, 3 * MB + 2 * PAGE_SIZE, PAGE_SIZE, MM_PROT_READ);
}
static int op_write_new_segment(struct fx *f)
{
	uint8_t b = 9;

	return mm_write(f->mm, 6 * MB + 5, &b, 1);
}

static int op_write_next_segment(struct fx *f)
{
	uint8_t b = 9;

	return mm_write(f->mm, 7 * MB + 5, &b, 1);
}

static void test_mm_inject_mmap(void **state)
{
	struct fx *f = *state;

	assert_errno(mm_mmap(f->mm, MB, 3 * PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_fault(f->mm, MB + PAGE_SIZE, MM_FAULT_WRITE), 0);
	/* the VMA and one region-second table */
	assert_int_equal(inject_all(f, op_mmap_r2), 2);
	/* the VMA, the replacing VMA's split remainder; the old page goes */
	assert_int_equal(inject_all(f, op_mmap_fixed_split), 2);
	assert_int_equal(nvmas(f), 4);
	/* the VMA and a region-first table (the mm is region-second now) */
	assert_int_equal(inject_all(f, op_mmap_r1), 2);
	assert_checker_clean(f);
}

static void test_mm_inject_mmap_two_upgrades(void **state)
{
	struct fx *f = *state;

	/* the VMA, a region-second and a region-first table */
	assert_int_equal(inject_all(f, op_mmap_r1), 3);
	assert_hex_equal(mm_asce(f->mm) & 0xfff, ASCE_LOW_R1);
	assert_checker_clean(f);
}

static void test_mm_inject_fault(void **state)
{
	struct fx *f = *state;
	bool pgste = f->mm->context.has_pgste;

	assert_errno(op_mmap_r1(f), 0);
	/* region-second, region-third, segment and page table, (gmap_pgtable), frame */
	assert_int_equal(inject_all(f, op_fault_r1), pgste ? 6 : 5);
	assert_int_equal(f->mm->rss, 1);
	assert_errno(mm_mmap(f->mm, 6 * MB, MB, RW, MM_MAP_FIXED, NULL), 0);
	/* through mm_write: nothing below 2 GB was touched, so a segment table,
	 * a page table, (gmap_pgtable), a frame */
	assert_int_equal(inject_all(f, op_write_new_segment), pgste ? 4 : 3);
	/* the next segment shares the segment table: a page table, (gmap_pgtable), a frame */
	assert_errno(mm_mmap(f->mm, 7 * MB, MB, RW, MM_MAP_FIXED, NULL), 0);
	assert_int_equal(inject_all(f, op_write_next_segment), pgste ? 3 : 2);
	assert_checker_clean(f);
}

static void test_mm_inject_munmap_mprotect(void **state)
{
	struct fx *f = *state;
	uint8_t buf[4 * 4096];

	memset(buf, 3, sizeof(buf));
	assert_errno(mm_mmap(f->mm, 3 * MB, 4 * PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_write(f->mm, 3 * MB, buf, sizeof(buf)), 0);
	/* splitting one VMA into two needs one new VMA */
	assert_int_equal(inject_all(f, op_munmap_split), 1);
	assert_int_equal(nvmas(f), 2);
	assert_hex_equal(pte_of(f, 3 * MB + PAGE_SIZE), 0x400);
	/* mprotect of a page inside [3 MB + 2 pages, 3 MB + 4 pages): two new VMAs */
	assert_errno(mm_mmap(f->mm, 3 * MB + PAGE_SIZE, PAGE_SIZE, MM_PROT_READ, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_mprotect(f->mm, 3 * MB, 4 * PAGE_SIZE, RW), 0);
	assert_int_equal(nvmas(f), 1);
	assert_int_equal(inject_all(f, op_mprotect_split2), 2);
	assert_int_equal(nvmas(f), 3);
	assert_hex_equal(pte_of(f, 3 * MB + 2 * PAGE_SIZE) & 0xfff, 0x200);
	assert_checker_clean(f);
}

static void test_mm_zap_drops_pages_keeps_vma_and_tables(void **state)
{
	struct fx *f = *state;
	uint8_t b = 0x5a, out = 0xff;
	uint64_t pto, rss;

	assert_errno(mm_mmap(f->mm, MB, 4 * PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_write(f->mm, MB, &b, 1), 0);
	assert_errno(mm_write(f->mm, MB + PAGE_SIZE, &b, 1), 0);
	rss = f->mm->rss;
	assert_errno(mm_zap(f->mm, MB, PAGE_SIZE), 0);
	assert_int_equal(f->mm->rss, rss - 1);
	assert_int_equal(nvmas(f), 1);
	/* the table stays; the zapped pte is empty, the other one intact */
	assert_errno(mm_pte_table(f->mm, MB, false, &pto), 0);
	assert_int_equal(ld8(f, pto), _PAGE_TYPE_EMPTY);
	assert_errno(mm_read(f->mm, MB + PAGE_SIZE, &out, 1), 0);
	assert_int_equal(out, 0x5a);
	/* the next access demand-faults a zeroed page */
	assert_errno(mm_read(f->mm, MB, &out, 1), 0);
	assert_int_equal(out, 0);
	assert_errno(mm_zap(f->mm, MB + 1, PAGE_SIZE), -EINVAL);
	assert_errno(mm_zap(f->mm, MB, 0), -EINVAL);
	assert_errno(mm_zap(NULL, MB, PAGE_SIZE), -EINVAL);
	assert_errno(mm_zap(f->mm, 0xfffffffffff00000ULL, 2 * MB), -EINVAL);
	assert_checker_clean(f);
}

/* An embedder's pte exchange: record, then do what the mm would have. */
struct xchg_log {
	unsigned n;
	uint64_t vmaddr[8], val[8];
};

static void xchg_hook(struct mm_struct *mm, uint64_t vmaddr, uint64_t ptep, uint64_t val)
{
	struct xchg_log *l = mm->embedder;
	uint64_t old;

	if (l->n < 8) {
		l->vmaddr[l->n] = vmaddr;
		l->val[l->n] = val;
	}
	l->n++;
	assert_errno(storage_load8(machine_storage(mm->machine), ptep, &old), 0);
	if (!(old & _PAGE_INVALID))
		assert_errno(tlb_ipte(machine_current_cpu(mm->machine), ptep & ~0x7ffULL, vmaddr, 0,
				      false), 0);
	assert_errno(storage_store8(machine_storage(mm->machine), ptep, val), 0);
}

static void test_mm_pte_xchg_hook_sees_every_pte_store(void **state)
{
	struct fx *f = *state;
	struct xchg_log log = { 0 };
	uint8_t b = 1;
	uint64_t frame;

	f->mm->pte_xchg = xchg_hook;
	f->mm->embedder = &log;
	assert_errno(mm_mmap(f->mm, MB, 2 * PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	/* demand fault: one store of a present writable pte */
	assert_errno(mm_write(f->mm, MB + PAGE_SIZE, &b, 1), 0);
	assert_int_equal(log.n, 1);
	assert_int_equal(log.vmaddr[0], MB + PAGE_SIZE);
	frame = log.val[0] & _PAGE_ORIGIN;
	assert_int_equal(log.val[0], frame | _PAGE_TYPE_RW);
	/* mprotect read-only: the same frame with P */
	assert_errno(mm_mprotect(f->mm, MB, 2 * PAGE_SIZE, MM_PROT_READ), 0);
	assert_int_equal(log.n, 2);
	assert_int_equal(log.val[1], frame | _PAGE_TYPE_RO);
	/* munmap: the empty pte */
	assert_errno(mm_munmap(f->mm, MB, 2 * PAGE_SIZE), 0);
	assert_int_equal(log.n, 3);
	assert_int_equal(log.val[2], _PAGE_TYPE_EMPTY);
	f->mm->pte_xchg = NULL;
	assert_checker_clean(f);
}

/* A write whose second page lies outside every VMA: -EFAULT, and the first
 * page is neither faulted in nor written (all or nothing, mm.h). */
static void test_mm_write_efault_on_second_page_changes_nothing(void **state)
{
	struct fx *f = *state;
	uint8_t b[32];
	struct storage_stats before, after;

	memset(b, 0xab, sizeof(b));
	assert_errno(mm_mmap(f->mm, 16 * MB, PAGE_SIZE, RW, MM_MAP_FIXED, NULL), 0);
	storage_stats(f->st, &before);
	assert_errno(mm_write(f->mm, 16 * MB + PAGE_SIZE - 16, b, sizeof(b)), -EFAULT);
	assert_errno(mm_read(f->mm, 16 * MB + PAGE_SIZE - 16, b, sizeof(b)), -EFAULT);
	storage_stats(f->st, &after);
	assert_stats_equal(&after, &before);
	assert_int_equal(entry_addr(f, 16 * MB, DAT_LEVEL_PTE), 0); /* no page table either */
	assert_checker_clean(f);
}

/*
 * A destroyed mm's handle (docs/design.md, "Handles after destruction"):
 * while it is among the machine's last MACHINE_QUARANTINE destroyed
 * objects, a second destroy and every call through it are detected
 * (-EINVAL, NULL, 0) instead of touching freed memory.
 */
static void test_mm_use_after_destroy_is_detected(void **state)
{
	struct fx *f = *state;
	struct mm_struct *mm;
	struct dat_result res;
	uint64_t out, pmd;
	uint8_t b = 1;

	assert_errno(mm_create(f->m, MM_PGSTE, &mm), 0);
	assert_errno(mm_mmap(mm, 16 * MB, MB, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_write(mm, 16 * MB, &b, 1), 0);
	assert_errno(mm_destroy(mm), 0);
	assert_errno(mm_destroy(mm), -EINVAL);
	assert_errno(mm_mmap(mm, 32 * MB, MB, RW, 0, &out), -EINVAL);
	assert_errno(mm_munmap(mm, 16 * MB, MB), -EINVAL);
	assert_errno(mm_mprotect(mm, 16 * MB, MB, MM_PROT_READ), -EINVAL);
	assert_errno(mm_fault(mm, 16 * MB, MM_FAULT_WRITE), -EINVAL);
	assert_errno(mm_read(mm, 16 * MB, &b, 1), -EINVAL);
	assert_errno(mm_write(mm, 16 * MB, &b, 1), -EINVAL);
	assert_errno(mm_translate(mm, 16 * MB, DAT_FETCH, &res), -EINVAL);
	assert_errno(mm_pmd(mm, 16 * MB, true, &pmd), -EINVAL);
	assert_errno(mm_pte_table(mm, 16 * MB, true, &pmd), -EINVAL);
	assert_errno(page_table_alloc(mm, 16 * MB, &pmd), -EINVAL);
	assert_null(mm_find_vma(mm, 16 * MB));
	assert_null(mm_vma_first(mm));
	assert_null(gmap_alloc(mm));
	assert_int_equal(mm_asce(mm), 0);
	mm_switch(mm, machine_current_cpu(f->m)); /* a no-op */
	assert_int_equal(cpu_get_cr(machine_current_cpu(f->m), 1), 0);
	assert_checker_clean(f);
}

/* ---- raw stores that corrupt the process tables ------------------------- */

/* The violations check_machine() reports now, printed; true if one is @inv at @where. */
static bool checker_reports(struct fx *f, unsigned inv, uint64_t where)
{
	struct check_report rep = { 0 };
	bool found = false;

	assert_true(check_machine(f->m, &rep) > 0);
	for (unsigned i = 0; i < rep.n; i++)
		if (rep.v[i].inv == inv && rep.v[i].where == where)
			found = true;
	if (!found)
		for (unsigned i = 0; i < rep.n; i++)
			print_error("violation %u at 0x%llx: %s\n", rep.v[i].inv,
				    (unsigned long long)rep.v[i].where, rep.v[i].msg);
	check_report_free(&rep);
	return found;
}

/*
 * A caller's storage_store8() over a valid STE cuts the page table (and its
 * frame, and for a pgste mm its gmap_pgtable) off the tables.  That is legal
 * input: the checker names the table nobody references, and mm_destroy()
 * still frees all of it (teardown compares every counter with the bare
 * machine's, host objects and bytes included).
 */
static void test_mm_destroy_frees_page_table_cut_off_by_raw_store(void **state)
{
	struct fx *f = *state;
	uint8_t b = 0x77;
	uint64_t pmd, pto;

	assert_errno(mm_mmap(f->mm, 16 * MB, MB, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_write(f->mm, 16 * MB + 0x123, &b, 1), 0);
	pmd = entry_addr(f, 16 * MB, DAT_LEVEL_STE);
	assert_true(pmd != 0);
	pto = ld8(f, pmd) & ~0x7ffULL;
	assert_errno(storage_store8(f->st, pmd, 0x20), 0); /* _SEGMENT_ENTRY_EMPTY */
	assert_true(checker_reports(f, CHECK_INV_MM_TABLES, pto));
}

/* The same one level up: a region-third entry overwritten with EMPTY loses
 * a segment table, the page table under it and a frame. */
static void test_mm_destroy_frees_region_table_cut_off_by_raw_store(void **state)
{
	struct fx *f = *state;
	uint8_t b = 0x77;
	uint64_t r3e, sgt;

	assert_errno(mm_mmap(f->mm, 3 * TB, MB, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_write(f->mm, 3 * TB + 0x40, &b, 1), 0);
	r3e = entry_addr(f, 3 * TB, DAT_LEVEL_R3TE);
	sgt = ld8(f, r3e) & ~0xfffULL;
	assert_errno(storage_store8(f->st, r3e, 0x20 | 0x04), 0); /* _REGION3_ENTRY_EMPTY */
	assert_true(checker_reports(f, CHECK_INV_MM_TABLES, sgt));
}

/*
 * A PTE overwritten with the frame of another mm: unmapping it must not
 * free that mm's frame (whose bytes stay readable), the checker reports the
 * PTE, and both mms still tear down to the bare machine.
 */
static void test_mm_raw_pte_to_foreign_frame_is_not_freed(void **state)
{
	struct fx *f = *state;
	struct mm_struct *other;
	uint8_t b = 0x5c, r = 0;
	struct dat_result res;
	uint64_t ptep;

	assert_errno(mm_create(f->m, 0, &other), 0);
	assert_errno(mm_mmap(other, 16 * MB, MB, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_write(other, 16 * MB, &b, 1), 0);
	assert_errno(mm_translate(other, 16 * MB, DAT_FETCH, &res), 0);
	assert_errno(mm_mmap(f->mm, 16 * MB, MB, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_write(f->mm, 16 * MB, &b, 1), 0);
	ptep = entry_addr(f, 16 * MB, DAT_LEVEL_PTE);
	assert_errno(storage_store8(f->st, ptep, res.aaddr & ~0xfffULL), 0);
	assert_true(checker_reports(f, CHECK_INV_STORAGE, ptep));
	assert_errno(mm_munmap(f->mm, 16 * MB, MB), 0);
	assert_int_equal(storage_kind_at(f->st, res.aaddr), STORAGE_FRAME);
	assert_errno(mm_read(other, 16 * MB, &r, 1), 0);
	assert_int_equal(r, 0x5c);
	assert_errno(mm_destroy(other), 0);
}

/* An STE pointing at another mm's page table: reported, and destroying this
 * mm leaves that table (and its PTE) to its owner. */
static void test_mm_raw_ste_to_foreign_table_is_not_freed(void **state)
{
	struct fx *f = *state;
	struct mm_struct *other;
	uint8_t b = 0x5c, r = 0;
	uint64_t pmd, opto;

	assert_errno(mm_create(f->m, f->mm->context.has_pgste ? MM_PGSTE : 0, &other), 0);
	assert_errno(mm_mmap(other, 16 * MB, MB, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_write(other, 16 * MB, &b, 1), 0);
	assert_errno(mm_pte_table(other, 16 * MB, false, &opto), 0);
	assert_errno(mm_mmap(f->mm, 32 * MB, MB, RW, MM_MAP_FIXED, NULL), 0);
	assert_errno(mm_pmd(f->mm, 32 * MB, true, &pmd), 0);
	assert_errno(storage_store8(f->st, pmd, opto), 0);
	assert_true(checker_reports(f, CHECK_INV_STORAGE, pmd));
	assert_errno(mm_destroy(f->mm), 0);
	f->mm = NULL;
	assert_int_equal(storage_kind_at(f->st, opto),
			 other->context.has_pgste ? STORAGE_PT_PGSTE : STORAGE_PT_FRAG);
	assert_int_equal(storage_kind_at(f->st, ld8(f, opto) & ~0xfffULL), STORAGE_FRAME);
	assert_errno(mm_read(other, 16 * MB, &r, 1), 0);
	assert_int_equal(r, 0x5c);
	assert_errno(mm_destroy(other), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_mm_create_region3_top, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_zap_drops_pages_keeps_vma_and_tables, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_pte_xchg_hook_sees_every_pte_store, setup_pgste,
						teardown),
		cmocka_unit_test_setup_teardown(test_mm_mmap_hint_and_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_mmap_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_munmap_split_and_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_mmap_fixed_replaces, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_fault_builds_tables, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_pgste_table_shape, setup_pgste, teardown),
		cmocka_unit_test_setup_teardown(test_mm_fault_protection, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_mprotect_split_and_merge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_mprotect_none_keeps_contents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_mprotect_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_munmap_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_munmap_segment_frees_page_table, setup_pgste,
						teardown),
		cmocka_unit_test_setup_teardown(test_mm_pt_ops_embedder_makes_and_frees_page_tables,
						setup_pgste, teardown),
		cmocka_unit_test_setup_teardown(test_mm_asce_upgrade_region2, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_asce_upgrade_region1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_read_write_across_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_destroy_frees_everything, setup_pgste, teardown),
		cmocka_unit_test_setup_teardown(test_mm_destroy_busy_with_gmap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_tlb_flush_policy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_tlb_flush_without_idte, setup_noidte, teardown),
		cmocka_unit_test_setup_teardown(test_mm_tlb_coherent, setup_tlb, teardown),
		cmocka_unit_test_setup_teardown(test_mm_inject_mmap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_inject_mmap_two_upgrades, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_inject_fault, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_inject_fault, setup_pgste, teardown),
		cmocka_unit_test_setup_teardown(test_mm_inject_munmap_mprotect, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_write_efault_on_second_page_changes_nothing,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_use_after_destroy_is_detected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_destroy_frees_page_table_cut_off_by_raw_store,
						setup_pgste, teardown),
		cmocka_unit_test_setup_teardown(test_mm_destroy_frees_page_table_cut_off_by_raw_store,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_mm_destroy_frees_region_table_cut_off_by_raw_store,
						setup_pgste, teardown),
		cmocka_unit_test_setup_teardown(test_mm_raw_pte_to_foreign_frame_is_not_freed, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_mm_raw_ste_to_foreign_table_is_not_freed,
						setup_pgste, teardown),
		cmocka_unit_test_setup_teardown(test_mm_raw_ste_to_foreign_table_is_not_freed, setup,
						teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
