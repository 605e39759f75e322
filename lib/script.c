/* SPDX-License-Identifier: MIT */
/*
 * The gmapsim scenario interpreter (docs/gmapsim.md).  A line is split into
 * at most SCRIPT_MAX_TOKENS whitespace-separated tokens; the first names
 * the command.  Every command checks its arguments completely before it
 * changes anything, so a script error never leaves half a command done.
 * Results go to s->out, errors to s->err; nothing else is printed.
 */
#include "export.h"
#include "gmap/script.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCRIPT_MAX_TOKENS 32
#define SCRIPT_MAX_NAME 31
#define SCRIPT_MAX_OBJECTS 256

enum obj_kind { OBJ_MM = 1, OBJ_GMAP = 2 };

struct obj {
	char name[SCRIPT_MAX_NAME + 1];
	enum obj_kind kind;
	struct mm_struct *mm;
	struct gmap *gmap;
};

/* What the last command produced, for `expect`. */
struct last_result {
	bool has_value;
	uint64_t value;
	unsigned value_len;
	bool has_trans;  /* a translation or an access: pic 0 = success */
	int pic;
	bool teid_valid;
	uint64_t teid;
	bool has_addr;
	uint64_t raddr, aaddr;
	bool has_rc;
	long rc;
};

struct gm_script {
	FILE *out, *err;
	unsigned flags;
	bool trace;
	struct gm_machine *m;
	struct obj *objs;
	unsigned nobjs;
	unsigned step;
	bool failed;
	bool stopped;
	struct last_result last;
	/* the line being run, for messages */
	const char *name;
	unsigned lineno;
};

struct args {
	unsigned n;
	char *t[SCRIPT_MAX_TOKENS];
	const char *rest; /* raw text after the command word (say/step) */
};

/* ---- messages --------------------------------------------------------- */

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static enum script_status serr(struct gm_script *s, const char *fmt, ...)
{
	va_list ap;

	fprintf(s->err, "%s:%u: ", s->name ? s->name : "-", s->lineno);
	va_start(ap, fmt);
	vfprintf(s->err, fmt, ap);
	va_end(ap);
	fputc('\n', s->err);
	return SCRIPT_ERROR;
}

/* A token quoted for a message: at most 40 bytes, odd bytes escaped. */
static const char *q(const char *t, char buf[96])
{
	size_t o = 0;

	buf[o++] = '\'';
	for (size_t i = 0; t[i] && o < 90; i++) {
		unsigned char ch = (unsigned char)t[i];

		if (i >= 40) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		if (ch < 0x20 || ch >= 0x7f || ch == '\'')
			o += (size_t)snprintf(buf + o, 96 - o, "\\x%02x", ch);
		else
			buf[o++] = (char)ch;
	}
	buf[o++] = '\'';
	buf[o] = 0;
	return buf;
}

static const char *errno_name(long rc)
{
	switch (rc) {
	case 0: return "0";
	case -EINVAL: return "-EINVAL";
	case -ENOMEM: return "-ENOMEM";
	case -EFAULT: return "-EFAULT";
	case -EBUSY: return "-EBUSY";
	case -ENOENT: return "-ENOENT";
	case -EOPNOTSUPP: return "-EOPNOTSUPP";
	case -EEXIST: return "-EEXIST";
	case -ERANGE: return "-ERANGE";
	default: return NULL;
	}
}

static void print_rc(struct gm_script *s, long rc)
{
	const char *n = errno_name(rc);

	if (n)
		fputs(n, s->out);
	else
		fprintf(s->out, "%ld", rc);
	if (rc < 0)
		fprintf(s->out, " (%s)", strerror((int)-rc));
	fputc('\n', s->out);
	s->last.has_rc = true;
	s->last.rc = rc;
}

/* ---- numbers and words ------------------------------------------------ */

/* Strict unsigned parse: decimal or 0x hex, optional K/M/G/T (binary)
 * suffix; no sign, no spaces, no overflow.  0 ok, -1 syntax, -2 range. */
static int parse_u64(const char *t, uint64_t *out)
{
	uint64_t v = 0, mul = 1;
	unsigned base = 10, nd = 0;
	const char *p = t;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	for (; *p; p++) {
		unsigned d;

		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (base == 16 && *p >= 'a' && *p <= 'f')
			d = (unsigned)(*p - 'a' + 10);
		else if (base == 16 && *p >= 'A' && *p <= 'F')
			d = (unsigned)(*p - 'A' + 10);
		else
			break;
		if (v > (UINT64_MAX - d) / base)
			return -2;
		v = v * base + d;
		nd++;
	}
	if (nd == 0)
		return -1;
	if (*p) {
		switch (*p) {
		case 'K': case 'k': mul = 1ULL << 10; break;
		case 'M': case 'm': mul = 1ULL << 20; break;
		case 'G': case 'g': mul = 1ULL << 30; break;
		case 'T': case 't': mul = 1ULL << 40; break;
		default: return -1;
		}
		if (p[1])
			return -1;
		if (v > UINT64_MAX / mul)
			return -2;
		v *= mul;
	}
	*out = v;
	return 0;
}

static struct obj *find_obj(struct gm_script *s, const char *name)
{
	for (unsigned i = 0; i < s->nobjs; i++)
		if (!strcmp(s->objs[i].name, name))
			return &s->objs[i];
	return NULL;
}

/* A number, or the name of an mm/gmap standing for its ASCE. */
static int get_num(struct gm_script *s, const char *what, const char *t, uint64_t *v)
{
	char b[96];
	struct obj *o;
	int rc = parse_u64(t, v);

	if (rc == 0)
		return 0;
	if (rc == -2) {
		serr(s, "%s: number out of range %s (the largest is 0xffffffffffffffff)", what,
		     q(t, b));
		return -1;
	}
	o = find_obj(s, t);
	if (o) {
		*v = o->kind == OBJ_MM ? mm_asce(o->mm) : o->gmap->asce;
		return 0;
	}
	serr(s, "%s: bad number %s (decimal, or hex with 0x, optional K/M/G/T suffix)", what,
	     q(t, b));
	return -1;
}

/* "key=value" → value, NULL if @t is not @key=… */
static const char *kv(const char *t, const char *key)
{
	size_t n = strlen(key);

	return (!strncmp(t, key, n) && t[n] == '=') ? t + n + 1 : NULL;
}

static bool valid_name(const char *t)
{
	size_t n = strlen(t);

	if (n == 0 || n > SCRIPT_MAX_NAME)
		return false;
	if (!((t[0] >= 'A' && t[0] <= 'Z') || (t[0] >= 'a' && t[0] <= 'z') || t[0] == '_'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z') || t[i] == '_' ||
		      (t[i] >= '0' && t[i] <= '9')))
			return false;
	return true;
}

static int get_access(struct gm_script *s, const char *cmd, const char *t, enum dat_access *acc)
{
	char b[96];

	if (!strcmp(t, "fetch"))
		*acc = DAT_FETCH;
	else if (!strcmp(t, "store"))
		*acc = DAT_STORE;
	else if (!strcmp(t, "ifetch"))
		*acc = DAT_IFETCH;
	else {
		serr(s, "%s: bad access %s (fetch, store or ifetch)", cmd, q(t, b));
		return -1;
	}
	return 0;
}

static const char *access_name(enum dat_access acc)
{
	return acc == DAT_STORE ? "store" : acc == DAT_IFETCH ? "ifetch" : "fetch";
}

static int get_len(struct gm_script *s, const char *cmd, const char *t, unsigned *len)
{
	uint64_t v;

	if (get_num(s, cmd, t, &v))
		return -1;
	if (v != 1 && v != 2 && v != 4 && v != 8) {
		serr(s, "%s: length must be 1, 2, 4 or 8, not %" PRIu64, cmd, v);
		return -1;
	}
	*len = (unsigned)v;
	return 0;
}

static bool fits(uint64_t v, unsigned len)
{
	return len == 8 || v < (1ULL << (8 * len));
}

static void to_be(uint64_t v, unsigned len, uint8_t *buf)
{
	for (unsigned i = 0; i < len; i++)
		buf[i] = (uint8_t)(v >> (8 * (len - 1 - i)));
}

static uint64_t from_be(const uint8_t *buf, unsigned len)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < len; i++)
		v = (v << 8) | buf[i];
	return v;
}

static struct obj *get_obj(struct gm_script *s, const char *cmd, const char *t, enum obj_kind k)
{
	char b[96];
	struct obj *o = find_obj(s, t);

	if (!o) {
		serr(s, "%s: no %s named %s", cmd, k == OBJ_GMAP ? "gmap" : "mm", q(t, b));
		return NULL;
	}
	if (o->kind != k) {
		serr(s, "%s: %s is %s, not %s", cmd, q(t, b), o->kind == OBJ_MM ? "an mm" : "a gmap",
		     k == OBJ_MM ? "an mm" : "a gmap");
		return NULL;
	}
	return o;
}

static int need_machine(struct gm_script *s, const char *cmd)
{
	if (s->m)
		return 0;
	serr(s, "%s: no machine yet: start the script with `machine storage=SIZE`", cmd);
	return -1;
}

static int usage(struct gm_script *s, const char *cmd, const char *u)
{
	serr(s, "%s: wrong arguments; usage: %s", cmd, u);
	return -1;
}

static const char *obj_name_mm(void *opaque, const struct mm_struct *mm)
{
	struct gm_script *s = opaque;

	for (unsigned i = 0; i < s->nobjs; i++)
		if (s->objs[i].kind == OBJ_MM && s->objs[i].mm == mm)
			return s->objs[i].name;
	return NULL;
}

static const char *obj_name_gmap(void *opaque, const struct gmap *g)
{
	struct gm_script *s = opaque;

	for (unsigned i = 0; i < s->nobjs; i++)
		if (s->objs[i].kind == OBJ_GMAP && s->objs[i].gmap == g)
			return s->objs[i].name;
	return NULL;
}

static void remove_obj(struct gm_script *s, struct obj *o)
{
	unsigned i = (unsigned)(o - s->objs);

	memmove(&s->objs[i], &s->objs[i + 1], (s->nobjs - i - 1) * sizeof(*o));
	s->nobjs--;
}

static struct obj *add_obj(struct gm_script *s, const char *cmd, const char *name)
{
	char b[96];
	struct obj *o;

	if (!valid_name(name)) {
		serr(s, "%s: bad name %s (a letter or _, then letters, digits, _; at most %d)", cmd,
		     q(name, b), SCRIPT_MAX_NAME);
		return NULL;
	}
	if (find_obj(s, name)) {
		serr(s, "%s: the name %s is already used", cmd, q(name, b));
		return NULL;
	}
	if (!strcmp(name, "all") || !strcmp(name, "on") || !strcmp(name, "text") ||
	    !strcmp(name, "json") || !strcmp(name, "dot") || !strcmp(name, "pgste")) {
		serr(s, "%s: %s is a keyword, not a name", cmd, q(name, b));
		return NULL;
	}
	if (s->nobjs >= SCRIPT_MAX_OBJECTS) {
		serr(s, "%s: too many objects (at most %d)", cmd, SCRIPT_MAX_OBJECTS);
		return NULL;
	}
	o = &s->objs[s->nobjs];
	memset(o, 0, sizeof(*o));
	memcpy(o->name, name, strlen(name) + 1);
	return o;
}

/* ---- the machine, trace, check ---------------------------------------- */

static void trace_hook(void *opaque, const struct gm_event *ev)
{
	struct gm_script *s = opaque;

	if (!s->trace)
		return;
	fprintf(s->out, "  . cpu%u %s ", ev->cpu, machine_event_name(ev->type));
	switch (ev->type) {
	case GM_EV_TABLE_ALLOC:
	case GM_EV_TABLE_FREE:
		fprintf(s->out, "0x%016" PRIx64 " %s, %s entries", ev->a,
			storage_kind_name((enum storage_kind)ev->b),
			ev->c <= DAT_LEVEL_R1TE ? dat_level_name((enum dat_level)ev->c) : "?");
		break;
	case GM_EV_ENTRY_STORE:
		fprintf(s->out, "0x%016" PRIx64 ": 0x%016" PRIx64 " -> 0x%016" PRIx64, ev->a, ev->b,
			ev->c);
		break;
	case GM_EV_TLB_PURGE:
		fprintf(s->out, "kind %" PRIu64 " 0x%016" PRIx64 ", %" PRIu64 " entries", ev->a,
			ev->b, ev->c);
		break;
	case GM_EV_FAULT:
		fprintf(s->out, "%s 0x%016" PRIx64 " -> 0x%" PRIx64,
			ev->c == GM_FAULT_GMAP ? "gmap" : "mm", ev->a, ev->b);
		break;
	case GM_EV_FRAME_ALLOC:
	case GM_EV_FRAME_FREE:
		fprintf(s->out, "0x%016" PRIx64, ev->a);
		break;
	case GM_EV_PGM:
		fprintf(s->out, "pgm 0x%04" PRIx64 " (%s)", ev->a, dat_pic_name((int)ev->a));
		if (ev->c)
			fprintf(s->out, " teid 0x%016" PRIx64, ev->b);
		break;
	default:
		fprintf(s->out, "0x%016" PRIx64 " 0x%016" PRIx64 " 0x%016" PRIx64, ev->a, ev->b,
			ev->c);
		break;
	}
	fprintf(s->out, " [%s]\n", ev->what ? ev->what : "");
}

static void teardown(struct gm_script *s)
{
	/* gmaps first (mm_destroy refuses while gmaps are attached), then mms */
	for (unsigned i = 0; i < s->nobjs; i++)
		if (s->objs[i].kind == OBJ_GMAP)
			gmap_free(s->objs[i].gmap);
	for (unsigned i = 0; i < s->nobjs; i++)
		if (s->objs[i].kind == OBJ_MM)
			mm_destroy(s->objs[i].mm);
	s->nobjs = 0;
	if (s->m)
		machine_destroy(s->m);
	s->m = NULL;
}

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
	char b[96];
	int rc;

	for (unsigned i = 1; i < a->n; i++) {
		const char *v;
		bool done = false;
		uint64_t x;

		if ((v = kv(a->t[i], "storage"))) {
			if (get_num(s, "machine", v, &x))
				return -1;
			cfg.storage_size = x;
			have_size = true;
			continue;
		}
		if ((v = kv(a->t[i], "cpus"))) {
			if (get_num(s, "machine", v, &x))
				return -1;
			if (x < 1 || x > GM_MAX_CPUS) {
				serr(s, "machine: cpus must be 1..%d", GM_MAX_CPUS);
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
			serr(s, "machine: unknown option %s; usage: %s", q(a->t[i], b), U_MACHINE);
			return -1;
		}
	}
	if (!have_size)
		return usage(s, "machine", U_MACHINE);
	if (cfg.storage_size < STORAGE_MIN_SIZE || cfg.storage_size > STORAGE_MAX_SIZE ||
	    cfg.storage_size % STORAGE_PAGE_SIZE) {
		serr(s, "machine: storage must be a multiple of 4K from 64K to 16T");
		return -1;
	}
	if ((cfg.facilities & GM_FAC_EDAT2) && !(cfg.facilities & GM_FAC_EDAT1)) {
		serr(s, "machine: edat2 needs edat1");
		return -1;
	}
	rc = machine_create(&cfg, &m);
	if (rc) {
		serr(s, "machine: cannot create the machine: %s", strerror(-rc));
		return -1;
	}
	teardown(s);
	s->m = m;
	machine_set_event_hook(m, trace_hook, s);
	fprintf(s->out, "machine: storage 0x%" PRIx64 ", %u cpu(s), facilities:", cfg.storage_size,
		cfg.ncpus);
	if (!cfg.facilities)
		fputs(" none", s->out);
	for (size_t f = 0; f < sizeof(fac_names) / sizeof(fac_names[0]); f++)
		if (cfg.facilities & fac_names[f].fac)
			fprintf(s->out, " %s", fac_names[f].name);
	fprintf(s->out, ", tlb %s\n", cfg.tlb ? "on" : "off");
	return 0;
}

/* ---- storage, cpu ------------------------------------------------------ */

static int cmd_store(struct gm_script *s, struct args *a, unsigned len)
{
	uint64_t aaddr, v;
	int rc;

	if (a->n != 3)
		return usage(s, a->t[0], "storeN AADDR VALUE (N = 1, 2, 4, 8)");
	if (need_machine(s, a->t[0]) || get_num(s, a->t[0], a->t[1], &aaddr) ||
	    get_num(s, a->t[0], a->t[2], &v))
		return -1;
	if (!fits(v, len)) {
		serr(s, "%s: value 0x%" PRIx64 " does not fit in %u byte(s)", a->t[0], v, len);
		return -1;
	}
	rc = storage_store(machine_storage(s->m), aaddr, len, v);
	if (rc) {
		serr(s, "%s: absolute 0x%" PRIx64 " is outside storage", a->t[0], aaddr);
		return -1;
	}
	fprintf(s->out, "%s 0x%016" PRIx64 " <- 0x%0*" PRIx64 "\n", a->t[0], aaddr, (int)(2 * len),
		v);
	return 0;
}

static int cmd_load(struct gm_script *s, struct args *a, unsigned len)
{
	uint64_t aaddr, v;

	if (a->n != 2)
		return usage(s, a->t[0], "loadN AADDR (N = 1, 2, 4, 8)");
	if (need_machine(s, a->t[0]) || get_num(s, a->t[0], a->t[1], &aaddr))
		return -1;
	if (storage_load(machine_storage(s->m), aaddr, len, &v)) {
		serr(s, "%s: absolute 0x%" PRIx64 " is outside storage", a->t[0], aaddr);
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
		return usage(s, "lowcore", "lowcore OFFSET [1|2|4|8]");
	if (need_machine(s, "lowcore") || get_num(s, "lowcore", a->t[1], &off))
		return -1;
	if (a->n == 3 && get_len(s, "lowcore", a->t[2], &len))
		return -1;
	if (off >= LOWCORE_SIZE || off + len > LOWCORE_SIZE ||
	    cpu_lowcore_load(machine_current_cpu(s->m), (unsigned)off, len, &v)) {
		serr(s, "lowcore: offset 0x%" PRIx64 " + %u is outside the 8K lowcore", off, len);
		return -1;
	}
	fprintf(s->out, "lowcore 0x%04" PRIx64 " -> 0x%0*" PRIx64 "\n", off, (int)(2 * len), v);
	s->last.has_value = true;
	s->last.value = v;
	s->last.value_len = len;
	return 0;
}

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

	if (need_machine(s, "cpu"))
		return -1;
	cpu = machine_current_cpu(s->m);
	if (a->n >= 2 && parse_u64(a->t[1], &x) == 0) {
		if (x >= machine_ncpus(s->m)) {
			serr(s, "cpu: no cpu %" PRIu64 " (the machine has %u)", x,
			     machine_ncpus(s->m));
			return -1;
		}
		cpu = machine_cpu(s->m, (unsigned)x);
		first = 2;
	}
	for (unsigned i = first; i < a->n; i++) {
		const char *t = a->t[i], *v;

		if ((v = kv(t, "prefix"))) {
			if (get_num(s, "cpu", v, &prefix))
				return -1;
			have_prefix = true;
		} else if ((v = kv(t, "asc"))) {
			if (!strcmp(v, "primary"))
				asc = 0;
			else if (!strcmp(v, "secondary"))
				asc = 2;
			else if (!strcmp(v, "home"))
				asc = 3;
			else if (!strcmp(v, "ar"))
				asc = 1;
			else {
				serr(s, "cpu: bad asc %s (primary, secondary, home)", q(v, b));
				return -1;
			}
		} else if ((v = kv(t, "dat"))) {
			if (!strcmp(v, "on"))
				dat = 1;
			else if (!strcmp(v, "off"))
				dat = 0;
			else {
				serr(s, "cpu: bad dat %s (on or off)", q(v, b));
				return -1;
			}
		} else if (t[0] == 'c' && t[1] == 'r' && (v = strchr(t, '='))) {
			uint64_t n;
			char num[4] = { 0 };
			size_t nl = (size_t)(v - t - 2);

			if (nl < 1 || nl > 2) {
				serr(s, "cpu: unknown setting %s; usage: %s", q(t, b), U_CPU);
				return -1;
			}
			memcpy(num, t + 2, nl);
			if (parse_u64(num, &n) || n > 15 || (nl == 2 && num[0] == '0')) {
				serr(s, "cpu: no control register %s (cr0..cr15)", q(t, b));
				return -1;
			}
			if (get_num(s, "cpu", v + 1, &cr[n]))
				return -1;
			crset |= 1u << n;
		} else {
			serr(s, "cpu: unknown setting %s; usage: %s", q(t, b), U_CPU);
			return -1;
		}
	}
	if (have_prefix) {
		struct gm_storage *st = machine_storage(s->m);
		int rc;

		if (prefix & ~(uint64_t)PREFIX_MASK) {
			serr(s, "cpu: prefix 0x%" PRIx64 " is not 8K aligned below 2G", prefix);
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
					serr(s, "cpu: prefix 0x%" PRIx64 ": %s", prefix, strerror(-rc));
					return -1;
				}
			} else if (!(k0 == k1 && (k0 == STORAGE_LOWCORE || k0 == STORAGE_RESERVED))) {
				serr(s, "cpu: prefix 0x%" PRIx64 ": the 8K area is in use (%s, %s); "
					"choose a free 8K block",
				     prefix, storage_kind_name(k0), storage_kind_name(k1));
				return -1;
			}
		}
		rc = cpu_set_prefix(cpu, (uint32_t)prefix);
		if (rc) {
			serr(s, "cpu: prefix 0x%" PRIx64 ": %s", prefix,
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

/* ---- translation and access ------------------------------------------- */

/* What expect sees of a translation-type outcome: PIC and TEID. */
static void remember_pgm(struct gm_script *s, int rc, const struct dat_result *r)
{
	s->last.has_trans = true;
	s->last.pic = rc;
	s->last.teid_valid = rc > 0 && r->teid_valid;
	s->last.teid = r->teid;
}

static void set_trans(struct gm_script *s, int pic, const struct dat_result *r)
{
	remember_pgm(s, pic, r);
	if (pic == 0) {
		s->last.has_addr = true;
		s->last.raddr = r->raddr;
		s->last.aaddr = r->aaddr;
	}
}

static void print_pgm(struct gm_script *s, int pic, const struct dat_result *r)
{
	fprintf(s->out, "pgm 0x%04x teid ", (unsigned)pic);
	if (r->teid_valid)
		fprintf(s->out, "0x%016" PRIx64, r->teid);
	else
		fputs("none", s->out);
}

static int cmd_translate(struct gm_script *s, struct args *a)
{
	uint64_t va;
	enum dat_access acc;
	struct dat_result r;
	int rc;

	if (a->n != 3)
		return usage(s, "translate", "translate VADDR fetch|store|ifetch");
	if (need_machine(s, "translate") || get_num(s, "translate", a->t[1], &va) ||
	    get_access(s, "translate", a->t[2], &acc))
		return -1;
	memset(&r, 0, sizeof(r));
	rc = cpu_translate(machine_current_cpu(s->m), va, acc, &r);
	if (rc < 0) {
		serr(s, "translate: %s", rc == -EOPNOTSUPP ? "access-register mode is not modelled"
							    : strerror(-rc));
		return -1;
	}
	fprintf(s->out, "translate 0x%016" PRIx64 " %s -> ", va, access_name(acc));
	if (rc == 0)
		fprintf(s->out, "real 0x%016" PRIx64 " abs 0x%016" PRIx64, r.raddr, r.aaddr);
	else
		print_pgm(s, rc, &r);
	fputc('\n', s->out);
	set_trans(s, rc, &r);
	return 0;
}

/* Options len=N value=V ilc=N shared by access/read/write/guest. */
struct xopts {
	unsigned len;
	uint64_t value;
	bool have_value;
	unsigned ilc;
};

static int get_xopts(struct gm_script *s, const char *cmd, struct args *a, unsigned from,
		     struct xopts *x, bool allow_ilc)
{
	char b[96];

	for (unsigned i = from; i < a->n; i++) {
		const char *v;
		uint64_t n;

		if ((v = kv(a->t[i], "len"))) {
			if (get_len(s, cmd, v, &x->len))
				return -1;
		} else if ((v = kv(a->t[i], "value"))) {
			if (get_num(s, cmd, v, &x->value))
				return -1;
			x->have_value = true;
		} else if (allow_ilc && (v = kv(a->t[i], "ilc"))) {
			if (get_num(s, cmd, v, &n))
				return -1;
			if (n != 2 && n != 4 && n != 6) {
				serr(s, "%s: ilc must be 2, 4 or 6", cmd);
				return -1;
			}
			x->ilc = (unsigned)n;
		} else {
			serr(s, "%s: unknown option %s", cmd, q(a->t[i], b));
			return -1;
		}
	}
	if (x->have_value && !fits(x->value, x->len)) {
		serr(s, "%s: value 0x%" PRIx64 " does not fit in %u byte(s)", cmd, x->value, x->len);
		return -1;
	}
	return 0;
}

/*
 * The data part of a completed access line: "<- value" for a store, else
 * "-> value" (remembered for expect).
 */
static void print_data(struct gm_script *s, bool store, const struct xopts *x, const uint8_t *buf)
{
	if (store) {
		fprintf(s->out, "<- 0x%0*" PRIx64 "\n", (int)(2 * x->len), x->value);
	} else {
		uint64_t v = from_be(buf, x->len);

		fprintf(s->out, "-> 0x%0*" PRIx64 "\n", (int)(2 * x->len), v);
		s->last.has_value = true;
		s->last.value = v;
		s->last.value_len = x->len;
	}
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
		return usage(s, "access", u);
	if (need_machine(s, "access") || get_num(s, "access", a->t[1], &va) ||
	    get_access(s, "access", a->t[2], &acc) || get_xopts(s, "access", a, 3, &x, true))
		return -1;
	if ((acc == DAT_STORE) != x.have_value) {
		serr(s, "access: a store needs value=V, a fetch takes none; usage: %s", u);
		return -1;
	}
	memset(&r, 0, sizeof(r));
	to_be(x.value, x.len, buf);
	rc = cpu_access(machine_current_cpu(s->m), va, buf, x.len, acc, x.ilc, &r);
	if (rc < 0) {
		serr(s, "access: %s", rc == -EOPNOTSUPP ? "access-register mode is not modelled"
							 : strerror(-rc));
		return -1;
	}
	fprintf(s->out, "access 0x%016" PRIx64 " %s len %u ", va, access_name(acc), x.len);
	if (rc > 0) {
		fputs("-> ", s->out);
		print_pgm(s, rc, &r);
		fputs(" (delivered)\n", s->out);
	} else {
		print_data(s, acc == DAT_STORE, &x, buf);
	}
	remember_pgm(s, rc, &r);
	return 0;
}

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
			serr(s, "%s: bad protection %s (none, or letters of rwx)", cmd, q(t, b));
			return -1;
		}
		*prot |= bit;
	}
	if (!*prot) {
		serr(s, "%s: bad protection %s", cmd, q(t, b));
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
	int rc;

	if (a->n < 2 || a->n > 3 || (a->n == 3 && strcmp(a->t[2], "pgste")))
		return usage(s, "mm", "mm NAME [pgste]");
	if (need_machine(s, "mm"))
		return -1;
	if (a->n == 3)
		flags = MM_PGSTE;
	o = add_obj(s, "mm", a->t[1]);
	if (!o)
		return -1;
	rc = mm_create(s->m, flags, &o->mm);
	if (rc) {
		fprintf(s->out, "mm %s -> ", a->t[1]);
		print_rc(s, rc);
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
		return usage(s, "mm_destroy", "mm_destroy NAME");
	if (need_machine(s, a->t[0]) || !(o = get_obj(s, a->t[0], a->t[1], OBJ_MM)))
		return -1;
	fprintf(s->out, "mm_destroy %s -> ", o->name);
	rc = mm_destroy(o->mm);
	if (rc == 0)
		remove_obj(s, o);
	print_rc(s, rc);
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
		return usage(s, "mmap", u);
	if (need_machine(s, "mmap") || !(o = get_obj(s, "mmap", a->t[1], OBJ_MM)) ||
	    get_num(s, "mmap", a->t[2], &addr) || get_num(s, "mmap", a->t[3], &len))
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
	rc = mm_mmap(o->mm, addr, len, prot, flags, &res);
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
		print_rc(s, rc);
	}
	return 0;
}

static int cmd_range(struct gm_script *s, struct args *a, bool is_prot)
{
	struct obj *o;
	uint64_t addr, len;
	unsigned prot = 0;
	char ps[4];
	int rc;

	if (a->n != (is_prot ? 5u : 4u))
		return usage(s, a->t[0], is_prot ? "mprotect MM ADDR LEN r|rw|rx|rwx|none"
						 : "munmap MM ADDR LEN");
	if (need_machine(s, a->t[0]) || !(o = get_obj(s, a->t[0], a->t[1], OBJ_MM)) ||
	    get_num(s, a->t[0], a->t[2], &addr) || get_num(s, a->t[0], a->t[3], &len))
		return -1;
	if (is_prot && get_prot(s, a->t[0], a->t[4], &prot))
		return -1;
	rc = is_prot ? mm_mprotect(o->mm, addr, len, prot) : mm_munmap(o->mm, addr, len);
	fprintf(s->out, "%s %s 0x%016" PRIx64 " len 0x%" PRIx64, a->t[0], o->name, addr, len);
	if (is_prot) {
		prot_str(prot, ps);
		fprintf(s->out, " %s", ps);
	}
	fputs(" -> ", s->out);
	print_rc(s, rc);
	return 0;
}

/* write MM VADDR VALUE [len=N] / read MM VADDR [len=N] */
static int cmd_rw(struct gm_script *s, struct args *a, bool write)
{
	struct xopts x = { 8, 0, false, 4 };
	struct obj *o;
	uint64_t va;
	uint8_t buf[8];
	int rc;

	if (a->n < (write ? 4u : 3u))
		return usage(s, a->t[0], write ? "write MM VADDR VALUE [len=N]"
					       : "read MM VADDR [len=N]");
	if (need_machine(s, a->t[0]) || !(o = get_obj(s, a->t[0], a->t[1], OBJ_MM)) ||
	    get_num(s, a->t[0], a->t[2], &va))
		return -1;
	if (write) {
		if (get_num(s, a->t[0], a->t[3], &x.value))
			return -1;
		x.have_value = true;
	}
	if (get_xopts(s, a->t[0], a, write ? 4 : 3, &x, false))
		return -1;
	if (!write && x.have_value) {
		serr(s, "read: takes no value");
		return -1;
	}
	to_be(x.value, x.len, buf);
	rc = write ? mm_write(o->mm, va, buf, x.len) : mm_read(o->mm, va, buf, x.len);
	fprintf(s->out, "%s %s 0x%016" PRIx64 " len %u ", a->t[0], o->name, va, x.len);
	if (rc) {
		fputs("-> ", s->out);
		print_rc(s, rc);
		return 0;
	}
	print_data(s, write, &x, buf);
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
		return usage(s, "fault", "fault MM VADDR [write] [exec]");
	if (need_machine(s, "fault") || !(o = get_obj(s, "fault", a->t[1], OBJ_MM)) ||
	    get_num(s, "fault", a->t[2], &va))
		return -1;
	for (unsigned i = 3; i < a->n; i++) {
		if (!strcmp(a->t[i], "write"))
			flags |= MM_FAULT_WRITE;
		else if (!strcmp(a->t[i], "exec"))
			flags |= MM_FAULT_EXEC;
		else {
			serr(s, "fault: unknown option %s (write, exec)", q(a->t[i], b));
			return -1;
		}
	}
	rc = mm_fault(o->mm, va, flags);
	fprintf(s->out, "fault %s 0x%016" PRIx64 "%s%s -> ", o->name, va,
		(flags & MM_FAULT_WRITE) ? " write" : "", (flags & MM_FAULT_EXEC) ? " exec" : "");
	print_rc(s, rc);
	return 0;
}

static int cmd_switch(struct gm_script *s, struct args *a)
{
	struct obj *o;
	struct gm_cpu *cpu;

	if (a->n != 2)
		return usage(s, "switch", "switch MM");
	if (need_machine(s, "switch") || !(o = get_obj(s, "switch", a->t[1], OBJ_MM)))
		return -1;
	cpu = machine_current_cpu(s->m);
	mm_switch(o->mm, cpu);
	fprintf(s->out, "switch %s: cpu %u runs it: user_asce, cr1, cr7 = 0x%016" PRIx64 "\n",
		o->name, cpu_index(cpu), mm_asce(o->mm));
	return 0;
}

/* ---- gmap ---------------------------------------------------------------- */

static int cmd_gmap(struct gm_script *s, struct args *a)
{
	struct obj *o, *mo;
	struct gmap *g;

	if (a->n != 4 || strcmp(a->t[2], "on"))
		return usage(s, "gmap", "gmap NAME on MM");
	if (need_machine(s, "gmap") || !(mo = get_obj(s, "gmap", a->t[3], OBJ_MM)))
		return -1;
	o = add_obj(s, "gmap", a->t[1]);
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
		return usage(s, c, "gmap_free|gmap_enable|gmap_disable GMAP");
	if (need_machine(s, c) || !(o = get_obj(s, c, a->t[1], OBJ_GMAP)))
		return -1;
	if (!strcmp(c, "gmap_free")) {
		gmap_free(o->gmap);
		fprintf(s->out, "gmap_free %s\n", o->name);
		remove_obj(s, o);
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

static int cmd_gmap_map(struct gm_script *s, struct args *a, bool map)
{
	struct obj *o;
	uint64_t from = 0, to, len;
	int rc;

	if (a->n != (map ? 5u : 4u))
		return usage(s, a->t[0], map ? "gmap_map_segment GMAP FROM TO LEN"
					     : "gmap_unmap_segment GMAP TO LEN");
	if (need_machine(s, a->t[0]) || !(o = get_obj(s, a->t[0], a->t[1], OBJ_GMAP)))
		return -1;
	if (map && get_num(s, a->t[0], a->t[2], &from))
		return -1;
	if (get_num(s, a->t[0], a->t[map ? 3 : 2], &to) ||
	    get_num(s, a->t[0], a->t[map ? 4 : 3], &len))
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
	print_rc(s, rc);
	return 0;
}

static int cmd_gmap_fault(struct gm_script *s, struct args *a)
{
	struct obj *o;
	uint64_t ga;
	unsigned long r;

	if (a->n != 3)
		return usage(s, "gmap_fault", "gmap_fault GMAP GADDR");
	if (need_machine(s, "gmap_fault") || !(o = get_obj(s, "gmap_fault", a->t[1], OBJ_GMAP)) ||
	    get_num(s, "gmap_fault", a->t[2], &ga))
		return -1;
	r = gmap_fault(ga, o->gmap);
	fprintf(s->out, "gmap_fault %s 0x%016" PRIx64 " -> ", o->name, ga);
	if ((long)r < 0 && (long)r >= -4095) {
		print_rc(s, (long)r);
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
		return usage(s, "guest", u);
	write = !strcmp(a->t[1], "write");
	if (need_machine(s, "guest") || get_num(s, "guest", a->t[2], &ga))
		return -1;
	if (write) {
		if (a->n < 4)
			return usage(s, "guest", u);
		if (get_num(s, "guest", a->t[3], &x.value))
			return -1;
		x.have_value = true;
	}
	if (get_xopts(s, "guest", a, write ? 4 : 3, &x, false))
		return -1;
	if (!write && x.have_value) {
		serr(s, "guest read: takes no value");
		return -1;
	}
	memset(&r, 0, sizeof(r));
	to_be(x.value, x.len, buf);
	rc = gmap_sie_access(s->m, ga, buf, x.len, write, &r);
	fprintf(s->out, "guest %s 0x%016" PRIx64 " len %u ", a->t[1], ga, x.len);
	if (rc < 0) {
		fputs("-> ", s->out);
		print_rc(s, rc);
		return 0;
	}
	if (rc > 0) {
		fputs("-> ", s->out);
		print_pgm(s, rc, &r);
		fputc('\n', s->out);
	} else {
		print_data(s, write, &x, buf);
	}
	remember_pgm(s, rc, &r);
	s->last.has_rc = true;
	s->last.rc = 0;
	return 0;
}

/* ---- dumps, walk, check, stats -------------------------------------------- */

static int cmd_dump(struct gm_script *s, struct args *a)
{
	static const char u[] = "dump [text|json|dot] [all] [NAME...] [asce=V...]";
	struct dump_root roots[SCRIPT_MAX_TOKENS + SCRIPT_MAX_OBJECTS];
	struct dump_options opt = { DUMP_TEXT, 0, obj_name_mm, obj_name_gmap, s };
	size_t n = 0;
	char *txt = NULL, b[96];
	int rc;

	if (need_machine(s, "dump"))
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
				roots[n++] = (struct dump_root){ mm_asce(s->objs[k].mm),
								 s->objs[k].mm, NULL };
				for (unsigned j = 0; j < s->nobjs; j++)
					if (s->objs[j].kind == OBJ_GMAP &&
					    s->objs[j].gmap->mm == s->objs[k].mm)
						roots[n++] = (struct dump_root){
							s->objs[j].gmap->asce, NULL, s->objs[j].gmap
						};
			}
		} else if ((v = kv(t, "asce"))) {
			uint64_t asce;

			if (get_num(s, "dump", v, &asce))
				return -1;
			roots[n++] = (struct dump_root){ asce, NULL, NULL };
		} else if ((o = find_obj(s, t))) {
			if (o->kind == OBJ_MM)
				roots[n++] = (struct dump_root){ mm_asce(o->mm), o->mm, NULL };
			else
				roots[n++] = (struct dump_root){ o->gmap->asce, NULL, o->gmap };
		} else {
			serr(s, "dump: %s is neither a name nor an option; usage: %s", q(t, b), u);
			return -1;
		}
		if (n > SCRIPT_MAX_OBJECTS) {
			serr(s, "dump: too many trees");
			return -1;
		}
	}
	if (n == 0)
		return usage(s, "dump", u);
	rc = dump_roots(s->m, roots, n, &opt, &txt, NULL);
	if (rc) {
		serr(s, "dump: %s", strerror(-rc));
		return -1;
	}
	fputs(txt, s->out);
	free(txt);
	return 0;
}

static const char *const level_words[] = { "pte", "ste", "r3te", "r2te", "r1te" };

static int get_level(struct gm_script *s, const char *cmd, const char *t, enum dat_level *l)
{
	char b[96];

	for (unsigned i = 0; i < 5; i++)
		if (!strcmp(t, level_words[i])) {
			*l = (enum dat_level)i;
			return 0;
		}
	serr(s, "%s: bad level %s (r1te, r2te, r3te, ste, pte)", cmd, q(t, b));
	return -1;
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
		return usage(s, "walk", "walk NAME|ASCE VADDR");
	if (need_machine(s, "walk") || get_num(s, "walk", a->t[1], &asce) ||
	    get_num(s, "walk", a->t[2], &va))
		return -1;
	o = find_obj(s, a->t[1]);
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
			fprintf(s->out, "  %-4s outside storage\n", level_words[l]);
			break;
		}
		fprintf(s->out, "  %-4s at 0x%016" PRIx64 " = 0x%016" PRIx64, level_words[l], ea, e);
		if (l == DAT_LEVEL_STE && o && o->kind == OBJ_GMAP) {
			static const char *const st[] = { "EMPTY", "MAPPED", "LINKED", "invalid" };

			fprintf(s->out, " %s", st[gmap_ste_state(e)]);
		} else if (l >= DAT_LEVEL_R3TE ? (e & _REGION_ENTRY_INVALID)
			   : l == DAT_LEVEL_STE ? (e & _SEGMENT_ENTRY_INVALID)
						: (e & _PAGE_INVALID)) {
			fputs(" invalid", s->out);
		}
		fputc('\n', s->out);
	}
	return 0;
}

static int run_check(struct gm_script *s, bool print_ok)
{
	struct check_report rep = { 0, 0, false, NULL };
	int n = check_machine(s->m, &rep);

	if (n < 0) {
		serr(s, "check: %s", strerror(-n));
		return -1;
	}
	if (n == 0 && print_ok)
		fputs("check: ok\n", s->out);
	if (n > 0) {
		fprintf(s->out, "check: %d violation(s)%s\n", n, rep.truncated ? " (more not kept)" : "");
		for (unsigned i = 0; i < rep.n; i++)
			fprintf(s->out, "  invariant %u (%s) at 0x%016" PRIx64 ": %s\n", rep.v[i].inv,
				check_inv_name(rep.v[i].inv), rep.v[i].where, rep.v[i].msg);
	}
	check_report_free(&rep);
	return n;
}

static int cmd_check(struct gm_script *s, struct args *a)
{
	int n;

	if (a->n != 1)
		return usage(s, "check", "check");
	if (need_machine(s, "check"))
		return -1;
	n = run_check(s, true);
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
		return usage(s, "stats", "stats");
	if (need_machine(s, "stats"))
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
		return usage(s, "ipte", u);
	if (need_machine(s, "ipte") || get_num(s, "ipte", a->t[2], &va))
		return -1;
	if (n == 4) {
		const char *v = kv(a->t[3], "range");

		if (!v)
			return usage(s, "ipte", u);
		if (get_num(s, "ipte", v, &x))
			return -1;
		if (x > 255) {
			serr(s, "ipte: range must be 0..255");
			return -1;
		}
		range = (unsigned)x;
	}
	o = find_obj(s, a->t[1]);
	if (o) {
		uint64_t ste;

		if (dump_lookup_entry(machine_storage(s->m),
				      o->kind == OBJ_MM ? mm_asce(o->mm) : o->gmap->asce, va,
				      DAT_LEVEL_STE, NULL, &ste) ||
		    (ste & _SEGMENT_ENTRY_INVALID)) {
			serr(s, "ipte: %s has no page table for 0x%" PRIx64, o->name, va);
			return -1;
		}
		pto = ste & _SEGMENT_ENTRY_ORIGIN;
	} else if (get_num(s, "ipte", a->t[1], &pto)) {
		return -1;
	}
	rc = tlb_ipte(machine_current_cpu(s->m), pto, va, range, local);
	fprintf(s->out, "ipte pt 0x%016" PRIx64 " va 0x%016" PRIx64 " range %u%s -> ", pto, va, range,
		local ? " local" : "");
	print_rc(s, rc);
	return 0;
}

static int cmd_idte(struct gm_script *s, struct args *a)
{
	static const char u[] = "idte DESIGNATION VADDR [count=N] [local] | idte asce ASCE [local]";
	unsigned n = a->n, count = 0;
	bool local = get_local(a, &n);
	uint64_t d, va, x;
	int rc;

	if (need_machine(s, "idte"))
		return -1;
	if (n == 3 && !strcmp(a->t[1], "asce")) {
		if (get_num(s, "idte", a->t[2], &d))
			return -1;
		rc = tlb_idte_clear_asce(machine_current_cpu(s->m), d, local);
		fprintf(s->out, "idte clear asce 0x%016" PRIx64 "%s -> ", d, local ? " local" : "");
		print_rc(s, rc);
		return 0;
	}
	if (n < 3 || n > 4)
		return usage(s, "idte", u);
	if (get_num(s, "idte", a->t[1], &d) || get_num(s, "idte", a->t[2], &va))
		return -1;
	if (n == 4) {
		const char *v = kv(a->t[3], "count");

		if (!v)
			return usage(s, "idte", u);
		if (get_num(s, "idte", v, &x))
			return -1;
		if (x > 2047) {
			serr(s, "idte: count must be 0..2047");
			return -1;
		}
		count = (unsigned)x;
	}
	rc = tlb_idte_invalidate(machine_current_cpu(s->m), d, va, count, local);
	fprintf(s->out, "idte table 0x%016" PRIx64 " va 0x%016" PRIx64 " count %u%s -> ", d, va,
		count, local ? " local" : "");
	print_rc(s, rc);
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
		return usage(s, "csp", u);
	if (need_machine(s, "csp") || get_num(s, "csp", a->t[1], &aaddr) ||
	    get_num(s, "csp", a->t[2], &old) || get_num(s, "csp", a->t[3], &nw))
		return -1;
	for (unsigned i = 4; i < a->n; i++) {
		const char *v = kv(a->t[i], "len");

		if (v) {
			if (get_num(s, "csp", v, &x))
				return -1;
			if (x != 4 && x != 8) {
				serr(s, "csp: len must be 4 (CSP) or 8 (CSPG)");
				return -1;
			}
			len = (unsigned)x;
		} else if (!strcmp(a->t[i], "nopurge")) {
			purge = false;
		} else {
			serr(s, "csp: unknown option %s; usage: %s", q(a->t[i], b), u);
			return -1;
		}
	}
	if (!fits(old, len) || !fits(nw, len)) {
		serr(s, "csp: values must fit in %u bytes", len);
		return -1;
	}
	rc = tlb_csp(machine_current_cpu(s->m), aaddr, len, &old, nw, purge);
	fprintf(s->out, "%s 0x%016" PRIx64 " -> ", len == 8 ? "cspg" : "csp", aaddr);
	if (rc == 0)
		fprintf(s->out, "swapped%s\n", purge ? ", tlbs purged" : "");
	else if (rc == 1)
		fprintf(s->out, "compare failed, current 0x%0*" PRIx64 "\n", (int)(2 * len), old);
	else {
		print_rc(s, rc);
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

	if (need_machine(s, "tlb"))
		return -1;
	cpu = machine_current_cpu(s->m);
	if (!strcmp(sub, "stats")) {
		if (a->n == 3 && !strcmp(a->t[2], "all")) {
			for (unsigned i = 0; i < machine_ncpus(s->m); i++)
				print_tlb_stats(s, machine_cpu(s->m, i));
		} else if (a->n <= 2) {
			print_tlb_stats(s, cpu);
		} else {
			return usage(s, "tlb", u);
		}
		if (!machine_tlb_enabled(s->m))
			fputs("tlb: this machine models no TLB (add `tlb` to `machine`)\n", s->out);
	} else if (!strcmp(sub, "preload")) {
		uint64_t asce, va;
		int rc;

		if (a->n != 4)
			return usage(s, "tlb", u);
		if (get_num(s, "tlb", a->t[2], &asce) || get_num(s, "tlb", a->t[3], &va))
			return -1;
		rc = tlb_preload(cpu, asce, va);
		fprintf(s->out, "tlb preload asce 0x%016" PRIx64 " va 0x%016" PRIx64 " -> ", asce, va);
		if (rc > 0)
			fprintf(s->out, "pgm 0x%04x (nothing formed)\n", (unsigned)rc);
		else
			print_rc(s, rc);
	} else if (!strcmp(sub, "stale")) {
		uint64_t n = tlb_stale_count(s->m);

		if (a->n != 2)
			return usage(s, "tlb", u);
		fprintf(s->out, "tlb stale %" PRIu64 "\n", n);
		s->last.has_value = true;
		s->last.value = n;
		s->last.value_len = 8;
	} else if (!strcmp(sub, "checking")) {
		if (a->n != 3 || (strcmp(a->t[2], "on") && strcmp(a->t[2], "off")))
			return usage(s, "tlb", u);
		tlb_set_checking(s->m, !strcmp(a->t[2], "on"));
		fprintf(s->out, "tlb checking %s\n", a->t[2]);
	} else if (!strcmp(sub, "purge_all")) {
		if (a->n != 2)
			return usage(s, "tlb", u);
		tlb_purge_all(s->m);
		fputs("tlb purge_all: every cpu purged (csp)\n", s->out);
	} else if (!strcmp(sub, "flush_mm")) {
		struct obj *o;

		if (a->n != 3)
			return usage(s, "tlb", u);
		if (!(o = get_obj(s, "tlb", a->t[2], OBJ_MM)))
			return -1;
		mm_tlb_flush_mm(o->mm);
		fprintf(s->out, "tlb flush_mm %s: %s\n", o->name,
			LIST_EMPTY(&o->mm->context.gmap_list) &&
					machine_has_facility(s->m, GM_FAC_IDTE)
				? "idte by the process asce"
				: "full purge (gmaps attached or no idte)");
	} else {
		return usage(s, "tlb", u);
	}
	return 0;
}

static int cmd_ptlb(struct gm_script *s, struct args *a)
{
	if (a->n != 1)
		return usage(s, "ptlb", "ptlb");
	if (need_machine(s, "ptlb"))
		return -1;
	tlb_ptlb(machine_current_cpu(s->m));
	fprintf(s->out, "ptlb cpu %u\n", cpu_index(machine_current_cpu(s->m)));
	return 0;
}

/* ---- expect -------------------------------------------------------------- */

static int expect_fail(struct gm_script *s, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static int expect_fail(struct gm_script *s, const char *fmt, ...)
{
	va_list ap;

	fprintf(s->out, "%s:%u: expect failed: ", s->name ? s->name : "-", s->lineno);
	va_start(ap, fmt);
	vfprintf(s->out, fmt, ap);
	va_end(ap);
	fputc('\n', s->out);
	s->failed = true;
	return 1;
}

static int get_rc_word(struct gm_script *s, const char *t, long *rc)
{
	static const struct {
		const char *n;
		long v;
	} names[] = { { "0", 0 },
		      { "-EINVAL", -EINVAL },
		      { "-ENOMEM", -ENOMEM },
		      { "-EFAULT", -EFAULT },
		      { "-EBUSY", -EBUSY },
		      { "-ENOENT", -ENOENT },
		      { "-EOPNOTSUPP", -EOPNOTSUPP },
		      { "-EEXIST", -EEXIST },
		      { "-ERANGE", -ERANGE } };
	char b[96];
	uint64_t v;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(t, names[i].n)) {
			*rc = names[i].v;
			return 0;
		}
	if (t[0] == '-' && parse_u64(t + 1, &v) == 0 && v <= 4095) {
		*rc = -(long)v;
		return 0;
	}
	if (parse_u64(t, &v) == 0 && v <= 4095) {
		*rc = (long)v;
		return 0;
	}
	serr(s, "expect rc: bad value %s (0, -EINVAL, -EFAULT, -ENOMEM, -EBUSY, ...)", q(t, b));
	return -1;
}

static const char U_EXPECT[] =
	"expect value V | pgm CODE|none | teid V|none | real V | abs V | rc ERR | "
	"state GMAP GADDR empty|mapped|linked | entry NAME|ASCE VADDR LEVEL V | "
	"check ok|N | stale N | gmap_addr V";

/* Return 0 held, 1 failed, -1 script error. */
static int cmd_expect(struct gm_script *s, struct args *a)
{
	const char *what = a->n >= 2 ? a->t[1] : "";
	const struct last_result *l = &s->last;
	uint64_t v;

	if (a->n < 3)
		return usage(s, "expect", U_EXPECT);
	if (!strcmp(what, "value")) {
		if (a->n != 3 || get_num(s, "expect", a->t[2], &v))
			return a->n != 3 ? usage(s, "expect", U_EXPECT) : -1;
		if (!l->has_value)
			return expect_fail(s, "expected value 0x%" PRIx64
					      ", got nothing: the command before produced no value",
					   v);
		if (l->value != v)
			return expect_fail(s, "expected value 0x%" PRIx64 ", got 0x%" PRIx64, v,
					   l->value);
		return 0;
	}
	if (!strcmp(what, "pgm")) {
		bool none = a->n == 3 && !strcmp(a->t[2], "none");

		if (a->n != 3 || (!none && get_num(s, "expect", a->t[2], &v)))
			return a->n != 3 ? usage(s, "expect", U_EXPECT) : -1;
		if (!l->has_trans)
			return expect_fail(s, "expected pgm %s, got nothing: the command before "
					      "translated nothing",
					   a->t[2]);
		if (none ? l->pic != 0 : (uint64_t)l->pic != v) {
			if (l->pic == 0)
				return expect_fail(s, "expected pgm 0x%04" PRIx64 ", got no exception", v);
			if (none)
				return expect_fail(s, "expected no exception, got pgm 0x%04x (%s)",
						   (unsigned)l->pic, dat_pic_name(l->pic));
			return expect_fail(s, "expected pgm 0x%04" PRIx64 ", got pgm 0x%04x (%s)", v,
					   (unsigned)l->pic, dat_pic_name(l->pic));
		}
		return 0;
	}
	if (!strcmp(what, "teid")) {
		bool none = a->n == 3 && !strcmp(a->t[2], "none");

		if (a->n != 3 || (!none && get_num(s, "expect", a->t[2], &v)))
			return a->n != 3 ? usage(s, "expect", U_EXPECT) : -1;
		if (!l->has_trans)
			return expect_fail(s, "expected teid %s, got nothing", a->t[2]);
		if (none && l->teid_valid)
			return expect_fail(s, "expected no teid, got teid 0x%016" PRIx64, l->teid);
		if (!none && !l->teid_valid)
			return expect_fail(s, "expected teid 0x%016" PRIx64 ", got no teid", v);
		if (!none && l->teid != v)
			return expect_fail(s, "expected teid 0x%016" PRIx64 ", got teid 0x%016" PRIx64, v,
					   l->teid);
		return 0;
	}
	if (!strcmp(what, "real") || !strcmp(what, "abs")) {
		bool real = what[0] == 'r';

		if (a->n != 3 || get_num(s, "expect", a->t[2], &v))
			return a->n != 3 ? usage(s, "expect", U_EXPECT) : -1;
		if (!l->has_trans || l->pic != 0 || !l->has_addr)
			return expect_fail(s, "expected %s 0x%016" PRIx64 ", got %s", what, v,
					   l->has_trans && l->pic ? "a program interruption"
								   : "no translation");
		if ((real ? l->raddr : l->aaddr) != v)
			return expect_fail(s, "expected %s 0x%016" PRIx64 ", got 0x%016" PRIx64, what, v,
					   real ? l->raddr : l->aaddr);
		return 0;
	}
	if (!strcmp(what, "rc")) {
		long rc;

		if (a->n != 3)
			return usage(s, "expect", U_EXPECT);
		if (get_rc_word(s, a->t[2], &rc))
			return -1;
		if (!l->has_rc)
			return expect_fail(s, "expected rc %s, got nothing: the command before "
					      "returned no code",
					   a->t[2]);
		if (l->rc != rc) {
			if (errno_name(l->rc))
				return expect_fail(s, "expected rc %s, got %s", a->t[2],
						   errno_name(l->rc));
			return expect_fail(s, "expected rc %s, got %ld", a->t[2], l->rc);
		}
		return 0;
	}
	if (!strcmp(what, "state")) {
		static const char *const st[] = { "empty", "mapped", "linked", "invalid" };
		struct obj *o;
		uint64_t ga, e = GMAP_STE_EMPTY;
		int want = -1, rc, got;

		if (a->n != 5)
			return usage(s, "expect", U_EXPECT);
		if (need_machine(s, "expect") || !(o = get_obj(s, "expect", a->t[2], OBJ_GMAP)) ||
		    get_num(s, "expect", a->t[3], &ga))
			return -1;
		for (int i = 0; i < 3; i++)
			if (!strcmp(a->t[4], st[i]))
				want = i;
		if (want < 0)
			return usage(s, "expect", U_EXPECT);
		rc = dump_lookup_entry(machine_storage(s->m), o->gmap->asce, ga, DAT_LEVEL_STE, NULL,
				       &e);
		/* no segment table yet: the guest segment is empty */
		got = rc ? GMAP_STE_STATE_EMPTY : (int)gmap_ste_state(e);
		if (got != want)
			return expect_fail(s, "expected %s 0x%016" PRIx64 " %s, got %s (ste 0x%016" PRIx64
					      ")",
					   o->name, ga, st[want], st[got], e);
		return 0;
	}
	if (!strcmp(what, "entry")) {
		uint64_t asce, va, e;
		enum dat_level lvl;
		int rc;

		if (a->n != 6)
			return usage(s, "expect", U_EXPECT);
		if (need_machine(s, "expect") || get_num(s, "expect", a->t[2], &asce) ||
		    get_num(s, "expect", a->t[3], &va) || get_level(s, "expect", a->t[4], &lvl) ||
		    get_num(s, "expect", a->t[5], &v))
			return -1;
		rc = dump_lookup_entry(machine_storage(s->m), asce, va, lvl, NULL, &e);
		if (rc)
			return expect_fail(s, "expected %s of 0x%016" PRIx64 " = 0x%016" PRIx64
					      ", got no such entry (%s)",
					   a->t[4], va, v,
					   rc == -ENOENT ? "a higher entry is invalid" : strerror(-rc));
		if (e != v)
			return expect_fail(s, "expected %s of 0x%016" PRIx64 " = 0x%016" PRIx64
					      ", got 0x%016" PRIx64,
					   a->t[4], va, v, e);
		return 0;
	}
	if (!strcmp(what, "check")) {
		struct check_report rep = { 0, 0, false, NULL };
		int n;

		if (a->n != 3)
			return usage(s, "expect", U_EXPECT);
		if (!strcmp(a->t[2], "ok"))
			v = 0;
		else if (get_num(s, "expect", a->t[2], &v))
			return -1;
		if (need_machine(s, "expect"))
			return -1;
		n = check_machine(s->m, &rep);
		if (n < 0) {
			check_report_free(&rep);
			serr(s, "expect check: %s", strerror(-n));
			return -1;
		}
		if ((uint64_t)n != v) {
			expect_fail(s, "expected %" PRIu64 " violation(s), got %d%s%s", v, n,
				    rep.n ? "; first: " : "", rep.n ? rep.v[0].msg : "");
			check_report_free(&rep);
			return 1;
		}
		check_report_free(&rep);
		return 0;
	}
	if (!strcmp(what, "stale")) {
		uint64_t n;

		if (a->n != 3 || get_num(s, "expect", a->t[2], &v))
			return a->n != 3 ? usage(s, "expect", U_EXPECT) : -1;
		if (need_machine(s, "expect"))
			return -1;
		n = tlb_stale_count(s->m);
		if (n != v)
			return expect_fail(s, "expected %" PRIu64 " stale tlb hit(s), got %" PRIu64, v, n);
		return 0;
	}
	if (!strcmp(what, "gmap_addr")) {
		uint64_t g;

		if (a->n != 3 || get_num(s, "expect", a->t[2], &v))
			return a->n != 3 ? usage(s, "expect", U_EXPECT) : -1;
		if (need_machine(s, "expect"))
			return -1;
		g = cpu_gmap_addr(machine_current_cpu(s->m));
		if (g != v)
			return expect_fail(s, "expected gmap_addr 0x%016" PRIx64 ", got 0x%016" PRIx64, v,
					   g);
		return 0;
	}
	return usage(s, "expect", U_EXPECT);
}

/* ---- dispatch -------------------------------------------------------------- */

static int cmd_text(struct gm_script *s, struct args *a, bool step)
{
	const char *t = a->rest;

	if (step) {
		s->step++;
		fprintf(s->out, "\n== Step %u: %s\n", s->step, t);
	} else {
		fprintf(s->out, "%s\n", t);
	}
	return 0;
}

static int cmd_trace(struct gm_script *s, struct args *a)
{
	if (a->n != 2 || (strcmp(a->t[1], "on") && strcmp(a->t[1], "off")))
		return usage(s, "trace", "trace on|off");
	s->trace = !strcmp(a->t[1], "on");
	return 0;
}

/* Commands that leave the last result alone (so expect can follow them). */
static bool keeps_last(const char *c)
{
	return !strcmp(c, "expect") || !strcmp(c, "say") || !strcmp(c, "step") ||
	       !strcmp(c, "trace") || !strcmp(c, "dump") || !strcmp(c, "walk");
}

static int dispatch(struct gm_script *s, struct args *a)
{
	const char *c = a->t[0];
	char b[96];

	if (!strcmp(c, "machine")) return cmd_machine(s, a);
	if (!strcmp(c, "store1")) return cmd_store(s, a, 1);
	if (!strcmp(c, "store2")) return cmd_store(s, a, 2);
	if (!strcmp(c, "store4")) return cmd_store(s, a, 4);
	if (!strcmp(c, "store8")) return cmd_store(s, a, 8);
	if (!strcmp(c, "load1")) return cmd_load(s, a, 1);
	if (!strcmp(c, "load2")) return cmd_load(s, a, 2);
	if (!strcmp(c, "load4")) return cmd_load(s, a, 4);
	if (!strcmp(c, "load8")) return cmd_load(s, a, 8);
	if (!strcmp(c, "lowcore")) return cmd_lowcore(s, a);
	if (!strcmp(c, "cpu")) return cmd_cpu(s, a);
	if (!strcmp(c, "translate")) return cmd_translate(s, a);
	if (!strcmp(c, "access")) return cmd_access(s, a);
	if (!strcmp(c, "mm")) return cmd_mm(s, a);
	if (!strcmp(c, "mm_destroy")) return cmd_mm_destroy(s, a);
	if (!strcmp(c, "mmap")) return cmd_mmap(s, a);
	if (!strcmp(c, "munmap")) return cmd_range(s, a, false);
	if (!strcmp(c, "mprotect")) return cmd_range(s, a, true);
	if (!strcmp(c, "write")) return cmd_rw(s, a, true);
	if (!strcmp(c, "read")) return cmd_rw(s, a, false);
	if (!strcmp(c, "fault")) return cmd_fault(s, a);
	if (!strcmp(c, "switch")) return cmd_switch(s, a);
	if (!strcmp(c, "gmap")) return cmd_gmap(s, a);
	if (!strcmp(c, "gmap_free") || !strcmp(c, "gmap_enable") || !strcmp(c, "gmap_disable"))
		return cmd_gmap_simple(s, a);
	if (!strcmp(c, "gmap_map_segment")) return cmd_gmap_map(s, a, true);
	if (!strcmp(c, "gmap_unmap_segment")) return cmd_gmap_map(s, a, false);
	if (!strcmp(c, "gmap_fault")) return cmd_gmap_fault(s, a);
	if (!strcmp(c, "guest")) return cmd_guest(s, a);
	if (!strcmp(c, "dump")) return cmd_dump(s, a);
	if (!strcmp(c, "walk")) return cmd_walk(s, a);
	if (!strcmp(c, "check")) return cmd_check(s, a);
	if (!strcmp(c, "stats")) return cmd_stats(s, a);
	if (!strcmp(c, "ipte")) return cmd_ipte(s, a);
	if (!strcmp(c, "idte")) return cmd_idte(s, a);
	if (!strcmp(c, "csp")) return cmd_csp(s, a);
	if (!strcmp(c, "ptlb")) return cmd_ptlb(s, a);
	if (!strcmp(c, "tlb")) return cmd_tlb(s, a);
	if (!strcmp(c, "expect")) return cmd_expect(s, a);
	if (!strcmp(c, "say")) return cmd_text(s, a, false);
	if (!strcmp(c, "step")) return cmd_text(s, a, true);
	if (!strcmp(c, "trace")) return cmd_trace(s, a);
	serr(s, "unknown command %s (docs/gmapsim.md lists the commands)", q(c, b));
	return -1;
}

enum script_status script_run_line(struct gm_script *s, const char *name, unsigned lineno,
				   const char *line, size_t len)
{
	char buf[SCRIPT_MAX_LINE + 1];
	struct args a;
	size_t n = len;
	char *p;
	int rc;

	if (!s)
		return SCRIPT_ERROR;
	s->name = name;
	s->lineno = lineno;
	if (s->stopped)
		return SCRIPT_FAILED;
	if (!line && len)
		return serr(s, "no line");
	if (n > 0 && line[n - 1] == '\r')
		n--;
	if (n > SCRIPT_MAX_LINE)
		return serr(s, "line too long (%zu bytes; the limit is %u)", n, SCRIPT_MAX_LINE);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)line[i];

		if (ch == 0)
			return serr(s, "NUL byte at column %zu: this is not a text file", i + 1);
		if ((ch < 0x20 && ch != '\t') || ch == 0x7f)
			return serr(s, "control byte 0x%02x at column %zu: this is not a text file", ch,
				    i + 1);
	}
	memcpy(buf, line, n);
	buf[n] = 0;
	/* a comment starts at a '#' at the start or after white space */
	for (size_t i = 0; i < n; i++)
		if (buf[i] == '#' && (i == 0 || buf[i - 1] == ' ' || buf[i - 1] == '\t')) {
			buf[i] = 0;
			n = i;
			break;
		}
	a.n = 0;
	a.rest = "";
	p = buf;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		if (a.n == 1 && !a.rest[0]) {
			/* the raw rest, for say/step (trailing blanks trimmed) */
			char *e = p + strlen(p);

			while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
				e--;
			a.rest = p;
			if (strcmp(a.t[0], "say") == 0 || strcmp(a.t[0], "step") == 0) {
				*e = 0;
				break;
			}
		}
		if (a.n == SCRIPT_MAX_TOKENS)
			return serr(s, "too many words on the line (at most %d)", SCRIPT_MAX_TOKENS);
		a.t[a.n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = 0;
	}
	if (a.n == 0)
		return SCRIPT_OK;
	if (!keeps_last(a.t[0]))
		memset(&s->last, 0, sizeof(s->last));
	rc = dispatch(s, &a);
	if (rc < 0)
		return SCRIPT_ERROR;
	if (rc > 0)
		return SCRIPT_FAILED;
	if ((s->flags & SCRIPT_CHECK) && s->m) {
		int v = run_check(s, false);

		if (v < 0)
			return SCRIPT_ERROR;
		if (v > 0) {
			fprintf(s->out, "%s:%u: --check: stopping at the first violation\n",
				s->name ? s->name : "-", lineno);
			s->failed = true;
			s->stopped = true;
			return SCRIPT_FAILED;
		}
	}
	return SCRIPT_OK;
}

enum script_status script_run_buffer(struct gm_script *s, const char *buf, size_t len,
				     const char *name)
{
	size_t pos = 0;
	unsigned lineno = 0;

	if (!s || (!buf && len))
		return SCRIPT_ERROR;
	while (pos < len) {
		const char *nl = memchr(buf + pos, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - (buf + pos)) : len - pos;

		if (lineno == UINT32_MAX) {
			s->name = name;
			return serr(s, "too many lines");
		}
		lineno++;
		if (script_run_line(s, name, lineno, buf + pos, l) == SCRIPT_ERROR)
			return SCRIPT_ERROR;
		if (s->stopped)
			break;
		pos += l + (nl ? 1 : 0);
	}
	return s->failed ? SCRIPT_FAILED : SCRIPT_OK;
}

enum script_status script_run_stream(struct gm_script *s, FILE *in, const char *name)
{
	char buf[SCRIPT_MAX_LINE + 2];
	unsigned lineno = 0;

	if (!s || !in)
		return SCRIPT_ERROR;
	for (;;) {
		size_t n = 0;
		int ch = EOF;
		bool too_long = false;

		while (n < sizeof(buf) && (ch = getc(in)) != EOF && ch != '\n')
			buf[n++] = (char)ch;
		if (n == sizeof(buf))
			too_long = true;
		if (ch == EOF && ferror(in)) {
			s->name = name;
			s->lineno = lineno + 1;
			return serr(s, "read error");
		}
		if (n == 0 && ch == EOF)
			break;
		if (lineno == UINT32_MAX) {
			s->name = name;
			return serr(s, "too many lines");
		}
		lineno++;
		if (too_long) {
			s->name = name;
			s->lineno = lineno;
			return serr(s, "line too long (more than %u bytes)", SCRIPT_MAX_LINE);
		}
		if (script_run_line(s, name, lineno, buf, n) == SCRIPT_ERROR)
			return SCRIPT_ERROR;
		if (s->stopped || ch == EOF)
			break;
	}
	return s->failed ? SCRIPT_FAILED : SCRIPT_OK;
}

int script_create(FILE *out, FILE *err, unsigned flags, struct gm_script **ret)
{
	struct gm_script *s;

	if (!out || !err || !ret || (flags & ~(SCRIPT_TRACE | SCRIPT_CHECK)))
		return -EINVAL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->objs = calloc(SCRIPT_MAX_OBJECTS, sizeof(*s->objs));
	if (!s->objs) {
		free(s);
		return -ENOMEM;
	}
	s->out = out;
	s->err = err;
	s->flags = flags;
	s->trace = flags & SCRIPT_TRACE;
	*ret = s;
	return 0;
}

void script_destroy(struct gm_script *s)
{
	if (!s)
		return;
	teardown(s);
	free(s->objs);
	free(s);
}

/* The built-in demo: the seed's story.  docs/examples/seed-story.gms is the
 * same text (tools/gmapsim/sync-demo.py copies it here) and both are
 * compared with one golden output by the tests.  One string per line: ISO C
 * only promises string literals of 4095 bytes. */
static const char *const demo_lines[] = {
/* DEMO-BEGIN (generated from docs/examples/seed-story.gms) */
	"# The seed's story: what commit e5992f2e6c38 \"[S390] kvm guest address",
	"# space mapping\" (Linux 3.1) does, step by step.  This is also gmapsim's",
	"# built-in demo (run gmapsim without arguments).",
	"say KVM on s390 (Linux 3.1): the guest's memory is a piece of the memory of an",
	"say ordinary process (think of QEMU).  The seed gives the guest its own address",
	"say space, a \"gmap\", with its own region and segment tables -- but the last level,",
	"say the page tables, is not copied: the guest's segment entries point at the",
	"say process's own page tables.  Watch the tables after each step.",
	"machine storage=64M",
	"mm qemu pgste",
	"switch qemu",
	"",
	"step The process maps 2 MB of memory for the guest at 0x40000000 (mmap).  Nothing is touched yet, so there is no page table under the region-third and segment tables.",
	"mmap qemu 0x40000000 2M rw fixed",
	"dump qemu",
	"",
	"step KVM creates the guest address space (gmap_alloc) and maps guest 0..2 MB onto the process memory (gmap_map_segment).  Each 1 MB guest segment entry is now MAPPED: invalid for the hardware, but it remembers its process address (0x220 | address).",
	"gmap guest on qemu",
	"gmap_map_segment guest 0x40000000 0 2M",
	"gmap_enable guest",
	"dump guest",
	"",
	"step The guest reads its address 0x1000.  The segment entry is invalid, so the CPU raises a segment-translation exception; gmap_fault makes the process create its page table for 0x40000000 and links THAT SAME page table into the guest segment entry (LINKED).  The retry raises a page-translation exception: the process's demand fault puts in a zeroed page, and the guest reads zeroes.",
	"say (The indented lines are the simulator's trace of what the kernel and the CPU did.)",
	"trace on",
	"guest read 0x1000",
	"trace off",
	"expect value 0",
	"dump qemu guest",
	"",
	"step The guest writes to its second segment (0x100008): the same happens there.  Now both guest segment entries hold the addresses of the process's page tables.",
	"guest write 0x100008 0xcafe",
	"dump qemu guest",
	"",
	"step The process writes at 0x40001000; the guest reads its address 0x1000 and sees the value at once -- both walks end in the same page-table entry.  The other way round works too.",
	"write qemu 0x40001000 0x1122334455667788",
	"guest read 0x1000",
	"expect value 0x1122334455667788",
	"read qemu 0x40100008",
	"expect value 0xcafe",
	"",
	"step The process unmaps the one page 0x40001000 (munmap 4K).  IPTE invalidates the shared page-table entry: no gmap code runs, yet the guest's next access to 0x1000 takes a page-translation exception that nobody can resolve (the process has no memory there any more).",
	"munmap qemu 0x40001000 4K",
	"guest read 0x1000",
	"expect pgm 0x11",
	"walk guest 0x1000",
	"",
	"step The process unmaps its whole first segment (munmap 1M).  Its page table is freed -- but first the unmap notifier turns the guest segment entry that linked it back into MAPPED, with the same process address.",
	"munmap qemu 0x40000000 1M",
	"dump qemu guest",
	"expect state guest 0 mapped",
	"",
	"step The process maps memory there again.  The guest's next access faults once more and gmap_fault links the process's new page table (the allocator happens to reuse the freed frame, so its address is the same): the guest mapping survived the free.",
	"mmap qemu 0x40000000 1M rw fixed",
	"guest read 0x2000",
	"expect state guest 0 linked",
	"walk guest 0x2000",
	"",
	"step KVM unmaps guest segment 1 (gmap_unmap_segment): the entry becomes EMPTY and its reverse map is removed; the process page table stays.  A guest access there now ends in a segment-translation exception.",
	"gmap_unmap_segment guest 0x100000 1M",
	"guest read 0x100008",
	"expect pgm 0x10",
	"dump qemu guest",
	"",
	"step KVM frees the gmap (gmap_free): its region and segment tables go away, every link is undone; the process keeps its memory and its page tables.",
	"gmap_disable guest",
	"gmap_free guest",
	"dump qemu",
	"check",
/* DEMO-END */
};

enum script_status script_run_demo(struct gm_script *s)
{
	if (!s)
		return SCRIPT_ERROR;
	for (size_t i = 0; i < sizeof(demo_lines) / sizeof(demo_lines[0]); i++) {
		if (script_run_line(s, "demo", (unsigned)i + 1, demo_lines[i],
				    strlen(demo_lines[i])) == SCRIPT_ERROR)
			return SCRIPT_ERROR;
		if (s->stopped)
			break;
	}
	return s->failed ? SCRIPT_FAILED : SCRIPT_OK;
}
