/* SPDX-License-Identifier: MIT */
/*
 * gmapsim commands, machine and storage: machine, store1/2/4/8, load1/2/4/8, lowcore.
 * Only parses words and calls public module functions (include/gmap/); the
 * registration is the table at the end (lib/script/core.c says how).
 */
#include "script-internal.h"

static const struct {
	const char *name;
	unsigned fac;
} fac_names[] = {
	{ "edat1", GM_FAC_EDAT1 }, { "edat2", GM_FAC_EDAT2 }, { "iep", GM_FAC_IEP },
	{ "idte", GM_FAC_IDTE },   { "iptera", GM_FAC_IPTE_RANGE }, { "lc", GM_FAC_LC },
};

static const char U_MACHINE[] =
	"machine storage=SIZE [cpus=N] [edat1] [edat2] [iep] [idte] [iptera] [lc] [tlb]";

static int cmd_machine(struct gm_script *s, struct args *a)
{
	struct gm_machine_config cfg = { 0, 1, 0, false };
	struct gm_machine *m;
	bool have_size = false;
	char b[96], why[200];
	int rc;

	for (unsigned i = 1; i < a->n; i++) {
		const char *v;
		bool done = false;
		uint64_t x;

		if ((v = script_kv(a->t[i], "storage"))) {
			if (script_get_num(s, "machine", v, &x))
				return -1;
			cfg.storage_size = x;
			have_size = true;
			continue;
		}
		if ((v = script_kv(a->t[i], "cpus"))) {
			if (script_get_num(s, "machine", v, &x))
				return -1;
			if (x < 1 || x > GM_MAX_CPUS) {
				script_err(s, "machine: cpus must be 1..%d", GM_MAX_CPUS);
				return -1;
			}
			cfg.ncpus = (unsigned)x;
			continue;
		}
		if (!strcmp(a->t[i], "tlb")) {
			cfg.tlb = true;
			continue;
		}
		for (size_t f = 0; f < sizeof(fac_names) / sizeof(fac_names[0]); f++) {
			if (!strcmp(a->t[i], fac_names[f].name)) {
				cfg.facilities |= fac_names[f].fac;
				done = true;
			}
		}
		if (!done) {
			script_err(s, "machine: unknown option %s; usage: %s", script_quote(a->t[i], b), U_MACHINE);
			return -1;
		}
	}
	if (!have_size)
		return script_usage(s, "machine", U_MACHINE);
	if (cfg.storage_size < STORAGE_MIN_SIZE || cfg.storage_size > STORAGE_MAX_SIZE ||
	    cfg.storage_size % STORAGE_PAGE_SIZE) {
		script_err(s, "machine: storage must be a multiple of 4K from 64K to 16T");
		return -1;
	}
	if ((cfg.facilities & GM_FAC_EDAT2) && !(cfg.facilities & GM_FAC_EDAT1)) {
		script_err(s, "machine: edat2 needs edat1");
		return -1;
	}
	/* a backend with one machine at a time frees the old one first;
	 * libgmap keeps it until the new one exists */
	if (s->be->one_machine)
		script_teardown(s);
	why[0] = 0;
	rc = s->be->machine_create(s->be_ctx, &cfg, &m, why, sizeof(why));
	if (rc) {
		script_err(s, "machine: cannot create the machine: %s", why[0] ? why : strerror(-rc));
		return -1;
	}
	script_teardown(s);
	s->m = m;
	machine_set_event_hook(m, script_trace_hook, s);
	/* what the machine has (a backend may install more than was asked) */
	cfg.facilities = machine_facilities(m);
	fprintf(s->out, "machine: storage 0x%" PRIx64 ", %u cpu(s), facilities:", cfg.storage_size,
		machine_ncpus(m));
	if (!cfg.facilities)
		fputs(" none", s->out);
	for (size_t f = 0; f < sizeof(fac_names) / sizeof(fac_names[0]); f++)
		if (cfg.facilities & fac_names[f].fac)
			fprintf(s->out, " %s", fac_names[f].name);
	fprintf(s->out, ", tlb %s\n", cfg.tlb ? "on" : "off");
	return 0;
}

/* ---- storage and the lowcore -------------------------------------------- */

static int cmd_store(struct gm_script *s, struct args *a)
{
	unsigned len = (unsigned)a->arg;
	uint64_t aaddr, v;
	int rc;

	if (a->n != 3)
		return script_usage(s, a->t[0], "storeN AADDR VALUE (N = 1, 2, 4, 8)");
	if (script_need_machine(s, a->t[0]) || script_get_num(s, a->t[0], a->t[1], &aaddr) ||
	    script_get_num(s, a->t[0], a->t[2], &v))
		return -1;
	if (!script_fits(v, len)) {
		script_err(s, "%s: value 0x%" PRIx64 " does not fit in %u byte(s)", a->t[0], v, len);
		return -1;
	}
	rc = storage_store(machine_storage(s->m), aaddr, len, v);
	if (rc) {
		script_err(s, "%s: absolute 0x%" PRIx64 " is outside storage", a->t[0], aaddr);
		return -1;
	}
	fprintf(s->out, "%s 0x%016" PRIx64 " <- 0x%0*" PRIx64 "\n", a->t[0], aaddr, (int)(2 * len),
		v);
	return 0;
}

static int cmd_load(struct gm_script *s, struct args *a)
{
	unsigned len = (unsigned)a->arg;
	uint64_t aaddr, v;

	if (a->n != 2)
		return script_usage(s, a->t[0], "loadN AADDR (N = 1, 2, 4, 8)");
	if (script_need_machine(s, a->t[0]) || script_get_num(s, a->t[0], a->t[1], &aaddr))
		return -1;
	if (storage_load(machine_storage(s->m), aaddr, len, &v)) {
		script_err(s, "%s: absolute 0x%" PRIx64 " is outside storage", a->t[0], aaddr);
		return -1;
	}
	fprintf(s->out, "%s 0x%016" PRIx64 " -> 0x%0*" PRIx64 "\n", a->t[0], aaddr, (int)(2 * len),
		v);
	s->last.has_value = true;
	s->last.value = v;
	s->last.value_len = len;
	return 0;
}

static int cmd_lowcore(struct gm_script *s, struct args *a)
{
	uint64_t off, v;
	unsigned len = 8;

	if (a->n < 2 || a->n > 3)
		return script_usage(s, "lowcore", "lowcore OFFSET [1|2|4|8]");
	if (script_need_machine(s, "lowcore") || script_get_num(s, "lowcore", a->t[1], &off))
		return -1;
	if (a->n == 3 && script_get_len(s, "lowcore", a->t[2], &len))
		return -1;
	if (off >= LOWCORE_SIZE || off + len > LOWCORE_SIZE ||
	    cpu_lowcore_load(machine_current_cpu(s->m), (unsigned)off, len, &v)) {
		script_err(s, "lowcore: offset 0x%" PRIx64 " + %u is outside the 8K lowcore", off, len);
		return -1;
	}
	fprintf(s->out, "lowcore 0x%04" PRIx64 " -> 0x%0*" PRIx64 "\n", off, (int)(2 * len), v);
	s->last.has_value = true;
	s->last.value = v;
	s->last.value_len = len;
	return 0;
}

const struct script_cmd script_cmds_machine[] = {
	{ "machine", cmd_machine, 0, 0 },
	{ "store1", cmd_store, 1, 0 },
	{ "store2", cmd_store, 2, 0 },
	{ "store4", cmd_store, 4, 0 },
	{ "store8", cmd_store, 8, 0 },
	{ "load1", cmd_load, 1, 0 },
	{ "load2", cmd_load, 2, 0 },
	{ "load4", cmd_load, 4, 0 },
	{ "load8", cmd_load, 8, 0 },
	{ "lowcore", cmd_lowcore, 0, 0 },
	{ NULL, NULL, 0, 0 },
};
