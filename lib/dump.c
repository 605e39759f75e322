/* SPDX-License-Identifier: MIT */
/*
 * Table dumps (text, JSON, DOT).  One bounded recursive walk over the
 * tables of each root; the format only changes how an entry is written.
 * Nothing here changes state: entries are read with storage_load8(), the
 * gmap/mm structures only through their lists.
 *
 * Layer dump (docs/layers.txt): reads every layer below, never mutates
 * and never calls script.
 */
#include "export.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many PTEs a DOT page-table node lists before "…" */
#define DOT_MAX_FIELDS 24u

struct dctx {
	struct gm_machine *m;
	struct gm_storage *st;
	FILE *f;
	const struct dump_options *opt;
	unsigned flags;
	enum dump_format fmt;
	struct dat_env env;
	unsigned ntables;
	unsigned nentries;
	bool truncated;
	/* DOT: tables already emitted (shared page tables appear once) */
	uint64_t *seen;
	size_t nseen, capseen;
	bool nomem;
	/* the root being walked */
	struct mm_struct *mm;
	struct gmap *gmap;
	char nbuf[4][40];
	unsigned nbuf_next;
};

static const char *level_table_name(unsigned level)
{
	static const char *const n[] = { "pt", "sgt", "r3t", "r2t", "r1t" };

	return level <= DAT_LEVEL_R1TE ? n[level] : "?";
}

static const char *entry_name(unsigned level)
{
	return dat_level_name((enum dat_level)level);
}

static const char *asce_type_name(uint64_t asce)
{
	switch (asce & _ASCE_TYPE_MASK) {
	case _ASCE_TYPE_REGION1: return "region-first table";
	case _ASCE_TYPE_REGION2: return "region-second table";
	case _ASCE_TYPE_REGION3: return "region-third table";
	default: return "segment table";
	}
}

static unsigned asce_level(uint64_t asce)
{
	switch (asce & _ASCE_TYPE_MASK) {
	case _ASCE_TYPE_REGION1: return DAT_LEVEL_R1TE;
	case _ASCE_TYPE_REGION2: return DAT_LEVEL_R2TE;
	case _ASCE_TYPE_REGION3: return DAT_LEVEL_R3TE;
	default: return DAT_LEVEL_STE;
	}
}

static char *next_nbuf(struct dctx *c)
{
	char *b = c->nbuf[c->nbuf_next];

	c->nbuf_next = (c->nbuf_next + 1) % 4;
	return b;
}

static const char *mm_label(struct dctx *c, const struct mm_struct *mm)
{
	const char *n = NULL;
	char *b;

	if (!mm)
		return "?";
	if (c->opt && c->opt->mm_name)
		n = c->opt->mm_name(c->opt->opaque, mm);
	if (n)
		return n;
	b = next_nbuf(c);
	snprintf(b, sizeof(c->nbuf[0]), "mm@0x%" PRIx64, mm->pgd);
	return b;
}

static const char *gmap_label(struct dctx *c, const struct gmap *g)
{
	const char *n = NULL;
	char *b;

	if (!g)
		return "?";
	if (c->opt && c->opt->gmap_name)
		n = c->opt->gmap_name(c->opt->opaque, g);
	if (n)
		return n;
	b = next_nbuf(c);
	snprintf(b, sizeof(c->nbuf[0]), "gmap@0x%" PRIx64, g->table);
	return b;
}

int dump_ste_gaddr(const struct gmap *gmap, uint64_t ste, uint64_t *gaddr)
{
	const struct gmap_crst *crst;
	const struct gm_storage *st;
	uint64_t sgt = 0;
	bool found = false;

	if (!gmap || !gmap->mm || !gaddr)
		return -EINVAL;
	st = machine_storage_const(gmap->mm->machine);
	LIST_FOREACH(crst, &gmap->crst_list, list) {
		if (crst->level == DAT_LEVEL_STE && ste >= crst->table &&
		    ste < crst->table + PTRS_PER_CRST * 8ULL && (ste & 7) == 0) {
			sgt = crst->table;
			found = true;
			break;
		}
	}
	if (!found)
		return -ENOENT;
	/* Which R3 entry designates this segment table?  The gmap is always a
	 * full region-first hierarchy (seed: gmap_alloc). */
	for (uint64_t i1 = 0; i1 < PTRS_PER_CRST; i1++) {
		uint64_t e1, e2, e3;

		if (storage_load8(st, gmap->table + i1 * 8, &e1) || (e1 & _REGION_ENTRY_INVALID))
			continue;
		for (uint64_t i2 = 0; i2 < PTRS_PER_CRST; i2++) {
			if (storage_load8(st, (e1 & _REGION_ENTRY_ORIGIN) + i2 * 8, &e2) ||
			    (e2 & _REGION_ENTRY_INVALID))
				continue;
			for (uint64_t i3 = 0; i3 < PTRS_PER_CRST; i3++) {
				if (storage_load8(st, (e2 & _REGION_ENTRY_ORIGIN) + i3 * 8, &e3) ||
				    (e3 & _REGION_ENTRY_INVALID))
					continue;
				if ((e3 & _REGION_ENTRY_ORIGIN) == sgt) {
					*gaddr = (i1 << DAT_RFX_SHIFT) | (i2 << DAT_RSX_SHIFT) |
						 (i3 << DAT_RTX_SHIFT) |
						 (((ste - sgt) / 8) << DAT_SX_SHIFT);
					return 0;
				}
			}
		}
	}
	return -ENOENT;
}

int dump_lookup_entry(const struct gm_storage *st, uint64_t asce, uint64_t vaddr,
		      enum dat_level level, uint64_t *aaddr, uint64_t *value)
{
	unsigned lvl;
	uint64_t origin, ea = 0, e = 0;

	if (!st || (unsigned)level > DAT_LEVEL_R1TE || (asce & _ASCE_REAL_SPACE))
		return -EINVAL;
	lvl = asce_level(asce);
	if ((unsigned)level > lvl)
		return -EINVAL;
	origin = asce & _ASCE_ORIGIN;
	for (;;) {
		uint64_t idx = lvl == DAT_LEVEL_PTE ? DAT_PX(vaddr)
						    : (vaddr >> dat_level_shift(lvl)) & DAT_CRST_INDEX_MASK;

		ea = origin + idx * 8;
		if (storage_load8(st, ea, &e))
			return -EFAULT;
		if (lvl == (unsigned)level)
			break;
		if (lvl >= DAT_LEVEL_R3TE) {
			if (e & _REGION_ENTRY_INVALID)
				return -ENOENT;
			origin = e & _REGION_ENTRY_ORIGIN;
		} else {
			if (e & (_SEGMENT_ENTRY_INVALID | _SEGMENT_ENTRY_LARGE))
				return -ENOENT;
			origin = e & _SEGMENT_ENTRY_ORIGIN;
		}
		lvl--;
	}
	if (aaddr)
		*aaddr = ea;
	if (value)
		*value = e;
	return 0;
}

/* Is @t already emitted (DOT)?  Records it otherwise. */
static bool seen_before(struct dctx *c, uint64_t t)
{
	for (size_t i = 0; i < c->nseen; i++)
		if (c->seen[i] == t)
			return true;
	if (c->nseen == c->capseen) {
		size_t nc = c->capseen ? c->capseen * 2 : 64;
		uint64_t *n = realloc(c->seen, nc * sizeof(*n));

		if (!n) {
			c->nomem = true;
			return true;
		}
		c->seen = n;
		c->capseen = nc;
	}
	c->seen[c->nseen++] = t;
	return false;
}

/* The gmap (of @mm) owning the segment table that holds entry @ste. */
static struct gmap *gmap_of_ste(struct mm_struct *mm, uint64_t ste)
{
	struct gmap *g;
	struct gmap_crst *crst;

	LIST_FOREACH(g, &mm->context.gmap_list, list) {
		LIST_FOREACH(crst, &g->crst_list, list) {
			if (crst->level == DAT_LEVEL_STE && ste >= crst->table &&
			    ste < crst->table + PTRS_PER_CRST * 8ULL)
				return g;
		}
	}
	return NULL;
}

static unsigned count_valid_ptes(struct dctx *c, uint64_t pto)
{
	unsigned n = 0;

	for (unsigned i = 0; i < PTRS_PER_PTE; i++) {
		uint64_t e;

		if (storage_load8(c->st, pto + i * 8ULL, &e))
			break;
		if (!(e & _PAGE_INVALID))
			n++;
	}
	return n;
}

/* Text: "G 0x..., H 0x..." — the gmaps whose STEs link page table @pto. */
static void write_linkers(struct dctx *c, struct mm_struct *mm, uint64_t pto, bool json)
{
	struct gmap_pgtable *pgt = mm ? mm_pgtable(mm, pto) : NULL;
	struct gmap_rmap *r;
	bool first = true;

	if (!pgt)
		return;
	LIST_FOREACH(r, &pgt->mapper, list) {
		struct gmap *g = gmap_of_ste(mm, r->entry);
		uint64_t gaddr = 0;
		bool have = g && dump_ste_gaddr(g, r->entry, &gaddr) == 0;

		if (json) {
			fprintf(c->f, "%s{\"gmap\":\"%s\",\"ste\":\"0x%" PRIx64 "\"", first ? "" : ",",
				g ? gmap_label(c, g) : "?", r->entry);
			if (have)
				fprintf(c->f, ",\"guest\":\"0x%016" PRIx64 "\"", gaddr);
			fputc('}', c->f);
		} else if (have) {
			fprintf(c->f, "%sgmap %s (guest 0x%016" PRIx64 ")", first ? "" : ", ",
				gmap_label(c, g), gaddr);
		} else {
			fprintf(c->f, "%s%s (ste 0x%" PRIx64 ")", first ? "" : ", ",
				g ? gmap_label(c, g) : "?", r->entry);
		}
		first = false;
	}
}

static bool has_linkers(struct mm_struct *mm, uint64_t pto)
{
	struct gmap_pgtable *pgt = mm ? mm_pgtable(mm, pto) : NULL;

	return pgt && !LIST_EMPTY(&pgt->mapper);
}

/* ---- classification of one entry ------------------------------------ */

enum ekind {
	EK_SKIP,       /* not shown */
	EK_INVALID,    /* invalid, shown */
	EK_BADTYPE,    /* valid with a wrong TT */
	EK_TABLE,      /* designates a next table */
	EK_FRAME,      /* a large frame or a page */
	EK_MAPPED,     /* gmap STE MAPPED */
	EK_EMPTY,      /* gmap STE EMPTY / empty region entry, DUMP_ALL_ENTRIES only */
	EK_LINKED,     /* gmap STE LINKED */
	EK_BADBIT      /* PTE bit 52 */
};

static enum ekind classify(struct dctx *c, unsigned level, uint64_t e)
{
	bool all = c->flags & DUMP_ALL_ENTRIES;

	if (level >= DAT_LEVEL_R3TE) {
		if (e & _REGION_ENTRY_INVALID)
			return e == (dat_level_tt(level) | _REGION_ENTRY_INVALID) ? (all ? EK_EMPTY : EK_SKIP)
									    : EK_INVALID;
		if (e == 0 && !all)
			return EK_SKIP;
		if ((e & _REGION_ENTRY_TYPE_MASK) != dat_level_tt(level))
			return EK_BADTYPE;
		if (level == DAT_LEVEL_R3TE && c->env.edat2 && (e & _REGION3_ENTRY_LARGE))
			return EK_FRAME;
		return EK_TABLE;
	}
	if (level == DAT_LEVEL_STE) {
		if (c->gmap) {
			switch (gmap_ste_state(e)) {
			case GMAP_STE_STATE_EMPTY: return all ? EK_EMPTY : EK_SKIP;
			case GMAP_STE_STATE_MAPPED: return EK_MAPPED;
			case GMAP_STE_STATE_LINKED: return EK_LINKED;
			default: break;
			}
		}
		if (e & _SEGMENT_ENTRY_INVALID)
			return e == _SEGMENT_ENTRY_EMPTY ? (all ? EK_EMPTY : EK_SKIP) : EK_INVALID;
		if (e == 0 && !all)
			return EK_SKIP;
		if (e & _SEGMENT_ENTRY_TYPE_MASK)
			return EK_BADTYPE;
		if (c->env.edat1 && (e & _SEGMENT_ENTRY_LARGE))
			return EK_FRAME;
		return EK_TABLE;
	}
	/* PTE */
	if (e & _PAGE_INVALID)
		return e == _PAGE_TYPE_EMPTY ? (all ? EK_EMPTY : EK_SKIP) : EK_INVALID;
	if (e == 0 && !all)
		return EK_SKIP;
	if (e & _PAGE_ZERO)
		return EK_BADBIT;
	return EK_FRAME;
}

/* Origin of the next table / frame designated by @e at @level. */
static uint64_t entry_target(unsigned level, uint64_t e, enum ekind k)
{
	if (level >= DAT_LEVEL_R3TE)
		return k == EK_FRAME ? (e & _REGION3_ENTRY_ORIGIN_LARGE) : (e & _REGION_ENTRY_ORIGIN);
	if (level == DAT_LEVEL_STE)
		return k == EK_FRAME ? (e & _SEGMENT_ENTRY_ORIGIN_LARGE) : (e & _SEGMENT_ENTRY_ORIGIN);
	return e & _PAGE_ORIGIN;
}

/* Flags as words: " p", " iep", " cs", " tl 0" … */
static void write_flags(struct dctx *c, unsigned level, uint64_t e, enum ekind k)
{
	if (level >= DAT_LEVEL_R3TE) {
		if (e & _REGION_ENTRY_PROTECT)
			fputs(c->env.edat1 ? " p" : " p(ignored)", c->f);
		if (k == EK_FRAME) {
			if (e & _REGION3_ENTRY_IEP)
				fputs(" iep", c->f);
			if (e & _REGION3_ENTRY_CR)
				fputs(" cr", c->f);
		} else {
			if (dat_entry_tf(e))
				fprintf(c->f, " tf %u", dat_entry_tf(e));
			if (dat_entry_tl(e) != 3)
				fprintf(c->f, " tl %u", dat_entry_tl(e));
		}
	} else if (level == DAT_LEVEL_STE) {
		if (e & _SEGMENT_ENTRY_PROTECT)
			fputs(" p", c->f);
		if (k == EK_FRAME && (e & _SEGMENT_ENTRY_IEP))
			fputs(" iep", c->f);
		if (e & _SEGMENT_ENTRY_COMMON)
			fputs(" cs", c->f);
	} else {
		if (e & _PAGE_PROTECT)
			fputs(" p", c->f);
		if (e & _PAGE_NOEXEC)
			fputs(" iep", c->f);
	}
}

static const char *va_word(const struct dctx *c)
{
	return c->gmap ? "guest" : "va";
}

/* ---- text ----------------------------------------------------------- */

static void walk_table(struct dctx *c, uint64_t origin, unsigned level, unsigned tf, unsigned tl,
		       uint64_t vbase, unsigned depth);

static void text_entry(struct dctx *c, unsigned level, unsigned idx, uint64_t e, enum ekind k,
		       uint64_t va, unsigned depth)
{
	uint64_t t = entry_target(level, e, k);

	fprintf(c->f, "%*s%s[0x%0*x] 0x%016" PRIx64 "  ", (int)(2 * depth + 2), "",
		entry_name(level), level == DAT_LEVEL_PTE ? 2 : 3, idx, e);
	switch (k) {
	case EK_INVALID:
		fputs("invalid", c->f);
		if (level == DAT_LEVEL_PTE && (e & _PAGE_ORIGIN))
			fprintf(c->f, " (frame 0x%016" PRIx64 " kept)", (uint64_t)(e & _PAGE_ORIGIN));
		break;
	case EK_EMPTY:
		fputs(c->gmap && level == DAT_LEVEL_STE ? "EMPTY" : "empty", c->f);
		break;
	case EK_BADTYPE:
		fprintf(c->f, "bad table type %u (a %s needs %u)", (unsigned)((e >> 2) & 3),
			entry_name(level), (unsigned)(dat_level_tt(level) >> 2));
		break;
	case EK_BADBIT:
		fputs("bit 52 set (translation-specification exception)", c->f);
		break;
	case EK_TABLE:
		fprintf(c->f, "-> %s 0x%016" PRIx64, level_table_name(level - 1), t);
		break;
	case EK_FRAME:
		if (level == DAT_LEVEL_PTE)
			fprintf(c->f, "-> frame 0x%016" PRIx64, t);
		else
			fprintf(c->f, "-> %s frame 0x%016" PRIx64 " (absolute)",
				level == DAT_LEVEL_STE ? "1M" : "2G", t);
		break;
	case EK_MAPPED:
		fprintf(c->f, "MAPPED -> process 0x%016" PRIx64, (uint64_t)(e & _SEGMENT_ENTRY_ORIGIN_LARGE));
		break;
	case EK_LINKED:
		fprintf(c->f, "LINKED -> pt 0x%016" PRIx64, t);
		break;
	default:
		break;
	}
	if (k != EK_MAPPED && k != EK_EMPTY) /* their P bit is the seed's marker */
		write_flags(c, level, e, k);
	fprintf(c->f, "  %s 0x%016" PRIx64, va_word(c), va);
	if (k == EK_LINKED && c->gmap) {
		struct gmap_pgtable *pgt = mm_pgtable(c->gmap->mm, t);

		if (pgt)
			fprintf(c->f, "\n%*s= the page table of mm %s for process 0x%016" PRIx64
				      ", %u valid pte(s), linked by ",
				(int)(2 * depth + 4), "", mm_label(c, c->gmap->mm), pgt->vmaddr,
				count_valid_ptes(c, t));
		else
			fprintf(c->f, "\n%*s= not a page table of %s", (int)(2 * depth + 4), "",
				mm_label(c, c->gmap->mm));
		write_linkers(c, c->gmap->mm, t, false);
	} else if (k == EK_TABLE && level == DAT_LEVEL_STE && has_linkers(c->mm, t)) {
		fprintf(c->f, "\n%*sshared: linked by ", (int)(2 * depth + 4), "");
		write_linkers(c, c->mm, t, false);
	}
	fputc('\n', c->f);
}

/* ---- JSON ----------------------------------------------------------- */

static void json_entry_begin(struct dctx *c, unsigned level, unsigned idx, uint64_t ea,
			     uint64_t e, enum ekind k, uint64_t va)
{
	static const char *const kind_name[] = { "skip", "invalid", "bad-type", "table", "frame",
						 "MAPPED", "EMPTY", "LINKED", "bad-bit-52" };
	uint64_t t = entry_target(level, e, k);

	fprintf(c->f,
		"{\"index\":%u,\"aaddr\":\"0x%016" PRIx64 "\",\"value\":\"0x%016" PRIx64
		"\",\"type\":\"%s\",\"valid\":%s,\"%s\":\"0x%016" PRIx64 "\",\"kind\":\"%s\"",
		idx, ea, e, entry_name(level),
		(level >= DAT_LEVEL_R3TE ? !(e & _REGION_ENTRY_INVALID)
		 : level == DAT_LEVEL_STE ? !(e & _SEGMENT_ENTRY_INVALID)
					  : !(e & _PAGE_INVALID))
			? "true"
			: "false",
		va_word(c), va, kind_name[k]);
	if (level >= DAT_LEVEL_R3TE) {
		fprintf(c->f, ",\"p\":%s", (e & _REGION_ENTRY_PROTECT) ? "true" : "false");
		if (k != EK_FRAME)
			fprintf(c->f, ",\"tf\":%u,\"tl\":%u", dat_entry_tf(e), dat_entry_tl(e));
	} else {
		fprintf(c->f, ",\"p\":%s", (e & 0x200) ? "true" : "false");
	}
	switch (k) {
	case EK_TABLE:
		fprintf(c->f, ",\"origin\":\"0x%016" PRIx64 "\"", t);
		break;
	case EK_FRAME:
		fprintf(c->f, ",\"frame\":\"0x%016" PRIx64 "\"", t);
		break;
	case EK_MAPPED:
		fprintf(c->f, ",\"state\":\"MAPPED\",\"target\":\"0x%016" PRIx64 "\"",
			(uint64_t)(e & _SEGMENT_ENTRY_ORIGIN_LARGE));
		break;
	case EK_EMPTY:
		if (c->gmap && level == DAT_LEVEL_STE)
			fputs(",\"state\":\"EMPTY\"", c->f);
		break;
	case EK_LINKED: {
		struct gmap_pgtable *pgt = mm_pgtable(c->gmap->mm, t);

		fprintf(c->f, ",\"state\":\"LINKED\",\"page_table\":\"0x%016" PRIx64 "\"", t);
		if (pgt)
			fprintf(c->f, ",\"mm\":\"%s\",\"process\":\"0x%016" PRIx64
				      "\",\"valid_ptes\":%u",
				mm_label(c, c->gmap->mm), pgt->vmaddr, count_valid_ptes(c, t));
		fputs(",\"linked_by\":[", c->f);
		write_linkers(c, c->gmap->mm, t, true);
		fputc(']', c->f);
		break;
	}
	default:
		break;
	}
	if (k == EK_TABLE && level == DAT_LEVEL_STE && has_linkers(c->mm, t)) {
		fputs(",\"linked_by\":[", c->f);
		write_linkers(c, c->mm, t, true);
		fputc(']', c->f);
	}
}

/* ---- DOT ------------------------------------------------------------ */

static void dot_field(struct dctx *c, unsigned level, unsigned idx, uint64_t e, enum ekind k)
{
	uint64_t t = entry_target(level, e, k);

	fprintf(c->f, "|<e%u> [0x%x] 0x%" PRIx64 " ", idx, idx, e);
	switch (k) {
	case EK_INVALID: fputs("invalid", c->f); break;
	case EK_EMPTY: fputs("EMPTY", c->f); break;
	case EK_BADTYPE: fputs("bad type", c->f); break;
	case EK_BADBIT: fputs("bit 52", c->f); break;
	case EK_TABLE: fprintf(c->f, "%s", level_table_name(level - 1)); break;
	case EK_FRAME: fprintf(c->f, "frame 0x%" PRIx64, t); break;
	case EK_MAPPED:
		fprintf(c->f, "MAPPED to 0x%" PRIx64, (uint64_t)(e & _SEGMENT_ENTRY_ORIGIN_LARGE));
		break;
	case EK_LINKED: fputs("LINKED", c->f); break;
	default: break;
	}
}

/* ---- the walk ------------------------------------------------------- */

static bool descends(enum ekind k, unsigned level)
{
	return (k == EK_TABLE || k == EK_LINKED) && level > DAT_LEVEL_PTE;
}

static void walk_table(struct dctx *c, uint64_t origin, unsigned level, unsigned tf, unsigned tl,
		       uint64_t vbase, unsigned depth)
{
	unsigned first_idx = 0, end_idx = PTRS_PER_PTE;
	bool json_first = true;
	uint64_t probe;

	if (level > DAT_LEVEL_PTE) {
		first_idx = tf * 512u;
		end_idx = (tl + 1u) * 512u;
	}
	if (c->truncated)
		return;
	if (c->ntables >= DUMP_MAX_TABLES) {
		c->truncated = true;
		if (c->fmt == DUMP_TEXT)
			fprintf(c->f, "%*s... (more than %u tables: not shown)\n", (int)(2 * depth + 2),
				"", DUMP_MAX_TABLES);
		else if (c->fmt == DUMP_JSON)
			fputs("\"truncated\":true", c->f);
		return;
	}
	c->ntables++;
	if (storage_load8(c->st, origin, &probe)) {
		if (c->fmt == DUMP_TEXT)
			fprintf(c->f, "%*s%s 0x%016" PRIx64 " is outside storage\n",
				(int)(2 * depth + 2), "", level_table_name(level), origin);
		else if (c->fmt == DUMP_JSON)
			fputs("\"outside_storage\":true", c->f);
		return;
	}
	if (c->fmt == DUMP_JSON)
		fputs("\"entries\":[", c->f);

	if (c->fmt == DUMP_DOT) {
		bool shared = level == DAT_LEVEL_PTE && has_linkers(c->mm ? c->mm
								 : c->gmap ? c->gmap->mm
									   : NULL,
								 origin);
		unsigned nf = 0, more = 0;

		fprintf(c->f, "  t%" PRIx64 " [label=\"<h> %s 0x%" PRIx64 "%s", origin,
			level_table_name(level), origin, shared ? " (shared)" : "");
		for (unsigned i = first_idx; i < end_idx; i++) {
			uint64_t e;
			enum ekind k;

			if (storage_load8(c->st, origin + i * 8ULL, &e))
				break;
			k = classify(c, level, e);
			if (k == EK_SKIP)
				continue;
			if (nf++ >= DOT_MAX_FIELDS) {
				more++;
				continue;
			}
			dot_field(c, level, i, e, k);
		}
		if (more)
			fprintf(c->f, "|%u more", more);
		fprintf(c->f, "\"%s];\n",
			shared ? ", style=filled, fillcolor=\"#ffe08a\""
			: c->gmap && level > DAT_LEVEL_PTE ? ", style=filled, fillcolor=\"#cfe3ff\""
							    : "");
	}

	for (unsigned i = first_idx; i < end_idx; i++) {
		uint64_t e, ea = origin + i * 8ULL;
		uint64_t va = vbase | ((uint64_t)i << dat_level_shift(level));
		enum ekind k;

		if (storage_load8(c->st, ea, &e)) {
			if (c->fmt == DUMP_TEXT)
				fprintf(c->f, "%*s(the table ends outside storage at 0x%016" PRIx64 ")\n",
					(int)(2 * depth + 2), "", ea);
			break;
		}
		k = classify(c, level, e);
		if (k == EK_SKIP)
			continue;
		if (c->truncated)
			break;
		if (++c->nentries > DUMP_MAX_ENTRIES) {
			c->truncated = true;
			if (c->fmt == DUMP_TEXT)
				fprintf(c->f, "%*s... (more than %u entries: the rest is not shown)\n",
					(int)(2 * depth + 2), "", DUMP_MAX_ENTRIES);
			break;
		}
		if (c->fmt == DUMP_TEXT) {
			text_entry(c, level, i, e, k, va, depth + 1);
			if (descends(k, level) && k != EK_LINKED)
				walk_table(c, entry_target(level, e, k), level - 1,
					   level > DAT_LEVEL_STE ? dat_entry_tf(e) : 0,
					   level > DAT_LEVEL_STE ? dat_entry_tl(e) : 0, va,
					   depth + 1);
		} else if (c->fmt == DUMP_JSON) {
			if (!json_first)
				fputc(',', c->f);
			json_first = false;
			json_entry_begin(c, level, i, ea, e, k, va);
			if (descends(k, level) && k != EK_LINKED) {
				fprintf(c->f, ",\"table\":{\"origin\":\"0x%016" PRIx64
					      "\",\"type\":\"%s\",",
					entry_target(level, e, k), level_table_name(level - 1));
				walk_table(c, entry_target(level, e, k), level - 1,
					   level > DAT_LEVEL_STE ? dat_entry_tf(e) : 0,
					   level > DAT_LEVEL_STE ? dat_entry_tl(e) : 0, va,
					   depth + 1);
				fputc('}', c->f);
			}
			fputc('}', c->f);
		} else if (descends(k, level)) {
			uint64_t t = entry_target(level, e, k);

			if (k == EK_LINKED)
				fprintf(c->f, "  t%" PRIx64 ":e%u -> t%" PRIx64
					      ":h [color=red, penwidth=2, label=\"linked\"];\n",
					origin, i, t);
			else
				fprintf(c->f, "  t%" PRIx64 ":e%u -> t%" PRIx64 ":h;\n", origin, i, t);
			if (!seen_before(c, t)) {
				/* a linked page table belongs to the process: walk it in
				 * the process's context (no gmap STE decoding below) */
				struct gmap *save = c->gmap;
				struct mm_struct *save_mm = c->mm;

				if (k == EK_LINKED) {
					c->mm = c->gmap->mm;
					c->gmap = NULL;
				}
				walk_table(c, t, level - 1,
					   level > DAT_LEVEL_STE ? dat_entry_tf(e) : 0,
					   level > DAT_LEVEL_STE ? dat_entry_tl(e) : 0, va,
					   depth + 1);
				c->gmap = save;
				c->mm = save_mm;
			}
		}
	}
	if (c->fmt == DUMP_JSON)
		fputc(']', c->f);
}

struct find_ctx {
	uint64_t origin;
	struct mm_struct *mm;
	struct gmap *gmap;
};

static void find_owner(void *opaque, struct mm_struct *mm)
{
	struct find_ctx *fc = opaque;
	struct gmap *g;

	if (fc->mm || fc->gmap)
		return;
	if ((mm->pgd & _ASCE_ORIGIN) == fc->origin) {
		fc->mm = mm;
		return;
	}
	LIST_FOREACH(g, &mm->context.gmap_list, list) {
		if ((g->table & _ASCE_ORIGIN) == fc->origin) {
			fc->gmap = g;
			return;
		}
	}
}

static void dump_one(struct dctx *c, const struct dump_root *r, unsigned n)
{
	uint64_t asce = r->asce;
	unsigned lvl = asce_level(asce);
	struct find_ctx fc = { asce & _ASCE_ORIGIN, r->mm, r->gmap };
	const char *name;
	const char *kind;

	if (!fc.mm && !fc.gmap)
		machine_for_each_mm(c->m, find_owner, &fc);
	c->gmap = fc.gmap;
	c->mm = fc.gmap ? NULL : fc.mm;
	kind = c->gmap ? "gmap" : c->mm ? "mm" : "asce";
	name = c->gmap ? gmap_label(c, c->gmap) : c->mm ? mm_label(c, c->mm) : "";

	if (c->fmt == DUMP_TEXT) {
		if (c->gmap)
			fprintf(c->f, "gmap %s on %s: ", name, mm_label(c, c->gmap->mm));
		else if (c->mm)
			fprintf(c->f, "mm %s: ", name);
		fprintf(c->f, "asce 0x%016" PRIx64, asce);
		if (asce & _ASCE_REAL_SPACE) {
			fputs(" (real space: no tables)\n", c->f);
			return;
		}
		fprintf(c->f, " (%s, tl %u)", asce_type_name(asce), dat_entry_tl(asce));
		if (c->mm) {
			struct vm_area_struct *v;
			struct gmap *g;
			unsigned ng = 0;

			LIST_FOREACH(g, &c->mm->context.gmap_list, list)
				ng++;
			fprintf(c->f, "%s, %u gmap(s)", c->mm->context.has_pgste ? ", pgste" : "",
				ng);
			for (v = mm_vma_first(c->mm); v; v = mm_vma_next(c->mm, v))
				fprintf(c->f, "\n  vma 0x%016" PRIx64 "-0x%016" PRIx64 " %c%c%c",
					v->vm_start, v->vm_end, (v->vm_prot & MM_PROT_READ) ? 'r' : '-',
					(v->vm_prot & MM_PROT_WRITE) ? 'w' : '-',
					(v->vm_prot & MM_PROT_EXEC) ? 'x' : '-');
		}
		fprintf(c->f, "\n  %s 0x%016" PRIx64 "\n", level_table_name(lvl), (uint64_t)(asce & _ASCE_ORIGIN));
		walk_table(c, asce & _ASCE_ORIGIN, lvl, 0, dat_entry_tl(asce), 0, 0);
	} else if (c->fmt == DUMP_JSON) {
		fprintf(c->f, "%s{\"name\":\"%s\",\"kind\":\"%s\",", n ? "," : "", name, kind);
		if (c->gmap)
			fprintf(c->f, "\"mm\":\"%s\",", mm_label(c, c->gmap->mm));
		fprintf(c->f, "\"asce\":\"0x%016" PRIx64 "\",\"type\":\"%s\",\"tl\":%u", asce,
			(asce & _ASCE_REAL_SPACE) ? "real space" : asce_type_name(asce),
			dat_entry_tl(asce));
		if (!(asce & _ASCE_REAL_SPACE)) {
			fprintf(c->f, ",\"table\":{\"origin\":\"0x%016" PRIx64 "\",\"type\":\"%s\",",
				(uint64_t)(asce & _ASCE_ORIGIN), level_table_name(lvl));
			walk_table(c, asce & _ASCE_ORIGIN, lvl, 0, dat_entry_tl(asce), 0, 0);
			fputc('}', c->f);
		}
		fputc('}', c->f);
	} else {
		fprintf(c->f, "  root%u [shape=box, style=bold, label=\"%s %s\\nasce 0x%" PRIx64 "\"];\n",
			n, kind, name, asce);
		if (asce & _ASCE_REAL_SPACE)
			return;
		fprintf(c->f, "  root%u -> t%" PRIx64 ":h;\n", n, (uint64_t)(asce & _ASCE_ORIGIN));
		if (!seen_before(c, asce & _ASCE_ORIGIN))
			walk_table(c, asce & _ASCE_ORIGIN, lvl, 0, dat_entry_tl(asce), 0, 0);
	}
}

int dump_roots(struct gm_machine *m, const struct dump_root *roots, size_t n,
	       const struct dump_options *opt, char **out, size_t *len)
{
	struct dctx c;
	char *buf = NULL;
	size_t sz = 0;
	struct gm_cpu *cpu;

	if (!m || !out || (n && !roots))
		return -EINVAL;
	if (opt && (unsigned)opt->format > DUMP_DOT)
		return -EINVAL;
	memset(&c, 0, sizeof(c));
	c.m = m;
	c.st = machine_storage(m);
	c.opt = opt;
	c.flags = opt ? opt->flags : 0;
	c.fmt = opt ? opt->format : DUMP_TEXT;
	cpu = machine_current_cpu(m);
	if (cpu)
		cpu_dat_env(cpu, &c.env);
	c.f = open_memstream(&buf, &sz);
	if (!c.f)
		return -ENOMEM;
	if (c.fmt == DUMP_JSON)
		fputs("{\"roots\":[", c.f);
	else if (c.fmt == DUMP_DOT)
		fputs("digraph gmap {\n  rankdir=LR;\n  node [shape=record, fontname=\"monospace\", "
		      "fontsize=10];\n",
		      c.f);
	for (size_t i = 0; i < n; i++)
		dump_one(&c, &roots[i], (unsigned)i);
	if (c.fmt == DUMP_JSON)
		fprintf(c.f, "],\"truncated\":%s}\n", c.truncated ? "true" : "false");
	else if (c.fmt == DUMP_DOT)
		fputs("}\n", c.f);
	free(c.seen);
	if (ferror(c.f) || c.nomem) {
		fclose(c.f);
		free(buf);
		return -ENOMEM;
	}
	if (fclose(c.f)) {
		free(buf);
		return -ENOMEM;
	}
	*out = buf;
	if (len)
		*len = sz;
	return 0;
}

int dump_mm(struct mm_struct *mm, const struct dump_options *opt, char **out, size_t *len)
{
	struct dump_root r;

	if (!mm)
		return -EINVAL;
	r.asce = mm_asce(mm);
	r.mm = mm;
	r.gmap = NULL;
	return dump_roots(mm->machine, &r, 1, opt, out, len);
}

int dump_gmap(struct gmap *gmap, const struct dump_options *opt, char **out, size_t *len)
{
	struct dump_root r;

	if (!gmap || !gmap->mm)
		return -EINVAL;
	r.asce = gmap->asce;
	r.mm = NULL;
	r.gmap = gmap;
	return dump_roots(gmap->mm->machine, &r, 1, opt, out, len);
}

int dump_asce(struct gm_machine *m, uint64_t asce, const struct dump_options *opt, char **out,
	      size_t *len)
{
	struct dump_root r = { asce, NULL, NULL };

	return dump_roots(m, &r, 1, opt, out, len);
}
