// SPDX-License-Identifier: MIT
/*
 * Nested differential: the random nested workload of libgmap's own shadow
 * tests (tests/test-shadow.c random_nested_workload_keeps_every_invariant:
 * guest-2 edits its ptes, segment entries and region-third table, guest-3
 * reads and writes through the shadow, EDAT level 1) on the tree's shadow
 * code (gmap_shadow*, kvm_s390_shadow_fault, driven as vsie.c does:
 * khv_access) and on libgmap's model (gmap_shadow, shadow_sie_access),
 * each on its own machine.  What guest-3 sees must agree: the result of
 * each guest-3 access (0, the PIC given to guest-2 and its TEID, or the
 * error), the bytes it reads, and guest-2's memory after each guest-3
 * store.  After every operation the kernel side passes kh_check and the
 * shadow checker over the kernel's shadows (khv_check), the model side
 * check_machine.
 *
 * A divergence prints the seed and a reproducer shrunk by deleting
 * operations.
 *
 *   GMAP_KNESTED_SEED=n (default 1)  GMAP_KNESTED_RUNS=n (4)  GMAP_KNESTED_OPS=n (400)
 */
#include <stdlib.h>

#include "gmap/shadow.h"
#include "khv.h"
#include "ktest.h"
#include "../../tests/test-rnd.h"

#define G2_VM (4 * GB) /* process address of guest-2 absolute 0 (as tests/nested-test.h) */
#define G2_SIZE (32 * MB)
#define R3T 0x100000ULL /* the layout of tests/test-shadow.c */
#define SGT 0x104000ULL
#define SGT_B 0x108000ULL
#define PGT 0x10c000ULL
#define PGT2 0x10d000ULL
#define DATA 0x400000ULL
#define DATA2 0x401000ULL
#define EDAT 1
#define ROUNDS 64

static const uint64_t pgts[2] = { PGT, PGT2 };
static const uint64_t datas[4] = { DATA, DATA2, 0x402000, 0x403000 };

/* Encodings by hand (dat-reference §3-§5), as tests/nested-test.h. */
#define E_R3(o) ((o) | 0x07ULL)
#define E_STE(o) ((uint64_t)(o))
#define E_PTE(o) ((uint64_t)(o))

enum op_kind { OP_PTE, OP_STE, OP_R3TE, OP_G3, OP_PROT, OP_REMAP, OP_KINDS };
static const char *const op_name[] = { "g2-pte", "g2-ste", "g2-r3te", "g3-access",
				       "proc-mprotect", "proc-remap" };

struct op {
	enum op_kind kind;
	uint64_t g2, val;  /* guest-2 stores val at g2 */
	uint64_t saddr;    /* guest-3 access */
	bool write;
	uint8_t data[8];
};

/* One step of the model's workload, from the same bits. */
static struct op random_op(uint64_t *s)
{
	uint64_t r = rnd_next(s);
	struct op o = { 0 };

	switch (r % 6) {
	case 0:
		o.kind = OP_PTE;
		o.val = (r >> 8) & 1 ? 0x400 : E_PTE(datas[(r >> 9) & 3]) | ((r >> 11) & 1 ? 0x200 : 0);
		o.g2 = pgts[(r >> 12) & 1] + ((r >> 13) & 3) * 8;
		break;
	case 1:
		o.kind = OP_STE;
		o.g2 = ((r >> 8) & 1 ? SGT : SGT_B) + ((r >> 9) & 1) * 8;
		o.val = (r >> 10) & 1 ? 0x20 : E_STE(pgts[(r >> 11) & 1]);
		break;
	case 2:
		o.kind = OP_R3TE;
		if ((r >> 8) % 8 != 0) {
			o.kind = OP_R3TE;
			o.g2 = ~0ULL; /* the model's workload skips 7 in 8 */
			break;
		}
		o.g2 = R3T + ((r >> 11) & 1) * 8;
		o.val = E_R3((r >> 12) & 1 ? SGT : SGT_B);
		break;
	default:
		o.kind = OP_G3;
		o.saddr = ((r >> 8) & 1) * 2 * GB + ((r >> 9) & 1) * MB + ((r >> 10) & 3) * PG + 8;
		o.write = (r >> 12) & 1;
		for (int i = 0; i < 8; i++)
			o.data[i] = (uint8_t)(r >> (16 + i));
		break;
	}
	return o;
}

/*
 * Workload B: the same, plus what the model's workload leaves out — the
 * process changing guest-2's memory under it (mprotect of a data page
 * read-only or back, munmap + mmap of one: a fresh zero page) and EDAT-1
 * 1 MB frames in guest-2's segment entries (fake page tables).
 */
static struct op random_op_b(uint64_t *s)
{
	uint64_t r = rnd_next(s);
	struct op o;

	switch (r % 10) {
	case 0:
		o = (struct op){ .kind = OP_PROT, .g2 = datas[(r >> 8) & 3], .val = (r >> 10) & 1 };
		return o;
	case 1:
		if ((r >> 8) % 4 == 0) {
			o = (struct op){ .kind = OP_REMAP, .g2 = datas[(r >> 10) & 3] };
			return o;
		}
		break;
	case 2:
		/* a 1 MB frame at guest-2 2 MB or 3 MB, read-only or not */
		o = (struct op){ .kind = OP_STE, .g2 = ((r >> 8) & 1 ? SGT : SGT_B) + ((r >> 9) & 1) * 8,
				 .val = (((r >> 10) & 1) + 2) * MB | 0x400 | ((r >> 11) & 1 ? 0x200 : 0) };
		return o;
	default:
		break;
	}
	return random_op(s);
}

static void print_op(const struct op *o)
{
	if (o->kind == OP_G3)
		fprintf(stderr, "  %-9s %s 0x%llx\n", op_name[o->kind], o->write ? "store" : "fetch",
			(unsigned long long)o->saddr);
	else if (o->kind == OP_PROT || o->kind == OP_REMAP)
		fprintf(stderr, "  %-9s guest-2 page 0x%llx%s\n", op_name[o->kind],
			(unsigned long long)o->g2,
			o->kind == OP_PROT ? (o->val ? " read-only" : " read-write") : "");
	else if (o->g2 != ~0ULL)
		fprintf(stderr, "  %-9s 0x%llx = 0x%llx\n", op_name[o->kind], (unsigned long long)o->g2,
			(unsigned long long)o->val);
}

/* What guest-3 (and then guest-2) saw. */
struct obs {
	int rc;
	uint64_t teid;
	uint8_t bytes[8];
	uint8_t g2mem[4][8]; /* guest-2's data doublewords at +8 after a store */
};

static bool obs_equal(const struct obs *a, const struct obs *b)
{
	return a->rc == b->rc && a->teid == b->teid && !memcmp(a->bytes, b->bytes, 8) &&
	       !memcmp(a->g2mem, b->g2mem, sizeof(a->g2mem));
}

/* ---- the kernel side ----------------------------------------------------- */
struct kside {
	struct kh *h;
	struct kh_gmap *g;
	struct kh_kvm *k;
};

static void k_put(struct kside *k, uint64_t g2, uint64_t v)
{
	if (khv_guest2_put8(k->h, k->g, g2, v))
		fail_msg("kernel side: guest-2 store at 0x%llx failed", (unsigned long long)g2);
}

static void k_fill(struct kside *k, uint64_t g2, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		k_put(k, g2 + 8ULL * i, v);
}

static int kside_init(struct kside *k)
{
	struct kh_config cfg = { .tlb = true };

	if (kh_setup(&cfg, &k->h))
		return -1;
	kh_trap_install(k->h);
	k->g = khk_gmap_create(k->h->kmm, ~0ULL);
	if (!k->g || kh_mmap(k->h, G2_VM, G2_SIZE, PROT_RW) ||
	    khk_gmap_map_segment(k->g, G2_VM, 0, G2_SIZE))
		return -1;
	k->k = khk_kvm_create(k->g, KHK_FAC_EDAT1);
	return k->k ? 0 : -1;
}

static void kside_fini(struct kside *k)
{
	khk_kvm_destroy(k->k);
	khk_gmap_remove(k->g);
	kh_teardown(k->h);
}

static int kside_g2_read(struct kside *k, uint64_t g2, uint8_t *b)
{
	return kh_sie_access(k->h, k->g, 1, g2, b, 8, false, NULL);
}

static struct obs kside_exec(struct kside *k, const struct op *o)
{
	struct obs r = { 0 };
	struct khv_result res;

	if (o->kind == OP_PROT) {
		r.rc = kh_mprotect(k->h, G2_VM + o->g2, PG, o->val ? MM_PROT_READ : PROT_RW);
		return r;
	}
	if (o->kind == OP_REMAP) {
		r.rc = kh_munmap(k->h, G2_VM + o->g2, PG);
		if (!r.rc)
			r.rc = kh_mmap(k->h, G2_VM + o->g2, PG, PROT_RW);
		return r;
	}
	if (o->kind != OP_G3) {
		if (o->g2 != ~0ULL)
			k_put(k, o->g2, o->val);
		return r;
	}
	memcpy(r.bytes, o->data, 8);
	r.rc = khv_access(k->h, k->k, 0, o->saddr, r.bytes, 8, o->write, &res);
	r.teid = r.rc > 0 ? res.teid : 0;
	if (o->write)
		for (unsigned i = 0; i < 4; i++)
			(void)kside_g2_read(k, datas[i] + 8, r.g2mem[i]);
	return r;
}

/* ---- the model side (libgmap's shadow gmaps) ------------------------------ */
struct mside {
	struct gm_machine *m;
	struct mm_struct *mm;
	struct gmap *g;
	struct gmap *sg;
	uint64_t asce;
};

static void m_put(struct mside *s, uint64_t g2, uint64_t v)
{
	uint8_t b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(v >> (56 - 8 * i));
	if (gmap_sie_access(s->m, g2, b, 8, true, NULL))
		fail_msg("model side: guest-2 store at 0x%llx failed", (unsigned long long)g2);
}

static int mside_init(struct mside *s)
{
	struct gm_machine_config cfg = { 256ULL << 20, 2, GM_FAC_EDAT1 | GM_FAC_IDTE, true };

	memset(s, 0, sizeof(*s));
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
	if (mm_mmap(s->mm, G2_VM, G2_SIZE, PROT_RW, MM_MAP_FIXED, NULL) ||
	    gmap_map_segment(s->g, G2_VM, 0, G2_SIZE))
		return -1;
	return 0;
}

static void mside_fini(struct mside *s)
{
	if (s->sg)
		gmap_put(s->sg);
	gmap_free(s->g);
	mm_destroy(s->mm);
	machine_destroy(s->m);
}

static struct obs mside_exec(struct mside *s, const struct op *o)
{
	struct obs r = { 0 };
	struct dat_result res = { 0 };

	if (o->kind == OP_PROT) {
		r.rc = mm_mprotect(s->mm, G2_VM + o->g2, PG, o->val ? MM_PROT_READ : PROT_RW);
		return r;
	}
	if (o->kind == OP_REMAP) {
		r.rc = mm_munmap(s->mm, G2_VM + o->g2, PG);
		if (!r.rc)
			r.rc = mm_mmap(s->mm, G2_VM + o->g2, PG, PROT_RW, MM_MAP_FIXED, NULL);
		return r;
	}
	if (o->kind != OP_G3) {
		if (o->g2 != ~0ULL)
			m_put(s, o->g2, o->val);
		return r;
	}
	memcpy(r.bytes, o->data, 8);
	r.rc = -ELOOP;
	for (unsigned round = 0; round < ROUNDS; round++) {
		/* vsie.c acquire_gmap_shadow(): reuse while valid */
		if (!s->sg || !gmap_shadow_valid(s->sg, s->asce, EDAT)) {
			if (s->sg)
				gmap_put(s->sg);
			s->sg = gmap_shadow(s->g, s->asce, EDAT);
			if (gmap_is_err(s->sg)) {
				r.rc = (int)gmap_ptr_err(s->sg);
				s->sg = NULL;
				break;
			}
		}
		r.rc = shadow_sie_access(s->m, s->sg, o->saddr, r.bytes, 8, o->write, &res);
		if (r.rc != -EAGAIN)
			break;
		r.rc = -ELOOP;
	}
	r.teid = r.rc > 0 ? res.teid : 0;
	if (o->write)
		for (unsigned i = 0; i < 4; i++)
			(void)gmap_sie_access(s->m, datas[i] + 8, r.g2mem[i], 8, false, NULL);
	return r;
}

/* ---- guest-2's starting tables (tests/test-shadow.c r3_space) ------------- */
static uint64_t both_setup(struct kside *k, struct mside *s)
{
	struct {
		uint64_t g2, val;
		unsigned n;
	} const init[] = {
		{ SGT, 0x20, 2048 },   { PGT, 0x400, 256 },   { SGT, E_STE(PGT), 1 },
		{ PGT + 8, E_PTE(DATA), 1 }, { PGT + 16, E_PTE(DATA2) | 0x200, 1 },
		{ DATA + 0x10, 0x1111, 1 },  { DATA2 + 0x10, 0x2222, 1 },
		{ SGT_B, 0x20, 2048 }, { R3T, 0x24, 2048 },   { R3T, E_R3(SGT), 1 },
		{ R3T + 8, E_R3(SGT_B), 1 }, { SGT_B, E_STE(PGT), 1 },
		{ PGT2, 0x400, 256 },  { DATA, 0, 1 }, { DATA2, 0, 1 }, { 0x402000, 0, 1 },
		{ 0x403000, 0, 1 },
	};

	for (unsigned i = 0; i < sizeof(init) / sizeof(init[0]); i++) {
		k_fill(k, init[i].g2, init[i].val, init[i].n);
		for (unsigned j = 0; j < init[i].n; j++)
			m_put(s, init[i].g2 + 8ULL * j, init[i].val);
	}
	return R3T | 0x4 | 3;
}

struct tally {
	unsigned long ok, pic, other;
};

/* Index of the first divergent (or invariant-breaking) operation, or -1. */
static long run(const struct op *ops, size_t n, bool verbose, struct tally *t)
{
	struct kside k;
	struct mside s;
	struct check_report rep = { 0 };
	long bad = -1;
	uint64_t asce;

	if (kside_init(&k) || mside_init(&s)) {
		fprintf(stderr, "knested: setup failed\n");
		exit(1);
	}
	asce = both_setup(&k, &s);
	s.asce = asce;
	khk_vsie_set_gcr(k.k, CR0_EDAT, asce);
	for (size_t i = 0; i < n && bad < 0; i++) {
		struct obs a = kside_exec(&k, &ops[i]), b = mside_exec(&s, &ops[i]);

		if (!obs_equal(&a, &b)) {
			if (verbose) {
				fprintf(stderr, "op %zu %s: kernel rc %d teid 0x%llx, model rc %d teid 0x%llx%s\n",
					i, op_name[ops[i].kind], a.rc, (unsigned long long)a.teid, b.rc,
					(unsigned long long)b.teid,
					memcmp(a.bytes, b.bytes, 8) ? "; bytes differ" :
					memcmp(a.g2mem, b.g2mem, sizeof(a.g2mem)) ? "; guest-2 memory differs" : "");
			}
			bad = (long)i;
		} else if (kh_check(k.h, &k.g, 1) || khv_check(k.h, k.g)) {
			if (verbose)
				fprintf(stderr, "op %zu %s: kernel-side invariants broken\n", i,
					op_name[ops[i].kind]);
			bad = (long)i;
		} else if (check_machine(s.m, &rep) != 0) {
			if (verbose)
				for (unsigned j = 0; j < rep.n; j++)
					fprintf(stderr, "op %zu: model invariant %u: %s\n", i, rep.v[j].inv,
						rep.v[j].msg);
			bad = (long)i;
		}
		check_report_free(&rep);
		if (t && ops[i].kind == OP_G3) {
			if (a.rc == 0)
				t->ok++;
			else if (a.rc > 0)
				t->pic++;
			else
				t->other++;
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
			if (run(ops, n - 1, false, NULL) >= 0) {
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

static void agree_on(struct op (*gen)(uint64_t *), const char *name)
{
	unsigned long seed0 = env_ul("GMAP_KNESTED_SEED", 1), runs = env_ul("GMAP_KNESTED_RUNS", 4);
	size_t nops = env_ul("GMAP_KNESTED_OPS", 400);
	struct op *ops = calloc(nops ? nops : 1, sizeof(*ops));
	struct tally t = { 0 };

	assert_non_null(ops);
	for (unsigned long r = 0; r < runs; r++) {
		uint64_t s = seed0 + r;
		long bad;

		for (size_t i = 0; i < nops; i++)
			ops[i] = gen(&s);
		bad = run(ops, nops, true, &t);
		if (bad >= 0) {
			size_t n = shrink(ops, (size_t)bad + 1);

			fprintf(stderr, "knested %s: divergence with GMAP_KNESTED_SEED=%lu GMAP_KNESTED_RUNS=1 "
					"GMAP_KNESTED_OPS=%zu; shrunk to %zu operations:\n",
				name, seed0 + r, nops, n);
			for (size_t i = 0; i < n; i++)
				print_op(&ops[i]);
			run(ops, n, true, NULL);
			free(ops);
			fail_msg("kernel and model diverge (seed %lu)", seed0 + r);
		}
	}
	fprintf(stderr, "knested %s: %lu runs x %zu operations agree; guest-3 accesses: %lu ok, %lu PIC, %lu other\n",
		name, runs, nops, t.ok, t.pic, t.other);
	/* both outcomes were exercised (as the model's own workload demands) */
	assert_true(t.ok > 20 * runs && t.pic > 20 * runs);
	free(ops);
}

static void test_kernel_shadow_and_model_agree_on_the_nested_workload(void **state)
{
	(void)state;
	agree_on(random_op, "workload A");
}

static void test_kernel_shadow_and_model_agree_with_process_changes_and_large_frames(void **state)
{
	(void)state;
	agree_on(random_op_b, "workload B");
}

#define G2OP(k, a, v) { .kind = (k), .g2 = (a), .val = (v) }
#define G3OP(a, w) { .kind = OP_G3, .saddr = (a), .write = (w), .data = { 1, 2, 3, 4, 5, 6, 7, 8 } }

static void run_directed(const char *what, const struct op *ops, size_t n)
{
	long bad = run(ops, n, true, NULL);

	if (bad >= 0)
		fail_msg("%s: kernel and model diverge at operation %ld", what, bad);
}

/*
 * gmap-semantics §5 item 14 on both sides: re-shadowing the same page
 * table (a store into its segment table unshadows the subtree, the next
 * access builds it again) three times; the checkers after every step
 * reject a duplicate rmap on either side.
 */
static void test_reshadowing_the_same_table_agrees_without_duplicate_rmaps(void **state)
{
	const struct op ops[] = {
		G3OP(PG + 8, false),  G2OP(OP_STE, SGT + 100 * 8, 0x20), G3OP(PG + 8, false),
		G2OP(OP_STE, SGT + 100 * 8, 0x20), G3OP(PG + 8, true), G2OP(OP_STE, SGT + 100 * 8, 0x20),
		G3OP(PG + 8, false),
	};

	(void)state;
	run_directed("reshadowing", ops, sizeof(ops) / sizeof(ops[0]));
}

/*
 * gmap-semantics §5 items 15/16 on both sides: guest-2 maps its own page
 * table for guest-3, read-only (an ordinary shadowed page) and then
 * writable (the page-table page must become writable for the shadow pte,
 * which unshadows the page table being filled: no progress, never a
 * stale or unprotected entry).  Both sides give the same answer.
 */
static void test_guest3_mapping_guest2s_page_table_agrees(void **state)
{
	const struct op ops[] = {
		G2OP(OP_PTE, PGT + 7 * 8, PGT | 0x200), G3OP(7 * PG + 8, false),
		G3OP(7 * PG + 8, true),                 G2OP(OP_PTE, PGT + 7 * 8, PGT),
		G3OP(7 * PG + 0x808, false),             G3OP(7 * PG + 0x808, true),
		G3OP(PG + 8, false),
	};

	(void)state;
	run_directed("own page table", ops, sizeof(ops) / sizeof(ops[0]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kernel_shadow_and_model_agree_on_the_nested_workload),
		cmocka_unit_test(test_kernel_shadow_and_model_agree_with_process_changes_and_large_frames),
		cmocka_unit_test(test_reshadowing_the_same_table_agrees_without_duplicate_rmaps),
		cmocka_unit_test(test_guest3_mapping_guest2s_page_table_agrees),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
