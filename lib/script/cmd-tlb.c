/* SPDX-License-Identifier: MIT */
/*
 * gmapsim commands, TLB and purges: ipte, idte, csp, tlb, ptlb.
 * Only parses words and calls public module functions (include/gmap/); the
 * registration is the table at the end (lib/script/core.c says how).
 */
#include "script-internal.h"

/* ---- TLB and purges -------------------------------------------------------- */

static bool get_local(struct args *a, unsigned *n)
{
	if (*n > 0 && !strcmp(a->t[*n - 1], "local")) {
		(*n)--;
		return true;
	}
	return false;
}

/* PTO from "MM" (the page table mapping VADDR) or a number */
static int cmd_ipte(struct gm_script *s, struct args *a)
{
	static const char u[] = "ipte PTO|MM VADDR [range=N] [local]";
	unsigned n = a->n, range = 0;
	bool local = get_local(a, &n);
	uint64_t pto, va, x;
	struct obj *o;
	int rc;

	if (n < 3 || n > 4)
		return script_usage(s, "ipte", u);
	if (script_need_machine(s, "ipte") || script_get_num(s, "ipte", a->t[2], &va))
		return -1;
	if (n == 4) {
		const char *v = script_kv(a->t[3], "range");

		if (!v)
			return script_usage(s, "ipte", u);
		if (script_get_num(s, "ipte", v, &x))
			return -1;
		if (x > 255) {
			script_err(s, "ipte: range must be 0..255");
			return -1;
		}
		range = (unsigned)x;
	}
	o = script_find_obj(s, a->t[1]);
	if (o) {
		uint64_t ste;

		if (dump_lookup_entry(machine_storage(s->m),
				      script_obj_asce(o), va,
				      DAT_LEVEL_STE, NULL, &ste) ||
		    (ste & _SEGMENT_ENTRY_INVALID)) {
			script_err(s, "ipte: %s has no page table for 0x%" PRIx64, o->name, va);
			return -1;
		}
		pto = ste & _SEGMENT_ENTRY_ORIGIN;
	} else if (script_get_num(s, "ipte", a->t[1], &pto)) {
		return -1;
	}
	rc = tlb_ipte(machine_current_cpu(s->m), pto, va, range, local);
	fprintf(s->out, "ipte pt 0x%016" PRIx64 " va 0x%016" PRIx64 " range %u%s -> ", pto, va, range,
		local ? " local" : "");
	script_print_rc(s, rc);
	return 0;
}

static int cmd_idte(struct gm_script *s, struct args *a)
{
	static const char u[] = "idte DESIGNATION VADDR [count=N] [local] | idte asce ASCE [local]";
	unsigned n = a->n, count = 0;
	bool local = get_local(a, &n);
	uint64_t d, va, x;
	int rc;

	if (script_need_machine(s, "idte"))
		return -1;
	if (n == 3 && !strcmp(a->t[1], "asce")) {
		if (script_get_num(s, "idte", a->t[2], &d))
			return -1;
		rc = tlb_idte_clear_asce(machine_current_cpu(s->m), d, local);
		fprintf(s->out, "idte clear asce 0x%016" PRIx64 "%s -> ", d, local ? " local" : "");
		script_print_rc(s, rc);
		return 0;
	}
	if (n < 3 || n > 4)
		return script_usage(s, "idte", u);
	if (script_get_num(s, "idte", a->t[1], &d) || script_get_num(s, "idte", a->t[2], &va))
		return -1;
	if (n == 4) {
		const char *v = script_kv(a->t[3], "count");

		if (!v)
			return script_usage(s, "idte", u);
		if (script_get_num(s, "idte", v, &x))
			return -1;
		if (x > 2047) {
			script_err(s, "idte: count must be 0..2047");
			return -1;
		}
		count = (unsigned)x;
	}
	rc = tlb_idte_invalidate(machine_current_cpu(s->m), d, va, count, local);
	fprintf(s->out, "idte table 0x%016" PRIx64 " va 0x%016" PRIx64 " count %u%s -> ", d, va,
		count, local ? " local" : "");
	script_print_rc(s, rc);
	return 0;
}

static int cmd_csp(struct gm_script *s, struct args *a)
{
	static const char u[] = "csp AADDR OLD NEW [len=4|8] [nopurge]";
	uint64_t aaddr, old, nw, x;
	unsigned len = 8;
	bool purge = true;
	char b[96];
	int rc;

	if (a->n < 4)
		return script_usage(s, "csp", u);
	if (script_need_machine(s, "csp") || script_get_num(s, "csp", a->t[1], &aaddr) ||
	    script_get_num(s, "csp", a->t[2], &old) || script_get_num(s, "csp", a->t[3], &nw))
		return -1;
	for (unsigned i = 4; i < a->n; i++) {
		const char *v = script_kv(a->t[i], "len");

		if (v) {
			if (script_get_num(s, "csp", v, &x))
				return -1;
			if (x != 4 && x != 8) {
				script_err(s, "csp: len must be 4 (CSP) or 8 (CSPG)");
				return -1;
			}
			len = (unsigned)x;
		} else if (!strcmp(a->t[i], "nopurge")) {
			purge = false;
		} else {
			script_err(s, "csp: unknown option %s; usage: %s", script_quote(a->t[i], b), u);
			return -1;
		}
	}
	if (!script_fits(old, len) || !script_fits(nw, len)) {
		script_err(s, "csp: values must fit in %u bytes", len);
		return -1;
	}
	rc = tlb_csp(machine_current_cpu(s->m), aaddr, len, &old, nw, purge);
	fprintf(s->out, "%s 0x%016" PRIx64 " -> ", len == 8 ? "cspg" : "csp", aaddr);
	if (rc == 0)
		fprintf(s->out, "swapped%s\n", purge ? ", tlbs purged" : "");
	else if (rc == 1)
		fprintf(s->out, "compare failed, current 0x%0*" PRIx64 "\n", (int)(2 * len), old);
	else {
		script_print_rc(s, rc);
		return 0;
	}
	s->last.has_value = true;
	s->last.value = (uint64_t)rc;
	s->last.value_len = 1;
	return 0;
}

static void print_tlb_stats(struct gm_script *s, struct gm_cpu *cpu)
{
	struct tlb_stats st;

	tlb_get_stats(cpu, &st);
	fprintf(s->out,
		"tlb cpu %u: %u/%u entries, lookups %" PRIu64 " hits %" PRIu64 " misses %" PRIu64
		" inserts %" PRIu64 " evictions %" PRIu64 " purged %" PRIu64 " stale %" PRIu64 "\n",
		cpu_index(cpu), st.entries, st.capacity, st.lookups, st.hits, st.misses, st.inserts,
		st.evictions, st.purged, st.stale);
}

static int cmd_tlb(struct gm_script *s, struct args *a)
{
	static const char u[] = "tlb [stats [all]] | tlb preload ASCE|NAME VADDR | tlb stale | "
				"tlb checking on|off | tlb purge_all | tlb flush_mm MM";
	const char *sub = a->n >= 2 ? a->t[1] : "stats";
	struct gm_cpu *cpu;

	if (script_need_machine(s, "tlb"))
		return -1;
	cpu = machine_current_cpu(s->m);
	if (!strcmp(sub, "stats")) {
		if (a->n == 3 && !strcmp(a->t[2], "all")) {
			for (unsigned i = 0; i < machine_ncpus(s->m); i++)
				print_tlb_stats(s, machine_cpu(s->m, i));
		} else if (a->n <= 2) {
			print_tlb_stats(s, cpu);
		} else {
			return script_usage(s, "tlb", u);
		}
		if (!machine_tlb_enabled(s->m))
			fputs("tlb: this machine models no TLB (add `tlb` to `machine`)\n", s->out);
	} else if (!strcmp(sub, "preload")) {
		uint64_t asce, va;
		int rc;

		if (a->n != 4)
			return script_usage(s, "tlb", u);
		if (script_get_num(s, "tlb", a->t[2], &asce) || script_get_num(s, "tlb", a->t[3], &va))
			return -1;
		rc = tlb_preload(cpu, asce, va);
		fprintf(s->out, "tlb preload asce 0x%016" PRIx64 " va 0x%016" PRIx64 " -> ", asce, va);
		if (rc > 0)
			fprintf(s->out, "pgm 0x%04x (nothing formed)\n", (unsigned)rc);
		else
			script_print_rc(s, rc);
	} else if (!strcmp(sub, "stale")) {
		uint64_t n = tlb_stale_count(s->m);

		if (a->n != 2)
			return script_usage(s, "tlb", u);
		fprintf(s->out, "tlb stale %" PRIu64 "\n", n);
		s->last.has_value = true;
		s->last.value = n;
		s->last.value_len = 8;
	} else if (!strcmp(sub, "checking")) {
		if (a->n != 3 || (strcmp(a->t[2], "on") && strcmp(a->t[2], "off")))
			return script_usage(s, "tlb", u);
		tlb_set_checking(s->m, !strcmp(a->t[2], "on"));
		fprintf(s->out, "tlb checking %s\n", a->t[2]);
	} else if (!strcmp(sub, "purge_all")) {
		if (a->n != 2)
			return script_usage(s, "tlb", u);
		tlb_purge_all(s->m);
		fputs("tlb purge_all: every cpu purged (csp)\n", s->out);
	} else if (!strcmp(sub, "flush_mm")) {
		struct obj *o;

		if (a->n != 3)
			return script_usage(s, "tlb", u);
		if (!(o = script_get_obj(s, "tlb", a->t[2], OBJ_MM)))
			return -1;
		mm_tlb_flush_mm(o->mm);
		fprintf(s->out, "tlb flush_mm %s: %s\n", o->name,
			LIST_EMPTY(&o->mm->context.gmap_list) &&
					machine_has_facility(s->m, GM_FAC_IDTE)
				? "idte by the process asce"
				: "full purge (gmaps attached or no idte)");
	} else {
		return script_usage(s, "tlb", u);
	}
	return 0;
}

static int cmd_ptlb(struct gm_script *s, struct args *a)
{
	if (a->n != 1)
		return script_usage(s, "ptlb", "ptlb");
	if (script_need_machine(s, "ptlb"))
		return -1;
	tlb_ptlb(machine_current_cpu(s->m));
	fprintf(s->out, "ptlb cpu %u\n", cpu_index(machine_current_cpu(s->m)));
	return 0;
}

const struct script_cmd script_cmds_tlb[] = {
	{ "ipte", cmd_ipte, 0, 0 },
	{ "idte", cmd_idte, 0, 0 },
	{ "csp", cmd_csp, 0, 0 },
	{ "ptlb", cmd_ptlb, 0, 0 },
	{ "tlb", cmd_tlb, 0, 0 },
	{ NULL, NULL, 0, 0 },
};
