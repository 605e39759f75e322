/* SPDX-License-Identifier: MIT */
/*
 * gmapsim commands, cpu and translation: cpu, translate, access.
 * Only parses words and calls public module functions (include/gmap/); the
 * registration is the table at the end (lib/script/core.c says how).
 */
#include "script-internal.h"

static const char *asc_name(uint64_t mask)
{
	switch ((mask & PSW_MASK_ASC) >> PSW_ASC_SHIFT) {
	case 0: return "primary";
	case 1: return "ar";
	case 2: return "secondary";
	default: return "home";
	}
}

static void print_cpu(struct gm_script *s, struct gm_cpu *cpu)
{
	struct gm_psw psw = cpu_get_psw(cpu);

	fprintf(s->out,
		"cpu %u: prefix 0x%08" PRIx32 " dat %s asc %s cr0 0x%016" PRIx64 " cr1 0x%016" PRIx64
		" cr7 0x%016" PRIx64 " cr13 0x%016" PRIx64 "\n",
		cpu_index(cpu), cpu_prefix(cpu), (psw.mask & PSW_MASK_DAT) ? "on" : "off",
		asc_name(psw.mask), cpu_get_cr(cpu, 0), cpu_get_cr(cpu, 1), cpu_get_cr(cpu, 7),
		cpu_get_cr(cpu, 13));
}

static const char U_CPU[] = "cpu [N] [prefix=P] [cr0=V .. cr15=V] "
			    "[asc=primary|secondary|home] [dat=on|off]";

static int cmd_cpu(struct gm_script *s, struct args *a)
{
	struct gm_cpu *cpu;
	uint64_t cr[16], prefix = 0, x;
	unsigned crset = 0, first = 1;
	int asc = -1, dat = -1;
	bool have_prefix = false;
	char b[96];

	if (script_need_machine(s, "cpu"))
		return -1;
	cpu = machine_current_cpu(s->m);
	if (a->n >= 2 && script_parse_u64(a->t[1], &x) == 0) {
		if (x >= machine_ncpus(s->m)) {
			script_err(s, "cpu: no cpu %" PRIu64 " (the machine has %u)", x,
			     machine_ncpus(s->m));
			return -1;
		}
		cpu = machine_cpu(s->m, (unsigned)x);
		first = 2;
	}
	for (unsigned i = first; i < a->n; i++) {
		const char *t = a->t[i], *v;

		if ((v = script_kv(t, "prefix"))) {
			if (script_get_num(s, "cpu", v, &prefix))
				return -1;
			have_prefix = true;
		} else if ((v = script_kv(t, "asc"))) {
			if (!strcmp(v, "primary"))
				asc = 0;
			else if (!strcmp(v, "secondary"))
				asc = 2;
			else if (!strcmp(v, "home"))
				asc = 3;
			else if (!strcmp(v, "ar"))
				asc = 1;
			else {
				script_err(s, "cpu: bad asc %s (primary, secondary, home)", script_quote(v, b));
				return -1;
			}
		} else if ((v = script_kv(t, "dat"))) {
			if (!strcmp(v, "on"))
				dat = 1;
			else if (!strcmp(v, "off"))
				dat = 0;
			else {
				script_err(s, "cpu: bad dat %s (on or off)", script_quote(v, b));
				return -1;
			}
		} else if (t[0] == 'c' && t[1] == 'r' && (v = strchr(t, '='))) {
			uint64_t n;
			char num[4] = { 0 };
			size_t nl = (size_t)(v - t - 2);

			if (nl < 1 || nl > 2) {
				script_err(s, "cpu: unknown setting %s; usage: %s", script_quote(t, b), U_CPU);
				return -1;
			}
			memcpy(num, t + 2, nl);
			if (script_parse_u64(num, &n) || n > 15 || (nl == 2 && num[0] == '0')) {
				script_err(s, "cpu: no control register %s (cr0..cr15)", script_quote(t, b));
				return -1;
			}
			if (script_get_num(s, "cpu", v + 1, &cr[n]))
				return -1;
			crset |= 1u << n;
		} else {
			script_err(s, "cpu: unknown setting %s; usage: %s", script_quote(t, b), U_CPU);
			return -1;
		}
	}
	if (have_prefix) {
		struct gm_storage *st = machine_storage(s->m);
		int rc;

		if (prefix & ~(uint64_t)PREFIX_MASK) {
			script_err(s, "cpu: prefix 0x%" PRIx64 " is not 8K aligned below 2G", prefix);
			return -1;
		}
		/*
		 * The OS owns the prefix areas (Linux allocates each CPU's lowcore),
		 * so the frame allocator must never hand out frames of one: claim a
		 * free 8K block, refuse one that holds tables or data.
		 */
		if (prefix + LOWCORE_SIZE <= storage_size(st)) {
			enum storage_kind k0 = storage_kind_at(st, prefix);
			enum storage_kind k1 = storage_kind_at(st, prefix + 4096);

			if (k0 == STORAGE_FREE && k1 == STORAGE_FREE) {
				rc = storage_reserve_lowcore(st, prefix);
				if (rc) {
					script_err(s, "cpu: prefix 0x%" PRIx64 ": %s", prefix, strerror(-rc));
					return -1;
				}
			} else if (!(k0 == k1 && (k0 == STORAGE_LOWCORE || k0 == STORAGE_RESERVED))) {
				script_err(s, "cpu: prefix 0x%" PRIx64 ": the 8K area is in use (%s, %s); "
					"choose a free 8K block",
				     prefix, storage_kind_name(k0), storage_kind_name(k1));
				return -1;
			}
		}
		rc = cpu_set_prefix(cpu, (uint32_t)prefix);
		if (rc) {
			script_err(s, "cpu: prefix 0x%" PRIx64 ": %s", prefix,
			     rc == -EFAULT ? "the 8K area is outside storage" : strerror(-rc));
			return -1;
		}
	}
	if (cpu != machine_current_cpu(s->m))
		machine_set_current_cpu(s->m, cpu_index(cpu));
	for (unsigned n = 0; n < 16; n++)
		if (crset & (1u << n))
			cpu_set_cr(cpu, n, cr[n]);
	if (asc >= 0)
		cpu_set_asc(cpu, (unsigned)asc);
	if (dat >= 0)
		cpu_set_dat(cpu, dat == 1);
	print_cpu(s, cpu);
	return 0;
}




static int cmd_translate(struct gm_script *s, struct args *a)
{
	uint64_t va;
	enum dat_access acc;
	struct dat_result r;
	int rc;

	if (a->n != 3)
		return script_usage(s, "translate", "translate VADDR fetch|store|ifetch");
	if (script_need_machine(s, "translate") || script_get_num(s, "translate", a->t[1], &va) ||
	    script_get_access(s, "translate", a->t[2], &acc))
		return -1;
	memset(&r, 0, sizeof(r));
	rc = cpu_translate(machine_current_cpu(s->m), va, acc, &r);
	if (rc < 0) {
		script_err(s, "translate: %s", rc == -EOPNOTSUPP ? "access-register mode is not modelled"
							    : strerror(-rc));
		return -1;
	}
	fprintf(s->out, "translate 0x%016" PRIx64 " %s -> ", va, script_access_name(acc));
	if (rc == 0)
		fprintf(s->out, "real 0x%016" PRIx64 " abs 0x%016" PRIx64, r.raddr, r.aaddr);
	else
		script_print_pgm(s, rc, &r);
	fputc('\n', s->out);
	script_set_trans(s, rc, &r);
	return 0;
}




static int cmd_access(struct gm_script *s, struct args *a)
{
	static const char u[] = "access VADDR fetch|store|ifetch [len=N] [value=V] [ilc=N]";
	struct xopts x = { 8, 0, false, 4 };
	uint64_t va;
	enum dat_access acc;
	struct dat_result r;
	uint8_t buf[8];
	int rc;

	if (a->n < 3)
		return script_usage(s, "access", u);
	if (script_need_machine(s, "access") || script_get_num(s, "access", a->t[1], &va) ||
	    script_get_access(s, "access", a->t[2], &acc) || script_get_xopts(s, "access", a, 3, &x, true))
		return -1;
	if ((acc == DAT_STORE) != x.have_value) {
		script_err(s, "access: a store needs value=V, a fetch takes none; usage: %s", u);
		return -1;
	}
	memset(&r, 0, sizeof(r));
	script_to_be(x.value, x.len, buf);
	rc = cpu_access(machine_current_cpu(s->m), va, buf, x.len, acc, x.ilc, &r);
	if (rc < 0) {
		script_err(s, "access: %s", rc == -EOPNOTSUPP ? "access-register mode is not modelled"
							 : strerror(-rc));
		return -1;
	}
	fprintf(s->out, "access 0x%016" PRIx64 " %s len %u ", va, script_access_name(acc), x.len);
	if (rc > 0) {
		fputs("-> ", s->out);
		script_print_pgm(s, rc, &r);
		fputs(" (delivered)\n", s->out);
	} else {
		script_print_data(s, acc == DAT_STORE, &x, buf);
	}
	script_remember_pgm(s, rc, &r);
	return 0;
}

const struct script_cmd script_cmds_cpu[] = {
	{ "cpu", cmd_cpu, 0, 0 },
	{ "translate", cmd_translate, 0, 0 },
	{ "access", cmd_access, 0, 0 },
	{ NULL, NULL, 0, 0 },
};
