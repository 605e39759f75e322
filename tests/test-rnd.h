/* SPDX-License-Identifier: MIT */
/*
 * Sizes and a seeded PRNG shared by the tests, without CMocka, so that
 * bench/bench-model.c (which includes tests/test-model.c) can use them too.
 */
#ifndef GMAP_TEST_RND_H
#define GMAP_TEST_RND_H

#include <stdint.h>

#define MB (1ULL << 20)
#define GB (1ULL << 30)
#define TB (1ULL << 40)

/* splitmix64: the state is the caller's, so a seed replays a run everywhere. */
static inline uint64_t rnd_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A value in 0..n-1, uniform enough for tests (0 when n is 0). */
static inline uint64_t rnd_below(uint64_t *s, uint64_t n)
{
	return n ? rnd_next(s) % n : 0;
}

#endif
