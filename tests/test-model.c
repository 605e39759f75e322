/* SPDX-License-Identifier: MIT */
/*
 * test-model — model-based random testing of mm + gmap, the allocation
 * failure sweep, and several machines in parallel threads.
 *
 * The reference model is deliberately simple (docs/testing.md):
 *   - per process page of a small address window: the VMA protection (or
 *     none), whether a frame is present, and its bytes;
 *   - per gmap: which guest segment maps to which process address, whether
 *     it is linked, and which guest region/segment tables exist;
 * and it encodes the seed's rules (gmap-semantics §1.5-§1.11, §4.A):
 * gmap_fault links a MAPPED segment iff a VMA contains the target's first
 * byte; a process page table is freed (guest entries back to MAPPED) when
 * no VMA overlaps its segment any more; a guest access faults like
 * do_exception() under SIE.  A random sequence of operations runs against
 * the library and the model side by side; after every step check_machine()
 * must pass and every observable must agree: bytes read by guest and
 * process, each access's PIC and TEID page, -EFAULT results, gmap_fault's
 * result and thread.gmap_addr, the VMAs, the guest segment-entry states,
 * and (every few steps) every present page's bytes.
 *
 * On a divergence the test prints the seed and a shrunk gmapsim script
 * reproducing it.  Environment: GMAP_MODEL_SEED=<n> runs that seed only,
 * GMAP_MODEL_OPS=<n> sets the operations per run, GMAP_MODEL_FILTER=<glob>
 * selects tests (cmocka_set_test_filter).
 *
 * bench/bench-model.c includes this file with MODEL_NO_MAIN defined.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test-rnd.h"

#include "gmap/check.h"
#include "gmap/cpu.h"
#include "gmap/dat.h"
#include "gmap/gmap.h"
#include "gmap/machine.h"
#include "gmap/mm.h"
#include "gmap/script.h"
#include "gmap/storage.h"
#include "gmap/tlb.h"

/* ---- the address windows --------------------------------------------- */

#define NMM 2
#define NGMAP 3
#define NCPU 2

struct block {
	uint64_t base;
	unsigned nseg;
};

/* Process window: low, and at 3 TB (a second region-third entry). */
static const struct block pblocks[] = { { 16 * MB, 6 }, { 3 * TB, 2 } };
#define NPSEG 8
#define NPAGES (NPSEG * 256)

/* Guest window: low, across a 2 GB (R3 index) boundary, and far up
 * (other R1/R2/R3 indices). */
static const struct block gblocks[] = {
	{ 0, 6 },
	{ (1ULL << 31) - 2 * MB, 4 },
	{ (3ULL << 53) | (5ULL << 42) | (2ULL << 31), 2 },
};
#define NGSEG 12

static int pseg_of(uint64_t vmaddr)
{
	int idx = 0;

	for (unsigned b = 0; b < sizeof(pblocks) / sizeof(pblocks[0]); b++) {
		uint64_t base = pblocks[b].base, end = base + pblocks[b].nseg * MB;

		if (vmaddr >= base && vmaddr < end)
			return idx + (int)((vmaddr - base) / MB);
		idx += (int)pblocks[b].nseg;
	}
	return -1;
}

static uint64_t pseg_addr(int idx)
{
	for (unsigned b = 0; b < sizeof(pblocks) / sizeof(pblocks[0]); b++) {
		if (idx < (int)pblocks[b].nseg)
			return pblocks[b].base + (uint64_t)idx * MB;
		idx -= (int)pblocks[b].nseg;
	}
	return 0;
}

static int gseg_of(uint64_t gaddr)
{
	int idx = 0;

	for (unsigned b = 0; b < sizeof(gblocks) / sizeof(gblocks[0]); b++) {
		uint64_t base = gblocks[b].base, end = base + gblocks[b].nseg * MB;

		if (gaddr >= base && gaddr < end)
			return idx + (int)((gaddr - base) / MB);
		idx += (int)gblocks[b].nseg;
	}
	return -1;
}

static uint64_t gseg_addr(int idx)
{
	for (unsigned b = 0; b < sizeof(gblocks) / sizeof(gblocks[0]); b++) {
		if (idx < (int)gblocks[b].nseg)
			return gblocks[b].base + (uint64_t)idx * MB;
		idx -= (int)gblocks[b].nseg;
	}
	return 0;
}

static int page_of(uint64_t vmaddr)
{
	int s = pseg_of(vmaddr);

	return s < 0 ? -1 : s * 256 + (int)((vmaddr >> 12) & 0xff);
}

/* ---- the reference model --------------------------------------------- */

#define NO_VMA (-1)
#define NO_MAP UINT64_MAX

struct mpage {
	int8_t prot;     /* NO_VMA or MM_PROT_* */
	bool present;    /* a frame is mapped */
	uint8_t *data;   /* NULL: all zero */
};

struct mmodel {
	struct mpage pages[NPAGES];
};

#define MAX_KEYS 64

struct gmodel {
	bool live;
	uint64_t map[NGSEG]; /* target process address or NO_MAP */
	bool linked[NGSEG];
	/* guest tables that exist: keys gaddr>>53 (R2 tables), >>42 (R3), >>31 (STs) */
	uint64_t keys[3][MAX_KEYS];
	unsigned nkeys[3];
};

/* ---- operations ------------------------------------------------------ */

enum op_kind {
	OP_MMAP,
	OP_MUNMAP,
	OP_MPROTECT,
	OP_PREAD,
	OP_PWRITE,
	OP_MFAULT,
	OP_GALLOC,
	OP_GFREE,
	OP_GMAP,
	OP_GUNMAP,
	OP_GFAULT,
	OP_GREAD,
	OP_GWRITE,
	OP_COUNT
};

struct op {
	uint8_t kind, mm, gm, cpu;
	uint32_t len;   /* bytes for accesses */
	uint32_t prot;
	uint64_t a, b, c; /* addresses / length / data seed */
};

struct world {
	struct gm_machine *m;
	struct mm_struct *mm[NMM];
	struct gmap *gmap[NMM][NGMAP];
	struct mmodel mm_model[NMM];
	struct gmodel g_model[NMM][NGMAP];
	struct check_report rep;
	bool deep;          /* compare VMAs, STE states and memory as well */
	unsigned census;    /* every census-th step: check_machine_full() (0: never) */
	FILE *script;       /* non-NULL: write each operation as gmapsim lines */
	unsigned step;
	char why[512];
};

struct model_cfg {
	uint64_t seed;
	unsigned nops;
	bool deep;         /* per-step structural comparisons (tests: yes) */
	bool check_each;   /* check_machine() after every step */
	unsigned census;   /* every census-th checked step reads every table entry and
			    * verifies the populated-entry census (check_machine_full) */
};

static void pattern(uint64_t seed, uint8_t *buf, size_t len)
{
	uint64_t s = seed;

	for (size_t i = 0; i < len; i++) {
		if ((i & 7) == 0)
			s = rnd_next(&s) | 1;
		buf[i] = (uint8_t)(s >> ((i & 7) * 8));
	}
}

/* ---- world setup / teardown ------------------------------------------ */

static int world_init(struct world *w, uint64_t seed)
{
	struct gm_machine_config cfg = {
		.storage_size = 512 * MB,
		.ncpus = NCPU,
		.facilities = GM_FAC_EDAT1 | ((seed & 1) ? GM_FAC_IDTE : 0),
		.tlb = (seed & 2) != 0,
	};

	memset(w, 0, sizeof(*w));
	if (machine_create(&cfg, &w->m) != 0)
		return -1;
	for (unsigned i = 0; i < NMM; i++) {
		if (mm_create(w->m, MM_PGSTE, &w->mm[i]) != 0)
			return -1;
		for (unsigned p = 0; p < NPAGES; p++)
			w->mm_model[i].pages[p].prot = NO_VMA;
	}
	return 0;
}

static void world_fini(struct world *w)
{
	for (unsigned i = 0; i < NMM; i++) {
		for (unsigned g = 0; g < NGMAP; g++)
			gmap_free(w->gmap[i][g]);
		if (w->mm[i])
			mm_destroy(w->mm[i]);
		for (unsigned p = 0; p < NPAGES; p++)
			free(w->mm_model[i].pages[p].data);
	}
	check_report_free(&w->rep);
	if (w->m)
		machine_destroy(w->m);
	memset(w, 0, sizeof(*w));
}

/* ---- model rules ------------------------------------------------------- */

static bool gm_has_key(const struct gmodel *g, unsigned lvl, uint64_t key)
{
	for (unsigned i = 0; i < g->nkeys[lvl]; i++)
		if (g->keys[lvl][i] == key)
			return true;
	return false;
}

static void gm_add_key(struct gmodel *g, unsigned lvl, uint64_t key)
{
	if (!gm_has_key(g, lvl, key) && g->nkeys[lvl] < MAX_KEYS)
		g->keys[lvl][g->nkeys[lvl]++] = key;
}

/* The exception a guest access to an unmapped @gaddr raises. */
static int gm_unmapped_pic(const struct gmodel *g, uint64_t gaddr)
{
	if (!gm_has_key(g, 0, gaddr >> 53))
		return PGM_REG_FIRST_TRANS;
	if (!gm_has_key(g, 1, gaddr >> 42))
		return PGM_REG_SEC_TRANS;
	if (!gm_has_key(g, 2, gaddr >> 31))
		return PGM_REG_THIRD_TRANS;
	return PGM_SEGMENT_TRANSLATION;
}

static bool vma_at(const struct mmodel *mm, uint64_t vmaddr)
{
	int p = page_of(vmaddr);

	return p >= 0 && mm->pages[p].prot != NO_VMA;
}

static bool seg_has_vma(const struct mmodel *mm, int pseg)
{
	for (int p = pseg * 256; p < pseg * 256 + 256; p++)
		if (mm->pages[p].prot != NO_VMA)
			return true;
	return false;
}

static void page_drop(struct mpage *pg)
{
	pg->prot = NO_VMA;
	pg->present = false;
	free(pg->data);
	pg->data = NULL;
}

/* munmap (also the first half of MAP_FIXED): pages gone, and page tables
 * of segments no VMA overlaps any more freed, which unlinks guest entries. */
static void model_unmap(struct world *w, unsigned mi, uint64_t addr, uint64_t len)
{
	struct mmodel *mm = &w->mm_model[mi];
	int first = -1, last = -1;

	for (uint64_t a = addr; a < addr + len; a += PAGE_SIZE) {
		int p = page_of(a);

		if (p < 0)
			continue;
		page_drop(&mm->pages[p]);
		if (first < 0)
			first = p / 256;
		last = p / 256;
	}
	for (int s = first; s >= 0 && s <= last; s++) {
		if (seg_has_vma(mm, s))
			continue;
		for (unsigned g = 0; g < NGMAP; g++) {
			struct gmodel *gm = &w->g_model[mi][g];

			for (unsigned i = 0; gm->live && i < NGSEG; i++)
				if (gm->map[i] == pseg_addr(s))
					gm->linked[i] = false;
		}
	}
}

static bool prot_allows(int prot, bool write)
{
	if (prot == NO_VMA)
		return false;
	return write ? (prot & MM_PROT_WRITE) != 0 : (prot & MM_PROT_READ) != 0;
}

/* mm_fault on the model: true if the fault succeeds (the page is present). */
static bool model_mm_fault(struct mmodel *mm, uint64_t vmaddr, bool write)
{
	int p = page_of(vmaddr);

	if (p < 0 || !prot_allows(mm->pages[p].prot, write))
		return false;
	mm->pages[p].present = true;
	return true;
}

/* gmap_fault on the model: the process address, or -EFAULT. */
static int64_t model_gmap_fault(struct world *w, unsigned mi, unsigned gi, uint64_t gaddr)
{
	struct gmodel *gm = &w->g_model[mi][gi];
	int s = gseg_of(gaddr);

	if (s < 0 || gm->map[s] == NO_MAP)
		return -EFAULT;
	if (!gm->linked[s]) {
		if (!vma_at(&w->mm_model[mi], gm->map[s]))
			return -EFAULT;
		gm->linked[s] = true;
	}
	return (int64_t)(gm->map[s] | (gaddr & (MB - 1)));
}

/*
 * A guest access of one page as gmap_sie_access() resolves it: translate;
 * on a region/segment/page-translation or (for a store) protection
 * exception call gmap_fault, then mm_fault at the process address; retry.
 * Return 0 or the PIC; *vmaddr gets the process address on success.
 */
static int model_guest_access(struct world *w, unsigned mi, unsigned gi, uint64_t gaddr,
			      bool write, uint64_t *vmaddr)
{
	struct gmodel *gm = &w->g_model[mi][gi];
	struct mmodel *mm = &w->mm_model[mi];
	int s = gseg_of(gaddr);

	for (int attempt = 0; attempt < 8; attempt++) {
		int pic;

		if (s < 0 || gm->map[s] == NO_MAP)
			return gm_unmapped_pic(gm, gaddr);
		if (!gm->linked[s]) {
			pic = PGM_SEGMENT_TRANSLATION;
		} else {
			uint64_t va = gm->map[s] | (gaddr & (MB - 1));
			int p = page_of(va);

			if (p < 0 || !mm->pages[p].present || mm->pages[p].prot == MM_PROT_NONE ||
			    mm->pages[p].prot == NO_VMA) {
				pic = PGM_PAGE_TRANSLATION;
			} else if (write && !(mm->pages[p].prot & MM_PROT_WRITE)) {
				pic = PGM_PROTECTION;
			} else {
				*vmaddr = va;
				return 0;
			}
		}
		if (model_gmap_fault(w, mi, gi, gaddr) < 0)
			return pic;
		if (!model_mm_fault(mm, gm->map[s] | (gaddr & (MB - 1)), write))
			return pic;
	}
	return -1;
}

static void model_read(const struct mmodel *mm, uint64_t vmaddr, uint8_t *buf, size_t len)
{
	const struct mpage *pg = &mm->pages[page_of(vmaddr)];

	if (pg->data)
		memcpy(buf, pg->data + (vmaddr & 0xfff), len);
	else
		memset(buf, 0, len);
}

static void model_write(struct mmodel *mm, uint64_t vmaddr, const uint8_t *buf, size_t len)
{
	struct mpage *pg = &mm->pages[page_of(vmaddr)];

	if (!pg->data) {
		pg->data = calloc(1, PAGE_SIZE);
		if (!pg->data)
			abort(); /* test harness: host out of memory */
	}
	memcpy(pg->data + (vmaddr & 0xfff), buf, len);
}

/* ---- comparisons ------------------------------------------------------- */

#define DIVERGE(w, ...)                                                     \
	do {                                                                    \
		snprintf((w)->why, sizeof((w)->why), __VA_ARGS__);                  \
		return 1;                                                           \
	} while (0)

/* The VMAs inside the window agree with the model page by page. */
static int compare_vmas(struct world *w, unsigned mi)
{
	int8_t seen[NPAGES];
	struct vm_area_struct *vma;

	memset(seen, NO_VMA, sizeof(seen));
	for (vma = mm_vma_first(w->mm[mi]); vma; vma = mm_vma_next(w->mm[mi], vma)) {
		if (vma->vm_start >= vma->vm_end || (vma->vm_start | vma->vm_end) & 0xfff)
			DIVERGE(w, "mm%u: malformed VMA [0x%" PRIx64 ", 0x%" PRIx64 ")", mi,
				vma->vm_start, vma->vm_end);
		for (uint64_t a = vma->vm_start; a < vma->vm_end; a += PAGE_SIZE) {
			int p = page_of(a);

			if (p < 0)
				DIVERGE(w, "mm%u: VMA page 0x%" PRIx64 " outside anything mapped", mi, a);
			seen[p] = (int8_t)vma->vm_prot;
			if (a + PAGE_SIZE < a)
				break;
		}
	}
	for (int p = 0; p < NPAGES; p++) {
		if (seen[p] != w->mm_model[mi].pages[p].prot)
			DIVERGE(w, "mm%u: page 0x%" PRIx64 " VMA prot %d, model %d", mi,
				(uint64_t)(pseg_addr(p / 256) + (uint64_t)(p % 256) * PAGE_SIZE), seen[p],
				w->mm_model[mi].pages[p].prot);
	}
	return 0;
}

/* Read the guest STE of @gaddr straight from storage; 0 when a region
 * entry on the way is invalid. */
static bool guest_ste(struct world *w, struct gmap *g, uint64_t gaddr, uint64_t *ste)
{
	const struct gm_storage *st = machine_storage_const(w->m);
	uint64_t table = g->table, e = 0;
	unsigned shifts[3] = { DAT_RFX_SHIFT, DAT_RSX_SHIFT, DAT_RTX_SHIFT };

	for (unsigned l = 0; l < 3; l++) {
		if (storage_load8(st, table + ((gaddr >> shifts[l]) & 0x7ff) * 8, &e) != 0)
			return false;
		if (e & _REGION_ENTRY_INVALID)
			return false;
		table = e & _REGION_ENTRY_ORIGIN;
	}
	return storage_load8(st, table + DAT_SX(gaddr) * 8, ste) == 0;
}

static int compare_gmaps(struct world *w, unsigned mi)
{
	for (unsigned gi = 0; gi < NGMAP; gi++) {
		struct gmodel *gm = &w->g_model[mi][gi];

		if (!gm->live)
			continue;
		for (int s = 0; s < NGSEG; s++) {
			uint64_t gaddr = gseg_addr(s), ste = 0;
			bool exists = guest_ste(w, w->gmap[mi][gi], gaddr, &ste);

			if (exists != gm_has_key(gm, 2, gaddr >> 31))
				DIVERGE(w, "mm%u gmap%u: segment table of 0x%" PRIx64 " %s, model %s", mi,
					gi, gaddr, exists ? "exists" : "missing",
					exists ? "missing" : "exists");
			if (!exists)
				continue;
			if (gm->map[s] == NO_MAP) {
				if (ste != GMAP_STE_EMPTY)
					DIVERGE(w, "mm%u gmap%u: STE of 0x%" PRIx64 " = 0x%" PRIx64
						   ", model EMPTY", mi, gi, gaddr, ste);
			} else if (!gm->linked[s]) {
				if (ste != (GMAP_STE_MAPPED_BITS | gm->map[s]))
					DIVERGE(w, "mm%u gmap%u: STE of 0x%" PRIx64 " = 0x%" PRIx64
						   ", model MAPPED 0x%" PRIx64, mi, gi, gaddr, ste,
						gm->map[s]);
			} else {
				struct gmap_pgtable *mp;

				if (ste & (_SEGMENT_ENTRY_INVALID | 0x7ffULL))
					DIVERGE(w, "mm%u gmap%u: STE of 0x%" PRIx64 " = 0x%" PRIx64
						   ", model LINKED to 0x%" PRIx64, mi, gi, gaddr, ste,
						gm->map[s]);
				mp = mm_pgtable(w->mm[mi], ste & _SEGMENT_ENTRY_ORIGIN);
				if (!mp || mp->vmaddr != gm->map[s])
					DIVERGE(w, "mm%u gmap%u: STE of 0x%" PRIx64 " links a table of 0x%" PRIx64
						   ", model 0x%" PRIx64, mi, gi, gaddr, mp ? mp->vmaddr : 0,
						gm->map[s]);
			}
		}
	}
	return 0;
}

/* Every page: the process translation succeeds iff the model says present
 * and accessible, and the frame holds the model's bytes. */
static int compare_memory(struct world *w, unsigned mi)
{
	static const uint8_t zero[PAGE_SIZE];
	uint8_t buf[PAGE_SIZE];

	for (int p = 0; p < NPAGES; p++) {
		const struct mpage *pg = &w->mm_model[mi].pages[p];
		uint64_t va = pseg_addr(p / 256) + (uint64_t)(p % 256) * PAGE_SIZE;
		struct dat_result r;
		int rc = mm_translate(w->mm[mi], va, DAT_FETCH, &r);
		bool want = pg->present && pg->prot != NO_VMA && pg->prot != MM_PROT_NONE;

		if ((rc == 0) != want)
			DIVERGE(w, "mm%u: page 0x%" PRIx64 " translates with %d, model %s", mi, va, rc,
				want ? "present" : "absent");
		if (rc != 0)
			continue;
		if (storage_read(machine_storage_const(w->m), r.aaddr, buf, sizeof(buf)) != 0)
			DIVERGE(w, "mm%u: page 0x%" PRIx64 " frame 0x%" PRIx64 " unreadable", mi, va,
				r.aaddr);
		if (memcmp(buf, pg->data ? pg->data : zero, PAGE_SIZE) != 0)
			DIVERGE(w, "mm%u: page 0x%" PRIx64 " bytes differ from the model", mi, va);
	}
	return 0;
}

static int check_world(struct world *w, bool full)
{
	/* The fast check reads populated entries only; the full one also proves
	 * that the census it relies on matches a brute-force count. */
	bool census = w->census && w->step % w->census == 0;
	int n = census ? check_machine_full(w->m, &w->rep) : check_machine(w->m, &w->rep);

	if (n != 0) {
		if (n > 0)
			DIVERGE(w, "check_machine: %d violation(s), first: inv %u at 0x%" PRIx64 ": %s", n,
				w->rep.v[0].inv, w->rep.v[0].where, w->rep.v[0].msg);
		DIVERGE(w, "check_machine returned %d", n);
	}
	for (unsigned mi = 0; full && mi < NMM; mi++) {
		if (compare_vmas(w, mi) || compare_gmaps(w, mi))
			return 1;
	}
	return 0;
}

/* ---- the operation log as a gmapsim scenario (docs/gmapsim.md) -------- */

static const char *prot_name(unsigned prot)
{
	switch (prot) {
	case MM_PROT_NONE: return "none";
	case MM_PROT_READ: return "r";
	case MM_PROT_READ | MM_PROT_WRITE: return "rw";
	default: return "rwx";
	}
}

static const char *const mm_names[NMM] = { "A", "B" };

static void emit_rc(struct world *w, int rc)
{
	if (rc == 0)
		fprintf(w->script, "expect rc 0\n");
	else
		fprintf(w->script, "expect rc %s\n", rc == -EFAULT ? "-EFAULT" : rc == -EINVAL ? "-EINVAL"
						   : rc == -ENOMEM ? "-ENOMEM" : "-EIO");
}

/*
 * A byte access as the script's 1/2/4/8-byte reads and writes.  @pic is
 * the model's outcome: 0 (then reads expect the model's bytes), a PIC, or
 * a negative errno.  A failing access is one piece: its outcome does not
 * depend on the length within the page, and a second piece could fault
 * differently once the first has linked a table.
 */
static void emit_access(struct world *w, const char *cmd, uint64_t addr, const uint8_t *bytes,
			size_t len, bool write, int pic, bool guest)
{
	for (size_t done = 0; done < len;) {
		size_t n = len - done >= 8 ? 8 : len - done >= 4 ? 4 : len - done >= 2 ? 2 : 1;
		uint64_t v = 0;

		for (size_t k = 0; k < n; k++)
			v = (v << 8) | bytes[done + k];
		if (write)
			fprintf(w->script, "%s 0x%" PRIx64 " 0x%" PRIx64 " len=%zu\n", cmd, addr + done, v,
				n);
		else
			fprintf(w->script, "%s 0x%" PRIx64 " len=%zu\n", cmd, addr + done, n);
		if (guest && pic > 0) {
			fprintf(w->script, "expect pgm 0x%x\n", (unsigned)pic);
			return;
		}
		if (pic != 0) {
			emit_rc(w, pic);
			return;
		}
		if (guest)
			fprintf(w->script, "expect pgm none\n");
		if (!write)
			fprintf(w->script, "expect value 0x%0*" PRIx64 "\n", (int)(2 * n), v);
		done += n;
	}
}

/* ---- executing one operation ------------------------------------------ */

static int run_op(struct world *w, const struct op *op)
{
	unsigned mi = op->mm, gi = op->gm;
	struct mm_struct *mm = w->mm[mi];
	struct mmodel *mmm = &w->mm_model[mi];
	struct gmodel *gm = &w->g_model[mi][gi];
	FILE *sc = w->script;
	char gname[8];
	uint8_t buf[256], want[256];
	int rc;

	snprintf(gname, sizeof(gname), "%s%u", mm_names[mi], gi);
	switch (op->kind) {
	case OP_MMAP: {
		uint64_t out = 0;

		if (sc)
			fprintf(sc, "mmap %s 0x%" PRIx64 " 0x%" PRIx64 " %s fixed\nexpect rc 0\n",
				mm_names[mi], op->a, op->b, prot_name(op->prot));
		rc = mm_mmap(mm, op->a, op->b, op->prot, MM_MAP_FIXED, &out);
		if (rc != 0 || out != op->a)
			DIVERGE(w, "mm_mmap(0x%" PRIx64 ", 0x%" PRIx64 ") = %d, start 0x%" PRIx64, op->a,
				op->b, rc, out);
		model_unmap(w, mi, op->a, op->b);
		for (uint64_t a = op->a; a < op->a + op->b; a += PAGE_SIZE)
			mmm->pages[page_of(a)].prot = (int8_t)op->prot;
		return 0;
	}
	case OP_MUNMAP:
		if (sc)
			fprintf(sc, "munmap %s 0x%" PRIx64 " 0x%" PRIx64 "\nexpect rc 0\n", mm_names[mi],
				op->a, op->b);
		rc = mm_munmap(mm, op->a, op->b);
		if (rc != 0)
			DIVERGE(w, "mm_munmap(0x%" PRIx64 ", 0x%" PRIx64 ") = %d", op->a, op->b, rc);
		model_unmap(w, mi, op->a, op->b);
		return 0;
	case OP_MPROTECT: {
		bool all = true;

		for (uint64_t a = op->a; a < op->a + op->b; a += PAGE_SIZE)
			all = all && vma_at(mmm, a);
		if (sc) {
			fprintf(sc, "mprotect %s 0x%" PRIx64 " 0x%" PRIx64 " %s\n", mm_names[mi], op->a,
				op->b, prot_name(op->prot));
			emit_rc(w, all ? 0 : -ENOMEM);
		}
		rc = mm_mprotect(mm, op->a, op->b, op->prot);
		if (rc != (all ? 0 : -ENOMEM))
			DIVERGE(w, "mm_mprotect(0x%" PRIx64 ", 0x%" PRIx64 ", %u) = %d, model %d", op->a,
				op->b, op->prot, rc, all ? 0 : -ENOMEM);
		for (uint64_t a = op->a; all && a < op->a + op->b; a += PAGE_SIZE)
			mmm->pages[page_of(a)].prot = (int8_t)op->prot;
		return 0;
	}
	case OP_MFAULT: {
		bool write = op->prot != 0;
		bool ok = model_mm_fault(mmm, op->a, write);

		if (sc) {
			fprintf(sc, "fault %s 0x%" PRIx64 "%s\n", mm_names[mi], op->a,
				write ? " write" : "");
			emit_rc(w, ok ? 0 : -EFAULT);
		}
		rc = mm_fault(mm, op->a, write ? MM_FAULT_WRITE : 0);
		if (rc != (ok ? 0 : -EFAULT))
			DIVERGE(w, "mm_fault(0x%" PRIx64 ", %s) = %d, model %d", op->a,
				write ? "write" : "read", rc, ok ? 0 : -EFAULT);
		return 0;
	}
	case OP_PREAD:
	case OP_PWRITE: {
		bool write = op->kind == OP_PWRITE;
		int p = page_of(op->a);
		bool ok = p >= 0 && prot_allows(mmm->pages[p].prot, write);
		char cmd[16];

		if (write)
			pattern(op->c, want, op->len);
		else if (ok)
			model_read(mmm, op->a, want, op->len);
		if (sc) {
			snprintf(cmd, sizeof(cmd), "%s %s", write ? "write" : "read", mm_names[mi]);
			emit_access(w, cmd, op->a, want, op->len, write, ok ? 0 : -EFAULT, false);
		}
		if (write) {
			memcpy(buf, want, op->len);
			rc = mm_write(mm, op->a, buf, op->len);
		} else {
			memset(buf, 0xa5, op->len);
			rc = mm_read(mm, op->a, buf, op->len);
		}
		if (rc != (ok ? 0 : -EFAULT))
			DIVERGE(w, "mm_%s(0x%" PRIx64 ", %u) = %d, model %d", write ? "write" : "read",
				op->a, op->len, rc, ok ? 0 : -EFAULT);
		if (!ok)
			return 0;
		mmm->pages[p].present = true;
		if (write)
			model_write(mmm, op->a, buf, op->len);
		else if (memcmp(buf, want, op->len) != 0)
			DIVERGE(w, "mm_read(0x%" PRIx64 ", %u): bytes differ from the model", op->a,
				op->len);
		return 0;
	}
	case OP_GALLOC: {
		struct gmap *g;

		if (gm->live)
			return 0;
		if (sc)
			fprintf(sc, "gmap %s on %s\n", gname, mm_names[mi]);
		g = gmap_alloc(mm);
		if (!g)
			DIVERGE(w, "gmap_alloc(mm%u) = NULL", mi);
		w->gmap[mi][gi] = g;
		memset(gm, 0, sizeof(*gm));
		gm->live = true;
		for (int s = 0; s < NGSEG; s++)
			gm->map[s] = NO_MAP;
		return 0;
	}
	case OP_GFREE:
		if (!gm->live)
			return 0;
		if (sc)
			fprintf(sc, "gmap_free %s\n", gname);
		gmap_free(w->gmap[mi][gi]);
		w->gmap[mi][gi] = NULL;
		gm->live = false;
		return 0;
	case OP_GMAP: {
		bool bad = ((op->a | op->b | op->c) & (MB - 1)) || !op->c || op->a + op->c > 4 * TB;

		if (!gm->live)
			return 0;
		if (sc) {
			fprintf(sc, "gmap_map_segment %s 0x%" PRIx64 " 0x%" PRIx64 " 0x%" PRIx64 "\n",
				gname, op->a, op->b, op->c);
			emit_rc(w, bad ? -EINVAL : 0);
		}
		rc = gmap_map_segment(w->gmap[mi][gi], op->a, op->b, op->c);
		if (rc != (bad ? -EINVAL : 0))
			DIVERGE(w, "gmap_map_segment(0x%" PRIx64 ", 0x%" PRIx64 ", 0x%" PRIx64 ") = %d", op->a,
				op->b, op->c, rc);
		for (uint64_t off = 0; !bad && off < op->c; off += MB) {
			int s = gseg_of(op->b + off);

			gm_add_key(gm, 0, (op->b + off) >> 53);
			gm_add_key(gm, 1, (op->b + off) >> 42);
			gm_add_key(gm, 2, (op->b + off) >> 31);
			if (s >= 0) {
				gm->map[s] = op->a + off;
				gm->linked[s] = false;
			}
		}
		return 0;
	}
	case OP_GUNMAP: {
		bool bad = ((op->b | op->c) & (MB - 1)) || !op->c;

		if (!gm->live)
			return 0;
		if (sc) {
			fprintf(sc, "gmap_unmap_segment %s 0x%" PRIx64 " 0x%" PRIx64 "\n", gname, op->b,
				op->c);
			emit_rc(w, bad ? -EINVAL : 0);
		}
		rc = gmap_unmap_segment(w->gmap[mi][gi], op->b, op->c);
		if (rc != (bad ? -EINVAL : 0))
			DIVERGE(w, "gmap_unmap_segment(0x%" PRIx64 ", 0x%" PRIx64 ") = %d", op->b, op->c, rc);
		for (uint64_t off = 0; !bad && off < op->c; off += MB) {
			int s = gseg_of(op->b + off);

			if (s >= 0) {
				gm->map[s] = NO_MAP;
				gm->linked[s] = false;
			}
		}
		return 0;
	}
	case OP_GFAULT: {
		int64_t want_rc;
		unsigned long got;

		if (!gm->live)
			return 0;
		machine_set_current_cpu(w->m, op->cpu);
		want_rc = model_gmap_fault(w, mi, gi, op->b);
		if (sc) {
			fprintf(sc, "cpu %u\ngmap_fault %s 0x%" PRIx64 "\n", op->cpu, gname, op->b);
			if (want_rc < 0)
				emit_rc(w, (int)want_rc);
			else
				fprintf(sc, "expect value 0x%" PRIx64 "\n", (uint64_t)want_rc);
			fprintf(sc, "expect gmap_addr 0x%" PRIx64 "\n", op->b);
		}
		got = gmap_fault(op->b, w->gmap[mi][gi]);
		if (got != (unsigned long)want_rc)
			DIVERGE(w, "gmap_fault(0x%" PRIx64 ") = 0x%lx (%ld), model 0x%" PRIx64, op->b, got,
				(long)got, (uint64_t)want_rc);
		if (cpu_gmap_addr(machine_cpu(w->m, op->cpu)) != op->b)
			DIVERGE(w, "gmap_fault(0x%" PRIx64 "): thread.gmap_addr 0x%" PRIx64, op->b,
				cpu_gmap_addr(machine_cpu(w->m, op->cpu)));
		return 0;
	}
	case OP_GREAD:
	case OP_GWRITE: {
		bool write = op->kind == OP_GWRITE;
		struct dat_result r;
		uint64_t vmaddr = 0;
		int want_rc;

		if (!gm->live)
			return 0;
		machine_set_current_cpu(w->m, op->cpu);
		gmap_enable(w->gmap[mi][gi]);
		want_rc = model_guest_access(w, mi, gi, op->b, write, &vmaddr);
		if (write)
			pattern(op->c, want, op->len);
		else if (want_rc == 0)
			model_read(mmm, vmaddr, want, op->len);
		if (sc) {
			fprintf(sc, "cpu %u\ngmap_enable %s\n", op->cpu, gname);
			emit_access(w, write ? "guest write" : "guest read", op->b, want, op->len, write,
				    want_rc, true);
		}
		memset(&r, 0, sizeof(r));
		if (write)
			memcpy(buf, want, op->len);
		else
			memset(buf, 0xa5, op->len);
		rc = gmap_sie_access(w->m, op->b, buf, op->len, write, &r);
		if (rc != want_rc)
			DIVERGE(w, "guest %s(0x%" PRIx64 ", %u) = %d (0x%x), model %d (0x%x)",
				write ? "write" : "read", op->b, op->len, rc, (unsigned)rc, want_rc,
				(unsigned)want_rc);
		if (rc > 0) {
			if (r.teid_valid != dat_pic_stores_teid(rc) ||
			    (r.teid_valid && (r.teid & TEID_ADDR_MASK) != (op->b & TEID_ADDR_MASK)))
				DIVERGE(w, "guest %s(0x%" PRIx64 "): PIC 0x%x with TEID 0x%" PRIx64 " (valid %d)",
					write ? "write" : "read", op->b, rc, r.teid, r.teid_valid);
			return 0;
		}
		if (rc != 0)
			return 0;
		if (write)
			model_write(mmm, vmaddr, buf, op->len);
		else if (memcmp(buf, want, op->len) != 0)
			DIVERGE(w, "guest read(0x%" PRIx64 ", %u) via 0x%" PRIx64
				   ": bytes differ from the model", op->b, op->len, vmaddr);
		return 0;
	}
	default:
		DIVERGE(w, "unknown operation %u", op->kind);
	}
}

/* ---- generating operations --------------------------------------------- */

static uint64_t rnd_prot(uint64_t *s)
{
	static const unsigned prots[] = { MM_PROT_READ | MM_PROT_WRITE, MM_PROT_READ | MM_PROT_WRITE,
					  MM_PROT_READ, MM_PROT_NONE };

	return prots[rnd_below(s, 4)];
}

/* A page range inside one process block; segment aligned one time in three. */
static void rnd_prange(uint64_t *s, uint64_t *addr, uint64_t *len)
{
	const struct block *b = &pblocks[rnd_below(s, 2)];
	uint64_t npages = b->nseg * 256ULL, first, n;

	if (rnd_below(s, 2) == 0) {
		first = rnd_below(s, b->nseg) * 256;
		n = (1 + rnd_below(s, b->nseg - first / 256)) * 256;
	} else {
		first = rnd_below(s, npages);
		n = 1 + rnd_below(s, rnd_below(s, 4) == 0 ? npages - first : 16);
		if (first + n > npages)
			n = npages - first;
	}
	*addr = b->base + first * PAGE_SIZE;
	*len = n * PAGE_SIZE;
}

static uint64_t rnd_paddr(uint64_t *s)
{
	int pseg = (int)rnd_below(s, NPSEG);

	return pseg_addr(pseg) + rnd_below(s, 256) * PAGE_SIZE + rnd_below(s, PAGE_SIZE);
}

/* A guest address: mostly in a segment the gmap maps, sometimes anywhere
 * in the window, sometimes beside it with another R1/R2/R3 index. */
static uint64_t rnd_gaddr(uint64_t *s, const struct gmodel *gm)
{
	uint64_t base;

	switch (rnd_below(s, 24)) {
	case 0:
		return rnd_next(s) & ~0xfULL; /* anywhere: mostly no R2 table */
	case 1:
		base = gblocks[rnd_below(s, 3)].base;
		return (base ^ (rnd_below(s, 2047) + 1) << DAT_RSX_SHIFT) + rnd_below(s, MB);
	case 2:
		base = gblocks[rnd_below(s, 3)].base;
		return (base ^ (rnd_below(s, 2047) + 1) << DAT_RTX_SHIFT) + rnd_below(s, MB);
	case 3: case 4: case 5: case 6: case 7:
		break;
	default:
		for (int tries = 0; gm->live && tries < 8; tries++) {
			int g = (int)rnd_below(s, NGSEG);

			if (gm->map[g] != NO_MAP)
				return gseg_addr(g) + rnd_below(s, MB);
		}
		break;
	}
	return gseg_addr((int)rnd_below(s, NGSEG)) + rnd_below(s, MB);
}

/* A process address: mostly on a page with a VMA. */
static uint64_t rnd_paddr_vma(uint64_t *s, const struct mmodel *mm)
{
	for (int tries = 0; rnd_below(s, 4) && tries < 8; tries++) {
		uint64_t a = rnd_paddr(s);

		if (vma_at(mm, a))
			return a;
	}
	return rnd_paddr(s);
}

static uint32_t rnd_len(uint64_t *s, uint64_t addr)
{
	uint64_t room = PAGE_SIZE - (addr & 0xfff);
	uint64_t len = 1 + rnd_below(s, rnd_below(s, 4) == 0 ? 256 : 16);

	return (uint32_t)(len < room ? len : room);
}

static void gen_op(uint64_t *s, const struct world *w, struct op *op)
{
	static const uint8_t weights[OP_COUNT] = {
		[OP_MMAP] = 10, [OP_MUNMAP] = 3, [OP_MPROTECT] = 5, [OP_PREAD] = 8,
		[OP_PWRITE] = 8, [OP_MFAULT] = 3, [OP_GALLOC] = 2, [OP_GFREE] = 1,
		[OP_GMAP] = 10, [OP_GUNMAP] = 2, [OP_GFAULT] = 6, [OP_GREAD] = 16,
		[OP_GWRITE] = 16,
	};
	unsigned total = 0, pick;

	memset(op, 0, sizeof(*op));
	for (unsigned k = 0; k < OP_COUNT; k++)
		total += weights[k];
	pick = (unsigned)rnd_below(s, total);
	for (op->kind = 0; pick >= weights[op->kind]; op->kind++)
		pick -= weights[op->kind];
	op->mm = (uint8_t)rnd_below(s, NMM);
	pick = (unsigned)rnd_below(s, 20);
	op->gm = pick < 12 ? 0 : pick < 17 ? 1 : 2;
	op->cpu = (uint8_t)rnd_below(s, NCPU);
	/* Operations on a dead gmap mostly become its allocation. */
	if (op->kind >= OP_GFREE && !w->g_model[op->mm][op->gm].live && rnd_below(s, 4))
		op->kind = OP_GALLOC;

	switch (op->kind) {
	case OP_MMAP:
	case OP_MPROTECT:
		rnd_prange(s, &op->a, &op->b);
		op->prot = (uint32_t)rnd_prot(s);
		break;
	case OP_MUNMAP:
		rnd_prange(s, &op->a, &op->b);
		break;
	case OP_MFAULT:
		op->a = rnd_paddr_vma(s, &w->mm_model[op->mm]);
		op->prot = (uint32_t)rnd_below(s, 2);
		break;
	case OP_PREAD:
	case OP_PWRITE:
		op->a = rnd_paddr_vma(s, &w->mm_model[op->mm]);
		op->len = rnd_len(s, op->a);
		op->c = rnd_next(s);
		break;
	case OP_GMAP: {
		const struct block *gb = &gblocks[rnd_below(s, 3)];
		const struct block *pb = &pblocks[rnd_below(s, 2)];
		uint64_t n = 1 + rnd_below(s, 3), gs, ps;

		if (n > gb->nseg)
			n = gb->nseg;
		if (n > pb->nseg)
			n = pb->nseg;
		gs = rnd_below(s, gb->nseg - n + 1);
		ps = rnd_below(s, pb->nseg - n + 1);
		op->a = pb->base + ps * MB;
		op->b = gb->base + gs * MB;
		op->c = n * MB;
		switch (rnd_below(s, 40)) {
		case 0: op->a += PAGE_SIZE; break;           /* misaligned: -EINVAL */
		case 1: op->a = 4 * TB - MB; op->c = 2 * MB; break; /* beyond 4 TB */
		case 2: op->a = 200 * MB; break;              /* no VMA ever there */
		default: break;
		}
		break;
	}
	case OP_GUNMAP: {
		const struct block *gb = &gblocks[rnd_below(s, 3)];
		uint64_t gs = rnd_below(s, gb->nseg);

		op->b = gb->base + gs * MB;
		op->c = (1 + rnd_below(s, gb->nseg - gs)) * MB;
		if (rnd_below(s, 40) == 0)
			op->c = 0; /* -EINVAL */
		break;
	}
	case OP_GFAULT:
		op->b = rnd_gaddr(s, &w->g_model[op->mm][op->gm]);
		break;
	case OP_GREAD:
	case OP_GWRITE:
		op->b = rnd_gaddr(s, &w->g_model[op->mm][op->gm]);
		op->len = rnd_len(s, op->b);
		op->c = rnd_next(s);
		break;
	default:
		break;
	}
}

/* ---- runs, shrinking and the reproducer ------------------------------- */

/*
 * Replay @ops[0..n) on a fresh world.  Return the index of the diverging
 * step, or -1 if everything agreed; @why gets the reason.
 */
static long replay(uint64_t seed, const struct op *ops, size_t n, bool deep, char *why,
		   size_t whylen, FILE *script)
{
	struct world *w = calloc(1, sizeof(*w));
	long bad = -1;

	if (!w || world_init(w, seed) != 0) {
		snprintf(why, whylen, "cannot build the machine");
		if (w)
			world_fini(w);
		free(w);
		return 0;
	}
	w->script = script;
	if (script) {
		fprintf(script, "# libgmap model divergence, seed 0x%" PRIx64 ", %zu operation(s).\n"
				"# Run with: gmapsim --check FILE (the model's expectations are the\n"
				"# expect lines; the last operation is where the library diverged).\n",
			seed, n);
		fprintf(script, "machine storage=512M cpus=%u edat1%s%s\n", NCPU,
			(seed & 1) ? " idte" : "", (seed & 2) ? " tlb" : "");
		for (unsigned i = 0; i < NMM; i++)
			fprintf(script, "mm %s pgste\n", mm_names[i]);
	}
	for (size_t i = 0; i < n; i++) {
		w->step = (unsigned)i;
		if (run_op(w, &ops[i]) || check_world(w, deep) ||
		    (deep && (i % 32 == 31 || i + 1 == n) &&
		     (compare_memory(w, 0) || compare_memory(w, 1)))) {
			bad = (long)i;
			snprintf(why, whylen, "%s", w->why);
			break;
		}
	}
	world_fini(w);
	free(w);
	return bad;
}

/* Delete operations while the divergence persists (chunks, then singles). */
static size_t shrink(uint64_t seed, struct op *ops, size_t n, unsigned budget)
{
	char why[512];
	struct op *trial = malloc(n * sizeof(*trial));

	if (!trial)
		return n;
	for (size_t chunk = n / 2; chunk >= 1 && budget; chunk /= 2) {
		for (size_t start = 0; start + chunk <= n && budget;) {
			size_t m = 0;
			long bad;

			memcpy(trial, ops, start * sizeof(*ops));
			m = start;
			memcpy(trial + m, ops + start + chunk, (n - start - chunk) * sizeof(*ops));
			m += n - start - chunk;
			budget--;
			bad = replay(seed, trial, m, true, why, sizeof(why), NULL);
			if (bad >= 0) {
				n = (size_t)bad + 1;
				memcpy(ops, trial, n * sizeof(*ops));
			} else {
				start += chunk;
			}
		}
		if (chunk == 1)
			break;
	}
	free(trial);
	return n;
}

/*
 * One random run: generate and execute @cfg->nops operations from the
 * seed.  Return 0, or 1 after printing the divergence, the seed and a
 * shrunk reproducer to @out (NULL: no report, no shrinking).
 */
static int model_run(const struct model_cfg *cfg, FILE *out, uint64_t *ops_done)
{
	struct world *w = calloc(1, sizeof(*w));
	struct op *ops = calloc(cfg->nops ? cfg->nops : 1, sizeof(*ops));
	uint64_t s = cfg->seed;
	long bad = -1;
	int ret = 0;

	if (!w || !ops || world_init(w, cfg->seed) != 0) {
		if (out)
			fprintf(out, "model: cannot build the machine (seed 0x%" PRIx64 ")\n", cfg->seed);
		if (w)
			world_fini(w);
		free(w);
		free(ops);
		return 1;
	}
	w->deep = cfg->deep;
	w->census = cfg->census;
	for (unsigned i = 0; i < cfg->nops; i++) {
		bool last = i + 1 == cfg->nops;
		bool check = cfg->check_each || last;
		bool memory = last || (cfg->deep && i % 32 == 31);

		gen_op(&s, w, &ops[i]);
		w->step = i;
		if (run_op(w, &ops[i]) || (check && check_world(w, cfg->deep || last)) ||
		    (memory && (compare_memory(w, 0) || compare_memory(w, 1)))) {
			bad = i;
			break;
		}
	}
	if (ops_done)
		*ops_done = bad >= 0 ? (uint64_t)bad : cfg->nops;
	if (bad >= 0) {
		size_t n = (size_t)bad + 1;
		char why[512];

		ret = 1;
		if (out) {
			fprintf(out, "model: DIVERGENCE at step %ld of seed 0x%" PRIx64 ": %s\n", bad,
				cfg->seed, w->why);
			fprintf(out, "model: reproduce with GMAP_MODEL_SEED=0x%" PRIx64
				     " GMAP_MODEL_OPS=%u tests/test-model\n", cfg->seed, cfg->nops);
			world_fini(w);
			n = shrink(cfg->seed, ops, n, 4000);
			if (replay(cfg->seed, ops, n, true, why, sizeof(why), NULL) >= 0)
				fprintf(out, "model: shrunk to %zu operations: %s\n", n, why);
			fprintf(out, "model: gmapsim script:\n");
			replay(cfg->seed, ops, n, true, why, sizeof(why), out);
			fprintf(out, "check\n");
		}
	}
	world_fini(w);
	free(w);
	free(ops);
	return ret;
}

static unsigned env_uint(const char *name, unsigned dflt)
{
	const char *v = getenv(name);

	/* Under valgrind (meson test --setup valgrind) everything is ~50x
	 * slower: a fifth of the default budget keeps that step short. */
	if (!strcmp(name, "GMAP_MODEL_OPS") && getenv("GMAP_TEST_VALGRIND") && dflt >= 5)
		dflt /= 5;

	return v && *v ? (unsigned)strtoul(v, NULL, 0) : dflt;
}

static bool env_seed(uint64_t *seed)
{
	const char *v = getenv("GMAP_MODEL_SEED");

	if (!v || !*v)
		return false;
	*seed = strtoull(v, NULL, 0);
	return true;
}

#ifndef MODEL_NO_MAIN

/* ---- full-state snapshots for the allocation-failure sweep ------------ */

struct snap {
	uint64_t *v;
	size_t n, cap;
};

static void snap_put(struct snap *sn, uint64_t x)
{
	if (sn->n == sn->cap) {
		sn->cap = sn->cap ? sn->cap * 2 : 1024;
		sn->v = realloc(sn->v, sn->cap * sizeof(*sn->v));
		if (!sn->v)
			abort(); /* test harness: host out of memory */
	}
	sn->v[sn->n++] = x;
}

static uint64_t fnv(uint64_t h, uint64_t x)
{
	for (int i = 0; i < 8; i++)
		h = (h ^ ((x >> (i * 8)) & 0xff)) * 0x100000001b3ULL;
	return h;
}

static void snap_table(struct snap *sn, const struct gm_storage *st, uint64_t table,
		       unsigned n)
{
	uint64_t h = 0xcbf29ce484222325ULL, e;

	for (unsigned i = 0; i < n; i++) {
		e = 0;
		storage_load8(st, table + i * 8ULL, &e);
		h = fnv(h, e);
	}
	snap_put(sn, table);
	snap_put(sn, h);
}

/* The process tables reachable from the top, with page tables and frames. */
static void snap_mm_tables(struct snap *sn, struct mm_struct *mm, uint64_t table, int level)
{
	const struct gm_storage *st = machine_storage_const(mm->machine);
	uint8_t frame[PAGE_SIZE];

	if (level == 0) {
		snap_table(sn, st, table, mm->context.has_pgste ? 512 : 256);
		for (unsigned i = 0; i < 256; i++) {
			uint64_t pte = 0;

			storage_load8(st, table + i * 8ULL, &pte);
			if (pte & _PAGE_INVALID)
				continue;
			storage_read(st, pte & _PAGE_ORIGIN, frame, sizeof(frame));
			{
				uint64_t h = 0xcbf29ce484222325ULL;

				for (unsigned k = 0; k < PAGE_SIZE; k += 8) {
					uint64_t x;

					memcpy(&x, frame + k, 8);
					h = fnv(h, x);
				}
				snap_put(sn, h);
			}
		}
		{
			struct gmap_pgtable *mp = mm_pgtable(mm, table);
			uint64_t sum = 0;

			if (mp) {
				struct gmap_rmap *r;

				LIST_FOREACH(r, &mp->mapper, list)
					sum += fnv(0xcbf29ce484222325ULL, r->entry);
				snap_put(sn, mp->vmaddr);
				snap_put(sn, mp->nr_mappers);
				snap_put(sn, sum);
			}
		}
		return;
	}
	snap_table(sn, st, table, PTRS_PER_CRST);
	for (unsigned i = 0; i < PTRS_PER_CRST; i++) {
		uint64_t e = 0;

		storage_load8(st, table + i * 8ULL, &e);
		if (e & _REGION_ENTRY_INVALID)
			continue;
		if (level == 1)
			snap_mm_tables(sn, mm, e & _SEGMENT_ENTRY_ORIGIN, 0);
		else
			snap_mm_tables(sn, mm, e & _REGION_ENTRY_ORIGIN, level - 1);
	}
}

static void snap_mm(void *opaque, struct mm_struct *mm)
{
	struct snap *sn = opaque;
	const struct gm_storage *st = machine_storage_const(mm->machine);
	struct vm_area_struct *vma;
	struct gmap *g;
	int top;

	snap_put(sn, mm->pgd);
	snap_put(sn, mm->asce_bits);
	snap_put(sn, mm->asce_limit);
	snap_put(sn, mm->map_count);
	snap_put(sn, mm->nr_ptes);
	snap_put(sn, mm->nr_crst);
	snap_put(sn, mm->rss);
	for (vma = mm_vma_first(mm); vma; vma = mm_vma_next(mm, vma)) {
		snap_put(sn, vma->vm_start);
		snap_put(sn, vma->vm_end);
		snap_put(sn, vma->vm_prot);
	}
	switch (mm->asce_bits & _ASCE_TYPE_MASK) {
	case _ASCE_TYPE_REGION1: top = 4; break;
	case _ASCE_TYPE_REGION2: top = 3; break;
	case _ASCE_TYPE_REGION3: top = 2; break;
	default: top = 1; break;
	}
	snap_mm_tables(sn, mm, mm->pgd, top);
	LIST_FOREACH(g, &mm->context.gmap_list, list) {
		struct gmap_crst *c;
		uint64_t sum = 0;

		snap_put(sn, g->table);
		snap_put(sn, g->asce);
		snap_put(sn, g->nr_crst);
		LIST_FOREACH(c, &g->crst_list, list) {
			struct snap t = { 0 };

			snap_table(&t, st, c->table, PTRS_PER_CRST);
			sum += fnv(fnv(t.v[1], c->table), c->level);
			free(t.v);
		}
		snap_put(sn, sum);
	}
}

static void snapshot(struct gm_machine *m, struct snap *sn)
{
	struct storage_stats stats;

	sn->n = 0;
	storage_stats(machine_storage_const(m), &stats);
	snap_put(sn, stats.frames_used);
	for (unsigned k = 0; k < STORAGE_KIND_COUNT; k++)
		snap_put(sn, stats.by_kind[k]);
	snap_put(sn, stats.host_objects);
	snap_put(sn, stats.host_bytes);
	for (unsigned i = 0; i < machine_ncpus(m); i++) {
		struct tlb_stats ts;

		/* the capacity is state; which translations are cached is not */
		tlb_get_stats(machine_cpu(m, i), &ts);
		snap_put(sn, ts.capacity);
	}
	machine_for_each_mm(m, snap_mm, sn);
}

#include "gmap-test.h"

/* ---- tests: the random model ------------------------------------------ */

static void model_seeds(unsigned nruns, unsigned nops_default, uint64_t base)
{
	struct model_cfg cfg = { .deep = true, .check_each = true, .census = 16 };
	uint64_t seed;
	unsigned fails = 0;

	cfg.nops = env_uint("GMAP_MODEL_OPS", nops_default);
	if (env_seed(&seed)) {
		cfg.seed = seed;
		if (model_run(&cfg, stderr, NULL))
			fail_msg("model diverged for seed 0x%" PRIx64, seed);
		return;
	}
	for (unsigned i = 0; i < nruns; i++) {
		cfg.seed = base + i;
		fails += (unsigned)model_run(&cfg, stderr, NULL);
	}
	if (fails)
		fail_msg("model diverged in %u of %u runs (seeds 0x%" PRIx64 "..)", fails, nruns, base);
}

/* A few thousand random operations over every machine configuration
 * (seed bits 0-1: IDTE installed, TLB modelled). */
static void test_model_random(void **state)
{
	(void)state;
	model_seeds(4, 5000, 0x5eed0000);
}

/* The same workload, fresh seeds each day would make CI flaky; instead a
 * second fixed set with longer runs that reach deeper histories. */
static void test_model_random_long(void **state)
{
	(void)state;
	model_seeds(2, 10000, 0x10e60000);
}

/* ---- tests: several machines in parallel threads -------------------- */

struct thread_arg {
	uint64_t seed;
	unsigned nops;
	int result;
};

static void *model_thread(void *p)
{
	struct thread_arg *a = p;
	struct model_cfg cfg = { .seed = a->seed, .nops = a->nops, .deep = true, .check_each = true,
				 .census = 16 };

	a->result = model_run(&cfg, NULL, NULL);
	return NULL;
}

/* Separate machines are fully independent (docs/testing.md): four threads,
 * each with its own machine, run the random workload at the same time and
 * must each agree with the model (ThreadSanitizer checks for races in the
 * tsan step of scripts/test). */
static void test_model_threads_independent_machines(void **state)
{
	enum { NT = 4 };
	pthread_t tid[NT];
	struct thread_arg args[NT];

	/* The coverage build's counters are not thread-safe: there the
	 * threads run one after the other (GMAP_TEST_SERIAL_THREADS). */
	bool serial = getenv("GMAP_TEST_SERIAL_THREADS") != NULL;

	(void)state;
	for (unsigned i = 0; i < NT; i++) {
		args[i] = (struct thread_arg){ .seed = 0x7e3d0000u + i,
					       .nops = env_uint("GMAP_MODEL_OPS", 300) };
		assert_int_equal(pthread_create(&tid[i], NULL, model_thread, &args[i]), 0);
		if (serial)
			assert_int_equal(pthread_join(tid[i], NULL), 0);
	}
	for (unsigned i = 0; !serial && i < NT; i++) {
		assert_int_equal(pthread_join(tid[i], NULL), 0);
	}
	for (unsigned i = 0; i < NT; i++) {
		if (args[i].result) {
			struct model_cfg cfg = { .seed = args[i].seed, .nops = args[i].nops,
						 .deep = true, .check_each = true };

			model_run(&cfg, stderr, NULL); /* report with the reproducer */
			fail_msg("thread %u (seed 0x%" PRIx64 ") diverged", i, args[i].seed);
		}
	}
}

/* ---- tests: the allocation-failure sweep ------------------------------ */

struct sweep {
	struct storage_stats empty; /* right after machine_create() */
	struct gm_machine *m;
	struct mm_struct *mm;
	struct mm_struct *mm0; /* without pgstes: 2 KB page tables, no gmap */
	struct gmap *g1, *g2;
};

static void sweep_setup(struct sweep *sw)
{
	struct gm_machine_config cfg = { .storage_size = 256 * MB, .ncpus = 2,
					 .facilities = GM_FAC_EDAT1 | GM_FAC_IDTE, .tlb = true };
	uint8_t b = 0x5a;

	memset(sw, 0, sizeof(*sw));
	assert_int_equal(machine_create(&cfg, &sw->m), 0);
	storage_stats(machine_storage_const(sw->m), &sw->empty);
	assert_int_equal(mm_create(sw->m, MM_PGSTE, &sw->mm), 0);
	/* Some history: two VMAs with faulted pages, two gmaps, a link. */
	assert_int_equal(mm_mmap(sw->mm, 16 * MB, 4 * MB, MM_PROT_READ | MM_PROT_WRITE,
				 MM_MAP_FIXED, NULL), 0);
	assert_int_equal(mm_mmap(sw->mm, 32 * MB, 2 * MB, MM_PROT_READ, MM_MAP_FIXED, NULL), 0);
	assert_int_equal(mm_write(sw->mm, 16 * MB + 0x1234, &b, 1), 0);
	assert_int_equal(mm_read(sw->mm, 32 * MB, &b, 1), 0);
	sw->g1 = gmap_alloc(sw->mm);
	sw->g2 = gmap_alloc(sw->mm);
	assert_non_null(sw->g1);
	assert_non_null(sw->g2);
	assert_int_equal(gmap_map_segment(sw->g1, 16 * MB, 0, 4 * MB), 0);
	assert_int_equal(gmap_map_segment(sw->g2, 16 * MB, 1ULL << 50, 2 * MB), 0);
	assert_int_equal(gmap_fault(0x100, sw->g1), 16 * MB + 0x100);
	assert_int_equal(gmap_map_segment(sw->g1, 16 * MB, (1ULL << 31) - MB, MB), 0);
	assert_int_equal(gmap_fault((1ULL << 31) - MB + 0x20, sw->g1), 16 * MB + 0x20);
	assert_int_equal(mm_create(sw->m, 0, &sw->mm0), 0);
	assert_int_equal(mm_mmap(sw->mm0, 16 * MB, 4 * MB, MM_PROT_READ | MM_PROT_WRITE,
				 MM_MAP_FIXED, NULL), 0);
	assert_int_equal(mm_write(sw->mm0, 16 * MB + 0x1234, &b, 1), 0);
}

static void sweep_teardown(struct sweep *sw)
{
	struct storage_stats st;

	gmap_free(sw->g1);
	gmap_free(sw->g2);
	assert_int_equal(mm_destroy(sw->mm), 0);
	assert_int_equal(mm_destroy(sw->mm0), 0);
	/* a call may have resized the TLBs: back to the bare machine's size */
	assert_int_equal(tlb_set_capacity(sw->m, TLB_DEFAULT_CAPACITY), 0);
	storage_stats(machine_storage_const(sw->m), &st);
	/* Nothing leaked: back to what the bare machine had. */
	assert_int_equal(st.host_objects, sw->empty.host_objects);
	assert_int_equal(st.host_bytes, sw->empty.host_bytes);
	assert_int_equal(st.frames_used, sw->empty.frames_used);
	for (unsigned k = 0; k < STORAGE_KIND_COUNT; k++)
		assert_int_equal(st.by_kind[k], sw->empty.by_kind[k]);
	assert_int_equal(machine_destroy(sw->m), 0);
}

typedef long (*sweep_call)(struct sweep *sw);

static bool snap_equal(const struct snap *a, const struct snap *b)
{
	return a->n == b->n && memcmp(a->v, b->v, a->n * sizeof(uint64_t)) == 0;
}

#define SWEEP_MAX_ALTS 4

/*
 * Fail allocation 1, 2, ... of @call until it succeeds: each failure must
 * return -ENOMEM and leave a snapshot identical to the one before, and
 * free everything it allocated.  @progress, when not NULL, is a
 * NULL-terminated list of completed first steps the call may keep (the
 * state after each, built on a fresh setup, is another allowed outcome).
 * Return the number of failures injected.
 */
static unsigned sweep_run(const char *name, sweep_call call, long ok_rc,
			  const sweep_call *progress)
{
	struct sweep sw;
	struct snap before = { 0 }, after = { 0 }, alt[SWEEP_MAX_ALTS] = { { 0 } };
	unsigned n, nalt = 0;
	long rc = 0;

	for (; progress && progress[nalt] && nalt < SWEEP_MAX_ALTS; nalt++) {
		sweep_setup(&sw);
		assert_int_equal(progress[nalt](&sw), 0);
		snapshot(sw.m, &alt[nalt]);
		sweep_teardown(&sw);
	}
	sweep_setup(&sw);
	for (n = 0; n < 1000; n++) {
		struct gm_storage *st = machine_storage(sw.m);

		snapshot(sw.m, &before);
		storage_fail_after(st, (long)n);
		rc = call(&sw);
		if (storage_fail_pending(st)) {
			storage_fail_after(st, -1);
			break; /* all its allocations succeeded */
		}
		storage_fail_after(st, -1);
		if (rc != -ENOMEM)
			fail_msg("%s: allocation %u failed, result %ld, expected -ENOMEM", name, n + 1, rc);
		snapshot(sw.m, &after);
		bool allowed = snap_equal(&after, &before);

		for (unsigned k = 0; k < nalt && !allowed; k++)
			allowed = snap_equal(&after, &alt[k]);
		if (!allowed) {
			size_t i = 0;

			while (i < before.n && i < after.n && before.v[i] == after.v[i])
				i++;
			fail_msg("%s: allocation %u failed and the state changed (snapshot word %zu: "
				 "0x%" PRIx64 " -> 0x%" PRIx64 ")",
				 name, n + 1, i, i < before.n ? before.v[i] : 0,
				 i < after.n ? after.v[i] : 0);
		}
		{
			struct check_report rep = { 0 };

			if (check_machine(sw.m, &rep) != 0)
				fail_msg("%s: allocation %u failed: check_machine: %s", name, n + 1,
					 rep.n ? rep.v[0].msg : "error");
			check_report_free(&rep);
		}
	}
	if (rc != ok_rc)
		fail_msg("%s: without failures the result is %ld, expected %ld", name, rc, ok_rc);
	free(before.v);
	free(after.v);
	for (unsigned k = 0; k < nalt; k++)
		free(alt[k].v);
	sweep_teardown(&sw);
	return n;
}

static long call_mmap_new(struct sweep *sw)
{
	return mm_mmap(sw->mm, 64 * MB, 3 * MB, MM_PROT_READ, MM_MAP_FIXED, NULL);
}

static long call_mmap_upgrade(struct sweep *sw)
{
	/* beyond 4 TB: the process ASCE becomes region-second */
	return mm_mmap(sw->mm, 5 * TB, 2 * MB, MM_PROT_READ | MM_PROT_WRITE, MM_MAP_FIXED, NULL);
}

static long call_mmap_replace(struct sweep *sw)
{
	/* MAP_FIXED in the middle of a VMA: a split */
	return mm_mmap(sw->mm, 17 * MB, PAGE_SIZE, MM_PROT_READ, MM_MAP_FIXED, NULL);
}

static long call_munmap_split(struct sweep *sw)
{
	return mm_munmap(sw->mm, 16 * MB + 8 * PAGE_SIZE, PAGE_SIZE);
}

static long call_mprotect_split(struct sweep *sw)
{
	return mm_mprotect(sw->mm, 16 * MB + 4 * PAGE_SIZE, 2 * PAGE_SIZE, MM_PROT_READ);
}

static long call_fault_new_table(struct sweep *sw)
{
	return mm_fault(sw->mm, 18 * MB + 0x5000, MM_FAULT_WRITE);
}

static long call_write(struct sweep *sw)
{
	uint8_t b[16] = { 1, 2, 3 };

	return mm_write(sw->mm, 19 * MB + 0x3000, b, sizeof(b));
}

static long call_read(struct sweep *sw)
{
	uint8_t b[16];

	return mm_read(sw->mm, 33 * MB + 0x2000, b, sizeof(b));
}

/* Two fresh pages, the second in a segment without a page table: -ENOMEM
 * on the second must take back the first page's fault too. */
static long call_write_2pages(struct sweep *sw)
{
	uint8_t b[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

	return mm_write(sw->mm, 18 * MB - 8, b, sizeof(b));
}

static long call_read_2pages(struct sweep *sw)
{
	uint8_t b[16];

	return mm_read(sw->mm, 33 * MB - 8, b, sizeof(b));
}

/* Many pages: the record of what the faults did outgrows its first buffer. */
static long call_write_64pages(struct sweep *sw)
{
	static const uint8_t b[64 * PAGE_SIZE];

	return mm_write(sw->mm, 17 * MB + 0x800, b, sizeof(b));
}

/* The hint path of mm_mmap(): the lowest free range at or above the hint. */
static long call_mmap_hint(struct sweep *sw)
{
	uint64_t at = 0;
	long rc = mm_mmap(sw->mm, 0, 3 * MB, MM_PROT_READ, 0, &at);

	return rc ? rc : (at == MB ? 0 : -EFAULT);
}

/* A hint beyond 4 TB: the hinted range needs the ASCE upgraded. */
static long call_mmap_hint_upgrade(struct sweep *sw)
{
	uint64_t at = 0;
	long rc = mm_mmap(sw->mm, 5 * TB, MB, MM_PROT_READ | MM_PROT_WRITE, 0, &at);

	return rc ? rc : (at == 5 * TB ? 0 : -EFAULT);
}

static long call_mm_pmd_new_tables(struct sweep *sw)
{
	uint64_t pmd;

	return mm_pmd(sw->mm, 3 * TB + 5 * MB, true, &pmd); /* a new R3 entry and segment table */
}

static long call_mm_pmd_upgrade(struct sweep *sw)
{
	uint64_t pmd;

	return mm_pmd(sw->mm, 6 * TB, true, &pmd); /* region-second ASCE, new tables */
}

static long call_mm_pte_table(struct sweep *sw)
{
	uint64_t pto;

	return mm_pte_table(sw->mm, 40 * MB, true, &pto);
}

static long call_page_table_alloc(struct sweep *sw)
{
	uint64_t t;
	int rc = page_table_alloc(sw->mm, 40 * MB, &t);

	if (rc == 0)
		page_table_free(sw->mm, t);
	return rc;
}

static long call_tlb_set_capacity(struct sweep *sw)
{
	return tlb_set_capacity(sw->m, 512);
}

/* The same mm calls on the mm without pgstes (2 KB page-table fragments). */
static long call_nopgste_mmap_upgrade(struct sweep *sw)
{
	return mm_mmap(sw->mm0, 5 * TB, 2 * MB, MM_PROT_READ | MM_PROT_WRITE, MM_MAP_FIXED, NULL);
}

static long call_nopgste_fault(struct sweep *sw)
{
	return mm_fault(sw->mm0, 18 * MB + 0x5000, MM_FAULT_WRITE);
}

static long call_nopgste_write_2pages(struct sweep *sw)
{
	uint8_t b[16] = { 9, 8, 7 };

	return mm_write(sw->mm0, 18 * MB - 8, b, sizeof(b));
}

static long call_nopgste_munmap_split(struct sweep *sw)
{
	return mm_munmap(sw->mm0, 16 * MB + 8 * PAGE_SIZE, PAGE_SIZE);
}

static long call_nopgste_pte_table(struct sweep *sw)
{
	uint64_t pto;

	return mm_pte_table(sw->mm0, 3 * TB, true, &pto);
}

static long call_nopgste_page_table_alloc(struct sweep *sw)
{
	uint64_t t;
	int rc = page_table_alloc(sw->mm0, 40 * MB, &t);

	if (rc == 0)
		page_table_free(sw->mm0, t);
	return rc;
}

static long call_nopgste_mm_create(struct sweep *sw)
{
	struct mm_struct *mm = NULL;
	int rc = mm_create(sw->m, 0, &mm);

	(void)sw;
	if (rc == 0)
		mm_destroy(mm);
	return rc;
}

static long call_gmap_alloc(struct sweep *sw)
{
	struct gmap *g = gmap_alloc(sw->mm);

	if (!g)
		return -ENOMEM;
	gmap_free(g);
	return 0;
}

static long call_map_segment(struct sweep *sw)
{
	/* new R2, R3 and segment tables */
	return gmap_map_segment(sw->g1, 32 * MB, (7ULL << 53) | (3ULL << 42), 2 * MB);
}

static long call_map_segment_relink(struct sweep *sw)
{
	/* replaces a linked entry below 2 GB and needs a new segment table above */
	return gmap_map_segment(sw->g1, 32 * MB, (1ULL << 31) - MB, 2 * MB);
}

static long call_gmap_fault_link(struct sweep *sw)
{
	unsigned long r = gmap_fault(2 * MB + 0x10, sw->g1); /* needs a new page table */

	return r == (unsigned long)-ENOMEM ? -ENOMEM : (r == 18 * MB + 0x10 ? 0 : -EFAULT);
}

/* gmap_sie_access() is a loop of faults like do_exception() under SIE:
 * when the gmap_fault() that links the page table has completed and the
 * process fault then fails, the link stays (the kernel keeps it too; the
 * retry finds it).  That state is the one other allowed outcome. */
static long sie_link_only(struct sweep *sw)
{
	unsigned long r = gmap_fault((1ULL << 50) + MB + 0x4000, sw->g2);

	return r == 17 * MB + 0x4000 ? 0 : -EFAULT;
}

static long call_sie_write(struct sweep *sw)
{
	uint8_t b[8] = { 0xde, 0xad };

	gmap_enable(sw->g2);
	return gmap_sie_access(sw->m, (1ULL << 50) + MB + 0x4000, b, sizeof(b), true, NULL);
}

/*
 * Two pages in two guest segments, both to be linked and faulted in.  The
 * resolutions run one after the other as the kernel's would (gmap_fault
 * page A, handle_mm_fault page A, gmap_fault page B, handle_mm_fault page
 * B), and a completed one is not undone when a later one fails: the
 * allowed outcomes of an -ENOMEM are the states after each prefix of that
 * sequence (built below), and no byte is stored in any of them.
 */
#define SIE2_GA ((1ULL << 50) + MB - 8)

static long sie2_a_linked(struct sweep *sw)
{
	return gmap_fault(SIE2_GA, sw->g2) == 17 * MB - 8 ? 0 : -EFAULT;
}

static long sie2_a_faulted(struct sweep *sw)
{
	long rc = sie2_a_linked(sw);

	return rc ? rc : mm_fault(sw->mm, 17 * MB - 8, MM_FAULT_WRITE);
}

static long sie2_b_linked(struct sweep *sw)
{
	long rc = sie2_a_faulted(sw);

	if (rc)
		return rc;
	return gmap_fault(SIE2_GA + 8, sw->g2) == 17 * MB ? 0 : -EFAULT;
}

static long call_sie_write_2pages(struct sweep *sw)
{
	uint8_t b[16] = { 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };

	gmap_enable(sw->g2);
	return gmap_sie_access(sw->m, SIE2_GA, b, sizeof(b), true, NULL);
}

static long call_sie_read_2pages(struct sweep *sw)
{
	uint8_t b[16];

	gmap_enable(sw->g2);
	return gmap_sie_access(sw->m, SIE2_GA, b, sizeof(b), false, NULL);
}

static long call_mm_create(struct sweep *sw)
{
	struct mm_struct *mm = NULL;
	int rc = mm_create(sw->m, MM_PGSTE, &mm);

	if (rc == 0)
		mm_destroy(mm);
	return rc;
}

#define SWEEP_TEST(fn, call, ok)                                                \
	static void fn(void **state)                                                \
	{                                                                           \
		(void)state;                                                            \
		assert_true(sweep_run(#call, call, ok, NULL) >= 1);                     \
	}

SWEEP_TEST(test_model_enomem_mmap_new, call_mmap_new, 0)
SWEEP_TEST(test_model_enomem_mmap_upgrade, call_mmap_upgrade, 0)
SWEEP_TEST(test_model_enomem_mmap_replace, call_mmap_replace, 0)
SWEEP_TEST(test_model_enomem_munmap_split, call_munmap_split, 0)
SWEEP_TEST(test_model_enomem_mprotect_split, call_mprotect_split, 0)
SWEEP_TEST(test_model_enomem_fault, call_fault_new_table, 0)
SWEEP_TEST(test_model_enomem_write, call_write, 0)
SWEEP_TEST(test_model_enomem_read, call_read, 0)
SWEEP_TEST(test_model_enomem_write_2pages, call_write_2pages, 0)
SWEEP_TEST(test_model_enomem_read_2pages, call_read_2pages, 0)
SWEEP_TEST(test_model_enomem_write_64pages, call_write_64pages, 0)
SWEEP_TEST(test_model_enomem_gmap_alloc, call_gmap_alloc, 0)
SWEEP_TEST(test_model_enomem_map_segment, call_map_segment, 0)
SWEEP_TEST(test_model_enomem_map_segment_relink, call_map_segment_relink, 0)
SWEEP_TEST(test_model_enomem_gmap_fault, call_gmap_fault_link, 0)

static void test_model_enomem_sie_access(void **state)
{
	(void)state;
	static const sweep_call alts[] = { sie_link_only, NULL };

	assert_true(sweep_run("call_sie_write", call_sie_write, 0, alts) >= 1);
}

static const sweep_call sie2_alts[] = { sie2_a_linked, sie2_a_faulted, sie2_b_linked, NULL };

static void test_model_enomem_sie_access_2pages(void **state)
{
	(void)state;
	assert_true(sweep_run("call_sie_write_2pages", call_sie_write_2pages, 0, sie2_alts) >= 4);
	assert_true(sweep_run("call_sie_read_2pages", call_sie_read_2pages, 0, sie2_alts) >= 4);
}
SWEEP_TEST(test_model_enomem_mm_create, call_mm_create, 0)
SWEEP_TEST(test_model_enomem_mmap_hint, call_mmap_hint, 0)
SWEEP_TEST(test_model_enomem_mmap_hint_upgrade, call_mmap_hint_upgrade, 0)
SWEEP_TEST(test_model_enomem_mm_pmd_new_tables, call_mm_pmd_new_tables, 0)
SWEEP_TEST(test_model_enomem_mm_pmd_upgrade, call_mm_pmd_upgrade, 0)
SWEEP_TEST(test_model_enomem_mm_pte_table, call_mm_pte_table, 0)
SWEEP_TEST(test_model_enomem_page_table_alloc, call_page_table_alloc, 0)
SWEEP_TEST(test_model_enomem_tlb_set_capacity, call_tlb_set_capacity, 0)
SWEEP_TEST(test_model_enomem_nopgste_mmap_upgrade, call_nopgste_mmap_upgrade, 0)
SWEEP_TEST(test_model_enomem_nopgste_fault, call_nopgste_fault, 0)
SWEEP_TEST(test_model_enomem_nopgste_write_2pages, call_nopgste_write_2pages, 0)
SWEEP_TEST(test_model_enomem_nopgste_munmap_split, call_nopgste_munmap_split, 0)
SWEEP_TEST(test_model_enomem_nopgste_pte_table, call_nopgste_pte_table, 0)
SWEEP_TEST(test_model_enomem_nopgste_page_table_alloc, call_nopgste_page_table_alloc, 0)
SWEEP_TEST(test_model_enomem_nopgste_mm_create, call_nopgste_mm_create, 0)

/* The model itself: a divergence is detected and shrunk to a short
 * script (a deliberately wrong expectation stands in for a library bug). */
static void test_model_shrinks_divergence(void **state)
{
	struct op ops[40];
	char why[512];
	size_t n;
	uint64_t s = 0xabc;
	struct world *w = calloc(1, sizeof(*w));

	(void)state;
	assert_non_null(w);
	assert_int_equal(world_init(w, 0), 0);
	for (unsigned i = 0; i < 39; i++)
		gen_op(&s, w, &ops[i]);
	world_fini(w);
	free(w);
	/* The model expects every munmap to succeed; a misaligned one gets
	 * -EINVAL from the library: a divergence only the last step causes. */
	ops[39] = (struct op){ .kind = OP_MUNMAP, .a = 16 * MB + 1, .b = PAGE_SIZE };
	assert_true(replay(0, ops, 40, true, why, sizeof(why), NULL) == 39);
	n = shrink(0, ops, 40, 500);
	assert_int_equal(n, 1);
	assert_int_equal(ops[0].kind, OP_MUNMAP);
}

/* The reproducer format itself: the script of a whole agreeing run, with
 * the model's expectations as expect lines, passes in the interpreter with
 * SCRIPT_CHECK (so a printed reproducer means what it says). */
static void test_model_script_agrees(void **state)
{
	enum { N = 400 };
	struct op *ops = calloc(N, sizeof(*ops));
	struct world *w = calloc(1, sizeof(*w));
	char why[512], *text = NULL, *errs = NULL;
	size_t tlen = 0, elen = 0;
	uint64_t s = 0x5c41;
	struct gm_script *sc = NULL;
	FILE *f, *out, *err;
	enum script_status st;

	(void)state;
	assert_non_null(ops);
	assert_non_null(w);
	assert_int_equal(world_init(w, 3), 0);
	for (unsigned i = 0; i < N; i++) {
		gen_op(&s, w, &ops[i]);
		assert_int_equal(run_op(w, &ops[i]), 0); /* keep the generator's view current */
	}
	world_fini(w);
	free(w);
	f = open_memstream(&text, &tlen);
	assert_non_null(f);
	assert_int_equal(replay(3, ops, N, false, why, sizeof(why), f), -1);
	fprintf(f, "check\nexpect check ok\n");
	fclose(f);
	out = fopen("/dev/null", "w");
	err = open_memstream(&errs, &elen);
	assert_non_null(out);
	assert_non_null(err);
	assert_int_equal(script_create(out, err, SCRIPT_CHECK, &sc), 0);
	st = script_run_buffer(sc, text, tlen, "model");
	script_destroy(sc);
	fclose(out);
	fclose(err);
	if (st != SCRIPT_OK)
		fail_msg("the model's script fails in the interpreter (%d): %s", st, errs);
	free(text);
	free(errs);
	free(ops);
}

/* Every checked-in fuzz-script input still runs safely (a regression
 * suite for what fuzzing found, also under ASan, valgrind and s390x). */
static void test_model_fuzz_corpus_scripts(void **state)
{
	char dir[4096], path[4400];
	const char *root = getenv("GMAP_SOURCE_ROOT");
	unsigned nfiles = 0;
	struct dirent *de;
	FILE *null;
	DIR *d;

	(void)state;
	/* tests/meson.build compiles the source root in (GMAP_SOURCE_ROOT), so
	 * the test finds the corpus from any working directory; the environment
	 * variable of that name overrides it (a moved tree).  No corpus is a
	 * failure, never a skip. */
	if (!root || !*root)
		root = GMAP_SOURCE_ROOT;
	snprintf(dir, sizeof(dir), "%s/fuzz/corpus/script", root);
	d = opendir(dir);
	if (!d)
		fail_msg("no fuzz corpus at %s (set GMAP_SOURCE_ROOT to the source tree)", dir);
	null = fopen("/dev/null", "w");
	assert_non_null(null);
	while ((de = readdir(d)) != NULL) {
		static char text[1 << 16];
		struct gm_script *sc = NULL;
		enum script_status st;
		size_t len;
		FILE *f;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		f = fopen(path, "rb");
		if (!f)
			continue;
		len = fread(text, 1, sizeof(text), f);
		fclose(f);
		for (unsigned flags = 0; flags <= SCRIPT_CHECK; flags += SCRIPT_CHECK) {
			assert_int_equal(script_create(null, null, flags, &sc), 0);
			st = script_run_buffer(sc, text, len, de->d_name);
			script_destroy(sc);
			if (st != SCRIPT_OK && st != SCRIPT_FAILED && st != SCRIPT_ERROR)
				fail_msg("%s: status %d", path, st);
		}
		/* lines-*: every line on its own, after a small world. */
		for (size_t at = 0; !strncmp(de->d_name, "lines-", 6) && at < len;) {
			static const char pre[] = "machine storage=16M cpus=2 edat1 tlb\nmm A pgste\n"
						  "mmap A 0x100000 1M rw fixed\ngmap G on A\n"
						  "gmap_map_segment G 0x100000 0 1M\ngmap_enable G\n";
			const char *nl = memchr(text + at, '\n', len - at);
			size_t end = nl ? (size_t)(nl - text) : len;

			assert_int_equal(script_create(null, null, 0, &sc), 0);
			assert_int_equal(script_run_buffer(sc, pre, sizeof(pre) - 1, "pre"), SCRIPT_OK);
			st = script_run_line(sc, de->d_name, 1, text + at, end - at);
			script_destroy(sc);
			if (st != SCRIPT_OK && st != SCRIPT_FAILED && st != SCRIPT_ERROR)
				fail_msg("%s: status %d", path, st);
			at = end + 1;
		}
		nfiles++;
	}
	closedir(d);
	fclose(null);
	assert_true(nfiles > 0);
}

static int model_filter_setup(void)
{
	const char *f = getenv("GMAP_MODEL_FILTER");

	if (f && *f)
		cmocka_set_test_filter(f);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_random),
		cmocka_unit_test(test_model_random_long),
		cmocka_unit_test(test_model_threads_independent_machines),
		cmocka_unit_test(test_model_shrinks_divergence),
		cmocka_unit_test(test_model_script_agrees),
		cmocka_unit_test(test_model_fuzz_corpus_scripts),
		cmocka_unit_test(test_model_enomem_mmap_new),
		cmocka_unit_test(test_model_enomem_mmap_upgrade),
		cmocka_unit_test(test_model_enomem_mmap_replace),
		cmocka_unit_test(test_model_enomem_munmap_split),
		cmocka_unit_test(test_model_enomem_mprotect_split),
		cmocka_unit_test(test_model_enomem_fault),
		cmocka_unit_test(test_model_enomem_write),
		cmocka_unit_test(test_model_enomem_read),
		cmocka_unit_test(test_model_enomem_write_2pages),
		cmocka_unit_test(test_model_enomem_read_2pages),
		cmocka_unit_test(test_model_enomem_write_64pages),
		cmocka_unit_test(test_model_enomem_gmap_alloc),
		cmocka_unit_test(test_model_enomem_map_segment),
		cmocka_unit_test(test_model_enomem_map_segment_relink),
		cmocka_unit_test(test_model_enomem_gmap_fault),
		cmocka_unit_test(test_model_enomem_sie_access),
		cmocka_unit_test(test_model_enomem_sie_access_2pages),
		cmocka_unit_test(test_model_enomem_mm_create),
		cmocka_unit_test(test_model_enomem_mmap_hint),
		cmocka_unit_test(test_model_enomem_mmap_hint_upgrade),
		cmocka_unit_test(test_model_enomem_mm_pmd_new_tables),
		cmocka_unit_test(test_model_enomem_mm_pmd_upgrade),
		cmocka_unit_test(test_model_enomem_mm_pte_table),
		cmocka_unit_test(test_model_enomem_page_table_alloc),
		cmocka_unit_test(test_model_enomem_tlb_set_capacity),
		cmocka_unit_test(test_model_enomem_nopgste_mmap_upgrade),
		cmocka_unit_test(test_model_enomem_nopgste_fault),
		cmocka_unit_test(test_model_enomem_nopgste_write_2pages),
		cmocka_unit_test(test_model_enomem_nopgste_munmap_split),
		cmocka_unit_test(test_model_enomem_nopgste_pte_table),
		cmocka_unit_test(test_model_enomem_nopgste_page_table_alloc),
		cmocka_unit_test(test_model_enomem_nopgste_mm_create),
	};

	model_filter_setup();
	return cmocka_run_group_tests(tests, NULL, NULL);
}

#endif /* MODEL_NO_MAIN */
