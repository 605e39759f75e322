/* SPDX-License-Identifier: MIT */
/*
 * check-shadow — the shadow part of the invariant checker (gmap-semantics
 * §4.C and libgmap's 104/105), called by check_machine().
 *
 * The ground truth is nested_translate() (lib/nested.c): a valid shadow
 * pte is right exactly when it gives the host frame and the protection of
 * the composed translation guest-3 → guest-2 → host; a valid shadow table
 * is right when guest-2's entry that designates its source still does;
 * and the shadow may only stay right if every guest-2 page it was built
 * from is protected in the parent with PGSTE_VSIE_BIT (so that the next
 * change of it unshadows).  check_shadow_asce() needs nothing but tables
 * in storage, so it also judges shadow tables built by other code.
 *
 * Like check.c it reads storage with storage_load8(), changes nothing and
 * keeps scratch state in plain host memory.
 */
#include "export.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "check-internal.h"
#include "gmap/nested.h"
#include "gmap/pgste.h"
#include "gmap/shadow.h"
#include "gmap/tlb.h"
#include "machine-internal.h"

#define CRST_BYTES (PTRS_PER_CRST * 8ULL)

static int sreport(struct check_report *rep, unsigned inv, uint64_t where, const char *fmt, ...)
{
	struct check_violation *v;
	va_list ap;

	if (rep->n >= rep->cap) {
		rep->truncated = true;
		return 1;
	}
	v = &rep->v[rep->n++];
	v->inv = inv;
	v->where = where;
	va_start(ap, fmt);
	vsnprintf(v->msg, sizeof(v->msg), fmt, ap);
	va_end(ap);
	return 1;
}

#define ULL(x) ((unsigned long long)(x))

static uint64_t ld(const struct gmap *g, uint64_t aaddr)
{
	uint64_t v = 0;

	(void)storage_load8(machine_storage_const(g->mm->machine), aaddr, &v);
	return v;
}

static unsigned top_level(uint64_t asce)
{
	return DAT_LEVEL_STE + (unsigned)((asce & _ASCE_TYPE_MASK) >> 2);
}

/* The guest-2 page @g2 is armed with the VSIE bit (and read-only if it holds a table). */
static int check_armed(const struct gmap *parent, uint64_t g2, bool table, uint64_t saddr,
		       const char *what, struct check_report *rep)
{
	struct nested_host h;
	uint64_t pgste = 0;

	if (nested_g2_to_host(parent, g2 & PAGE_MASK, &h) != 0)
		return sreport(rep, CHECK_INV_SHADOW_PROT, g2,
			       "%s page 0x%llx (guest-3 0x%llx) is not mapped in the host", what,
			       ULL(g2 & PAGE_MASK), ULL(saddr));
	if (pgste_get(parent->mm, h.ptep, &pgste) || !(pgste & PGSTE_VSIE_BIT))
		return sreport(rep, CHECK_INV_SHADOW_PROT, g2,
			       "%s page 0x%llx (guest-3 0x%llx) is not protected: no VSIE bit in its pgste",
			       what, ULL(g2 & PAGE_MASK), ULL(saddr));
	if (table && !(h.pte & _PAGE_PROTECT))
		return sreport(rep, CHECK_INV_SHADOW_PROT, g2,
			       "%s page 0x%llx (guest-3 0x%llx) is writable in the parent", what,
			       ULL(g2 & PAGE_MASK), ULL(saddr));
	return 0;
}

struct walk {
	const struct gmap *parent;
	uint64_t orig_asce;
	int edat_level;
	struct check_report *rep;
	int found;
};

/* A valid shadow pte for @saddr: frame and protection against the oracle. */
static void check_pte(struct walk *w, uint64_t saddr, uint64_t pte, bool prot)
{
	struct nested_result r;
	static const char *const lvl[] = { "pte", "segment table", "region-3 table",
					   "region-2 table", "region-1 table" };

	prot = prot || (pte & _PAGE_PROTECT);
	if (nested_translate(w->parent, w->orig_asce, (unsigned)w->edat_level, saddr, DAT_FETCH,
			     &r) < 0)
		return;
	if (r.kind != NESTED_OK) {
		w->found += sreport(w->rep, CHECK_INV_SHADOW_STALE, saddr,
				    "stale shadow: guest-3 0x%llx: shadow pte 0x%llx → host 0x%llx, but guest-2's tables give %s 0x%x",
				    ULL(saddr), ULL(pte), ULL(pte & PAGE_MASK),
				    r.kind == NESTED_PIC ? "PIC" : "a host fault at guest-2",
				    r.kind == NESTED_PIC ? (unsigned)r.pic : (unsigned)r.g2addr);
		return;
	}
	if ((r.haddr & PAGE_MASK) != (pte & PAGE_MASK)) {
		w->found += sreport(w->rep, CHECK_INV_SHADOW_STALE, saddr,
				    "stale shadow: guest-3 0x%llx: shadow pte 0x%llx → host 0x%llx, the nested translation gives 0x%llx (guest-2 0x%llx)",
				    ULL(saddr), ULL(pte), ULL(pte & PAGE_MASK), ULL(r.haddr & PAGE_MASK),
				    ULL(r.g2addr & PAGE_MASK));
		return;
	}
	if (r.protect != prot)
		w->found += sreport(w->rep, CHECK_INV_SHADOW_STALE, saddr,
				    "shadow of guest-3 0x%llx (shadow pte 0x%llx) is %s, guest-2's tables make it %s",
				    ULL(saddr), ULL(pte), prot ? "read-only" : "writable",
				    r.protect ? "read-only" : "writable");
	for (unsigned i = 0; i < r.ntrace; i++)
		w->found += check_armed(w->parent, r.trace[i].g2addr, true, saddr,
					lvl[r.trace[i].level > 4 ? 0 : r.trace[i].level], w->rep);
	w->found += check_armed(w->parent, r.g2addr, false, saddr, "guest-3 data", w->rep);
}

static void walk_shadow(struct walk *w, uint64_t table, unsigned level, uint64_t base, bool prot)
{
	unsigned n = level == DAT_LEVEL_PTE ? PTRS_PER_PTE : PTRS_PER_CRST;

	for (unsigned i = 0; i < n; i++) {
		uint64_t e = ld(w->parent, table + i * 8ULL);
		uint64_t saddr = base + ((uint64_t)i << dat_level_shift(level));

		if (level == DAT_LEVEL_PTE) {
			if (!(e & _PAGE_INVALID))
				check_pte(w, saddr, e, prot);
		} else if (level == DAT_LEVEL_STE) {
			if (!(e & _SEGMENT_ENTRY_INVALID))
				walk_shadow(w, e & _SEGMENT_ENTRY_ORIGIN, DAT_LEVEL_PTE, saddr,
					    prot || (e & _SEGMENT_ENTRY_PROTECT));
		} else if (!(e & _REGION_ENTRY_INVALID)) {
			walk_shadow(w, e & _REGION_ENTRY_ORIGIN, level - 1, saddr,
				    prot || (e & _REGION_ENTRY_PROTECT));
		}
	}
}

int check_shadow_asce(const struct gmap *parent, uint64_t orig_asce, int edat_level,
		      uint64_t shadow_asce, struct check_report *rep)
{
	struct walk w = { parent, orig_asce, edat_level, rep, 0 };

	if (!parent || !parent->mm || !rep || edat_level < 0 || edat_level > 2)
		return -EINVAL;
	if (!rep->cap)
		rep->cap = 64;
	if (!rep->v) {
		rep->v = calloc(rep->cap, sizeof(*rep->v));
		if (!rep->v)
			return -ENOMEM;
	}
	if (!(orig_asce & _ASCE_REAL_SPACE))
		for (uint64_t p = 0; p <= dat_entry_tl(orig_asce); p++)
			w.found += check_armed(parent, (orig_asce & _ASCE_ORIGIN) + p * PAGE_SIZE, true,
					       0, "top-level table", rep);
	walk_shadow(&w, shadow_asce & _ASCE_ORIGIN, top_level(shadow_asce), 0, false);
	return w.found;
}

/* ---- libgmap's own shadows: structure, sources, rmaps --------------------- */

struct sctx {
	struct gmap *parent;
	struct gmap *sg;
	struct check_report *rep;
	unsigned reached;
};

static struct gmap_shadow_table *find_table(struct gmap *sg, uint64_t table)
{
	struct gmap_shadow_table *t;

	LIST_FOREACH(t, &sg->shadow->tables, list)
		if (t->table == table)
			return t;
	return NULL;
}

static bool has_rmap(struct gmap *sg, uint64_t vmaddr, uint64_t raddr)
{
	struct gmap_shadow_rmap *r;

	LIST_FOREACH(r, &sg->shadow->rmaps, list)
		if (r->vmaddr == vmaddr && r->raddr == raddr)
			return true;
	return false;
}

/* The parent process page of guest-2 @g2, or ~0 when there is none. */
static uint64_t g2_vmaddr(struct gmap *parent, uint64_t g2)
{
	struct nested_host h;

	(void)nested_g2_to_host(parent, g2, &h);
	return h.have_vmaddr ? h.vmaddr & PAGE_MASK : ~0ULL;
}

/* Source pages of a non-fake shadow table: armed and with an rmap of @tag. */
static void check_source(struct sctx *c, uint64_t first, uint64_t len, uint64_t raddr)
{
	for (uint64_t p = 0; p < len; p += PAGE_SIZE) {
		uint64_t g2 = first + p, vm = g2_vmaddr(c->parent, g2);

		if (check_armed(c->parent, g2, true, raddr & ~_SHADOW_RMAP_MASK, "guest-2 table",
				c->rep))
			continue;
		if (!has_rmap(c->sg, vm, raddr))
			sreport(c->rep, CHECK_INV_SHADOW_RMAP, g2,
				"no rmap (vmaddr 0x%llx, raddr 0x%llx) for guest-2 table page 0x%llx, source of the shadow %s for guest-3 0x%llx",
				ULL(vm), ULL(raddr), ULL(g2),
				(raddr & _SHADOW_RMAP_MASK) == _SHADOW_RMAP_SEGMENT ? "page table"
				: (raddr & _SHADOW_RMAP_MASK) == _SHADOW_RMAP_REGION3 ? "segment table"
				: (raddr & _SHADOW_RMAP_MASK) == _SHADOW_RMAP_REGION2 ? "region-3 table"
										     : "region-2 table",
				ULL(raddr & ~_SHADOW_RMAP_MASK));
	}
}

/*
 * The guest-2 entry that designates the source of shadow table @t (hung
 * in the slot of @slot_level for guest-3 @saddr, under shadow table @pt)
 * must still designate it.
 */
static void check_child(struct sctx *c, struct gmap_shadow_table *pt, unsigned idx,
			struct gmap_shadow_table *t, unsigned slot_level, uint64_t saddr)
{
	struct gmap_shadow *s = c->sg->shadow;
	uint64_t ge = 0, want;
	struct nested_host h;
	bool seg = slot_level == DAT_LEVEL_STE;

	if (pt->fake) {
		want = pt->source + ((uint64_t)idx << dat_level_shift(slot_level));
		if (!t->fake || t->source != want)
			sreport(c->rep, CHECK_INV_SHADOW_STALE, t->table,
				"shadow table 0x%llx under a fake table: source 0x%llx, expected fake 0x%llx",
				ULL(t->table), ULL(t->source), ULL(want));
		return;
	}
	if (nested_g2_to_host(c->parent, pt->source + idx * 8ULL, &h) != 0 ||
	    storage_load8(machine_storage_const(c->parent->mm->machine), h.haddr, &ge)) {
		sreport(c->rep, CHECK_INV_SHADOW_STALE, t->table,
			"shadow table 0x%llx for guest-3 0x%llx: guest-2's entry 0x%llx is not in host memory",
			ULL(t->table), ULL(saddr), ULL(pt->source + idx * 8ULL));
		return;
	}
	if (t->fake) {
		bool large = seg ? (s->edat_level >= 1 && (ge & _SEGMENT_ENTRY_LARGE) &&
				    !(ge & _SEGMENT_ENTRY_INVALID))
				 : (slot_level == DAT_LEVEL_R3TE && s->edat_level >= 2 &&
				    (ge & _REGION3_ENTRY_LARGE) && !(ge & _REGION_ENTRY_INVALID));
		uint64_t base = seg ? ge & _SEGMENT_ENTRY_ORIGIN_LARGE : ge & _REGION3_ENTRY_ORIGIN_LARGE;

		if (!large || base != t->source)
			sreport(c->rep, CHECK_INV_SHADOW_STALE, t->table,
				"stale fake shadow table 0x%llx (guest-3 0x%llx, frame 0x%llx): guest-2's entry is now 0x%llx",
				ULL(t->table), ULL(saddr), ULL(t->source), ULL(ge));
		return;
	}
	if (seg)
		want = (!(ge & _SEGMENT_ENTRY_INVALID) && !(ge & _SEGMENT_ENTRY_TYPE_MASK) &&
			!(s->edat_level >= 1 && (ge & _SEGMENT_ENTRY_LARGE)))
			       ? ge & _SEGMENT_ENTRY_ORIGIN
			       : ~0ULL;
	else
		want = (!(ge & _REGION_ENTRY_INVALID) &&
			(ge & _REGION_ENTRY_TYPE_MASK) == dat_level_tt(slot_level) &&
			!(slot_level == DAT_LEVEL_R3TE && s->edat_level >= 2 &&
			  (ge & _REGION3_ENTRY_LARGE)))
			       ? ge & _REGION_ENTRY_ORIGIN
			       : ~0ULL;
	if (want != t->source) {
		sreport(c->rep, CHECK_INV_SHADOW_STALE, t->table,
			"stale shadow table 0x%llx (guest-3 0x%llx) built from guest-2 0x%llx; guest-2's entry is now 0x%llx",
			ULL(t->table), ULL(saddr), ULL(t->source), ULL(ge));
		return;
	}
	if (seg) {
		check_source(c, t->source & PAGE_MASK, PAGE_SIZE, saddr | _SHADOW_RMAP_SEGMENT);
	} else {
		unsigned tf = dat_entry_tf(ge), tl = dat_entry_tl(ge);

		if (tl >= tf)
			check_source(c, t->source + tf * PAGE_SIZE, (tl + 1ULL - tf) * PAGE_SIZE,
				     saddr | (slot_level + 1ULL));
	}
}

static void walk_tables(struct sctx *c, struct gmap_shadow_table *t)
{
	unsigned level = t->level;

	c->reached++;
	if (level == DAT_LEVEL_PTE)
		return;
	for (unsigned i = 0; i < PTRS_PER_CRST; i++) {
		uint64_t ea = t->table + i * 8ULL, e = ld(c->sg, ea);
		bool seg = level == DAT_LEVEL_STE;
		uint64_t origin = e & (seg ? _SEGMENT_ENTRY_ORIGIN : _REGION_ENTRY_ORIGIN);
		uint64_t saddr = t->saddr + ((uint64_t)i << dat_level_shift(level));
		struct gmap_shadow_table *child;

		if (e == dat_crst_empty(level))
			continue;
		child = origin ? find_table(c->sg, origin) : NULL;
		if (!child || child->level != level - 1) {
			sreport(c->rep, CHECK_INV_SHADOW_PROT, ea,
				"shadow entry 0x%llx = 0x%llx is neither empty nor a table of this shadow",
				ULL(ea), ULL(e));
			continue;
		}
		if ((e & _REGION_ENTRY_TYPE_MASK) != dat_level_tt(level)) {
			sreport(c->rep, CHECK_INV_SHADOW_PROT, ea, "shadow entry 0x%llx has TT 0x%llx",
				ULL(ea), ULL(e & _REGION_ENTRY_TYPE_MASK));
			continue;
		}
		if (e & _REGION_ENTRY_INVALID) {
			/* ORIGIN+INVALID: only while its source is being protected. */
			sreport(c->rep, CHECK_INV_SHADOW_PROT, ea,
				"shadow entry 0x%llx (guest-3 0x%llx) is origin+invalid outside a shadowing operation",
				ULL(ea), ULL(saddr));
			continue;
		}
		check_child(c, t, i, child, level, saddr);
		walk_tables(c, child);
	}
}

static void check_one_shadow(struct gmap *parent, struct gmap *sg, struct check_report *rep)
{
	struct gmap_shadow *s = sg->shadow;
	struct sctx c = { parent, sg, rep, 0 };
	struct gmap_shadow_table *top;
	struct gmap_shadow_rmap *r, *q;

	if (!s) {
		sreport(rep, CHECK_INV_SHADOW_LIST, parent->table,
			"gmap 0x%llx has a child that is not a shadow", ULL(parent->table));
		return;
	}
	if (sg->parent != parent || sg->mm != parent->mm)
		sreport(rep, CHECK_INV_SHADOW_LIST, sg->table,
			"shadow 0x%llx on the children list of 0x%llx names another parent or mm",
			ULL(sg->table), ULL(parent->table));
	if (s->removed || !s->initialized || s->ref_count < 1)
		sreport(rep, CHECK_INV_SHADOW_LIST, sg->table,
			"shadow 0x%llx on a children list: removed %d, initialized %d, refcount %u",
			ULL(sg->table), s->removed, s->initialized, s->ref_count);
	top = find_table(sg, sg->table);
	if (!top || top->level != top_level(sg->asce) || (sg->asce & _ASCE_ORIGIN) != sg->table) {
		sreport(rep, CHECK_INV_SHADOW_LIST, sg->table,
			"shadow 0x%llx: its top table is not its own", ULL(sg->table));
		return;
	}
	walk_tables(&c, top);
	if (c.reached != s->nr_tables)
		sreport(rep, CHECK_INV_SHADOW_LIST, sg->table,
			"shadow 0x%llx owns %u tables, %u are reachable", ULL(sg->table), s->nr_tables,
			c.reached);
	LIST_FOREACH(r, &s->rmaps, list) {
		uint64_t pto = 0, pgste = 0;

		for (q = LIST_NEXT(r, list); q; q = LIST_NEXT(q, list))
			if (q->vmaddr == r->vmaddr && q->raddr == r->raddr)
				sreport(rep, CHECK_INV_SHADOW_RMAP, r->vmaddr,
					"duplicate rmap (vmaddr 0x%llx, raddr 0x%llx)", ULL(r->vmaddr),
					ULL(r->raddr));
		if (mm_pte_table(parent->mm, r->vmaddr, false, &pto) ||
		    pgste_get(parent->mm, pto + DAT_PX(r->vmaddr) * 8, &pgste) ||
		    !(pgste & PGSTE_VSIE_BIT))
			sreport(rep, CHECK_INV_SHADOW_RMAP, r->vmaddr,
				"rmap (vmaddr 0x%llx, raddr 0x%llx) but that pte is not armed",
				ULL(r->vmaddr), ULL(r->raddr));
	}
	(void)check_shadow_asce(parent, s->orig_asce, s->edat_level, sg->asce, rep);
}

struct tlb_walk {
	struct gmap *parent, *sg;
	unsigned cpu;
	struct check_report *rep;
};

/* A TLB entry formed through a shadow ASCE must agree with the oracle too. */
static void check_tlb_entry(void *opaque, uint64_t asce, uint64_t vaddr, uint64_t frame,
			    bool protect)
{
	struct tlb_walk *w = opaque;
	struct gmap_shadow *s = w->sg->shadow;
	struct nested_result r;

	if (asce != (w->sg->asce & (_ASCE_ORIGIN | _ASCE_TYPE_MASK)))
		return;
	if (nested_translate(w->parent, s->orig_asce, (unsigned)s->edat_level, vaddr, DAT_FETCH,
			     &r) < 0)
		return;
	if (r.kind != NESTED_OK || (r.haddr & PAGE_MASK) != frame || r.protect != protect)
		sreport(w->rep, CHECK_INV_SHADOW_STALE, vaddr,
			"stale TLB entry on CPU %u: guest-3 0x%llx → 0x%llx%s through shadow 0x%llx, the nested translation gives %s 0x%llx",
			w->cpu, ULL(vaddr), ULL(frame), protect ? " (ro)" : "", ULL(w->sg->table),
			r.kind == NESTED_OK ? "frame" : r.kind == NESTED_PIC ? "PIC" : "a host fault at",
			ULL(r.kind == NESTED_OK ? r.haddr & PAGE_MASK
						: r.kind == NESTED_PIC ? (uint64_t)r.pic : r.g2addr));
}

int check_shadow_gmap(struct gmap *parent, struct gmap *sg, struct check_report *rep)
{
	struct gm_machine *m;
	unsigned before;

	if (!parent || !parent->mm || !sg || !sg->shadow || !rep)
		return -EINVAL;
	if (!rep->cap)
		rep->cap = 64;
	if (!rep->v) {
		rep->v = calloc(rep->cap, sizeof(*rep->v));
		if (!rep->v)
			return -ENOMEM;
	}
	before = rep->n;
	m = parent->mm->machine;
	check_one_shadow(parent, sg, rep);
	for (unsigned i = 0; i < m->ncpus; i++) {
		struct tlb_walk tw = { parent, sg, i, rep };

		tlb_for_each_page(&m->cpus[i], check_tlb_entry, &tw);
	}
	return (int)(rep->n - before);
}

void check_shadows(struct gm_machine *m, struct check_report *rep)
{
	struct mm_struct *mm;

	TAILQ_FOREACH(mm, &m->mms, machine_link) {
		struct gmap *gmap, *sg;

		LIST_FOREACH(gmap, &mm->context.gmap_list, list) {
			unsigned real = 0;

			LIST_FOREACH(sg, &gmap->children, list) {
				check_one_shadow(gmap, sg, rep);
				for (unsigned i = 0; i < m->ncpus; i++) {
					struct tlb_walk tw = { gmap, sg, i, rep };

					tlb_for_each_page(&m->cpus[i], check_tlb_entry, &tw);
				}
				if (sg->shadow && (sg->shadow->orig_asce & _ASCE_REAL_SPACE))
					real++;
			}
			if (real > 1)
				sreport(rep, CHECK_INV_SHADOW_LIST, gmap->table,
					"gmap 0x%llx has %u real-space shadows (at most one)",
					ULL(gmap->table), real);
		}
	}
}
