/* SPDX-License-Identifier: MIT */
/*
 * What the gmapsim interpreter's files share (lib/script/, docs/gmapsim.md):
 * the interpreter state, a command's words, the command table entry and the
 * parsing and printing helpers every command family uses.  Not installed.
 *
 * Layer: script is the top of lib/ (docs/layers.txt).  It may call every
 * public module header; nothing in lib/ outside lib/script/ includes this.
 */
#ifndef GMAP_SCRIPT_INTERNAL_H
#define GMAP_SCRIPT_INTERNAL_H

#include "export.h"
#include "gmap/check.h"
#include "gmap/script.h"

#if defined(__GNUC__)
#pragma GCC visibility push(default) /* script_create_backend() is exported */
#endif
#include "embed.h"
#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SCRIPT_MAX_TOKENS 32
#define SCRIPT_MAX_NAME 31
#define SCRIPT_MAX_OBJECTS 256
#define SCRIPT_MAX_COMMANDS 256

enum obj_kind { OBJ_MM = 1, OBJ_GMAP = 2, OBJ_SHADOW = 3 /* cmd-nested.c: a shadow gmap, one reference */ };

struct obj {
	char name[SCRIPT_MAX_NAME + 1];
	enum obj_kind kind;
	struct mm_struct *mm; /* an mm; for a gmap the mm it is on */
	/* libgmap's gmap (a shadow, or a gmap of the libgmap backend); NULL
	 * for a gmap of another backend (embed.h) */
	struct gmap *gmap;
	void *bg;      /* OBJ_GMAP: the backend's handle (== gmap for libgmap's) */
	uint64_t asce; /* OBJ_GMAP: its ASCE */
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
	bool has_cc;     /* a condition code (sske, rrbe) */
	int cc;
};

struct gm_script {
	FILE *out, *err;
	unsigned flags;
	bool trace;
	struct gm_machine *m;
	/* who runs the gmap family (embed.h); script_backend_libgmap by default */
	const struct script_backend *be;
	void *be_ctx;
	struct obj *objs;
	unsigned nobjs;
	unsigned step;
	bool failed;
	bool stopped;
	struct last_result last;
	/* the line being run, for messages */
	const char *name;
	unsigned lineno;
	/* the command table sorted by word, for a binary search per line
	 * (built by script_create(); ncmds 0 if it did not fit: linear) */
	const struct script_cmd *cmds[SCRIPT_MAX_COMMANDS];
	unsigned ncmds;
	/* script_run_check()'s report, kept across checks: --check runs one
	 * after every command, and a fresh 13 KB array each time showed */
	struct check_report rep;
};

struct args {
	unsigned n;
	char *t[SCRIPT_MAX_TOKENS];
	const char *rest; /* raw text after the command word (say/step) */
	int arg;          /* the table entry's arg (store4 -> 4, step -> 1, ...) */
};

/* One command: its word, the function and a constant handed to it in a->arg. */
struct script_cmd {
	const char *name;
	int (*run)(struct gm_script *s, struct args *a);
	int arg;
	unsigned flags;
};
/* The command leaves the last result alone (so `expect` can follow it). */
#define SCRIPT_CMD_KEEPS_LAST 1u

/*
 * A command returns 0 (done), 1 (a failed expectation: the script goes on)
 * or -1 (a script error, already reported with script_err()).  It checks
 * all its words before it changes anything.
 */

/* Each family's table, ending in { NULL }: see families.h. */
#define SCRIPT_FAMILY(f) extern const struct script_cmd script_cmds_##f[];
#include "families.h"
#undef SCRIPT_FAMILY

/* libgmap's own gmap as a backend (backend.c) */
extern const struct script_backend script_backend_libgmap;

/* ---- messages (core.c) ---- */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
enum script_status script_err(struct gm_script *s, const char *fmt, ...);
/* @t quoted for a message, shortened to fit @buf. */
const char *script_quote(const char *t, char buf[96]);
const char *script_errno_name(long rc);
/* Print "rc=..." for a library result and remember it for `expect rc`. */
void script_print_rc(struct gm_script *s, long rc);
int script_usage(struct gm_script *s, const char *cmd, const char *u);

/* ---- words and numbers (core.c) ---- */
int script_parse_u64(const char *t, uint64_t *out);
int script_get_num(struct gm_script *s, const char *what, const char *t, uint64_t *v);
/* The value of "key=value" in @t, or NULL. */
const char *script_kv(const char *t, const char *key);
bool script_valid_name(const char *t);
/* A word the language reserves (`full`, `all`, `json`, ...): never an object name. */
bool script_is_keyword(const char *t);
int script_get_access(struct gm_script *s, const char *cmd, const char *t, enum dat_access *acc);
const char *script_access_name(enum dat_access acc);
int script_get_len(struct gm_script *s, const char *cmd, const char *t, unsigned *len);
bool script_fits(uint64_t v, unsigned len);
void script_to_be(uint64_t v, unsigned len, uint8_t *buf);
uint64_t script_from_be(const uint8_t *buf, unsigned len);

/* ---- the object table and the machine (core.c) ---- */
struct obj *script_find_obj(struct gm_script *s, const char *name);
struct obj *script_get_obj(struct gm_script *s, const char *cmd, const char *t, enum obj_kind k);
struct obj *script_add_obj(struct gm_script *s, const char *cmd, const char *name);
void script_remove_obj(struct gm_script *s, struct obj *o);
/* The ASCE a name stands for. */
uint64_t script_obj_asce(const struct obj *o);
/* The state of the guest segment of @gaddr in gmap @o (GMAP_STE_STATE_*). */
int script_gmap_ste_state(struct gm_script *s, const struct obj *o, uint64_t gaddr);
/* A libgmap gmap for the nested family: NULL (a script error naming issue
 * 14 reported) when @o is a gmap of another backend. */
struct gmap *script_native_gmap(struct gm_script *s, const char *cmd, const struct obj *o);
/* Around a process call: the backend's mm_enter/mm_leave. */
void script_mm_enter(struct gm_script *s, struct mm_struct *mm, bool write);
void script_mm_leave(struct gm_script *s, struct mm_struct *mm, bool write);
const char *script_obj_name_mm(void *opaque, const struct mm_struct *mm);
const char *script_obj_name_gmap(void *opaque, const struct gmap *g);
int script_need_machine(struct gm_script *s, const char *cmd);
void script_trace_hook(void *opaque, const struct gm_event *ev);
/* Free every object and the machine. */
void script_teardown(struct gm_script *s);
/* check_machine() with the violations printed; <0 error, else their number. */
int script_run_check(struct gm_script *s, bool print_ok);

/* ---- shared by several families (core.c) ---- */
/* The level words of `walk` and `expect`, indexed by enum dat_level. */
extern const char *const script_level_words[5];
int script_get_level(struct gm_script *s, const char *cmd, const char *t, enum dat_level *l);
/* What expect sees of a translation-type outcome: PIC and TEID. */
void script_remember_pgm(struct gm_script *s, int rc, const struct dat_result *r);
/* Also the real and absolute address of a successful translation. */
void script_set_trans(struct gm_script *s, int pic, const struct dat_result *r);
void script_print_pgm(struct gm_script *s, int pic, const struct dat_result *r);
/* Options len=N value=V ilc=N shared by access/read/write/guest. */
struct xopts {
	unsigned len;
	uint64_t value;
	bool have_value;
	unsigned ilc;
};
int script_get_xopts(struct gm_script *s, const char *cmd, struct args *a, unsigned from,
		     struct xopts *x, bool allow_ilc);
void script_print_data(struct gm_script *s, bool store, const struct xopts *x, const uint8_t *buf);
/*
 * The words of a guest-type access from a->t[@at]: "read ADDR [len=N]" or
 * "write ADDR VALUE [len=N]" (guest, vsie); with @o, the shadow named by
 * a->t[@at - 1] too.  Needs the machine.  Fills @write, @addr and @x (len
 * 8 by default); 0, or -1 with the usage @u or the error reported.
 * Inline: guest is the interpreter's hottest command (bench-script).
 */
static inline int script_get_rw_access(struct gm_script *s, const char *cmd, const char *u,
				       struct args *a, unsigned at, struct obj **o, bool *write,
				       uint64_t *addr, struct xopts *x)
{
	x->len = 8;
	x->value = 0;
	x->have_value = false;
	x->ilc = 4;
	if (a->n < at + 2 || (strcmp(a->t[at], "read") && strcmp(a->t[at], "write")))
		return script_usage(s, cmd, u);
	*write = !strcmp(a->t[at], "write");
	if (script_need_machine(s, cmd) ||
	    (o && !(*o = script_get_obj(s, cmd, a->t[at - 1], OBJ_SHADOW))) ||
	    script_get_num(s, cmd, a->t[at + 1], addr))
		return -1;
	if (*write) {
		if (a->n < at + 3)
			return script_usage(s, cmd, u);
		if (script_get_num(s, cmd, a->t[at + 2], &x->value))
			return -1;
		x->have_value = true;
	}
	if (script_get_xopts(s, cmd, a, at + (*write ? 3 : 2), x, false))
		return -1;
	if (!*write && x->have_value) {
		script_err(s, "%s read: takes no value", cmd);
		return -1;
	}
	return 0;
}

/* Print the outcome of such an access after "... len N ": data, "-> pgm"
 * (after @pgm_prefix) or "-> -Exxx", and remember it for expect. */
static inline void script_print_rw_result(struct gm_script *s, int rc, bool write,
					  const struct xopts *x, const uint8_t *buf,
					  const struct dat_result *r, const char *pgm_prefix)
{
	if (rc < 0) {
		fputs("-> ", s->out);
		script_print_rc(s, rc);
		return;
	}
	if (rc > 0) {
		fprintf(s->out, "-> %s", pgm_prefix);
		script_print_pgm(s, rc, r);
		fputc('\n', s->out);
	} else {
		script_print_data(s, write, x, buf);
	}
	script_remember_pgm(s, rc, r);
	s->last.has_rc = true;
	s->last.rc = 0;
}

#endif
