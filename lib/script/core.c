/* SPDX-License-Identifier: MIT */
/*
 * The gmapsim scenario interpreter (docs/gmapsim.md), core: a line is split
 * into at most SCRIPT_MAX_TOKENS whitespace-separated words; the first names
 * the command, found in the command table below.  Every command checks its
 * arguments completely before it changes anything, so a script error never
 * leaves half a command done.  Results go to s->out, errors to s->err;
 * nothing else is printed.
 *
 * The folder:
 *   core.c             lines, words, numbers, names, the object table,
 *                      messages, the command table, script_run_*()
 *   script-internal.h  what the files share (state, helpers, struct script_cmd)
 *   families.h         the list of command families, one line each
 *   expect.c           expect, say, step, trace (family "control")
 *   cmd-<family>.c     one family: machine, cpu, mm, gmap, check, tlb
 *   demo.c             the built-in demo (tools/gmapsim/sync-demo.py)
 *
 * Adding a command family: write lib/script/cmd-NAME.c, which includes
 * "script-internal.h", keeps its functions static and ends with
 *     const struct script_cmd script_cmds_NAME[] = { { "word", cmd_fn, 0, 0 },
 *                                                    { NULL, NULL, 0, 0 } };
 * then add SCRIPT_FAMILY(NAME) to families.h and the file to lib/meson.build.
 * A command of an existing family is one more line in its table.  Document
 * the command in docs/gmapsim.md and test it in tests/test-script.c.
 *
 * Layer: script is the top of lib/; it calls any public module header
 * (include/gmap/) and nothing calls it but the CLI and the tests.  It never
 * reaches into another module's private state (no lib/ *-internal.h).
 */
#include "script-internal.h"

/* ---- messages --------------------------------------------------------- */

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
enum script_status script_err(struct gm_script *s, const char *fmt, ...)
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
const char *script_quote(const char *t, char buf[96])
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

const char *script_errno_name(long rc)
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

void script_print_rc(struct gm_script *s, long rc)
{
	const char *n = script_errno_name(rc);

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
int script_parse_u64(const char *t, uint64_t *out)
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

struct obj *script_find_obj(struct gm_script *s, const char *name)
{
	for (unsigned i = 0; i < s->nobjs; i++)
		if (!strcmp(s->objs[i].name, name))
			return &s->objs[i];
	return NULL;
}

/* A number, or the name of an mm/gmap standing for its ASCE. */
int script_get_num(struct gm_script *s, const char *what, const char *t, uint64_t *v)
{
	char b[96];
	struct obj *o;
	int rc = script_parse_u64(t, v);

	if (rc == 0)
		return 0;
	if (rc == -2) {
		script_err(s, "%s: number out of range %s (the largest is 0xffffffffffffffff)", what,
		     script_quote(t, b));
		return -1;
	}
	o = script_find_obj(s, t);
	if (o) {
		*v = script_obj_asce(o);
		return 0;
	}
	script_err(s, "%s: bad number %s (decimal, or hex with 0x, optional K/M/G/T suffix)", what,
	     script_quote(t, b));
	return -1;
}

/* "key=value" → value, NULL if @t is not @key=… */
const char *script_kv(const char *t, const char *key)
{
	size_t n = strlen(key);

	return (!strncmp(t, key, n) && t[n] == '=') ? t + n + 1 : NULL;
}

bool script_valid_name(const char *t)
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

int script_get_access(struct gm_script *s, const char *cmd, const char *t, enum dat_access *acc)
{
	char b[96];

	if (!strcmp(t, "fetch"))
		*acc = DAT_FETCH;
	else if (!strcmp(t, "store"))
		*acc = DAT_STORE;
	else if (!strcmp(t, "ifetch"))
		*acc = DAT_IFETCH;
	else {
		script_err(s, "%s: bad access %s (fetch, store or ifetch)", cmd, script_quote(t, b));
		return -1;
	}
	return 0;
}

const char *script_access_name(enum dat_access acc)
{
	return acc == DAT_STORE ? "store" : acc == DAT_IFETCH ? "ifetch" : "fetch";
}

int script_get_len(struct gm_script *s, const char *cmd, const char *t, unsigned *len)
{
	uint64_t v;

	if (script_get_num(s, cmd, t, &v))
		return -1;
	if (v != 1 && v != 2 && v != 4 && v != 8) {
		script_err(s, "%s: length must be 1, 2, 4 or 8, not %" PRIu64, cmd, v);
		return -1;
	}
	*len = (unsigned)v;
	return 0;
}

bool script_fits(uint64_t v, unsigned len)
{
	return len == 8 || v < (1ULL << (8 * len));
}

void script_to_be(uint64_t v, unsigned len, uint8_t *buf)
{
	for (unsigned i = 0; i < len; i++)
		buf[i] = (uint8_t)(v >> (8 * (len - 1 - i)));
}

uint64_t script_from_be(const uint8_t *buf, unsigned len)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < len; i++)
		v = (v << 8) | buf[i];
	return v;
}

struct obj *script_get_obj(struct gm_script *s, const char *cmd, const char *t, enum obj_kind k)
{
	char b[96];
	struct obj *o = script_find_obj(s, t);

	if (!o) {
		script_err(s, "%s: no %s named %s", cmd, k == OBJ_GMAP ? "gmap" : k == OBJ_SHADOW ? "shadow" : "mm", script_quote(t, b));
		return NULL;
	}
	if (o->kind != k) {
		script_err(s, "%s: %s is %s, not %s", cmd, script_quote(t, b), o->kind == OBJ_MM ? "an mm" : o->kind == OBJ_SHADOW ? "a shadow" : "a gmap",
		     k == OBJ_MM ? "an mm" : k == OBJ_SHADOW ? "a shadow" : "a gmap");
		return NULL;
	}
	return o;
}

int script_need_machine(struct gm_script *s, const char *cmd)
{
	if (s->m)
		return 0;
	script_err(s, "%s: no machine yet: start the script with `machine storage=SIZE`", cmd);
	return -1;
}

int script_usage(struct gm_script *s, const char *cmd, const char *u)
{
	script_err(s, "%s: wrong arguments; usage: %s", cmd, u);
	return -1;
}

const char *script_obj_name_mm(void *opaque, const struct mm_struct *mm)
{
	struct gm_script *s = opaque;

	for (unsigned i = 0; i < s->nobjs; i++)
		if (s->objs[i].kind == OBJ_MM && s->objs[i].mm == mm)
			return s->objs[i].name;
	return NULL;
}

const char *script_obj_name_gmap(void *opaque, const struct gmap *g)
{
	struct gm_script *s = opaque;

	for (unsigned i = 0; i < s->nobjs; i++)
		if (s->objs[i].kind == OBJ_GMAP && s->objs[i].gmap == g)
			return s->objs[i].name;
	return NULL;
}

uint64_t script_obj_asce(const struct obj *o)
{
	return o->kind == OBJ_MM ? mm_asce(o->mm) : o->kind == OBJ_GMAP ? o->asce : o->gmap->asce;
}

int script_gmap_ste_state(struct gm_script *s, const struct obj *o, uint64_t gaddr)
{
	return s->be->ste_state(s->be_ctx, o->bg, gaddr);
}

struct gmap *script_native_gmap(struct gm_script *s, const char *cmd, const struct obj *o)
{
	char b[96];

	if (o->gmap)
		return o->gmap;
	script_err(s, "%s: gmap %s is run by %s, whose shadow gmaps (vSIE) are not wired to the "
		      "nested family yet (issue 14)", cmd, script_quote(o->name, b), s->be->name);
	return NULL;
}

void script_mm_enter(struct gm_script *s, struct mm_struct *mm, bool write)
{
	if (s->be->mm_enter)
		s->be->mm_enter(s->be_ctx, mm, write);
}

void script_mm_leave(struct gm_script *s, struct mm_struct *mm, bool write)
{
	if (s->be->mm_leave)
		s->be->mm_leave(s->be_ctx, mm, write);
}

void script_remove_obj(struct gm_script *s, struct obj *o)
{
	unsigned i = (unsigned)(o - s->objs);

	memmove(&s->objs[i], &s->objs[i + 1], (s->nobjs - i - 1) * sizeof(*o));
	s->nobjs--;
}

/*
 * Every word the language gives a meaning in an argument, sorted for
 * bsearch: an object name is read wherever a number may stand (its ASCE)
 * and beside these words (`dump full`, `tlb flush_mm NAME`, `expect rc`),
 * so a name equal to one would be read one way here and the other there.
 * tests/test-script.c checks that every bare word in lib/script/ is here
 * or is a command.  Keep docs/gmapsim.md's list in step.
 */
static const char *const reserved[] = {
	"abs", "all", "ar", "asc", "asce", "cc", "check", "checking", "count", "cpus", "cspg", "dat",
	"dot", "edat", "edat1", "edat2", "empty", "entry", "exec", "fetch", "fixed", "flush_mm",
	"full", "gmap_addr", "home", "idte", "iep", "ifetch", "ilc", "invalid", "iptera", "json",
	"key", "lc", "len", "linked", "local", "mapped", "mb", "mc", "mr", "none", "nopurge", "nq",
	"of", "off", "ok", "on", "pgm", "pgste", "pgt", "prefix", "preload", "primary", "pte",
	"purge_all", "r1t", "r1te", "r2t", "r2te", "r3t", "r3te", "range", "rc", "read", "real",
	"secondary", "sgt", "stale", "state", "stats", "ste", "storage", "store", "teid", "text",
	"tlb", "value", "write",
};

static int cmp_word(const void *k, const void *e)
{
	return strcmp(k, *(const char *const *)e);
}

bool script_is_keyword(const char *t)
{
	return bsearch(t, reserved, sizeof(reserved) / sizeof(reserved[0]), sizeof(reserved[0]),
		       cmp_word) != NULL;
}

struct obj *script_add_obj(struct gm_script *s, const char *cmd, const char *name)
{
	char b[96];
	struct obj *o;

	if (!script_valid_name(name)) {
		script_err(s, "%s: bad name %s (a letter or _, then letters, digits, _; at most %d)", cmd,
		     script_quote(name, b), SCRIPT_MAX_NAME);
		return NULL;
	}
	if (script_find_obj(s, name)) {
		script_err(s, "%s: the name %s is already used", cmd, script_quote(name, b));
		return NULL;
	}
	if (script_is_keyword(name)) {
		script_err(s, "%s: %s is a reserved word of the language, not a name "
			      "(docs/gmapsim.md lists them)", cmd, script_quote(name, b));
		return NULL;
	}
	if (s->nobjs >= SCRIPT_MAX_OBJECTS) {
		script_err(s, "%s: too many objects (at most %d)", cmd, SCRIPT_MAX_OBJECTS);
		return NULL;
	}
	o = &s->objs[s->nobjs];
	memset(o, 0, sizeof(*o));
	memcpy(o->name, name, strlen(name) + 1);
	return o;
}

/* ---- the machine, trace, check ---------------------------------------- */

void script_trace_hook(void *opaque, const struct gm_event *ev)
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

void script_teardown(struct gm_script *s)
{
	/* shadows' references, gmaps (mm_destroy refuses while gmaps are attached), then mms */
	for (unsigned i = 0; i < s->nobjs; i++)
		if (s->objs[i].kind == OBJ_SHADOW)
			gmap_put(s->objs[i].gmap);
	for (unsigned i = 0; i < s->nobjs; i++)
		if (s->objs[i].kind == OBJ_GMAP)
			s->be->gmap_free(s->be_ctx, s->objs[i].bg);
	for (unsigned i = 0; i < s->nobjs; i++)
		if (s->objs[i].kind == OBJ_MM)
			s->be->mm_destroy(s->be_ctx, s->objs[i].mm);
	s->nobjs = 0;
	if (s->m)
		s->be->machine_destroy(s->be_ctx, s->m);
	s->m = NULL;
}

int script_run_check(struct gm_script *s, bool print_ok)
{
	struct check_report *rep = &s->rep;
	int n = check_machine(s->m, rep);

	if (n < 0) {
		script_err(s, "check: %s", strerror(-n));
		return -1;
	}
	if (n > 0) {
		fprintf(s->out, "check: %d violation(s)%s\n", n, rep->truncated ? " (more not kept)" : "");
		for (unsigned i = 0; i < rep->n; i++)
			fprintf(s->out, "  invariant %u (%s) at 0x%016" PRIx64 ": %s\n", rep->v[i].inv,
				check_inv_name(rep->v[i].inv), rep->v[i].where, rep->v[i].msg);
	}
	/* the backend's own structures (a kernel's radix trees, say) */
	if (s->be->check)
		n += s->be->check(s->be_ctx, s->out);
	if (n == 0 && print_ok)
		fputs("check: ok\n", s->out);
	return n;
}

/* ---- shared by several families ---------------------------------------- */

const char *const script_level_words[5] = { "pte", "ste", "r3te", "r2te", "r1te" };

int script_get_level(struct gm_script *s, const char *cmd, const char *t, enum dat_level *l)
{
	char b[96];

	for (unsigned i = 0; i < 5; i++)
		if (!strcmp(t, script_level_words[i])) {
			*l = (enum dat_level)i;
			return 0;
		}
	script_err(s, "%s: bad level %s (r1te, r2te, r3te, ste, pte)", cmd, script_quote(t, b));
	return -1;
}

/* What expect sees of a translation-type outcome: PIC and TEID. */
void script_remember_pgm(struct gm_script *s, int rc, const struct dat_result *r)
{
	s->last.has_trans = true;
	s->last.pic = rc;
	s->last.teid_valid = rc > 0 && r->teid_valid;
	s->last.teid = r->teid;
}

void script_set_trans(struct gm_script *s, int pic, const struct dat_result *r)
{
	script_remember_pgm(s, pic, r);
	if (pic == 0) {
		s->last.has_addr = true;
		s->last.raddr = r->raddr;
		s->last.aaddr = r->aaddr;
	}
}

void script_print_pgm(struct gm_script *s, int pic, const struct dat_result *r)
{
	fprintf(s->out, "pgm 0x%04x teid ", (unsigned)pic);
	if (r->teid_valid)
		fprintf(s->out, "0x%016" PRIx64, r->teid);
	else
		fputs("none", s->out);
}

int script_get_xopts(struct gm_script *s, const char *cmd, struct args *a, unsigned from,
		     struct xopts *x, bool allow_ilc)
{
	char b[96];

	for (unsigned i = from; i < a->n; i++) {
		const char *v;
		uint64_t n;

		if ((v = script_kv(a->t[i], "len"))) {
			if (script_get_len(s, cmd, v, &x->len))
				return -1;
		} else if ((v = script_kv(a->t[i], "value"))) {
			if (script_get_num(s, cmd, v, &x->value))
				return -1;
			x->have_value = true;
		} else if (allow_ilc && (v = script_kv(a->t[i], "ilc"))) {
			if (script_get_num(s, cmd, v, &n))
				return -1;
			if (n != 2 && n != 4 && n != 6) {
				script_err(s, "%s: ilc must be 2, 4 or 6", cmd);
				return -1;
			}
			x->ilc = (unsigned)n;
		} else {
			script_err(s, "%s: unknown option %s", cmd, script_quote(a->t[i], b));
			return -1;
		}
	}
	if (x->have_value && !script_fits(x->value, x->len)) {
		script_err(s, "%s: value 0x%" PRIx64 " does not fit in %u byte(s)", cmd, x->value, x->len);
		return -1;
	}
	return 0;
}

/*
 * The data part of a completed access line: "<- value" for a store, else
 * "-> value" (remembered for expect).
 */
void script_print_data(struct gm_script *s, bool store, const struct xopts *x, const uint8_t *buf)
{
	if (store) {
		fprintf(s->out, "<- 0x%0*" PRIx64 "\n", (int)(2 * x->len), x->value);
	} else {
		uint64_t v = script_from_be(buf, x->len);

		fprintf(s->out, "-> 0x%0*" PRIx64 "\n", (int)(2 * x->len), v);
		s->last.has_value = true;
		s->last.value = v;
		s->last.value_len = x->len;
	}
}

/*
 * The command table: one line per family (lib/script/families.h), each
 * family's NULL-terminated script_cmds_<family>[] in its own file.
 */
#define SCRIPT_FAMILY(f) script_cmds_##f,
static const struct script_cmd *const families[] = {
#include "families.h"
};
#undef SCRIPT_FAMILY

/* The first command called @name in family order (families.h). */
static const struct script_cmd *find_cmd_linear(const char *name)
{
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		for (const struct script_cmd *c = families[i]; c->name; c++)
			if (!strcmp(c->name, name))
				return c;
	return NULL;
}

/* Sort by word; a word in two families keeps its family order (the
 * table pointers rise in that order only within a family, so compare
 * the position recorded by the build). */
struct cmd_pos {
	const struct script_cmd *c;
	unsigned pos;
};

static int cmp_cmd_pos(const void *a, const void *b)
{
	const struct cmd_pos *x = a, *y = b;
	int r = strcmp(x->c->name, y->c->name);

	return r ? r : (x->pos > y->pos) - (x->pos < y->pos);
}

/* s->cmds: every command once, sorted by word, the first of a word kept. */
static void build_cmd_index(struct gm_script *s)
{
	struct cmd_pos tmp[SCRIPT_MAX_COMMANDS];
	unsigned n = 0, out = 0;

	s->ncmds = 0;
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		for (const struct script_cmd *c = families[i]; c->name; c++) {
			if (n == SCRIPT_MAX_COMMANDS)
				return; /* too many: find_cmd() searches linearly */
			tmp[n] = (struct cmd_pos){ c, n };
			n++;
		}
	qsort(tmp, n, sizeof(tmp[0]), cmp_cmd_pos);
	for (unsigned i = 0; i < n; i++)
		if (out == 0 || strcmp(s->cmds[out - 1]->name, tmp[i].c->name))
			s->cmds[out++] = tmp[i].c;
	s->ncmds = out;
}

static const struct script_cmd *find_cmd(const struct gm_script *s, const char *name)
{
	unsigned lo = 0, hi = s->ncmds;

	if (!s->ncmds)
		return find_cmd_linear(name);
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		int r = strcmp(name, s->cmds[mid]->name);

		if (r == 0)
			return s->cmds[mid];
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

enum script_status script_run_line(struct gm_script *s, const char *name, unsigned lineno,
				   const char *line, size_t len)
{
	char buf[SCRIPT_MAX_LINE + 1];
	const struct script_cmd *cmd;
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
		return script_err(s, "no line");
	if (n > 0 && line[n - 1] == '\r')
		n--;
	if (n > SCRIPT_MAX_LINE)
		return script_err(s, "line too long (%zu bytes; the limit is %u)", n, SCRIPT_MAX_LINE);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)line[i];

		if (ch == 0)
			return script_err(s, "NUL byte at column %zu: this is not a text file", i + 1);
		if ((ch < 0x20 && ch != '\t') || ch == 0x7f)
			return script_err(s, "control byte 0x%02x at column %zu: this is not a text file", ch,
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
			return script_err(s, "too many words on the line (at most %d)", SCRIPT_MAX_TOKENS);
		a.t[a.n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = 0;
	}
	if (a.n == 0)
		return SCRIPT_OK;
	cmd = find_cmd(s, a.t[0]);
	/* expect reads what the command before it left; some commands keep it */
	if (!cmd || !(cmd->flags & SCRIPT_CMD_KEEPS_LAST))
		memset(&s->last, 0, sizeof(s->last));
	if (!cmd) {
		char b[96];

		script_err(s, "unknown command %s (docs/gmapsim.md lists the commands)",
			   script_quote(a.t[0], b));
		return SCRIPT_ERROR;
	}
	a.arg = cmd->arg;
	rc = cmd->run(s, &a);
	if (rc < 0)
		return SCRIPT_ERROR;
	if (rc > 0)
		return SCRIPT_FAILED;
	if ((s->flags & SCRIPT_CHECK) && s->m) {
		int v = script_run_check(s, false);

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

enum script_status script_run_path(struct gm_script *s, const char *path)
{
	enum script_status st;
	FILE *f;

	if (!s || !path)
		return SCRIPT_ERROR;
	if (!strcmp(path, "-"))
		return script_run_stream(s, stdin, "-");
	f = fopen(path, "r");
	if (!f) {
		fprintf(s->err, "%s: %s\n", path, strerror(errno));
		return SCRIPT_ERROR;
	}
	st = script_run_stream(s, f, path);
	fclose(f);
	return st;
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
			return script_err(s, "too many lines");
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

/* Bytes script_run_stream() reads at once: many lines per fread(). */
#define SCRIPT_READ_CHUNK 32768u

enum script_status script_run_stream(struct gm_script *s, FILE *in, const char *name)
{
	/* a window [pos, end) of what was read; a line never wraps around */
	char buf[SCRIPT_READ_CHUNK];
	size_t pos = 0, end = 0;
	unsigned lineno = 0;
	bool eof = false;

	_Static_assert(SCRIPT_READ_CHUNK > SCRIPT_MAX_LINE + 2, "a whole line fits the buffer");
	if (!s || !in)
		return SCRIPT_ERROR;
	for (;;) {
		char *nl = memchr(buf + pos, '\n', end - pos);
		size_t n = nl ? (size_t)(nl - (buf + pos)) : end - pos;

		/* longer than a line may be (+1 for a CR), newline or not */
		if (n >= SCRIPT_MAX_LINE + 2) {
			s->name = name;
			s->lineno = lineno == UINT32_MAX ? lineno : lineno + 1;
			return script_err(s, "line too long (more than %u bytes)", SCRIPT_MAX_LINE);
		}
		if (!nl && !eof) {
			size_t got;

			memmove(buf, buf + pos, end - pos);
			end -= pos;
			pos = 0;
			errno = 0;
			got = fread(buf + end, 1, sizeof(buf) - end, in);
			end += got;
			if (got == 0) {
				if (ferror(in)) {
					int e = errno;

					s->name = name;
					s->lineno = lineno + 1;
					if (e)
						return script_err(s, "read error: %s", strerror(e));
					return script_err(s, "read error");
				}
				eof = true;
			}
			continue;
		}
		if (!nl && n == 0)
			break; /* the end, after a newline or of an empty input */
		if (lineno == UINT32_MAX) {
			s->name = name;
			return script_err(s, "too many lines");
		}
		lineno++;
		if (script_run_line(s, name, lineno, buf + pos, n) == SCRIPT_ERROR)
			return SCRIPT_ERROR;
		pos += n + (nl ? 1 : 0);
		if (s->stopped || !nl)
			break;
	}
	return s->failed ? SCRIPT_FAILED : SCRIPT_OK;
}

int script_create(FILE *out, FILE *err, unsigned flags, struct gm_script **ret)
{
	return script_create_backend(out, err, flags, NULL, NULL, ret);
}

int script_create_backend(FILE *out, FILE *err, unsigned flags, const struct script_backend *be,
			  void *ctx, struct gm_script **ret)
{
	struct gm_script *s;

	if (!out || !err || !ret || (flags & ~(SCRIPT_TRACE | SCRIPT_CHECK)))
		return -EINVAL;
	if (be && (!be->name || !be->machine_create || !be->machine_destroy || !be->mm_create ||
		   !be->mm_destroy || !be->gmap_create || !be->gmap_native ||
		   !be->gmap_free || !be->gmap_enable || !be->map_segment || !be->unmap_segment ||
		   !be->fault || !be->sie_access || !be->ste_state))
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
	s->be = be ? be : &script_backend_libgmap;
	s->be_ctx = ctx;
	s->flags = flags;
	s->trace = flags & SCRIPT_TRACE;
	build_cmd_index(s);
	*ret = s;
	return 0;
}

void script_destroy(struct gm_script *s)
{
	if (!s)
		return;
	script_teardown(s);
	check_report_free(&s->rep);
	free(s->objs);
	free(s);
}
