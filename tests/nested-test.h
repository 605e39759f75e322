/* SPDX-License-Identifier: MIT */
/*
 * A guest-2 for the nested tests: a pgste process, a seed gmap mapping
 * process [G2_VM, G2_VM + G2_SIZE) at guest-2 absolute 0, and helpers
 * with which guest-2 builds DAT tables in its own memory (stores go through
 * gmap_sie_access(), i.e. the way guest-2's CPU would store them).
 * Table entries are encoded by hand from the architecture (dat-reference
 * §2-§5), never by the code under test.
 */
#ifndef NESTED_TEST_H
#define NESTED_TEST_H

#include <stdlib.h>

#include "gmap-test.h"
#include "gmap/check.h"
#include "gmap/gmap.h"
#include "gmap/machine.h"
#include "gmap/mm.h"
#include "gmap/nested.h"
#include "gmap/storage.h"

#define G2_VM (4 * GB)       /* process address of guest-2 absolute 0 */
#define G2_SIZE (32 * MB)    /* guest-2's memory */

struct g2 {
	struct gm_machine *m;
	struct gm_storage *st;
	struct mm_struct *mm;
	struct gmap *gmap;
	struct storage_stats before;
};

static inline void g2_check_at(struct gm_machine *m, const char *file, int line)
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
#define G2_CHECK(f) g2_check_at((f)->m, __FILE__, __LINE__)

static inline struct g2 *g2_new(unsigned facilities, bool tlb)
{
	struct gm_machine_config cfg = {
		.storage_size = 256 * MB, .ncpus = 2, .facilities = facilities, .tlb = tlb
	};
	struct g2 *f = calloc(1, sizeof(*f));
	uint64_t addr = 0;

	assert_non_null(f);
	assert_int_equal(machine_create(&cfg, &f->m), 0);
	f->st = machine_storage(f->m);
	storage_stats(f->st, &f->before);
	assert_int_equal(mm_create(f->m, MM_PGSTE, &f->mm), 0);
	f->gmap = gmap_alloc(f->mm);
	assert_non_null(f->gmap);
	mm_switch(f->mm, machine_current_cpu(f->m));
	assert_int_equal(mm_mmap(f->mm, G2_VM, G2_SIZE, MM_PROT_READ | MM_PROT_WRITE, MM_MAP_FIXED,
				 &addr),
			 0);
	assert_int_equal(gmap_map_segment(f->gmap, G2_VM, 0, G2_SIZE), 0);
	gmap_enable(f->gmap);
	G2_CHECK(f);
	return f;
}

static inline void g2_free(struct g2 *f)
{
	struct storage_stats after;

	gmap_disable(f->gmap);
	gmap_free(f->gmap);
	assert_int_equal(mm_destroy(f->mm), 0);
	storage_stats(f->st, &after);
	assert_int_equal(after.frames_used, f->before.frames_used);
	assert_int_equal(after.host_objects, f->before.host_objects);
	assert_int_equal(machine_destroy(f->m), 0);
	free(f);
}

/* Guest-2 stores the doubleword @val (big-endian in storage) at its absolute @g2. */
static inline void g2_st8(struct g2 *f, uint64_t g2, uint64_t val)
{
	uint8_t b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(val >> (56 - 8 * i));
	assert_int_equal(gmap_sie_access(f->m, g2, b, 8, true, NULL), 0);
}

static inline uint64_t g2_ld8(struct g2 *f, uint64_t g2)
{
	uint8_t b[8];
	uint64_t v = 0;

	assert_int_equal(gmap_sie_access(f->m, g2, b, 8, false, NULL), 0);
	for (int i = 0; i < 8; i++)
		v = v << 8 | b[i];
	return v;
}

/* Guest-2 fills a table of @n doublewords at @g2 with @val (crst_table_init / empty ptes). */
static inline void g2_fill(struct g2 *f, uint64_t g2, uint64_t val, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		g2_st8(f, g2 + 8ULL * i, val);
}

/* Encodings by hand (dat-reference §3-§5). */
#define E_R3(o) ((o) | 0x07ULL)            /* R3TE: origin, TT=01, TF=0, TL=3 */
#define E_R2(o) ((o) | 0x0bULL)
#define E_R1(o) ((o) | 0x0fULL)
#define E_STE(o) ((uint64_t)(o))           /* format-0 STE: page-table origin */
#define E_PTE(o) ((uint64_t)(o))           /* valid, writable */

#endif
