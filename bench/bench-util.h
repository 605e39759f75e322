/* SPDX-License-Identifier: MIT */
/*
 * Shared by the benchmarks: every figure that has a target prints it next
 * to the figure as "target_metric" (the field compared), "target_max" or
 * "target_min", and "met": "yes" / "no".  scripts/bench-report collects the
 * lines and lists the targets missed; nothing here fails a build or a test.
 */
#ifndef GMAP_BENCH_UTIL_H
#define GMAP_BENCH_UTIL_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

/*
 * Seconds of CPU time of the calling thread: single-threaded figures that
 * other load on the machine (a shared CI runner) does not inflate.
 */
static inline double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The JSON tail of a line whose field @metric = @value must be <= @max. */
static inline void bench_target_max(FILE *f, const char *metric, double value, double max)
{
	fprintf(f, ",\"target_metric\":\"%s\",\"target_max\":%g,\"met\":\"%s\"", metric, max,
		value <= max ? "yes" : "no");
}

/* The JSON tail of a line whose field @metric = @value must be >= @min. */
static inline void bench_target_min(FILE *f, const char *metric, double value, double min)
{
	fprintf(f, ",\"target_metric\":\"%s\",\"target_min\":%g,\"met\":\"%s\"", metric, min,
		value >= min ? "yes" : "no");
}

#endif
