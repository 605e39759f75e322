/* SPDX-License-Identifier: MIT */
/*
 * tlb — IPTE, IDTE, CSP/CSPG, PTLB and the per-CPU TLB they purge
 * (Principles of Operation, "Translation-Lookaside Buffer"; the facts used
 * are in docs/dat-reference.md §10).
 *
 * Model.  Each CPU of a machine created with `tlb = true` owns a bounded
 * pool of entries of two kinds:
 *   - page entries: one 4 KB page of one ASCE → its real frame (absolute
 *     for EDAT large frames), with the accumulated P and the IEP outcome;
 *   - combined region-and-segment entries (CRSTEs): one 1 MB segment of
 *     one ASCE → the page-table origin, with the P accumulated down to the
 *     STE.  A CRSTE hit costs one PTE fetch instead of a whole walk.
 * Every entry records the ASCE (origin and DT) it was formed under and the
 * absolute addresses of the table entries it was formed from, so a purge
 * removes exactly what the architecture says it must.  Entries formed from
 * a common segment (STE.CS, or R3TE.CR for a region frame) under a
 * non-private ASCE are filed under a shared tag and serve every ASCE with
 * P=0; an ASCE with P=1 never uses them.
 *
 * Lookups first try the CPU's first level (struct tlb_hot): a fixed,
 * direct-mapped array of copies of page entries, one load, which
 * tlb_translate_inline() can do in the caller.  Then one hash probe of the
 * pool on (tag, page) — two when a common entry may apply.  Replacement is CLOCK (second chance): a hit sets the entry's
 * reference bit, the hand clears it and evicts the first unreferenced one.
 * A second index keyed by the lowest table entry an entry was formed from
 * (the PTE for 4 KB pages) makes IPTE independent of the TLB size; the
 * other purges scan the pool.
 *
 * Prefixing is applied on every hit with the prefix of the lookup, so a
 * cached translation never goes stale when SPX changes the prefix.
 *
 * Layer tlb (docs/layers.txt): owns each CPU's TLB and the purge
 * instructions; calls storage, dat and machine state, never the cpu layer
 * (it is handed a dat_env or takes machine_cpu_dat_env()).
 */
#include "export.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "gmap/dat.h"
#include "gmap/machine.h"
#include "gmap/tlb.h"
#include "machine-internal.h"
#include "tlb-internal.h"
#include "storage-internal.h"

enum { ENT_FREE = 0, ENT_PAGE = 1, ENT_CRSTE = 2 };

#define EF_PROTECT 0x01u
#define EF_NOEXEC 0x02u
#define EF_COMMON 0x04u
#define EF_REF 0x08u

/* No ASCE tag has bit 0 set (origin bits 0-51 and DT only). */
#define TAG_COMMON 1ULL
#define TAG_MASK (_ASCE_ORIGIN | _ASCE_TYPE_MASK)
#define SRC_NONE UINT64_MAX
#define NLEVELS 5

struct tlb_ent {
	uint64_t tag;          /* ASCE origin|DT, or TAG_COMMON */
	uint64_t vpn;          /* vaddr >> 12 (page) or >> 20 (CRSTE) */
	uint64_t frame;        /* page: real (frame 0) / absolute 4 KB base; CRSTE: PTO */
	uint64_t asce;         /* origin|DT it was formed under */
	uint64_t src[NLEVELS]; /* absolute address of the entry of each level, or SRC_NONE */
	uint32_t next;         /* hash chain, or free list (index + 1, 0 = end) */
	uint32_t pnext;        /* chain of the lowest-source index */
	uint8_t kind;
	uint8_t flags;
	uint8_t env;           /* EDAT-1/EDAT-2/IEP switches it was formed with */
	uint8_t frame_type;    /* dat_result.frame */
	uint8_t level;         /* dat_result.level */
};

/*
 * The hit path (struct tlb_slot, <gmap/tlb.h>): a direct-mapped array in
 * front of the hash table holding copies of recently formed or used
 * non-common page entries, 32 bytes each, so a hit reads half a cache line
 * and tlb_translate_inline() can finish it in the caller.  A slot is only a
 * copy of the one entry with its key: removing that entry clears the slot.
 * Its reference bit stands for the entry's in the CLOCK sweep.  Each ASCE
 * tag has its own window of TLB_HOT_SLOTS slots (tlb_slot_window()).
 */
_Static_assert(sizeof(struct tlb_slot) == 1u << TLB_SLOT_SHIFT, "slot size");

/* The CPU's struct gm_tlb stays put for the CPU's life (tlb_get_hot()). */
struct gm_tlb {
	struct tlb_hot *hot; /* the first level: slots and the hit counter */
	struct tlb_stats st; /* st.hits unused: hot.hits counts */
	bool checking;       /* tlb_set_checking(): no slot is filled */
	bool have_stale;
	struct tlb_stale_info stale;
	unsigned cap;
	uint32_t mask;       /* hash buckets - 1 */
	uint32_t free;       /* free list head (index + 1) */
	uint32_t used;       /* ents[used..cap) never handed out since the reset: zero, ENT_FREE */
	uint32_t hand;       /* CLOCK hand */
	struct tlb_ent *ents;
	uint32_t *buckets;   /* 2 * (mask + 1): key hash, then lowest-source hash */
};

/* ---- events ------------------------------------------------------------ */

static void tlb_emit(struct gm_cpu *cpu, enum gm_event_type type, uint64_t a, uint64_t b,
		     uint64_t c, const char *what)
{
	machine_emit_cpu(cpu->m, cpu->idx, type, a, b, c, what);
}

/* ---- allocation -------------------------------------------------------- */

static uint32_t buckets_for(unsigned cap)
{
	uint32_t n = 16;

	while (n < 2 * (uint64_t)cap)
		n <<= 1;
	return n;
}

/* The resizable second level: the entry pool and its two hash indexes. */
struct tlb_pool {
	struct tlb_ent *ents;
	uint32_t *buckets;
	unsigned cap;
	uint32_t mask;
};

static size_t pool_bytes(unsigned cap, uint32_t nbuckets)
{
	return (size_t)cap * sizeof(struct tlb_ent) + (size_t)nbuckets * 2 * sizeof(uint32_t);
}

static void pool_free(struct gm_storage *st, const struct tlb_pool *p)
{
	storage_host_unmap(st, p->ents, pool_bytes(p->cap, p->mask + 1));
}

/*
 * One zeroed block: the entries, then both bucket arrays, mapped from the
 * host (storage_host_map()): only the pages the TLB uses are ever touched
 * (tlb_reset()).
 */
static int pool_alloc(struct gm_storage *st, unsigned cap, struct tlb_pool *p)
{
	uint32_t nb = buckets_for(cap);

	p->ents = storage_host_map(st, pool_bytes(cap, nb));
	if (!p->ents)
		return -ENOMEM;
	p->buckets = (uint32_t *)(void *)(p->ents + cap);
	p->cap = cap;
	p->mask = nb - 1;
	return 0;
}

static void tlb_free(struct gm_storage *st, struct gm_tlb *t)
{
	if (!t)
		return;
	pool_free(st, &(struct tlb_pool){ t->ents, t->buckets, t->cap, t->mask });
	storage_host_unmap(st, t->hot, sizeof(*t->hot));
	storage_host_free(st, t, sizeof(*t));
}

/* The slot holding a copy of @e, or NULL (defined with the indexes below). */
static inline struct tlb_slot *fast_of(const struct gm_tlb *t, const struct tlb_ent *e);

/* Empty the first level.  Every used slot is a copy of a live entry, so
 * clearing the entries' slots clears them all: the cost follows the pool,
 * not the fixed first level (and never touches a page of it no entry
 * used). */
static void slots_clear(struct gm_tlb *t)
{
	/* With many entries, sweeping the array itself is cheaper. */
	if (t->st.entries >= TLB_HOT_SLOTS / 2) {
		for (unsigned i = 0; i < 2 * TLB_HOT_SLOTS; i++)
			t->hot->slots[i].key = TLB_SLOT_EMPTY;
		return;
	}
	for (unsigned i = 0; i < t->used; i++) {
		struct tlb_slot *f = fast_of(t, &t->ents[i]);

		if (f)
			f->key = TLB_SLOT_EMPTY;
	}
}

/*
 * Empty the TLB.  Entries are handed out in index order from a high-water
 * mark (ent_alloc()), so only ents[0..used) can be anything but zero: the
 * reset, the scans and a new TLB never touch the rest of the pool.
 */
static void tlb_reset(struct gm_tlb *t)
{
	unsigned i;

	if (t->st.entries)
		memset(t->buckets, 0, (size_t)(t->mask + 1) * 2 * sizeof(uint32_t));
	slots_clear(t);
	for (i = 0; i < t->used; i++) {
		t->ents[i].kind = ENT_FREE;
		t->ents[i].flags = 0;
	}
	t->free = 0;
	t->used = 0;
	t->hand = 0;
	t->st.entries = 0;
}

static struct gm_tlb *tlb_new(struct gm_storage *st, unsigned cap)
{
	struct gm_tlb *t = storage_host_zalloc(st, sizeof(*t));
	struct tlb_pool p;

	if (!t)
		return NULL;
	t->hot = storage_host_map(st, sizeof(*t->hot));
	if (!t->hot || pool_alloc(st, cap, &p)) {
		storage_host_unmap(st, t->hot, sizeof(*t->hot));
		storage_host_free(st, t, sizeof(*t));
		return NULL;
	}
	/* The zero-allocated first level is empty as it is (slot_key_ok()):
	 * no sweep, and its pages stay untouched until a slot is filled. */
	t->hot->size = st->size;
	t->hot->win_tag = TLB_SLOT_EMPTY;
	t->hot->win = t->hot->slots;
	t->ents = p.ents;
	t->buckets = p.buckets;
	t->cap = cap;
	t->mask = p.mask;
	t->st.capacity = cap;
	return t;
}

int tlb_cpu_init(struct gm_cpu *cpu)
{
	struct gm_tlb *t;

	if (!cpu || !cpu->m)
		return -EINVAL;
	cpu->tlb = NULL;
	if (!cpu->m->tlb)
		return 0;
	t = tlb_new(cpu->m->st, TLB_DEFAULT_CAPACITY);
	if (!t)
		return -ENOMEM;
	cpu->tlb = t;
	return 0;
}

void tlb_cpu_fini(struct gm_cpu *cpu)
{
	if (!cpu || !cpu->tlb)
		return;
	tlb_free(cpu->m->st, cpu->tlb);
	cpu->tlb = NULL;
}

int tlb_set_capacity(struct gm_machine *m, unsigned entries)
{
	struct tlb_pool np[GM_MAX_CPUS];
	unsigned i;

	if (!m)
		return -EINVAL;
	if (!m->tlb)
		return -EOPNOTSUPP;
	if (entries == 0 || entries > TLB_MAX_CAPACITY)
		return -EINVAL;
	/* All or nothing: allocate every new pool before dropping an old one. */
	for (i = 0; i < m->ncpus; i++) {
		if (pool_alloc(m->st, entries, &np[i])) {
			while (i--)
				pool_free(m->st, &np[i]);
			return -ENOMEM;
		}
	}
	/* The struct and its first level stay (tlb_get_hot() callers point
	 * there); the old pool's entries count as purged. */
	for (i = 0; i < m->ncpus; i++) {
		struct gm_tlb *t = m->cpus[i].tlb;
		unsigned n = t->st.entries;

		/* The old entries' slots go; the old pool itself needs no reset. */
		slots_clear(t);
		pool_free(m->st, &(struct tlb_pool){ t->ents, t->buckets, t->cap, t->mask });
		t->ents = np[i].ents;
		t->buckets = np[i].buckets;
		t->cap = entries;
		t->mask = np[i].mask;
		t->st.capacity = entries;
		t->st.purged += n;
		t->st.entries = 0;
		t->free = 0;
		t->used = 0;
		t->hand = 0;
	}
	return 0;
}

/* ---- hashing and the two indexes ---------------------------------------- */

static inline uint32_t key_hash(const struct gm_tlb *t, unsigned kind, uint64_t tag, uint64_t vpn)
{
	uint64_t h = (tag ^ (vpn << 4) ^ kind) * 0x9e3779b97f4a7c15ULL;

	return (uint32_t)(h >> 32) & t->mask;
}

static inline uint32_t src_hash(const struct gm_tlb *t, uint64_t aaddr)
{
	uint64_t h = (aaddr >> 3) * 0x9e3779b97f4a7c15ULL;

	return (uint32_t)(h >> 32) & t->mask;
}

static inline uint32_t *src_buckets(struct gm_tlb *t)
{
	return t->buckets + t->mask + 1;
}

/*
 * A slot is empty when its key is TLB_SLOT_EMPTY (a cleared slot) or 0 (a
 * slot of the zero-allocated first level never filled): an entry whose key
 * would be 0 — ASCE origin 0, DT 0, no EDAT/IEP — is never copied into a
 * slot, so every path here refuses key 0.  tlb_translate_inline() needs no
 * test: a never-filled slot has vpn 0 and frame 0, and a hit on real page
 * 0 always takes the full path (prefixing), which refuses it.
 */
static inline bool slot_key_ok(uint64_t key)
{
	return key != 0;
}

/* The one slot a page entry of (@tag, @vpn) can occupy: as tlb_translate_inline() finds it. */
static inline struct tlb_slot *fast_slot(const struct gm_tlb *t, uint64_t tag, uint64_t vpn)
{
	return tlb_slot_window(t->hot, tag) + (vpn & (TLB_HOT_SLOTS - 1));
}

/* Copy a page entry into its fast slot (common entries never: see find_usable()). */
static void fast_install(struct gm_tlb *t, const struct tlb_ent *e)
{
	uint64_t key = tlb_slot_key(e->tag, e->env);
	struct tlb_slot *f;

	if (e->kind != ENT_PAGE || (e->flags & EF_COMMON) || t->checking || !slot_key_ok(key))
		return;
	f = fast_slot(t, e->tag, e->vpn);
	f->key = key;
	f->vpn = e->vpn;
	f->frame = e->frame;
	f->protect = (e->flags & EF_PROTECT) != 0;
	f->noexec = (e->flags & EF_NOEXEC) != 0;
	f->frame_type = e->frame_type;
	f->level = e->level;
	f->ref = 0;
}

static inline struct tlb_slot *fast_of(const struct gm_tlb *t, const struct tlb_ent *e)
{
	uint64_t key = tlb_slot_key(e->tag, e->env);
	struct tlb_slot *f;

	if (e->kind != ENT_PAGE || !slot_key_ok(key))
		return NULL;
	f = fast_slot(t, e->tag, e->vpn);
	return f->key == key && f->vpn == e->vpn ? f : NULL;
}

/* The lowest table entry an entry was formed from: what IPTE looks for. */
static uint64_t ent_low_src(const struct tlb_ent *e)
{
	unsigned l;

	for (l = 0; l < NLEVELS; l++)
		if (e->src[l] != SRC_NONE)
			return e->src[l];
	return SRC_NONE;
}

static inline struct tlb_ent *find(struct gm_tlb *t, unsigned kind, uint64_t tag, uint64_t vpn)
{
	uint32_t i = t->buckets[key_hash(t, kind, tag, vpn)];

	while (i) {
		struct tlb_ent *e = &t->ents[i - 1];

		if (e->vpn == vpn && e->tag == tag && e->kind == kind)
			return e;
		i = e->next;
	}
	return NULL;
}

static void unlink_chain(struct gm_tlb *t, uint32_t *head, uint32_t idx1, bool src)
{
	uint32_t *pp = head;

	while (*pp) {
		struct tlb_ent *e = &t->ents[*pp - 1];

		if (*pp == idx1) {
			*pp = src ? e->pnext : e->next;
			return;
		}
		pp = src ? &e->pnext : &e->next;
	}
}

static void ent_remove(struct gm_tlb *t, struct tlb_ent *e)
{
	uint32_t idx1 = (uint32_t)(e - t->ents) + 1;
	uint64_t low = ent_low_src(e);

	{
		struct tlb_slot *f = fast_of(t, e);

		if (f)
			f->key = TLB_SLOT_EMPTY;
	}
	unlink_chain(t, &t->buckets[key_hash(t, e->kind, e->tag, e->vpn)], idx1, false);
	if (low != SRC_NONE)
		unlink_chain(t, &src_buckets(t)[src_hash(t, low)], idx1, true);
	e->kind = ENT_FREE;
	e->flags = 0;
	e->next = t->free;
	t->free = idx1;
	t->st.entries--;
}

/* A slot for a new entry: a free one, else the CLOCK victim. */
static struct tlb_ent *ent_alloc(struct gm_tlb *t)
{
	struct tlb_ent *e;

	if (t->free) {
		e = &t->ents[t->free - 1];
		t->free = e->next;
		return e;
	}
	/* Then the never-used entries in index order (tlb_reset()). */
	if (t->used < t->cap)
		return &t->ents[t->used++];
	for (;;) {
		e = &t->ents[t->hand];
		t->hand = t->hand + 1 == t->cap ? 0 : t->hand + 1;
		if (e->kind == ENT_FREE)
			return e; /* cannot happen with an empty free list; harmless */
		{
			struct tlb_slot *f = fast_of(t, e);

			if ((e->flags & EF_REF) || (f && f->ref)) {
				e->flags &= (uint8_t)~EF_REF;
				if (f)
					f->ref = 0;
				continue;
			}
		}
		ent_remove(t, e);
		t->st.evictions++;
		/* ent_remove() pushed it on the free list: take it back. */
		t->free = e->next;
		return e;
	}
}

static void ent_insert(struct gm_tlb *t, const struct tlb_ent *proto)
{
	struct tlb_ent *e = find(t, proto->kind, proto->tag, proto->vpn);
	uint32_t h, idx1;
	uint64_t low;

	/* One entry per key: a re-formation replaces the old one. */
	if (e)
		ent_remove(t, e);
	e = ent_alloc(t);
	*e = *proto;
	idx1 = (uint32_t)(e - t->ents) + 1;
	h = key_hash(t, e->kind, e->tag, e->vpn);
	e->next = t->buckets[h];
	t->buckets[h] = idx1;
	low = ent_low_src(e);
	e->pnext = 0;
	if (low != SRC_NONE) {
		h = src_hash(t, low);
		e->pnext = src_buckets(t)[h];
		src_buckets(t)[h] = idx1;
	}
	t->st.entries++;
	t->st.inserts++;
	fast_install(t, e);
}

/* ---- forming entries from a walk ---------------------------------------- */

/*
 * Form the page entry (and, for a 4 KB page, the CRSTE) of a successful
 * walk made with DAT_FETCH, from the entries the walk read.
 */
static void form_entries(struct gm_tlb *t, const struct dat_env *env, uint64_t asce,
			 uint64_t vaddr, const struct dat_result *r, const struct dat_trace *tr)
{
	struct tlb_ent pe, ce;
	uint64_t ste = 0, r3te = 0;
	bool common, crst_prot = false;
	unsigned i;

	memset(&pe, 0, sizeof(pe));
	for (i = 0; i < NLEVELS; i++)
		pe.src[i] = SRC_NONE;
	for (i = 0; i < tr->n; i++) {
		const struct dat_trace_entry *x = &tr->e[i];

		if (x->level >= NLEVELS)
			continue;
		pe.src[x->level] = x->aaddr;
		if (x->level == DAT_LEVEL_STE) {
			ste = x->value;
			crst_prot |= (x->value & _SEGMENT_ENTRY_PROTECT) != 0;
		} else if (x->level > DAT_LEVEL_STE) {
			if (x->level == DAT_LEVEL_R3TE)
				r3te = x->value;
			/* Region P counts only with EDAT-1 (dat-reference §6.1). */
			crst_prot |= env->edat1 && (x->value & _REGION_ENTRY_PROTECT);
		}
	}
	/* Common segment / region: shared by all non-private spaces. */
	if (asce & _ASCE_PRIVATE_SPACE)
		common = false;
	else if (r->frame == 2)
		common = (r3te & _REGION3_ENTRY_CR) != 0;
	else
		common = (ste & _SEGMENT_ENTRY_COMMON) != 0;

	pe.kind = ENT_PAGE;
	pe.asce = asce & TAG_MASK;
	pe.tag = common ? TAG_COMMON : pe.asce;
	pe.vpn = vaddr >> PAGE_SHIFT;
	pe.frame = r->raddr & PAGE_MASK;
	pe.flags = (uint8_t)((r->protect ? EF_PROTECT : 0) | (r->noexec ? EF_NOEXEC : 0) |
			     (common ? EF_COMMON : 0));
	pe.env = (uint8_t)tlb_env_bits(env);
	pe.frame_type = r->frame;
	pe.level = r->level;

	if (r->frame == 0 && pe.src[DAT_LEVEL_STE] != SRC_NONE) {
		ce = pe;
		ce.kind = ENT_CRSTE;
		ce.vpn = vaddr >> PMD_SHIFT;
		ce.frame = ste & _SEGMENT_ENTRY_ORIGIN;
		ce.src[DAT_LEVEL_PTE] = SRC_NONE;
		ce.flags = (uint8_t)((crst_prot ? EF_PROTECT : 0) | (common ? EF_COMMON : 0));
		ent_insert(t, &ce);
	}
	ent_insert(t, &pe);
}

/* ---- lookups -------------------------------------------------------------- */

/* The result of a page entry for @acc, with the checks of dat-reference §6.1 steps 8-9. */
static inline int page_result(const struct gm_storage *st, uint64_t frame, unsigned flags,
			      uint8_t frame_type, uint8_t level, const struct dat_env *env,
			      uint64_t vaddr, enum dat_access acc, struct dat_result *res)
{
	uint64_t real = frame | (vaddr & DAT_BX_MASK), abs;
	bool prot = flags & EF_PROTECT, noexec = flags & EF_NOEXEC;

	res->protect = prot;
	res->noexec = noexec;
	res->frame = frame_type;
	res->level = level;
	if ((acc == DAT_STORE && prot) || (acc == DAT_IFETCH && noexec)) {
		res->teid = (vaddr & TEID_ADDR_MASK) | (env->as & TEID_AS_MASK) |
			    (acc == DAT_STORE ? TEID_STORE | TEID_PROT_DAT
					      : TEID_FETCH | TEID_PROT_IEP);
		res->teid_valid = true;
		res->raddr = real;
		res->aaddr = 0;
		return PGM_PROTECTION;
	}
	/* Large-frame addresses are absolute: no prefixing (§9). */
	abs = frame_type ? real : dat_real_to_abs(real, env->prefix);
	res->raddr = real;
	res->aaddr = abs;
	res->teid = 0;
	res->teid_valid = false;
	return abs >= st->size ? PGM_ADDRESSING : 0;
}

static inline int ent_result(const struct gm_storage *st, const struct tlb_ent *e,
			     const struct dat_env *env, uint64_t vaddr, enum dat_access acc,
			     struct dat_result *res)
{
	return page_result(st, e->frame, e->flags, e->frame_type, e->level, env, vaddr, acc, res);
}

static inline struct tlb_ent *find_usable(struct gm_tlb *t, unsigned kind, uint64_t asce,
					  uint64_t vpn, uint8_t envb)
{
	struct tlb_ent *e = find(t, kind, asce & TAG_MASK, vpn);

	if (e && e->env == envb)
		return e;
	/* Common entries serve every space but a private one. */
	if (!(asce & _ASCE_PRIVATE_SPACE)) {
		e = find(t, kind, TAG_COMMON, vpn);
		if (e && e->env == envb)
			return e;
	}
	return NULL;
}

/*
 * A CRSTE hit: fetch the PTE through the cached page-table origin.  Only a
 * valid PTE completes the translation here (and forms the page entry); any
 * other case is left to a full walk, which is always allowed.
 */
static struct tlb_ent *crste_hit(struct gm_tlb *t, const struct gm_storage *st,
				 const struct dat_env *env, const struct tlb_ent *c,
				 uint64_t vaddr)
{
	uint64_t pa = c->frame + (DAT_PX(vaddr) << 3), pte;
	struct tlb_ent pe;

	if (!storage_in_range(st, pa, 8))
		return NULL;
	pte = storage_ld8_fast(st, pa);
	if (pte & (_PAGE_INVALID | _PAGE_ZERO))
		return NULL;
	pe = *c;
	pe.kind = ENT_PAGE;
	pe.vpn = vaddr >> PAGE_SHIFT;
	pe.frame = pte & _PAGE_ORIGIN;
	pe.src[DAT_LEVEL_PTE] = pa;
	pe.flags = (uint8_t)(c->flags & (EF_PROTECT | EF_COMMON));
	if (pte & _PAGE_PROTECT)
		pe.flags |= EF_PROTECT;
	if (env->iep && (pte & _PAGE_NOEXEC))
		pe.flags |= EF_NOEXEC;
	pe.frame_type = 0;
	pe.level = DAT_LEVEL_PTE;
	ent_insert(t, &pe);
	return find(t, ENT_PAGE, pe.tag, pe.vpn);
}

static void check_hit(struct gm_cpu *cpu, const struct dat_env *env, uint64_t asce,
		      uint64_t vaddr, enum dat_access acc, int rc, const struct dat_result *res)
{
	struct gm_tlb *t = cpu->tlb;
	struct dat_result fr;
	int frc = dat_translate(cpu->m->st, env, asce, vaddr, acc, &fr, NULL);
	uint64_t cached = rc ? (uint64_t)rc : res->aaddr, fresh = frc ? (uint64_t)frc : fr.aaddr;

	if (frc == rc && (rc != 0 || fr.aaddr == res->aaddr))
		return;
	t->st.stale++;
	t->have_stale = true;
	t->stale = (struct tlb_stale_info){
		.cpu = cpu->idx,
		.asce = asce,
		.vaddr = vaddr,
		.acc = acc,
		.cached_rc = rc,
		.cached_aaddr = rc ? 0 : res->aaddr,
		.true_rc = frc,
		.true_aaddr = frc ? 0 : fr.aaddr,
	};
	tlb_emit(cpu, GM_EV_TLB_STALE, vaddr, cached, fresh, "tlb stale hit");
}

int tlb_lookup_or_walk(struct gm_cpu *cpu, const struct dat_env *env, uint64_t asce,
		       uint64_t vaddr, enum dat_access acc, struct dat_result *res)
{
	struct gm_storage *st;
	struct gm_tlb *t;
	struct tlb_ent *e;
	struct dat_trace tr;
	uint8_t envb;
	int rc;

	if (!cpu || !env || !res || (unsigned)acc > DAT_IFETCH)
		return -EINVAL;
	st = cpu->m->st;
	t = cpu->tlb;
	/* No TLB, or a real-space ASCE (no tables, nothing to cache). */
	if (!t || (asce & _ASCE_REAL_SPACE))
		return dat_translate(st, env, asce, vaddr, acc, res, NULL);

	envb = (uint8_t)tlb_env_bits(env);
	{
		uint64_t tag = asce & TAG_MASK, vpn = vaddr >> PAGE_SHIFT;
		uint64_t key = tlb_slot_key(tag, envb);
		struct tlb_slot *f = fast_slot(t, tag, vpn);

		/* Never a hit in checking mode: the slots are kept empty. */
		if (f->key == key && f->vpn == vpn && slot_key_ok(key)) {
			t->hot->hits++;
			f->ref = 1;
			return page_result(st, f->frame,
					   (f->protect ? EF_PROTECT : 0u) | (f->noexec ? EF_NOEXEC : 0u),
					   f->frame_type, f->level, env, vaddr, acc, res);
		}
	}
	e = find_usable(t, ENT_PAGE, asce, vaddr >> PAGE_SHIFT, envb);
	if (e) {
		e->flags |= EF_REF;
		fast_install(t, e);
	} else {
		struct tlb_ent *c = find_usable(t, ENT_CRSTE, asce, vaddr >> PMD_SHIFT, envb);

		/* The page entry formed here is referenced only when used again. */
		if (c) {
			c->flags |= EF_REF;
			e = crste_hit(t, st, env, c, vaddr);
		}
	}
	if (e) {
		t->hot->hits++;
		rc = ent_result(st, e, env, vaddr, acc, res);
		if (t->checking)
			check_hit(cpu, env, asce, vaddr, acc, rc, res);
		return rc;
	}

	/* Miss: walk as a fetch so a protected translation is still cached. */
	t->st.misses++;
	rc = dat_translate(st, env, asce, vaddr, DAT_FETCH, res, &tr);
	if (rc != 0) {
		/* Nothing cached; the exception's TEID depends on the access. */
		if (acc == DAT_FETCH || rc < 0)
			return rc;
		return dat_translate(st, env, asce, vaddr, acc, res, NULL);
	}
	form_entries(t, env, asce, vaddr, res, &tr);
	e = find_usable(t, ENT_PAGE, asce, vaddr >> PAGE_SHIFT, envb);
	if (e)
		return ent_result(st, e, env, vaddr, acc, res);
	return dat_translate(st, env, asce, vaddr, acc, res, NULL);
}

int tlb_preload(struct gm_cpu *cpu, uint64_t asce, uint64_t vaddr)
{
	struct dat_result r;
	struct dat_trace tr;
	struct dat_env env;
	int rc;

	if (!cpu)
		return -EINVAL;
	if (!cpu->tlb)
		return -EOPNOTSUPP;
	if (asce & _ASCE_REAL_SPACE)
		return 0;
	machine_cpu_dat_env(cpu, &env);
	rc = dat_translate(cpu->m->st, &env, asce, vaddr, DAT_FETCH, &r, &tr);
	if (rc == 0)
		form_entries(cpu->tlb, &env, asce, vaddr, &r, &tr);
	return rc;
}

/* ---- purges --------------------------------------------------------------- */

/* Remove every entry for which @pred is true; return how many. */
static unsigned purge_where(struct gm_tlb *t, bool (*pred)(const struct tlb_ent *, const void *),
			    const void *arg)
{
	unsigned i, n = 0;

	if (!t || !t->st.entries)
		return 0;
	for (i = 0; i < t->used; i++) {
		struct tlb_ent *e = &t->ents[i];

		if (e->kind != ENT_FREE && pred(e, arg)) {
			ent_remove(t, e);
			n++;
		}
	}
	t->st.purged += n;
	return n;
}

static unsigned purge_all_local(struct gm_tlb *t)
{
	unsigned n;

	if (!t || !t->st.entries)
		return 0;
	n = t->st.entries;
	tlb_reset(t);
	t->st.purged += n;
	return n;
}

/* IPTE: the page entries formed from the PTE at @pte (found by the second index). */
static unsigned purge_pte(struct gm_tlb *t, uint64_t pte)
{
	uint32_t i;
	unsigned n = 0;

	if (!t || !t->st.entries)
		return 0;
restart:
	i = src_buckets(t)[src_hash(t, pte)];
	while (i) {
		struct tlb_ent *e = &t->ents[i - 1];

		if (e->src[DAT_LEVEL_PTE] == pte) {
			ent_remove(t, e);
			n++;
			goto restart;
		}
		i = e->pnext;
	}
	t->st.purged += n;
	return n;
}

/* The CPUs a purge reaches: all of them, or only the issuing one (local clearing). */
static inline bool purge_reaches(const struct gm_cpu *issuer, bool local, const struct gm_cpu *tgt)
{
	return !local || tgt == issuer;
}

int tlb_ipte(struct gm_cpu *cpu, uint64_t pto, uint64_t vaddr, unsigned range, bool local)
{
	struct gm_storage *st;
	struct gm_cpu *tgt;
	uint64_t first, px;
	unsigned i, n = 0;

	if (!cpu)
		return -EINVAL;
	st = cpu->m->st;
	if (range && !(cpu->m->facilities & GM_FAC_IPTE_RANGE))
		return -EINVAL;
	if (local && !(cpu->m->facilities & GM_FAC_LC))
		return -EINVAL;
	px = DAT_PX(vaddr);
	/* The range form stops at the end of the page table. */
	if (px + range >= PTRS_PER_PTE)
		return -EINVAL;
	/* R1 bits 0-52: a 2 KB aligned page-table origin. */
	first = (pto & _SEGMENT_ENTRY_ORIGIN) + px * 8;
	if (!storage_in_range(st, first, (uint64_t)(range + 1) * 8))
		return -EFAULT;
	for (i = 0; i <= range; i++) {
		uint64_t a = first + (uint64_t)i * 8, v = storage_ld8_fast(st, a);

		if (!(v & _PAGE_INVALID)) {
			storage_st8_fast(st, a, v | _PAGE_INVALID);
			tlb_emit(cpu, GM_EV_ENTRY_STORE, a, v, v | _PAGE_INVALID, "ipte");
		}
	}
	for (unsigned c = 0; c < cpu->m->ncpus; c++) {
		tgt = &cpu->m->cpus[c];
		if (purge_reaches(cpu, local, tgt))
			for (i = 0; i <= range; i++)
				n += purge_pte(tgt->tlb, first + (uint64_t)i * 8);
	}
	tlb_emit(cpu, GM_EV_TLB_PURGE, TLB_PURGE_IPTE, first, n, local ? "ipte local" : "ipte");
	return 0;
}

static unsigned dt_level(uint64_t dt)
{
	return (unsigned)(dt >> 2) + DAT_LEVEL_STE;
}

struct idte_arg {
	unsigned level;
	uint64_t origin;
	uint32_t first, count;
};

/* Formed from one of the invalidated entries, hence also everything below it. */
static bool idte_pred(const struct tlb_ent *e, const void *arg)
{
	const struct idte_arg *a = arg;
	uint64_t s = e->src[a->level], idx;

	if (s == SRC_NONE || s < a->origin || s - a->origin >= PTRS_PER_CRST * 8)
		return false;
	idx = (s - a->origin) >> 3;
	return ((idx - a->first) & DAT_CRST_INDEX_MASK) <= a->count;
}

int tlb_idte_invalidate(struct gm_cpu *cpu, uint64_t table_designation, uint64_t vaddr,
			unsigned count, bool local)
{
	struct gm_storage *st;
	struct gm_cpu *tgt;
	struct idte_arg arg;
	uint64_t origin, idx;
	unsigned i, lvl, n = 0;

	if (!cpu)
		return -EINVAL;
	st = cpu->m->st;
	if (!(cpu->m->facilities & GM_FAC_IDTE))
		return -EOPNOTSUPP;
	if (count > 2047 || (local && !(cpu->m->facilities & GM_FAC_LC)))
		return -EINVAL;
	origin = table_designation & _ASCE_ORIGIN;
	lvl = dt_level(table_designation & _ASCE_TYPE_MASK);
	idx = (vaddr >> (DAT_SX_SHIFT + 11 * (lvl - DAT_LEVEL_STE))) & DAT_CRST_INDEX_MASK;
	/* Check every entry first: nothing is changed on -EFAULT. */
	for (i = 0; i <= count; i++)
		if (!storage_in_range(st, origin + ((idx + i) & DAT_CRST_INDEX_MASK) * 8, 8))
			return -EFAULT;
	for (i = 0; i <= count; i++) {
		uint64_t a = origin + ((idx + i) & DAT_CRST_INDEX_MASK) * 8;
		uint64_t v = storage_ld8_fast(st, a);

		if (!(v & _REGION_ENTRY_INVALID)) {
			storage_st8_fast(st, a, v | _REGION_ENTRY_INVALID);
			tlb_emit(cpu, GM_EV_ENTRY_STORE, a, v, v | _REGION_ENTRY_INVALID, "idte");
		}
	}
	arg = (struct idte_arg){ lvl, origin, (uint32_t)idx, count };
	for (i = 0; i < cpu->m->ncpus; i++) {
		tgt = &cpu->m->cpus[i];
		if (purge_reaches(cpu, local, tgt))
			n += purge_where(tgt->tlb, idte_pred, &arg);
	}
	tlb_emit(cpu, GM_EV_TLB_PURGE, TLB_PURGE_IDTE_INV, origin + idx * 8, n,
		 local ? "idte local" : "idte");
	return 0;
}

static bool asce_pred(const struct tlb_ent *e, const void *arg)
{
	return e->asce == *(const uint64_t *)arg;
}

int tlb_idte_clear_asce(struct gm_cpu *cpu, uint64_t asce, bool local)
{
	struct gm_cpu *tgt;
	uint64_t tag;
	unsigned n = 0;

	if (!cpu)
		return -EINVAL;
	if (!(cpu->m->facilities & GM_FAC_IDTE))
		return -EOPNOTSUPP;
	if (local && !(cpu->m->facilities & GM_FAC_LC))
		return -EINVAL;
	/* Entries formed with this ASCE: origin and DT compared. */
	tag = asce & TAG_MASK;
	for (unsigned i = 0; i < cpu->m->ncpus; i++) {
		tgt = &cpu->m->cpus[i];
		if (purge_reaches(cpu, local, tgt))
			n += purge_where(tgt->tlb, asce_pred, &tag);
	}
	tlb_emit(cpu, GM_EV_TLB_PURGE, TLB_PURGE_IDTE_ASCE, asce, n,
		 local ? "idte asce local" : "idte asce");
	return 0;
}

static unsigned purge_machine(struct gm_machine *m)
{
	unsigned i, n = 0;

	for (i = 0; i < m->ncpus; i++)
		n += purge_all_local(m->cpus[i].tlb);
	return n;
}

int tlb_csp(struct gm_cpu *cpu, uint64_t aaddr, unsigned len, uint64_t *old, uint64_t new_val,
	    bool purge)
{
	struct gm_storage *st;
	uint64_t cur, mask;
	unsigned n;
	int rc;

	if (!cpu || !old || (len != 4 && len != 8) || (aaddr & (len - 1)))
		return -EINVAL;
	st = cpu->m->st;
	rc = storage_load(st, aaddr, len, &cur);
	if (rc)
		return rc;
	mask = len == 8 ? ~0ULL : 0xffffffffULL;
	if (cur != (*old & mask)) {
		*old = cur;
		return 1;
	}
	rc = storage_store(st, aaddr, len, new_val & mask);
	if (rc)
		return rc;
	tlb_emit(cpu, GM_EV_ENTRY_STORE, aaddr, cur, new_val & mask, len == 8 ? "cspg" : "csp");
	if (purge) {
		/* R2 bit 63: every TLB of the configuration. */
		n = purge_machine(cpu->m);
		tlb_emit(cpu, GM_EV_TLB_PURGE, TLB_PURGE_CSP, aaddr, n, len == 8 ? "cspg" : "csp");
	}
	return 0;
}

void tlb_purge_all(struct gm_machine *m)
{
	unsigned n;

	if (!m || !m->ncpus)
		return;
	n = purge_machine(m);
	machine_emit_cpu(m, m->cur, GM_EV_TLB_PURGE, TLB_PURGE_CSP, 0, n, "flush global");
}

/* Everything in @cpu's own TLB, reported as @kind: PTLB and SPX have this scope. */
static void purge_cpu(struct gm_cpu *cpu, enum tlb_purge_kind kind, const char *what)
{
	unsigned n;

	if (!cpu)
		return;
	n = purge_all_local(cpu->tlb);
	tlb_emit(cpu, GM_EV_TLB_PURGE, kind, cpu->idx, n, what);
}

void tlb_ptlb(struct gm_cpu *cpu)
{
	purge_cpu(cpu, TLB_PURGE_PTLB, "ptlb");
}

void tlb_spx_purge(struct gm_cpu *cpu)
{
	purge_cpu(cpu, TLB_PURGE_SPX, "spx");
}

/* ---- checking and statistics ---------------------------------------------- */

struct tlb_hot *tlb_get_hot(struct gm_cpu *cpu)
{
	return cpu && cpu->tlb ? cpu->tlb->hot : NULL;
}

void tlb_set_checking(struct gm_machine *m, bool on)
{
	unsigned i;

	if (!m)
		return;
	for (i = 0; i < m->ncpus; i++) {
		struct gm_tlb *t = m->cpus[i].tlb;

		if (!t)
			continue;
		/* Hits then go through tlb_lookup_or_walk()'s checked path. */
		t->checking = on;
		if (on)
			slots_clear(t);
	}
}

void tlb_get_stats(const struct gm_cpu *cpu, struct tlb_stats *st)
{
	if (!st)
		return;
	if (!cpu || !cpu->tlb) {
		*st = (struct tlb_stats){ 0 };
		return;
	}
	*st = cpu->tlb->st;
	st->hits = cpu->tlb->hot->hits;
	/* Every lookup is a hit or a miss; not counted on the hit path. */
	st->lookups = st->hits + st->misses;
}

uint64_t tlb_stale_count(const struct gm_machine *m)
{
	uint64_t n = 0;
	unsigned i;

	if (!m)
		return 0;
	for (i = 0; i < m->ncpus; i++)
		if (m->cpus[i].tlb)
			n += m->cpus[i].tlb->st.stale;
	return n;
}

int tlb_last_stale(const struct gm_cpu *cpu, struct tlb_stale_info *info)
{
	if (!cpu || !info)
		return -EINVAL;
	if (!cpu->tlb || !cpu->tlb->have_stale)
		return -ENOENT;
	*info = cpu->tlb->stale;
	return 0;
}

void tlb_for_each_page(const struct gm_cpu *cpu,
		       void (*fn)(void *opaque, uint64_t asce, uint64_t vaddr, uint64_t frame,
				  bool protect),
		       void *opaque)
{
	const struct gm_tlb *t;

	if (!cpu || !fn || !(t = cpu->tlb))
		return;
	for (unsigned i = 0; i < t->used; i++) {
		const struct tlb_ent *e = &t->ents[i];

		if (e->kind == ENT_PAGE)
			fn(opaque, e->asce, e->vpn << PAGE_SHIFT, e->frame, (e->flags & EF_PROTECT) != 0);
	}
}
