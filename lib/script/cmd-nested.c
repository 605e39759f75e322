/* SPDX-License-Identifier: MIT */
/*
 * gmapsim commands, nested guests (docs/nested.md, docs/gmapsim.md):
 * guest_fill (guest-2 builds a table in its memory), nested (the oracle),
 * shadow, shadow_put, shadow_valid, vsie (a guest-3 access through a
 * shadow), shadow_dump (the shadow tree beside guest-2's tables, text or
 * DOT).  Only parses words and calls public module functions
 * (include/gmap/); the registration is the table at the end.
 */
#include "script-internal.h"

#include "gmap/nested.h"
#include "gmap/shadow.h"

static const char *const tbl_words[5] = { "pgt", "sgt", "r3t", "r2t", "r1t" };

/* asce=V and edat=N among the words from @from; the rest must be consumed by the caller. */
static int get_asce_edat(struct gm_script *s, const char *cmd, struct args *a, unsigned from,
			 uint64_t *asce, unsigned *edat, bool *have_asce, unsigned *used)
{
	*have_asce = false;
	*edat = 0;
	*used = 0;
	for (unsigned i = from; i < a->n; i++) {
		const char *v;
		uint64_t n;

		if ((v = script_kv(a->t[i], "asce"))) {
			if (script_get_num(s, cmd, v, asce))
				return -1;
			*have_asce = true;
		} else if ((v = script_kv(a->t[i], "edat"))) {
			if (script_get_num(s, cmd, v, &n))
				return -1;
			if (n > 2) {
				script_err(s, "%s: edat must be 0, 1 or 2", cmd);
				return -1;
			}
			*edat = (unsigned)n;
		} else {
			continue;
		}
		(*used)++;
	}
	return 0;
}

/* ---- guest_fill: guest-2 fills COUNT doublewords with VALUE ---------------- */

static int cmd_guest_fill(struct gm_script *s, struct args *a)
{
	uint64_t ga, val, count;
	struct dat_result r;
	uint8_t buf[8];
	int rc = 0;

	if (a->n != 4)
		return script_usage(s, "guest_fill", "guest_fill GADDR VALUE COUNT");
	if (script_need_machine(s, "guest_fill") || script_get_num(s, "guest_fill", a->t[1], &ga) ||
	    script_get_num(s, "guest_fill", a->t[2], &val) ||
	    script_get_num(s, "guest_fill", a->t[3], &count))
		return -1;
	if ((ga & 7) || count == 0 || count > 4096) {
		script_err(s, "guest_fill: GADDR must be 8-byte aligned and COUNT 1..4096");
		return -1;
	}
	script_to_be(val, 8, buf);
	memset(&r, 0, sizeof(r));
	for (uint64_t i = 0; i < count && rc == 0; i++)
		rc = s->be->sie_access(s->be_ctx, s->m, ga + 8 * i, buf, 8, true, &r);
	fprintf(s->out, "guest_fill 0x%016" PRIx64 " value 0x%016" PRIx64 " count %" PRIu64 " -> ",
		ga, val, count);
	if (rc > 0) {
		script_print_pgm(s, rc, &r);
		fputc('\n', s->out);
		script_remember_pgm(s, rc, &r);
		return 0;
	}
	script_print_rc(s, rc);
	return 0;
}

/* ---- nested: the oracle -------------------------------------------------- */

static int cmd_nested(struct gm_script *s, struct args *a)
{
	static const char u[] = "nested GMAP asce=V [edat=N] SADDR [fetch|store]";
	enum dat_access acc = DAT_FETCH;
	struct nested_result r;
	struct dat_result d;
	uint64_t asce = 0, saddr = 0;
	unsigned edat, used, pos = 0;
	bool have_asce, have_addr = false;
	struct obj *o;

	if (a->n < 4)
		return script_usage(s, "nested", u);
	if (script_need_machine(s, "nested") || !(o = script_get_obj(s, "nested", a->t[1], OBJ_GMAP)) ||
	    !script_native_gmap(s, "nested", o) || get_asce_edat(s, "nested", a, 2, &asce, &edat, &have_asce, &used))
		return -1;
	for (unsigned i = 2; i < a->n; i++) {
		if (script_kv(a->t[i], "asce") || script_kv(a->t[i], "edat"))
			continue;
		if (!have_addr) {
			if (script_get_num(s, "nested", a->t[i], &saddr))
				return -1;
			have_addr = true;
		} else if (script_get_access(s, "nested", a->t[i], &acc)) {
			return -1;
		}
		pos++;
	}
	if (!have_asce || !have_addr || pos > 2)
		return script_usage(s, "nested", u);
	if (nested_translate(o->gmap, asce, edat, saddr, acc, &r) < 0) {
		script_err(s, "nested: bad arguments");
		return -1;
	}
	fprintf(s->out, "nested %s asce 0x%016" PRIx64 " edat %u %s 0x%016" PRIx64 "\n", o->name,
		asce, edat, script_access_name(acc), saddr);
	for (unsigned i = 0; i < r.ntrace; i++)
		fprintf(s->out, "  guest-2 %-4s at 0x%016" PRIx64 " = 0x%016" PRIx64 "\n",
			script_level_words[r.trace[i].level], r.trace[i].g2addr, r.trace[i].value);
	memset(&d, 0, sizeof(d));
	switch (r.kind) {
	case NESTED_OK:
		fprintf(s->out, "  -> guest-2 0x%016" PRIx64 " host 0x%016" PRIx64 "%s (%s)\n",
			r.g2addr, r.haddr, r.protect ? " read-only" : "",
			r.frame == 0 ? "4K page" : r.frame == 1 ? "1M frame" : r.frame == 2 ? "2G frame"
											   : "real space");
		d.raddr = r.g2addr;
		d.aaddr = r.haddr;
		script_set_trans(s, 0, &d);
		s->last.has_value = true;
		s->last.value = r.haddr;
		s->last.value_len = 8;
		break;
	case NESTED_PIC:
		d.teid = r.teid;
		d.teid_valid = r.teid_valid;
		fputs("  -> ", s->out);
		script_print_pgm(s, r.pic, &d);
		fprintf(s->out, " (guest-2's %s)\n", script_level_words[r.level]);
		script_remember_pgm(s, r.pic, &d);
		break;
	default:
		fprintf(s->out, "  -> host fault at guest-2 0x%016" PRIx64 " (%s)\n", r.g2addr,
			r.host.have_vmaddr ? "not present in the process" : "guest-2 has no memory there");
		s->last.has_rc = true;
		s->last.rc = -EFAULT;
		break;
	}
	return 0;
}

/* ---- shadow, shadow_put, shadow_valid --------------------------------------- */

static int cmd_shadow(struct gm_script *s, struct args *a)
{
	static const char u[] = "shadow NAME of GMAP asce=V [edat=N]";
	uint64_t asce = 0;
	unsigned edat, used;
	bool have_asce;
	struct obj *po, *o;
	struct gmap *sg;

	if (a->n < 5 || strcmp(a->t[2], "of"))
		return script_usage(s, "shadow", u);
	if (script_need_machine(s, "shadow") || !(po = script_get_obj(s, "shadow", a->t[3], OBJ_GMAP)) ||
	    !script_native_gmap(s, "shadow", po) || get_asce_edat(s, "shadow", a, 4, &asce, &edat, &have_asce, &used))
		return -1;
	if (!have_asce || used != a->n - 4)
		return script_usage(s, "shadow", u);
	o = script_add_obj(s, "shadow", a->t[1]);
	if (!o)
		return -1;
	sg = gmap_shadow(po->gmap, asce, (int)edat);
	if (gmap_is_err(sg)) {
		fprintf(s->out, "shadow %s of %s asce 0x%016" PRIx64 " edat %u -> ", a->t[1], po->name,
			asce, edat);
		script_print_rc(s, gmap_ptr_err(sg));
		return 0;
	}
	o->kind = OBJ_SHADOW;
	o->gmap = sg;
	s->nobjs++;
	fprintf(s->out, "shadow %s of %s: guest-2 asce 0x%016" PRIx64 " edat %u, shadow asce 0x%016" PRIx64
			"\n",
		o->name, po->name, asce, edat, sg->asce);
	s->last.has_rc = true;
	s->last.rc = 0;
	return 0;
}

static int cmd_shadow_put(struct gm_script *s, struct args *a)
{
	struct obj *o;

	if (a->n != 2)
		return script_usage(s, "shadow_put", "shadow_put SHADOW");
	if (script_need_machine(s, "shadow_put") ||
	    !(o = script_get_obj(s, "shadow_put", a->t[1], OBJ_SHADOW)))
		return -1;
	gmap_put(o->gmap);
	fprintf(s->out, "shadow_put %s\n", o->name);
	script_remove_obj(s, o);
	return 0;
}

static int cmd_shadow_valid(struct gm_script *s, struct args *a)
{
	uint64_t asce = 0;
	unsigned edat, used;
	bool have_asce;
	struct obj *o;
	int v;

	if (a->n < 3)
		return script_usage(s, "shadow_valid", "shadow_valid SHADOW asce=V [edat=N]");
	if (script_need_machine(s, "shadow_valid") ||
	    !(o = script_get_obj(s, "shadow_valid", a->t[1], OBJ_SHADOW)) ||
	    get_asce_edat(s, "shadow_valid", a, 2, &asce, &edat, &have_asce, &used))
		return -1;
	if (!have_asce || used != a->n - 2)
		return script_usage(s, "shadow_valid", "shadow_valid SHADOW asce=V [edat=N]");
	v = gmap_shadow_valid(o->gmap, asce, (int)edat);
	fprintf(s->out, "shadow_valid %s asce 0x%016" PRIx64 " edat %u -> %d%s\n", o->name, asce, edat,
		v, o->gmap->shadow->removed ? " (removed)" : "");
	s->last.has_value = true;
	s->last.value = (uint64_t)v;
	s->last.value_len = 1;
	return 0;
}

/* ---- vsie: a guest-3 access through a shadow ---------------------------------- */

static int cmd_vsie(struct gm_script *s, struct args *a)
{
	static const char u[] = "vsie SHADOW read SADDR [len=N] | vsie SHADOW write SADDR VALUE [len=N]";
	struct xopts x;
	struct dat_result r;
	uint8_t buf[8];
	uint64_t sa;
	struct obj *o = NULL;
	bool write;
	int rc;

	if (script_get_rw_access(s, "vsie", u, a, 2, &o, &write, &sa, &x))
		return -1;
	memset(&r, 0, sizeof(r));
	script_to_be(x.value, x.len, buf);
	rc = shadow_sie_access(s->m, o->gmap, sa, buf, x.len, write, &r);
	fprintf(s->out, "vsie %s %s 0x%016" PRIx64 " len %u ", o->name, a->t[2], sa, x.len);
	script_print_rw_result(s, rc, write, &x, buf, &r, "guest-2 gets ");
	return 0;
}

/* ---- shadow_dump: the shadow tree beside guest-2's tables ----------------------- */

static uint64_t g2_entry(struct gmap *parent, uint64_t g2, bool *ok)
{
	struct nested_host h;
	uint64_t v = 0;

	*ok = nested_g2_to_host(parent, g2, &h) == 0 &&
	      storage_load8(machine_storage_const(parent->mm->machine), h.haddr, &v) == 0;
	return v;
}

static const struct gmap_shadow_table *find_tbl(const struct gmap *sg, uint64_t table)
{
	const struct gmap_shadow_table *t;

	LIST_FOREACH(t, &sg->shadow->tables, list)
		if (t->table == table)
			return t;
	return NULL;
}

static void dump_text(struct gm_script *s, struct obj *o, const struct gmap_shadow_table *t,
		      unsigned depth)
{
	struct gmap *sg = o->gmap, *parent = sg->parent;
	const struct gm_storage *st = machine_storage_const(s->m);
	unsigned n = t->level == DAT_LEVEL_PTE ? PTRS_PER_PTE : PTRS_PER_CRST;

	fprintf(s->out, "%*sshadow %s 0x%016" PRIx64 " guest-3 0x%016" PRIx64 " <- %s guest-2 0x%016" PRIx64
			"\n",
		(int)depth * 2, "", tbl_words[t->level], t->table, t->saddr,
		t->fake ? "fake, frames from" : "table at", t->source);
	for (unsigned i = 0; i < n; i++) {
		uint64_t e = 0, ge = 0, sa = t->saddr + ((uint64_t)i << dat_level_shift(t->level));
		bool gok = false;
		const struct gmap_shadow_table *c;

		(void)storage_load8(st, t->table + 8ULL * i, &e);
		if (t->level == DAT_LEVEL_PTE) {
			if (e & _PAGE_INVALID)
				continue;
		} else if (e == dat_crst_empty(t->level)) {
			continue;
		}
		if (!t->fake && parent)
			ge = g2_entry(parent, t->source + 8ULL * i, &gok);
		fprintf(s->out, "%*s[%4u] 0x%016" PRIx64 " | guest-2 ", (int)depth * 2 + 2, "", i, e);
		if (t->fake)
			fprintf(s->out, "(fake: 0x%016" PRIx64 ")\n",
				t->source + ((uint64_t)i << dat_level_shift(t->level)));
		else if (gok)
			fprintf(s->out, "0x%016" PRIx64 "\n", ge);
		else
			fputs("(not in host memory)\n", s->out);
		if (t->level == DAT_LEVEL_PTE)
			continue;
		c = find_tbl(sg, e & (t->level == DAT_LEVEL_STE ? _SEGMENT_ENTRY_ORIGIN : _REGION_ENTRY_ORIGIN));
		if (c)
			dump_text(s, o, c, depth + 1);
		(void)sa;
	}
}

static void dump_dot(struct gm_script *s, struct obj *o)
{
	const struct gm_storage *st = machine_storage_const(s->m);
	const struct gmap_shadow_table *t;

	fprintf(s->out, "digraph shadow_%s {\n  rankdir=LR;\n  node [shape=box,fontname=monospace];\n",
		o->name);
	fputs("  subgraph cluster_shadow { label=\"shadow (host tables)\";\n", s->out);
	LIST_FOREACH(t, &o->gmap->shadow->tables, list)
		fprintf(s->out, "    s%" PRIx64 " [label=\"%s 0x%" PRIx64 "\\nguest-3 0x%" PRIx64 "\"%s];\n",
			t->table, tbl_words[t->level], t->table, t->saddr, t->fake ? ",style=dashed" : "");
	fputs("  }\n  subgraph cluster_guest2 { label=\"guest-2 tables (guest-2 memory)\";\n", s->out);
	LIST_FOREACH(t, &o->gmap->shadow->tables, list)
		if (!t->fake)
			fprintf(s->out, "    g%" PRIx64 "_%u [label=\"guest-2 %s 0x%" PRIx64 "\"];\n",
				t->source, t->level, tbl_words[t->level], t->source);
	fputs("  }\n", s->out);
	LIST_FOREACH(t, &o->gmap->shadow->tables, list) {
		if (!t->fake)
			fprintf(s->out, "  s%" PRIx64 " -> g%" PRIx64 "_%u [style=dotted,label=\"shadows\"];\n",
				t->table, t->source, t->level);
		if (t->level == DAT_LEVEL_PTE)
			continue;
		for (unsigned i = 0; i < PTRS_PER_CRST; i++) {
			uint64_t e = 0;
			const struct gmap_shadow_table *c;

			(void)storage_load8(st, t->table + 8ULL * i, &e);
			if (e == dat_crst_empty(t->level))
				continue;
			c = find_tbl(o->gmap, e & (t->level == DAT_LEVEL_STE ? _SEGMENT_ENTRY_ORIGIN
									: _REGION_ENTRY_ORIGIN));
			if (c) {
				fprintf(s->out, "  s%" PRIx64 " -> s%" PRIx64 " [label=\"[%u]\"];\n", t->table,
					c->table, i);
				if (!t->fake && !c->fake)
					fprintf(s->out, "  g%" PRIx64 "_%u -> g%" PRIx64 "_%u [label=\"[%u]\"];\n",
						t->source, t->level, c->source, c->level, i);
			}
		}
	}
	fputs("}\n", s->out);
}

static int cmd_shadow_dump(struct gm_script *s, struct args *a)
{
	const struct gmap_shadow_table *top;
	struct obj *o;
	bool dot;

	if (a->n < 2 || a->n > 3 || (a->n == 3 && strcmp(a->t[2], "dot") && strcmp(a->t[2], "text")))
		return script_usage(s, "shadow_dump", "shadow_dump SHADOW [text|dot]");
	if (script_need_machine(s, "shadow_dump") ||
	    !(o = script_get_obj(s, "shadow_dump", a->t[1], OBJ_SHADOW)))
		return -1;
	dot = a->n == 3 && !strcmp(a->t[2], "dot");
	if (dot) {
		dump_dot(s, o);
		return 0;
	}
	fprintf(s->out, "shadow %s: guest-2 asce 0x%016" PRIx64 " edat %d, %u tables, %u rmaps%s\n",
		o->name, o->gmap->shadow->orig_asce, o->gmap->shadow->edat_level,
		o->gmap->shadow->nr_tables, o->gmap->shadow->nr_rmaps,
		o->gmap->shadow->removed ? ", removed" : "");
	top = find_tbl(o->gmap, o->gmap->table);
	if (top && !o->gmap->shadow->removed)
		dump_text(s, o, top, 1);
	return 0;
}

const struct script_cmd script_cmds_nested[] = {
	{ "guest_fill", cmd_guest_fill, 0, 0 },
	{ "nested", cmd_nested, 0, 0 },
	{ "shadow", cmd_shadow, 0, 0 },
	{ "shadow_put", cmd_shadow_put, 0, 0 },
	{ "shadow_valid", cmd_shadow_valid, 0, 0 },
	{ "vsie", cmd_vsie, 0, 0 },
	{ "shadow_dump", cmd_shadow_dump, 0, SCRIPT_CMD_KEEPS_LAST },
	{ NULL, NULL, 0, 0 },
};
