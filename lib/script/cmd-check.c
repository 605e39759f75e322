/* SPDX-License-Identifier: MIT */
/*
 * gmapsim commands, dumps and checks: dump, walk, check, stats.
 * Only parses words and calls public module functions (include/gmap/); the
 * registration is the table at the end (lib/script/core.c says how).
 */
#include "script-internal.h"

/* ---- dumps, walk, check, stats -------------------------------------------- */

/* One more tree for dump: refused, not written, once the array is full. */
static int add_root(struct gm_script *s, struct dump_root *roots, size_t *n, struct dump_root r)
{
	if (*n >= SCRIPT_MAX_OBJECTS) {
		script_err(s, "dump: too many trees (at most %d in one dump)", SCRIPT_MAX_OBJECTS);
		return -1;
	}
	roots[(*n)++] = r;
	return 0;
}

/* The gmap of another backend (embed.h) a dump root is, or NULL. */
static struct obj *backend_gmap_of(struct gm_script *s, const struct dump_root *r)
{
	if (r->mm || r->gmap)
		return NULL;
	for (unsigned k = 0; k < s->nobjs; k++)
		if (s->objs[k].kind == OBJ_GMAP && !s->objs[k].gmap && s->objs[k].asce == r->asce)
			return &s->objs[k];
	return NULL;
}

/*
 * A text dump under another backend: tree by tree, a backend gmap's tables
 * plainly (the dump module knows only libgmap's gmaps) under its name,
 * followed by the backend's own bookkeeping (a kernel's radix trees).
 */
static int dump_text_each(struct gm_script *s, const struct dump_root *roots, size_t n,
			  const struct dump_options *opt)
{
	for (size_t i = 0; i < n; i++) {
		struct obj *g = backend_gmap_of(s, &roots[i]);
		const char *mm = g ? script_obj_name_mm(s, g->mm) : NULL;
		char *txt = NULL;
		int rc = dump_roots(s->m, &roots[i], 1, opt, &txt, NULL);

		if (rc) {
			script_err(s, "dump: %s", strerror(-rc));
			return -1;
		}
		if (g)
			fprintf(s->out, "gmap %s on %s (%s): ", g->name, mm ? mm : "?", s->be->name);
		fputs(txt, s->out);
		free(txt);
		if (g && s->be->describe)
			s->be->describe(s->be_ctx, g->bg, g->name, s->out);
	}
	return 0;
}

static int cmd_dump(struct gm_script *s, struct args *a)
{
	static const char u[] = "dump [text|json|dot] [full] [all] [NAME...] [asce=V...]";
	struct dump_root roots[SCRIPT_MAX_OBJECTS];
	struct dump_options opt = { DUMP_TEXT, 0, script_obj_name_mm, script_obj_name_gmap, s };
	size_t n = 0;
	char *txt = NULL, b[96];
	int rc;

	if (script_need_machine(s, "dump"))
		return -1;
	for (unsigned i = 1; i < a->n; i++) {
		const char *t = a->t[i], *v;
		struct obj *o;

		if (!strcmp(t, "text"))
			opt.format = DUMP_TEXT;
		else if (!strcmp(t, "json"))
			opt.format = DUMP_JSON;
		else if (!strcmp(t, "dot"))
			opt.format = DUMP_DOT;
		else if (!strcmp(t, "full"))
			opt.flags |= DUMP_ALL_ENTRIES;
		else if (!strcmp(t, "all")) {
			/* every mm, each followed by its gmaps */
			for (unsigned k = 0; k < s->nobjs; k++) {
				if (s->objs[k].kind != OBJ_MM)
					continue;
				if (add_root(s, roots, &n,
					     (struct dump_root){ mm_asce(s->objs[k].mm), s->objs[k].mm,
								 NULL }))
					return -1;
				for (unsigned j = 0; j < s->nobjs; j++)
					if (s->objs[j].kind == OBJ_GMAP &&
					    s->objs[j].mm == s->objs[k].mm &&
					    add_root(s, roots, &n,
						     (struct dump_root){ s->objs[j].asce, NULL,
									 s->objs[j].gmap }))
						return -1;
			}
		} else if ((v = script_kv(t, "asce"))) {
			uint64_t asce;

			if (script_get_num(s, "dump", v, &asce) ||
			    add_root(s, roots, &n, (struct dump_root){ asce, NULL, NULL }))
				return -1;
		} else if ((o = script_find_obj(s, t))) {
			if (add_root(s, roots, &n,
				     o->kind == OBJ_MM
					     ? (struct dump_root){ mm_asce(o->mm), o->mm, NULL }
					     /* a shadow's tables are plain DAT tables: no seed STE states */
					     : o->kind == OBJ_SHADOW ? (struct dump_root){ o->gmap->asce, NULL, NULL }
					     /* a gmap of another backend: its tables, plainly (embed.h) */
					     : (struct dump_root){ o->asce, NULL, o->gmap }))
				return -1;
		} else {
			script_err(s, "dump: %s is neither a name nor an option; usage: %s", script_quote(t, b), u);
			return -1;
		}
	}
	if (n == 0)
		return script_usage(s, "dump", u);
	if (opt.format == DUMP_TEXT && s->be != &script_backend_libgmap)
		return dump_text_each(s, roots, n, &opt);
	rc = dump_roots(s->m, roots, n, &opt, &txt, NULL);
	if (rc) {
		script_err(s, "dump: %s", strerror(-rc));
		return -1;
	}
	fputs(txt, s->out);
	free(txt);
	return 0;
}

static unsigned asce_first_level(uint64_t asce)
{
	switch (asce & _ASCE_TYPE_MASK) {
	case _ASCE_TYPE_REGION1: return DAT_LEVEL_R1TE;
	case _ASCE_TYPE_REGION2: return DAT_LEVEL_R2TE;
	case _ASCE_TYPE_REGION3: return DAT_LEVEL_R3TE;
	default: return DAT_LEVEL_STE;
	}
}

static int cmd_walk(struct gm_script *s, struct args *a)
{
	uint64_t asce, va;
	struct obj *o;

	if (a->n != 3)
		return script_usage(s, "walk", "walk NAME|ASCE VADDR");
	if (script_need_machine(s, "walk") || script_get_num(s, "walk", a->t[1], &asce) ||
	    script_get_num(s, "walk", a->t[2], &va))
		return -1;
	o = script_find_obj(s, a->t[1]);
	fprintf(s->out, "walk %s 0x%016" PRIx64 " (asce 0x%016" PRIx64 ")\n", a->t[1], va, asce);
	if (asce & _ASCE_REAL_SPACE) {
		fputs("  real space: no tables\n", s->out);
		return 0;
	}
	for (int l = (int)asce_first_level(asce); l >= 0; l--) {
		uint64_t ea, e;
		int rc = dump_lookup_entry(machine_storage(s->m), asce, va, (enum dat_level)l, &ea, &e);

		if (rc == -ENOENT)
			break;
		if (rc) {
			fprintf(s->out, "  %-4s outside storage\n", script_level_words[l]);
			break;
		}
		fprintf(s->out, "  %-4s at 0x%016" PRIx64 " = 0x%016" PRIx64, script_level_words[l], ea, e);
		if (l == DAT_LEVEL_STE && o && o->kind == OBJ_GMAP) {
			static const char *const st[] = { "EMPTY", "MAPPED", "LINKED", "invalid" };

			fprintf(s->out, " %s", st[o->gmap ? (int)gmap_ste_state(e)
						      : script_gmap_ste_state(s, o, va)]);
		} else if (l >= DAT_LEVEL_R3TE ? (e & _REGION_ENTRY_INVALID)
			   : l == DAT_LEVEL_STE ? (e & _SEGMENT_ENTRY_INVALID)
						: (e & _PAGE_INVALID)) {
			fputs(" invalid", s->out);
		}
		fputc('\n', s->out);
	}
	return 0;
}

static int cmd_check(struct gm_script *s, struct args *a)
{
	int n;

	if (a->n != 1)
		return script_usage(s, "check", "check");
	if (script_need_machine(s, "check"))
		return -1;
	n = script_run_check(s, true);
	if (n < 0)
		return -1;
	s->last.has_value = true;
	s->last.value = (uint64_t)n;
	s->last.value_len = 8;
	return 0;
}

static int cmd_stats(struct gm_script *s, struct args *a)
{
	struct storage_stats st;

	if (a->n != 1)
		return script_usage(s, "stats", "stats");
	if (script_need_machine(s, "stats"))
		return -1;
	storage_stats(machine_storage(s->m), &st);
	fprintf(s->out,
		"stats: %" PRIu64 " of %" PRIu64 " frames used; crst %" PRIu64 ", pt %" PRIu64
		", pgste-pt %" PRIu64 ", data %" PRIu64 ", lowcore %" PRIu64 "; host objects %" PRIu64
		"\n",
		st.frames_used, st.frames_total, st.by_kind[STORAGE_CRST], st.by_kind[STORAGE_PT_FRAG],
		st.by_kind[STORAGE_PT_PGSTE], st.by_kind[STORAGE_FRAME], st.by_kind[STORAGE_LOWCORE],
		st.host_objects);
	return 0;
}

const struct script_cmd script_cmds_check[] = {
	{ "dump", cmd_dump, 0, SCRIPT_CMD_KEEPS_LAST },
	{ "walk", cmd_walk, 0, SCRIPT_CMD_KEEPS_LAST },
	{ "check", cmd_check, 0, 0 },
	{ "stats", cmd_stats, 0, 0 },
	{ NULL, NULL, 0, 0 },
};
