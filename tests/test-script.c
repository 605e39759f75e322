/* SPDX-License-Identifier: MIT */
/*
 * The scenario interpreter: parser, errors, and the output of each command.
 * Expected lines are written from the architecture (dat-reference §6, §7,
 * §11) and docs/gmapsim.md, not copied from a run.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gmap-test.h"
#include "test-dumpcheck.h"
#include "gmap/libgmap.h"
#include "script/embed.h"

struct run {
	enum script_status st;
	char *out, *err;
	size_t outlen, errlen;
};

static struct run run_flags(const char *text, size_t len, unsigned flags)
{
	struct run r;
	FILE *out, *err;
	struct gm_script *s;

	memset(&r, 0, sizeof(r));
	out = open_memstream(&r.out, &r.outlen);
	err = open_memstream(&r.err, &r.errlen);
	assert_non_null(out);
	assert_non_null(err);
	assert_int_equal(script_create(out, err, flags, &s), 0);
	r.st = script_run_buffer(s, text, len, "t");
	script_destroy(s);
	fclose(out);
	fclose(err);
	return r;
}

static struct run run(const char *text)
{
	return run_flags(text, strlen(text), 0);
}

static void done(struct run *r)
{
	free(r->out);
	free(r->err);
}

#define assert_contains(hay, needle)                                                   \
	do {                                                                           \
		if (!strstr((hay), (needle)))                                          \
			fail_msg("expected to find \"%s\" in:\n%s", (needle), (hay));  \
	} while (0)

/* ---- parser and errors ----------------------------------------------- */

static void test_script_bad_number(void **state)
{
	struct run r = run("machine storage=12x\n");

	(void)state;
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "t:1: machine: bad number '12x'");
	done(&r);
	r = run("machine storage=0x\n");
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "bad number '0x'");
	done(&r);
	r = run("machine storage=-4K\n");
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "bad number '-4K'");
	done(&r);
}

static void test_script_number_overflow(void **state)
{
	struct run r = run("machine storage=1M\nstore8 0x10000000000000000 0\n");

	(void)state;
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "t:2: store8: number out of range '0x10000000000000000'");
	done(&r);
	r = run("machine storage=18446744073709551616\n");
	assert_contains(r.err, "number out of range");
	done(&r);
	/* 2^54 K overflows 64 bits */
	r = run("machine storage=0x40000000000000K\n");
	assert_contains(r.err, "number out of range");
	done(&r);
}

static void test_script_suffixes(void **state)
{
	struct run r = run("machine storage=64K\nmachine storage=1M\nmachine storage=0x2m\n");

	(void)state;
	assert_int_equal(r.st, SCRIPT_OK);
	assert_contains(r.out, "machine: storage 0x10000, 1 cpu(s)");
	assert_contains(r.out, "machine: storage 0x100000,");
	assert_contains(r.out, "machine: storage 0x200000,");
	done(&r);
}

static void test_script_unknown_command(void **state)
{
	struct run r = run("# comment\n\n   \nfrobnicate 1 2\nmachine storage=1M\n");

	(void)state;
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "t:4: unknown command 'frobnicate'");
	/* stopped at the error: the machine line did not run */
	assert_null(strstr(r.out, "machine:"));
	done(&r);
}

static void test_script_missing_args(void **state)
{
	struct run r = run("machine storage=1M\ntranslate 0x1000\n");

	(void)state;
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "t:2: translate: wrong arguments; usage: translate VADDR fetch|store|ifetch");
	done(&r);
	r = run("machine\n");
	assert_contains(r.err, "t:1: machine: wrong arguments; usage: machine storage=SIZE");
	done(&r);
	r = run("machine storage=1M\ntranslate 0 read\n");
	assert_contains(r.err, "translate: bad access 'read'");
	done(&r);
}

static void test_script_no_machine(void **state)
{
	struct run r = run("translate 0 fetch\n");

	(void)state;
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "t:1: translate: no machine yet");
	done(&r);
}

static void test_script_garbage_bytes(void **state)
{
	static const char bin[] = "\x01\x02\xff\xfe garbage";
	static const char nul[] = "mach\0ine storage=1M";
	struct run r = run_flags(bin, sizeof(bin) - 1, 0);

	(void)state;
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "t:1: control byte 0x01 at column 1");
	done(&r);
	r = run_flags(nul, sizeof(nul) - 1, 0);
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "t:1: NUL byte at column 5");
	done(&r);
	/* high bytes are not commands */
	r = run("\xc3\xa9t\xc3\xa9\n");
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "unknown command '\\xc3\\xa9t\\xc3\\xa9'");
	done(&r);
}

static void test_script_huge_line(void **state)
{
	size_t n = 10u << 20;
	char *big = malloc(n + 1);
	struct run r;
	FILE *in, *out, *err;
	struct gm_script *s;
	char *ob = NULL, *eb = NULL;
	size_t ol = 0, el = 0;

	(void)state;
	assert_non_null(big);
	memset(big, 'a', n);
	big[n] = '\n';
	r = run_flags(big, n + 1, 0);
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "t:1: line too long");
	done(&r);
	/* the stream reader stops reading at the limit */
	in = fmemopen(big, n + 1, "r");
	out = open_memstream(&ob, &ol);
	err = open_memstream(&eb, &el);
	assert_int_equal(script_create(out, err, 0, &s), 0);
	assert_int_equal(script_run_stream(s, in, "big"), SCRIPT_ERROR);
	script_destroy(s);
	fclose(in);
	fclose(out);
	fclose(err);
	assert_contains(eb, "big:1: line too long (more than 4096 bytes)");
	free(ob);
	free(eb);
	free(big);
}

static void test_script_too_many_words(void **state)
{
	struct run r = run("say a b c\nmachine storage=1M 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 "
			   "19 20 21 22 23 24 25 26 27 28 29 30 31 32\n");

	(void)state;
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.out, "a b c\n");
	assert_contains(r.err, "t:2: too many words");
	done(&r);
}

static void test_script_names(void **state)
{
	struct run r = run("machine storage=1M\nmm A\nmm A pgste\n");

	(void)state;
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "t:3: mm: the name 'A' is already used");
	done(&r);
	r = run("machine storage=1M\nmm 9x\n");
	assert_contains(r.err, "mm: bad name '9x'");
	done(&r);
	r = run("machine storage=1M\nmm A\ngmap_enable A\n");
	assert_contains(r.err, "gmap_enable: 'A' is an mm, not a gmap");
	done(&r);
	r = run("machine storage=1M\ngmap G on B\n");
	assert_contains(r.err, "gmap: no mm named 'B'");
	done(&r);
}

/* `dump all` over many objects: bounded as it fills, not after (issue 11). */
static void test_script_dump_many_trees_is_an_error(void **state)
{
	char text[4096];
	size_t o = 0;
	struct run r;

	(void)state;
	/* 100 mms: the third `all` would write trees 201..300 (the old array
	 * held 288: an ASan stack-buffer-overflow, a crash without ASan) */
	o += (size_t)snprintf(text + o, sizeof(text) - o, "machine storage=16M\n");
	for (unsigned i = 0; i < 100; i++)
		o += (size_t)snprintf(text + o, sizeof(text) - o, "mm M%u\n", i);
	snprintf(text + o, sizeof(text) - o, "dump all all all\n");
	r = run(text);
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "t:102: dump: too many trees (at most 256 in one dump)");
	assert_null(strstr(r.out, "  r3t 0x"));
	done(&r);
	/* two times 100 fit */
	snprintf(text + o, sizeof(text) - o, "dump all all\n");
	r = run(text);
	assert_int_equal(r.st, SCRIPT_OK);
	assert_contains(r.out, "mm M99: asce 0x00000000");
	assert_contains(r.out, "(region-third table, tl 3), 0 gmap(s)");
	done(&r);
}

/* Every dump the interpreter prints parses as JSON / renders with dot. */
static void test_script_dump_outputs_are_well_formed(void **state)
{
	static const char setup[] = "machine storage=16M\nmm A pgste\nmmap A 0x100000 3M rw fixed\n"
				    "gmap G on A\ngmap_map_segment G 0x100000 0 2M\n"
				    "store8 0x100000 1\nfault A 0x100000 write\n"
				    "fault A 0x200000 write\ngmap_fault G 0x1000\n";
	static const char *const dumps[] = { "dump json G",	 "dump json all",
					     "dump json full all", "dump dot G",
					     "dump dot all",	 "dump dot full all",
					     "dump json asce=0x7fff000", "dump dot asce=0x7fff000" };

	(void)state;
	for (size_t i = 0; i < sizeof(dumps) / sizeof(dumps[0]); i++) {
		char text[1024];
		struct run r;

		snprintf(text, sizeof(text), "%s%s\n", setup, dumps[i]);
		r = run(text);
		if (r.st != SCRIPT_OK)
			fail_msg("%s: %s", dumps[i], r.err);
		if (strstr(dumps[i], "json")) {
			assert_contains(r.out, "{\"roots\":[");
			assert_json_valid(strstr(r.out, "{\"roots\":["));
		} else {
			assert_contains(r.out, "digraph gmap {");
			assert_dot_renders(strstr(r.out, "digraph gmap {"));
		}
		done(&r);
	}
}

/* A read error names its cause (issue 11): a directory, a closed descriptor. */
static void test_script_read_error_says_why(void **state)
{
	struct gm_script *s;
	char *err = NULL;
	size_t errlen = 0;
	FILE *ef, *in;
	int p[2];

	(void)state;
	ef = open_memstream(&err, &errlen);
	assert_non_null(ef);
	assert_int_equal(script_create(ef, ef, 0, &s), 0);
	in = fopen(".", "r");
	assert_non_null(in);
	assert_int_equal(script_run_stream(s, in, "dir"), SCRIPT_ERROR);
	fclose(in);
	assert_int_equal(pipe(p), 0);
	in = fdopen(p[0], "r");
	assert_non_null(in);
	close(p[0]);
	close(p[1]);
	assert_int_equal(script_run_stream(s, in, "-"), SCRIPT_ERROR);
	fclose(in);
	script_destroy(s);
	fclose(ef);
	assert_contains(err, "dir:1: read error: Is a directory\n");
	assert_contains(err, "-:1: read error: Bad file descriptor\n");
	free(err);
}

/* script_run_path(): a file runs by its name; one that cannot be opened says why. */
static void test_script_run_path_runs_a_file_or_says_why_not(void **state)
{
	char dir[] = "/tmp/gmap-path-XXXXXX", file[64];
	struct gm_script *s;
	char *out = NULL, *err = NULL;
	size_t outlen = 0, errlen = 0;
	FILE *of, *ef, *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/t.gms", dir);
	f = fopen(file, "w");
	assert_non_null(f);
	fputs("machine storage=1M\nstore8 0x1000 0x1122\nload8 0x1000\n", f);
	fclose(f);
	of = open_memstream(&out, &outlen);
	ef = open_memstream(&err, &errlen);
	assert_non_null(of);
	assert_non_null(ef);
	assert_int_equal(script_create(of, ef, 0, &s), 0);
	assert_int_equal(script_run_path(s, file), SCRIPT_OK);
	assert_int_equal(script_run_path(s, "/nonexistent/x.gms"), SCRIPT_ERROR);
	assert_int_equal(script_run_path(s, NULL), SCRIPT_ERROR);
	assert_int_equal(script_run_path(NULL, file), SCRIPT_ERROR);
	script_destroy(s);
	fclose(of);
	fclose(ef);
	assert_contains(out, "load8 0x0000000000001000 -> 0x0000000000001122");
	assert_contains(err, "/nonexistent/x.gms: No such file or directory\n");
	free(out);
	free(err);
	assert_int_equal(unlink(file), 0);
	assert_int_equal(rmdir(dir), 0);
}

/* A line is read whole across the stream's reads, however it is cut. */
static void test_script_stream_lines(void **state)
{
	struct gm_script *s;
	char *out = NULL, *err = NULL, *text;
	size_t outlen = 0, errlen = 0, o = 0;
	FILE *of, *ef, *in;
	unsigned n = 0;

	(void)state;
	text = malloc(1 << 20);
	assert_non_null(text);
	o += (size_t)sprintf(text, "machine storage=1M\n");
	while (o < (1 << 20) - 200) {
		o += (size_t)sprintf(text + o, "say line %u%s\n", n, n % 7 ? "" : "\r");
		n++;
	}
	sprintf(text + o, "say last");
	of = open_memstream(&out, &outlen);
	ef = open_memstream(&err, &errlen);
	in = fmemopen(text, strlen(text), "r");
	assert_non_null(of);
	assert_non_null(ef);
	assert_non_null(in);
	assert_int_equal(script_create(of, ef, 0, &s), 0);
	assert_int_equal(script_run_stream(s, in, "big"), SCRIPT_OK);
	script_destroy(s);
	fclose(in);
	fclose(of);
	fclose(ef);
	assert_int_equal(errlen, 0);
	{
		char want[64];
		unsigned lines = 0;

		/* each say line in order, none cut or joined */
		for (const char *q = out; (q = strstr(q, "line ")); q++) {
			char w[32];

			snprintf(w, sizeof(w), "line %u\n", lines);
			assert_int_equal(strncmp(q, w, strlen(w)), 0);
			lines++;
		}
		assert_int_equal(lines, n);
		snprintf(want, sizeof(want), "line %u\n", n - 1);
		assert_contains(out, want);
		assert_contains(out, "last\n");
	}
	free(out);
	free(err);
	/* too long, also as the last line without a newline */
	memset(text, 'x', SCRIPT_MAX_LINE + 2);
	text[SCRIPT_MAX_LINE + 2] = 0;
	ef = open_memstream(&err, &errlen);
	in = fmemopen(text, strlen(text), "r");
	assert_int_equal(script_create(ef, ef, 0, &s), 0);
	assert_int_equal(script_run_stream(s, in, "long"), SCRIPT_ERROR);
	script_destroy(s);
	fclose(in);
	fclose(ef);
	assert_contains(err, "long:1: line too long (more than 4096 bytes)");
	free(err);
	free(text);
}

/* A file of the source tree, NUL-terminated, to be freed. */
static char *read_source(const char *rel)
{
	char path[512], *src;
	FILE *f;
	long sz;

	snprintf(path, sizeof(path), "%s/%s", GMAP_SOURCE_ROOT, rel);
	f = fopen(path, "r");
	if (!f)
		fail_msg("cannot open %s", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	sz = ftell(f);
	assert_true(sz >= 0);
	rewind(f);
	src = calloc(1, (size_t)sz + 1);
	assert_non_null(src);
	assert_int_equal(fread(src, 1, (size_t)sz, f), (size_t)sz);
	fclose(f);
	return src;
}

/*
 * Every word the language gives a meaning to is refused as a name (issue
 * 11: `mm full` made `dump full` ambiguous).  The words are taken from
 * the interpreter's sources, so a new keyword cannot be forgotten: each
 * bare lowercase string literal in lib/script/ (its .c files) is a command, a reserved
 * word, or one of the few listed here that only name things in messages (or
 * are a C library argument).
 */
static void test_script_keywords_are_reserved(void **state)
{
	/* "r": script_run_path()'s fopen mode */
	static const char *const not_words[] = { "control", "demo", "libgmap", "r", "seed", "word" };
	const char *dir = GMAP_SOURCE_ROOT "/lib/script";
	struct dirent *de;
	unsigned checked = 0;
	DIR *d;

	(void)state;
	char *dict = read_source("fuzz/script.dict");

	d = opendir(dir);
	assert_non_null(d);
	while ((de = readdir(d))) {
		char rel[300], *src;
		size_t len = strlen(de->d_name);

		if (len < 3 || strcmp(de->d_name + len - 2, ".c"))
			continue;
		snprintf(rel, sizeof(rel), "lib/script/%s", de->d_name);
		src = read_source(rel);
		for (char *p = src; (p = strchr(p, '"')); ) {
			char *e = p + 1, word[64], text[128];
			bool skip = false;
			struct run r;

			while ((*e >= 'a' && *e <= 'z') || (*e >= '0' && *e <= '9') || *e == '_')
				e++;
			if (*e != '"' || e == p + 1 || p[1] < 'a' || p[1] > 'z' || e - p > 60) {
				p = *e == '"' ? e : e;
				if (*p == '"')
					p++;
				continue;
			}
			memcpy(word, p + 1, (size_t)(e - p - 1));
			word[e - p - 1] = 0;
			p = e + 1;
			for (size_t i = 0; i < sizeof(not_words) / sizeof(not_words[0]); i++)
				skip |= !strcmp(word, not_words[i]);
			if (!skip) {
				/* the fuzzer's dictionary has every word of the language */
				char q[72];

				snprintf(q, sizeof(q), "\n\"%s\"\n", word);
				if (!strstr(dict, q))
					fail_msg("fuzz/script.dict lacks \"%s\" (a word of lib/script/%s)",
						 word, de->d_name);
			}
			/* a command word is never read as a name */
			snprintf(text, sizeof(text), "%s\n", word);
			r = run(text);
			skip |= !strstr(r.err, "unknown command");
			done(&r);
			if (skip)
				continue;
			snprintf(text, sizeof(text), "machine storage=1M\nmm %s\n", word);
			r = run(text);
			if (r.st != SCRIPT_ERROR || !strstr(r.err, "is a reserved word of the language"))
				fail_msg("%s: '%s' is accepted as a name (%s)", de->d_name, word, r.err);
			done(&r);
			snprintf(text, sizeof(text), "machine storage=1M\nmm A\ngmap %s on A\n", word);
			r = run(text);
			assert_int_equal(r.st, SCRIPT_ERROR);
			assert_contains(r.err, "is a reserved word of the language");
			done(&r);
			checked++;
		}
		free(src);
	}
	closedir(d);
	free(dict);
	assert_true(checked > 40);
	{
		struct run r = run("machine storage=1M\nmm full\n");

		assert_contains(r.err, "t:2: mm: 'full' is a reserved word of the language, not a name");
		done(&r);
		/* words that only look like keywords are names */
		r = run("machine storage=1M\nmm fulls\nmm Full\ndump full Full fulls\n");
		assert_int_equal(r.st, SCRIPT_OK);
		done(&r);
	}
}

/* ---- commands ----------------------------------------------------------- */

/* dat-reference §11.1 subset: ST at 0x40000, PT at 0x50000. */
#define TABLES                                                                          \
	"machine storage=16M\n"                                                        \
	"store8 0x40020 0x50000\n"                                                     \
	"store8 0x50028 0x123000\n"                                                    \
	"store8 0x50030 0x400\n"                                                       \
	"store8 0x50038 0x124800\n"                                                    \
	"cpu cr1=0x40003 dat=on\n"

static void test_script_translate_lines(void **state)
{
	struct run r = run(TABLES "translate 0x405678 fetch\n"
				  "translate 0x406abc store\n"
				  "translate 0x407000 ifetch\n"
				  "translate 0x80000000 fetch\n");

	(void)state;
	assert_int_equal(r.st, SCRIPT_OK);
	/* V2: 0x123000 | 0x678 */
	assert_contains(r.out, "translate 0x0000000000405678 fetch -> real 0x0000000000123678 "
			       "abs 0x0000000000123678\n");
	/* PT[6] invalid: 0x11, TEID page | 0x400 store | AS 0 */
	assert_contains(r.out, "translate 0x0000000000406abc store -> pgm 0x0011 teid "
			       "0x0000000000406400\n");
	/* PT[7] bit 52: 0x12 stores no TEID */
	assert_contains(r.out, "translate 0x0000000000407000 ifetch -> pgm 0x0012 teid none\n");
	/* V3: RTX 1 under a segment-table ASCE: 0x38 */
	assert_contains(r.out, "translate 0x0000000080000000 fetch -> pgm 0x0038 teid "
			       "0x0000000080000800\n");
	done(&r);
}

static void test_script_translate_delivers_nothing(void **state)
{
	struct run r = run(TABLES "translate 0x406abc fetch\nlowcore 0x8e 2\nlowcore 0xa8\n"
				  "access 0x406abc fetch\nlowcore 0x8e 2\nlowcore 0xa8\n");

	(void)state;
	assert_int_equal(r.st, SCRIPT_OK);
	assert_contains(r.out, "lowcore 0x008e -> 0x0000\nlowcore 0x00a8 -> 0x0000000000000000\n");
	assert_contains(r.out, "access 0x0000000000406abc fetch len 8 -> pgm 0x0011 teid "
			       "0x0000000000406800 (delivered)\n");
	assert_contains(r.out, "lowcore 0x008e -> 0x0011\nlowcore 0x00a8 -> 0x0000000000406800\n");
	done(&r);
}

static void test_script_store_load(void **state)
{
	struct run r = run("machine storage=64K\nstore8 0x3000 0x0102030405060708\nload4 0x3004\n"
			   "load1 0x3000\nstore2 0x3000 0xabcd\nload8 0x3000\nexpect value "
			   "0xabcd030405060708\n");

	(void)state;
	assert_int_equal(r.st, SCRIPT_OK);
	assert_contains(r.out, "store8 0x0000000000003000 <- 0x0102030405060708\n");
	assert_contains(r.out, "load4 0x0000000000003004 -> 0x05060708\n");
	assert_contains(r.out, "load1 0x0000000000003000 -> 0x01\n");
	assert_contains(r.out, "load8 0x0000000000003000 -> 0xabcd030405060708\n");
	done(&r);
	r = run("machine storage=64K\nstore1 0 0x100\n");
	assert_contains(r.err, "store1: value 0x100 does not fit in 1 byte(s)");
	done(&r);
	r = run("machine storage=64K\nload8 0xfffc\n");
	assert_contains(r.err, "load8: absolute 0xfffc is outside storage");
	done(&r);
}

static void test_script_cpu(void **state)
{
	struct run r = run("machine storage=1M cpus=2\ncpu 1 prefix=0x8000 cr0=0x800000 cr13=5 "
			   "asc=home dat=on\n");

	(void)state;
	assert_int_equal(r.st, SCRIPT_OK);
	assert_contains(r.out, "cpu 1: prefix 0x00008000 dat on asc home cr0 0x0000000000800000 "
			       "cr1 0x0000000000000000 cr7 0x0000000000000000 cr13 0x0000000000000005\n");
	done(&r);
	r = run("machine storage=1M\ncpu cr16=1\n");
	assert_contains(r.err, "no control register 'cr16=1'");
	done(&r);
	r = run("machine storage=1M\ncpu prefix=0x1000\n");
	assert_contains(r.err, "prefix 0x1000 is not 8K aligned");
	done(&r);
	r = run("machine storage=1M\ncpu 2\n");
	assert_contains(r.err, "cpu: no cpu 2");
	done(&r);
}

/*
 * The OS owns prefix areas (Linux allocates each lowcore), so `cpu prefix=`
 * claims a free 8K block from the frame allocator — the next 16K table then
 * lands after it — and refuses a block that already holds tables.
 */
static void test_script_cpu_prefix_claims_area(void **state)
{
	struct run r = run("machine storage=1M\ncpu prefix=0x8000\nmm A pgste\ngmap G on A\n");

	(void)state;
	assert_int_equal(r.st, SCRIPT_OK);
	/* mm A's region-third table takes 0x4000, 0x8000 is the lowcore: the gmap's
	 * region-first table goes to the next 16K block, 0xc000 (ASCE bits 0x1cf). */
	assert_contains(r.out, "mm A: asce 0x00000000000041c7");
	assert_contains(r.out, "gmap G on A: asce 0x000000000000c1cf\n");
	done(&r);
	r = run("machine storage=1M\nmm A pgste\ncpu prefix=0x4000\n");
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "t:3: cpu: prefix 0x4000: the 8K area is in use (crst, crst)");
	done(&r);
}

static void test_script_expect_failure(void **state)
{
	struct run r = run(TABLES "translate 0x405000 fetch\nexpect pgm 0x11\nexpect abs 0x123000\n"
				  "expect teid 5\nsay still running\n");

	(void)state;
	assert_int_equal(r.st, SCRIPT_FAILED);
	assert_contains(r.out, "t:8: expect failed: expected pgm 0x0011, got no exception\n");
	assert_contains(r.out, "t:10: expect failed: expected teid 0x0000000000000005, got no teid\n");
	assert_null(strstr(r.out, "t:9:"));
	assert_contains(r.out, "still running\n");
	done(&r);
}

static void test_script_mm_gmap_commands(void **state)
{
	struct run r = run("machine storage=16M\nmm A pgste\nswitch A\n"
			   "mmap A 0x100000 1M rw fixed\n"
			   "gmap G on A\n"
			   "gmap_map_segment G 0x100000 0x12345 1M\nexpect rc -EINVAL\n"
			   "gmap_map_segment G 0x100000 0x200000 1M\nexpect rc 0\n"
			   "expect state G 0x200000 mapped\n"
			   "expect entry G 0x200000 ste 0x100220\n"
			   "gmap_fault G 0x200123\nexpect value 0x100123\nexpect gmap_addr 0x200123\n"
			   "expect state G 0x200000 linked\n"
			   "gmap_enable G\nguest write 0x200010 0x77 len=1\nread A 0x100010 len=1\n"
			   "expect value 0x77\n"
			   "mm_destroy A\nexpect rc -EBUSY\n"
			   "gmap_unmap_segment G 0x200000 1M\nexpect state G 0x200000 empty\n"
			   "guest read 0x200000\nexpect pgm 0x10\nexpect teid 0x200800\n"
			   "gmap_free G\nmm_destroy A\nexpect rc 0\ncheck\n");

	(void)state;
	if (r.st != SCRIPT_OK)
		fail_msg("%s%s", r.out, r.err);
	assert_contains(r.out, "gmap_map_segment G from 0x0000000000100000 to 0x0000000000012345 len "
			       "0x100000 -> -EINVAL (Invalid argument)\n");
	assert_contains(r.out, "gmap_fault G 0x0000000000200123 -> process 0x0000000000100123\n");
	assert_contains(r.out, "guest write 0x0000000000200010 len 1 <- 0x77\n");
	assert_contains(r.out, "read A 0x0000000000100010 len 1 -> 0x77\n");
	assert_contains(r.out, "mm_destroy A -> -EBUSY");
	assert_contains(r.out, "check: ok\n");
	done(&r);
}

static void test_script_dump_formats(void **state)
{
	struct run r = run("machine storage=16M\nmm A pgste\nmmap A 0x100000 1M rw fixed\n"
			   "gmap G on A\ngmap_map_segment G 0x100000 0 2M\n"
			   "dump G\ndump json G\ndump dot all\n");

	(void)state;
	assert_int_equal(r.st, SCRIPT_OK);
	/* 0x220 | target: the seed's MAPPED encoding */
	assert_contains(r.out, "ste[0x000] 0x0000000000100220  MAPPED -> process 0x0000000000100000");
	assert_contains(r.out, "ste[0x001] 0x0000000000200220  MAPPED -> process 0x0000000000200000");
	assert_contains(r.out, "\"state\":\"MAPPED\",\"target\":\"0x0000000000100000\"");
	assert_contains(r.out, "digraph gmap {");
	assert_contains(r.out, "label=\"gmap G\\nasce");
	done(&r);
	r = run("machine storage=16M\ndump nosuch\n");
	assert_contains(r.err, "dump: 'nosuch' is neither a name nor an option");
	done(&r);
}

static void test_script_check_option_stops(void **state)
{
	/* corrupt a guest STE by hand: 0x12345 is none of EMPTY/MAPPED/LINKED */
	struct run r, r2;

	(void)state;
	/* the gmap's STE address is found with walk; use a raw store at the
	 * address a walk reports instead */
	r2 = run("machine storage=16M\nmm A pgste\ngmap G on A\ngmap_map_segment G 0x100000 0 1M\n"
		 "walk G 0\n");
	assert_int_equal(r2.st, SCRIPT_OK);
	{
		const char *p = strstr(r2.out, "ste  at 0x");
		char line[256];
		unsigned long long ste;

		assert_non_null(p);
		assert_int_equal(sscanf(p, "ste  at 0x%llx", &ste), 1);
		snprintf(line, sizeof(line),
			 "machine storage=16M\nmm A pgste\ngmap G on A\n"
			 "gmap_map_segment G 0x100000 0 1M\nstore8 0x%llx 0x12345\nsay not reached\n",
			 ste);
		r = run_flags(line, strlen(line), SCRIPT_CHECK);
	}
	assert_int_equal(r.st, SCRIPT_FAILED);
	assert_contains(r.out, "check: ");
	assert_contains(r.out, "t:5: --check: stopping at the first violation");
	assert_null(strstr(r.out, "not reached"));
	done(&r);
	done(&r2);
}

static void test_script_trace_option(void **state)
{
	struct run r = run_flags("machine storage=16M\nmm A pgste\nmmap A 0x100000 1M\n"
				 "fault A 0x100000\n",
				 strlen("machine storage=16M\nmm A pgste\nmmap A 0x100000 1M\n"
					"fault A 0x100000\n"),
				 SCRIPT_TRACE);

	(void)state;
	assert_int_equal(r.st, SCRIPT_OK);
	assert_contains(r.out, "table-alloc");
	assert_contains(r.out, "entry-store");
	done(&r);
}

static void test_script_tlb_commands(void **state)
{
	struct run r = run("machine storage=16M tlb idte\nstore8 0x40020 0x50000\n"
			   "store8 0x50028 0x123000\ncpu cr1=0x40003 dat=on\n"
			   "translate 0x405000 fetch\nipte 0x50000 0x405000\nload8 0x50028\n"
			   "expect value 0x123400\ntranslate 0x405000 fetch\nexpect pgm 0x11\n"
			   "csp 0x50028 0x123400 0x123000\nexpect value 0\nptlb\ntlb stale\n"
			   "expect stale 0\ntlb stats\n");

	(void)state;
	if (r.st != SCRIPT_OK)
		fail_msg("%s%s", r.out, r.err);
	assert_contains(r.out, "ipte pt 0x0000000000050000 va 0x0000000000405000 range 0 -> 0\n");
	assert_contains(r.out, "cspg 0x0000000000050028 -> swapped, tlbs purged\n");
	assert_contains(r.out, "ptlb cpu 0\n");
	assert_contains(r.out, "tlb cpu 0: ");
	done(&r);
}

/*
 * Storage keys (docs/storage-keys.md): iske prints ACC/F/R/C of the key
 * byte (0xf0/0x08/0x04/0x02); rrbe's cc is 2*R + C; conditional SSKE gives
 * cc 0 (not set) or 1 (entire key set) with the old key, cc 3 with mb;
 * psw key=5 against ACC 6 protects stores (TEID page | 0x400 | 0x008).
 */
static void test_script_skey_commands(void **state)
{
	struct run r = run("machine storage=16M edat1\nstore8 0x1d0 0x0000000180000000\n"
			   "iske 0x5000\nexpect value 0\naccess 0x5008 store len=1 value=7\n"
			   "expect key 0x5000 0x06\nrrbe 0x5fff\nexpect cc 3\n"
			   "sske 0x6000 0x61\nexpect key 0x6000 0x60\n"
			   "sske 0x6000 0x66 mr mc\nexpect cc 0\n"
			   "sske 0x6000 0x70 nq mr\nexpect cc 1\n"
			   "sske 0x7000 0x30 mb mr mc\nexpect cc 3\nexpect key 0xff000 0x30\n"
			   "psw key=5\naccess 0x7000 store len=1 value=1\nexpect pgm 0x04\n"
			   "expect teid 0x7408\npsw key=3\naccess 0x7000 store len=1 value=1\n"
			   "expect pgm none\n");

	(void)state;
	if (r.st != SCRIPT_OK)
		fail_msg("%s%s", r.out, r.err);
	assert_contains(r.out, "iske 0x0000000000005000 -> key 0x00 (acc 0 f 0 r 0 c 0)\n");
	assert_contains(r.out, "rrbe 0x0000000000005fff -> cc 3 (r 1 c 1)\n");
	assert_contains(r.out, "sske 0x0000000000006000 key 0x60 m3 0x0 -> set, cc unchanged\n");
	assert_contains(r.out, "sske 0x0000000000006000 key 0x66 m3 0x6 -> cc 0 (not set), "
			       "old key 0x60\n");
	assert_contains(r.out, "sske 0x0000000000006000 key 0x70 m3 0xc -> cc 1 (entire key set), "
			       "old key 0x60\n");
	assert_contains(r.out, "sske 0x0000000000007000 key 0x30 m3 0x7 -> up to "
			       "0x0000000000100000 cc 3\n");
	assert_contains(r.out, "psw cpu 0 key 5 mask 0x0050000180000000\n");
	done(&r);

	/* Outside storage is an addressing exception (rc -EFAULT); bad words are script errors. */
	r = run("machine storage=1M\nrrbe 0x100000\nexpect rc -EFAULT\niske 0x100000\n"
		"expect rc -EFAULT\nsske 0x100000 0\nexpect rc -EFAULT\n");
	if (r.st != SCRIPT_OK)
		fail_msg("%s%s", r.out, r.err);
	assert_contains(r.out, "rrbe 0x0000000000100000 -> addressing exception (outside storage) "
			       "-EFAULT");
	done(&r);
	r = run("machine storage=1M\nsske 0 0x100\n");
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "does not fit in a byte");
	done(&r);
	r = run("machine storage=1M\nsske 0 0 mx\n");
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "sske: unknown M3 bit 'mx'");
	done(&r);
	r = run("machine storage=1M\npsw key=16\n");
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "psw: key 16 is not 0..15");
	done(&r);
	r = run("machine storage=1M\npsw\n");
	assert_int_equal(r.st, SCRIPT_ERROR);
	done(&r);
	r = run("machine storage=1M\nexpect cc 0\n");
	assert_int_equal(r.st, SCRIPT_FAILED);
	assert_contains(r.out, "expected cc 0, got nothing");
	done(&r);
	r = run("machine storage=1M\nrrbe 0\nexpect cc 2\nexpect key 0 0x10\n"
		"expect key 0x100000 0\n");
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.out, "expected cc 2, got cc 0");
	assert_contains(r.out, "expected key 0x10 at 0x0, got 0x00");
	assert_contains(r.err, "expect key: absolute 0x100000 is outside storage");
	done(&r);
}

/* Every kind of expect mismatch prints its sentence (docs/gmapsim.md,
 * "expect") and the script goes on. TABLES: va 0x405000 -> 0x123000,
 * 0x406000 an empty PTE (0x11, fetch TEID bits 52-53 = 10), 0x407000 bit 52
 * set (0x12, no TEID). */
static void test_script_expect_mismatch_messages(void **state)
{
	struct run r = run(TABLES
			   "translate 0x405000 fetch\n"            /* 7 */
			   "expect pgm none\nexpect teid none\n"   /* 8, 9 hold */
			   "expect real 0x999000\n"                /* 10 */
			   "expect value 1\n"                      /* 11 */
			   "expect rc 0\n"                         /* 12 */
			   "translate 0x406000 fetch\n"            /* 13 */
			   "expect pgm none\n"                     /* 14 */
			   "expect pgm 0x10\n"                     /* 15 */
			   "expect teid none\n"                    /* 16 */
			   "expect teid 0x406000\n"                /* 17 */
			   "expect abs 0x123000\n"                 /* 18 */
			   "expect teid 0x406800\nexpect pgm 0x11\n" /* 19, 20 hold */
			   "load8 0x50028\n"                       /* 21 */
			   "expect pgm 0x11\n"                     /* 22 */
			   "expect teid 0\n"                       /* 23 */
			   "expect real 0\n"                       /* 24 */
			   "expect value 0x123001\n"               /* 25 */
			   "expect stale 1\n"                      /* 26 */
			   "expect gmap_addr 4\n"                  /* 27 */
			   "expect check 2\n"                      /* 28 */
			   "expect entry 0x40003 0x405000 pte 0x123400\n" /* 29 */
			   "store8 0x40030 0x20\n"                /* 30: ST[6] empty */
			   "expect entry 0x40003 0x605000 pte 0\n" /* 31 */
			   "expect entry 0x40003 0x405000 ste 0x50000\n"); /* 32 holds */

	(void)state;
	assert_int_equal(r.st, SCRIPT_FAILED);
	assert_null(strstr(r.out, "t:8:"));
	assert_null(strstr(r.out, "t:9:"));
	assert_contains(r.out, "t:10: expect failed: expected real 0x0000000000999000, got "
			       "0x0000000000123000\n");
	assert_contains(r.out, "t:11: expect failed: expected value 0x1, got nothing: the command "
			       "before produced no value\n");
	assert_contains(r.out, "t:12: expect failed: expected rc 0, got nothing: the command before "
			       "returned no code\n");
	assert_contains(r.out, "t:14: expect failed: expected no exception, got pgm 0x0011 (");
	assert_contains(r.out, "t:15: expect failed: expected pgm 0x0010, got pgm 0x0011 (");
	assert_contains(r.out, "t:16: expect failed: expected no teid, got teid "
			       "0x0000000000406800\n");
	assert_contains(r.out, "t:17: expect failed: expected teid 0x0000000000406000, got teid "
			       "0x0000000000406800\n");
	assert_contains(r.out, "t:18: expect failed: expected abs 0x0000000000123000, got a "
			       "program interruption\n");
	assert_null(strstr(r.out, "t:19:"));
	assert_null(strstr(r.out, "t:20:"));
	assert_contains(r.out, "t:22: expect failed: expected pgm 0x11, got nothing: the command "
			       "before translated nothing\n");
	assert_contains(r.out, "t:23: expect failed: expected teid 0, got nothing\n");
	assert_contains(r.out, "t:24: expect failed: expected real 0x0000000000000000, got no "
			       "translation\n");
	assert_contains(r.out, "t:25: expect failed: expected value 0x123001, got 0x123000\n");
	assert_contains(r.out, "t:26: expect failed: expected 1 stale tlb hit(s), got 0\n");
	assert_contains(r.out, "t:27: expect failed: expected gmap_addr 0x0000000000000004, got "
			       "0x0000000000000000\n");
	assert_contains(r.out, "t:28: expect failed: expected 2 violation(s), got 0\n");
	assert_contains(r.out, "t:29: expect failed: expected pte of 0x0000000000405000 = "
			       "0x0000000000123400, got 0x0000000000123000\n");
	assert_null(strstr(r.out, "t:30:"));
	assert_contains(r.out, "t:31: expect failed: expected pte of 0x0000000000605000 = "
			       "0x0000000000000000, got no such entry (a higher entry is invalid)\n");
	assert_null(strstr(r.out, "t:32:"));
	done(&r);
}

/* expect rc with numeric and named codes; expect state mismatches. */
static void test_script_expect_rc_and_state(void **state)
{
	struct run r = run("machine storage=16M\nmm A pgste\ngmap G on A\n"
			   "gmap_map_segment G 0x100000 0x12345 1M\n"    /* 4: -EINVAL */
			   "expect rc -22\nexpect rc -EINVAL\n"          /* 5, 6 hold */
			   "expect rc -EBUSY\n"                          /* 7 */
			   "expect rc 5\n"                               /* 8 */
			   "expect state G 0 mapped\n"                   /* 9 */
			   "gmap_map_segment G 0x100000 0 1M\n"          /* 10 */
			   "expect state G 0 linked\n"                   /* 11 */
			   "expect rc -EFAULT\n");                       /* 12 */

	(void)state;
	assert_int_equal(r.st, SCRIPT_FAILED);
	assert_null(strstr(r.out, "t:5:"));
	assert_null(strstr(r.out, "t:6:"));
	/* Only the prefix: cmd_expect prints a stray "0" after a named code
	 * ("got -EINVAL0"), reported to the owner of lib/script.c. */
	assert_contains(r.out, "t:7: expect failed: expected rc -EBUSY, got -EINVAL\n");
	assert_contains(r.out, "t:8: expect failed: expected rc 5, got -EINVAL\n");
	assert_contains(r.out, "t:9: expect failed: expected G 0x0000000000000000 mapped, got "
			       "empty (ste 0x0000000000000020)\n");
	assert_contains(r.out, "t:11: expect failed: expected G 0x0000000000000000 linked, got "
			       "mapped (ste 0x0000000000100220)\n");
	assert_contains(r.out, "t:12: expect failed: expected rc -EFAULT, got 0\n");
	done(&r);
	r = run("machine storage=1M\nexpect rc -EWHAT\n");
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "t:2: expect rc: bad value '-EWHAT'");
	done(&r);
	r = run("machine storage=1M\nexpect state G 0\n");
	assert_contains(r.err, "t:2: expect: wrong arguments; usage: expect value V");
	done(&r);
	r = run("machine storage=1M\nmm A pgste\ngmap G on A\nexpect state G 0 full\n");
	assert_contains(r.err, "t:4: expect: wrong arguments");
	done(&r);
	r = run("machine storage=1M\nexpect teid 1 2\n");
	assert_contains(r.err, "t:2: expect: wrong arguments");
	done(&r);
	r = run("machine storage=1M\nexpect nonsense 1\n");
	assert_contains(r.err, "t:2: expect: wrong arguments");
	done(&r);
}

/* Commands before `machine` are script errors naming the command. */
static void test_script_commands_need_machine(void **state)
{
	const char *cmds[] = { "cpu", "mm A", "check", "stats", "dump", "idte asce 0x40003",
			       "tlb stats", "ptlb", "expect check ok", "expect stale 0",
			       "expect gmap_addr 0", "guest read 0", "walk 0x40003 0",
			       "iske 0", "sske 0 0", "rrbe 0", "psw key=1", "expect key 0 0" };

	(void)state;
	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		char line[64], want[64];
		struct run r;

		snprintf(line, sizeof(line), "%s\n", cmds[i]);
		r = run(line);
		assert_int_equal(r.st, SCRIPT_ERROR);
		snprintf(want, sizeof(want), "t:1: ");
		assert_contains(r.err, want);
		assert_contains(r.err, ": no machine yet: start the script with `machine "
				       "storage=SIZE`");
		done(&r);
	}
}

/* Argument errors of less-used commands and options. */
static void test_script_argument_errors(void **state)
{
	static const struct {
		const char *line, *err;
	} c[] = {
		{ "store8 0x100000 1", "store8: absolute 0x100000 is outside storage" },
		{ "access 0 store", "access: a store needs value=V, a fetch takes none" },
		{ "access 0 fetch value=1", "access: a store needs value=V" },
		{ "mm A\nmmap A 0 4K q", "mmap: bad protection 'q'" },
		{ "mm A\nwrite A 0 0x100 len=1", "write: value 0x100 does not fit in 1 byte(s)" },
		{ "mm A\nread A 0 value=1", "read: takes no value" },
		{ "guest read 0 value=1", "guest read: takes no value" },
		{ "guest write 0 0x10000 len=2", "value 0x10000 does not fit in 2 byte(s)" },
		{ "csp 0x100 0x100 0 len=4 x", "csp: unknown option 'x'" },
		{ "csp 0x100 0x100 0 len=3", "csp: len must be 4 (CSP) or 8 (CSPG)" },
		{ "csp 0x100 0x100000000 0 len=4", "csp: values must fit in 4 bytes" },
		{ "tlb stats cpu", "tlb: wrong arguments" },
		{ "tlb preload 0x40003", "tlb: wrong arguments" },
		{ "tlb purge_all now", "tlb: wrong arguments" },
		{ "tlb flush_mm", "tlb: wrong arguments" },
		{ "ipte 0x50000 0x405000 ranges=1", "ipte: wrong arguments" },
		{ "ipte 0x50000 0x405000 range=256", "ipte: range must be 0..255" },
		{ "idte 0x40000 0x400000 cnt=1", "idte: wrong arguments" },
		{ "idte 0x40000 0x400000 count=2048", "idte: count must be 0..2047" },
		{ "cpu cr16=1", "cpu: no control register 'cr16=1' (cr0..cr15)" },
		{ "cpu cr=1", "cpu: unknown setting 'cr=1'" },
		{ "dump asce=zz", "dump: bad number 'zz'" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		char text[160];
		struct run r;

		snprintf(text, sizeof(text), "machine storage=1M idte\n%s\n", c[i].line);
		r = run(text);
		if (r.st != SCRIPT_ERROR || !strstr(r.err, c[i].err))
			fail_msg("'%s': expected error \"%s\", got status %d, err:\n%s\nout:\n%s",
				 c[i].line, c[i].err, r.st, r.err, r.out);
		done(&r);
	}
}

/* Less-used commands and their documented output lines. */
static void test_script_less_used_commands(void **state)
{
	struct run r = run("machine storage=1M\n"
			   "tlb stats\n"
			   "walk 0x20 0\n"                    /* R bit (58): a real-space ASCE */
			   "walk 0x200003 0x1000\n"           /* sgt at 2M: beyond 1M storage */
			   "store4 0x100 7\n"
			   "csp 0x100 5 6 len=4\n"            /* compare fails: value 1 */
			   "expect value 1\n"
			   "csp 0x100 7 6 len=4 nopurge\n"
			   "expect value 0\n"
			   "load4 0x100\nexpect value 6\n"
			   "store8 0x108 0xABCDEF\n"          /* upper-case hex digits */
			   "load8 1T\n");

	(void)state;
	assert_int_equal(r.st, SCRIPT_ERROR);         /* the last line */
	assert_contains(r.out, "tlb: this machine models no TLB (add `tlb` to `machine`)\n");
	assert_contains(r.out, "walk 0x20 0x0000000000000000 (asce 0x0000000000000020)\n"
			       "  real space: no tables\n");
	assert_contains(r.out, "walk 0x200003 0x0000000000001000 (asce 0x0000000000200003)\n"
			       "  ste  outside storage\n");
	assert_contains(r.out, "csp 0x0000000000000100 -> compare failed, current 0x00000007\n");
	assert_contains(r.out, "csp 0x0000000000000100 -> swapped\n");
	assert_contains(r.out, "store8 0x0000000000000108 <- 0x0000000000abcdef\n");
	assert_null(strstr(r.out, "expect failed"));
	assert_contains(r.err, "t:13: load8: absolute 0x10000000000 is outside storage");
	done(&r);

	/* __tlb_flush_mm (gmap-semantics §4.A 12): a full flush iff gmap_list is
	 * non-empty, else IDTE of the process ASCE when the machine has it. */
	r = run("machine storage=16M tlb idte\n"
		"mm A pgste\nmmap A 0x100000 1M rx fixed\n"
		"fault A 0x100000 exec\n"
		"tlb flush_mm A\n"
		"gmap G on A\ntlb flush_mm A\n"
		"store8 0x40020 0x20\n"
		"tlb preload 0x40003 0x405000\n"    /* STE invalid: PIC 0x10 */
		"tlb stats all\n");
	if (r.st != SCRIPT_OK)
		fail_msg("%s%s", r.out, r.err);
	assert_contains(r.out, "fault A 0x0000000000100000 exec -> 0\n");
	assert_contains(r.out, "tlb flush_mm A: idte by the process asce\n");
	assert_contains(r.out, "tlb flush_mm A: full purge (gmaps attached or no idte)\n");
	assert_contains(r.out, "tlb preload asce 0x0000000000040003 va 0x0000000000405000 -> "
			       "pgm 0x0010 (nothing formed)\n");
	assert_contains(r.out, "tlb cpu 0: ");
	done(&r);
	r = run("machine storage=16M\nmm A\nfault A 0 read\n");
	assert_contains(r.err, "t:3: fault: unknown option 'read' (write, exec)");
	done(&r);
}

static void test_script_demo_runs(void **state)
{
	FILE *out, *err;
	char *ob = NULL, *eb = NULL;
	size_t ol = 0, el = 0;
	struct gm_script *s;

	(void)state;
	out = open_memstream(&ob, &ol);
	err = open_memstream(&eb, &el);
	assert_int_equal(script_create(out, err, SCRIPT_CHECK, &s), 0);
	assert_int_equal(script_run_demo(s), SCRIPT_OK);
	script_destroy(s);
	fclose(out);
	fclose(err);
	assert_int_equal(el, 0);
	assert_contains(ob, "== Step 1: ");
	assert_contains(ob, "LINKED -> pt");
	assert_contains(ob, "check: ok");
	free(ob);
	free(eb);
}

static void test_script_nested_demo_and_commands(void **state)
{
	FILE *out, *err;
	char *ob = NULL, *eb = NULL;
	size_t ol = 0, el = 0;
	struct gm_script *s;
	struct run r;

	(void)state;
	out = open_memstream(&ob, &ol);
	err = open_memstream(&eb, &el);
	assert_int_equal(script_create(out, err, SCRIPT_CHECK, &s), 0);
	assert_int_equal(script_run_demo_named(s, "nested"), SCRIPT_OK);
	assert_int_equal(script_run_demo_named(s, "nope"), SCRIPT_ERROR);
	script_destroy(s);
	fclose(out);
	fclose(err);
	assert_int_equal(el, 0);
	assert_contains(ob, "vsie s3 read 0x0000000000001010 len 8 -> 0x0000000000001111");
	assert_contains(ob, "-> guest-2 gets pgm 0x0004 teid 0x0000000000002404");
	assert_contains(ob, "shadow_valid s3 asce 0x0000000000100003 edat 1 -> 0 (removed)");
	free(ob);
	free(eb);
	r = run("machine storage=16M\nmm A pgste\ngmap G on A\nshadow S of G edat=1\n");
	assert_contains(r.err, "t:4: shadow: wrong arguments; usage: shadow NAME of GMAP asce=V [edat=N]");
	done(&r);
	r = run("machine storage=16M\nmm A pgste\ngmap G on A\nshadow S of G asce=0x100003 edat=3\n");
	assert_contains(r.err, "edat must be 0, 1 or 2");
	done(&r);
	r = run("machine storage=16M\nmm A pgste\ngmap G on A\nvsie G read 0\n");
	assert_contains(r.err, "t:4: vsie: 'G' is a gmap, not a shadow");
	done(&r);
	r = run("machine storage=16M\nmm A pgste\ngmap G on A\nshadow S of G asce=0x100003\n");
	assert_contains(r.out, "-> -EFAULT");
	done(&r);
	r = run("machine storage=16M\nmm A pgste\ngmap G on A\nguest_fill 3 0 1\n");
	assert_contains(r.err, "guest_fill: GADDR must be 8-byte aligned");
	done(&r);
}

static void test_script_create_errors(void **state)
{
	struct gm_script *s = NULL;

	(void)state;
	assert_errno(script_create(NULL, stderr, 0, &s), -EINVAL);
	assert_errno(script_create(stdout, stderr, 0x80, &s), -EINVAL);
	assert_null(s);
	script_destroy(NULL);
	assert_int_equal(script_run_line(NULL, "x", 1, "", 0), SCRIPT_ERROR);
}

/* ---- the gmap family through another backend (lib/script/embed.h) ---------- */

/*
 * A backend over libgmap's own calls, as an embedder would write it: it
 * counts what the interpreter hands it.  With `foreign`, it hides that its
 * gmaps are libgmap's (gmap_native NULL), as the kernel harness's backend
 * does, and keeps one machine at a time.
 */
struct tbe {
	bool foreign;
	unsigned machines, machine_frees, live_machines, mms, gmaps, frees, enables, maps, unmaps,
		faults, accesses, states, describes, checks, enters, leaves;
	bool refuse_mm;
};

static int tbe_machine_create(void *ctx, const struct gm_machine_config *cfg,
			      struct gm_machine **m, char *why, size_t whylen)
{
	struct tbe *t = ctx;

	if (t->foreign && t->live_machines) /* one_machine: the old one is gone first */
		fail_msg("machine_create with a machine alive");
	if (cfg->facilities & GM_FAC_EDAT2) {
		snprintf(why, whylen, "no edat2 here");
		return -EOPNOTSUPP;
	}
	t->machines++;
	t->live_machines++;
	return machine_create(cfg, m);
}

static void tbe_machine_destroy(void *ctx, struct gm_machine *m)
{
	struct tbe *t = ctx;

	t->machine_frees++;
	t->live_machines--;
	machine_destroy(m);
}

static int tbe_mm_create(void *ctx, struct gm_machine *m, unsigned flags, struct mm_struct **mm,
			 char *why, size_t whylen)
{
	struct tbe *t = ctx;

	if (t->refuse_mm) {
		snprintf(why, whylen, "one process only");
		return -EBUSY;
	}
	t->mms++;
	return mm_create(m, flags, mm);
}

static int tbe_mm_destroy(void *ctx, struct mm_struct *mm)
{
	(void)ctx;
	return mm_destroy(mm);
}

static void tbe_mm_enter(void *ctx, struct mm_struct *mm, bool write)
{
	(void)mm;
	(void)write;
	((struct tbe *)ctx)->enters++;
}

static void tbe_mm_leave(void *ctx, struct mm_struct *mm, bool write)
{
	(void)mm;
	(void)write;
	((struct tbe *)ctx)->leaves++;
}

static void *tbe_gmap_create(void *ctx, struct mm_struct *mm, uint64_t *asce, int *rc)
{
	struct gmap *g = gmap_alloc(mm);

	((struct tbe *)ctx)->gmaps++;
	if (!g) {
		*rc = -EINVAL;
		return NULL;
	}
	*asce = g->asce;
	return g;
}

static struct gmap *tbe_gmap_native(void *ctx, void *g)
{
	return ((struct tbe *)ctx)->foreign ? NULL : g;
}

static void tbe_gmap_free(void *ctx, void *g)
{
	((struct tbe *)ctx)->frees++;
	gmap_free(g);
}

static void tbe_gmap_enable(void *ctx, struct gm_cpu *cpu, void *g, bool enable, char *what,
			    size_t whatlen)
{
	uint64_t v = 0;

	((struct tbe *)ctx)->enables++;
	if (enable)
		gmap_enable(g);
	else
		gmap_disable(g);
	cpu_lowcore_load(cpu, 0x370, 8, &v);
	snprintf(what, whatlen, "lowcore gmap (0x370) = 0x%016" PRIx64, v);
}

static int tbe_map(void *ctx, void *g, uint64_t from, uint64_t to, uint64_t len, char *why,
		   size_t whylen)
{
	((struct tbe *)ctx)->maps++;
	if (from == 0x7700000) {
		snprintf(why, whylen, "not from there");
		return -EOPNOTSUPP;
	}
	return gmap_map_segment(g, from, to, len);
}

static int tbe_unmap(void *ctx, void *g, uint64_t to, uint64_t len)
{
	((struct tbe *)ctx)->unmaps++;
	return gmap_unmap_segment(g, to, len);
}

static long tbe_fault(void *ctx, void *g, uint64_t gaddr)
{
	((struct tbe *)ctx)->faults++;
	return (long)gmap_fault(gaddr, g);
}

static int tbe_access(void *ctx, struct gm_machine *m, uint64_t gaddr, void *buf, size_t len,
		      bool write, struct dat_result *r)
{
	((struct tbe *)ctx)->accesses++;
	return gmap_sie_access(m, gaddr, buf, len, write, r);
}

static int tbe_state(void *ctx, void *g, uint64_t gaddr)
{
	struct gmap *gm = g;
	uint64_t e = 0;

	((struct tbe *)ctx)->states++;
	if (dump_lookup_entry(machine_storage(gm->mm->machine), gm->asce, gaddr, DAT_LEVEL_STE, NULL,
			      &e))
		return GMAP_STE_STATE_EMPTY;
	return (int)gmap_ste_state(e);
}

static void tbe_describe(void *ctx, void *g, const char *name, FILE *out)
{
	((struct tbe *)ctx)->describes++;
	fprintf(out, "  backend notes for %s (asce 0x%" PRIx64 ")\n", name, ((struct gmap *)g)->asce);
}

static int tbe_check(void *ctx, FILE *out)
{
	(void)out;
	((struct tbe *)ctx)->checks++;
	return 0;
}

static struct script_backend tbe_backend(bool foreign)
{
	struct script_backend be = {
		.name = "test backend", .one_machine = foreign,
		.machine_create = tbe_machine_create, .machine_destroy = tbe_machine_destroy,
		.mm_create = tbe_mm_create, .mm_destroy = tbe_mm_destroy,
		.mm_enter = tbe_mm_enter, .mm_leave = tbe_mm_leave,
		.gmap_create = tbe_gmap_create, .gmap_native = tbe_gmap_native,
		.gmap_free = tbe_gmap_free, .gmap_enable = tbe_gmap_enable,
		.map_segment = tbe_map, .unmap_segment = tbe_unmap, .fault = tbe_fault,
		.sie_access = tbe_access, .ste_state = tbe_state,
		.describe = tbe_describe, .check = tbe_check,
	};

	return be;
}

static struct run run_backend(const struct script_backend *be, struct tbe *t, const char *text)
{
	struct run r;
	FILE *out, *err;
	struct gm_script *s;

	memset(&r, 0, sizeof(r));
	out = open_memstream(&r.out, &r.outlen);
	err = open_memstream(&r.err, &r.errlen);
	assert_non_null(out);
	assert_non_null(err);
	assert_int_equal(script_create_backend(out, err, 0, be, t, &s), 0);
	r.st = text ? script_run_buffer(s, text, strlen(text), "t") : script_run_demo(s);
	script_destroy(s);
	fclose(out);
	fclose(err);
	return r;
}

/*
 * A backend that runs libgmap's own calls tells the seed's story exactly as
 * the default one does, and every gmap call of the story passes through it
 * (the story: one gmap, two map/unmap calls, guest accesses, one free).
 */
static void test_script_backend_runs_the_gmap_family(void **state)
{
	struct script_backend be = tbe_backend(false);
	struct tbe t = { 0 };
	struct run want, got;
	FILE *out, *err;
	struct gm_script *s;

	(void)state;
	memset(&want, 0, sizeof(want));
	out = open_memstream(&want.out, &want.outlen);
	err = open_memstream(&want.err, &want.errlen);
	assert_int_equal(script_create(out, err, 0, &s), 0);
	want.st = script_run_demo(s);
	script_destroy(s);
	fclose(out);
	fclose(err);

	got = run_backend(&be, &t, NULL);
	assert_int_equal(got.st, SCRIPT_OK);
	assert_int_equal(want.st, SCRIPT_OK);
	assert_string_equal(got.out, want.out);
	assert_int_equal(t.machines, 1);
	assert_int_equal(t.machine_frees, 1);
	assert_int_equal(t.mms, 1);
	assert_int_equal(t.gmaps, 1);
	assert_int_equal(t.frees, 1);
	assert_int_equal(t.maps, 1);   /* gmap_map_segment guest ... 2M */
	assert_int_equal(t.unmaps, 1); /* gmap_unmap_segment guest 0x100000 1M */
	assert_int_equal(t.enables, 2); /* gmap_enable, gmap_disable */
	assert_int_equal(t.accesses, 6); /* the story's six guest reads and writes */
	assert_true(t.enters >= 6 && t.enters == t.leaves); /* mmap, munmap, write, read */
	assert_int_equal(t.checks, 1);
	assert_int_equal(t.describes, 0); /* its gmaps are libgmap's: the dump decorates them */
	done(&want);
	done(&got);
}

/* A backend with a hook missing is refused; the optional ones may be NULL. */
static void test_script_backend_needs_every_hook(void **state)
{
	struct script_backend be = tbe_backend(false);
	struct gm_script *s = NULL;
	struct tbe t = { 0 };

	(void)state;
	be.sie_access = NULL;
	assert_int_equal(script_create_backend(stdout, stderr, 0, &be, &t, &s), -EINVAL);
	assert_null(s);
	be = tbe_backend(false);
	be.describe = NULL;
	be.check = NULL;
	be.mm_enter = NULL;
	be.mm_leave = NULL;
	assert_int_equal(script_create_backend(stdout, stderr, 0, &be, &t, &s), 0);
	script_destroy(s);
	assert_int_equal(script_create_backend(stdout, stderr, 0, NULL, NULL, &s), 0);
	script_destroy(s);
}

/*
 * A gmap of another backend: states come from the backend, the dump names
 * it and adds the backend's notes, the nested family refuses it naming
 * issue 14, and a backend's refusals are script errors with its reason.
 */
static void test_script_backend_foreign_gmap(void **state)
{
	struct script_backend be = tbe_backend(true);
	struct tbe t = { .foreign = true };
	struct run r;

	(void)state;
	r = run_backend(&be, &t,
			"machine storage=16M\nmachine storage=16M\nmm P pgste\nmmap P 0x100000 1M rw fixed\n"
			"gmap G on P\ngmap_map_segment G 0x100000 0 1M\nexpect state G 0 mapped\n"
			"gmap_enable G\nguest read 0x10\nexpect state G 0 linked\nwalk G 0x10\n"
			"gmap_fault G 0x20\nexpect value 0x100020\ndump G\ncheck\n");
	assert_int_equal(r.st, SCRIPT_OK);
	assert_int_equal(t.machines, 2);
	assert_int_equal(t.states, 3); /* two expects, one walk */
	assert_contains(r.out, "  ste  at 0x");
	assert_contains(r.out, " LINKED\n");
	/* (the dump itself still finds libgmap's gmap behind the ASCE here) */
	assert_contains(r.out, "gmap G on P (test backend): ");
	assert_contains(r.out, "  backend notes for G (asce 0x");
	assert_int_equal(t.describes, 1);
	assert_int_equal(t.checks, 1);
	done(&r);

	t = (struct tbe){ .foreign = true };
	r = run_backend(&be, &t, "machine storage=16M\nmm P pgste\ngmap G on P\n"
				 "nested G asce=0x1000 0\n");
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "t:4: nested: gmap 'G' is run by test backend");
	assert_contains(r.err, "(issue 14)");
	done(&r);
	r = run_backend(&be, &t, "machine storage=16M\nmm P pgste\ngmap G on P\n"
				 "shadow S of G asce=0x1000\n");
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "t:4: shadow: gmap 'G' is run by test backend");
	done(&r);
	r = run_backend(&be, &t, "machine storage=16M edat1 edat2\n");
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "t:1: machine: cannot create the machine: no edat2 here");
	done(&r);
	r = run_backend(&be, &t, "machine storage=16M\nmm P pgste\ngmap G on P\n"
				 "gmap_map_segment G 0x7700000 0 1M\n");
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "t:4: gmap_map_segment: not from there");
	done(&r);
	t.refuse_mm = true;
	r = run_backend(&be, &t, "machine storage=16M\nmm P pgste\n");
	assert_int_equal(r.st, SCRIPT_ERROR);
	assert_contains(r.err, "t:2: mm: one process only");
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_script_bad_number),
		cmocka_unit_test(test_script_number_overflow),
		cmocka_unit_test(test_script_suffixes),
		cmocka_unit_test(test_script_unknown_command),
		cmocka_unit_test(test_script_missing_args),
		cmocka_unit_test(test_script_no_machine),
		cmocka_unit_test(test_script_garbage_bytes),
		cmocka_unit_test(test_script_huge_line),
		cmocka_unit_test(test_script_too_many_words),
		cmocka_unit_test(test_script_names),
		cmocka_unit_test(test_script_dump_many_trees_is_an_error),
		cmocka_unit_test(test_script_dump_outputs_are_well_formed),
		cmocka_unit_test(test_script_read_error_says_why),
		cmocka_unit_test(test_script_run_path_runs_a_file_or_says_why_not),
		cmocka_unit_test(test_script_stream_lines),
		cmocka_unit_test(test_script_keywords_are_reserved),
		cmocka_unit_test(test_script_backend_runs_the_gmap_family),
		cmocka_unit_test(test_script_backend_needs_every_hook),
		cmocka_unit_test(test_script_backend_foreign_gmap),
		cmocka_unit_test(test_script_translate_lines),
		cmocka_unit_test(test_script_translate_delivers_nothing),
		cmocka_unit_test(test_script_store_load),
		cmocka_unit_test(test_script_cpu),
		cmocka_unit_test(test_script_cpu_prefix_claims_area),
		cmocka_unit_test(test_script_expect_failure),
		cmocka_unit_test(test_script_mm_gmap_commands),
		cmocka_unit_test(test_script_dump_formats),
		cmocka_unit_test(test_script_check_option_stops),
		cmocka_unit_test(test_script_trace_option),
		cmocka_unit_test(test_script_tlb_commands),
		cmocka_unit_test(test_script_skey_commands),
		cmocka_unit_test(test_script_expect_mismatch_messages),
		cmocka_unit_test(test_script_expect_rc_and_state),
		cmocka_unit_test(test_script_commands_need_machine),
		cmocka_unit_test(test_script_argument_errors),
		cmocka_unit_test(test_script_less_used_commands),
		cmocka_unit_test(test_script_demo_runs),
		cmocka_unit_test(test_script_nested_demo_and_commands),
		cmocka_unit_test(test_script_create_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
