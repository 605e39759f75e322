/* SPDX-License-Identifier: MIT */
/*
 * gmapsim commands, the process mm: mm, mm_destroy, mmap, munmap, mprotect, write, read, fault, switch.
 * Only parses words and calls public module functions (include/gmap/); the
 * registration is the table at the end (lib/script/core.c says how).
 */
#include "script-internal.h"

/* ---- mm ------------------------------------------------------------------ */

static int get_prot(struct gm_script *s, const char *cmd, const char *t, unsigned *prot)
{
	char b[96];

	if (!strcmp(t, "none")) {
		*prot = MM_PROT_NONE;
		return 0;
	}
	*prot = 0;
	for (const char *p = t; *p; p++) {
		unsigned bit = *p == 'r' ? MM_PROT_READ : *p == 'w' ? MM_PROT_WRITE
						       : *p == 'x' ? MM_PROT_EXEC
								   : 0;

		if (!bit || (*prot & bit)) {
			script_err(s, "%s: bad protection %s (none, or letters of rwx)", cmd, script_quote(t, b));
			return -1;
		}
		*prot |= bit;
	}
	if (!*prot) {
		script_err(s, "%s: bad protection %s", cmd, script_quote(t, b));
		return -1;
	}
	return 0;
}

static void prot_str(unsigned prot, char out[4])
{
	out[0] = (prot & MM_PROT_READ) ? 'r' : '-';
	out[1] = (prot & MM_PROT_WRITE) ? 'w' : '-';
	out[2] = (prot & MM_PROT_EXEC) ? 'x' : '-';
	out[3] = 0;
}

static int cmd_mm(struct gm_script *s, struct args *a)
{
	struct obj *o;
	unsigned flags = 0;
	char why[200];
	int rc;

	if (a->n < 2 || a->n > 3 || (a->n == 3 && strcmp(a->t[2], "pgste")))
		return script_usage(s, "mm", "mm NAME [pgste]");
	if (script_need_machine(s, "mm"))
		return -1;
	if (a->n == 3)
		flags = MM_PGSTE;
	o = script_add_obj(s, "mm", a->t[1]);
	if (!o)
		return -1;
	why[0] = 0;
	rc = s->be->mm_create(s->be_ctx, s->m, flags, &o->mm, why, sizeof(why));
	if (rc && why[0]) {
		script_err(s, "mm: %s", why);
		return -1;
	}
	if (rc) {
		fprintf(s->out, "mm %s -> ", a->t[1]);
		script_print_rc(s, rc);
		return 0;
	}
	o->kind = OBJ_MM;
	s->nobjs++;
	fprintf(s->out, "mm %s: asce 0x%016" PRIx64 "%s\n", o->name, mm_asce(o->mm),
		flags ? " (pgste page tables)" : "");
	s->last.has_rc = true;
	s->last.rc = 0;
	return 0;
}

static int cmd_mm_destroy(struct gm_script *s, struct args *a)
{
	struct obj *o;
	int rc;

	if (a->n != 2)
		return script_usage(s, "mm_destroy", "mm_destroy NAME");
	if (script_need_machine(s, a->t[0]) || !(o = script_get_obj(s, a->t[0], a->t[1], OBJ_MM)))
		return -1;
	fprintf(s->out, "mm_destroy %s -> ", o->name);
	rc = s->be->mm_destroy(s->be_ctx, o->mm);
	if (rc == 0)
		script_remove_obj(s, o);
	script_print_rc(s, rc);
	return 0;
}

static int cmd_mmap(struct gm_script *s, struct args *a)
{
	static const char u[] = "mmap MM ADDR LEN [r|rw|rx|rwx|none] [fixed]";
	struct obj *o;
	uint64_t addr, len, res = 0;
	unsigned prot = MM_PROT_READ | MM_PROT_WRITE, flags = 0;
	char ps[4], b[96];
	int rc;

	if (a->n < 4 || a->n > 6)
		return script_usage(s, "mmap", u);
	if (script_need_machine(s, "mmap") || !(o = script_get_obj(s, "mmap", a->t[1], OBJ_MM)) ||
	    script_get_num(s, "mmap", a->t[2], &addr) || script_get_num(s, "mmap", a->t[3], &len))
		return -1;
	for (unsigned i = 4; i < a->n; i++) {
		if (!strcmp(a->t[i], "fixed"))
			flags |= MM_MAP_FIXED;
		else if (get_prot(s, "mmap", a->t[i], &prot)) {
			(void)b;
			return -1;
		}
	}
	prot_str(prot, ps);
	script_mm_enter(s, o->mm, true);
	rc = mm_mmap(o->mm, addr, len, prot, flags, &res);
	script_mm_leave(s, o->mm, true);
	fprintf(s->out, "mmap %s 0x%016" PRIx64 " len 0x%" PRIx64 " %s%s -> ", o->name, addr, len, ps,
		(flags & MM_MAP_FIXED) ? " fixed" : "");
	if (rc == 0) {
		fprintf(s->out, "0x%016" PRIx64 "\n", res);
		s->last.has_value = true;
		s->last.value = res;
		s->last.value_len = 8;
		s->last.has_rc = true;
		s->last.rc = 0;
	} else {
		script_print_rc(s, rc);
	}
	return 0;
}

static int cmd_range(struct gm_script *s, struct args *a)
{
	bool is_prot = a->arg;
	struct obj *o;
	uint64_t addr, len;
	unsigned prot = 0;
	char ps[4];
	int rc;

	if (a->n != (is_prot ? 5u : 4u))
		return script_usage(s, a->t[0], is_prot ? "mprotect MM ADDR LEN r|rw|rx|rwx|none"
						 : "munmap MM ADDR LEN");
	if (script_need_machine(s, a->t[0]) || !(o = script_get_obj(s, a->t[0], a->t[1], OBJ_MM)) ||
	    script_get_num(s, a->t[0], a->t[2], &addr) || script_get_num(s, a->t[0], a->t[3], &len))
		return -1;
	if (is_prot && get_prot(s, a->t[0], a->t[4], &prot))
		return -1;
	script_mm_enter(s, o->mm, true);
	rc = is_prot ? mm_mprotect(o->mm, addr, len, prot) : mm_munmap(o->mm, addr, len);
	script_mm_leave(s, o->mm, true);
	fprintf(s->out, "%s %s 0x%016" PRIx64 " len 0x%" PRIx64, a->t[0], o->name, addr, len);
	if (is_prot) {
		prot_str(prot, ps);
		fprintf(s->out, " %s", ps);
	}
	fputs(" -> ", s->out);
	script_print_rc(s, rc);
	return 0;
}

/* write MM VADDR VALUE [len=N] / read MM VADDR [len=N] */
static int cmd_rw(struct gm_script *s, struct args *a)
{
	bool write = a->arg;
	struct xopts x = { 8, 0, false, 4 };
	struct obj *o;
	uint64_t va;
	uint8_t buf[8];
	int rc;

	if (a->n < (write ? 4u : 3u))
		return script_usage(s, a->t[0], write ? "write MM VADDR VALUE [len=N]"
					       : "read MM VADDR [len=N]");
	if (script_need_machine(s, a->t[0]) || !(o = script_get_obj(s, a->t[0], a->t[1], OBJ_MM)) ||
	    script_get_num(s, a->t[0], a->t[2], &va))
		return -1;
	if (write) {
		if (script_get_num(s, a->t[0], a->t[3], &x.value))
			return -1;
		x.have_value = true;
	}
	if (script_get_xopts(s, a->t[0], a, write ? 4 : 3, &x, false))
		return -1;
	if (!write && x.have_value) {
		script_err(s, "read: takes no value");
		return -1;
	}
	script_to_be(x.value, x.len, buf);
	script_mm_enter(s, o->mm, false);
	rc = write ? mm_write(o->mm, va, buf, x.len) : mm_read(o->mm, va, buf, x.len);
	script_mm_leave(s, o->mm, false);
	fprintf(s->out, "%s %s 0x%016" PRIx64 " len %u ", a->t[0], o->name, va, x.len);
	if (rc) {
		fputs("-> ", s->out);
		script_print_rc(s, rc);
		return 0;
	}
	script_print_data(s, write, &x, buf);
	s->last.has_rc = true;
	s->last.rc = 0;
	return 0;
}

static int cmd_fault(struct gm_script *s, struct args *a)
{
	struct obj *o;
	uint64_t va;
	unsigned flags = 0;
	char b[96];
	int rc;

	if (a->n < 3)
		return script_usage(s, "fault", "fault MM VADDR [write] [exec]");
	if (script_need_machine(s, "fault") || !(o = script_get_obj(s, "fault", a->t[1], OBJ_MM)) ||
	    script_get_num(s, "fault", a->t[2], &va))
		return -1;
	for (unsigned i = 3; i < a->n; i++) {
		if (!strcmp(a->t[i], "write"))
			flags |= MM_FAULT_WRITE;
		else if (!strcmp(a->t[i], "exec"))
			flags |= MM_FAULT_EXEC;
		else {
			script_err(s, "fault: unknown option %s (write, exec)", script_quote(a->t[i], b));
			return -1;
		}
	}
	script_mm_enter(s, o->mm, false);
	rc = mm_fault(o->mm, va, flags);
	script_mm_leave(s, o->mm, false);
	fprintf(s->out, "fault %s 0x%016" PRIx64 "%s%s -> ", o->name, va,
		(flags & MM_FAULT_WRITE) ? " write" : "", (flags & MM_FAULT_EXEC) ? " exec" : "");
	script_print_rc(s, rc);
	return 0;
}

static int cmd_switch(struct gm_script *s, struct args *a)
{
	struct obj *o;
	struct gm_cpu *cpu;

	if (a->n != 2)
		return script_usage(s, "switch", "switch MM");
	if (script_need_machine(s, "switch") || !(o = script_get_obj(s, "switch", a->t[1], OBJ_MM)))
		return -1;
	cpu = machine_current_cpu(s->m);
	mm_switch(o->mm, cpu);
	fprintf(s->out, "switch %s: cpu %u runs it: user_asce, cr1, cr7 = 0x%016" PRIx64 "\n",
		o->name, cpu_index(cpu), mm_asce(o->mm));
	return 0;
}

const struct script_cmd script_cmds_mm[] = {
	{ "mm", cmd_mm, 0, 0 },
	{ "mm_destroy", cmd_mm_destroy, 0, 0 },
	{ "mmap", cmd_mmap, 0, 0 },
	{ "munmap", cmd_range, 0, 0 },
	{ "mprotect", cmd_range, 1, 0 },
	{ "write", cmd_rw, 1, 0 },
	{ "read", cmd_rw, 0, 0 },
	{ "fault", cmd_fault, 0, 0 },
	{ "switch", cmd_switch, 0, 0 },
	{ NULL, NULL, 0, 0 },
};
