/* SPDX-License-Identifier: MIT */
/*
 * gmapsim commands, storage keys: iske, sske, rrbe, psw (docs/storage-keys.md).
 * Only parses words and calls public module functions (include/gmap/); the
 * registration is the table at the end (lib/script/core.c says how).
 * Addresses are absolute, as the skey functions take them.
 */
#include "script-internal.h"

/* ---- storage keys ---------------------------------------------------------- */

/* "key 0x3e (acc 3 f 1 r 1 c 1)" */
static void print_key(struct gm_script *s, uint8_t k)
{
	fprintf(s->out, "key 0x%02x (acc %u f %u r %u c %u)", k, (unsigned)(k >> SKEY_ACC_SHIFT),
		!!(k & _PAGE_FP_BIT), !!(k & _PAGE_REFERENCED), !!(k & _PAGE_CHANGED));
}

static void remember_cc(struct gm_script *s, int cc)
{
	s->last.has_cc = true;
	s->last.cc = cc;
}

static int outside(struct gm_script *s, const char *cmd, uint64_t aaddr)
{
	fprintf(s->out, "%s 0x%016" PRIx64 " -> addressing exception (outside storage) ", cmd,
		aaddr);
	script_print_rc(s, -EFAULT);
	return 0;
}

static int cmd_iske(struct gm_script *s, struct args *a)
{
	uint64_t aaddr;
	uint8_t k;

	if (a->n != 2)
		return script_usage(s, "iske", "iske AADDR");
	if (script_need_machine(s, "iske") || script_get_num(s, "iske", a->t[1], &aaddr))
		return -1;
	if (skey_iske(machine_skey(s->m), aaddr, &k))
		return outside(s, "iske", aaddr);
	fprintf(s->out, "iske 0x%016" PRIx64 " -> ", aaddr);
	print_key(s, k);
	fputc('\n', s->out);
	s->last.has_value = true;
	s->last.value = k;
	s->last.value_len = 1;
	return 0;
}

static int cmd_sske(struct gm_script *s, struct args *a)
{
	static const char u[] = "sske AADDR KEY [nq] [mr] [mc] [mb]";
	static const struct {
		const char *w;
		unsigned bit;
	} bits[] = { { "nq", SSKE_NQ }, { "mr", SSKE_MR }, { "mc", SSKE_MC }, { "mb", SSKE_MB } };
	struct skey_sske_result r;
	uint64_t aaddr, key;
	unsigned m3 = 0;
	char b[96];

	if (a->n < 3)
		return script_usage(s, "sske", u);
	if (script_need_machine(s, "sske") || script_get_num(s, "sske", a->t[1], &aaddr) ||
	    script_get_num(s, "sske", a->t[2], &key))
		return -1;
	if (key > 0xff) {
		script_err(s, "sske: key 0x%" PRIx64 " does not fit in a byte (R1 bits 56-63)", key);
		return -1;
	}
	for (unsigned i = 3; i < a->n; i++) {
		unsigned j;

		for (j = 0; j < sizeof(bits) / sizeof(bits[0]); j++)
			if (!strcmp(a->t[i], bits[j].w))
				break;
		if (j == sizeof(bits) / sizeof(bits[0])) {
			script_err(s, "sske: unknown M3 bit %s; usage: %s", script_quote(a->t[i], b), u);
			return -1;
		}
		m3 |= bits[j].bit;
	}
	/* The M3 bits of facilities the machine lacks are ignored, as in KVM handle_sske(). */
	if (!machine_has_facility(s->m, GM_FAC_EDAT1))
		m3 &= ~(unsigned)SSKE_MB;
	if (skey_sske(machine_skey(s->m), aaddr, (uint8_t)key, m3, &r))
		return outside(s, "sske", aaddr);
	fprintf(s->out, "sske 0x%016" PRIx64 " key 0x%02x m3 0x%x", aaddr, (unsigned)(key & 0xfe),
		m3);
	if (m3 & SSKE_MB)
		fprintf(s->out, " -> up to 0x%016" PRIx64, r.next);
	else
		fputs(" ->", s->out);
	if (r.cc == SKEY_CC_UNCHANGED) {
		fputs(" set, cc unchanged\n", s->out);
	} else {
		fprintf(s->out, " cc %d", r.cc);
		if (r.r1_set)
			fprintf(s->out, " (%s), old key 0x%02x", r.cc ? "entire key set" : "not set",
				r.old_key);
		fputc('\n', s->out);
		remember_cc(s, r.cc);
	}
	return 0;
}

static int cmd_rrbe(struct gm_script *s, struct args *a)
{
	uint64_t aaddr;
	int cc;

	if (a->n != 2)
		return script_usage(s, "rrbe", "rrbe AADDR");
	if (script_need_machine(s, "rrbe") || script_get_num(s, "rrbe", a->t[1], &aaddr))
		return -1;
	cc = skey_rrbe(machine_skey(s->m), aaddr);
	if (cc < 0)
		return outside(s, "rrbe", aaddr);
	fprintf(s->out, "rrbe 0x%016" PRIx64 " -> cc %d (r %d c %d)\n", aaddr, cc, cc >> 1, cc & 1);
	remember_cc(s, cc);
	return 0;
}

/* psw key=N: the PSW key (bits 8-11) of the current CPU, for key-controlled protection. */
static int cmd_psw(struct gm_script *s, struct args *a)
{
	struct gm_cpu *cpu;
	struct gm_psw psw;
	const char *v;
	uint64_t key;

	if (a->n != 2 || !(v = script_kv(a->t[1], "key")))
		return script_usage(s, "psw", "psw key=N (0..15)");
	if (script_need_machine(s, "psw") || script_get_num(s, "psw", v, &key))
		return -1;
	if (key > 15) {
		script_err(s, "psw: key %" PRIu64 " is not 0..15", key);
		return -1;
	}
	cpu = machine_current_cpu(s->m);
	psw = cpu_get_psw(cpu);
	psw.mask = (psw.mask & ~PSW_MASK_KEY) | (key << 52);
	cpu_set_psw(cpu, psw);
	fprintf(s->out, "psw cpu %u key %" PRIu64 " mask 0x%016" PRIx64 "\n", cpu_index(cpu), key,
		psw.mask);
	return 0;
}

const struct script_cmd script_cmds_skey[] = {
	{ "iske", cmd_iske, 0, 0 },
	{ "sske", cmd_sske, 0, 0 },
	{ "rrbe", cmd_rrbe, 0, 0 },
	{ "psw", cmd_psw, 0, 0 },
	{ NULL, NULL, 0, 0 },
};
