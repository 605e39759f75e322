/* SPDX-License-Identifier: MIT */
/*
 * bench-model — the model-based random workload of tests/test-model.c at
 * volume, in two modes measured in the same run:
 *  - "model": at least 10^6 operations (mmap/munmap/mprotect, process and
 *    guest reads and writes, gmap alloc/free/map/unmap/fault), each result
 *    compared with the reference model; check_machine() and a full memory
 *    comparison at the end of every run;
 *  - "model_checked": the unit-test mode, check_machine() and the deep
 *    comparisons after every operation (target: >= 20 000 ops/s, so 10^6
 *    checked operations take under a minute).
 * Prints one JSON line per mode with ops/s.
 * Environment: GMAP_MODEL_OPS (operations per run, default 250000),
 * GMAP_MODEL_RUNS (runs, default 4), GMAP_MODEL_SEED (first seed),
 * GMAP_MODEL_CHECKED_OPS (operations per checked run, default 50000).
 */
#define MODEL_NO_MAIN 1
#include "../tests/test-model.c"

#include "bench-util.h"

#define CHECKED_TARGET 20000.0

static int run_mode(const char *name, unsigned runs, struct model_cfg cfg, uint64_t first,
		    double target)
{
	uint64_t total = 0;
	unsigned fails = 0;
	double t0, secs;

	t0 = bench_now();
	for (unsigned i = 0; i < runs; i++) {
		uint64_t done = 0;

		cfg.seed = first + i;
		fails += (unsigned)model_run(&cfg, stderr, &done);
		total += done;
	}
	secs = bench_now() - t0;
	printf("{\"bench\":\"%s\",\"runs\":%u,\"ops\":%" PRIu64 ",\"seconds\":%.3f,"
	       "\"ops_per_s\":%.0f,\"divergences\":%u",
	       name, runs, total, secs, secs > 0 ? (double)total / secs : 0.0, fails);
	if (target > 0)
		bench_target_min(stdout, "ops_per_s", secs > 0 ? (double)total / secs : 0.0, target);
	printf("}\n");
	fflush(stdout);
	return fails ? 1 : 0;
}

int main(void)
{
	unsigned runs = env_uint("GMAP_MODEL_RUNS", 4);
	struct model_cfg plain = { .nops = env_uint("GMAP_MODEL_OPS", 250000) };
	struct model_cfg checked = { .nops = env_uint("GMAP_MODEL_CHECKED_OPS", 50000),
				     .deep = true, .check_each = true };
	uint64_t first = 0xbe4c0000;
	int rc = 0;

	env_seed(&first);
	rc |= run_mode("model", runs, plain, first, 0);
	rc |= run_mode("model_checked", runs, checked, first, CHECKED_TARGET);
	return rc;
}
