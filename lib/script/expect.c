/* SPDX-License-Identifier: MIT */
/*
 * gmapsim commands, expect and the script controls: expect, say, step, trace.
 * Only parses words and calls public module functions (include/gmap/); the
 * registration is the table at the end (lib/script/core.c says how).
 */
#include "script-internal.h"

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
	if (t[0] == '-' && script_parse_u64(t + 1, &v) == 0 && v <= 4095) {
		*rc = -(long)v;
		return 0;
	}
	if (script_parse_u64(t, &v) == 0 && v <= 4095) {
		*rc = (long)v;
		return 0;
	}
	script_err(s, "expect rc: bad value %s (0, -EINVAL, -EFAULT, -ENOMEM, -EBUSY, ...)", script_quote(t, b));
	return -1;
}

static const char U_EXPECT[] =
	"expect value V | pgm CODE|none | teid V|none | real V | abs V | rc ERR | "
	"state GMAP GADDR empty|mapped|linked | entry NAME|ASCE VADDR LEVEL V | "
	"check ok|N | stale N | gmap_addr V | cc N | key AADDR V";

/* Return 0 held, 1 failed, -1 script error. */
static int cmd_expect(struct gm_script *s, struct args *a)
{
	const char *what = a->n >= 2 ? a->t[1] : "";
	const struct last_result *l = &s->last;
	uint64_t v;

	if (a->n < 3)
		return script_usage(s, "expect", U_EXPECT);
	if (!strcmp(what, "value")) {
		if (a->n != 3 || script_get_num(s, "expect", a->t[2], &v))
			return a->n != 3 ? script_usage(s, "expect", U_EXPECT) : -1;
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

		if (a->n != 3 || (!none && script_get_num(s, "expect", a->t[2], &v)))
			return a->n != 3 ? script_usage(s, "expect", U_EXPECT) : -1;
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

		if (a->n != 3 || (!none && script_get_num(s, "expect", a->t[2], &v)))
			return a->n != 3 ? script_usage(s, "expect", U_EXPECT) : -1;
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

		if (a->n != 3 || script_get_num(s, "expect", a->t[2], &v))
			return a->n != 3 ? script_usage(s, "expect", U_EXPECT) : -1;
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
			return script_usage(s, "expect", U_EXPECT);
		if (get_rc_word(s, a->t[2], &rc))
			return -1;
		if (!l->has_rc)
			return expect_fail(s, "expected rc %s, got nothing: the command before "
					      "returned no code",
					   a->t[2]);
		if (l->rc != rc) {
			if (script_errno_name(l->rc))
				return expect_fail(s, "expected rc %s, got %s", a->t[2],
						   script_errno_name(l->rc));
			return expect_fail(s, "expected rc %s, got %ld", a->t[2], l->rc);
		}
		return 0;
	}
	if (!strcmp(what, "cc")) {
		if (a->n != 3 || script_get_num(s, "expect", a->t[2], &v))
			return a->n != 3 ? script_usage(s, "expect", U_EXPECT) : -1;
		if (!l->has_cc)
			return expect_fail(s, "expected cc %s, got nothing: the command before set "
					      "no condition code",
					   a->t[2]);
		if ((uint64_t)l->cc != v)
			return expect_fail(s, "expected cc %" PRIu64 ", got cc %d", v, l->cc);
		return 0;
	}
	if (!strcmp(what, "key")) {
		uint64_t aaddr;
		uint8_t k;

		if (a->n != 4)
			return script_usage(s, "expect", U_EXPECT);
		if (script_need_machine(s, "expect") || script_get_num(s, "expect", a->t[2], &aaddr) ||
		    script_get_num(s, "expect", a->t[3], &v))
			return -1;
		if (skey_iske(machine_skey(s->m), aaddr, &k)) {
			script_err(s, "expect key: absolute 0x%" PRIx64 " is outside storage", aaddr);
			return -1;
		}
		if (k != v)
			return expect_fail(s, "expected key 0x%02" PRIx64 " at 0x%" PRIx64 ", got 0x%02x",
					   v, aaddr, (unsigned)k);
		return 0;
	}
	if (!strcmp(what, "state")) {
		static const char *const st[] = { "empty", "mapped", "linked", "invalid" };
		struct obj *o;
		uint64_t ga, e = GMAP_STE_EMPTY;
		int want = -1, rc, got;

		if (a->n != 5)
			return script_usage(s, "expect", U_EXPECT);
		if (script_need_machine(s, "expect") || !(o = script_get_obj(s, "expect", a->t[2], OBJ_GMAP)) ||
		    script_get_num(s, "expect", a->t[3], &ga))
			return -1;
		for (int i = 0; i < 3; i++)
			if (!strcmp(a->t[4], st[i]))
				want = i;
		if (want < 0)
			return script_usage(s, "expect", U_EXPECT);
		rc = dump_lookup_entry(machine_storage(s->m), o->asce, ga, DAT_LEVEL_STE, NULL, &e);
		/* no segment table yet: the guest segment is empty */
		got = !o->gmap ? script_gmap_ste_state(s, o, ga)
		      : rc    ? GMAP_STE_STATE_EMPTY
			      : (int)gmap_ste_state(e);
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
			return script_usage(s, "expect", U_EXPECT);
		if (script_need_machine(s, "expect") || script_get_num(s, "expect", a->t[2], &asce) ||
		    script_get_num(s, "expect", a->t[3], &va) || script_get_level(s, "expect", a->t[4], &lvl) ||
		    script_get_num(s, "expect", a->t[5], &v))
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
			return script_usage(s, "expect", U_EXPECT);
		if (!strcmp(a->t[2], "ok"))
			v = 0;
		else if (script_get_num(s, "expect", a->t[2], &v))
			return -1;
		if (script_need_machine(s, "expect"))
			return -1;
		n = check_machine(s->m, &rep);
		if (n < 0) {
			check_report_free(&rep);
			script_err(s, "expect check: %s", strerror(-n));
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

		if (a->n != 3 || script_get_num(s, "expect", a->t[2], &v))
			return a->n != 3 ? script_usage(s, "expect", U_EXPECT) : -1;
		if (script_need_machine(s, "expect"))
			return -1;
		n = tlb_stale_count(s->m);
		if (n != v)
			return expect_fail(s, "expected %" PRIu64 " stale tlb hit(s), got %" PRIu64, v, n);
		return 0;
	}
	if (!strcmp(what, "gmap_addr")) {
		uint64_t g;

		if (a->n != 3 || script_get_num(s, "expect", a->t[2], &v))
			return a->n != 3 ? script_usage(s, "expect", U_EXPECT) : -1;
		if (script_need_machine(s, "expect"))
			return -1;
		g = cpu_gmap_addr(machine_current_cpu(s->m));
		if (g != v)
			return expect_fail(s, "expected gmap_addr 0x%016" PRIx64 ", got 0x%016" PRIx64, v,
					   g);
		return 0;
	}
	return script_usage(s, "expect", U_EXPECT);
}

/* ---- say, step, trace ------------------------------------------------------ */

static int cmd_text(struct gm_script *s, struct args *a)
{
	bool step = a->arg;
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
		return script_usage(s, "trace", "trace on|off");
	s->trace = !strcmp(a->t[1], "on");
	return 0;
}

/* Commands that leave the last result alone (so expect can follow them). */

const struct script_cmd script_cmds_control[] = {
	{ "expect", cmd_expect, 0, SCRIPT_CMD_KEEPS_LAST },
	{ "say", cmd_text, 0, SCRIPT_CMD_KEEPS_LAST },
	{ "step", cmd_text, 1, SCRIPT_CMD_KEEPS_LAST },
	{ "trace", cmd_trace, 0, SCRIPT_CMD_KEEPS_LAST },
	{ NULL, NULL, 0, 0 },
};
