/* SPDX-License-Identifier: MIT */
/*
 * bench-nested — issue 13 item 8, one JSON line per figure: a guest-3
 * 8-byte read through a shadow gmap (shadow_sie_access) with a TLB hit,
 * with a walk of the shadow tables (machine without TLB), and with a
 * shadow fault (guest-2 rewrote its pte, so the shadow page table is gone
 * and is rebuilt); each against the non-nested guest read
 * (gmap_sie_access) measured in the same run on the same kind of machine.
 * The oracle (nested_translate) is reported too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "gmap/libgmap.h"

#define MB (1ULL << 20)
#define VM (1ULL << 32)
#define SGT 0x104000ULL
#define PGT 0x10c000ULL
#define DATA 0x400000ULL

struct env {
	struct gm_machine *m;
	struct mm_struct *mm;
	struct gmap *gmap;
	struct gmap *sg;
	uint64_t asce;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void die(const char *what, long rc)
{
	fprintf(stderr, "bench-nested: %s failed (%ld)\n", what, rc);
	exit(1);
}

static void g2_st8(struct env *e, uint64_t g2, uint64_t v)
{
	uint8_t b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (56 - 8 * i));
	if (gmap_sie_access(e->m, g2, b, 8, true, NULL))
		die("guest-2 store", (long)g2);
}

static void env_init(struct env *e, bool tlb)
{
	struct gm_machine_config cfg = { .storage_size = 256 * MB, .ncpus = 1,
					 .facilities = GM_FAC_IDTE | GM_FAC_EDAT1, .tlb = tlb };
	uint64_t addr;
	int rc;

	if ((rc = machine_create(&cfg, &e->m)) < 0)
		die("machine_create", rc);
	if ((rc = mm_create(e->m, MM_PGSTE, &e->mm)) < 0)
		die("mm_create", rc);
	e->gmap = gmap_alloc(e->mm);
	if (!e->gmap)
		die("gmap_alloc", -12);
	mm_switch(e->mm, machine_current_cpu(e->m));
	if ((rc = mm_mmap(e->mm, VM, 32 * MB, MM_PROT_READ | MM_PROT_WRITE, MM_MAP_FIXED, &addr)))
		die("mm_mmap", rc);
	if ((rc = gmap_map_segment(e->gmap, VM, 0, 32 * MB)))
		die("gmap_map_segment", rc);
	gmap_enable(e->gmap);
	for (unsigned i = 0; i < 2048; i++)
		g2_st8(e, SGT + 8ULL * i, 0x20);
	for (unsigned i = 0; i < 256; i++)
		g2_st8(e, PGT + 8ULL * i, 0x400);
	g2_st8(e, SGT, PGT);
	g2_st8(e, PGT + 8, DATA);
	g2_st8(e, DATA, 42);
	e->asce = SGT | 3;
	e->sg = gmap_shadow(e->gmap, e->asce, 1);
	if (gmap_is_err(e->sg))
		die("gmap_shadow", gmap_ptr_err(e->sg));
}

static void env_fini(struct env *e)
{
	gmap_put(e->sg);
	gmap_disable(e->gmap);
	gmap_free(e->gmap);
	mm_destroy(e->mm);
	machine_destroy(e->m);
}

static double time_g2(struct env *e, unsigned n)
{
	uint8_t b[8];
	double t = now();

	for (unsigned i = 0; i < n; i++)
		if (gmap_sie_access(e->m, DATA + 8 * (i & 7), b, 8, false, NULL))
			die("guest-2 read", i);
	return (now() - t) / n * 1e9;
}

static double time_g3(struct env *e, unsigned n)
{
	uint8_t b[8];
	double t = now();

	for (unsigned i = 0; i < n; i++)
		if (shadow_sie_access(e->m, e->sg, 0x1000 + 8 * (i & 7), b, 8, false, NULL))
			die("guest-3 read", i);
	return (now() - t) / n * 1e9;
}

static void report(const char *c, double ns, double base)
{
	printf("{\"bench\":\"nested\",\"case\":\"%s\",\"ns\":%.1f,\"baseline_ns\":%.1f,\"ratio\":%.2f}\n",
	       c, ns, base, ns / base);
}

int main(int argc, char **argv)
{
	unsigned n = argc > 1 ? (unsigned)atoi(argv[1]) : 200000, nf = n / 20;
	struct nested_result r;
	struct env e;
	double base, g3, t, acc = 0;

	/* TLB hits: the baseline and guest-3 both hit after the first access. */
	env_init(&e, true);
	(void)time_g2(&e, 100);
	(void)time_g3(&e, 100);
	base = time_g2(&e, n);
	g3 = time_g3(&e, n);
	report("tlb_hit", g3, base);

	/* Shadow faults: guest-2 rewrites its pte (unshadowing the pgt), guest-3 reads. */
	for (unsigned i = 0; i < nf; i++) {
		uint8_t b[8];

		g2_st8(&e, PGT + 8, DATA);
		t = now();
		if (shadow_sie_access(e.m, e.sg, 0x1000, b, 8, false, NULL))
			die("guest-3 fault read", i);
		acc += now() - t;
	}
	report("shadow_fault", acc / nf * 1e9, base);

	t = now();
	for (unsigned i = 0; i < n; i++)
		if (nested_translate(e.gmap, e.asce, 1, 0x1000 + 8 * (i & 7), DAT_FETCH, &r) || r.kind)
			die("nested_translate", i);
	report("oracle", (now() - t) / n * 1e9, base);
	env_fini(&e);

	/* No TLB: every access walks (the gmap tables, or the shadow tables). */
	env_init(&e, false);
	(void)time_g3(&e, 100);
	base = time_g2(&e, n);
	g3 = time_g3(&e, n);
	report("shadow_walk", g3, base);
	env_fini(&e);
	return 0;
}
