/* SPDX-License-Identifier: MIT */
/*
 * Tests of lib/gmap.c: the seed's guest address space (gmap-semantics §1,
 * §4.A, "Decisions for libgmap").  Expected entry values are derived by
 * hand from the 2011 encodings: EMPTY 0x20, MAPPED 0x220 | vmaddr,
 * LINKED = page-table origin; region entries origin | TT | TL=3 (0x0f R1,
 * 0x0b R2, 0x07 R3); empty region entries 0x2c/0x28/0x24.
 */
#include <stdlib.h>
#include <string.h>

#include "gmap-test.h"
#include "gmap/libgmap.h"


struct fx {
	struct gm_machine *m;
	struct gm_storage *st;
	struct mm_struct *mm;
	struct gmap *gmap;
	struct storage_stats before; /* right after machine_create */
	/* event counters */
	unsigned purges_idte, purges_csp, faults_mm, faults_gmap;
	uint64_t last_idte_asce;
};

/* ---- helpers ------------------------------------------------------------ */

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

static void hook(void *opaque, const struct gm_event *ev)
{
	struct fx *f = opaque;

	if (ev->type == GM_EV_TLB_PURGE) {
		if (ev->a == TLB_PURGE_IDTE_ASCE) {
			f->purges_idte++;
			f->last_idte_asce = ev->b;
		} else if (ev->a == TLB_PURGE_CSP) {
			f->purges_csp++;
		}
	} else if (ev->type == GM_EV_FAULT) {
		if (ev->c == GM_FAULT_GMAP)
			f->faults_gmap++;
		else
			f->faults_mm++;
	}
}

static struct fx *fx_new_tlb(unsigned facilities, bool tlb)
{
	struct gm_machine_config cfg = {
		.storage_size = 256 * MB, .ncpus = 2, .facilities = facilities, .tlb = tlb
	};
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	assert_int_equal(machine_create(&cfg, &f->m), 0);
	f->st = machine_storage(f->m);
	storage_stats(f->st, &f->before);
	assert_int_equal(mm_create(f->m, MM_PGSTE, &f->mm), 0);
	f->gmap = gmap_alloc(f->mm);
	assert_non_null(f->gmap);
	mm_switch(f->mm, machine_current_cpu(f->m));
	machine_set_event_hook(f->m, hook, f);
	CHECK_OK(f->m);
	return f;
}

static struct fx *fx_new(unsigned facilities)
{
	return fx_new_tlb(facilities, false);
}

static int setup(void **state)
{
	*state = fx_new(GM_FAC_IDTE);
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	struct storage_stats after;

	CHECK_OK(f->m);
	gmap_free(f->gmap);
	assert_int_equal(mm_destroy(f->mm), 0);
	/* Nothing leaks: frames and host objects back to the empty machine. */
	storage_stats(f->st, &after);
	assert_int_equal(after.frames_used, f->before.frames_used);
	assert_int_equal(after.host_objects, f->before.host_objects);
	assert_int_equal(after.host_bytes, f->before.host_bytes);
	assert_int_equal(machine_destroy(f->m), 0);
	free(f);
	return 0;
}

static uint64_t ld8(struct fx *f, uint64_t aaddr)
{
	uint64_t v = 0;

	assert_int_equal(storage_load8(f->st, aaddr, &v), 0);
	return v;
}

/*
 * Walk a gmap by hand: the STE value for @gaddr and its address, or
 * UINT64_MAX when a region entry on the way is invalid (@lvl: its level).
 */
static uint64_t guest_ste(struct fx *f, struct gmap *g, uint64_t gaddr, uint64_t *where)
{
	uint64_t table = g->table;
	const unsigned shift[] = { 53, 42, 31 };

	for (int i = 0; i < 3; i++) {
		uint64_t e = ld8(f, table + ((gaddr >> shift[i]) & 0x7ff) * 8);

		if (e & 0x20)
			return UINT64_MAX;
		table = e & ~0xfffULL;
	}
	if (where)
		*where = table + ((gaddr >> 20) & 0x7ff) * 8;
	return ld8(f, table + ((gaddr >> 20) & 0x7ff) * 8);
}

static uint64_t ste_addr(struct fx *f, struct gmap *g, uint64_t gaddr)
{
	uint64_t a = 0;

	assert_true(guest_ste(f, g, gaddr, &a) != UINT64_MAX);
	return a;
}

/* The process's page-table origin for @vmaddr (the pmd), 0 if none. */
static uint64_t process_pto(struct fx *f, uint64_t vmaddr)
{
	uint64_t pmd, v;

	if (mm_pmd(f->mm, vmaddr, false, &pmd) < 0)
		return 0;
	v = ld8(f, pmd);
	return (v & 0x20) ? 0 : (v & ~0xfffULL);
}

static void do_mmap(struct fx *f, uint64_t vmaddr, uint64_t len, unsigned prot)
{
	uint64_t out = 0;

	assert_int_equal(mm_mmap(f->mm, vmaddr, len, prot, MM_MAP_FIXED, &out), 0);
	assert_hex_equal(out, vmaddr);
	CHECK_OK(f->m);
}

static void do_map(struct fx *f, struct gmap *g, uint64_t from, uint64_t to, uint64_t len)
{
	assert_int_equal(gmap_map_segment(g, from, to, len), 0);
	CHECK_OK(f->m);
}

/* ---- a snapshot of everything gmap/mm state is made of ------------------- */

struct snap {
	uint64_t *v;
	size_t n, cap;
};

static void snap_push(struct snap *s, uint64_t x)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->v = realloc(s->v, s->cap * sizeof(*s->v));
		assert_non_null(s->v);
	}
	s->v[s->n++] = x;
}

static void snap_tables(struct fx *f, struct snap *s, uint64_t table, unsigned level, bool gmap)
{
	for (unsigned i = 0; i < 2048; i++) {
		uint64_t e = ld8(f, table + i * 8ULL);

		if (level > 1) {
			if (e & 0x20)
				continue;
			snap_push(s, table + i * 8ULL);
			snap_push(s, e);
			snap_tables(f, s, e & ~0xfffULL, level - 1, gmap);
			continue;
		}
		if (e == 0x20)
			continue;
		snap_push(s, table + i * 8ULL);
		snap_push(s, e);
		if (!gmap && !(e & 0x20)) {
			uint64_t pto = e & ~0x7ffULL;
			struct gmap_pgtable *mp = mm_pgtable(f->mm, pto);
			struct gmap_rmap *r;

			for (unsigned p = 0; p < 256; p++)
				snap_push(s, ld8(f, pto + p * 8ULL));
			if (mp) {
				snap_push(s, mp->vmaddr);
				snap_push(s, mp->nr_mappers);
				LIST_FOREACH(r, &mp->mapper, list)
					snap_push(s, r->entry);
			}
		}
	}
}

static void snapshot(struct fx *f, struct snap *s)
{
	struct storage_stats ss;
	struct vm_area_struct *vma;
	struct gmap *g;
	uint64_t dt = f->mm->asce_bits & 0xc;
	unsigned top = dt == 0xc ? 4 : dt == 0x8 ? 3 : dt == 0x4 ? 2 : 1;

	s->n = 0;
	snap_push(s, mm_asce(f->mm));
	snap_tables(f, s, f->mm->pgd, top, false);
	for (vma = mm_vma_first(f->mm); vma; vma = mm_vma_next(f->mm, vma)) {
		snap_push(s, vma->vm_start);
		snap_push(s, vma->vm_end);
		snap_push(s, vma->vm_prot);
	}
	LIST_FOREACH(g, &f->mm->context.gmap_list, list) {
		struct gmap_crst *c;

		snap_push(s, g->table);
		snap_push(s, g->nr_crst);
		LIST_FOREACH(c, &g->crst_list, list)
			snap_push(s, c->table);
		snap_tables(f, s, g->table, 4, true);
	}
	storage_stats(f->st, &ss);
	snap_push(s, ss.frames_used);
	for (unsigned k = 0; k < STORAGE_KIND_COUNT; k++)
		snap_push(s, ss.by_kind[k]);
	snap_push(s, ss.host_objects);
	snap_push(s, ss.host_bytes);
}

static void assert_snap_equal(const struct snap *a, const struct snap *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i] != b->v[i])
			fail_msg("snapshot differs at %zu: 0x%llx vs 0x%llx", i,
				 (unsigned long long)a->v[i], (unsigned long long)b->v[i]);
}

/* ---- gmap_alloc / gmap_ste_state / handles ------------------------------ */

static void test_gmap_alloc_layout(void **state)
{
	struct fx *f = *state;
	struct gmap *g = f->gmap;

	/* §1.3: an R1 table filled with 0x2c, ASCE low bits 0x1cf. */
	assert_hex_equal(g->table & 0x3fff, 0);
	assert_hex_equal(g->asce, g->table | 0x1cf);
	for (unsigned i = 0; i < 2048; i++)
		assert_hex_equal(ld8(f, g->table + i * 8ULL), 0x2c);
	assert_int_equal(storage_kind_at(f->st, g->table), STORAGE_CRST);
	assert_ptr_equal(LIST_FIRST(&f->mm->context.gmap_list), g);
	assert_ptr_equal(g->mm, f->mm);
	assert_int_equal(g->nr_crst, 1);
	assert_hex_equal(LIST_FIRST(&g->crst_list)->table, g->table);
	assert_ptr_equal(f->mm->unmap_notifier, gmap_unmap_notifier);
}

static void test_gmap_alloc_rejects(void **state)
{
	struct fx *f = *state;
	struct mm_struct *plain;
	struct storage_stats a, b;

	assert_null(gmap_alloc(NULL));
	assert_int_equal(mm_create(f->m, 0, &plain), 0);
	assert_null(gmap_alloc(plain)); /* no pgstes: documented */
	assert_int_equal(mm_destroy(plain), 0);
	/* Each of its allocations (struct, crst node, table) failing → NULL, no leak. */
	for (long n = 0; n < 8; n++) {
		struct gmap *g;

		storage_stats(f->st, &a);
		storage_fail_after(f->st, n);
		g = gmap_alloc(f->mm);
		storage_fail_after(f->st, -1);
		if (g) {
			assert_true(n >= 1);
			gmap_free(g);
			break;
		}
		storage_stats(f->st, &b);
		assert_int_equal(a.frames_used, b.frames_used);
		assert_int_equal(a.host_objects, b.host_objects);
		assert_ptr_equal(LIST_FIRST(&f->mm->context.gmap_list), f->gmap);
		CHECK_OK(f->m);
	}
	CHECK_OK(f->m);
}

static void test_gmap_ste_state_classifies(void **state)
{
	(void)state;
	assert_int_equal(gmap_ste_state(0x20), GMAP_STE_STATE_EMPTY);
	assert_int_equal(gmap_ste_state(0x220), GMAP_STE_STATE_MAPPED);
	assert_int_equal(gmap_ste_state(0x220 | (5 * MB)), GMAP_STE_STATE_MAPPED);
	assert_int_equal(gmap_ste_state(0x123000), GMAP_STE_STATE_LINKED);
	assert_int_equal(gmap_ste_state(0x220 | 0x1000), GMAP_STE_STATE_BAD); /* target not 1 MB aligned */
	assert_int_equal(gmap_ste_state(0x123000 | 0x400), GMAP_STE_STATE_BAD); /* FC */
	assert_int_equal(gmap_ste_state(0x200), GMAP_STE_STATE_BAD); /* P without I */
	assert_int_equal(gmap_ste_state(0), GMAP_STE_STATE_BAD);
}

static void test_gmap_enable_disable_lowcore(void **state)
{
	struct fx *f = *state;
	struct gm_cpu *cpu1 = machine_cpu(f->m, 1);
	uint64_t v;

	/* CPU 0's prefix is 0: the field is at absolute 0x370. */
	gmap_enable(f->gmap);
	assert_hex_equal(ld8(f, 0x370), f->gmap->table);
	assert_ptr_equal(gmap_from_handle(f->m, f->gmap->table), f->gmap);
	assert_null(gmap_from_handle(f->m, 0));
	assert_null(gmap_from_handle(f->m, f->gmap->table + 0x4000));
	CHECK_OK(f->m);
	gmap_disable(f->gmap);
	assert_hex_equal(ld8(f, 0x370), 0);

	/* CPU 1: its own prefix area. */
	assert_int_equal(machine_set_current_cpu(f->m, 1), 0);
	gmap_enable(f->gmap);
	assert_hex_equal(ld8(f, cpu_prefix(cpu1) + 0x370ULL), f->gmap->table);
	assert_int_equal(cpu_lowcore_load(cpu1, 0x370, 8, &v), 0);
	assert_hex_equal(v, f->gmap->table);
	assert_hex_equal(ld8(f, 0x370), 0);
	CHECK_OK(f->m);
	gmap_disable(f->gmap);
	assert_hex_equal(ld8(f, cpu_prefix(cpu1) + 0x370ULL), 0);
	assert_int_equal(machine_set_current_cpu(f->m, 0), 0);
}

/* ---- gmap_map_segment ---------------------------------------------------- */

static void test_gmap_map_segment_einval(void **state)
{
	struct fx *f = *state;
	struct snap a = { 0 }, b = { 0 };

	snapshot(f, &a);
	assert_errno(gmap_map_segment(NULL, 0, 0, MB), -EINVAL);
	assert_errno(gmap_map_segment(f->gmap, 0x1000, 0, MB), -EINVAL);
	assert_errno(gmap_map_segment(f->gmap, 0, 0x80000, MB), -EINVAL);
	assert_errno(gmap_map_segment(f->gmap, 0, 0, MB + 0x1000), -EINVAL);
	assert_errno(gmap_map_segment(f->gmap, 0, 0, 0), -EINVAL);
	/* from + len > 4 TB (PGDIR_SIZE) */
	assert_errno(gmap_map_segment(f->gmap, 4 * TB - MB, 0, 2 * MB), -EINVAL);
	assert_errno(gmap_map_segment(f->gmap, 4 * TB, 0, MB), -EINVAL);
	/* wrap-around of from + len and of to + len */
	assert_errno(gmap_map_segment(f->gmap, MB, 0, UINT64_MAX - MB + 1), -EINVAL);
	assert_errno(gmap_map_segment(f->gmap, 0, UINT64_MAX - MB + 1, 2 * MB), -EINVAL);
	assert_errno(gmap_map_segment(f->gmap, 0, UINT64_MAX - MB + 1, MB), -EINVAL);
	snapshot(f, &b);
	assert_snap_equal(&a, &b);
	CHECK_OK(f->m);
	free(a.v);
	free(b.v);
}

static void test_gmap_map_segment_4tb_limit(void **state)
{
	struct fx *f = *state;

	/* from + len == 4 TB is allowed (the kernel checks >, §5 item 9). */
	do_map(f, f->gmap, 4 * TB - MB, 0, MB);
	assert_hex_equal(guest_ste(f, f->gmap, 0, NULL), 0x220 | (4 * TB - MB));
	do_map(f, f->gmap, 4 * TB - 2 * MB, 7 * MB, 2 * MB);
	assert_hex_equal(guest_ste(f, f->gmap, 8 * MB, NULL), 0x220 | (4 * TB - MB));
}

static void test_gmap_map_segment_builds_tables(void **state)
{
	struct fx *f = *state;
	struct gmap *g = f->gmap;
	/* R1 index 3, R2 index 5, R3 index 7, segment index 9. */
	uint64_t to = (3ULL << 53) | (5ULL << 42) | (7ULL << 31) | (9ULL << 20);
	uint64_t r1e, r2e, r3e, r2t, r3t, sgt;

	do_map(f, g, 16 * MB, to, MB);
	r1e = ld8(f, g->table + 3 * 8);
	assert_hex_equal(r1e & 0xfff, 0x0f);
	r2t = r1e & ~0xfffULL;
	r2e = ld8(f, r2t + 5 * 8);
	assert_hex_equal(r2e & 0xfff, 0x0b);
	r3t = r2e & ~0xfffULL;
	r3e = ld8(f, r3t + 7 * 8);
	assert_hex_equal(r3e & 0xfff, 0x07);
	sgt = r3e & ~0xfffULL;
	assert_hex_equal(ld8(f, sgt + 9 * 8), 0x220 | (16 * MB));
	/* The rest of each new table holds its level's empty value. */
	assert_hex_equal(ld8(f, r2t), 0x28);
	assert_hex_equal(ld8(f, r2t + 2047 * 8), 0x28);
	assert_hex_equal(ld8(f, r3t + 6 * 8), 0x24);
	assert_hex_equal(ld8(f, sgt + 8 * 8), 0x20);
	assert_hex_equal(ld8(f, sgt + 10 * 8), 0x20);
	assert_hex_equal(ld8(f, g->table + 2 * 8), 0x2c);
	assert_int_equal(g->nr_crst, 4);
	/* Remapping in the same 2 GB block allocates nothing more. */
	do_map(f, g, 32 * MB, to + MB, 3 * MB);
	assert_int_equal(g->nr_crst, 4);
	assert_hex_equal(ld8(f, sgt + 10 * 8), 0x220 | (32 * MB));
	assert_hex_equal(ld8(f, sgt + 12 * 8), 0x220 | (34 * MB));
	assert_hex_equal(ld8(f, sgt + 13 * 8), 0x20);
}

static void test_gmap_map_segment_top_of_space(void **state)
{
	struct fx *f = *state;

	/* The last segment of the 64-bit space (R1 index 2047; §5 item 12). */
	do_map(f, f->gmap, 0, UINT64_MAX - MB + 1 - MB, MB);
	assert_hex_equal(guest_ste(f, f->gmap, UINT64_MAX - 2 * MB + 1, NULL), 0x220);
	assert_hex_equal(ld8(f, f->gmap->table + 2047 * 8) & 0xfff, 0x0f);
}

static void test_gmap_map_segment_crosses_regions(void **state)
{
	struct fx *f = *state;
	struct gmap *g = f->gmap;

	/* 4 MB across the 2 GB boundary: two segment tables. */
	do_map(f, g, 100 * MB, 2 * GB - 2 * MB, 4 * MB);
	assert_hex_equal(guest_ste(f, g, 2 * GB - 2 * MB, NULL), 0x220 | (100 * MB));
	assert_hex_equal(guest_ste(f, g, 2 * GB - MB, NULL), 0x220 | (101 * MB));
	assert_hex_equal(guest_ste(f, g, 2 * GB, NULL), 0x220 | (102 * MB));
	assert_hex_equal(guest_ste(f, g, 2 * GB + MB, NULL), 0x220 | (103 * MB));
	assert_hex_equal(guest_ste(f, g, 2 * GB + 2 * MB, NULL), 0x20);
	assert_int_equal(g->nr_crst, 5);
}

/* ---- gmap_fault ---------------------------------------------------------- */

static void test_gmap_fault_links_mapped(void **state)
{
	struct fx *f = *state;
	struct gmap *g = f->gmap;
	struct gmap_pgtable *mp;
	uint64_t vm = 64 * MB, sa, pto;
	unsigned long r;

	do_mmap(f, vm, 2 * MB, MM_PROT_READ | MM_PROT_WRITE);
	do_map(f, g, vm, 0, 2 * MB);
	sa = ste_addr(f, g, MB + 0x1234);
	assert_hex_equal(ld8(f, sa), 0x220 | (vm + MB));

	r = gmap_fault(MB + 0x1234, g);
	CHECK_OK(f->m);
	assert_hex_equal(r, vm + MB + 0x1234);
	assert_hex_equal(cpu_gmap_addr(machine_current_cpu(f->m)), MB + 0x1234);
	pto = process_pto(f, vm + MB);
	assert_true(pto != 0);
	assert_hex_equal(ld8(f, sa), pto);                 /* LINKED: the very same table */
	assert_hex_equal(ld8(f, sa - 8), 0x220 | vm);      /* the neighbour untouched */
	mp = mm_pgtable(f->mm, pto);
	assert_non_null(mp);
	assert_hex_equal(mp->vmaddr, vm + MB);
	assert_int_equal(mp->nr_mappers, 1);
	assert_hex_equal(LIST_FIRST(&mp->mapper)->entry, sa);
	/* The table is fresh: PTEs 0x400, PGSTEs 0 (§4.A 11). */
	assert_hex_equal(ld8(f, pto), 0x400);
	assert_hex_equal(ld8(f, pto + 255 * 8), 0x400);
	assert_hex_equal(ld8(f, pto + 256 * 8), 0);

	/* Fault on LINKED: same answer, nothing changes. */
	r = gmap_fault(MB + 0xfffff, g);
	CHECK_OK(f->m);
	assert_hex_equal(r, vm + MB + 0xfffff);
	assert_hex_equal(ld8(f, sa), pto);
	assert_int_equal(mp->nr_mappers, 1);
	assert_hex_equal(cpu_gmap_addr(machine_current_cpu(f->m)), MB + 0xfffff);
	assert_true(f->faults_gmap >= 2);
}

static void test_gmap_fault_efault_no_change(void **state)
{
	struct fx *f = *state;
	struct gmap *g = f->gmap;
	struct snap a = { 0 }, b = { 0 };
	uint64_t vm = 64 * MB;

	do_mmap(f, vm, MB, MM_PROT_READ | MM_PROT_WRITE);
	do_map(f, g, vm, 0, MB);          /* MAPPED with a VMA */
	do_map(f, g, 200 * MB, MB, MB);   /* MAPPED, no VMA at the target */
	/* VMA starting above the target segment (vm_start > vmaddr) */
	do_mmap(f, 300 * MB + 0x1000, 0x1000, MM_PROT_READ);
	do_map(f, g, 300 * MB, 2 * MB, MB);
	snapshot(f, &a);

	assert_hex_equal(gmap_fault(3 * MB + 5, g), (unsigned long)-EFAULT);  /* EMPTY */
	assert_hex_equal(cpu_gmap_addr(machine_current_cpu(f->m)), 3 * MB + 5);
	assert_hex_equal(gmap_fault(1ULL << 60, g), (unsigned long)-EFAULT); /* invalid R1 entry */
	assert_hex_equal(cpu_gmap_addr(machine_current_cpu(f->m)), 1ULL << 60);
	assert_hex_equal(gmap_fault(4 * GB, g), (unsigned long)-EFAULT);      /* invalid R3 entry */
	assert_hex_equal(gmap_fault(MB + 7, g), (unsigned long)-EFAULT);      /* no VMA */
	assert_hex_equal(cpu_gmap_addr(machine_current_cpu(f->m)), MB + 7);
	assert_hex_equal(gmap_fault(2 * MB, g), (unsigned long)-EFAULT);      /* VMA above */
	assert_hex_equal(gmap_fault(0, NULL), (unsigned long)-EFAULT);
	snapshot(f, &b);
	assert_snap_equal(&a, &b);
	CHECK_OK(f->m);
	free(a.v);
	free(b.v);
}

/* ---- gmap_unmap_segment -------------------------------------------------- */

static void test_gmap_unmap_segment_states(void **state)
{
	struct fx *f = *state;
	struct gmap *g = f->gmap;
	struct snap a = { 0 }, b = { 0 };
	uint64_t vm = 64 * MB, pto;
	unsigned purges;

	assert_errno(gmap_unmap_segment(g, 0x1000, MB), -EINVAL);
	assert_errno(gmap_unmap_segment(g, 0, MB + 1), -EINVAL);
	assert_errno(gmap_unmap_segment(g, 0, 0), -EINVAL);
	assert_errno(gmap_unmap_segment(g, UINT64_MAX - MB + 1, 2 * MB), -EINVAL);
	assert_errno(gmap_unmap_segment(NULL, 0, MB), -EINVAL);

	/* Unmapping what was never mapped is no error and changes nothing. */
	snapshot(f, &a);
	assert_int_equal(gmap_unmap_segment(g, 0, 8 * GB), 0);
	snapshot(f, &b);
	assert_snap_equal(&a, &b);
	CHECK_OK(f->m);

	do_mmap(f, vm, 2 * MB, MM_PROT_READ | MM_PROT_WRITE);
	do_map(f, g, vm, 0, 2 * MB);
	assert_hex_equal(gmap_fault(0, g), vm);
	CHECK_OK(f->m);
	pto = process_pto(f, vm);
	assert_int_equal(mm_pgtable(f->mm, pto)->nr_mappers, 1);

	/* MAPPED → EMPTY needs no flush. */
	purges = f->purges_idte + f->purges_csp;
	assert_int_equal(gmap_unmap_segment(g, MB, MB), 0);
	CHECK_OK(f->m);
	assert_hex_equal(guest_ste(f, g, MB, NULL), 0x20);
	assert_int_equal(f->purges_idte + f->purges_csp, purges);
	/* LINKED → EMPTY: rmap removed, IDTE by the gmap ASCE (machine has IDTE). */
	assert_int_equal(gmap_unmap_segment(g, 0, MB), 0);
	CHECK_OK(f->m);
	assert_hex_equal(guest_ste(f, g, 0, NULL), 0x20);
	assert_int_equal(mm_pgtable(f->mm, pto)->nr_mappers, 0);
	assert_int_equal(f->purges_idte, 1);
	assert_hex_equal(f->last_idte_asce & ~0xfffULL, g->table);
	free(a.v);
	free(b.v);
}

/*
 * Divergence 1 (docs/gmap.md): 2011 stopped at the first invalid region
 * entry ("goto out", gmap-semantics §1.8 and §5 item 7); libgmap processes
 * the whole range, so a populated block after a hole is unmapped too.
 */
static void test_gmap_unmap_segment_whole_range(void **state)
{
	struct fx *f = *state;
	struct gmap *g = f->gmap;

	do_map(f, g, 0, 0, MB);                  /* R3 index 0 */
	do_map(f, g, 5 * MB, 4 * GB, MB);        /* R3 index 2, index 1 unpopulated */
	do_map(f, g, 7 * MB, 8 * TB, MB);        /* R2 index 2, index 1 unpopulated */
	do_map(f, g, 9 * MB, 1ULL << 53, MB);    /* R1 index 1 */
	assert_int_equal(gmap_unmap_segment(g, 0, (1ULL << 53) + MB), 0);
	CHECK_OK(f->m);
	assert_hex_equal(guest_ste(f, g, 0, NULL), 0x20);
	assert_hex_equal(guest_ste(f, g, 4 * GB, NULL), 0x20);
	assert_hex_equal(guest_ste(f, g, 8 * TB, NULL), 0x20);
	assert_hex_equal(guest_ste(f, g, 1ULL << 53, NULL), 0x20);
	/* Tables stay until gmap_free (§1.6). */
	assert_int_equal(g->nr_crst, 1 + 3 + 1 + 2 + 3);
}

static void test_gmap_map_replaces_linked(void **state)
{
	struct fx *f = *state;
	struct gmap *g = f->gmap;
	uint64_t vm = 64 * MB, pto;

	do_mmap(f, vm, MB, MM_PROT_READ | MM_PROT_WRITE);
	do_map(f, g, vm, 10 * MB, MB);
	assert_hex_equal(gmap_fault(10 * MB + 8, g), vm + 8);
	CHECK_OK(f->m);
	pto = process_pto(f, vm);
	/* Remap over a LINKED STE: its rmap goes, the new target is stored, flush. */
	do_map(f, g, 128 * MB, 10 * MB, MB);
	assert_hex_equal(guest_ste(f, g, 10 * MB, NULL), 0x220 | (128 * MB));
	assert_int_equal(mm_pgtable(f->mm, pto)->nr_mappers, 0);
	assert_int_equal(f->purges_idte, 1);
	/* Remap over MAPPED: silently replaced, no flush. */
	do_map(f, g, 256 * MB, 10 * MB, MB);
	assert_hex_equal(guest_ste(f, g, 10 * MB, NULL), 0x220 | (256 * MB));
	assert_int_equal(f->purges_idte, 1);
}

static void test_gmap_flush_without_idte_is_csp(void **state)
{
	struct fx *f = fx_new(0);
	uint64_t vm = 64 * MB;

	(void)state;
	do_mmap(f, vm, MB, MM_PROT_READ | MM_PROT_WRITE);
	do_map(f, f->gmap, vm, 0, MB);
	assert_hex_equal(gmap_fault(0, f->gmap), vm);
	f->purges_csp = 0;
	assert_int_equal(gmap_unmap_segment(f->gmap, 0, MB), 0);
	CHECK_OK(f->m);
	assert_int_equal(f->purges_idte, 0);
	assert_true(f->purges_csp >= 1);
	void *p = f;
	teardown(&p);
}

/* ---- the guest access and sharing ------------------------------------------ */

static void enable(struct fx *f)
{
	gmap_enable(f->gmap);
	CHECK_OK(f->m);
}

static void test_gmap_sie_access_shares_frames(void **state)
{
	struct fx *f = *state;
	uint64_t vm = 64 * MB, user_asce = 0;
	char buf[16] = { 0 };
	struct dat_result res;
	struct gm_psw psw0 = cpu_get_psw(machine_current_cpu(f->m));

	do_mmap(f, vm, 2 * MB, MM_PROT_READ | MM_PROT_WRITE);
	do_map(f, f->gmap, vm, 0, 2 * MB);
	enable(f);
	/* Process writes, guest reads. */
	assert_int_equal(mm_write(f->mm, vm + 0x10, "hello", 6), 0);
	CHECK_OK(f->m);
	assert_int_equal(gmap_sie_access(f->m, 0x10, buf, 6, false, &res), 0);
	CHECK_OK(f->m);
	assert_string_equal(buf, "hello");
	/* Guest writes across the segment boundary, process reads. */
	assert_int_equal(gmap_sie_access(f->m, MB - 3, "0123456", 8, true, &res), 0);
	CHECK_OK(f->m);
	assert_int_equal(mm_read(f->mm, vm + MB - 3, buf, 8), 0);
	assert_string_equal(buf, "0123456");
	/* sie_exit: CR1 back from user_asce; the host PSW is as before. */
	assert_int_equal(cpu_lowcore_load(machine_current_cpu(f->m), 0x318, 8, &user_asce), 0);
	assert_hex_equal(user_asce, mm_asce(f->mm));
	assert_hex_equal(cpu_get_cr(machine_current_cpu(f->m), 1), user_asce);
	assert_hex_equal(cpu_get_psw(machine_current_cpu(f->m)).mask, psw0.mask);
	gmap_disable(f->gmap);
}

static void test_gmap_sie_access_errors(void **state)
{
	struct fx *f = *state;
	struct dat_result res;
	char buf[8];
	struct gmap *g2;

	/* No gmap enabled. */
	assert_errno(gmap_sie_access(f->m, 0, buf, 8, false, &res), -EINVAL);
	assert_errno(gmap_sie_access(NULL, 0, buf, 8, false, &res), -EINVAL);
	/* A handle naming a freed gmap. */
	g2 = gmap_alloc(f->mm);
	assert_non_null(g2);
	gmap_enable(g2);
	gmap_free(g2);   /* clears the lowcore field naming it */
	CHECK_OK(f->m);
	assert_hex_equal(ld8(f, 0x370), 0);
	assert_errno(gmap_sie_access(f->m, 0, buf, 8, false, &res), -EINVAL);
	enable(f);
	assert_errno(gmap_sie_access(f->m, 0, NULL, 8, false, &res), -EINVAL);

	/* Unresolvable: the architected PIC and TEID come back. */
	assert_pic(gmap_sie_access(f->m, 1ULL << 60, buf, 8, false, &res), PGM_REG_FIRST_TRANS);
	assert_hex_equal(res.teid & TEID_ADDR_MASK, 1ULL << 60);
	do_map(f, f->gmap, 0, 0, MB);   /* creates R2/R3/segment tables for [0, 2 GB) */
	assert_pic(gmap_sie_access(f->m, 2 * GB, buf, 8, false, &res), PGM_REG_THIRD_TRANS);
	assert_pic(gmap_sie_access(f->m, 8 * TB, buf, 8, false, &res), PGM_REG_SEC_TRANS);
	assert_pic(gmap_sie_access(f->m, 5 * MB + 0x123, buf, 8, true, &res), PGM_SEGMENT_TRANSLATION);
	assert_hex_equal(res.teid & TEID_ADDR_MASK, 5 * MB);
	/* MAPPED but no VMA at the target: segment-translation, nothing linked. */
	assert_pic(gmap_sie_access(f->m, 0x2000, buf, 8, false, &res), PGM_SEGMENT_TRANSLATION);
	assert_hex_equal(guest_ste(f, f->gmap, 0, NULL), 0x220);
	CHECK_OK(f->m);
	gmap_disable(f->gmap);
}

static void test_gmap_sie_access_protection(void **state)
{
	struct fx *f = *state;
	uint64_t vm = 64 * MB;
	struct dat_result res;
	char buf[8] = "xxxxxxx";

	do_mmap(f, vm, MB, MM_PROT_READ);
	do_map(f, f->gmap, vm, 0, MB);
	enable(f);
	assert_int_equal(gmap_sie_access(f->m, 0x40, buf, 8, false, &res), 0);
	CHECK_OK(f->m);
	assert_memory_equal(buf, "\0\0\0\0\0\0\0\0", 8);   /* a fresh zero page */
	assert_pic(gmap_sie_access(f->m, 0x40, "abcdefg", 8, true, &res), PGM_PROTECTION);
	CHECK_OK(f->m);
	assert_int_equal(mm_read(f->mm, vm + 0x40, buf, 8), 0);
	assert_memory_equal(buf, "\0\0\0\0\0\0\0\0", 8);
	gmap_disable(f->gmap);
}

static void test_gmap_sie_after_process_munmap_page(void **state)
{
	struct fx *f = *state;
	uint64_t vm = 64 * MB, pto;
	struct dat_result res;
	char buf[8];

	do_mmap(f, vm, MB, MM_PROT_READ | MM_PROT_WRITE);
	do_map(f, f->gmap, vm, 0, MB);
	enable(f);
	assert_int_equal(gmap_sie_access(f->m, 0x3000, "guest!!", 8, true, &res), 0);
	CHECK_OK(f->m);
	pto = process_pto(f, vm);
	assert_true((ld8(f, pto + 3 * 8) & 0x400) == 0);

	/* The process replaces that one page: the shared PTE is invalid at once. */
	assert_int_equal(mm_munmap(f->mm, vm + 0x3000, 0x1000), 0);
	CHECK_OK(f->m);
	assert_hex_equal(ld8(f, pto + 3 * 8) & 0x400, 0x400);
	assert_hex_equal(guest_ste(f, f->gmap, 0, NULL), pto); /* table still there: still linked */
	/* No VMA: the guest gets the page-translation exception. */
	assert_pic(gmap_sie_access(f->m, 0x3008, buf, 8, false, &res), PGM_PAGE_TRANSLATION);
	assert_hex_equal(res.teid & TEID_ADDR_MASK, 0x3000);
	CHECK_OK(f->m);
	/* A new VMA there: page fault, then a fresh zero page. */
	do_mmap(f, vm + 0x3000, 0x1000, MM_PROT_READ | MM_PROT_WRITE);
	f->faults_mm = 0;
	assert_int_equal(gmap_sie_access(f->m, 0x3000, buf, 8, false, &res), 0);
	CHECK_OK(f->m);
	assert_memory_equal(buf, "\0\0\0\0\0\0\0\0", 8);
	assert_true((ld8(f, pto + 3 * 8) & 0x400) == 0);
	gmap_disable(f->gmap);
}

static void test_gmap_pgtable_free_back_to_mapped(void **state)
{
	struct fx *f = *state;
	struct gmap *g = f->gmap, *g2;
	uint64_t vm = 64 * MB, pto, pto2, sa, sa2;
	struct dat_result res;
	char buf[8];

	g2 = gmap_alloc(f->mm);
	assert_non_null(g2);
	CHECK_OK(f->m);
	do_mmap(f, vm, MB, MM_PROT_READ | MM_PROT_WRITE);
	do_map(f, g, vm, 0, MB);
	do_map(f, g2, vm, 7 * MB, MB);
	assert_hex_equal(gmap_fault(0x10, g), vm + 0x10);
	CHECK_OK(f->m);
	assert_hex_equal(gmap_fault(7 * MB + 0x10, g2), vm + 0x10);
	CHECK_OK(f->m);
	pto = process_pto(f, vm);
	sa = ste_addr(f, g, 0);
	sa2 = ste_addr(f, g2, 7 * MB);
	/* Two gmaps share one page table, each with its rmap. */
	assert_hex_equal(ld8(f, sa), pto);
	assert_hex_equal(ld8(f, sa2), pto);
	assert_int_equal(mm_pgtable(f->mm, pto)->nr_mappers, 2);

	/* The process frees the page table: both STEs back to MAPPED, same target, CSP. */
	f->purges_csp = 0;
	assert_int_equal(mm_munmap(f->mm, vm, MB), 0);
	CHECK_OK(f->m);
	assert_hex_equal(ld8(f, sa), 0x220 | vm);
	assert_hex_equal(ld8(f, sa2), 0x220 | vm);
	assert_true(f->purges_csp >= 1);

	/* The next access relinks to the new table and sees a zero page. */
	do_mmap(f, vm, MB, MM_PROT_READ | MM_PROT_WRITE);
	gmap_enable(g);
	assert_int_equal(gmap_sie_access(f->m, 0x10, buf, 8, false, &res), 0);
	CHECK_OK(f->m);
	assert_memory_equal(buf, "\0\0\0\0\0\0\0\0", 8);
	pto2 = process_pto(f, vm);
	assert_hex_equal(ld8(f, sa), pto2);
	assert_hex_equal(ld8(f, sa2), 0x220 | vm);
	assert_int_equal(mm_pgtable(f->mm, pto2)->nr_mappers, 1);
	gmap_disable(g);

	/* gmap_free of one leaves the other intact. */
	assert_hex_equal(gmap_fault(7 * MB, g2), vm);
	CHECK_OK(f->m);
	assert_int_equal(mm_pgtable(f->mm, pto2)->nr_mappers, 2);
	gmap_free(g2);
	CHECK_OK(f->m);
	assert_int_equal(mm_pgtable(f->mm, pto2)->nr_mappers, 1);
	assert_hex_equal(LIST_FIRST(&mm_pgtable(f->mm, pto2)->mapper)->entry, sa);
	assert_hex_equal(ld8(f, sa), pto2);
	assert_ptr_equal(LIST_FIRST(&f->mm->context.gmap_list), g);
	assert_null(LIST_NEXT(g, list));
	assert_ptr_equal(f->mm->unmap_notifier, gmap_unmap_notifier);
}

static void test_gmap_free_releases_everything(void **state)
{
	struct fx *f = *state;
	struct storage_stats a, b;
	uint64_t vm = 64 * MB, pto;
	struct gmap *g;

	do_mmap(f, vm, 4 * MB, MM_PROT_READ | MM_PROT_WRITE);
	/* The process builds its page tables first: what follows is gmap only. */
	for (unsigned i = 0; i < 4; i++)
		assert_int_equal(mm_write(f->mm, vm + i * MB, "x", 1), 0);
	CHECK_OK(f->m);
	storage_stats(f->st, &a);
	g = gmap_alloc(f->mm);
	assert_non_null(g);
	do_map(f, g, vm, 3 * GB, 4 * MB);
	for (unsigned i = 0; i < 4; i++)
		assert_hex_equal(gmap_fault(3 * GB + i * MB, g), vm + i * MB);
	CHECK_OK(f->m);
	pto = process_pto(f, vm);
	assert_int_equal(mm_pgtable(f->mm, pto)->nr_mappers, 1);
	gmap_enable(g);
	gmap_free(g);
	CHECK_OK(f->m);
	assert_hex_equal(ld8(f, 0x370), 0);
	assert_int_equal(mm_pgtable(f->mm, pto)->nr_mappers, 0);
	storage_stats(f->st, &b);
	assert_int_equal(b.frames_used, a.frames_used);
	assert_int_equal(b.by_kind[STORAGE_CRST], a.by_kind[STORAGE_CRST]);
	assert_int_equal(b.host_objects, a.host_objects);
	assert_int_equal(b.host_bytes, a.host_bytes);

	/* The last gmap gone: the notifier is removed. */
	gmap_free(f->gmap);
	f->gmap = NULL;
	CHECK_OK(f->m);
	assert_null(f->mm->unmap_notifier);
	assert_true(LIST_EMPTY(&f->mm->context.gmap_list));
	gmap_free(NULL);
}

/*
 * With a TLB: unlink (map over LINKED), page-table free (notifier) and
 * process munmap must purge what the guest cached (§4.A 6, 12).
 */
static void test_gmap_tlb_no_stale_guest_translation(void **state)
{
	struct fx *f = fx_new_tlb(GM_FAC_IDTE, true);
	uint64_t vm = 64 * MB;
	struct dat_result res;
	char buf[8];
	void *p = f;

	(void)state;
	tlb_set_checking(f->m, true);
	do_mmap(f, vm, 2 * MB, MM_PROT_READ | MM_PROT_WRITE);
	do_map(f, f->gmap, vm, 0, 2 * MB);
	enable(f);
	assert_int_equal(gmap_sie_access(f->m, 0x100, "first!!", 8, true, &res), 0);
	CHECK_OK(f->m);
	/* The process replaces the page: the guest sees the new zero page. */
	assert_int_equal(mm_munmap(f->mm, vm, 0x1000), 0);
	do_mmap(f, vm, 0x1000, MM_PROT_READ | MM_PROT_WRITE);
	assert_int_equal(gmap_sie_access(f->m, 0x100, buf, 8, false, &res), 0);
	CHECK_OK(f->m);
	assert_memory_equal(buf, "\0\0\0\0\0\0\0\0", 8);
	/* Remap the guest segment elsewhere: the old translation is gone. */
	assert_int_equal(mm_write(f->mm, vm + MB + 0x100, "second", 7), 0);
	do_map(f, f->gmap, vm + MB, 0, MB);
	assert_int_equal(gmap_sie_access(f->m, 0x100, buf, 7, false, &res), 0);
	CHECK_OK(f->m);
	assert_string_equal(buf, "second");
	/* The process frees the page table of the target: relinked after. */
	assert_int_equal(mm_munmap(f->mm, vm + MB, MB), 0);
	CHECK_OK(f->m);
	assert_pic(gmap_sie_access(f->m, 0x100, buf, 8, false, &res), PGM_SEGMENT_TRANSLATION);
	assert_int_equal(tlb_stale_count(f->m), 0);
	gmap_disable(f->gmap);
	teardown(&p);
}

/* ---- allocation failure at every index ---------------------------------- */

/*
 * Divergence 2 (docs/gmap.md): -ENOMEM leaves the gmap exactly as it was;
 * 2011 unmapped the whole range, pre-existing mappings included (§5 item 8).
 */
static void test_gmap_map_segment_enomem_every_index(void **state)
{
	struct fx *f = *state;
	struct gmap *g = f->gmap;
	struct snap a = { 0 }, b = { 0 };
	uint64_t vm = 64 * MB;
	long n;

	do_mmap(f, vm, MB, MM_PROT_READ | MM_PROT_WRITE);
	/* Pre-existing mappings inside the range: one linked, one mapped. */
	do_map(f, g, vm, (1ULL << 53) - MB, MB);
	assert_hex_equal(gmap_fault((1ULL << 53) - MB, g), vm);
	do_map(f, g, 5 * MB, (1ULL << 53) - 2 * MB, MB);
	snapshot(f, &a);
	for (n = 0; n < 64; n++) {
		int rc;

		storage_fail_after(f->st, n);
		/* [2^53 - 2 MB, 2^53 + 2 GB + 1 MB): new R2, R3 and two segment tables. */
		rc = gmap_map_segment(g, 0, (1ULL << 53) - 2 * MB, 2 * GB + 3 * MB);
		storage_fail_after(f->st, -1);
		CHECK_OK(f->m);
		if (rc == 0)
			break;
		assert_errno(rc, -ENOMEM);
		snapshot(f, &b);
		assert_snap_equal(&a, &b);
		/* The pre-existing mappings survive. */
		assert_hex_equal(guest_ste(f, g, (1ULL << 53) - MB, NULL), process_pto(f, vm));
		assert_hex_equal(guest_ste(f, g, (1ULL << 53) - 2 * MB, NULL), 0x220 | (5 * MB));
	}
	assert_true(n >= 8); /* 4 tables x (list node + table) */
	assert_hex_equal(guest_ste(f, g, (1ULL << 53) - MB, NULL), 0x220 | MB);
	assert_hex_equal(guest_ste(f, g, (1ULL << 53) + 2 * GB, NULL), 0x220 | (2 * GB + 2 * MB));
	assert_int_equal(mm_pgtable(f->mm, process_pto(f, vm))->nr_mappers, 0);
	free(a.v);
	free(b.v);
}

static void test_gmap_fault_enomem_every_index(void **state)
{
	struct fx *f = *state;
	struct gmap *g = f->gmap;
	struct snap a = { 0 }, b = { 0 };
	uint64_t vm = 3 * GB;  /* no process tables there yet */
	long n;

	do_mmap(f, vm, MB, MM_PROT_READ | MM_PROT_WRITE);
	do_map(f, g, vm, 0, MB);
	snapshot(f, &a);
	for (n = 0; n < 64; n++) {
		unsigned long r;

		storage_fail_after(f->st, n);
		r = gmap_fault(0x42, g);
		storage_fail_after(f->st, -1);
		CHECK_OK(f->m);
		if (r == vm + 0x42)
			break;
		assert_hex_equal(r, (unsigned long)-ENOMEM);
		snapshot(f, &b);
		assert_snap_equal(&a, &b);
	}
	assert_true(n >= 2); /* the rmap and at least the page table */
	assert_hex_equal(guest_ste(f, g, 0, NULL), process_pto(f, vm));
	free(a.v);
	free(b.v);
}

static void test_gmap_sie_access_enomem_every_index(void **state)
{
	struct fx *f = *state;
	struct gmap *g = f->gmap;
	struct snap a = { 0 }, b = { 0 };
	struct dat_result res;
	uint64_t vm = 3 * GB;
	char buf[8];
	long n;

	do_mmap(f, vm, 2 * MB, MM_PROT_READ | MM_PROT_WRITE);
	do_map(f, g, vm, 0, 2 * MB);
	enable(f);
	/* Segment already linked: only the demand fault allocates. */
	assert_hex_equal(gmap_fault(0, g), vm);
	snapshot(f, &a);
	for (n = 0; n < 32; n++) {
		int rc;

		storage_fail_after(f->st, n);
		rc = gmap_sie_access(f->m, 0x5000, "data!!!", 8, true, &res);
		storage_fail_after(f->st, -1);
		CHECK_OK(f->m);
		if (rc == 0)
			break;
		assert_errno(rc, -ENOMEM);
		snapshot(f, &b);
		assert_snap_equal(&a, &b);
	}
	assert_true(n >= 1);
	/* MAPPED segment: link then demand fault; a failure leaves a consistent state. */
	for (n = 0; n < 32; n++) {
		int rc;

		storage_fail_after(f->st, n);
		rc = gmap_sie_access(f->m, MB + 0x5000, buf, 8, false, &res);
		storage_fail_after(f->st, -1);
		CHECK_OK(f->m);
		if (rc == 0)
			break;
		assert_errno(rc, -ENOMEM);
	}
	assert_true(n >= 2);
	assert_int_equal(gmap_sie_access(f->m, 0x5000, buf, 8, false, &res), 0);
	assert_string_equal(buf, "data!!!");
	gmap_disable(g);
	free(a.v);
	free(b.v);
}

static void test_gmap_mmap_enomem_every_index(void **state)
{
	struct fx *f = *state;
	struct snap a = { 0 }, b = { 0 };
	long n;

	do_mmap(f, 64 * MB, MB, MM_PROT_READ | MM_PROT_WRITE);
	do_map(f, f->gmap, 64 * MB, 0, 4 * MB);
	assert_hex_equal(gmap_fault(0, f->gmap), 64 * MB);
	snapshot(f, &a);
	for (n = 0; n < 32; n++) {
		int rc;

		storage_fail_after(f->st, n);
		rc = mm_mmap(f->mm, 65 * MB, 3 * MB, MM_PROT_READ, MM_MAP_FIXED, NULL);
		storage_fail_after(f->st, -1);
		CHECK_OK(f->m);
		if (rc == 0)
			break;
		assert_errno(rc, -ENOMEM);
		snapshot(f, &b);
		assert_snap_equal(&a, &b);
	}
	assert_hex_equal(gmap_fault(2 * MB, f->gmap), 66 * MB);
	CHECK_OK(f->m);
	free(a.v);
	free(b.v);
}

/*
 * A raw store over a linked guest STE leaves its rmap on the process page
 * table: the checker reports it, munmap's notifier drops it without storing
 * through it (the guest table may be gone), and nothing leaks.
 */
static void test_gmap_raw_store_over_linked_ste_leaks_nothing(void **state)
{
	struct fx *f = *state;
	struct storage_stats after;
	struct check_report rep = { 0 };
	uint64_t where, ste;
	bool found = false;

	assert_int_equal(mm_mmap(f->mm, 16 * MB, 2 * MB, MM_PROT_READ | MM_PROT_WRITE,
				 MM_MAP_FIXED, NULL), 0);
	assert_int_equal(gmap_map_segment(f->gmap, 16 * MB, 0, 2 * MB), 0);
	assert_int_equal(gmap_fault(0x10, f->gmap), 16 * MB + 0x10);
	assert_int_equal(gmap_fault(MB + 0x10, f->gmap), 17 * MB + 0x10);
	CHECK_OK(f->m);
	ste = guest_ste(f, f->gmap, 0, &where);
	assert_int_equal(gmap_ste_state(ste), GMAP_STE_STATE_LINKED);
	assert_int_equal(storage_store8(f->st, where, GMAP_STE_EMPTY), 0);
	assert_true(check_machine(f->m, &rep) > 0);
	for (unsigned i = 0; i < rep.n; i++)
		found |= rep.v[i].inv == 5 && rep.v[i].where == where;
	check_report_free(&rep);
	assert_true(found);
	/* the notifier drops the stale rmap: the entry keeps what was stored */
	assert_int_equal(mm_munmap(f->mm, 16 * MB, MB), 0);
	assert_hex_equal(ld8(f, where), GMAP_STE_EMPTY);
	/* the notifier of the second segment's table still works normally */
	assert_int_equal(mm_munmap(f->mm, 17 * MB, MB), 0);
	assert_int_equal(gmap_ste_state(guest_ste(f, f->gmap, MB, NULL)), GMAP_STE_STATE_MAPPED);
	gmap_free(f->gmap);
	f->gmap = NULL;
	assert_int_equal(mm_destroy(f->mm), 0);
	f->mm = NULL;
	storage_stats(f->st, &after);
	assert_int_equal(after.frames_used, f->before.frames_used);
	assert_int_equal(after.host_objects, f->before.host_objects);
	assert_int_equal(after.host_bytes, f->before.host_bytes);
}

/* The same stale rmap when the gmap goes first: mm_destroy() frees it
 * with the page table (without a gmap there is no notifier). */
static void test_gmap_stale_rmap_freed_by_mm_destroy(void **state)
{
	struct fx *f = *state;
	struct storage_stats after;
	uint64_t where;

	assert_int_equal(mm_mmap(f->mm, 16 * MB, MB, MM_PROT_READ | MM_PROT_WRITE, MM_MAP_FIXED,
				 NULL), 0);
	assert_int_equal(gmap_map_segment(f->gmap, 16 * MB, 0, MB), 0);
	assert_int_equal(gmap_fault(0x10, f->gmap), 16 * MB + 0x10);
	(void)guest_ste(f, f->gmap, 0, &where);
	assert_int_equal(storage_store8(f->st, where, GMAP_STE_EMPTY), 0);
	gmap_free(f->gmap);
	f->gmap = NULL;
	assert_int_equal(mm_destroy(f->mm), 0);
	f->mm = NULL;
	storage_stats(f->st, &after);
	assert_int_equal(after.frames_used, f->before.frames_used);
	assert_int_equal(after.host_objects, f->before.host_objects);
	assert_int_equal(after.host_bytes, f->before.host_bytes);
}

/* A freed gmap's handle while it is in the machine's quarantine: a second
 * gmap_free() and every call through it are no-ops or errors. */
static void test_gmap_use_after_free_is_detected(void **state)
{
	struct fx *f = *state;
	struct gmap *g = gmap_alloc(f->mm);
	uint64_t h = 1;

	assert_non_null(g);
	assert_int_equal(mm_mmap(f->mm, 16 * MB, MB, MM_PROT_READ | MM_PROT_WRITE, MM_MAP_FIXED,
				 NULL), 0);
	assert_int_equal(gmap_map_segment(g, 16 * MB, 0, MB), 0);
	assert_int_equal(gmap_fault(0x10, g), 16 * MB + 0x10);
	gmap_free(g);
	CHECK_OK(f->m);
	gmap_free(g); /* a no-op */
	assert_int_equal(gmap_map_segment(g, 16 * MB, 0, MB), -EINVAL);
	assert_int_equal(gmap_unmap_segment(g, 0, MB), -EINVAL);
	assert_int_equal(gmap_fault(0x10, g), (unsigned long)-EFAULT);
	gmap_enable(g); /* a no-op: the lowcore keeps 0 */
	assert_int_equal(cpu_lowcore_load(machine_current_cpu(f->m), 0x370, 8, &h), 0);
	assert_int_equal(h, 0);
	gmap_disable(g);
	gmap_flush_tlb(g);
	CHECK_OK(f->m);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_gmap_alloc_layout),
		T(test_gmap_alloc_rejects),
		cmocka_unit_test(test_gmap_ste_state_classifies),
		cmocka_unit_test_setup_teardown(test_gmap_raw_store_over_linked_ste_leaks_nothing, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_gmap_stale_rmap_freed_by_mm_destroy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gmap_use_after_free_is_detected, setup, teardown),
		T(test_gmap_enable_disable_lowcore),
		T(test_gmap_map_segment_einval),
		T(test_gmap_map_segment_4tb_limit),
		T(test_gmap_map_segment_builds_tables),
		T(test_gmap_map_segment_top_of_space),
		T(test_gmap_map_segment_crosses_regions),
		T(test_gmap_fault_links_mapped),
		T(test_gmap_fault_efault_no_change),
		T(test_gmap_unmap_segment_states),
		T(test_gmap_unmap_segment_whole_range),
		T(test_gmap_map_replaces_linked),
		cmocka_unit_test(test_gmap_flush_without_idte_is_csp),
		T(test_gmap_sie_access_shares_frames),
		T(test_gmap_sie_access_errors),
		T(test_gmap_sie_access_protection),
		T(test_gmap_sie_after_process_munmap_page),
		T(test_gmap_pgtable_free_back_to_mapped),
		T(test_gmap_free_releases_everything),
		cmocka_unit_test(test_gmap_tlb_no_stale_guest_translation),
		T(test_gmap_map_segment_enomem_every_index),
		T(test_gmap_fault_enomem_every_index),
		T(test_gmap_sie_access_enomem_every_index),
		T(test_gmap_mmap_enomem_every_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
