/* SPDX-License-Identifier: MIT */
/*
 * Structure checks for dump output, shared by test-dump.c and
 * test-script.c: a strict JSON validator (RFC 8259: no trailing comma, no
 * bare words, strings with valid escapes only) and a Graphviz run of every
 * DOT text that fails on any warning.  Without `dot` the DOT check is a
 * no-op locally but fails when CI=true, so CI cannot pass it silently.
 */
#ifndef GMAP_TEST_DUMPCHECK_H
#define GMAP_TEST_DUMPCHECK_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct jp {
	const char *p;
	unsigned depth;
};

static void jp_ws(struct jp *j)
{
	while (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')
		j->p++;
}

static bool jp_value(struct jp *j);

static bool jp_string(struct jp *j)
{
	if (*j->p != '"')
		return false;
	j->p++;
	for (;;) {
		unsigned char ch = (unsigned char)*j->p;

		if (ch == '"') {
			j->p++;
			return true;
		}
		if (ch < 0x20)
			return false; /* also the end of the text */
		if (ch == '\\') {
			j->p++;
			if (*j->p == 'u') {
				for (int i = 1; i <= 4; i++) {
					char h = j->p[i];

					if (!((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') ||
					      (h >= 'A' && h <= 'F')))
						return false;
				}
				j->p += 4;
			} else if (!*j->p || !strchr("\"\\/bfnrt", *j->p)) {
				return false;
			}
		}
		j->p++;
	}
}

static bool jp_number(struct jp *j)
{
	const char *p = j->p;

	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return false;
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	j->p = p;
	return true;
}

/* '{' or '[' already seen: members until the closing bracket, no trailing comma. */
static bool jp_composite(struct jp *j, char close)
{
	if (++j->depth > 512)
		return false;
	j->p++;
	jp_ws(j);
	if (*j->p == close) {
		j->p++;
		j->depth--;
		return true;
	}
	for (;;) {
		jp_ws(j);
		if (close == '}') {
			if (!jp_string(j))
				return false;
			jp_ws(j);
			if (*j->p++ != ':')
				return false;
		}
		if (!jp_value(j))
			return false;
		jp_ws(j);
		if (*j->p == ',') {
			j->p++;
			continue;
		}
		if (*j->p != close)
			return false;
		j->p++;
		j->depth--;
		return true;
	}
}

static bool jp_value(struct jp *j)
{
	jp_ws(j);
	switch (*j->p) {
	case '{': return jp_composite(j, '}');
	case '[': return jp_composite(j, ']');
	case '"': return jp_string(j);
	case 't': return !strncmp(j->p, "true", 4) ? (j->p += 4, true) : false;
	case 'f': return !strncmp(j->p, "false", 5) ? (j->p += 5, true) : false;
	case 'n': return !strncmp(j->p, "null", 4) ? (j->p += 4, true) : false;
	default: return jp_number(j);
	}
}

/* NULL if @t is one JSON value (with white space around), else where it breaks. */
static const char *json_error_at(const char *t)
{
	struct jp j = { t, 0 };

	if (!jp_value(&j))
		return j.p;
	jp_ws(&j);
	return *j.p ? j.p : NULL;
}

#define assert_json_valid(t)                                                                   \
	do {                                                                                   \
		const char *t_ = (t), *at_ = json_error_at(t_);                                \
		if (at_)                                                                       \
			fail_msg("invalid JSON at byte %zu: ...%.60s", (size_t)(at_ - t_), at_); \
	} while (0)

/*
 * Render @t with Graphviz (`dot -Tsvg`: ports are resolved only when the
 * edges are laid out) and fail on a non-zero status or anything on stderr.
 */
static void assert_dot_renders(const char *t)
{
	char in[] = "/tmp/gmap-dot-XXXXXX";
	char cmd[256], err[4096];
	const char *ci = getenv("CI");
	FILE *f;
	size_t n;
	int fd, rc;

	if (system("command -v dot >/dev/null 2>&1") != 0) {
		if (ci && !strcmp(ci, "true"))
			fail_msg("CI=true but Graphviz `dot` is not installed (scripts/bootstrap "
				 "installs it): the DOT outputs cannot be checked");
		return;
	}
	fd = mkstemp(in);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	assert_true(fputs(t, f) >= 0);
	assert_int_equal(fclose(f), 0);
	snprintf(cmd, sizeof(cmd), "dot -Tsvg -o /dev/null %s 2>&1", in);
	f = popen(cmd, "r");
	assert_non_null(f);
	n = fread(err, 1, sizeof(err) - 1, f);
	err[n] = 0;
	rc = pclose(f);
	unlink(in);
	if (rc != 0 || n != 0)
		fail_msg("dot (status %d) says:\n%s", rc, err);
}

#endif
