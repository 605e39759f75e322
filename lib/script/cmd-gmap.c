/* SPDX-License-Identifier: MIT */
/*
 * gmapsim commands, gmap and guest: gmap, gmap_free/enable/disable, gmap_map_segment, gmap_unmap_segment, gmap_fault, guest.
 * Only parses words and calls public module functions (include/gmap/); the
 * registration is the table at the end (lib/script/core.c says how).
 */
#include "script-internal.h"

/* ---- gmap ---------------------------------------------------------------- */

static int cmd_gmap(struct gm_script *s, struct args *a)
{
	struct obj *o, *mo;
	struct gmap *g;

	if (a->n != 4 || strcmp(a->t[2], "on"))
		return script_usage(s, "gmap", "gmap NAME on MM");
	if (script_need_machine(s, "gmap") || !(mo = script_get_obj(s, "gmap", a->t[3], OBJ_MM)))
		return -1;
	o = script_add_obj(s, "gmap", a->t[1]);
	if (!o)
		return -1;
	g = gmap_alloc(mo->mm);
	if (!g) {
		fprintf(s->out, "gmap %s on %s -> NULL (%s)\n", a->t[1], mo->name,
			mo->mm->context.has_pgste ? "out of memory" : "the mm has no pgste");
		s->last.has_rc = true;
		s->last.rc = mo->mm->context.has_pgste ? -ENOMEM : -EINVAL;
		return 0;
	}
	o->kind = OBJ_GMAP;
	o->gmap = g;
	s->nobjs++;
	fprintf(s->out, "gmap %s on %s: asce 0x%016" PRIx64 "\n", o->name, mo->name, g->asce);
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
		gmap_free(o->gmap);
		fprintf(s->out, "gmap_free %s\n", o->name);
		script_remove_obj(s, o);
	} else {
		struct gm_cpu *cpu = machine_current_cpu(s->m);
		uint64_t v = 0;

		if (!strcmp(c, "gmap_enable"))
			gmap_enable(o->gmap);
		else
			gmap_disable(o->gmap);
		cpu_lowcore_load(cpu, 0x370, 8, &v);
		fprintf(s->out, "%s %s: cpu %u lowcore gmap (0x370) = 0x%016" PRIx64 "\n", c, o->name,
			cpu_index(cpu), v);
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
		rc = gmap_map_segment(o->gmap, from, to, len);
		fprintf(s->out, "gmap_map_segment %s from 0x%016" PRIx64 " to 0x%016" PRIx64
				" len 0x%" PRIx64 " -> ",
			o->name, from, to, len);
	} else {
		rc = gmap_unmap_segment(o->gmap, to, len);
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
	unsigned long r;

	if (a->n != 3)
		return script_usage(s, "gmap_fault", "gmap_fault GMAP GADDR");
	if (script_need_machine(s, "gmap_fault") || !(o = script_get_obj(s, "gmap_fault", a->t[1], OBJ_GMAP)) ||
	    script_get_num(s, "gmap_fault", a->t[2], &ga))
		return -1;
	r = gmap_fault(ga, o->gmap);
	fprintf(s->out, "gmap_fault %s 0x%016" PRIx64 " -> ", o->name, ga);
	if ((long)r < 0 && (long)r >= -4095) {
		script_print_rc(s, (long)r);
	} else {
		fprintf(s->out, "process 0x%016lx\n", r);
		s->last.has_value = true;
		s->last.value = r;
		s->last.value_len = 8;
		s->last.has_rc = true;
		s->last.rc = 0;
	}
	return 0;
}

static int cmd_guest(struct gm_script *s, struct args *a)
{
	static const char u[] = "guest read GADDR [len=N] | guest write GADDR VALUE [len=N]";
	struct xopts x = { 8, 0, false, 4 };
	bool write;
	uint64_t ga;
	uint8_t buf[8];
	struct dat_result r;
	int rc;

	if (a->n < 3 || (strcmp(a->t[1], "read") && strcmp(a->t[1], "write")))
		return script_usage(s, "guest", u);
	write = !strcmp(a->t[1], "write");
	if (script_need_machine(s, "guest") || script_get_num(s, "guest", a->t[2], &ga))
		return -1;
	if (write) {
		if (a->n < 4)
			return script_usage(s, "guest", u);
		if (script_get_num(s, "guest", a->t[3], &x.value))
			return -1;
		x.have_value = true;
	}
	if (script_get_xopts(s, "guest", a, write ? 4 : 3, &x, false))
		return -1;
	if (!write && x.have_value) {
		script_err(s, "guest read: takes no value");
		return -1;
	}
	memset(&r, 0, sizeof(r));
	script_to_be(x.value, x.len, buf);
	rc = gmap_sie_access(s->m, ga, buf, x.len, write, &r);
	fprintf(s->out, "guest %s 0x%016" PRIx64 " len %u ", a->t[1], ga, x.len);
	if (rc < 0) {
		fputs("-> ", s->out);
		script_print_rc(s, rc);
		return 0;
	}
	if (rc > 0) {
		fputs("-> ", s->out);
		script_print_pgm(s, rc, &r);
		fputc('\n', s->out);
	} else {
		script_print_data(s, write, &x, buf);
	}
	script_remember_pgm(s, rc, &r);
	s->last.has_rc = true;
	s->last.rc = 0;
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
