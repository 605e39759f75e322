/* SPDX-License-Identifier: MIT */
/*
 * gmapsim commands, gmap and guest: gmap, gmap_free/enable/disable, gmap_map_segment, gmap_unmap_segment, gmap_fault, guest.
 * Only parses words and calls public module functions (include/gmap/); the
 * registration is the table at the end (lib/script/core.c says how).
 */
#include "script-internal.h"

/* ---- gmap ---------------------------------------------------------------- */

/*
 * Every gmap call goes through s->be (embed.h): libgmap's gmap by default,
 * the kernel's gmap.c under kgmapsim.
 */
static int cmd_gmap(struct gm_script *s, struct args *a)
{
	struct obj *o, *mo;
	uint64_t asce = 0;
	void *g;
	int rc = -ENOMEM;

	if (a->n != 4 || strcmp(a->t[2], "on"))
		return script_usage(s, "gmap", "gmap NAME on MM");
	if (script_need_machine(s, "gmap") || !(mo = script_get_obj(s, "gmap", a->t[3], OBJ_MM)))
		return -1;
	o = script_add_obj(s, "gmap", a->t[1]);
	if (!o)
		return -1;
	g = s->be->gmap_create(s->be_ctx, mo->mm, &asce, &rc);
	if (!g) {
		fprintf(s->out, "gmap %s on %s -> NULL (%s)\n", a->t[1], mo->name,
			rc == -EINVAL ? "the mm has no pgste" : "out of memory");
		s->last.has_rc = true;
		s->last.rc = rc;
		return 0;
	}
	o->kind = OBJ_GMAP;
	o->bg = g;
	o->gmap = s->be->gmap_native(s->be_ctx, g);
	o->mm = mo->mm;
	o->asce = asce;
	s->nobjs++;
	fprintf(s->out, "gmap %s on %s: asce 0x%016" PRIx64 "\n", o->name, mo->name, asce);
	s->last.has_rc = true;
	s->last.rc = 0;
	return 0;
}

static int cmd_gmap_simple(struct gm_script *s, struct args *a)
{
	struct obj *o;
	const char *c = a->t[0];

	if (a->n != 2)
		return script_usage(s, c, "gmap_free|gmap_enable|gmap_disable GMAP");
	if (script_need_machine(s, c) || !(o = script_get_obj(s, c, a->t[1], OBJ_GMAP)))
		return -1;
	if (!strcmp(c, "gmap_free")) {
		s->be->gmap_free(s->be_ctx, o->bg);
		fprintf(s->out, "gmap_free %s\n", o->name);
		script_remove_obj(s, o);
	} else {
		struct gm_cpu *cpu = machine_current_cpu(s->m);
		char what[160];

		what[0] = 0;
		s->be->gmap_enable(s->be_ctx, cpu, o->bg, !strcmp(c, "gmap_enable"), what, sizeof(what));
		fprintf(s->out, "%s %s: cpu %u %s\n", c, o->name, cpu_index(cpu), what);
	}
	return 0;
}

static int cmd_gmap_map(struct gm_script *s, struct args *a)
{
	bool map = a->arg;
	struct obj *o;
	uint64_t from = 0, to, len;
	int rc;

	if (a->n != (map ? 5u : 4u))
		return script_usage(s, a->t[0], map ? "gmap_map_segment GMAP FROM TO LEN"
					     : "gmap_unmap_segment GMAP TO LEN");
	if (script_need_machine(s, a->t[0]) || !(o = script_get_obj(s, a->t[0], a->t[1], OBJ_GMAP)))
		return -1;
	if (map && script_get_num(s, a->t[0], a->t[2], &from))
		return -1;
	if (script_get_num(s, a->t[0], a->t[map ? 3 : 2], &to) ||
	    script_get_num(s, a->t[0], a->t[map ? 4 : 3], &len))
		return -1;
	if (map) {
		char why[200] = "";

		rc = s->be->map_segment(s->be_ctx, o->bg, from, to, len, why, sizeof(why));
		if (rc && why[0]) {
			script_err(s, "gmap_map_segment: %s", why);
			return -1;
		}
		fprintf(s->out, "gmap_map_segment %s from 0x%016" PRIx64 " to 0x%016" PRIx64
				" len 0x%" PRIx64 " -> ",
			o->name, from, to, len);
	} else {
		rc = s->be->unmap_segment(s->be_ctx, o->bg, to, len);
		fprintf(s->out, "gmap_unmap_segment %s to 0x%016" PRIx64 " len 0x%" PRIx64 " -> ",
			o->name, to, len);
	}
	script_print_rc(s, rc);
	return 0;
}

static int cmd_gmap_fault(struct gm_script *s, struct args *a)
{
	struct obj *o;
	uint64_t ga;
	long r;

	if (a->n != 3)
		return script_usage(s, "gmap_fault", "gmap_fault GMAP GADDR");
	if (script_need_machine(s, "gmap_fault") || !(o = script_get_obj(s, "gmap_fault", a->t[1], OBJ_GMAP)) ||
	    script_get_num(s, "gmap_fault", a->t[2], &ga))
		return -1;
	r = s->be->fault(s->be_ctx, o->bg, ga);
	fprintf(s->out, "gmap_fault %s 0x%016" PRIx64 " -> ", o->name, ga);
	if (r < 0 && r >= -4095) {
		script_print_rc(s, r);
	} else {
		fprintf(s->out, "process 0x%016lx\n", (unsigned long)r);
		s->last.has_value = true;
		s->last.value = (uint64_t)r;
		s->last.value_len = 8;
		s->last.has_rc = true;
		s->last.rc = 0;
	}
	return 0;
}

static int cmd_guest(struct gm_script *s, struct args *a)
{
	static const char u[] = "guest read GADDR [len=N] | guest write GADDR VALUE [len=N]";
	struct xopts x;
	bool write;
	uint64_t ga;
	uint8_t buf[8];
	struct dat_result r;
	int rc;

	if (script_get_rw_access(s, "guest", u, a, 1, NULL, &write, &ga, &x))
		return -1;
	memset(&r, 0, sizeof(r));
	script_to_be(x.value, x.len, buf);
	rc = s->be->sie_access(s->be_ctx, s->m, ga, buf, x.len, write, &r);
	fprintf(s->out, "guest %s 0x%016" PRIx64 " len %u ", a->t[1], ga, x.len);
	script_print_rw_result(s, rc, write, &x, buf, &r, "");
	return 0;
}

const struct script_cmd script_cmds_gmap[] = {
	{ "gmap", cmd_gmap, 0, 0 },
	{ "gmap_free", cmd_gmap_simple, 0, 0 },
	{ "gmap_enable", cmd_gmap_simple, 0, 0 },
	{ "gmap_disable", cmd_gmap_simple, 0, 0 },
	{ "gmap_map_segment", cmd_gmap_map, 1, 0 },
	{ "gmap_unmap_segment", cmd_gmap_map, 0, 0 },
	{ "gmap_fault", cmd_gmap_fault, 0, 0 },
	{ "guest", cmd_guest, 0, 0 },
	{ NULL, NULL, 0, 0 },
};
