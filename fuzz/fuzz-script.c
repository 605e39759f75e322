/* SPDX-License-Identifier: MIT */
/*
 * fuzz-script — libFuzzer target for the gmapsim scenario interpreter
 * (include/gmap/script.h): arbitrary bytes run as a script, either plain or
 * with SCRIPT_CHECK | SCRIPT_TRACE.  The mode is a hash of the input's
 * bytes, so a crash reproduces from its input alone, both modes stay
 * reachable from any script (a mutation flips the hash about half the
 * time), and each input costs one run instead of two (docs/testing.md;
 * tests/test-model.c replays the corpus in both modes).  The interpreter promises that any
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

/* FNV-1a over the input: the mode bit, deterministic per input. */
static unsigned mode_of(const uint8_t *data, size_t size)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return (h >> 16) & 1u ? SCRIPT_CHECK | SCRIPT_TRACE : 0u;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fuzz_null) {
		fuzz_null = fopen("/dev/null", "w");
		if (!fuzz_null)
			abort();
	}
	run(data, size, mode_of(data, size));
	return 0;
}
