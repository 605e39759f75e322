/* SPDX-License-Identifier: MIT */
/*
 * mm — a simulated process address space, built the way Linux s390 v3.1
 * builds one (arch/s390/mm/pgtable.c, mm/memory.c, mm/mmap.c).
 *
 * Everything the hardware reads (crst tables, page tables, PGSTEs, data
 * frames) lives in simulated absolute storage; the VMAs and the
 * gmap_pgtable metadata are host objects charged to the storage
 * (storage_host_zalloc) so failure injection reaches them.
 *
 * Every operation that allocates does so before it changes anything
 * visible, or records what it linked in a small undo log and unlinks it
 * again on failure: an -ENOMEM leaves the mm exactly as it was.
 *
 * Every storage block the mm allocates (crst table, page table, data
 * frame) carries the mm as its owner in the frame descriptor (mm_own()).
 * Storage is the caller's to write: a raw store may cut a table off, or
 * point an entry at a block of someone else.  So the mm frees only blocks
 * it owns, and mm_destroy() frees what the tables no longer reach by
 * looking the owner up in the descriptors (only when the counters say
 * something was cut off; a healthy teardown costs what is populated).
 *
 * Simplifications against the kernel (documented in docs/):
 *  - region and segment tables of the process stay allocated until
 *    mm_destroy() (the kernel's free_pgtables also frees empty crst tables);
 *    page tables are freed as soon as no VMA covers their segment;
 *  - an anonymous read fault maps a fresh zeroed frame with the VMA's
 *    protection (no shared zero page, no copy-on-write);
 *  - the highest page of the 64-bit space (0xfffffffffffff000) cannot be
 *    mapped: a VMA end must be representable.
 *
 * Layer mm (docs/layers.txt): owns the process address space and the
 * machine's list of mms; calls storage, dat, machine, tlb and cpu, never
 * gmap (it reaches the gmaps only through mm->unmap_notifier).
 */
#include "export.h"

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "gmap/lowcore.h"
#include "gmap/mm.h"
#include "gmap/pgste.h"
#include "gmap/skey.h"
#include "gmap/storage.h"
#include "gmap/tlb.h"
#include "machine-internal.h"
#include "mm-internal.h"
#include "storage-internal.h"

/* Lowcore field user_asce (0x318, Linux v3.1 struct _lowcore, 64-bit). */
#define MM_LC_USER_ASCE LC_USER_ASCE

/* The lowest address a hinted mmap() uses when the hint is 0. */
#define MM_MMAP_MIN (1ULL << 20)
/* A failed entry load reads as invalid at every level (I = 0x20 / 0x400). */
#define MM_ENTRY_UNREADABLE (_REGION_ENTRY_INVALID | _PAGE_INVALID)
/* mm_read()/mm_write(): faults resolved per page before giving up. */
#define MM_ACCESS_RETRIES 4
#define MM_PROT_ALL (MM_PROT_READ | MM_PROT_WRITE | MM_PROT_EXEC)
/* The largest length that can still be rounded up to a page. */
#define MM_LEN_MAX (UINT64_MAX - PAGE_SIZE + 1)

_Static_assert(PTRS_PER_CRST * 8 == 16384, "a crst table is 16 KB");
_Static_assert(PTRS_PER_PTE * 8 == 2048, "a page table is 2 KB");

/* ---- VMA tree ----------------------------------------------------------- */

int mm_vma_cmp(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	return a->vm_start < b->vm_start ? -1 : a->vm_start > b->vm_start;
}

RB_GENERATE(mm_vma_tree, vm_area_struct, vm_rb, mm_vma_cmp)

static inline struct gm_storage *mm_st(const struct mm_struct *mm)
{
	return mm->machine->st;
}

/* find_vma(): the first VMA with vm_end > vmaddr. */
struct vm_area_struct *mm_find_vma(struct mm_struct *mm, uint64_t vmaddr)
{
	struct vm_area_struct *node, *best = NULL;

	if (!mm_live(mm))
		return NULL;
	node = RB_ROOT(&mm->mm_rb);
	while (node) {
		if (node->vm_end > vmaddr) {
			best = node;
			if (node->vm_start <= vmaddr)
				break;
			node = RB_LEFT(node, vm_rb);
		} else {
			node = RB_RIGHT(node, vm_rb);
		}
	}
	return best;
}

struct vm_area_struct *mm_vma_first(struct mm_struct *mm)
{
	return mm_live(mm) ? RB_MIN(mm_vma_tree, &mm->mm_rb) : NULL;
}

struct vm_area_struct *mm_vma_next(struct mm_struct *mm, struct vm_area_struct *vma)
{
	return vma && mm_live(mm) ? RB_NEXT(mm_vma_tree, &mm->mm_rb, vma) : NULL;
}

static struct vm_area_struct *vma_alloc(struct mm_struct *mm)
{
	return storage_host_zalloc(mm_st(mm), sizeof(struct vm_area_struct));
}

static void vma_free(struct mm_struct *mm, struct vm_area_struct *vma)
{
	storage_host_free(mm_st(mm), vma, sizeof(*vma));
}

static void vma_insert(struct mm_struct *mm, struct vm_area_struct *vma)
{
	RB_INSERT(mm_vma_tree, &mm->mm_rb, vma);
	mm->map_count++;
}

/*
 * Split @vma at @at (inside it): the preallocated @n takes [at, vm_end) with
 * the same protection and goes into the tree; @vma keeps [vm_start, at).
 */
static void vma_split(struct mm_struct *mm, struct vm_area_struct *vma, uint64_t at,
		      struct vm_area_struct *n)
{
	n->vm_start = at;
	n->vm_end = vma->vm_end;
	n->vm_prot = vma->vm_prot;
	vma->vm_end = at;
	vma_insert(mm, n);
}

static void vma_remove(struct mm_struct *mm, struct vm_area_struct *vma)
{
	RB_REMOVE(mm_vma_tree, &mm->mm_rb, vma);
	mm->map_count--;
	vma_free(mm, vma);
}

/* vma_merge(): join adjacent VMAs of equal protection around [start, end). */
static void vma_merge_range(struct mm_struct *mm, uint64_t start, uint64_t end)
{
	struct vm_area_struct *vma = mm_find_vma(mm, start ? start - 1 : 0);

	while (vma && vma->vm_start <= end) {
		struct vm_area_struct *next = mm_vma_next(mm, vma);

		if (next && vma->vm_end == next->vm_start && vma->vm_prot == next->vm_prot) {
			vma->vm_end = next->vm_end;
			vma_remove(mm, next);
			continue;
		}
		vma = next;
	}
}

/* True when [start, end) lies strictly inside one VMA: unmapping it splits. */
static bool vma_range_splits(struct mm_struct *mm, uint64_t start, uint64_t end)
{
	struct vm_area_struct *vma = mm_find_vma(mm, start);

	return vma && vma->vm_start < start && vma->vm_end > end;
}

/* ---- Table levels and entries ----------------------------------------- */

unsigned mm_top_level(const struct mm_struct *mm)
{
	switch (mm->asce_bits & _ASCE_TYPE_MASK) {
	case _ASCE_TYPE_REGION1:
		return DAT_LEVEL_R1TE;
	case _ASCE_TYPE_REGION2:
		return DAT_LEVEL_R2TE;
	case _ASCE_TYPE_REGION3:
		return DAT_LEVEL_R3TE;
	default:
		return DAT_LEVEL_STE;
	}
}

static uint64_t crst_index(uint64_t vmaddr, unsigned level)
{
	return (vmaddr >> dat_level_shift(level)) & DAT_CRST_INDEX_MASK;
}

static uint64_t mm_ld(const struct mm_struct *mm, uint64_t aaddr)
{
	uint64_t v;

	if (!storage_ld8_chk(mm_st(mm), aaddr, &v))
		return MM_ENTRY_UNREADABLE;
	return v;
}

/* Every store into a table the hardware may walk is reported. */
static void mm_store_entry(struct mm_struct *mm, uint64_t aaddr, uint64_t val, const char *what)
{
	uint64_t old = mm_ld(mm, aaddr);

	if (storage_store8(mm_st(mm), aaddr, val) == 0)
		machine_emit(mm->machine, GM_EV_ENTRY_STORE, aaddr, old, val, what);
}

static const char *level_table_name(unsigned level)
{
	switch (level) {
	case DAT_LEVEL_R1TE:
		return "mm r1t";
	case DAT_LEVEL_R2TE:
		return "mm r2t";
	case DAT_LEVEL_R3TE:
		return "mm r3t";
	default:
		return "mm sgt";
	}
}

/* ---- Ownership of storage blocks ----------------------------------------- */

/*
 * The owner tag lives in the frame descriptor, never in storage: ->index of
 * a frame, crst table or pgste page table (whose ->priv is its gmap_pgtable),
 * ->priv / ->priv2 of the lower / upper half of a 2 KB page-table frame
 * (two mms may share one frame).  storage_alloc() and storage_free() clear
 * them, so a tag never outlives its block.
 */
static void mm_own(struct mm_struct *mm, uint64_t aaddr, enum storage_kind kind)
{
	struct storage_page *pg = storage_page(mm_st(mm), aaddr);

	if (kind == STORAGE_PT_FRAG) {
		if (aaddr & 2048)
			pg->priv2 = mm;
		else
			pg->priv = mm;
	} else {
		pg->index = (uint64_t)(uintptr_t)mm;
	}
}

bool mm_owns(const struct mm_struct *mm, uint64_t aaddr, enum storage_kind kind)
{
	const struct gm_storage *st;
	const struct storage_page *pg;
	uint64_t align;

	if (!mm)
		return false;
	st = mm_st(mm);
	align = kind == STORAGE_CRST ? 4 * PAGE_SIZE : kind == STORAGE_PT_FRAG ? 2048 : PAGE_SIZE;
	if ((aaddr & (align - 1)) || storage_kind_at(st, aaddr) != kind)
		return false;
	pg = storage_page_const(st, aaddr);
	if (kind == STORAGE_PT_FRAG)
		return ((aaddr & 2048) ? pg->priv2 : pg->priv) == mm;
	return pg->head && pg->index == (uint64_t)(uintptr_t)mm;
}

void mm_for_each_owned(const struct mm_struct *mm,
		       void (*fn)(void *arg, uint64_t aaddr, enum storage_kind kind), void *arg)
{
	const struct gm_storage *st;

	if (!mm || !fn)
		return;
	st = mm_st(mm);
	/* Frames at or above the bump pointer were never handed out. */
	for (uint64_t f = 0; f < st->bump && f < st->nframes; f++) {
		const struct storage_page *pg = &st->pages[f];
		uint64_t a = f * PAGE_SIZE;

		switch (pg->kind) {
		case STORAGE_PT_FRAG:
			if ((pg->frag & 1) && pg->priv == mm)
				fn(arg, a, STORAGE_PT_FRAG);
			if ((pg->frag & 2) && pg->priv2 == mm)
				fn(arg, a + 2048, STORAGE_PT_FRAG);
			break;
		case STORAGE_FRAME:
		case STORAGE_PT_PGSTE:
		case STORAGE_CRST:
			if (pg->head && pg->index == (uint64_t)(uintptr_t)mm)
				fn(arg, a, (enum storage_kind)pg->kind);
			break;
		default:
			break;
		}
	}
}

/* crst_table_alloc(): a 16 KB table of 2048 entries, all EMPTY for @level. */
static int crst_table_alloc(struct mm_struct *mm, unsigned level, uint64_t *table)
{
	struct gm_storage *st = mm_st(mm);
	uint64_t t;

	if (storage_alloc(st, STORAGE_CRST, &t))
		return -ENOMEM;
	storage_table_fill(st, t, dat_crst_empty(level), PTRS_PER_CRST);
	mm_own(mm, t, STORAGE_CRST);
	mm->nr_crst++;
	machine_emit(mm->machine, GM_EV_TABLE_ALLOC, t, STORAGE_CRST, level, level_table_name(level));
	*table = t;
	return 0;
}

static void crst_table_free(struct mm_struct *mm, uint64_t table, unsigned level)
{
	if (!mm_owns(mm, table, STORAGE_CRST))
		return; /* an entry a raw store pointed elsewhere */
	machine_emit(mm->machine, GM_EV_TABLE_FREE, table, STORAGE_CRST, level, level_table_name(level));
	if (storage_free(mm_st(mm), table) == 0)
		mm->nr_crst--;
}

/* ---- Page tables (page_table_alloc / page_table_free, v3.1) ------------ */

static enum storage_kind pt_kind(const struct mm_struct *mm)
{
	return mm->context.has_pgste ? STORAGE_PT_PGSTE : STORAGE_PT_FRAG;
}

int page_table_alloc(struct mm_struct *mm, uint64_t vmaddr, uint64_t *table)
{
	struct gm_storage *st;
	struct gmap_pgtable *mp = NULL;
	uint64_t t;

	if (!mm_live(mm) || !table)
		return -EINVAL;
	st = mm_st(mm);
	if (mm->context.has_pgste) {
		/* page_table_alloc_pgste(): a whole 4 KB page plus its gmap_pgtable. */
		mp = storage_host_zalloc(st, sizeof(*mp));
		if (!mp)
			return -ENOMEM;
		if (mm->pt_ops ? mm->pt_ops->alloc(mm, vmaddr, &t) != 0
			       : storage_alloc(st, STORAGE_PT_PGSTE, &t) != 0) {
			storage_host_free(st, mp, sizeof(*mp));
			return -ENOMEM;
		}
		mp->vmaddr = vmaddr & PMD_MASK;
		LIST_INIT(&mp->mapper);
		mp->nr_mappers = 0;
		storage_page(st, t)->priv = mp;
		/* 256 PTEs empty; the 256 PGSTEs behind them stay 0 (the allocator
		 * zeroes); an embedder's allocator filled its table itself. */
		if (!mm->pt_ops)
			storage_table_fill(st, t, _PAGE_TYPE_EMPTY, PTRS_PER_PTE);
	} else {
		/* Two 2 KB tables share a 4 KB page (FRAG_MASK 0x03). */
		if (storage_alloc(st, STORAGE_PT_FRAG, &t))
			return -ENOMEM;
		storage_table_fill(st, t, _PAGE_TYPE_EMPTY, PTRS_PER_PTE);
	}
	mm_own(mm, t, pt_kind(mm));
	mm->nr_ptes++;
	machine_emit(mm->machine, GM_EV_TABLE_ALLOC, t, pt_kind(mm), DAT_LEVEL_PTE,
		     mp ? "mm pgste pt" : "mm pt");
	*table = t;
	return 0;
}

struct gmap_pgtable *mm_pgtable(struct mm_struct *mm, uint64_t table)
{
	struct gm_storage *st;
	struct storage_page *page;

	if (!mm_live(mm) || !mm->context.has_pgste || !mm_owns(mm, table, STORAGE_PT_PGSTE))
		return NULL;
	st = mm_st(mm);
	page = storage_page(st, table);
	return page ? page->priv : NULL;
}

/*
 * Give a pgste table up to an embedder's allocator (struct mm_pt_ops): the
 * same bookkeeping as pt_release(), the block left allocated and untagged.
 */
static void pt_disown(struct mm_struct *mm, uint64_t table)
{
	struct gm_storage *st = mm_st(mm);
	struct storage_page *page = storage_page(st, table);
	struct gmap_pgtable *mp = page->priv;
	struct gmap_rmap *rmap;

	if (mp) {
		while ((rmap = LIST_FIRST(&mp->mapper)) != NULL) {
			LIST_REMOVE(rmap, list);
			storage_host_free(st, rmap, sizeof(*rmap));
		}
		storage_host_free(st, mp, sizeof(*mp));
		page->priv = NULL;
	}
	page->index = 0;
	machine_emit(mm->machine, GM_EV_TABLE_FREE, table, STORAGE_PT_PGSTE, DAT_LEVEL_PTE,
		     "mm pgste pt");
	mm->nr_ptes--;
}

/*
 * Free a page table nobody else can know about (no notifier), with its
 * gmap_pgtable and any rmap left on it (only rmaps of guest entries a raw
 * store changed can be left: the notifier and gmap_free() take the others).
 */
static void pt_release(struct mm_struct *mm, uint64_t table)
{
	struct gm_storage *st = mm_st(mm);

	if (!mm_owns(mm, table, pt_kind(mm)))
		return;
	if (mm->pt_ops && mm->context.has_pgste) {
		pt_disown(mm, table);
		mm->pt_ops->free(mm, table);
		return;
	}
	if (mm->context.has_pgste) {
		struct storage_page *page = storage_page(st, table);
		struct gmap_pgtable *mp = page->priv;
		struct gmap_rmap *rmap;

		if (mp) {
			while ((rmap = LIST_FIRST(&mp->mapper)) != NULL) {
				LIST_REMOVE(rmap, list);
				storage_host_free(st, rmap, sizeof(*rmap));
			}
			storage_host_free(st, mp, sizeof(*mp));
			page->priv = NULL;
		}
	}
	machine_emit(mm->machine, GM_EV_TABLE_FREE, table, pt_kind(mm), DAT_LEVEL_PTE,
		     mm->context.has_pgste ? "mm pgste pt" : "mm pt");
	if (storage_free(st, table) == 0)
		mm->nr_ptes--;
}

void page_table_free(struct mm_struct *mm, uint64_t table)
{
	if (!mm_live(mm) || !mm_owns(mm, table, pt_kind(mm)))
		return;
	if (mm->context.has_pgste && mm->pt_ops) {
		struct gmap_pgtable *mp = mm_pgtable(mm, table);
		uint64_t vmaddr = mp ? mp->vmaddr : 0;

		/* the embedder's free (page_table_free_rcu / pte_free_tlb)
		 * unlinks the gmaps itself: no unmap_notifier */
		if (mp && !LIST_EMPTY(&mp->mapper))
			return;
		pt_disown(mm, table);
		mm->pt_ops->free_rcu(mm, table, vmaddr);
		return;
	}
	if (mm->context.has_pgste) {
		struct gmap_pgtable *mp;

		/* page_table_free_rcu(): the gmap layer unlinks its STEs first. */
		if (mm->unmap_notifier)
			mm->unmap_notifier(mm, table);
		mp = mm_pgtable(mm, table);
		/*
		 * page_table_free_pgste() BUG_ONs on a non-empty mapper.  A library
		 * never aborts: the table stays allocated (still referenced by a guest
		 * STE) and the checker reports the broken link.
		 */
		if (mp && !LIST_EMPTY(&mp->mapper))
			return;
	}
	pt_release(mm, table);
}

/* ---- Data frames -------------------------------------------------------- */

static int frame_alloc(struct mm_struct *mm, uint64_t *frame)
{
	if (storage_alloc(mm_st(mm), STORAGE_FRAME, frame))
		return -ENOMEM;
	mm_own(mm, *frame, STORAGE_FRAME);
	mm->rss++;
	machine_emit(mm->machine, GM_EV_FRAME_ALLOC, *frame, 0, 0, "mm frame");
	return 0;
}

static void frame_free(struct mm_struct *mm, uint64_t frame)
{
	if (!mm_owns(mm, frame, STORAGE_FRAME))
		return; /* a PTE a raw store pointed elsewhere */
	machine_emit(mm->machine, GM_EV_FRAME_FREE, frame, 0, 0, "mm frame");
	if (storage_free(mm_st(mm), frame) == 0)
		mm->rss--;
}

/* The PTE type bits for a present page of a VMA with @prot (v3.1 protection_map). */
static uint64_t pte_type(unsigned prot)
{
	if (prot & MM_PROT_WRITE)
		return _PAGE_TYPE_RW;
	if (prot & (MM_PROT_READ | MM_PROT_EXEC))
		return _PAGE_TYPE_RO;
	return _PAGE_TYPE_NONE;
}

/*
 * ptep_flush + set_pte: a valid PTE is invalidated with IPTE first (which
 * purges the TLBs of every CPU), then the new value is stored.  Every pte
 * store of the mm comes here, so that an embedder's pte_xchg sees them all.
 */
static void pte_replace(struct mm_struct *mm, uint64_t pto, uint64_t vmaddr, uint64_t val,
			const char *what)
{
	uint64_t ptep = (pto & _SEGMENT_ENTRY_ORIGIN) + DAT_PX(vmaddr) * 8;

	if (mm->pte_xchg) {
		/* An embedder runs the kernel's own pte exchange (kernel/). */
		mm->pte_xchg(mm, vmaddr, ptep, val);
		return;
	}
	pgste_pte_change(mm, ptep, vmaddr);
	if (!(mm_ld(mm, ptep) & _PAGE_INVALID))
		(void)tlb_ipte(machine_current_cpu(mm->machine), pto, vmaddr, 0, false);
	mm_store_entry(mm, ptep, val, what);
}

/* ---- ASCE --------------------------------------------------------------- */

uint64_t mm_asce(const struct mm_struct *mm)
{
	return mm_live(mm) ? mm->pgd | mm->asce_bits : 0;
}

void mm_switch(struct mm_struct *mm, struct gm_cpu *cpu)
{
	uint64_t asce;

	if (!mm_live(mm) || !cpu)
		return;
	asce = mm_asce(mm);
	(void)cpu_lowcore_store(cpu, MM_LC_USER_ASCE, 8, asce);
	(void)cpu_set_cr(cpu, CR_PRIMARY_ASCE, asce);
	(void)cpu_set_cr(cpu, CR_SECONDARY_ASCE, asce);
}

/*
 * update_mm() after an upgrade: every CPU that runs this mm (user_asce,
 * CR1 or CR7 equal to the old ASCE) gets the new one.
 */
static void mm_update_cpus(struct mm_struct *mm, uint64_t old_asce)
{
	uint64_t asce = mm_asce(mm), v;
	unsigned i;

	for (i = 0; i < machine_ncpus(mm->machine); i++) {
		struct gm_cpu *cpu = machine_cpu(mm->machine, i);

		if (!cpu)
			continue;
		if (cpu_lowcore_load(cpu, MM_LC_USER_ASCE, 8, &v) == 0 && v == old_asce)
			(void)cpu_lowcore_store(cpu, MM_LC_USER_ASCE, 8, asce);
		if (cpu_get_cr(cpu, CR_PRIMARY_ASCE) == old_asce)
			(void)cpu_set_cr(cpu, CR_PRIMARY_ASCE, asce);
		if (cpu_get_cr(cpu, CR_SECONDARY_ASCE) == old_asce)
			(void)cpu_set_cr(cpu, CR_SECONDARY_ASCE, asce);
	}
}

/* ---- Undo log of one allocating operation ------------------------------ */

struct mm_undo {
	unsigned nlink;
	struct {
		uint64_t entry;  /* entry that was EMPTY and now links child */
		uint64_t child;  /* table allocated for it */
		unsigned level;  /* level of the entry */
	} link[6];
	unsigned nup;
	struct {
		uint64_t table;
		unsigned level;
	} up[2];
	uint64_t old_pgd, old_bits, old_limit;
};

static void mm_undo_rollback(struct mm_struct *mm, struct mm_undo *u)
{
	while (u->nlink) {
		unsigned i = --u->nlink;
		unsigned level = u->link[i].level;

		mm_store_entry(mm, u->link[i].entry, dat_crst_empty(level), "mm rollback");
		if (level == DAT_LEVEL_STE)
			pt_release(mm, u->link[i].child);
		else
			crst_table_free(mm, u->link[i].child, level - 1);
	}
	if (u->nup) {
		mm->pgd = u->old_pgd;
		mm->asce_bits = u->old_bits;
		mm->asce_limit = u->old_limit;
		while (u->nup) {
			u->nup--;
			crst_table_free(mm, u->up[u->nup].table, u->up[u->nup].level);
		}
	}
}

static void mm_undo_commit(struct mm_struct *mm, struct mm_undo *u)
{
	if (u->nup)
		mm_update_cpus(mm, u->old_pgd | u->old_bits);
	u->nup = 0;
	u->nlink = 0;
}

/*
 * crst_table_upgrade(): add region-second / region-first tables on top
 * until @last is below the ASCE limit.  The new top's entry 0 designates
 * the old top, so every existing translation stays as it was.
 */
static int crst_table_upgrade(struct mm_struct *mm, uint64_t last, struct mm_undo *u)
{
	while (mm->asce_limit && last >= mm->asce_limit) {
		unsigned level = mm_top_level(mm) + 1;
		uint64_t table;

		if (level > DAT_LEVEL_R1TE || u->nup >= 2)
			return -EFAULT;
		if (crst_table_alloc(mm, level, &table))
			return -ENOMEM;
		if (u->nup == 0) {
			u->old_pgd = mm->pgd;
			u->old_bits = mm->asce_bits;
			u->old_limit = mm->asce_limit;
		}
		u->up[u->nup].table = table;
		u->up[u->nup].level = level;
		u->nup++;
		mm_store_entry(mm, table, dat_region_entry(mm->pgd, dat_level_tt(level), 0, 3),
			       "mm upgrade");
		mm->pgd = table;
		if (level == DAT_LEVEL_R2TE) {
			mm->asce_bits = _ASCE_TYPE_REGION2 | _ASCE_TABLE_LENGTH | _ASCE_USER_BITS;
			mm->asce_limit = MM_LIMIT_REGION2;
		} else {
			mm->asce_bits = _ASCE_TYPE_REGION1 | _ASCE_TABLE_LENGTH | _ASCE_USER_BITS;
			mm->asce_limit = 0;
		}
	}
	return 0;
}

/* pud_alloc / pmd_alloc: walk to the STE of @vmaddr, allocating as allowed. */
static int walk_pmd(struct mm_struct *mm, uint64_t vmaddr, bool alloc, uint64_t *pmd,
		    struct mm_undo *u)
{
	uint64_t table;
	unsigned level;
	int rc;

	if (mm->asce_limit && vmaddr >= mm->asce_limit) {
		if (!alloc)
			return -EFAULT;
		rc = crst_table_upgrade(mm, vmaddr, u);
		if (rc)
			return rc;
	}
	table = mm->pgd;
	for (level = mm_top_level(mm); level > DAT_LEVEL_STE; level--) {
		uint64_t entry = table + crst_index(vmaddr, level) * 8;
		uint64_t e = mm_ld(mm, entry);

		if (e & _REGION_ENTRY_INVALID) {
			uint64_t child;

			if (!alloc)
				return -EFAULT;
			if (u->nlink >= 6)
				return -EFAULT;
			if (crst_table_alloc(mm, level - 1, &child))
				return -ENOMEM;
			u->link[u->nlink].entry = entry;
			u->link[u->nlink].child = child;
			u->link[u->nlink].level = level;
			u->nlink++;
			e = dat_region_entry(child, dat_level_tt(level), 0, 3);
			mm_store_entry(mm, entry, e, "mm region entry");
		}
		table = e & _REGION_ENTRY_ORIGIN;
	}
	*pmd = table + DAT_SX(vmaddr) * 8;
	return 0;
}

/* __pte_alloc: the page table of @vmaddr, linked into its STE when new. */
static int walk_pte_table(struct mm_struct *mm, uint64_t vmaddr, bool alloc, uint64_t *pto,
			  struct mm_undo *u)
{
	uint64_t pmd, ste;
	int rc;

	rc = walk_pmd(mm, vmaddr, alloc, &pmd, u);
	if (rc)
		return rc;
	ste = mm_ld(mm, pmd);
	if (ste & _SEGMENT_ENTRY_INVALID) {
		uint64_t table;

		if (!alloc || u->nlink >= 6)
			return -EFAULT;
		rc = page_table_alloc(mm, vmaddr, &table);
		if (rc)
			return rc;
		u->link[u->nlink].entry = pmd;
		u->link[u->nlink].child = table;
		u->link[u->nlink].level = DAT_LEVEL_STE;
		u->nlink++;
		ste = dat_segment_entry(table, _SEGMENT_ENTRY);
		mm_store_entry(mm, pmd, ste, "mm ste");
	}
	*pto = ste & _SEGMENT_ENTRY_ORIGIN;
	return 0;
}

/* Run one of the walks above as a whole: commit its allocations, or undo them all. */
static int walk_atomic(struct mm_struct *mm, uint64_t vmaddr, bool alloc, uint64_t *out,
		       int (*walk)(struct mm_struct *, uint64_t, bool, uint64_t *, struct mm_undo *))
{
	struct mm_undo u = { 0 };
	uint64_t p;
	int rc;

	if (!mm_live(mm) || !out)
		return -EINVAL;
	rc = walk(mm, vmaddr, alloc, &p, &u);
	if (rc) {
		mm_undo_rollback(mm, &u);
		return rc;
	}
	mm_undo_commit(mm, &u);
	*out = p;
	return 0;
}

int mm_pmd(struct mm_struct *mm, uint64_t vmaddr, bool alloc, uint64_t *pmd)
{
	return walk_atomic(mm, vmaddr, alloc, pmd, walk_pmd);
}

int mm_pte_table(struct mm_struct *mm, uint64_t vmaddr, bool alloc, uint64_t *pto)
{
	return walk_atomic(mm, vmaddr, alloc, pto, walk_pte_table);
}

/* ---- Range walks -------------------------------------------------------- */

/* Called for each STE whose tables exist, with the part [first, last] of the range it covers. */
typedef void (*mm_seg_fn)(struct mm_struct *mm, uint64_t first, uint64_t last, uint64_t pmd,
			  void *arg);

/*
 * Prefetch for a walk over the populated STEs of a segment table: the page
 * tables below are scattered over storage, so each segment's first PTE
 * access is a cache (and host TLB) miss.  Two cursors run ahead of the
 * walk: the far one fetches a page table's census word, the near one, once
 * that word is in, the line of the page table's first populated PTE.
 */
#define WALK_PF_DEPTH 16 /* populated STEs queued ahead of the walk */
#define WALK_PF_NEAR 10  /* queue slot whose PTE line is fetched */
#define WALK_PF_FRAME 4  /* queue slot whose frame descriptor is fetched */

struct walk_pf {
	uint64_t q[WALK_PF_DEPTH]; /* page-table origins (or UINT64_MAX) of the next STEs */
	uint64_t ptep[WALK_PF_DEPTH]; /* their first populated PTE, once looked up */
	uint64_t next;             /* where the queue's refill goes on */
	unsigned head, n;
};

static uint64_t pf_pto(const struct gm_storage *st, uint64_t ste_addr)
{
	uint64_t ste;

	if (!storage_ld8_chk(st, ste_addr, &ste) || (ste & _SEGMENT_ENTRY_INVALID))
		return UINT64_MAX;
	ste &= _SEGMENT_ENTRY_ORIGIN;
	return ste <= st->size - PTRS_PER_PTE * 8 ? ste : UINT64_MAX;
}

/* Called as the walk visits STE @entry: drop it from the queue, refill, prefetch. */
static void walk_prefetch(const struct gm_storage *st, struct walk_pf *pf, uint64_t entry,
			  uint64_t end)
{
	uint64_t pto;

	if (pf->next <= entry) {
		/* first visit (or the walk skipped ahead): restart the queue */
		pf->next = entry + 8;
		pf->n = 0;
	} else if (pf->n) {
		pf->head = (pf->head + 1) % WALK_PF_DEPTH;
		pf->n--;
	}
	while (pf->n < WALK_PF_DEPTH && pf->next < end) {
		uint64_t a = storage_next_pop(st, pf->next, end);

		if (a >= end) {
			pf->next = end;
			break;
		}
		pto = pf_pto(st, a);
		if (pto != UINT64_MAX) {
			__builtin_prefetch(&st->pop[pto >> 9]);
			__builtin_prefetch(&st->pages[pto >> 12]);
		}
		pf->q[(pf->head + pf->n) % WALK_PF_DEPTH] = pto;
		pf->ptep[(pf->head + pf->n) % WALK_PF_DEPTH] = UINT64_MAX;
		pf->n++;
		pf->next = a + 8;
	}
	if (pf->n > WALK_PF_NEAR) {
		unsigned i = (pf->head + WALK_PF_NEAR) % WALK_PF_DEPTH;

		pto = pf->q[i];
		pf->ptep[i] = UINT64_MAX;
		if (pto != UINT64_MAX) {
			pf->ptep[i] = storage_next_pop(st, pto, pto + PTRS_PER_PTE * 8);
			__builtin_prefetch(st->mem + pf->ptep[i]);
		}
	}
	/* nearer still the PTE is in: fetch the descriptor of its frame */
	if (pf->n > WALK_PF_FRAME) {
		unsigned i = (pf->head + WALK_PF_FRAME) % WALK_PF_DEPTH;
		uint64_t pte;

		if (pf->q[i] != UINT64_MAX && pf->ptep[i] != UINT64_MAX &&
		    storage_ld8_chk(st, pf->ptep[i], &pte) && (pte & _PAGE_ORIGIN) < st->size)
			__builtin_prefetch(&st->pages[(pte & _PAGE_ORIGIN) >> 12]);
	}
}

/*
 * Visits only the populated entries of each table (storage_next_pop(): an
 * empty entry is invalid, so there is nothing to do for it), so a walk
 * costs what is populated in the range, not its length or the table sizes.
 */
static void walk_crst(struct mm_struct *mm, uint64_t table, unsigned level, uint64_t first,
		      uint64_t last, mm_seg_fn fn, void *arg)
{
	const struct gm_storage *st = mm_st(mm);
	unsigned shift = dat_level_shift(level);
	uint64_t span_mask = (1ULL << shift) - 1;
	uint64_t i0 = crst_index(first, level);
	uint64_t entry = table + i0 * 8, end = table + crst_index(last, level) * 8 + 8;
	struct walk_pf pf = { .next = 0 };

	while ((entry = storage_next_pop(st, entry, end)) < end) {
		uint64_t i = (entry - table) / 8;
		uint64_t a = i == i0 ? first : (first & ~span_mask) + ((i - i0) << shift);
		uint64_t elast = (a | span_mask) > last ? last : (a | span_mask);

		if (level == DAT_LEVEL_STE) {
			walk_prefetch(st, &pf, entry, end);
			fn(mm, a, elast, entry, arg);
		} else {
			uint64_t e = mm_ld(mm, entry);

			if (!(e & _REGION_ENTRY_INVALID))
				walk_crst(mm, e & _REGION_ENTRY_ORIGIN, level - 1, a, elast, fn, arg);
		}
		entry += 8;
	}
}

/* Call @fn for each populated PTE of page table @pto in the part [first, last] of its segment. */
static void walk_ptes(struct mm_struct *mm, uint64_t pto, uint64_t first, uint64_t last,
		      void (*fn)(struct mm_struct *, uint64_t, uint64_t, uint64_t, void *), void *arg)
{
	const struct gm_storage *st = mm_st(mm);
	uint64_t ptep = pto + DAT_PX(first) * 8, end = pto + DAT_PX(last) * 8 + 8;

	while ((ptep = storage_next_pop(st, ptep, end)) < end) {
		fn(mm, pto, (first & PMD_MASK) | (((ptep - pto) / 8) << PAGE_SHIFT), ptep, arg);
		ptep += 8;
	}
}

static void walk_range(struct mm_struct *mm, uint64_t first, uint64_t last, mm_seg_fn fn,
		       void *arg)
{
	if (first > last)
		return;
	if (mm->asce_limit) {
		if (first >= mm->asce_limit)
			return;
		if (last >= mm->asce_limit)
			last = mm->asce_limit - 1;
	}
	walk_crst(mm, mm->pgd, mm_top_level(mm), first, last, fn, arg);
}

static void zap_pte(struct mm_struct *mm, uint64_t pto, uint64_t vmaddr, uint64_t ptep, void *arg)
{
	uint64_t pte = mm_ld(mm, ptep);

	(void)arg;
	if (pte & _PAGE_ORIGIN) {
		pte_replace(mm, pto, vmaddr, _PAGE_TYPE_EMPTY, "mm pte zap");
		frame_free(mm, pte & _PAGE_ORIGIN);
	}
}

/* zap_pte_range(): IPTE each valid PTE, store EMPTY, free the frame. */
static void zap_segment(struct mm_struct *mm, uint64_t first, uint64_t last, uint64_t pmd,
			void *arg)
{
	uint64_t ste = mm_ld(mm, pmd);

	if (ste & _SEGMENT_ENTRY_INVALID)
		return;
	walk_ptes(mm, ste & _SEGMENT_ENTRY_ORIGIN, first, last, zap_pte, arg);
}

/*
 * free_pgtables(), page-table part: a page table whose segment no VMA
 * covers any more is unhooked (pmd_clear), the TLB flushed, then freed —
 * page_table_free() runs the gmap notifier before the table goes.
 */
static void free_segment_table(struct mm_struct *mm, uint64_t first, uint64_t last, uint64_t pmd,
			       void *arg)
{
	uint64_t seg = first & PMD_MASK, ste = mm_ld(mm, pmd);
	struct vm_area_struct *vma;

	(void)last;
	(void)arg;
	if (ste & _SEGMENT_ENTRY_INVALID)
		return;
	vma = mm_find_vma(mm, seg);
	if (vma && vma->vm_start <= (seg | ~PMD_MASK))
		return;
	mm_store_entry(mm, pmd, _SEGMENT_ENTRY_EMPTY, "mm pmd_clear");
	mm_tlb_flush_mm(mm);
	page_table_free(mm, ste & _SEGMENT_ENTRY_ORIGIN);
}

static void protect_pte(struct mm_struct *mm, uint64_t pto, uint64_t vmaddr, uint64_t ptep,
			void *arg)
{
	unsigned prot = *(const unsigned *)arg;
	uint64_t pte = mm_ld(mm, ptep);

	if (pte & _PAGE_ORIGIN) {
		uint64_t val = (pte & _PAGE_ORIGIN) | pte_type(prot);

		if (val != pte)
			pte_replace(mm, pto, vmaddr, val, "mm pte protect");
	}
}

/* change_pte_range(): present pages get the PTE type of @prot, frames kept. */
static void protect_segment(struct mm_struct *mm, uint64_t first, uint64_t last, uint64_t pmd,
			    void *arg)
{
	uint64_t ste = mm_ld(mm, pmd);

	if (ste & _SEGMENT_ENTRY_INVALID)
		return;
	walk_ptes(mm, ste & _SEGMENT_ENTRY_ORIGIN, first, last, protect_pte, arg);
}

/* ---- TLB policy ---------------------------------------------------------- */

void mm_tlb_flush_mm(struct mm_struct *mm)
{
	struct gm_machine *m;

	if (!mm_live(mm))
		return;
	m = mm->machine;
	/*
	 * The seed's __tlb_flush_mm: IDTE by the process ASCE purges nothing
	 * formed through a gmap's own tables, so with gmaps attached only a
	 * full purge is safe.
	 */
	if (LIST_EMPTY(&mm->context.gmap_list) && machine_has_facility(m, GM_FAC_IDTE)) {
		(void)tlb_idte_clear_asce(machine_current_cpu(m), mm_asce(mm), false);
		mm->flushes_asce++;
	} else {
		tlb_purge_all(m);
		mm->flushes_full++;
	}
}

/* ---- Create / destroy ---------------------------------------------------- */

int mm_create(struct gm_machine *m, unsigned flags, struct mm_struct **out)
{
	struct mm_struct *mm;

	if (!m || !out || (flags & ~MM_PGSTE))
		return -EINVAL;
	mm = storage_host_zalloc(m->st, sizeof(*mm));
	if (!mm)
		return -ENOMEM;
	mm->magic = MM_MAGIC;
	mm->machine = m;
	RB_INIT(&mm->mm_rb);
	LIST_INIT(&mm->context.gmap_list);
	mm->context.has_pgste = (flags & MM_PGSTE) != 0;
	if (crst_table_alloc(mm, DAT_LEVEL_R3TE, &mm->pgd)) {
		storage_host_free(m->st, mm, sizeof(*mm));
		return -ENOMEM;
	}
	mm->asce_bits = _ASCE_TYPE_REGION3 | _ASCE_TABLE_LENGTH | _ASCE_USER_BITS;
	mm->asce_limit = MM_LIMIT_REGION3;
	machine_register_mm(m, mm);
	*out = mm;
	return 0;
}

/* exit_mmap(): free the frames, page tables and crst tables below @table. */
static void free_tables(struct mm_struct *mm, uint64_t table, unsigned level)
{
	const struct gm_storage *st = mm_st(mm);
	uint64_t ea = table, end = table + PTRS_PER_CRST * 8ULL;

	for (; (ea = storage_next_pop(st, ea, end)) < end; ea += 8) {
		uint64_t e = mm_ld(mm, ea);

		if (level == DAT_LEVEL_STE) {
			uint64_t pto, pa, pend;

			if (e & _SEGMENT_ENTRY_INVALID)
				continue;
			pto = e & _SEGMENT_ENTRY_ORIGIN;
			if (!mm_owns(mm, pto, pt_kind(mm)))
				continue;
			pend = pto + PTRS_PER_PTE * 8ULL;
			for (pa = pto; (pa = storage_next_pop(st, pa, pend)) < pend; pa += 8) {
				uint64_t pte = mm_ld(mm, pa);

				if (pte & _PAGE_ORIGIN)
					frame_free(mm, pte & _PAGE_ORIGIN);
			}
			page_table_free(mm, pto);
		} else {
			if ((e & _REGION_ENTRY_INVALID) ||
			    !mm_owns(mm, e & _REGION_ENTRY_ORIGIN, STORAGE_CRST))
				continue;
			free_tables(mm, e & _REGION_ENTRY_ORIGIN, level - 1);
			crst_table_free(mm, e & _REGION_ENTRY_ORIGIN, level - 1);
		}
	}
}

/* The level of a crst table cut off the tables, as its first entry's TT bits say. */
static unsigned crst_guess_level(struct mm_struct *mm, uint64_t table)
{
	uint64_t e = mm_ld(mm, table);

	return (e & _REGION_ENTRY_TYPE_MASK) ? (unsigned)((e & _REGION_ENTRY_TYPE_MASK) >> 2) + 1
					      : DAT_LEVEL_STE;
}

static void free_orphan(void *arg, uint64_t aaddr, enum storage_kind kind)
{
	struct mm_struct *mm = arg;

	switch (kind) {
	case STORAGE_FRAME:
		frame_free(mm, aaddr);
		break;
	case STORAGE_CRST:
		crst_table_free(mm, aaddr, crst_guess_level(mm, aaddr));
		break;
	default:
		pt_release(mm, aaddr);
		break;
	}
}

int mm_destroy(struct mm_struct *mm)
{
	struct gm_machine *m;
	struct vm_area_struct *vma;

	if (!mm)
		return 0;
	if (!mm_live(mm))
		return -EINVAL; /* destroyed already (and still in quarantine) */
	if (!LIST_EMPTY(&mm->context.gmap_list))
		return -EBUSY;
	m = mm->machine;
	/* tlb_finish_mmu: no CPU may keep translations through tables about to be reused. */
	mm_tlb_flush_mm(mm);
	free_tables(mm, mm->pgd, mm_top_level(mm));
	crst_table_free(mm, mm->pgd, mm_top_level(mm));
	/* Blocks raw stores cut off the tables (docs/design.md, "Errors and ownership"). */
	if (mm->nr_crst || mm->nr_ptes || mm->rss)
		mm_for_each_owned(mm, free_orphan, mm);
	while ((vma = RB_MIN(mm_vma_tree, &mm->mm_rb)) != NULL)
		vma_remove(mm, vma);
	machine_unregister_mm(m, mm);
	mm->magic = MM_MAGIC_DEAD;
	machine_quarantine(m, mm, sizeof(*mm));
	return 0;
}

/* ---- munmap / mmap / mprotect -------------------------------------------- */

/*
 * do_munmap() once the VMA split (if any) is preallocated in *@spare:
 * detach the VMAs, zap the pages, free the page tables left uncovered.
 */
static void mm_do_munmap(struct mm_struct *mm, uint64_t start, uint64_t end,
			 struct vm_area_struct **spare)
{
	struct vm_area_struct *vma = mm_find_vma(mm, start);

	while (vma && vma->vm_start < end) {
		struct vm_area_struct *next = mm_vma_next(mm, vma);

		if (vma->vm_start < start && vma->vm_end > end) {
			struct vm_area_struct *tail = *spare;

			if (!tail)
				break;
			*spare = NULL;
			vma_split(mm, vma, end, tail);
			vma->vm_end = start;
			break;
		} else if (vma->vm_start < start) {
			vma->vm_end = start;
		} else if (vma->vm_end > end) {
			/* the order of the tree is kept: end <= the next VMA's start */
			vma->vm_start = end;
		} else {
			vma_remove(mm, vma);
		}
		vma = next;
	}
	walk_range(mm, start, end - 1, zap_segment, NULL);
	walk_range(mm, start & PMD_MASK, (end - 1) | ~PMD_MASK, free_segment_table, NULL);
}

int mm_zap(struct mm_struct *mm, uint64_t addr, uint64_t len)
{
	if (!mm || (addr & ~PAGE_MASK) || len == 0 || len > MM_LEN_MAX)
		return -EINVAL;
	len = (len + PAGE_SIZE - 1) & PAGE_MASK;
	if (len > UINT64_MAX - addr)
		return -EINVAL;
	walk_range(mm, addr, addr + len - 1, zap_segment, NULL);
	return 0;
}

int mm_munmap(struct mm_struct *mm, uint64_t addr, uint64_t len)
{
	struct vm_area_struct *spare = NULL;
	uint64_t end;

	if (!mm_live(mm) || (addr & ~PAGE_MASK) || len == 0 || len > MM_LEN_MAX)
		return -EINVAL;
	len = (len + PAGE_SIZE - 1) & PAGE_MASK;
	if (len > UINT64_MAX - addr)
		return -EINVAL;
	end = addr + len;
	if (vma_range_splits(mm, addr, end)) {
		spare = vma_alloc(mm);
		if (!spare)
			return -ENOMEM;
	}
	mm_do_munmap(mm, addr, end, &spare);
	if (spare)
		vma_free(mm, spare);
	return 0;
}

/* arch_get_unmapped_area, bottom-up: the lowest gap of @len at or above @hint. */
static int get_unmapped_area(struct mm_struct *mm, uint64_t hint, uint64_t len, uint64_t *start)
{
	uint64_t a = hint ? hint : MM_MMAP_MIN;
	struct vm_area_struct *vma;

	if (a & ~PAGE_MASK) {
		if (a > MM_LEN_MAX)
			return -ENOMEM;
		a = (a + PAGE_SIZE - 1) & PAGE_MASK;
	}
	for (vma = mm_find_vma(mm, a);; vma = mm_vma_next(mm, vma)) {
		if (len > UINT64_MAX - a)
			return -ENOMEM;
		if (!vma || a + len <= vma->vm_start) {
			*start = a;
			return 0;
		}
		a = vma->vm_end;
	}
}

int mm_mmap(struct mm_struct *mm, uint64_t addr, uint64_t len, unsigned prot, unsigned flags,
	    uint64_t *out)
{
	struct vm_area_struct *vma, *spare = NULL;
	struct mm_undo u = { 0 };
	uint64_t start, end;
	bool fixed = (flags & MM_MAP_FIXED) != 0;
	int rc;

	if (!mm_live(mm) || (flags & ~MM_MAP_FIXED) || (prot & ~MM_PROT_ALL) || len == 0 ||
	    len > MM_LEN_MAX)
		return -EINVAL;
	len = (len + PAGE_SIZE - 1) & PAGE_MASK;
	if (fixed) {
		if ((addr & ~PAGE_MASK) || len > UINT64_MAX - addr)
			return -EINVAL;
		start = addr;
	} else {
		rc = get_unmapped_area(mm, addr, len, &start);
		if (rc)
			return rc;
	}
	end = start + len;

	/* Everything that can fail comes first. */
	vma = vma_alloc(mm);
	if (!vma)
		return -ENOMEM;
	if (fixed && vma_range_splits(mm, start, end)) {
		spare = vma_alloc(mm);
		if (!spare) {
			vma_free(mm, vma);
			return -ENOMEM;
		}
	}
	rc = crst_table_upgrade(mm, end - 1, &u);
	if (rc) {
		mm_undo_rollback(mm, &u);
		vma_free(mm, spare);
		vma_free(mm, vma);
		return -ENOMEM;
	}

	if (fixed)
		mm_do_munmap(mm, start, end, &spare);
	if (spare)
		vma_free(mm, spare);
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_prot = prot;
	vma_insert(mm, vma);
	vma_merge_range(mm, start, end);
	mm_undo_commit(mm, &u);
	if (out)
		*out = start;
	return 0;
}

int mm_mprotect(struct mm_struct *mm, uint64_t addr, uint64_t len, unsigned prot)
{
	struct vm_area_struct *first, *last = NULL, *vma, *spare[2] = { NULL, NULL };
	uint64_t end, cursor;
	unsigned nsplit = 0, i;
	bool split_head, split_tail;

	if (!mm_live(mm) || (addr & ~PAGE_MASK) || (prot & ~MM_PROT_ALL))
		return -EINVAL;
	if (len == 0)
		return 0;
	/* sys_mprotect: a range that wraps or has a hole is -ENOMEM. */
	if (len > MM_LEN_MAX)
		return -ENOMEM;
	len = (len + PAGE_SIZE - 1) & PAGE_MASK;
	if (len > UINT64_MAX - addr)
		return -ENOMEM;
	end = addr + len;

	first = mm_find_vma(mm, addr);
	for (vma = first, cursor = addr; cursor < end; vma = mm_vma_next(mm, vma)) {
		if (!vma || vma->vm_start > cursor)
			return -ENOMEM;
		cursor = vma->vm_end;
		last = vma;
	}
	split_head = first->vm_start < addr && first->vm_prot != prot;
	split_tail = last->vm_end > end && last->vm_prot != prot;
	nsplit = (unsigned)split_head + (unsigned)split_tail;
	for (i = 0; i < nsplit; i++) {
		spare[i] = vma_alloc(mm);
		if (!spare[i]) {
			vma_free(mm, spare[0]);
			return -ENOMEM;
		}
	}

	i = 0;
	if (split_head) {
		struct vm_area_struct *n = spare[i++];

		vma_split(mm, first, addr, n);
		if (last == first)
			last = n;
		first = n;
	}
	if (split_tail)
		vma_split(mm, last, end, spare[i++]);
	for (vma = first; vma && vma->vm_start < end; vma = mm_vma_next(mm, vma))
		vma->vm_prot = prot;
	walk_range(mm, addr, end - 1, protect_segment, &prot);
	vma_merge_range(mm, addr, end);
	return 0;
}

/* ---- Faults and accesses -------------------------------------------------- */

/*
 * What the faults of one multi-page mm_read()/mm_write() changed, so that a
 * failure on a later page takes back the earlier pages' faults too: each
 * PTE's old value (and the frame a fault allocated), each table linked, the
 * ASCE upgrades.  Small accesses fit the inline buffers; bigger ones grow
 * them with storage_host_zalloc(), before the fault that needs the room.
 */
#define MM_TXN_INLINE 8

struct mm_txn_pte {
	uint64_t pto, vmaddr, old, frame; /* frame: allocated by the fault, or 0 */
};

struct mm_txn_link {
	uint64_t entry, child;
	unsigned level;
};

struct mm_txn {
	struct mm_txn_pte *pte;
	struct mm_txn_link *link;
	size_t npte, nlink, cap_pte, cap_link;
	struct mm_undo up; /* only its upgrade part */
	struct mm_txn_pte pte0[MM_TXN_INLINE];
	struct mm_txn_link link0[MM_TXN_INLINE];
};

static void mm_txn_init(struct mm_txn *t)
{
	memset(t, 0, sizeof(*t));
	t->pte = t->pte0;
	t->link = t->link0;
	t->cap_pte = t->cap_link = MM_TXN_INLINE;
}

static void mm_txn_free(struct mm_struct *mm, struct mm_txn *t)
{
	if (t->pte != t->pte0)
		storage_host_free(mm_st(mm), t->pte, t->cap_pte * sizeof(*t->pte));
	if (t->link != t->link0)
		storage_host_free(mm_st(mm), t->link, t->cap_link * sizeof(*t->link));
	t->pte = t->pte0;
	t->link = t->link0;
}

/* Room for @n more elements of @size bytes in *@arr (capacity *@cap, *@used used). */
static int mm_txn_grow(struct mm_struct *mm, void **arr, void *inline_buf, size_t *cap,
		       size_t used, size_t n, size_t size)
{
	size_t ncap = *cap * 2;
	void *a;

	if (used + n <= *cap)
		return 0;
	while (ncap < used + n)
		ncap *= 2;
	a = storage_host_zalloc(mm_st(mm), ncap * size);
	if (!a)
		return -ENOMEM;
	memcpy(a, *arr, used * size);
	if (*arr != inline_buf)
		storage_host_free(mm_st(mm), *arr, *cap * size);
	*arr = a;
	*cap = ncap;
	return 0;
}

/* Room for what one fault can record: a PTE and a link per table level. */
static int mm_txn_reserve(struct mm_struct *mm, struct mm_txn *t)
{
	void *p = t->pte, *l = t->link;
	int rc;

	rc = mm_txn_grow(mm, &p, t->pte0, &t->cap_pte, t->npte, 1, sizeof(*t->pte));
	t->pte = p;
	if (rc)
		return rc;
	rc = mm_txn_grow(mm, &l, t->link0, &t->cap_link, t->nlink, 6, sizeof(*t->link));
	t->link = l;
	return rc;
}

/* Keep one fault's undo log in @t instead of committing it. */
static void mm_txn_add(struct mm_txn *t, struct mm_undo *u)
{
	for (unsigned i = 0; i < u->nlink; i++) {
		t->link[t->nlink].entry = u->link[i].entry;
		t->link[t->nlink].child = u->link[i].child;
		t->link[t->nlink].level = u->link[i].level;
		t->nlink++;
	}
	for (unsigned i = 0; i < u->nup && t->up.nup < 2; i++) {
		if (t->up.nup == 0) {
			t->up.old_pgd = u->old_pgd;
			t->up.old_bits = u->old_bits;
			t->up.old_limit = u->old_limit;
		}
		t->up.up[t->up.nup++] = u->up[i];
	}
	u->nlink = u->nup = 0;
}

static void pte_replace(struct mm_struct *mm, uint64_t pto, uint64_t vmaddr, uint64_t val,
			const char *what);

/* Take back every fault of @t, newest first. */
static void mm_txn_rollback(struct mm_struct *mm, struct mm_txn *t)
{
	while (t->npte) {
		const struct mm_txn_pte *r = &t->pte[--t->npte];
		uint64_t ptep = r->pto + DAT_PX(r->vmaddr) * 8;

		if (mm_ld(mm, ptep) != r->old)
			pte_replace(mm, r->pto, r->vmaddr, r->old, "mm rollback");
		if (r->frame)
			frame_free(mm, r->frame);
	}
	while (t->nlink) {
		const struct mm_txn_link *l = &t->link[--t->nlink];

		mm_store_entry(mm, l->entry, dat_crst_empty(l->level), "mm rollback");
		if (l->level == DAT_LEVEL_STE)
			pt_release(mm, l->child);
		else
			crst_table_free(mm, l->child, l->level - 1);
	}
	mm_undo_rollback(mm, &t->up);
	mm_txn_free(mm, t);
}

static void mm_txn_commit(struct mm_struct *mm, struct mm_txn *t)
{
	mm_undo_commit(mm, &t->up);
	mm_txn_free(mm, t);
}

/*
 * handle_mm_fault() for an anonymous private VMA.  With @t the fault's
 * changes are recorded there (the caller commits or rolls back all of
 * them); without, they are committed here.
 */
static int mm_do_fault(struct mm_struct *mm, uint64_t vmaddr, unsigned flags, struct mm_txn *t)
{
	struct vm_area_struct *vma = mm_find_vma(mm, vmaddr);
	struct mm_undo u = { 0 };
	uint64_t pto, ptep, pte, frame = 0;
	int rc;

	if (!vma || vma->vm_start > vmaddr || vma->vm_prot == MM_PROT_NONE)
		return -EFAULT;
	if ((flags & MM_FAULT_WRITE) && !(vma->vm_prot & MM_PROT_WRITE))
		return -EFAULT;
	if (t && mm_txn_reserve(mm, t))
		return -ENOMEM;
	rc = walk_pte_table(mm, vmaddr, true, &pto, &u);
	if (rc) {
		mm_undo_rollback(mm, &u);
		return rc;
	}
	ptep = pto + DAT_PX(vmaddr) * 8;
	pte = mm_ld(mm, ptep);
	if (!(pte & _PAGE_ORIGIN)) {
		/* do_anonymous_page(): a zeroed frame (storage_alloc zeroes it). */
		if (frame_alloc(mm, &frame)) {
			mm_undo_rollback(mm, &u);
			return -ENOMEM;
		}
		pte_replace(mm, pto, vmaddr, dat_page_entry(frame, pte_type(vma->vm_prot)), "mm pte");
	} else if (pte & _PAGE_INVALID) {
		/* a frame kept invalid (PROT_NONE) under an accessible VMA */
		pte_replace(mm, pto, vmaddr, (pte & _PAGE_ORIGIN) | pte_type(vma->vm_prot), "mm pte");
	} else if ((flags & MM_FAULT_WRITE) && (pte & _PAGE_PROTECT)) {
		/* do_wp_page() reusing the only copy: IPTE, then the writable PTE. */
		pte_replace(mm, pto, vmaddr, (pte & _PAGE_ORIGIN) | _PAGE_TYPE_RW, "mm pte write");
	}
	if (t) {
		struct mm_txn_pte *r = &t->pte[t->npte++];

		r->pto = pto;
		r->vmaddr = vmaddr;
		r->old = pte;
		r->frame = frame;
		mm_txn_add(t, &u);
	}
	mm_undo_commit(mm, &u);
	return 0;
}

int mm_fault(struct mm_struct *mm, uint64_t vmaddr, unsigned flags)
{
	int rc;

	if (!mm_live(mm) || (flags & ~(MM_FAULT_WRITE | MM_FAULT_EXEC)))
		return -EINVAL;
	rc = mm_do_fault(mm, vmaddr, flags, NULL);
	machine_emit(mm->machine, GM_EV_FAULT, vmaddr, (uint64_t)(int64_t)rc, GM_FAULT_MM,
		     "mm fault");
	return rc;
}

int mm_translate(struct mm_struct *mm, uint64_t vmaddr, enum dat_access acc,
		 struct dat_result *res)
{
	struct dat_env env;

	if (!mm_live(mm) || !res)
		return -EINVAL;
	cpu_dat_env(machine_current_cpu(mm->machine), &env);
	env.as = 0; /* the process space is the primary space */
	return dat_translate(mm_st(mm), &env, mm_asce(mm), vmaddr, acc, res, NULL);
}

static bool pic_is_translation(int pic)
{
	return pic == PGM_SEGMENT_TRANSLATION || pic == PGM_PAGE_TRANSLATION ||
	       (pic >= PGM_REG_FIRST_TRANS && pic <= PGM_REG_THIRD_TRANS);
}

/*
 * Translate @vmaddr for the access, demand-faulting as copy_{from,to}_user
 * would (faults recorded in @t).  Return: 0 and @res, -EFAULT, -ENOMEM.
 */
static int mm_access_page(struct mm_struct *mm, uint64_t vmaddr, bool write, struct mm_txn *t,
			  struct dat_result *res)
{
	for (unsigned tries = 0;; tries++) {
		unsigned fl;
		int rc = mm_translate(mm, vmaddr, write ? DAT_STORE : DAT_FETCH, res);

		if (rc <= 0)
			return rc;
		if (tries >= MM_ACCESS_RETRIES)
			return -EFAULT;
		if (pic_is_translation(rc))
			fl = write ? MM_FAULT_WRITE : 0;
		else if (rc == PGM_PROTECTION && write)
			fl = MM_FAULT_WRITE;
		else
			return -EFAULT;
		rc = mm_do_fault(mm, vmaddr, fl, t);
		machine_emit(mm->machine, GM_EV_FAULT, vmaddr, (uint64_t)(int64_t)rc, GM_FAULT_MM,
			     "mm fault");
		if (rc)
			return rc;
	}
}

/*
 * copy_{from,to}_user, all or nothing: every page is faulted in first (each
 * fault recorded), then the bytes are copied.  A failure on any page takes
 * back the faults of the pages before it, so an error leaves the mm exactly
 * as it was and copies nothing.  (Linux would leave the earlier pages
 * faulted in, and copy_to_user() their bytes written: docs/design.md.)
 */
static int mm_access(struct mm_struct *mm, uint64_t vmaddr, uint8_t *rbuf, const uint8_t *wbuf,
		     size_t len)
{
	bool write = wbuf != NULL;
	struct dat_result res;
	struct mm_txn t;
	uint64_t a;
	size_t left;
	int rc = 0;

	if (len - 1 > UINT64_MAX - vmaddr)
		return -EFAULT;
	mm_txn_init(&t);
	for (a = vmaddr, left = len; left;) {
		uint64_t chunk = PAGE_SIZE - (a & ~PAGE_MASK);

		if (chunk > left)
			chunk = left;
		rc = mm_access_page(mm, a, write, &t, &res);
		if (rc) {
			mm_txn_rollback(mm, &t);
			return rc;
		}
		a += chunk;
		left -= chunk;
	}
	mm_txn_commit(mm, &t);
	if (len <= PAGE_SIZE - (vmaddr & ~PAGE_MASK)) {
		/* One page: the translation above is the one to use. */
		rc = write ? storage_write(mm_st(mm), res.aaddr, wbuf, len)
			   : storage_read(mm_st(mm), res.aaddr, rbuf, len);
		if (rc)
			return -EFAULT;
		/* The CPU's access sets R (and C) in the frame's storage key. */
		skey_record(machine_skey(mm->machine), res.aaddr, len, write);
		return 0;
	}
	/* Faults only add or widen mappings: every page translates now. */
	for (a = vmaddr, left = len; left;) {
		uint64_t chunk = PAGE_SIZE - (a & ~PAGE_MASK);

		if (chunk > left)
			chunk = left;
		rc = mm_translate(mm, a, write ? DAT_STORE : DAT_FETCH, &res);
		if (rc == 0)
			rc = write ? storage_write(mm_st(mm), res.aaddr, wbuf, chunk)
				   : storage_read(mm_st(mm), res.aaddr, rbuf, chunk);
		if (rc)
			return -EFAULT;
		/* The CPU's access sets R (and C) in the frame's storage key. */
		skey_record(machine_skey(mm->machine), res.aaddr, chunk, write);
		if (write)
			wbuf += chunk;
		else
			rbuf += chunk;
		a += chunk;
		left -= chunk;
	}
	return 0;
}

int mm_read(struct mm_struct *mm, uint64_t vmaddr, void *buf, size_t len)
{
	if (!mm_live(mm) || (!buf && len))
		return -EINVAL;
	if (!len)
		return 0;
	return mm_access(mm, vmaddr, buf, NULL, len);
}

int mm_write(struct mm_struct *mm, uint64_t vmaddr, const void *buf, size_t len)
{
	if (!mm_live(mm) || (!buf && len))
		return -EINVAL;
	if (!len)
		return 0;
	return mm_access(mm, vmaddr, NULL, buf, len);
}

/* ---- the machine's list of mms (machine-internal.h) -------------------- */

void machine_for_each_mm(struct gm_machine *m, void (*fn)(void *opaque, struct mm_struct *mm),
			 void *opaque)
{
	struct mm_struct *mm, *next;

	if (!m || !fn)
		return;
	/* Safe against @fn destroying the mm it is given. */
	for (mm = TAILQ_FIRST(&m->mms); mm; mm = next) {
		next = TAILQ_NEXT(mm, machine_link);
		fn(opaque, mm);
	}
}

void machine_register_mm(struct gm_machine *m, struct mm_struct *mm)
{
	if (!m || !mm)
		return;
	TAILQ_INSERT_TAIL(&m->mms, mm, machine_link);
	m->nmms++;
}

void machine_unregister_mm(struct gm_machine *m, struct mm_struct *mm)
{
	if (!m || !mm || !m->nmms)
		return;
	TAILQ_REMOVE(&m->mms, mm, machine_link);
	m->nmms--;
}
