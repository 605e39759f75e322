/* SPDX-License-Identifier: MIT */
/*
 * fuzz-script — libFuzzer target for the gmapsim scenario interpreter
 * (include/gmap/script.h): arbitrary bytes run as a script, once plain and
 * once with SCRIPT_CHECK | SCRIPT_TRACE.  The interpreter promises that any
 * input is safe: no crash, no undefined behaviour, no leak (ASan/UBSan and
 * LeakSanitizer watch), no hang (libFuzzer's -timeout), and a result that
 * is one of the three script_status values.  abort() only in this harness.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "gmap/script.h"

/* Harness-only: one sink for the interpreter's output. */
static FILE *fuzz_null;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void run(const uint8_t *data, size_t size, unsigned flags)
{
	struct gm_script *s = NULL;
	enum script_status st;

	if (script_create(fuzz_null, fuzz_null, flags, &s) != 0 || !s)
		abort();
	st = script_run_buffer(s, (const char *)data, size, "fuzz");
	if (st != SCRIPT_OK && st != SCRIPT_FAILED && st != SCRIPT_ERROR)
		abort();
	script_destroy(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fuzz_null) {
		fuzz_null = fopen("/dev/null", "w");
		if (!fuzz_null)
			abort();
	}
	run(data, size, 0);
	run(data, size, SCRIPT_CHECK | SCRIPT_TRACE);
	return 0;
}
