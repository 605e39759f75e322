/* SPDX-License-Identifier: MIT */
/*
 * bench-script — the gmapsim interpreter on a long scenario without dumps
 * (issue 15): a realistic mix of absolute stores and loads, guest writes
 * and reads through a gmap, expect lines and process faults, run through
 * script_run_buffer() with the output to /dev/null.  The baseline, in the
 * same run, is the same text with every line made a comment: reading and
 * splitting lines alone.  Prints one JSON line with commands/s, the
 * baseline's lines/s, their ratio and the target (3e6 commands/s).
 * Environment: GMAP_SCRIPT_CMDS (commands, default 1000000).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench-util.h"
#include "gmap/script.h"

static unsigned env_uint(const char *name, unsigned dflt)
{
	const char *v = getenv(name);

	return v && *v ? (unsigned)strtoul(v, NULL, 0) : dflt;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Run @text once; the seconds it took, or a negative number on failure. */
static double run(const char *text, size_t len, FILE *null)
{
	struct gm_script *s;
	enum script_status st;
	double t0;

	if (script_create(null, stderr, 0, &s))
		return -1;
	t0 = now();
	st = script_run_buffer(s, text, len, "bench");
	t0 = now() - t0;
	script_destroy(s);
	return st == SCRIPT_OK ? t0 : -1;
}

int main(void)
{
	static const char setup[] = "machine storage=64M\nmm A pgste\n"
				    "mmap A 0x100000 16M rw fixed\ngmap G on A\n"
				    "gmap_map_segment G 0x100000 0 16M\ngmap_enable G\n";
	unsigned ncmds = env_uint("GMAP_SCRIPT_CMDS", 1000000), n = 0;
	size_t cap = (size_t)ncmds * 48 + sizeof(setup), len = 0;
	char *text = malloc(cap), *comment = malloc(cap + (size_t)ncmds + 64);
	FILE *null = fopen("/dev/null", "w");
	double t_run, t_base;
	size_t clen = 0;

	if (!text || !comment || !null)
		return 2;
	len += (size_t)snprintf(text + len, cap - len, "%s", setup);
	for (unsigned i = 0; n < ncmds; i++) {
		uint64_t a = 0x2000000 + (uint64_t)(i % 4096) * 8, g = (uint64_t)(i % 2048) * 16;

		len += (size_t)snprintf(text + len, cap - len,
					"store8 0x%" PRIx64 " 0x%x\nload8 0x%" PRIx64 "\n"
					"expect value 0x%x\nguest write 0x%" PRIx64 " %u len=4\n"
					"guest read 0x%" PRIx64 " len=4\n",
					a, i, a, i, g, i, g);
		n += 5;
		if (i % 64 == 0) {
			len += (size_t)snprintf(text + len, cap - len, "fault A 0x%" PRIx64 " write\n",
						(uint64_t)0x100000 + (uint64_t)(i % 4096) * 4096);
			n++;
		}
	}
	/* the baseline: every line a comment, the same bytes plus one each */
	for (size_t i = 0; i < len; i++) {
		if (i == 0 || text[i - 1] == '\n')
			comment[clen++] = '#';
		comment[clen++] = text[i];
	}
	t_run = run(text, len, null);
	t_base = run(comment, clen, null);
	if (t_run <= 0 || t_base <= 0) {
		fprintf(stderr, "bench-script: the scenario failed\n");
		return 1;
	}
	printf("{\"bench\": \"script\", \"commands\": %u, \"seconds\": %.3f, "
	       "\"commands_per_s\": %.0f, \"baseline\": \"comment lines\", \"baseline_lines_per_s\": %.0f, "
	       "\"ratio\": %.3f",
	       n, t_run, n / t_run, n / t_base, t_base / t_run);
	bench_target_min(stdout, "commands_per_s", n / t_run, 3e6);
	printf("}\n");
	free(text);
	free(comment);
	fclose(null);
	return 0;
}
