/* SPDX-License-Identifier: MIT */
/*
 * gmapsim — run a libgmap scenario script, or the built-in demo.
 * All logic is in the library (include/gmap/script.h); this file only
 * parses options and opens files.
 *
 * Exit status: 0 all good, 1 an expect failed (or --check found a
 * violation), 2 a script or usage error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gmap/libgmap.h>

static void usage(FILE *f)
{
	fputs("Usage: gmapsim [--trace] [--check] [--demo NAME | SCRIPT]\n"
	      "       gmapsim --help | --version\n"
	      "\n"
	      "Runs a libgmap scenario script (docs/gmapsim.md); without SCRIPT runs the\n"
	      "built-in demo, the story of the KVM gmap seed commit.  SCRIPT '-' reads stdin.\n"
	      "\n"
	      "  --demo NAME  run a built-in story: seed (the default demo) or nested\n"
	      "             (a guest runs a guest: shadow gmaps and vSIE)\n"
	      "  --trace    print every architected side effect (table alloc/free, entry\n"
	      "             store, TLB purge, fault, program interruption)\n"
	      "  --check    run the invariant checker after every command; stop at the\n"
	      "             first violation\n"
	      "  --help     this text\n"
	      "  --version  the version\n"
	      "\n"
	      "Exit status: 0 ok, 1 an expect failed or --check found a violation,\n"
	      "2 a script error (the message names file:line).\n",
	      f);
}

int main(int argc, char **argv)
{
	unsigned flags = 0;
	const char *path = NULL, *demo = NULL;
	bool no_more_opts = false;
	struct gm_script *s;
	enum script_status st;
	int rc;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!no_more_opts && !strcmp(a, "--")) {
			no_more_opts = true;
		} else if (!no_more_opts && !strcmp(a, "--trace")) {
			flags |= SCRIPT_TRACE;
		} else if (!no_more_opts && !strcmp(a, "--demo")) {
			if (i + 1 >= argc) {
				fputs("gmapsim: --demo needs a NAME (seed or nested)\n", stderr);
				return 2;
			}
			demo = argv[++i];
			if (strcmp(demo, "seed") && strcmp(demo, "nested")) {
				fprintf(stderr, "gmapsim: unknown demo '%s' (seed or nested)\n", demo);
				return 2;
			}
		} else if (!no_more_opts && !strcmp(a, "--check")) {
			flags |= SCRIPT_CHECK;
		} else if (!no_more_opts && (!strcmp(a, "--help") || !strcmp(a, "-h"))) {
			usage(stdout);
			return 0;
		} else if (!no_more_opts && !strcmp(a, "--version")) {
			printf("gmapsim (libgmap) %s\n", LIBGMAP_VERSION);
			return 0;
		} else if (!no_more_opts && a[0] == '-' && a[1]) {
			fprintf(stderr, "gmapsim: unknown option '%s'\n", a);
			usage(stderr);
			return 2;
		} else if (path) {
			fprintf(stderr, "gmapsim: only one SCRIPT, got '%s' and '%s'\n", path, a);
			return 2;
		} else {
			path = a;
		}
	}

	rc = script_create(stdout, stderr, flags, &s);
	if (rc) {
		fprintf(stderr, "gmapsim: %s\n", strerror(-rc));
		return 2;
	}
	if (demo && path) {
		fprintf(stderr, "gmapsim: --demo and SCRIPT '%s' together\n", path);
		script_destroy(s);
		return 2;
	}
	st = path ? script_run_path(s, path) : script_run_demo_named(s, demo);
	script_destroy(s);
	if (fflush(stdout)) {
		fprintf(stderr, "gmapsim: cannot write the output: %s\n", strerror(errno));
		return 2;
	}
	return (int)st;
}
