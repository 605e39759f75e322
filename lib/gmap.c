/* SPDX-License-Identifier: MIT */
/*
 * gmap — the guest address space of the seed commit e5992f2e6c38
 * ("[S390] kvm guest address space mapping", Linux v3.1,
 * arch/s390/mm/pgtable.c).  The gmap owns a region-first table and the
 * region/segment tables below it; its segment entries link the page tables
 * of the process (mm) itself, and each such page table carries the reverse
 * maps (gmap_pgtable.mapper) of the guest entries that link it.
 *
 * Departures from 2011, both documented in docs/gmap.md:
 *  - gmap_unmap_segment() processes the whole range (2011 stopped at the
 *    first invalid region entry);
 *  - gmap_map_segment() allocates every missing table of the range before
 *    it writes a single segment entry, so -ENOMEM rolls back to exactly the
 *    previous state (2011 unmapped the whole requested range instead).
 *
 * Layer gmap (docs/layers.txt): owns the guest address spaces; calls
 * everything up to mm, never check, dump or script.
 */
#include "export.h"

#include <errno.h>
#include <string.h>

#include "gmap/gmap.h"
#include "gmap/lowcore.h"
#include "gmap/skey.h"
#include "gmap/tlb.h"
#include "gmap-internal.h"
#include "machine-internal.h"
#include "mm-internal.h"
#include "storage-internal.h"

/* Lowcore fields of the 3.1 64-bit layout (dat-reference §8.2). */
#ifdef LC_GMAP
#define GMAP_LC_GMAP LC_GMAP
#else
#define GMAP_LC_GMAP 0x370u
#endif
#ifdef LC_USER_ASCE
#define GMAP_LC_USER_ASCE LC_USER_ASCE
#else
#define GMAP_LC_USER_ASCE 0x318u
#endif

#define CRST_BYTES (PTRS_PER_CRST * 8ULL)

/* Faults resolved per page of a gmap_sie_access() before giving up. */
#define SIE_RETRIES 4

/* ---- small helpers ---------------------------------------------------- */

/* A live gmap: not NULL, not freed (docs/design.md, "Handles after destruction"). */
static bool gmap_live(const struct gmap *gmap)
{
	return gmap && gmap->magic == GMAP_MAGIC;
}

static struct gm_storage *gmap_st(const struct gmap *gmap)
{
	return gmap->mm->machine->st;
}

static const char *gmap_level_what(unsigned level)
{
	switch (level) {
	case DAT_LEVEL_R1TE:
		return "gmap r1te";
	case DAT_LEVEL_R2TE:
		return "gmap r2te";
	case DAT_LEVEL_R3TE:
		return "gmap r3te";
	default:
		return "gmap ste";
	}
}

static const char *gmap_table_what(unsigned level)
{
	switch (level) {
	case DAT_LEVEL_R1TE:
		return "gmap r1t";
	case DAT_LEVEL_R2TE:
		return "gmap r2t";
	case DAT_LEVEL_R3TE:
		return "gmap r3t";
	default:
		return "gmap sgt";
	}
}

/* Start of the next @level-sized block after @gaddr; 0 when it wraps past 2^64. */
static uint64_t gmap_next_block(uint64_t gaddr, unsigned level)
{
	uint64_t size = 1ULL << dat_level_shift(level);

	return (gaddr & ~(size - 1)) + size;
}

static uint64_t gmap_entry_index(uint64_t gaddr, unsigned level)
{
	return (gaddr >> dat_level_shift(level)) & DAT_CRST_INDEX_MASK;
}

/* An entry load; an entry outside storage (a corrupted origin) reads as invalid. */
static uint64_t gmap_ld(const struct gm_storage *st, uint64_t aaddr)
{
	uint64_t v;

	return storage_ld8_chk(st, aaddr, &v) ? v : _REGION_ENTRY_INVALID;
}

/* Store an entry the gmap owns and report it (never outside storage). */
static void gmap_store_entry(struct gm_machine *m, uint64_t aaddr, uint64_t val, const char *what)
{
	if (!storage_in_range(m->st, aaddr, 8))
		return;
	if (m->hook) {
		uint64_t old = storage_ld8_fast(m->st, aaddr);

		storage_st8_fast(m->st, aaddr, val);
		machine_emit(m, GM_EV_ENTRY_STORE, aaddr, old, val, what);
		return;
	}
	storage_st8_fast(m->st, aaddr, val);
}

/*
 * Walk the gmap's region tables for @gaddr without allocating.  Return the
 * absolute address of the segment-table entry, or 0 with @lvl set to the
 * level of the first invalid region entry.
 */
static uint64_t gmap_walk(const struct gmap *gmap, uint64_t gaddr, unsigned *lvl)
{
	const struct gm_storage *st = gmap_st(gmap);
	uint64_t table = gmap->table;

	for (unsigned level = DAT_LEVEL_R1TE; level > DAT_LEVEL_STE; level--) {
		uint64_t e = gmap_ld(st, table + gmap_entry_index(gaddr, level) * 8);

		if (e & _REGION_ENTRY_INVALID) {
			if (lvl)
				*lvl = level;
			return 0;
		}
		table = e & _REGION_ENTRY_ORIGIN;
	}
	return table + DAT_SX(gaddr) * 8;
}

enum gmap_ste_state gmap_ste_state(uint64_t ste)
{
	if (ste == GMAP_STE_EMPTY)
		return GMAP_STE_STATE_EMPTY;
	/* MAPPED: I and P set, the rest a 1 MB aligned process address. */
	if ((ste & ~PMD_MASK) == GMAP_STE_MAPPED_BITS)
		return GMAP_STE_STATE_MAPPED;
	/* LINKED: a 4 KB page-table origin with every control bit zero. */
	if ((ste & ~PAGE_MASK) == 0 && ste != 0)
		return GMAP_STE_STATE_LINKED;
	return GMAP_STE_STATE_BAD;
}

/* ---- allocation and release of crst tables ---------------------------- */

/*
 * A new crst table whose entries are of @level, linked into @entry (a
 * region entry of level @level + 1, or 0 for the top table).  The frame
 * descriptor records the parent entry in ->index (so a failed
 * gmap_map_segment() can undo the link) and the gmap in ->priv.
 */
static int gmap_alloc_table(struct gmap *gmap, unsigned level, uint64_t entry, uint64_t *out)
{
	struct gm_machine *m = gmap->mm->machine;
	struct gm_storage *st = m->st;
	struct gmap_crst *crst;
	struct storage_page *pg;
	uint64_t table;

	crst = storage_host_zalloc(st, sizeof(*crst));
	if (!crst)
		return -ENOMEM;
	if (storage_alloc(st, STORAGE_CRST, &table) < 0) {
		storage_host_free(st, crst, sizeof(*crst));
		return -ENOMEM;
	}
	storage_table_fill(st, table, dat_crst_empty(level), PTRS_PER_CRST);
	pg = storage_page(st, table);
	pg->index = entry;
	pg->priv = gmap;
	crst->table = table;
	crst->level = (uint8_t)level;
	LIST_INSERT_HEAD(&gmap->crst_list, crst, list);
	gmap->nr_crst++;
	machine_emit(m, GM_EV_TABLE_ALLOC, table, STORAGE_CRST, level, gmap_table_what(level));
	if (entry)
		gmap_store_entry(m, entry, table | (dat_level_tt(level + 1) | _REGION_ENTRY_LENGTH),
				 gmap_level_what(level + 1));
	if (out)
		*out = table;
	return 0;
}

static void gmap_release_table(struct gmap *gmap, struct gmap_crst *crst)
{
	struct gm_machine *m = gmap->mm->machine;
	struct storage_page *pg = storage_page(m->st, crst->table);

	if (pg) {
		pg->index = 0;
		pg->priv = NULL;
	}
	LIST_REMOVE(crst, list);
	gmap->nr_crst--;
	storage_free(m->st, crst->table);
	machine_emit(m, GM_EV_TABLE_FREE, crst->table, STORAGE_CRST, crst->level,
		     gmap_table_what(crst->level));
	storage_host_free(m->st, crst, sizeof(*crst));
}

/* ---- alloc / free / enable / disable ---------------------------------- */

struct gmap *gmap_alloc(struct mm_struct *mm)
{
	struct gm_storage *st;
	struct gmap *gmap;

	/* The kernel does not check; links need gmap_pgtables (MM_PGSTE). */
	if (!mm_live(mm) || !mm->machine || !mm->context.has_pgste)
		return NULL;
	st = mm->machine->st;
	gmap = storage_host_zalloc(st, sizeof(*gmap));
	if (!gmap)
		return NULL;
	gmap->magic = GMAP_MAGIC;
	gmap->mm = mm;
	LIST_INIT(&gmap->crst_list);
	if (gmap_alloc_table(gmap, DAT_LEVEL_R1TE, 0, &gmap->table) < 0) {
		storage_host_free(st, gmap, sizeof(*gmap));
		return NULL;
	}
	gmap->asce = gmap->table | GMAP_ASCE_BITS;
	LIST_INSERT_HEAD(&mm->context.gmap_list, gmap, list);
	mm->unmap_notifier = gmap_unmap_notifier;
	return gmap;
}

void gmap_flush_tlb(struct gmap *gmap)
{
	struct gm_machine *m;

	if (!gmap_live(gmap))
		return;
	m = gmap->mm->machine;
	/* 2011: IDTE clearing by the gmap's ASCE when MACHINE_HAS_IDTE, else CSP. */
	if (machine_has_facility(m, GM_FAC_IDTE))
		tlb_idte_clear_asce(machine_current_cpu(m), gmap->asce, false);
	else
		tlb_purge_all(m);
}

/*
 * gmap_unlink_segment() of the seed: a linked STE loses its rmap and goes
 * back to MAPPED with the page table's process address.  Return: 1 if the
 * STE was linked (the caller flushes), 0 otherwise.
 */
static int gmap_unlink_segment(struct gmap *gmap, uint64_t ste_addr)
{
	struct gm_machine *m = gmap->mm->machine;
	uint64_t ste = gmap_ld(m->st, ste_addr);
	struct gmap_pgtable *mp;
	struct gmap_rmap *rmap;

	if (ste & _SEGMENT_ENTRY_INVALID)
		return 0;
	mp = mm_pgtable(gmap->mm, ste & _SEGMENT_ENTRY_ORIGIN);
	if (!mp) {
		/* Not a page table of the mm: only a corrupted entry gets here. */
		gmap_store_entry(m, ste_addr, GMAP_STE_EMPTY, "gmap ste");
		return 1;
	}
	LIST_FOREACH(rmap, &mp->mapper, list) {
		if (rmap->entry == ste_addr) {
			LIST_REMOVE(rmap, list);
			mp->nr_mappers--;
			storage_host_free(m->st, rmap, sizeof(*rmap));
			break;
		}
	}
	gmap_store_entry(m, ste_addr, GMAP_STE_MAPPED_BITS | mp->vmaddr, "gmap ste");
	return 1;
}

void gmap_free(struct gmap *gmap)
{
	struct gm_machine *m;
	struct mm_struct *mm;
	struct gmap_crst *crst;

	if (!gmap_live(gmap))
		return;
	mm = gmap->mm;
	m = mm->machine;
	/* Its shadows go first (Linux 4.8 gmap_remove()). */
	if (gmap->remove_children)
		gmap->remove_children(gmap);
	/* Flush first (the seed's order), then take the links down. */
	gmap_flush_tlb(gmap);
	LIST_FOREACH(crst, &gmap->crst_list, list) {
		uint64_t a = crst->table, end = crst->table + CRST_BYTES;

		if (crst->level != DAT_LEVEL_STE)
			continue;
		/* Only populated STEs can be linked (an EMPTY one is invalid). */
		for (; (a = storage_next_pop(m->st, a, end)) < end; a += 8)
			gmap_unlink_segment(gmap, a);
	}
	while ((crst = LIST_FIRST(&gmap->crst_list)) != NULL)
		gmap_release_table(gmap, crst);
	LIST_REMOVE(gmap, list);
	/* The handle must not outlive the gmap (kvm_arch_vcpu_put ran before). */
	for (unsigned i = 0; i < m->ncpus; i++) {
		uint64_t h = 0;

		if (cpu_lowcore_load(&m->cpus[i], GMAP_LC_GMAP, 8, &h) == 0 && h == gmap->table)
			cpu_lowcore_store(&m->cpus[i], GMAP_LC_GMAP, 8, 0);
	}
	if (LIST_EMPTY(&mm->context.gmap_list) && mm->unmap_notifier == gmap_unmap_notifier)
		mm->unmap_notifier = NULL;
	gmap->magic = GMAP_MAGIC_DEAD;
	machine_quarantine(m, gmap, sizeof(*gmap));
}

void gmap_enable(struct gmap *gmap)
{
	if (!gmap_live(gmap))
		return;
	cpu_lowcore_store(machine_current_cpu(gmap->mm->machine), GMAP_LC_GMAP, 8, gmap->table);
}

void gmap_disable(struct gmap *gmap)
{
	if (!gmap_live(gmap))
		return;
	cpu_lowcore_store(machine_current_cpu(gmap->mm->machine), GMAP_LC_GMAP, 8, 0);
}

struct gmap *gmap_from_handle(struct gm_machine *m, uint64_t handle)
{
	struct mm_struct *mm;
	struct gmap *gmap;

	if (!m || !handle)
		return NULL;
	TAILQ_FOREACH(mm, &m->mms, machine_link) {
		LIST_FOREACH(gmap, &mm->context.gmap_list, list) {
			if (gmap->table == handle)
				return gmap;
		}
	}
	return NULL;
}

/* ---- map / unmap ------------------------------------------------------ */

/* Undo the @n tables gmap_map_segment() created (the newest, at the head). */
static void gmap_rollback_tables(struct gmap *gmap, unsigned long n)
{
	struct gm_machine *m = gmap->mm->machine;

	while (n--) {
		struct gmap_crst *crst = LIST_FIRST(&gmap->crst_list);
		uint64_t parent = storage_page(m->st, crst->table)->index;

		gmap_store_entry(m, parent, dat_crst_empty(crst->level + 1u),
				 gmap_level_what(crst->level + 1u));
		gmap_release_table(gmap, crst);
	}
}

/* Make sure the tables down to the segment table for @gaddr exist; count new ones. */
static int gmap_prepare_tables(struct gmap *gmap, uint64_t gaddr, unsigned long *nr_new,
			       uint64_t *sgt)
{
	const struct gm_storage *st = gmap_st(gmap);
	uint64_t table = gmap->table;

	for (unsigned level = DAT_LEVEL_R1TE; level > DAT_LEVEL_STE; level--) {
		uint64_t entry = table + gmap_entry_index(gaddr, level) * 8;
		uint64_t e = gmap_ld(st, entry);

		if (e & _REGION_ENTRY_INVALID) {
			if (gmap_alloc_table(gmap, level - 1, entry, &table) < 0)
				return -ENOMEM;
			(*nr_new)++;
		} else {
			table = e & _REGION_ENTRY_ORIGIN;
		}
	}
	*sgt = table;
	return 0;
}

int gmap_map_segment(struct gmap *gmap, unsigned long from, unsigned long to, unsigned long len)
{
	struct gm_machine *m;
	unsigned long nr_new = 0;
	uint64_t gaddr, end, sgt;
	int flush = 0;

	if (!gmap_live(gmap))
		return -EINVAL;
	if ((from | to | len) & (PMD_SIZE - 1))
		return -EINVAL;
	if (len == 0 || from + len > PGDIR_SIZE || from + len < from || to + len < to)
		return -EINVAL;
	m = gmap->mm->machine;
	end = to + len;

	/* Pass 1: every table the range needs, one walk per 2 GB region-third entry. */
	for (gaddr = to; gaddr < end && gaddr >= to; gaddr = gmap_next_block(gaddr, DAT_LEVEL_R3TE)) {
		if (gmap_prepare_tables(gmap, gaddr, &nr_new, &sgt) < 0) {
			gmap_rollback_tables(gmap, nr_new);
			return -ENOMEM;
		}
		if (gmap_next_block(gaddr, DAT_LEVEL_R3TE) == 0)
			break;
	}

	/* Pass 2: cannot fail; every STE of the range becomes MAPPED. */
	for (gaddr = to; gaddr < end && gaddr >= to;) {
		uint64_t stop = gmap_next_block(gaddr, DAT_LEVEL_R3TE);

		if (stop == 0 || stop > end)
			stop = end;
		sgt = gmap_walk(gmap, gaddr, NULL) - DAT_SX(gaddr) * 8;
		for (; gaddr < stop; gaddr += PMD_SIZE) {
			uint64_t ste_addr = sgt + DAT_SX(gaddr) * 8;

			flush |= gmap_unlink_segment(gmap, ste_addr);
			gmap_store_entry(m, ste_addr, GMAP_STE_MAPPED_BITS | (from + (gaddr - to)),
					 "gmap ste");
		}
		if (stop == end)
			break;
	}
	if (flush)
		gmap_flush_tlb(gmap);
	return 0;
}

/*
 * Unmap every STE of [first, last] below @table (entries of @level): visits
 * the populated entries only (storage_next_pop()), so the cost follows the
 * valid entries of the range, not its length or the table sizes.  Return:
 * 1 if a linked STE was unlinked (the caller flushes).
 */
static int gmap_unmap_range(struct gmap *gmap, uint64_t table, unsigned level, uint64_t first,
			    uint64_t last)
{
	struct gm_machine *m = gmap->mm->machine;
	unsigned shift = dat_level_shift(level);
	uint64_t span_mask = (1ULL << shift) - 1;
	uint64_t i0 = gmap_entry_index(first, level);
	uint64_t entry = table + i0 * 8, end = table + gmap_entry_index(last, level) * 8 + 8;
	int flush = 0;

	while ((entry = storage_next_pop(m->st, entry, end)) < end) {
		uint64_t i = (entry - table) / 8;
		uint64_t a = i == i0 ? first : (first & ~span_mask) + ((i - i0) << shift);
		uint64_t elast = (a | span_mask) > last ? last : (a | span_mask);

		if (level == DAT_LEVEL_STE) {
			uint64_t ste = gmap_ld(m->st, entry);

			if (!(ste & _SEGMENT_ENTRY_INVALID)) {
				flush |= gmap_unlink_segment(gmap, entry);
				ste = gmap_ld(m->st, entry);
			}
			if (ste != GMAP_STE_EMPTY)
				gmap_store_entry(m, entry, GMAP_STE_EMPTY, "gmap ste");
		} else {
			uint64_t e = gmap_ld(m->st, entry);

			/* 2011 stopped at the first invalid region entry; the range goes on. */
			if (!(e & _REGION_ENTRY_INVALID))
				flush |= gmap_unmap_range(gmap, e & _REGION_ENTRY_ORIGIN, level - 1, a,
							  elast);
		}
		entry += 8;
	}
	return flush;
}

int gmap_unmap_segment(struct gmap *gmap, unsigned long to, unsigned long len)
{
	if (!gmap_live(gmap))
		return -EINVAL;
	if (((to | len) & (PMD_SIZE - 1)) || len == 0 || to + len < to)
		return -EINVAL;
	if (gmap_unmap_range(gmap, gmap->table, DAT_LEVEL_R1TE, to, to + len - 1))
		gmap_flush_tlb(gmap);
	return 0;
}

/* ---- faults and the notifier ------------------------------------------ */

static unsigned long gmap_fault_result(struct gm_machine *m, unsigned long gaddr,
				       unsigned long res)
{
	machine_emit(m, GM_EV_FAULT, gaddr, res, GM_FAULT_GMAP, "gmap fault");
	return res;
}

unsigned long gmap_fault(unsigned long address, struct gmap *gmap)
{
	struct gm_machine *m;
	struct mm_struct *mm;
	struct vm_area_struct *vma;
	struct gmap_pgtable *mp;
	struct gmap_rmap *rmap;
	uint64_t ste_addr, ste, vmaddr, pto;
	int rc;

	if (!gmap_live(gmap))
		return (unsigned long)-EFAULT;
	mm = gmap->mm;
	m = mm->machine;
	cpu_set_gmap_addr(machine_current_cpu(m), address);

	ste_addr = gmap_walk(gmap, address, NULL);
	if (!ste_addr)
		return gmap_fault_result(m, address, (unsigned long)-EFAULT);
	ste = gmap_ld(m->st, ste_addr);

	if (!(ste & _SEGMENT_ENTRY_INVALID)) {
		/* LINKED: the page table's metadata knows the process address. */
		mp = mm_pgtable(mm, ste & _SEGMENT_ENTRY_ORIGIN);
		if (!mp)
			return gmap_fault_result(m, address, (unsigned long)-EFAULT);
		return gmap_fault_result(m, address, mp->vmaddr | (address & ~PMD_MASK));
	}
	if (!(ste & _SEGMENT_ENTRY_RO))
		return gmap_fault_result(m, address, (unsigned long)-EFAULT); /* EMPTY */

	/* MAPPED: the target must lie in a VMA (find_vma + vm_start check). */
	vmaddr = ste & _SEGMENT_ENTRY_ORIGIN;
	vma = mm_find_vma(mm, vmaddr);
	if (!vma || vma->vm_start > vmaddr)
		return gmap_fault_result(m, address, (unsigned long)-EFAULT);

	/*
	 * The kernel allocates the process tables first and the rmap last; a
	 * failed rmap allocation then leaves the new process tables in place,
	 * which is consistent (they are the process's own).  Allocating the
	 * rmap first makes -ENOMEM leave everything exactly as it was.
	 */
	rmap = storage_host_zalloc(m->st, sizeof(*rmap));
	if (!rmap)
		return gmap_fault_result(m, address, (unsigned long)-ENOMEM);
	rc = mm_pte_table(mm, vmaddr, true, &pto);
	if (rc < 0 || !(mp = mm_pgtable(mm, pto))) {
		storage_host_free(m->st, rmap, sizeof(*rmap));
		return gmap_fault_result(m, address,
					 (unsigned long)(rc == -ENOMEM ? -ENOMEM : -EFAULT));
	}
	rmap->entry = ste_addr;
	LIST_INSERT_HEAD(&mp->mapper, rmap, list);
	mp->nr_mappers++;
	gmap_store_entry(m, ste_addr, pto & PAGE_MASK, "gmap ste");
	return gmap_fault_result(m, address, vmaddr | (address & ~PMD_MASK));
}

void gmap_unmap_notifier(struct mm_struct *mm, uint64_t table)
{
	struct gmap_pgtable *mp;
	struct gmap_rmap *rmap;
	struct gm_machine *m;
	int flush = 0;

	if (!mm_live(mm))
		return;
	mp = mm_pgtable(mm, table);
	if (!mp)
		return;
	m = mm->machine;
	/*
	 * Every linking STE falls back to MAPPED with the same target.  An rmap
	 * whose entry a raw store changed no longer names a linking STE (its
	 * table may even be freed and reused): it is dropped without a store.
	 */
	while ((rmap = LIST_FIRST(&mp->mapper)) != NULL) {
		if (storage_in_range(m->st, rmap->entry, 8) &&
		    storage_kind_at(m->st, rmap->entry) == STORAGE_CRST &&
		    storage_ld8_fast(m->st, rmap->entry) == (table & PAGE_MASK))
			gmap_store_entry(m, rmap->entry, GMAP_STE_MAPPED_BITS | mp->vmaddr,
					 "gmap ste");
		LIST_REMOVE(rmap, list);
		mp->nr_mappers--;
		storage_host_free(m->st, rmap, sizeof(*rmap));
		flush = 1;
	}
	/* Several gmaps may be concerned: a global purge (__tlb_flush_global). */
	if (flush)
		tlb_purge_all(m);
}

/* ---- the SIE-style guest access --------------------------------------- */

/*
 * Translate @gaddr through the gmap ASCE in CR1, resolving faults the way
 * do_exception() does under SIE: gmap_fault() gives the process address,
 * then handle_mm_fault() (mm_fault) runs at it.  Return: 0 and @res, a PIC,
 * or a negative errno.
 */
static int gmap_sie_resolve(struct gm_cpu *cpu, struct gmap *gmap, uint64_t gaddr, bool write,
			    struct dat_result *res)
{
	enum dat_access acc = write ? DAT_STORE : DAT_FETCH;
	int pic = 0;

	for (unsigned attempt = 0; attempt <= SIE_RETRIES; attempt++) {
		unsigned long vmaddr;
		int rc;

		pic = cpu_translate(cpu, gaddr, acc, res);
		if (pic <= 0)
			return pic;
		if (attempt == SIE_RETRIES)
			break;
		switch (pic) {
		case PGM_SEGMENT_TRANSLATION:
		case PGM_PAGE_TRANSLATION:
		case PGM_REG_FIRST_TRANS:
		case PGM_REG_SEC_TRANS:
		case PGM_REG_THIRD_TRANS:
		case PGM_PROTECTION:
			break;
		default:
			return pic; /* not a fault the host resolves */
		}
		if (pic == PGM_PROTECTION && !write)
			return pic;
		vmaddr = gmap_fault(gaddr, gmap);
		if (vmaddr == (unsigned long)-ENOMEM)
			return -ENOMEM;
		if (vmaddr == (unsigned long)-EFAULT)
			return pic;
		rc = mm_fault(gmap->mm, vmaddr, write ? MM_FAULT_WRITE : 0);
		if (rc == -ENOMEM)
			return -ENOMEM;
		if (rc < 0)
			return pic;
	}
	return pic;
}

static int gmap_sie_resolve_cb(struct gm_cpu *cpu, void *ctx, uint64_t addr, bool write,
			       struct dat_result *res)
{
	return gmap_sie_resolve(cpu, ctx, addr, write, res);
}

struct gm_psw gmap_sie_enter(struct gm_cpu *cpu, uint64_t asce)
{
	struct gm_psw saved = cpu_get_psw(cpu), psw = saved;

	psw.mask = (psw.mask & ~(PSW_MASK_ASC | PSW_MASK_PSTATE)) | PSW_MASK_DAT | PSW_MASK_64 |
		   PSW_ASC_PRIMARY;
	cpu_set_psw(cpu, psw);
	(void)cpu_set_cr(cpu, CR_PRIMARY_ASCE, asce);
	return saved;
}

/* One page's bytes between @buf and the frame at @aaddr; the access sets R (and C). */
static int gmap_sie_copy_page(struct gm_machine *m, uint64_t aaddr, void *buf, size_t len,
			      bool write)
{
	int rc = write ? storage_write(m->st, aaddr, buf, len) : storage_read(m->st, aaddr, buf, len);

	if (rc < 0)
		return PGM_ADDRESSING;
	skey_record(m->skey, aaddr, len, write);
	return 0;
}

int gmap_sie_copy(struct gm_machine *m, struct gm_cpu *cpu, uint64_t addr, void *buf, size_t len,
		  bool write, gmap_sie_resolve_fn resolve, void *ctx, struct dat_result *res)
{
	struct dat_result r;
	int rc = 0;

	/* One page: nothing to be atomic about, copy at once. */
	if (len <= PAGE_SIZE - (addr & ~PAGE_MASK)) {
		rc = resolve(cpu, ctx, addr, write, &r);
		if (rc == 0)
			rc = gmap_sie_copy_page(m, r.aaddr, buf, len, write);
		if (rc > 0 && res)
			*res = r;
		return rc;
	}
	/*
	 * Resolve every page first so that a failing access stores nothing,
	 * then copy.  Resolutions only add mappings, so the second walk
	 * succeeds.
	 */
	for (int pass = 0; pass < 2 && rc == 0; pass++) {
		uint64_t a = addr;
		size_t done = 0;

		while (done < len) {
			size_t chunk = (size_t)(PAGE_SIZE - (a & ~PAGE_MASK));

			if (chunk > len - done)
				chunk = len - done;
			rc = resolve(cpu, ctx, a, write, &r);
			if (rc == 0 && pass == 1)
				rc = gmap_sie_copy_page(m, r.aaddr, (uint8_t *)buf + done, chunk,
							write);
			if (rc != 0)
				break;
			done += chunk;
			a += chunk;
		}
	}
	if (rc > 0 && res)
		*res = r;
	return rc;
}

int gmap_sie_access(struct gm_machine *m, uint64_t gaddr, void *buf, size_t len, bool write,
		    struct dat_result *res)
{
	struct gm_cpu *cpu;
	struct gm_psw saved;
	struct gmap *gmap;
	uint64_t handle = 0, user_asce = 0;
	int rc = 0;

	if (!m || (!buf && len))
		return -EINVAL;
	cpu = machine_current_cpu(m);
	if (cpu_lowcore_load(cpu, GMAP_LC_GMAP, 8, &handle) < 0)
		return -EINVAL;
	gmap = gmap_from_handle(m, handle);
	if (!gmap_live(gmap))
		return -EINVAL;
	if (len && gaddr + (len - 1) < gaddr)
		return -EINVAL;

	saved = gmap_sie_enter(cpu, gmap->asce);
	if (len)
		rc = gmap_sie_copy(m, cpu, gaddr, buf, len, write, gmap_sie_resolve_cb, gmap, res);

	/* sie_exit: CR1 from the lowcore's user_asce, host PSW back. */
	cpu_lowcore_load(cpu, GMAP_LC_USER_ASCE, 8, &user_asce);
	cpu_set_cr(cpu, CR_PRIMARY_ASCE, user_asce);
	cpu_set_psw(cpu, saved);
	return rc;
}
