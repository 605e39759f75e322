// SPDX-License-Identifier: MIT
/*
 * Differential test: one random operation sequence on the kernel's gmap
 * (the tree's gmap.c on the harness) and on libgmap's own model of the 3.1
 * design (lib/gmap.c), each on its own machine.  Every guest-visible
 * observable must agree: the result of each process operation, the bytes
 * the process and the guest read, and whether each guest access succeeds
 * after fault handling (the program-interruption code may differ: the
 * kernel builds its region tables lazily, so an unmapped guest address
 * stops at a region-third entry there and at a segment entry in the model).
 * The kernel side's invariants (kh_check) run after every operation.
 *
 * One known difference is kept out of the sequences: since 3.18 "each host
 * segment may only be mapped to exactly one guest location" per gmap (the
 * host_to_guest radix tree, gmap-semantics §3.3), while the 3.1 design the
 * model follows lets two guest segments alias one process segment.  The
 * generator never maps a process segment a second time, and shrinking
 * rejects candidates that would.  A second one: the 3.1 gmap_fault checks
 * for a VMA at the *first byte* of the segment the STE targets (L31
 * pgtable.c gmap_fault: find_vma(mm, segment origin)), 6.x faults the exact
 * address through fixup_user_fault; so single pages are unmapped only
 * after the first page of a segment (page 0 goes with whole segments).
 *
 * A divergence prints the seed and a reproducer shrunk by deleting
 * operations while it still diverges.
 *
 *   GMAP_KDIFF_SEED=n   first seed (default 1)    GMAP_KDIFF_RUNS=n  (default 8)
 *   GMAP_KDIFF_OPS=n    operations per run (300)  argv[1] = "--bench": ops/s
 */
#include <stdlib.h>
#include <time.h>

#include "ktest.h"
#include "../../tests/test-rnd.h"

#define VA (1ULL << 32)
#define NSEG 6   /* process segments VA + s MB */
#define NGSEG 8  /* guest segments g MB */
#define NPAGE 6  /* pages used per segment */

enum op_kind {
	OP_MMAP, OP_MUNMAP_PAGE, OP_MUNMAP_SEG, OP_MPROTECT, OP_MAP, OP_UNMAP,
	OP_PWRITE, OP_PREAD, OP_GWRITE, OP_GREAD, OP_KINDS
};
static const char *const op_name[] = { "mmap", "munmap-page", "munmap-seg", "mprotect", "map",
				       "unmap", "proc-write", "proc-read", "guest-write",
				       "guest-read" };

struct op {
	enum op_kind kind;
	unsigned a, b, c; /* segment / guest segment, page, value or flag */
};

/* What an operation showed: its result and the byte read. */
struct obs {
	int rc;
	int byte;
};

static struct op random_op(uint64_t *s)
{
	struct op o = { (enum op_kind)rnd_below(s, OP_KINDS), (unsigned)rnd_below(s, NSEG),
			(unsigned)rnd_below(s, NPAGE), (unsigned)rnd_below(s, 256) };

	if (o.kind == OP_MUNMAP_PAGE && o.b == 0) {
		o.b = 1 + (unsigned)rnd_below(s, NPAGE - 1);
	} else if (o.kind == OP_MAP) {
		o.b = (unsigned)rnd_below(s, NGSEG);
	} else if (o.kind == OP_UNMAP || o.kind == OP_GWRITE || o.kind == OP_GREAD) {
		o.a = (unsigned)rnd_below(s, NGSEG);
	}
	return o;
}

/* Whether the sequence ever maps one process segment at two guest segments. */
static bool aliases(const struct op *ops, size_t n)
{
	int g2s[NGSEG];

	for (unsigned g = 0; g < NGSEG; g++)
		g2s[g] = -1;
	for (size_t i = 0; i < n; i++) {
		if (ops[i].kind == OP_UNMAP) {
			g2s[ops[i].a] = -1;
		} else if (ops[i].kind == OP_MAP) {
			for (unsigned g = 0; g < NGSEG; g++)
				if (g != ops[i].b && g2s[g] == (int)ops[i].a)
					return true;
			g2s[ops[i].b] = (int)ops[i].a;
		}
	}
	return false;
}

/* A random sequence without aliasing: a map that would alias becomes an
 * unmap of the guest segment holding that process segment. */
static void random_ops(uint64_t *s, struct op *ops, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		ops[i] = random_op(s);
		if (ops[i].kind == OP_MAP && aliases(ops, i + 1)) {
			int g2s[NGSEG];

			for (unsigned g = 0; g < NGSEG; g++)
				g2s[g] = -1;
			for (size_t j = 0; j < i; j++) {
				if (ops[j].kind == OP_UNMAP)
					g2s[ops[j].a] = -1;
				else if (ops[j].kind == OP_MAP)
					g2s[ops[j].b] = (int)ops[j].a;
			}
			for (unsigned g = 0; g < NGSEG; g++)
				if (g2s[g] == (int)ops[i].a)
					ops[i] = (struct op){ OP_UNMAP, g, 0, 0 };
		}
	}
}

static void print_op(const struct op *o)
{
	fprintf(stderr, "  %-12s a=%u b=%u c=%u\n", op_name[o->kind], o->a, o->b, o->c);
}

/* ---- the kernel side -------------------------------------------------- */
struct kside {
	struct kh *h;
	struct kh_gmap *g;
};

static int kside_init(struct kside *k)
{
	struct kh_config cfg = { .tlb = true };

	if (kh_setup(&cfg, &k->h))
		return -1;
	kh_trap_install(k->h);
	k->g = khk_gmap_create(k->h->kmm, (1ULL << 44) - 1);
	return k->g ? 0 : -1;
}

static void kside_fini(struct kside *k)
{
	khk_gmap_remove(k->g);
	kh_teardown(k->h);
}

static struct obs kside_exec(struct kside *k, const struct op *o)
{
	uint64_t pa = VA + o->a * MB + o->b * PG, ga = o->a * MB + o->b * PG + 0x10;
	uint8_t v = (uint8_t)o->c;
	struct obs r = { 0, -1 };

	switch (o->kind) {
	case OP_MMAP: r.rc = kh_mmap(k->h, VA + o->a * MB, MB, PROT_RW); break;
	case OP_MUNMAP_PAGE: r.rc = kh_munmap(k->h, pa, PG); break;
	case OP_MUNMAP_SEG: r.rc = kh_munmap(k->h, VA + o->a * MB, MB); break;
	case OP_MPROTECT: r.rc = kh_mprotect(k->h, pa, PG, (o->c & 1) ? MM_PROT_READ : PROT_RW); break;
	case OP_MAP: r.rc = khk_gmap_map_segment(k->g, VA + o->a * MB, o->b * MB, MB); break;
	case OP_UNMAP: r.rc = khk_gmap_unmap_segment(k->g, o->a * MB, MB); break;
	case OP_PWRITE: r.rc = kh_proc_write(k->h, pa + 0x10, &v, 1); break;
	case OP_PREAD:
		r.rc = kh_proc_read(k->h, pa + 0x10, &v, 1);
		r.byte = r.rc ? -1 : v;
		break;
	case OP_GWRITE: r.rc = kh_sie_access(k->h, k->g, o->c & 1, ga, &v, 1, true, NULL) != 0; break;
	case OP_GREAD:
		r.rc = kh_sie_access(k->h, k->g, o->c & 1, ga, &v, 1, false, NULL) != 0;
		r.byte = r.rc ? -1 : v;
		break;
	default: break;
	}
	return r;
}

/* ---- the model side (libgmap's 3.1 gmap) ------------------------------- */
struct mside {
	struct gm_machine *m;
	struct mm_struct *mm;
	struct gmap *g;
};

static int mside_init(struct mside *s)
{
	struct gm_machine_config cfg = { 256ULL << 20, 2, GM_FAC_EDAT1 | GM_FAC_IDTE, true };

	if (machine_create(&cfg, &s->m) || mm_create(s->m, MM_PGSTE, &s->mm))
		return -1;
	s->g = gmap_alloc(s->mm);
	if (!s->g)
		return -1;
	for (unsigned c = 0; c < 2; c++) {
		machine_set_current_cpu(s->m, c);
		mm_switch(s->mm, machine_cpu(s->m, c));
		gmap_enable(s->g);
	}
	machine_set_current_cpu(s->m, 0);
	return 0;
}

static void mside_fini(struct mside *s)
{
	gmap_free(s->g);
	mm_destroy(s->mm);
	machine_destroy(s->m);
}

static struct obs mside_exec(struct mside *s, const struct op *o)
{
	uint64_t pa = VA + o->a * MB + o->b * PG, ga = o->a * MB + o->b * PG + 0x10;
	uint8_t v = (uint8_t)o->c;
	struct obs r = { 0, -1 };

	switch (o->kind) {
	case OP_MMAP: r.rc = mm_mmap(s->mm, VA + o->a * MB, MB, PROT_RW, MM_MAP_FIXED, NULL); break;
	case OP_MUNMAP_PAGE: r.rc = mm_munmap(s->mm, pa, PG); break;
	case OP_MUNMAP_SEG: r.rc = mm_munmap(s->mm, VA + o->a * MB, MB); break;
	case OP_MPROTECT: r.rc = mm_mprotect(s->mm, pa, PG, (o->c & 1) ? MM_PROT_READ : PROT_RW); break;
	case OP_MAP: r.rc = gmap_map_segment(s->g, VA + o->a * MB, o->b * MB, MB); break;
	case OP_UNMAP: r.rc = gmap_unmap_segment(s->g, o->a * MB, MB); break;
	case OP_PWRITE: r.rc = mm_write(s->mm, pa + 0x10, &v, 1); break;
	case OP_PREAD:
		r.rc = mm_read(s->mm, pa + 0x10, &v, 1);
		r.byte = r.rc ? -1 : v;
		break;
	case OP_GWRITE:
	case OP_GREAD:
		machine_set_current_cpu(s->m, o->c & 1);
		r.rc = gmap_sie_access(s->m, ga, &v, 1, o->kind == OP_GWRITE, NULL) != 0;
		machine_set_current_cpu(s->m, 0);
		r.byte = (o->kind == OP_GREAD && !r.rc) ? v : -1;
		break;
	default: break;
	}
	return r;
}

/* ---- running and shrinking ---------------------------------------------- */

/* Index of the first divergent (or invariant-breaking) operation, or -1. */
static long run(const struct op *ops, size_t n, bool verbose)
{
	struct kside k;
	struct mside s;
	long bad = -1;

	if (kside_init(&k) || mside_init(&s)) {
		fprintf(stderr, "kdiff: setup failed\n");
		exit(1);
	}
	for (size_t i = 0; i < n && bad < 0; i++) {
		struct obs a = kside_exec(&k, &ops[i]), b = mside_exec(&s, &ops[i]);

		if (a.rc != b.rc || a.byte != b.byte) {
			if (verbose)
				fprintf(stderr, "op %zu %s: kernel rc %d byte %d, model rc %d byte %d\n", i,
					op_name[ops[i].kind], a.rc, a.byte, b.rc, b.byte);
			bad = (long)i;
		} else if (kh_check(k.h, &k.g, 1)) {
			if (verbose)
				fprintf(stderr, "op %zu %s: kernel-side invariants broken\n", i,
					op_name[ops[i].kind]);
			bad = (long)i;
		}
	}
	mside_fini(&s);
	kside_fini(&k);
	return bad;
}

static size_t shrink(struct op *ops, size_t n)
{
	bool progress = true;

	while (progress) {
		progress = false;
		for (size_t i = 0; i < n; i++) {
			struct op keep = ops[i];

			memmove(&ops[i], &ops[i + 1], (n - i - 1) * sizeof(*ops));
			if (!aliases(ops, n - 1) && run(ops, n - 1, false) >= 0) {
				n--;
				progress = true;
				i--;
			} else {
				memmove(&ops[i + 1], &ops[i], (n - i - 1) * sizeof(*ops));
				ops[i] = keep;
			}
		}
	}
	return n;
}

static unsigned long env_ul(const char *name, unsigned long dflt)
{
	const char *v = getenv(name);

	return v && *v ? strtoul(v, NULL, 0) : dflt;
}

static void test_kernel_and_model_agree(void **state)
{
	unsigned long seed0 = env_ul("GMAP_KDIFF_SEED", 1), runs = env_ul("GMAP_KDIFF_RUNS", 8);
	size_t nops = env_ul("GMAP_KDIFF_OPS", 300);
	struct op *ops = calloc(nops ? nops : 1, sizeof(*ops));

	(void)state;
	assert_non_null(ops);
	for (unsigned long r = 0; r < runs; r++) {
		uint64_t s = seed0 + r;
		long bad;

		random_ops(&s, ops, nops);
		bad = run(ops, nops, true);
		if (bad >= 0) {
			size_t n = shrink(ops, (size_t)bad + 1);

			fprintf(stderr, "kdiff: divergence with GMAP_KDIFF_SEED=%lu GMAP_KDIFF_RUNS=1 "
					"GMAP_KDIFF_OPS=%zu; shrunk to %zu operations:\n",
				seed0 + r, nops, n);
			for (size_t i = 0; i < n; i++)
				print_op(&ops[i]);
			run(ops, n, true);
			free(ops);
			fail_msg("kernel and model diverge (seed %lu)", seed0 + r);
		}
	}
	free(ops);
}

/* --bench: the same sequence on each side alone, operations per second. */
static double bench_side(bool kernel, const struct op *ops, size_t n)
{
	struct timespec t0, t1;
	struct kside k;
	struct mside s;

	if (kernel ? kside_init(&k) : mside_init(&s))
		exit(1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (size_t i = 0; i < n; i++)
		(void)(kernel ? kside_exec(&k, &ops[i]) : mside_exec(&s, &ops[i]));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (kernel)
		kside_fini(&k);
	else
		mside_fini(&s);
	return (double)n / ((double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kernel_and_model_agree),
	};

	if (argc > 1 && !strcmp(argv[1], "--bench")) {
		size_t n = env_ul("GMAP_KDIFF_OPS", 20000);
		struct op *ops = calloc(n, sizeof(*ops));
		uint64_t s = 42;
		double kops, mops;

		if (!ops)
			return 1;
		random_ops(&s, ops, n);
		kops = bench_side(true, ops, n);
		mops = bench_side(false, ops, n);
		printf("kernel_gmap_ops_per_s %.0f\nmodel_gmap_ops_per_s %.0f\nkernel_over_model %.3f\n",
		       kops, mops, kops / mops);
		free(ops);
		return 0;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
