/* SPDX-License-Identifier: MIT */
/*
 * shadow — pte notifiers, shadow gmaps for vSIE and the guest-3 access
 * path (include/gmap/shadow.h; docs/nested.md).  Modelled on Linux 4.8
 * arch/s390/mm/gmap.c (gmap_shadow(), gmap_shadow_r2t/r3t/sgt/pgt(),
 * gmap_protect_rmap(), gmap_shadow_page(), gmap_shadow_notify(),
 * gmap_unshadow*()) and arch/s390/kvm/gaccess.c kvm_s390_shadow_tables() /
 * kvm_s390_shadow_fault(); written from those facts, not copied.
 *
 * The parent is a seed gmap: its segment entries link the process's pgste
 * page tables, so "the parent pte" of a guest-2 page is the process pte,
 * and protecting a guest-2 table page is ptep_force_prot() on it.  The
 * shadow owns its tables outright (storage CRST blocks and 4 KB page
 * tables); shadow page tables hold host frames.
 *
 * Single-threaded simulation: the races the kernel guards against with
 * the three-state entries are made reachable by faults and notifications
 * that happen *inside* an operation (a fix-up fault that changes an armed
 * pte, a notifier callback) and by the race_hook test hook.
 */
#include "export.h"

#include <errno.h>
#include <string.h>

#include "gmap/nested.h"
#include "gmap/pgste.h"
#include "gmap/shadow.h"
#include "gmap/tlb.h"
#include "gmap-internal.h"
#include "machine-internal.h"

#define CRST_BYTES (PTRS_PER_CRST * 8ULL)
#define SHADOW_RETRIES 8 /* fix-up faults per page before giving up with -EAGAIN */

static struct gm_storage *sh_st(const struct gmap *g)
{
	return g->mm->machine->st;
}

static uint64_t sh_ld(const struct gmap *g, uint64_t aaddr)
{
	uint64_t v = 0;

	(void)storage_load8(sh_st(g), aaddr, &v);
	return v;
}

static void sh_store(struct gmap *g, uint64_t aaddr, uint64_t val, const char *what)
{
	struct gm_machine *m = g->mm->machine;
	uint64_t old = sh_ld(g, aaddr);

	if (storage_store8(m->st, aaddr, val) == 0)
		machine_emit(m, GM_EV_ENTRY_STORE, aaddr, old, val, what);
}

static unsigned sh_top(uint64_t asce)
{
	return DAT_LEVEL_STE + (unsigned)((asce & _ASCE_TYPE_MASK) >> 2);
}

static uint64_t sh_index(uint64_t gaddr, unsigned level)
{
	return level == DAT_LEVEL_PTE ? DAT_PX(gaddr)
				      : (gaddr >> dat_level_shift(level)) & DAT_CRST_INDEX_MASK;
}

/* Mask of the block one entry of @level maps (never a shift by 64: §5 item 12). */
static uint64_t sh_block_mask(unsigned level)
{
	return ~((1ULL << dat_level_shift(level)) - 1);
}

static bool sh_has_origin(uint64_t e, unsigned level)
{
	return (e & (level == DAT_LEVEL_STE ? _SEGMENT_ENTRY_ORIGIN : _REGION_ENTRY_ORIGIN)) != 0;
}

/* ---- table walk ------------------------------------------------------------ */

uint64_t gmap_table_walk(struct gmap *gmap, unsigned long gaddr, int level)
{
	unsigned top, l;
	uint64_t table;

	if (!gmap || level < DAT_LEVEL_PTE)
		return 0;
	top = sh_top(gmap->asce);
	if ((unsigned)level > top)
		return 0;
	/* Beyond the ASCE: bits above the top index (a R1 ASCE has none). */
	if (top < DAT_LEVEL_R1TE && (gaddr >> (dat_level_shift(top) + 11)) != 0)
		return 0;
	table = gmap->asce & _ASCE_ORIGIN;
	for (l = top; l > (unsigned)level; l--) {
		uint64_t e = sh_ld(gmap, table + sh_index(gaddr, l) * 8);

		if (l == DAT_LEVEL_STE) {
			if (e & _SEGMENT_ENTRY_INVALID)
				return 0;
			table = e & _SEGMENT_ENTRY_ORIGIN;
		} else {
			if (e & _REGION_ENTRY_INVALID)
				return 0;
			table = e & _REGION_ENTRY_ORIGIN;
		}
	}
	return table + sh_index(gaddr, (unsigned)level) * 8;
}

/* ---- notifiers ----------------------------------------------------------- */

void gmap_register_pte_notifier(struct gm_machine *m, struct gmap_notifier *nb)
{
	if (!m || !nb)
		return;
	nb->next = m->gmap_notifiers;
	m->gmap_notifiers = nb;
}

void gmap_unregister_pte_notifier(struct gm_machine *m, struct gmap_notifier *nb)
{
	struct gmap_notifier **pp;

	if (!m || !nb)
		return;
	for (pp = &m->gmap_notifiers; *pp; pp = &(*pp)->next)
		if (*pp == nb) {
			*pp = nb->next;
			nb->next = NULL;
			return;
		}
}

static void gmap_call_notifier(struct gmap *gmap, uint64_t start, uint64_t end)
{
	struct gmap_notifier *nb, *next;

	for (nb = gmap->mm->machine->gmap_notifiers; nb; nb = next) {
		next = nb->next; /* a callback may unregister itself */
		if (nb->notifier_call)
			nb->notifier_call(gmap, start, end);
	}
}

/*
 * The guest address a seed gmap STE at @ste translates: each gmap crst
 * block records its parent entry in ->index and its gmap in ->priv
 * (lib/gmap.c gmap_alloc_table()), the top table has index 0.
 */
static bool seed_ste_gaddr(struct gm_machine *m, uint64_t ste, struct gmap **owner,
			   uint64_t *gaddr)
{
	uint64_t entry = ste, g = 0;

	for (unsigned level = DAT_LEVEL_STE; level <= DAT_LEVEL_R1TE; level++) {
		uint64_t table = entry & ~(CRST_BYTES - 1);
		struct storage_page *pg = storage_page(m->st, table);

		if (!pg || pg->kind != STORAGE_CRST || !pg->priv)
			return false;
		g |= ((entry - table) / 8) << dat_level_shift(level);
		*owner = pg->priv;
		*gaddr = g;
		if (!pg->index)
			return level == DAT_LEVEL_R1TE;
		entry = pg->index;
	}
	return false;
}

void ptep_notify(struct mm_struct *mm, uint64_t vmaddr, uint64_t ptep, uint64_t bits)
{
	struct gmap_pgtable *mp;
	struct gmap_rmap *rm, *rnext;

	if (!mm)
		return;
	mp = mm_pgtable(mm, ptep & PAGE_MASK);
	if (!mp)
		return;
	/* Every guest STE linking this page table (several gmaps, or aliases). */
	LIST_FOREACH_SAFE(rm, &mp->mapper, list, rnext) {
		struct gmap *gmap = NULL, *sg, *snext;
		uint64_t gaddr;

		if (!seed_ste_gaddr(mm->machine, rm->entry, &gmap, &gaddr))
			continue;
		gaddr |= (vmaddr & ~PMD_MASK) & PAGE_MASK;
		if (bits & PGSTE_IN_BIT)
			gmap_call_notifier(gmap, gaddr, gaddr + PAGE_SIZE - 1);
		if (bits & PGSTE_VSIE_BIT)
			LIST_FOREACH_SAFE(sg, &gmap->children, list, snext)
				gmap_shadow_notify(sg, vmaddr & PAGE_MASK, gaddr);
	}
}

/* ---- parent-side helpers -------------------------------------------------- */

/* __gmap_translate(): the parent process address of guest-2 @gaddr, or -EFAULT. */
static int sh_translate(struct gmap *parent, uint64_t gaddr, uint64_t *vmaddr)
{
	struct nested_host h;

	(void)nested_g2_to_host(parent, gaddr, &h);
	if (!h.have_vmaddr)
		return -EFAULT;
	*vmaddr = h.vmaddr;
	return 0;
}

/*
 * gmap_pte_op_walk(): the process pte of guest-2 @gaddr when the parent's
 * STE links its page table (0 otherwise: the caller fixes up and retries).
 */
static uint64_t sh_pte_op_walk(struct gmap *parent, uint64_t gaddr, uint64_t *vmaddr)
{
	uint64_t ste = gmap_table_walk(parent, gaddr, DAT_LEVEL_STE), v, pto;
	struct gmap_pgtable *mp;

	if (!ste)
		return 0;
	v = sh_ld(parent, ste);
	if (gmap_ste_state(v) != GMAP_STE_STATE_LINKED)
		return 0;
	pto = v & _SEGMENT_ENTRY_ORIGIN;
	mp = mm_pgtable(parent->mm, pto);
	if (!mp)
		return 0;
	*vmaddr = mp->vmaddr | ((gaddr & ~PMD_MASK) & PAGE_MASK);
	return pto + DAT_PX(gaddr) * 8;
}

/* gmap_pte_op_fixup(): link the segment and fault the page in (for write when @write). */
static int sh_fixup(struct gmap *parent, uint64_t gaddr, bool write)
{
	unsigned long vmaddr = gmap_fault(gaddr, parent);
	int rc;

	if (vmaddr == (unsigned long)-ENOMEM)
		return -ENOMEM;
	if (vmaddr == (unsigned long)-EFAULT)
		return -EFAULT;
	rc = mm_fault(parent->mm, vmaddr, write ? MM_FAULT_WRITE : 0);
	return rc == -ENOMEM ? -ENOMEM : rc < 0 ? -EFAULT : 0;
}

/* gmap_protect_range(): force @prot and arm @bit on every page of the range. */
static int sh_protect_range(struct gmap *parent, uint64_t gaddr, uint64_t len, unsigned prot,
			    uint64_t bit)
{
	unsigned tries = 0;

	while (len) {
		uint64_t vmaddr = 0, ptep = sh_pte_op_walk(parent, gaddr, &vmaddr);
		int rc = -EAGAIN;

		if (ptep)
			rc = ptep_force_prot(parent->mm, vmaddr, prot, bit);
		if (rc == 0) {
			gaddr += PAGE_SIZE;
			len -= PAGE_SIZE;
			tries = 0;
			continue;
		}
		if (rc != -EAGAIN)
			return rc;
		if (++tries > SHADOW_RETRIES)
			return -EAGAIN;
		rc = sh_fixup(parent, gaddr, (prot & MM_PROT_WRITE) != 0);
		if (rc)
			return rc;
	}
	return 0;
}

static void sh_install_notifier(struct gmap *parent);

int gmap_mprotect_notify(struct gmap *gmap, unsigned long gaddr, unsigned long len, int prot)
{
	if (!gmap || gmap->shadow || ((gaddr | len) & ~PAGE_MASK) || !len ||
	    gaddr + (len - 1) < gaddr)
		return -EINVAL;
	if (prot != MM_PROT_NONE && prot != MM_PROT_READ &&
	    prot != (MM_PROT_READ | MM_PROT_WRITE) && prot != MM_PROT_WRITE)
		return -EINVAL;
	sh_install_notifier(gmap);
	return sh_protect_range(gmap, gaddr, len, (unsigned)prot & (MM_PROT_READ | MM_PROT_WRITE),
				PGSTE_IN_BIT);
}

int gmap_read_table(struct gmap *gmap, unsigned long gaddr, unsigned long *val)
{
	if (!gmap || !val || (gaddr & 7))
		return -EINVAL;
	for (unsigned tries = 0;; tries++) {
		struct nested_host h;
		uint64_t v;
		int rc;

		/* A present pte is read as it is: no reference bit, no fault. */
		if (nested_g2_to_host(gmap, gaddr, &h) == 0 &&
		    storage_load8(sh_st(gmap), h.haddr, &v) == 0) {
			*val = v;
			return 0;
		}
		if (tries >= SHADOW_RETRIES)
			return -EFAULT;
		rc = sh_fixup(gmap, gaddr, false);
		if (rc)
			return rc;
	}
}

/* ---- shadow bookkeeping ------------------------------------------------------ */

static struct gmap_shadow_table *sh_table_find(struct gmap *sg, uint64_t table)
{
	struct gmap_shadow_table *t;

	LIST_FOREACH(t, &sg->shadow->tables, list)
		if (t->table == table)
			return t;
	return NULL;
}

/* A new shadow table with entries of @level, empty; not yet linked anywhere. */
static int sh_table_alloc(struct gmap *sg, unsigned level, uint64_t source, uint64_t saddr,
			  bool fake, struct gmap_shadow_table **out)
{
	struct gm_storage *st = sh_st(sg);
	struct gmap_shadow_table *t = storage_host_zalloc(st, sizeof(*t));
	enum storage_kind kind = level == DAT_LEVEL_PTE ? STORAGE_PT_PGSTE : STORAGE_CRST;

	if (!t)
		return -ENOMEM;
	if (storage_alloc(st, kind, &t->table) < 0) {
		storage_host_free(st, t, sizeof(*t));
		return -ENOMEM;
	}
	if (level == DAT_LEVEL_PTE)
		storage_fill8(st, t->table, _PAGE_INVALID, PTRS_PER_PTE);
	else
		storage_fill8(st, t->table, dat_crst_empty(level), PTRS_PER_CRST);
	t->level = (uint8_t)level;
	t->source = source;
	t->saddr = saddr;
	t->fake = fake;
	*out = t;
	machine_emit(sg->mm->machine, GM_EV_TABLE_ALLOC, t->table, kind, level, "shadow table");
	return 0;
}

static void sh_table_release(struct gmap *sg, struct gmap_shadow_table *t, bool listed)
{
	struct gm_storage *st = sh_st(sg);

	machine_emit(sg->mm->machine, GM_EV_TABLE_FREE, t->table,
		     t->level == DAT_LEVEL_PTE ? STORAGE_PT_PGSTE : STORAGE_CRST, t->level,
		     "shadow table");
	if (listed) {
		LIST_REMOVE(t, list);
		sg->shadow->nr_tables--;
	}
	storage_free(st, t->table);
	storage_host_free(st, t, sizeof(*t));
}

static void sh_table_link(struct gmap *sg, struct gmap_shadow_table *t)
{
	LIST_INSERT_HEAD(&sg->shadow->tables, t, list);
	sg->shadow->nr_tables++;
}

/* gmap_insert_rmap(): no duplicate (vmaddr, raddr) — the 2022 rule (§5 item 14). */
static void sh_insert_rmap(struct gmap *sg, struct gmap_shadow_rmap *rmap)
{
	struct gmap_shadow_rmap *r;

	LIST_FOREACH(r, &sg->shadow->rmaps, list)
		if (r->vmaddr == rmap->vmaddr && r->raddr == rmap->raddr) {
			storage_host_free(sh_st(sg), rmap, sizeof(*rmap));
			return;
		}
	LIST_INSERT_HEAD(&sg->shadow->rmaps, rmap, list);
	sg->shadow->nr_rmaps++;
}

/* Free a table and everything below it (the entries pointing down are dropped). */
static void sh_free_subtree(struct gmap *sg, uint64_t table)
{
	struct gmap_shadow_table *t = sh_table_find(sg, table);

	if (!t)
		return; /* not ours: the checker reports such an entry */
	if (t->level > DAT_LEVEL_PTE)
		for (unsigned i = 0; i < PTRS_PER_CRST; i++) {
			uint64_t e = sh_ld(sg, table + i * 8ULL);

			if (sh_has_origin(e, t->level))
				sh_free_subtree(sg, e & (t->level == DAT_LEVEL_STE ? _SEGMENT_ENTRY_ORIGIN
										    : _REGION_ENTRY_ORIGIN));
		}
	sh_table_release(sg, t, true);
}

/* gmap_idte_one(): invalidate the one entry for @vaddr in @table (of @level) and purge. */
static void sh_idte_one(struct gmap *sg, uint64_t entry, unsigned level, uint64_t vaddr)
{
	struct gm_machine *m = sg->mm->machine;
	uint64_t table = entry & ~(CRST_BYTES - 1);

	if (machine_has_facility(m, GM_FAC_IDTE) &&
	    tlb_idte_invalidate(machine_current_cpu(m),
				table | ((uint64_t)(level - DAT_LEVEL_STE) << 2), vaddr, 0, false) == 0)
		return;
	sh_store(sg, entry, sh_ld(sg, entry) | _REGION_ENTRY_INVALID, "shadow entry invalidate");
	tlb_purge_all(m);
}

/* gmap_unshadow_page(). */
static void sh_unshadow_page(struct gmap *sg, uint64_t raddr)
{
	uint64_t ptep = gmap_table_walk(sg, raddr, DAT_LEVEL_PTE);

	if (!ptep || (sh_ld(sg, ptep) & _PAGE_INVALID))
		return;
	gmap_call_notifier(sg, raddr & PAGE_MASK, (raddr & PAGE_MASK) + PAGE_SIZE - 1);
	/* ptep_unshadow_pte(): IPTE, then the empty pte. */
	(void)tlb_ipte(machine_current_cpu(sg->mm->machine), ptep & ~(uint64_t)0x7ff, raddr, 0,
		       false);
	sh_store(sg, ptep, _PAGE_INVALID, "shadow pte unshadow");
}

/*
 * gmap_unshadow_pgt/sgt/r3t/r2t(): the entry of @level for @raddr holds a
 * table (valid or being built): invalidate it, empty it, free the subtree.
 */
static void sh_unshadow_level(struct gmap *sg, uint64_t raddr, unsigned level)
{
	uint64_t entry = gmap_table_walk(sg, raddr, (int)level), e, start;

	if (!entry)
		return;
	e = sh_ld(sg, entry);
	if (!sh_has_origin(e, level))
		return;
	start = raddr & sh_block_mask(level);
	gmap_call_notifier(sg, start, start + ~sh_block_mask(level));
	if (!(e & _REGION_ENTRY_INVALID))
		sh_idte_one(sg, entry, level, start);
	sh_store(sg, entry, dat_crst_empty(level), "shadow entry unshadow");
	sh_free_subtree(sg, e & (level == DAT_LEVEL_STE ? _SEGMENT_ENTRY_ORIGIN : _REGION_ENTRY_ORIGIN));
}

void gmap_unshadow(struct gmap *sg)
{
	unsigned top;
	uint64_t table;

	if (!sg || !sg->shadow)
		return;
	sg->shadow->removed = true;
	gmap_call_notifier(sg, 0, ~0UL);
	gmap_flush_tlb(sg);
	top = sh_top(sg->asce);
	table = sg->asce & _ASCE_ORIGIN;
	for (unsigned i = 0; i < PTRS_PER_CRST; i++) {
		uint64_t e = sh_ld(sg, table + i * 8ULL);

		if (!sh_has_origin(e, top))
			continue;
		sh_store(sg, table + i * 8ULL, dat_crst_empty(top), "shadow entry unshadow");
		sh_free_subtree(sg, e & (top == DAT_LEVEL_STE ? _SEGMENT_ENTRY_ORIGIN : _REGION_ENTRY_ORIGIN));
	}
}

/* ---- shadow lifecycle -------------------------------------------------------- */

static void sh_free(struct gmap *sg)
{
	struct gm_storage *st = sh_st(sg);
	struct gmap_shadow *s = sg->shadow;
	struct gmap_shadow_table *t;
	struct gmap_shadow_rmap *r;

	gmap_flush_tlb(sg);
	while ((t = LIST_FIRST(&s->tables)) != NULL)
		sh_table_release(sg, t, true);
	while ((r = LIST_FIRST(&s->rmaps)) != NULL) {
		LIST_REMOVE(r, list);
		storage_host_free(st, r, sizeof(*r));
	}
	storage_host_free(st, s, sizeof(*s));
	sg->magic = GMAP_MAGIC_DEAD;
	storage_host_free(st, sg, sizeof(*sg));
}

struct gmap *gmap_get(struct gmap *sg)
{
	if (sg && sg->shadow)
		sg->shadow->ref_count++;
	return sg;
}

void gmap_put(struct gmap *sg)
{
	if (!sg || !sg->shadow)
		return;
	if (--sg->shadow->ref_count == 0)
		sh_free(sg);
}

/* Off the parent's list, its reference dropped (the caller may hold others). */
static void sh_delist(struct gmap *sg)
{
	LIST_REMOVE(sg, list);
	sg->parent = NULL;
	gmap_put(sg);
}

/* gmap_remove() of the parent: every shadow is unshadowed and let go. */
static void sh_remove_children(struct gmap *parent)
{
	struct gmap *sg;

	while ((sg = LIST_FIRST(&parent->children)) != NULL) {
		gmap_unshadow(sg);
		sh_delist(sg);
	}
}

static void sh_install_notifier(struct gmap *parent)
{
	parent->mm->pte_notifier = ptep_notify;
	parent->remove_children = sh_remove_children;
}

int gmap_shadow_valid(struct gmap *sg, unsigned long asce, int edat_level)
{
	if (!sg || !sg->shadow || sg->shadow->removed)
		return 0;
	return sg->shadow->orig_asce == asce && sg->shadow->edat_level == edat_level;
}

static struct gmap *sh_alloc(struct gmap *parent, uint64_t asce, int edat_level)
{
	struct gm_storage *st = sh_st(parent);
	struct gmap_shadow_table *top;
	struct gmap *sg = storage_host_zalloc(st, sizeof(*sg));
	struct gmap_shadow *s;
	uint64_t type = (asce & _ASCE_REAL_SPACE) ? _ASCE_TYPE_REGION1 : asce & _ASCE_TYPE_MASK;

	if (!sg)
		return NULL;
	s = storage_host_zalloc(st, sizeof(*s));
	if (!s) {
		storage_host_free(st, sg, sizeof(*sg));
		return NULL;
	}
	sg->shadow = s;
	sg->mm = parent->mm;
	sg->magic = GMAP_MAGIC; /* a live gmap to the API's handle checks */
	if (sh_table_alloc(sg, sh_top(type), asce & _ASCE_ORIGIN, 0,
			   (asce & _ASCE_REAL_SPACE) != 0, &top)) {
		storage_host_free(st, s, sizeof(*s));
		storage_host_free(st, sg, sizeof(*sg));
		return NULL;
	}
	sh_table_link(sg, top);
	sg->table = top->table;
	/* gmap_alloc(limit): the type of the ASCE shadowed, TL 3, the user bits. */
	sg->asce = top->table | type | _ASCE_TABLE_LENGTH | _ASCE_USER_BITS;
	sg->parent = parent;
	s->orig_asce = asce;
	s->edat_level = edat_level;
	return sg;
}

struct gmap *gmap_shadow(struct gmap *parent, unsigned long asce, int edat_level)
{
	struct gmap *sg, *next;
	int rc;

	if (!parent || parent->shadow || edat_level < 0 || edat_level > 2)
		return (struct gmap *)(intptr_t)-EINVAL;
	/* gmap_find_shadow() */
	LIST_FOREACH(sg, &parent->children, list) {
		if (sg->shadow->orig_asce != asce || sg->shadow->edat_level != edat_level ||
		    sg->shadow->removed)
			continue;
		if (!sg->shadow->initialized)
			return (struct gmap *)(intptr_t)-EAGAIN;
		return gmap_get(sg);
	}
	sh_install_notifier(parent);
	/* Everything the shadow needs is allocated before anything changes. */
	sg = sh_alloc(parent, asce, edat_level);
	if (!sg)
		return (struct gmap *)(intptr_t)-ENOMEM;
	if (asce & _ASCE_REAL_SPACE) {
		/* Only one real-space shadow (3218f7094b6b): a new one replaces the old. */
		struct gmap *old;

		LIST_FOREACH_SAFE(old, &parent->children, list, next)
			if (old->shadow->orig_asce & _ASCE_REAL_SPACE) {
				gmap_unshadow(old);
				sh_delist(old);
				break;
			}
		sg->shadow->ref_count = 2;
		sg->shadow->initialized = true;
		LIST_INSERT_HEAD(&parent->children, sg, list);
		return sg;
	}
	sg->shadow->ref_count = 2; /* the children list and the caller */
	LIST_INSERT_HEAD(&parent->children, sg, list);
	/* Protect after insertion, so that a write meanwhile unshadows it. */
	rc = sh_protect_range(parent, asce & _ASCE_ORIGIN,
			      (dat_entry_tl(asce) + 1ULL) * PAGE_SIZE, MM_PROT_READ,
			      PGSTE_VSIE_BIT);
	sg->shadow->initialized = true;
	if (rc) {
		if (sg->parent) /* still listed: not removed by a notification meanwhile */
			sh_delist(sg);
		gmap_put(sg);
		return (struct gmap *)(intptr_t)rc;
	}
	return sg;
}

/* ---- building shadow tables ------------------------------------------------- */

/* gmap_protect_rmap(): protect [paddr, paddr+len) of the parent, an rmap per page. */
static int sh_protect_rmap(struct gmap *sg, uint64_t raddr, uint64_t paddr, uint64_t len)
{
	struct gmap *parent = sg->parent;
	unsigned tries = 0;

	while (len) {
		struct gmap_shadow_rmap *rmap;
		uint64_t vmaddr = 0, ptep;
		int rc = -EAGAIN;

		if (!parent)
			return -EAGAIN; /* the parent went meanwhile */
		if (sh_translate(parent, paddr, &vmaddr))
			return -EFAULT;
		rmap = storage_host_zalloc(sh_st(sg), sizeof(*rmap));
		if (!rmap)
			return -ENOMEM;
		ptep = sh_pte_op_walk(parent, paddr, &vmaddr);
		if (ptep)
			rc = ptep_force_prot(parent->mm, vmaddr, MM_PROT_READ, PGSTE_VSIE_BIT);
		if (rc == 0) {
			rmap->vmaddr = vmaddr & PAGE_MASK;
			rmap->raddr = raddr;
			sh_insert_rmap(sg, rmap);
			paddr += PAGE_SIZE;
			len -= PAGE_SIZE;
			tries = 0;
			continue;
		}
		storage_host_free(sh_st(sg), rmap, sizeof(*rmap));
		if (rc != -EAGAIN)
			return rc;
		if (++tries > SHADOW_RETRIES)
			return -EAGAIN;
		rc = sh_fixup(parent, paddr, false);
		if (rc)
			return rc;
		parent = sg->parent;
	}
	return 0;
}

static uint64_t sh_rmap_tag(unsigned slot_level)
{
	/* slot R1TE (4) → _SHADOW_RMAP_REGION1 (5) ... slot STE (1) → _SHADOW_RMAP_SEGMENT (2) */
	return slot_level + 1ULL;
}

/*
 * The common body of gmap_shadow_r2t/r3t/sgt/pgt: a table with entries of
 * @level for the guest-2 designation @entry, hung in the slot of level
 * @level + 1 for @saddr.
 */
static int sh_shadow_table(struct gmap *sg, uint64_t saddr, uint64_t entry, bool fake,
			   unsigned level)
{
	unsigned slot_level = level + 1;
	bool seg = slot_level == DAT_LEVEL_STE;
	uint64_t inv = seg ? _SEGMENT_ENTRY_INVALID : _REGION_ENTRY_INVALID;
	uint64_t omask = seg ? _SEGMENT_ENTRY_ORIGIN : _REGION_ENTRY_ORIGIN;
	uint64_t source = entry & omask, slot, v, nv, raddr, origin, len;
	struct gmap_shadow_table *t;
	struct gmap_shadow *s;
	int rc;

	if (!sg || !(s = sg->shadow))
		return -EINVAL;
	if (!sg->parent || s->removed)
		return -EAGAIN;
	rc = sh_table_alloc(sg, level, source, saddr & sh_block_mask(slot_level), fake, &t);
	if (rc)
		return rc;
	slot = gmap_table_walk(sg, saddr, (int)slot_level);
	if (!slot) {
		sh_table_release(sg, t, false);
		return -EAGAIN; /* the shadow table above is missing */
	}
	v = sh_ld(sg, slot);
	if (!(v & inv)) {
		sh_table_release(sg, t, false);
		return 0; /* already established */
	}
	if (v & omask) {
		sh_table_release(sg, t, false);
		return -EAGAIN; /* being built (a race with another shadowing) */
	}
	/* Origin + invalid while the source is not protected yet (three states). */
	if (seg)
		nv = t->table | _SEGMENT_ENTRY | (entry & _SEGMENT_ENTRY_PROTECT) | inv;
	else
		nv = t->table | _REGION_ENTRY_LENGTH | dat_level_tt(slot_level) | inv |
		     (s->edat_level >= 1 ? entry & _REGION_ENTRY_PROTECT : 0);
	sh_table_link(sg, t);
	sh_store(sg, slot, nv, "shadow entry origin+invalid");
	if (fake) {
		sh_store(sg, slot, nv & ~inv, "shadow entry valid (fake)");
		return 0;
	}
	if (s->race_hook)
		s->race_hook(s->race_opaque, sg, saddr, slot_level);
	raddr = (saddr & sh_block_mask(slot_level)) | sh_rmap_tag(slot_level);
	if (seg) {
		origin = source & PAGE_MASK;
		len = PAGE_SIZE;
	} else {
		unsigned tf = dat_entry_tf(entry), tl = dat_entry_tl(entry);

		origin = source + tf * PAGE_SIZE;
		len = tl >= tf ? (tl + 1ULL - tf) * PAGE_SIZE : 0;
	}
	rc = sh_protect_rmap(sg, raddr, origin, len);
	if (rc) {
		sh_unshadow_level(sg, raddr & ~_SHADOW_RMAP_MASK, slot_level);
		return rc;
	}
	slot = gmap_table_walk(sg, saddr, (int)slot_level);
	if (!slot || (sh_ld(sg, slot) & omask) != t->table)
		return -EAGAIN; /* unshadowed meanwhile */
	sh_store(sg, slot, sh_ld(sg, slot) & ~inv, "shadow entry valid");
	return 0;
}

int gmap_shadow_r2t(struct gmap *sg, unsigned long saddr, unsigned long r2t, int fake)
{
	return sh_shadow_table(sg, saddr, r2t, fake != 0, DAT_LEVEL_R2TE);
}

int gmap_shadow_r3t(struct gmap *sg, unsigned long saddr, unsigned long r3t, int fake)
{
	return sh_shadow_table(sg, saddr, r3t, fake != 0, DAT_LEVEL_R3TE);
}

int gmap_shadow_sgt(struct gmap *sg, unsigned long saddr, unsigned long sgt, int fake)
{
	return sh_shadow_table(sg, saddr, sgt, fake != 0, DAT_LEVEL_STE);
}

int gmap_shadow_pgt(struct gmap *sg, unsigned long saddr, unsigned long pgt, int fake)
{
	return sh_shadow_table(sg, saddr, pgt, fake != 0, DAT_LEVEL_PTE);
}

int gmap_shadow_pgt_lookup(struct gmap *sg, unsigned long saddr, unsigned long *pgt,
			   int *dat_protection, int *fake)
{
	struct gmap_shadow_table *t;
	uint64_t ste, v;

	if (!sg || !sg->shadow || !pgt || !dat_protection || !fake)
		return -EINVAL;
	ste = gmap_table_walk(sg, saddr, DAT_LEVEL_STE);
	if (!ste)
		return -EAGAIN;
	v = sh_ld(sg, ste);
	if (v & _SEGMENT_ENTRY_INVALID)
		return -EAGAIN;
	t = sh_table_find(sg, v & _SEGMENT_ENTRY_ORIGIN);
	if (!t)
		return -EAGAIN;
	*pgt = t->source;
	*dat_protection = (v & _SEGMENT_ENTRY_PROTECT) != 0;
	*fake = t->fake;
	return 0;
}

int gmap_shadow_page(struct gmap *sg, unsigned long saddr, unsigned long pte)
{
	bool want_write = !(pte & _PAGE_PROTECT);
	struct gmap_shadow_rmap *rmap;
	unsigned tries = 0;
	int rc;

	if (!sg || !sg->shadow)
		return -EINVAL;
	rmap = storage_host_zalloc(sh_st(sg), sizeof(*rmap));
	if (!rmap)
		return -ENOMEM;
	rmap->raddr = (saddr & PAGE_MASK) | _SHADOW_RMAP_PGTABLE;
	for (;;) {
		struct gmap *parent = sg->parent;
		uint64_t paddr = pte & PAGE_MASK, vmaddr = 0, sptep, tptep, spte, tpte;

		rc = -EAGAIN;
		if (!parent || sg->shadow->removed)
			break;
		rc = sh_translate(parent, paddr, &vmaddr);
		if (rc)
			break;
		rc = -EAGAIN;
		sptep = sh_pte_op_walk(parent, paddr, &vmaddr);
		if (sptep) {
			tptep = gmap_table_walk(sg, saddr, DAT_LEVEL_PTE);
			if (!tptep)
				break; /* the shadow page table went meanwhile */
			tpte = sh_ld(sg, tptep);
			spte = sh_ld(parent, sptep);
			if (!(tpte & _PAGE_INVALID)) {
				rc = 0; /* already shadowed */
				break;
			}
			/* ptep_shadow_pte(): a valid parent pte, writable if guest-2's is. */
			if (!(spte & _PAGE_INVALID) && !((spte & _PAGE_PROTECT) && want_write)) {
				uint64_t pgste = sh_ld(parent, sptep + PGSTE_OFFSET);

				(void)storage_store8(sh_st(sg), sptep + PGSTE_OFFSET,
						     pgste | PGSTE_VSIE_BIT);
				sh_store(sg, tptep, (spte & PAGE_MASK) | (pte & _PAGE_PROTECT),
					 "shadow pte");
				rmap->vmaddr = vmaddr & PAGE_MASK;
				sh_insert_rmap(sg, rmap);
				return 0;
			}
		}
		if (++tries > SHADOW_RETRIES)
			break;
		rc = sh_fixup(parent, paddr, want_write);
		if (rc)
			break;
	}
	storage_host_free(sh_st(sg), rmap, sizeof(*rmap));
	return rc;
}

void gmap_shadow_notify(struct gmap *sg, unsigned long vmaddr, unsigned long gaddr)
{
	struct gmap_shadow *s;
	struct gmap_shadow_rmap *r, *rnext;

	if (!sg || !(s = sg->shadow) || s->removed)
		return;
	if (!(s->orig_asce & _ASCE_REAL_SPACE)) {
		uint64_t start = s->orig_asce & _ASCE_ORIGIN;
		uint64_t end = start + (dat_entry_tl(s->orig_asce) + 1ULL) * PAGE_SIZE;

		if (gaddr >= start && gaddr < end) {
			/* The top-level table changed: the complete shadow has to go. */
			gmap_unshadow(sg);
			if (sg->parent)
				sh_delist(sg);
			return;
		}
	}
	/* host_to_rmap[vmaddr]: remove every subtree built from this page. */
	LIST_FOREACH_SAFE(r, &s->rmaps, list, rnext) {
		uint64_t bits, raddr;

		if (r->vmaddr != (vmaddr & PAGE_MASK))
			continue;
		LIST_REMOVE(r, list);
		s->nr_rmaps--;
		bits = r->raddr & _SHADOW_RMAP_MASK;
		raddr = r->raddr ^ bits;
		storage_host_free(sh_st(sg), r, sizeof(*r));
		if (bits == _SHADOW_RMAP_PGTABLE)
			sh_unshadow_page(sg, raddr);
		else if (bits >= _SHADOW_RMAP_SEGMENT && bits <= _SHADOW_RMAP_REGION1)
			sh_unshadow_level(sg, raddr, (unsigned)bits - 1); /* the slot level */
		/* the list may have lost entries: start over */
		rnext = LIST_FIRST(&s->rmaps);
	}
}

/* ---- the shadow fault (kvm_s390_shadow_tables / kvm_s390_shadow_fault) ------ */

static int sh_read(struct gmap *sg, uint64_t g2, uint64_t *val)
{
	unsigned long v = 0;
	int rc;

	if (!sg->parent)
		return -EAGAIN;
	rc = gmap_read_table(sg->parent, g2, &v);
	*val = v;
	return rc;
}

/* Walk guest-2's tables for @saddr, shadowing every level; *pgt the page-table origin. */
static int sh_shadow_tables(struct gmap *sg, uint64_t saddr, uint64_t *pgt, int *dat_prot,
			    int *fake)
{
	struct gmap_shadow *s = sg->shadow;
	uint64_t asce = s->orig_asce, ptr = asce & _ASCE_ORIGIN, e;
	unsigned top = sh_top(asce), level;
	int rc;

	*fake = 0;
	*dat_prot = 0;
	if (asce & _ASCE_REAL_SPACE) {
		*fake = 1;
		ptr = 0;
		top = DAT_LEVEL_R1TE;
	} else {
		if (top < DAT_LEVEL_R1TE && (saddr >> (dat_level_shift(top) + 11)) != 0)
			return PGM_ASCE_TYPE;
		if (((saddr >> (dat_level_shift(top) + 9)) & 3) > dat_entry_tl(asce))
			return top == DAT_LEVEL_STE ? PGM_SEGMENT_TRANSLATION
						    : PGM_REG_FIRST_TRANS + (int)(DAT_LEVEL_R1TE - top);
	}
	for (level = top; level > DAT_LEVEL_STE; level--) {
		unsigned next = level - 1;
		uint64_t hi = (saddr >> (dat_level_shift(next) + 9)) & 3;

		if (*fake) {
			/* A fake table maps a contiguous guest-2 range: no guest-2 entry. */
			ptr += (saddr >> dat_level_shift(level) & DAT_CRST_INDEX_MASK)
			       << dat_level_shift(level);
			e = ptr;
		} else {
			rc = sh_read(sg, ptr + ((saddr >> dat_level_shift(level)) & DAT_CRST_INDEX_MASK) * 8,
				     &e);
			if (rc)
				return rc;
			if (e & _REGION_ENTRY_INVALID)
				return PGM_REG_FIRST_TRANS + (int)(DAT_LEVEL_R1TE - level);
			if ((e & _REGION_ENTRY_TYPE_MASK) != dat_level_tt(level))
				return PGM_TRANSLATION_SPEC;
			if (level == DAT_LEVEL_R3TE && s->edat_level >= 2 && (e & _REGION3_ENTRY_CR) &&
			    (asce & _ASCE_PRIVATE_SPACE))
				return PGM_TRANSLATION_SPEC;
			if (level == DAT_LEVEL_R3TE && s->edat_level >= 2 && (e & _REGION3_ENTRY_LARGE)) {
				if (e & _REGION_ENTRY_PROTECT)
					*dat_prot = 1;
				*fake = 1;
				ptr = e & _REGION3_ENTRY_ORIGIN_LARGE;
				e = ptr | (*dat_prot ? _REGION_ENTRY_PROTECT : 0);
				rc = gmap_shadow_sgt(sg, saddr, e, 1);
				if (rc)
					return rc;
				goto segment;
			}
			if (hi < dat_entry_tf(e) || hi > dat_entry_tl(e))
				return level == DAT_LEVEL_R3TE
					       ? PGM_SEGMENT_TRANSLATION
					       : PGM_REG_FIRST_TRANS + (int)(DAT_LEVEL_R1TE - level) + 1;
			if (s->edat_level >= 1 && (e & _REGION_ENTRY_PROTECT))
				*dat_prot = 1;
			ptr = e & _REGION_ENTRY_ORIGIN;
		}
		if (*dat_prot)
			e |= _REGION_ENTRY_PROTECT;
		rc = sh_shadow_table(sg, saddr, e, *fake != 0, next);
		if (rc)
			return rc;
	}
segment:
	if (*fake) {
		ptr += DAT_SX(saddr) << PMD_SHIFT;
		e = ptr;
	} else {
		rc = sh_read(sg, ptr + DAT_SX(saddr) * 8, &e);
		if (rc)
			return rc;
		if (e & _SEGMENT_ENTRY_INVALID)
			return PGM_SEGMENT_TRANSLATION;
		if (e & _SEGMENT_ENTRY_TYPE_MASK)
			return PGM_TRANSLATION_SPEC;
		if ((e & _SEGMENT_ENTRY_COMMON) && (asce & _ASCE_PRIVATE_SPACE))
			return PGM_TRANSLATION_SPEC;
		if (e & _SEGMENT_ENTRY_PROTECT)
			*dat_prot = 1;
		if (s->edat_level >= 1 && (e & _SEGMENT_ENTRY_LARGE)) {
			*fake = 1;
			ptr = e & _SEGMENT_ENTRY_ORIGIN_LARGE;
			e = ptr;
		} else {
			ptr = e & _SEGMENT_ENTRY_ORIGIN;
		}
	}
	if (*dat_prot)
		e |= _SEGMENT_ENTRY_PROTECT;
	rc = gmap_shadow_pgt(sg, saddr, e, *fake);
	if (rc)
		return rc;
	*pgt = ptr;
	return 0;
}

int kvm_s390_shadow_fault(struct gmap *sg, unsigned long saddr)
{
	unsigned long pgt = 0;
	uint64_t pte = 0;
	int dat_prot = 0, fake = 0, rc;

	if (!sg || !sg->shadow)
		return -EINVAL;
	if (!sg->parent || sg->shadow->removed)
		return -EAGAIN; /* "vsie: Fix unshadowing while shadowing" (2026) */
	rc = gmap_shadow_pgt_lookup(sg, saddr, &pgt, &dat_prot, &fake);
	if (rc) {
		uint64_t p = 0;

		rc = sh_shadow_tables(sg, saddr, &p, &dat_prot, &fake);
		pgt = p;
	}
	if (rc)
		return rc;
	if (fake) {
		pte = pgt + DAT_PX(saddr) * PAGE_SIZE;
	} else {
		rc = sh_read(sg, pgt + DAT_PX(saddr) * 8, &pte);
		if (rc)
			return rc;
		if (pte & _PAGE_INVALID)
			return PGM_PAGE_TRANSLATION;
		if (pte & _PAGE_ZERO)
			return PGM_TRANSLATION_SPEC;
	}
	if (dat_prot)
		pte |= _PAGE_PROTECT;
	return gmap_shadow_page(sg, saddr, pte);
}

/* ---- the guest-3 access ------------------------------------------------------- */

static bool sh_translation_pic(int pic)
{
	return pic == PGM_SEGMENT_TRANSLATION || pic == PGM_PAGE_TRANSLATION ||
	       (pic >= PGM_REG_FIRST_TRANS && pic <= PGM_REG_THIRD_TRANS) || pic == PGM_ASCE_TYPE;
}

/* vsie.c inject_fault(): what guest-2 is told. */
static int sh_reflect(int pic, uint64_t saddr, bool write, struct dat_result *res)
{
	memset(res, 0, sizeof(*res));
	res->teid_valid = pic != PGM_TRANSLATION_SPEC && pic != PGM_ADDRESSING;
	if (res->teid_valid)
		res->teid = (saddr & TEID_ADDR_MASK) | (write ? TEID_STORE : TEID_FETCH) |
			    (pic == PGM_PROTECTION ? TEID_PROT_DAT : 0);
	return pic;
}

static int sh_resolve(struct gm_cpu *cpu, struct gmap *sg, uint64_t saddr, bool write,
		      struct dat_result *res)
{
	enum dat_access acc = write ? DAT_STORE : DAT_FETCH;

	for (unsigned attempt = 0; attempt <= SHADOW_RETRIES; attempt++) {
		int pic = cpu_translate(cpu, saddr, acc, res), rc;

		if (pic <= 0)
			return pic;
		if (pic == PGM_PROTECTION)
			return sh_reflect(pic, saddr, write, res); /* guest-2's own P */
		if (!sh_translation_pic(pic))
			return pic;
		rc = kvm_s390_shadow_fault(sg, saddr);
		if (rc > 0)
			return sh_reflect(rc, saddr, write, res);
		if (rc == -EAGAIN && sg->parent && !sg->shadow->removed)
			continue;
		if (rc < 0)
			return rc;
	}
	return -EAGAIN;
}

static int sh_resolve_cb(struct gm_cpu *cpu, void *ctx, uint64_t addr, bool write,
			 struct dat_result *res)
{
	return sh_resolve(cpu, ctx, addr, write, res);
}

int shadow_sie_access(struct gm_machine *m, struct gmap *sg, uint64_t saddr, void *buf, size_t len,
		      bool write, struct dat_result *res)
{
	struct gm_psw saved;
	struct gm_cpu *cpu;
	uint64_t cr1;
	int rc = 0;

	if (!m || !sg || !sg->shadow || (!buf && len) || (len && saddr + (len - 1) < saddr))
		return -EINVAL;
	if (!sg->parent || sg->shadow->removed)
		return -EAGAIN;
	cpu = machine_current_cpu(m);
	cr1 = cpu_get_cr(cpu, CR_PRIMARY_ASCE);
	saved = gmap_sie_enter(cpu, sg->asce);
	if (len)
		rc = gmap_sie_copy(m, cpu, saddr, buf, len, write, sh_resolve_cb, sg, res);
	(void)cpu_set_cr(cpu, CR_PRIMARY_ASCE, cr1);
	cpu_set_psw(cpu, saved);
	return rc;
}
