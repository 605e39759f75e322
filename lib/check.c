/* SPDX-License-Identifier: MIT */
/*
 * check — the invariant checker of gmap-semantics §4.A (the 2011 model)
 * plus libgmap's own: the process tables' shapes (CHECK_INV_MM_TABLES), the
 * frame descriptors (CHECK_INV_STORAGE) and stale TLB hits (CHECK_INV_TLB).
 *
 * It reads storage through storage_ld8_chk() (so a corrupted origin outside
 * storage is reported, not dereferenced), never changes anything, and
 * keeps its scratch arrays in plain host memory: they are not machine
 * state (they stay with the machine between checks, gm_machine.check_scratch),
 * and using storage_host_zalloc() would consume injected failures.
 *
 * Cost: it reads only the populated entries of each table, found through
 * the storage's census of non-empty entries (storage_next_pop()); an empty
 * entry is exactly the value the checks accept without a report, so
 * skipping it changes no outcome.  A table whose halves do not record the
 * empty value of its level is read whole.  check_machine_full() reads every
 * entry and also verifies the census itself.
 *
 * Layer check (docs/layers.txt): reads every layer below, never mutates
 * and never calls dump or script.
 */
#include "export.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gmap/check.h"
#include "gmap/gmap.h"
#include "gmap/lowcore.h"
#include "gmap/mm.h"
#include "gmap/tlb.h"
#include "check-internal.h"
#include "machine-internal.h"
#include "storage-internal.h"
#include "mm-internal.h"

#ifdef LC_GMAP
#define CHECK_LC_GMAP LC_GMAP
#else
#define CHECK_LC_GMAP 0x370u
#endif

#define CRST_BYTES (PTRS_PER_CRST * 8ULL)

/* A (key, value) pair for the sorted sets below. */
struct kv {
	uint64_t k, v;
};

struct kvec {
	struct kv *a;
	size_t n, cap;
	bool oom;
};

static void kvec_push(struct kvec *vec, uint64_t k, uint64_t v)
{
	if (vec->oom)
		return;
	if (vec->n == vec->cap) {
		size_t cap = vec->cap ? vec->cap * 2 : 64;
		struct kv *a = realloc(vec->a, cap * sizeof(*a));

		if (!a) {
			vec->oom = true;
			return;
		}
		vec->a = a;
		vec->cap = cap;
	}
	vec->a[vec->n].k = k;
	vec->a[vec->n].v = v;
	vec->n++;
}

/* The working memory of checks, kept with the machine (gm_machine.check_scratch). */
struct scratch {
	struct kvec v[5];
	struct kv *tmp;  /* radix-sort buffer */
	size_t tcap;
	bool oom;
};

/*
 * Sort by key (stable; equal keys end up adjacent, which is all the
 * duplicate checks need): insertion sort for short vectors, else an LSD
 * radix sort over 11-bit digits of the bits in which the keys differ —
 * table addresses, so a few passes, linear in the count.
 */
static void kvec_sort(struct kvec *vec, struct scratch *sc)
{
	size_t n = vec->n;
	uint64_t lo = ~0ULL, hi = 0;
	unsigned bits;

	if (n < 2)
		return;
	if (n <= 32) {
		for (size_t i = 1; i < n; i++) {
			struct kv x = vec->a[i];
			size_t j = i;

			for (; j > 0 && vec->a[j - 1].k > x.k; j--)
				vec->a[j] = vec->a[j - 1];
			vec->a[j] = x;
		}
		return;
	}
	if (sc->tcap < n) {
		struct kv *t = realloc(sc->tmp, n * sizeof(*t));

		if (!t) {
			sc->oom = true;
			return;
		}
		sc->tmp = t;
		sc->tcap = n;
	}
	for (size_t i = 0; i < n; i++) {
		lo &= vec->a[i].k;
		hi |= vec->a[i].k;
	}
	if (lo == hi)
		return;
	bits = 64u - (unsigned)__builtin_clzll(lo ^ hi);
	for (unsigned sh = (unsigned)__builtin_ctzll(lo ^ hi); sh < bits; sh += 11) {
		size_t cnt[2048] = { 0 }, sum = 0, cap;
		struct kv *src = vec->a, *dst = sc->tmp;

		for (size_t i = 0; i < n; i++)
			cnt[(src[i].k >> sh) & 2047]++;
		for (size_t d = 0; d < 2048; d++) {
			size_t c = cnt[d];

			cnt[d] = sum;
			sum += c;
		}
		for (size_t i = 0; i < n; i++)
			dst[cnt[(src[i].k >> sh) & 2047]++] = src[i];
		/* the buffers trade places, with their capacities */
		sc->tmp = src;
		vec->a = dst;
		cap = vec->cap;
		vec->cap = sc->tcap;
		sc->tcap = cap;
	}
}

/* Index of the first pair with key @k in a sorted vector, or -1. */
static long kvec_find(const struct kvec *vec, uint64_t k)
{
	size_t lo = 0, hi = vec->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (vec->a[mid].k < k)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo < vec->n && vec->a[lo].k == k) ? (long)lo : -1;
}

/* ---- the context of one check ------------------------------------------ */

struct ctx {
	struct gm_machine *m;
	struct gm_storage *st;
	struct check_report *rep;
	struct dat_env env;
	bool full;               /* read every entry and verify the census */
	struct scratch *sc;
	struct kvec crst_all;    /* every crst table reached: table → owner tag */
	/* per mm */
	struct mm_struct *mm;
	struct kvec ptables;     /* pto → segment vmaddr */
	struct kvec linked;      /* guest STE aaddr → linked pto */
	struct kvec rmaps;       /* rmap entry → pto of its mapper */
	uint64_t mm_crst, mm_pt;
	/* per gmap */
	struct gmap *gmap;
	struct kvec gcrst;       /* crst_list: table → level; v |= 0x100 once reached */
};

static void report(struct ctx *c, unsigned inv, uint64_t where, const char *fmt, ...)
{
	struct check_report *rep = c->rep;
	struct check_violation *v;
	va_list ap;

	if (rep->n >= rep->cap) {
		rep->truncated = true;
		return;
	}
	v = &rep->v[rep->n++];
	v->inv = inv;
	v->where = where;
	va_start(ap, fmt);
	vsnprintf(v->msg, sizeof(v->msg), fmt, ap);
	va_end(ap);
}

static bool load8(struct ctx *c, uint64_t aaddr, uint64_t *val)
{
	return storage_ld8_chk(c->st, aaddr, val);
}

/*
 * Whether every entry of the table at @table (@bytes long, inside storage)
 * must be read: in a full check, and when a half of it does not record
 * @empty (the level's empty value) so that its census cannot stand for the
 * entries the checks accept silently.
 */
static bool read_whole(const struct ctx *c, uint64_t table, uint64_t bytes, uint64_t empty)
{
	if (c->full)
		return true;
	for (uint64_t h = table; h < table + bytes; h += 2048)
		if (c->st->empty[h >> 11] != empty)
			return true;
	return false;
}

/* The next entry at or after @a (before @end) to read. */
static uint64_t next_entry(const struct ctx *c, uint64_t a, uint64_t end, bool whole)
{
	return whole ? a : storage_next_pop(c->st, a, end);
}

/* Full check: each entry's census bit says exactly whether it differs from its half's empty value. */
static void verify_census(struct ctx *c, uint64_t table, uint64_t bytes)
{
	if (c->st->no_census)
		return; /* storage_create_at(): no census kept */
	for (uint64_t a = table; a < table + bytes; a += 8) {
		uint64_t e = storage_ld8_fast(c->st, a), empty = c->st->empty[a >> 11];
		bool bit = (storage_pop_word(c->st, a) >> ((a >> 3) & 63)) & 1;

		if (bit != (e != empty))
			report(c, CHECK_INV_STORAGE, a,
			       "entry 0x%llx is 0x%llx (empty 0x%llx) but the census says %s",
			       (unsigned long long)a, (unsigned long long)e, (unsigned long long)empty,
			       bit ? "populated" : "empty");
	}
}

/* A crst table must be a 16 KB CRST block of the allocator. */
static bool check_crst_block(struct ctx *c, uint64_t table, const char *who)
{
	const struct storage_page *pg = storage_page_const(c->st, table);

	if ((table & (CRST_BYTES - 1)) || !pg || pg->kind != STORAGE_CRST || !pg->head) {
		report(c, CHECK_INV_STORAGE, table,
		       "%s table 0x%llx is not an allocated 16 KB crst block (kind %s)", who,
		       (unsigned long long)table,
		       pg ? storage_kind_name((enum storage_kind)pg->kind) : "outside storage");
		return false;
	}
	return true;
}

/* ---- the process tables ------------------------------------------------- */

static bool vma_covers(struct mm_struct *mm, uint64_t vmaddr, unsigned *prot)
{
	struct vm_area_struct *vma = mm_find_vma(mm, vmaddr);

	if (!vma || vma->vm_start > vmaddr)
		return false;
	if (prot)
		*prot = vma->vm_prot;
	return true;
}

static void check_pte_table(struct ctx *c, uint64_t pto, uint64_t base)
{
	const uint64_t bytes = PTRS_PER_PTE * 8ULL, end = pto + bytes;
	bool whole = read_whole(c, pto, bytes, _PAGE_TYPE_EMPTY);

	if (c->full)
		verify_census(c, pto, bytes);
	for (uint64_t ea = pto; (ea = next_entry(c, ea, end, whole)) < end; ea += 8) {
		unsigned i = (unsigned)((ea - pto) / 8);
		uint64_t va = base + ((uint64_t)i << PAGE_SHIFT), pte;
		unsigned prot = 0;

		if (!load8(c, pto + i * 8ULL, &pte))
			return;
		if (pte & _PAGE_INVALID)
			continue;
		if (pte & _PAGE_ZERO)
			report(c, CHECK_INV_MM_TABLES, pto + i * 8ULL,
			       "valid PTE 0x%llx for 0x%llx has bit 52 set", (unsigned long long)pte,
			       (unsigned long long)va);
		if (!vma_covers(c->mm, va, &prot))
			report(c, CHECK_INV_MM_TABLES, pto + i * 8ULL,
			       "valid PTE 0x%llx for 0x%llx lies outside every VMA",
			       (unsigned long long)pte, (unsigned long long)va);
		else if (!(pte & _PAGE_PROTECT) && !(prot & MM_PROT_WRITE))
			report(c, CHECK_INV_MM_TABLES, pto + i * 8ULL,
			       "writable PTE for 0x%llx in a VMA without write permission",
			       (unsigned long long)va);
		if (storage_kind_at(c->st, pte & _PAGE_ORIGIN) != STORAGE_FRAME)
			report(c, CHECK_INV_STORAGE, pto + i * 8ULL,
			       "PTE for 0x%llx maps 0x%llx, which is not an allocated data frame",
			       (unsigned long long)va, (unsigned long long)(pte & _PAGE_ORIGIN));
		else if (!mm_owns(c->mm, pte & _PAGE_ORIGIN, STORAGE_FRAME))
			report(c, CHECK_INV_STORAGE, pto + i * 8ULL,
			       "PTE for 0x%llx maps frame 0x%llx, which another mm allocated",
			       (unsigned long long)va, (unsigned long long)(pte & _PAGE_ORIGIN));
	}
}

static void check_process_ste(struct ctx *c, uint64_t entry, uint64_t ste, uint64_t base)
{
	struct mm_struct *mm = c->mm;
	uint64_t pto = ste & _SEGMENT_ENTRY_ORIGIN;

	if (ste & _SEGMENT_ENTRY_INVALID) {
		if (ste != _SEGMENT_ENTRY_EMPTY)
			report(c, CHECK_INV_MM_TABLES, entry,
			       "invalid process STE for 0x%llx is 0x%llx, not 0x20",
			       (unsigned long long)base, (unsigned long long)ste);
		return;
	}
	if (ste & (_SEGMENT_ENTRY_TYPE_MASK | _SEGMENT_ENTRY_LARGE)) {
		report(c, CHECK_INV_MM_TABLES, entry,
		       "process STE for 0x%llx is 0x%llx: wrong type or a large frame",
		       (unsigned long long)base, (unsigned long long)ste);
		return;
	}
	c->mm_pt++;
	kvec_push(&c->ptables, pto, base);
	if (mm->context.has_pgste) {
		struct gmap_pgtable *mp;

		if ((pto & ~PAGE_MASK) || storage_kind_at(c->st, pto) != STORAGE_PT_PGSTE) {
			report(c, CHECK_INV_STORAGE, entry,
			       "STE for 0x%llx links 0x%llx, not a 4 KB pgste page table",
			       (unsigned long long)base, (unsigned long long)pto);
			return;
		}
		mp = mm_pgtable(mm, pto);
		if (!mp) {
			report(c, CHECK_INV_MM_TABLES, entry,
			       "pgste page table 0x%llx has no gmap_pgtable", (unsigned long long)pto);
		} else if (mp->vmaddr != base) {
			report(c, CHECK_INV_MM_TABLES, entry,
			       "page table 0x%llx covers 0x%llx but its gmap_pgtable says 0x%llx",
			       (unsigned long long)pto, (unsigned long long)base,
			       (unsigned long long)mp->vmaddr);
		} else {
			unsigned n = 0;
			struct gmap_rmap *rmap;

			LIST_FOREACH(rmap, &mp->mapper, list) {
				kvec_push(&c->rmaps, rmap->entry, pto);
				n++;
			}
			if (n != mp->nr_mappers)
				report(c, 5, pto, "page table 0x%llx counts %u mappers, lists %u",
				       (unsigned long long)pto, mp->nr_mappers, n);
		}
	} else if (storage_kind_at(c->st, pto) != STORAGE_PT_FRAG) {
		report(c, CHECK_INV_STORAGE, entry,
		       "STE for 0x%llx links 0x%llx, not an allocated 2 KB page table",
		       (unsigned long long)base, (unsigned long long)pto);
		return;
	}
	check_pte_table(c, pto, base);
}

static void walk_process(struct ctx *c, uint64_t table, unsigned level, uint64_t base)
{
	uint64_t end = table + CRST_BYTES;
	bool whole;

	if (!check_crst_block(c, table, "process"))
		return;
	c->mm_crst++;
	kvec_push(&c->crst_all, table, (uint64_t)(uintptr_t)c->mm);
	whole = read_whole(c, table, CRST_BYTES, dat_crst_empty(level));
	if (c->full)
		verify_census(c, table, CRST_BYTES);
	for (uint64_t ea = table; (ea = next_entry(c, ea, end, whole)) < end; ea += 8) {
		unsigned i = (unsigned)((ea - table) / 8);
		uint64_t entry = ea, e;
		uint64_t va = base + ((uint64_t)i << dat_level_shift(level));

		if (!load8(c, entry, &e))
			return;
		if (level == DAT_LEVEL_STE) {
			check_process_ste(c, entry, e, va);
			continue;
		}
		if ((e & _REGION_ENTRY_TYPE_MASK) != dat_level_tt(level)) {
			report(c, CHECK_INV_MM_TABLES, entry,
			       "process %s entry 0x%llx has the wrong table type",
			       dat_level_name((enum dat_level)level), (unsigned long long)e);
			continue;
		}
		if (e & _REGION_ENTRY_INVALID)
			continue;
		if ((e & ~_REGION_ENTRY_ORIGIN) != (dat_level_tt(level) | _REGION_ENTRY_LENGTH)) {
			report(c, CHECK_INV_MM_TABLES, entry,
			       "process %s entry 0x%llx: bad offset/length/protection bits",
			       dat_level_name((enum dat_level)level), (unsigned long long)e);
			continue;
		}
		walk_process(c, e & _REGION_ENTRY_ORIGIN, level - 1, va);
	}
}

static void check_mm_tables(struct ctx *c)
{
	struct mm_struct *mm = c->mm;
	uint64_t dt = mm->asce_bits & _ASCE_TYPE_MASK;
	unsigned top = dt == _ASCE_TYPE_REGION1 ? DAT_LEVEL_R1TE
		       : dt == _ASCE_TYPE_REGION2 ? DAT_LEVEL_R2TE
		       : dt == _ASCE_TYPE_REGION3 ? DAT_LEVEL_R3TE
						  : DAT_LEVEL_STE;

	walk_process(c, mm->pgd, top, 0);
	if (c->mm_crst != mm->nr_crst)
		report(c, CHECK_INV_MM_TABLES, mm->pgd,
		       "mm counts %llu crst tables, %llu are reachable",
		       (unsigned long long)mm->nr_crst, (unsigned long long)c->mm_crst);
	if (c->mm_pt != mm->nr_ptes)
		report(c, CHECK_INV_MM_TABLES, mm->pgd,
		       "mm counts %llu page tables, %llu are reachable",
		       (unsigned long long)mm->nr_ptes, (unsigned long long)c->mm_pt);
	kvec_sort(&c->ptables, c->sc);
	for (size_t i = 1; i < c->ptables.n; i++)
		if (c->ptables.a[i].k == c->ptables.a[i - 1].k)
			report(c, CHECK_INV_MM_TABLES, c->ptables.a[i].k,
			       "page table 0x%llx is linked by two process STEs",
			       (unsigned long long)c->ptables.a[i].k);
}

/* ---- ownership of the process tables ------------------------------------ */

struct owned_scan {
	struct ctx *c;
	struct kvec *crst; /* the mm's crst tables the walk reached, sorted */
};

static void owned_block(void *arg, uint64_t aaddr, enum storage_kind kind)
{
	struct owned_scan *o = arg;
	struct ctx *c = o->c;

	if (kind == STORAGE_CRST && kvec_find(o->crst, aaddr) < 0)
		report(c, CHECK_INV_MM_TABLES, aaddr,
		       "crst table 0x%llx of the mm is referenced by no entry of its tables",
		       (unsigned long long)aaddr);
	else if ((kind == STORAGE_PT_FRAG || kind == STORAGE_PT_PGSTE) &&
		 kvec_find(&c->ptables, aaddr) < 0)
		report(c, CHECK_INV_MM_TABLES, aaddr,
		       "page table 0x%llx of the mm is referenced by no process STE",
		       (unsigned long long)aaddr);
}

/*
 * Storage is the caller's to write, so a raw store can point a process
 * entry at a table of another mm, or cut one of the mm's tables off.  Each
 * table the walk reached must be one the mm allocated (mm_owns()); when
 * the counters say the walk reached fewer tables than the mm has, the
 * descriptors name the ones no entry references.  @crst_from: the first
 * crst_all pair of this mm.
 */
static void check_mm_ownership(struct ctx *c, size_t crst_from)
{
	struct mm_struct *mm = c->mm;
	enum storage_kind ptk = mm->context.has_pgste ? STORAGE_PT_PGSTE : STORAGE_PT_FRAG;
	struct kvec crst = { 0 };

	for (size_t i = 0; i < c->ptables.n; i++) {
		uint64_t pto = c->ptables.a[i].k, pmd = pto;

		if (storage_kind_at(c->st, pto) == ptk && !mm_owns(mm, pto, ptk)) {
			(void)mm_pmd(mm, c->ptables.a[i].v, false, &pmd);
			report(c, CHECK_INV_STORAGE, pmd,
			       "process STE for 0x%llx links page table 0x%llx, which another mm allocated",
			       (unsigned long long)c->ptables.a[i].v, (unsigned long long)pto);
		}
	}
	for (size_t i = crst_from; i < c->crst_all.n; i++) {
		uint64_t t = c->crst_all.a[i].k;

		if (!mm_owns(mm, t, STORAGE_CRST))
			report(c, CHECK_INV_STORAGE, t,
			       "a process entry designates crst table 0x%llx, which the mm did not allocate",
			       (unsigned long long)t);
		kvec_push(&crst, t, 0);
	}
	if (c->mm_pt != mm->nr_ptes || c->mm_crst != mm->nr_crst) {
		struct owned_scan o = { c, &crst };

		kvec_sort(&crst, c->sc);
		if (!crst.oom)
			mm_for_each_owned(mm, owned_block, &o);
	}
	c->ptables.oom |= crst.oom;
	free(crst.a);
}

/* ---- the gmaps ---------------------------------------------------------- */

static void check_gmap_ste(struct ctx *c, uint64_t entry, uint64_t ste, uint64_t gaddr)
{
	struct mm_struct *mm = c->mm;
	struct gmap_pgtable *mp;
	uint64_t pmd, pmdv, vmaddr;
	struct dat_result rg, rp;
	int pg, pp;

	switch (gmap_ste_state(ste)) {
	case GMAP_STE_STATE_EMPTY:
		return;
	case GMAP_STE_STATE_MAPPED:
		vmaddr = ste & PMD_MASK;
		if (vmaddr + PMD_SIZE > PGDIR_SIZE)
			report(c, 3, entry, "MAPPED STE 0x%llx for guest 0x%llx targets beyond 4 TB",
			       (unsigned long long)ste, (unsigned long long)gaddr);
		return;
	case GMAP_STE_STATE_LINKED:
		break;
	default:
		report(c, 3, entry, "STE 0x%llx for guest 0x%llx is neither EMPTY, MAPPED nor LINKED",
		       (unsigned long long)ste, (unsigned long long)gaddr);
		return;
	}
	kvec_push(&c->linked, entry, ste);
	if (storage_kind_at(c->st, ste) != STORAGE_PT_PGSTE || !(mp = mm_pgtable(mm, ste))) {
		report(c, 4, entry, "STE for guest 0x%llx links 0x%llx, not a live pgste page table",
		       (unsigned long long)gaddr, (unsigned long long)ste);
		return;
	}
	vmaddr = mp->vmaddr;
	if (mm_pmd(mm, vmaddr, false, &pmd) < 0 || !load8(c, pmd, &pmdv) ||
	    (pmdv & _SEGMENT_ENTRY_INVALID) || (pmdv & PAGE_MASK) != ste) {
		report(c, 4, entry,
		       "STE for guest 0x%llx links 0x%llx, but the process STE for 0x%llx does not",
		       (unsigned long long)gaddr, (unsigned long long)ste,
		       (unsigned long long)vmaddr);
		return;
	}
	/* Invariants 4 and 13: the guest sees exactly what the process sees. */
	pg = dat_translate(c->st, &c->env, c->gmap->asce, gaddr, DAT_FETCH, &rg, NULL);
	pp = dat_translate(c->st, &c->env, mm_asce(mm), vmaddr, DAT_FETCH, &rp, NULL);
	if (pg != pp || (pg == 0 && rg.aaddr != rp.aaddr))
		report(c, 13, entry,
		       "guest 0x%llx translates to %d/0x%llx, process 0x%llx to %d/0x%llx",
		       (unsigned long long)gaddr, pg, (unsigned long long)(pg ? 0 : rg.aaddr),
		       (unsigned long long)vmaddr, pp, (unsigned long long)(pp ? 0 : rp.aaddr));
}

static void walk_gmap(struct ctx *c, uint64_t table, unsigned level, uint64_t base)
{
	long idx = kvec_find(&c->gcrst, table);
	uint64_t end = table + CRST_BYTES;
	bool whole;

	if (idx < 0) {
		report(c, 2, table, "gmap table 0x%llx (%s) is reachable but not on crst_list",
		       (unsigned long long)table, dat_level_name((enum dat_level)level));
		return;
	}
	if ((c->gcrst.a[idx].v & 0xff) != level)
		report(c, 2, table, "gmap table 0x%llx is listed as %s, reached as %s",
		       (unsigned long long)table,
		       dat_level_name((enum dat_level)(c->gcrst.a[idx].v & 0xff)),
		       dat_level_name((enum dat_level)level));
	if (c->gcrst.a[idx].v & 0x100) {
		report(c, 2, table, "gmap table 0x%llx is reached twice", (unsigned long long)table);
		return;
	}
	c->gcrst.a[idx].v |= 0x100;
	if (!check_crst_block(c, table, "gmap"))
		return;
	whole = read_whole(c, table, CRST_BYTES, dat_crst_empty(level));
	if (c->full)
		verify_census(c, table, CRST_BYTES);
	for (uint64_t ea = table; (ea = next_entry(c, ea, end, whole)) < end; ea += 8) {
		unsigned i = (unsigned)((ea - table) / 8);
		uint64_t entry = ea, e;
		uint64_t ga = base + ((uint64_t)i << dat_level_shift(level));

		if (!load8(c, entry, &e))
			return;
		if (level == DAT_LEVEL_STE) {
			check_gmap_ste(c, entry, e, ga);
			continue;
		}
		if (e == dat_crst_empty(level))
			continue;
		if ((e & ~_REGION_ENTRY_ORIGIN) != (dat_level_tt(level) | _REGION_ENTRY_LENGTH)) {
			report(c, 2, entry, "gmap %s entry 0x%llx for guest 0x%llx is malformed",
			       dat_level_name((enum dat_level)level), (unsigned long long)e,
			       (unsigned long long)ga);
			continue;
		}
		walk_gmap(c, e & _REGION_ENTRY_ORIGIN, level - 1, ga);
	}
}

static void check_gmap(struct ctx *c, struct gmap *gmap)
{
	struct gmap_crst *crst;
	uint64_t n = 0;

	c->gmap = gmap;
	c->gcrst.n = 0;
	if (gmap->mm != c->mm)
		report(c, 1, gmap->table, "gmap 0x%llx is on the gmap_list of another mm",
		       (unsigned long long)gmap->table);
	if (gmap->asce != (gmap->table | GMAP_ASCE_BITS) || (gmap->table & ~_ASCE_ORIGIN))
		report(c, 1, gmap->table, "gmap ASCE 0x%llx is not table 0x%llx | 0x1cf",
		       (unsigned long long)gmap->asce, (unsigned long long)gmap->table);
	LIST_FOREACH(crst, &gmap->crst_list, list) {
		kvec_push(&c->gcrst, crst->table, crst->level);
		kvec_push(&c->crst_all, crst->table, (uint64_t)(uintptr_t)gmap);
		n++;
	}
	if (n != gmap->nr_crst)
		report(c, 2, gmap->table, "gmap counts %llu crst tables, crst_list has %llu",
		       (unsigned long long)gmap->nr_crst, (unsigned long long)n);
	kvec_sort(&c->gcrst, c->sc);
	for (size_t i = 1; i < c->gcrst.n; i++)
		if (c->gcrst.a[i].k == c->gcrst.a[i - 1].k)
			report(c, 2, c->gcrst.a[i].k, "table 0x%llx is twice on crst_list",
			       (unsigned long long)c->gcrst.a[i].k);
	if (c->gcrst.oom)
		return;
	walk_gmap(c, gmap->table, DAT_LEVEL_R1TE, 0);
	for (size_t i = 0; i < c->gcrst.n; i++)
		if (!(c->gcrst.a[i].v & 0x100))
			report(c, 2, c->gcrst.a[i].k,
			       "crst_list table 0x%llx is not reachable from the gmap table (leak)",
			       (unsigned long long)c->gcrst.a[i].k);
}

/* Invariant 5: {rmap.entry} and {linked STE} are the same set, no duplicates. */
static void check_rmaps(struct ctx *c)
{
	size_t j = 0;

	kvec_sort(&c->linked, c->sc);
	kvec_sort(&c->rmaps, c->sc);
	/* Both sorted by STE address: one merge pass instead of a search per element. */
	for (size_t i = 0; i < c->rmaps.n; i++) {
		const struct kv *r = &c->rmaps.a[i];

		if (i > 0 && c->rmaps.a[i - 1].k == r->k) {
			report(c, 5, r->k, "STE 0x%llx has two rmaps", (unsigned long long)r->k);
			continue;
		}
		for (; j < c->linked.n && c->linked.a[j].k < r->k; j++)
			report(c, 5, c->linked.a[j].k, "linked STE 0x%llx (-> 0x%llx) has no rmap",
			       (unsigned long long)c->linked.a[j].k,
			       (unsigned long long)c->linked.a[j].v);
		if (j == c->linked.n || c->linked.a[j].k != r->k)
			report(c, 5, r->k,
			       "rmap of page table 0x%llx names 0x%llx, not a linked STE of a gmap of the mm",
			       (unsigned long long)r->v, (unsigned long long)r->k);
		else if (c->linked.a[j].v != r->v)
			report(c, 5, r->k, "rmap on page table 0x%llx, but STE 0x%llx links 0x%llx",
			       (unsigned long long)r->v, (unsigned long long)r->k,
			       (unsigned long long)c->linked.a[j].v);
		/* the same STE twice in linked is a table reached twice, reported there */
		while (j < c->linked.n && c->linked.a[j].k == r->k)
			j++;
	}
	for (; j < c->linked.n; j++)
		if (j == 0 || c->linked.a[j - 1].k != c->linked.a[j].k)
			report(c, 5, c->linked.a[j].k, "linked STE 0x%llx (-> 0x%llx) has no rmap",
			       (unsigned long long)c->linked.a[j].k,
			       (unsigned long long)c->linked.a[j].v);
}

static void check_mm(struct ctx *c, struct mm_struct *mm)
{
	struct gmap *gmap;
	size_t crst_from;

	c->mm = mm;
	c->ptables.n = c->linked.n = c->rmaps.n = 0;
	c->mm_crst = c->mm_pt = 0;
	crst_from = c->crst_all.n;
	check_mm_tables(c);
	check_mm_ownership(c, crst_from);
	LIST_FOREACH(gmap, &mm->context.gmap_list, list) {
		if (!mm->context.has_pgste)
			report(c, 1, gmap->table, "gmap 0x%llx on an mm without pgstes",
			       (unsigned long long)gmap->table);
		check_gmap(c, gmap);
	}
	if (!LIST_EMPTY(&mm->context.gmap_list) && mm->unmap_notifier != gmap_unmap_notifier)
		report(c, 6, mm->pgd, "mm has gmaps but its unmap notifier is not gmap_unmap_notifier");
	check_rmaps(c);
}

static void scratch_free(void *p)
{
	struct scratch *sc = p;

	for (unsigned i = 0; i < 5; i++)
		free(sc->v[i].a);
	free(sc->tmp);
	free(sc);
}

static int check(struct gm_machine *m, struct check_report *rep, bool full)
{
	struct ctx c;
	struct mm_struct *mm;

	if (!m || !rep)
		return -EINVAL;
	if (!rep->cap)
		rep->cap = 64;
	if (!rep->v) {
		rep->v = calloc(rep->cap, sizeof(*rep->v));
		if (!rep->v)
			return -ENOMEM;
	}
	rep->n = 0;
	rep->truncated = false;

	if (!m->check_scratch) {
		m->check_scratch = calloc(1, sizeof(struct scratch));
		if (!m->check_scratch)
			return -ENOMEM;
		m->check_scratch_free = scratch_free;
	}
	memset(&c, 0, sizeof(c));
	c.sc = m->check_scratch;
	c.sc->oom = false;
	c.crst_all = c.sc->v[0];
	c.ptables = c.sc->v[1];
	c.linked = c.sc->v[2];
	c.rmaps = c.sc->v[3];
	c.gcrst = c.sc->v[4];
	c.crst_all.n = c.ptables.n = c.linked.n = c.rmaps.n = c.gcrst.n = 0;
	c.crst_all.oom = c.ptables.oom = c.linked.oom = c.rmaps.oom = c.gcrst.oom = false;
	c.full = full;
	c.m = m;
	c.st = m->st;
	c.rep = rep;
	cpu_dat_env(machine_current_cpu(m), &c.env);
	c.env.as = 0;

	TAILQ_FOREACH(mm, &m->mms, machine_link)
		check_mm(&c, mm);

	/* No crst table belongs to two owners. */
	kvec_sort(&c.crst_all, c.sc);
	for (size_t i = 1; i < c.crst_all.n; i++)
		if (c.crst_all.a[i].k == c.crst_all.a[i - 1].k)
			report(&c, CHECK_INV_STORAGE, c.crst_all.a[i].k,
			       "crst table 0x%llx is used twice (by two mms/gmaps or twice in one)",
			       (unsigned long long)c.crst_all.a[i].k);

	/* Invariant 14: every lowcore gmap field names a live gmap. */
	for (unsigned i = 0; i < m->ncpus; i++) {
		uint64_t h = 0;

		if (cpu_lowcore_load(&m->cpus[i], CHECK_LC_GMAP, 8, &h) < 0 || h == 0)
			continue;
		if (!gmap_from_handle(m, h))
			report(&c, 14, h, "CPU %u lowcore gmap field 0x%llx names no live gmap", i,
			       (unsigned long long)h);
	}

	check_shadows(m, rep); /* lib/check-shadow.c */

	if (machine_tlb_enabled(m) && tlb_stale_count(m) > 0)
		report(&c, CHECK_INV_TLB, 0, "%llu stale TLB hits were detected",
		       (unsigned long long)tlb_stale_count(m));

	bool oom = c.crst_all.oom || c.ptables.oom || c.linked.oom || c.rmaps.oom || c.gcrst.oom ||
		   c.sc->oom;
	/* the buffers stay for the next check */
	c.sc->v[0] = c.crst_all;
	c.sc->v[1] = c.ptables;
	c.sc->v[2] = c.linked;
	c.sc->v[3] = c.rmaps;
	c.sc->v[4] = c.gcrst;
	if (oom)
		return -ENOMEM;
	return (int)rep->n;
}

int check_machine(struct gm_machine *m, struct check_report *rep)
{
	return check(m, rep, false);
}

int check_machine_full(struct gm_machine *m, struct check_report *rep)
{
	return check(m, rep, true);
}

void check_report_free(struct check_report *rep)
{
	if (!rep)
		return;
	free(rep->v);
	rep->v = NULL;
	rep->n = 0;
	rep->truncated = false;
}

const char *check_inv_name(unsigned inv)
{
	switch (inv) {
	case 1: return "gmap top level";
	case 2: return "gmap region entries and crst_list";
	case 3: return "guest STE states";
	case 4: return "link consistency";
	case 5: return "rmap exactness";
	case 6: return "page-table free";
	case 7: return "fault results";
	case 8: return "translation stability";
	case 9: return "map/unmap";
	case 10: return "gmap_free";
	case 11: return "pgste table shape";
	case 12: return "TLB policy";
	case 13: return "sharing";
	case 14: return "enable/disable";
	case CHECK_INV_MM_TABLES: return "process tables";
	case CHECK_INV_STORAGE: return "frame descriptors";
	case CHECK_INV_TLB: return "stale TLB entries";
	case CHECK_INV_SHADOW_PROT: return "shadow entry states and source protection";
	case CHECK_INV_SHADOW_RMAP: return "shadow rmaps";
	case CHECK_INV_SHADOW_STALE: return "stale shadow entries";
	case CHECK_INV_SHADOW_LIST: return "shadow lists and refcounts";
	default: return "unknown invariant";
	}
}
