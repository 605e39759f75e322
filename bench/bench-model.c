/* SPDX-License-Identifier: MIT */
/*
 * bench-model — the model-based random workload of tests/test-model.c at
 * volume: at least 10^6 operations (mmap/munmap/mprotect, process and
 * guest reads and writes, gmap alloc/free/map/unmap/fault), each result
 * compared with the reference model; check_machine() and a full memory
 * comparison at the end of every run.  Prints one JSON line with ops/s.
 * Environment: GMAP_MODEL_OPS (operations per run, default 250000),
 * GMAP_MODEL_RUNS (runs, default 4), GMAP_MODEL_SEED (first seed).
 */
#define MODEL_NO_MAIN 1
#include "../tests/test-model.c"

#include <time.h>

int main(void)
{
	unsigned runs = env_uint("GMAP_MODEL_RUNS", 4);
	struct model_cfg cfg = { .nops = env_uint("GMAP_MODEL_OPS", 250000) };
	uint64_t first = 0xbe4c0000, total = 0;
	struct timespec t0, t1;
	unsigned fails = 0;
	double secs;

	env_seed(&first);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (unsigned i = 0; i < runs; i++) {
		uint64_t done = 0;

		cfg.seed = first + i;
		fails += (unsigned)model_run(&cfg, stderr, &done);
		total += done;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("{\"bench\": \"model\", \"runs\": %u, \"ops\": %" PRIu64 ", \"seconds\": %.3f, "
	       "\"ops_per_s\": %.0f, \"divergences\": %u}\n",
	       runs, total, secs, secs > 0 ? (double)total / secs : 0.0, fails);
	return fails ? 1 : 0;
}
