/* SPDX-License-Identifier: MIT */
/*
 * bench-scan — the paths that go over tables, with the number of populated
 * entries and the number of tables varied independently (issue 15 item 2):
 *  - check_machine(): ns per populated entry (target <= 300 ns) with
 *    linked segments packed into few tables, the same number spread one per
 *    table, 4 TB of MAPPED segment entries (issue 11 defect 5), and 2048
 *    segment tables holding one entry each;
 *  - gmap_unmap_segment() of 1 TB over 512 existing segment tables holding
 *    1 k (packed), 1 k (spread) or 64 k mapped segments: time follows the
 *    valid entries, not the 1 TB nor the 512 tables;
 *  - mm_munmap() of 1 TB with 1 k or 262 k populated segments (a page table
 *    and one page each; target <= 100 ms for 262 k).
 * "populated" counts every entry that differs from its table's empty value
 * in every table of the machine (the storage census, recounted here).
 * One JSON line per figure; `--quick` shrinks the largest cases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"
#include "gmap/libgmap.h"
#include "storage-internal.h"

#define MB (1ULL << 20)
#define GB (1ULL << 30)
#define TB (1ULL << 40)
#define VM_BASE (1ULL << 32)
#define CHECK_TARGET_NS 300.0
#define MUNMAP_TARGET_MS 100.0

static const char *only; /* argv: run only the case of that name */
static unsigned reps_scale = 1; /* GMAP_BENCH_REPS: repeat checks (for profiling) */

static bool skip(const char *name)
{
	return only && strcmp(only, name);
}

static void die(const char *what, long rc)
{
	fprintf(stderr, "bench-scan: %s failed (%ld)\n", what, rc);
	exit(1);
}

struct env {
	struct gm_machine *m;
	struct mm_struct *mm;
	struct gmap *gmap;
};

static void env_init(struct env *e, uint64_t storage, unsigned mmflags, bool with_gmap)
{
	struct gm_machine_config cfg = { .storage_size = storage, .ncpus = 1,
					 .facilities = GM_FAC_IDTE, .tlb = false };
	int rc;

	if ((rc = machine_create(&cfg, &e->m)) < 0)
		die("machine_create", rc);
	if ((rc = mm_create(e->m, mmflags, &e->mm)) < 0)
		die("mm_create", rc);
	e->gmap = NULL;
	if (with_gmap && !(e->gmap = gmap_alloc(e->mm)))
		die("gmap_alloc", -12);
}

static void env_fini(struct env *e)
{
	gmap_free(e->gmap);
	mm_destroy(e->mm);
	machine_destroy(e->m);
}

/* Populated entries of every table in storage (brute force over the census). */
static uint64_t populated(struct gm_machine *m)
{
	const struct gm_storage *st = machine_storage(m);
	uint64_t n = 0;

	for (uint64_t a = 0; a < st->size; a += 512) {
		const struct storage_page *p = &st->pages[a >> 12];

		if (!storage_kind_is_table(p->kind) ||
		    (p->kind == STORAGE_PT_FRAG && !(p->frag & ((a & 2048) ? 2 : 1))))
			continue;
		n += (uint64_t)__builtin_popcountll(st->pop[a >> 9]);
	}
	return n;
}

/* Best of a few check_machine() runs, in seconds; the machine must be clean. */
static double time_check(struct gm_machine *m, unsigned reps)
{
	struct check_report rep = { 0 };
	double best = 1e30;

	reps *= reps_scale;
	for (unsigned r = 0; r < reps; r++) {
		double t0 = bench_now(), t;
		int n = check_machine(m, &rep);

		t = bench_now() - t0;
		if (n != 0)
			die("check_machine (violations)", n);
		best = t < best ? t : best;
	}
	check_report_free(&rep);
	return best;
}

static void print_check(const char *name, uint64_t segments, uint64_t tables, struct gm_machine *m,
			unsigned reps)
{
	uint64_t pop = populated(m);
	double t = time_check(m, reps), ns = t * 1e9 / (double)pop;

	printf("{\"bench\":\"scan\",\"case\":\"%s\",\"segments\":%llu,\"segment_tables\":%llu,"
	       "\"populated\":%llu,\"check_ms\":%.3f,\"ns_per_populated\":%.1f",
	       name, (unsigned long long)segments, (unsigned long long)tables,
	       (unsigned long long)pop, t * 1e3, ns);
	bench_target_max(stdout, "ns_per_populated", ns, CHECK_TARGET_NS);
	printf("}\n");
	fflush(stdout);
}

/* @n linked segments; @spread: each guest and process segment in its own 2 GB block. */
static void check_linked(const char *name, uint64_t n, bool spread)
{
	struct env e;
	uint64_t step = spread ? 2 * GB : MB;

	if (skip(name))
		return;
	env_init(&e, n * 8192 + 512 * MB, MM_PGSTE, true);
	if (!spread) {
		if (mm_mmap(e.mm, VM_BASE, n * MB, MM_PROT_READ | MM_PROT_WRITE, MM_MAP_FIXED, NULL))
			die("mm_mmap", 0);
		if (gmap_map_segment(e.gmap, VM_BASE, 0, n * MB))
			die("gmap_map_segment", 0);
	}
	for (uint64_t i = 0; i < n; i++) {
		if (spread && (mm_mmap(e.mm, VM_BASE + i * step, MB, MM_PROT_READ | MM_PROT_WRITE,
				       MM_MAP_FIXED, NULL) ||
			       gmap_map_segment(e.gmap, VM_BASE + i * step, i * step, MB)))
			die("spread setup", (long)i);
		if (gmap_fault(i * step, e.gmap) != VM_BASE + i * step)
			die("gmap_fault", (long)i);
	}
	print_check(name, n, spread ? n : (n + 2047) / 2048, e.m, 5);
	env_fini(&e);
}

/* gmap_map_segment G 0 0 4T: 4 M MAPPED entries in 2048 segment tables; then one per table. */
static void check_mapped(bool quick)
{
	struct env e;
	uint64_t len = quick ? TB : 4 * TB, ntab = len / (2 * GB);

	if (skip("check_mapped"))
		return;
	env_init(&e, 256 * MB, MM_PGSTE, true);
	if (gmap_map_segment(e.gmap, 0, 0, len))
		die("map", 0);
	print_check(quick ? "check_mapped_1t" : "check_mapped_4t", len / MB, ntab, e.m, 3);
	/* keep the first segment of every table only */
	for (uint64_t t = 0; t < ntab; t++)
		gmap_unmap_segment(e.gmap, t * 2 * GB + MB, 2 * GB - MB);
	print_check("check_one_per_table", ntab, ntab, e.m, 5);
	env_fini(&e);
}

/* ---- gmap_unmap_segment of 1 TB ---------------------------------------------- */

static void unmap_case(const char *name, uint64_t nseg, uint64_t step)
{
	struct env e;
	double best = 1e30;

	if (skip(name))
		return;
	env_init(&e, 512 * MB, MM_PGSTE, true);
	/* all 512 segment tables of the terabyte exist */
	if (gmap_map_segment(e.gmap, 0, 0, TB) || gmap_unmap_segment(e.gmap, 0, TB))
		die("1 TB tables", 0);
	for (int r = 0; r < 5; r++) {
		double t0;

		for (uint64_t i = 0; i < nseg; i++)
			if (gmap_map_segment(e.gmap, VM_BASE, i * step, MB))
				die("map", (long)i);
		t0 = bench_now();
		gmap_unmap_segment(e.gmap, 0, TB);
		t0 = bench_now() - t0;
		best = t0 < best ? t0 : best;
	}
	printf("{\"bench\":\"scan\",\"case\":\"%s\",\"segments\":%llu,\"segment_tables\":512,"
	       "\"ms\":%.4f,\"ns_per_segment\":%.1f}\n",
	       name, (unsigned long long)nseg, best * 1e3, best * 1e9 / (double)nseg);
	fflush(stdout);
	env_fini(&e);
}

/* ---- mm_munmap of 1 TB ----------------------------------------------------- */

static void munmap_case(const char *name, uint64_t nseg, bool target)
{
	struct env e;
	uint64_t step = TB / MB / nseg * MB;
	uint8_t b = 1;
	double t0;

	if (skip(name))
		return;
	env_init(&e, nseg * 8192 + 256 * MB, 0, false);
	if (mm_mmap(e.mm, VM_BASE, TB, MM_PROT_READ | MM_PROT_WRITE, MM_MAP_FIXED, NULL))
		die("mm_mmap", 0);
	for (uint64_t i = 0; i < nseg; i++)
		if (mm_write(e.mm, VM_BASE + i * step, &b, 1))
			die("mm_write", (long)i);
	t0 = bench_now();
	if (mm_munmap(e.mm, VM_BASE, TB))
		die("mm_munmap", 0);
	t0 = bench_now() - t0;
	printf("{\"bench\":\"scan\",\"case\":\"%s\",\"segments\":%llu,\"ms\":%.3f,"
	       "\"ns_per_segment\":%.1f",
	       name, (unsigned long long)nseg, t0 * 1e3, t0 * 1e9 / (double)nseg);
	if (target)
		bench_target_max(stdout, "ms", t0 * 1e3, MUNMAP_TARGET_MS);
	printf("}\n");
	fflush(stdout);
	env_fini(&e);
}

int main(int argc, char **argv)
{
	bool quick = false;
	const char *r = getenv("GMAP_BENCH_REPS");

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--quick"))
			quick = true;
		else
			only = argv[i];
	}
	if (r && *r)
		reps_scale = (unsigned)strtoul(r, NULL, 0);

	check_linked("check_linked_packed_1k", 1024, false);
	check_linked("check_linked_spread_1k", 1024, true);
	check_linked("check_linked_packed_64k", 65536, false);
	if (!quick)
		check_linked("check_linked_packed_1m", 1048576, false);
	check_mapped(quick);
	unmap_case("gmap_unmap_1t_1k_packed", 1024, MB);
	unmap_case("gmap_unmap_1t_1k_spread", 1024, 1 * GB);
	unmap_case("gmap_unmap_1t_64k", 65536, 16 * MB);
	munmap_case("munmap_1t_1k", 1024, false);
	munmap_case("munmap_1t_262k", 262144, true);
	return 0;
}
