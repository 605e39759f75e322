/* SPDX-License-Identifier: MIT */
/*
 * ktest.h — shared fixture of the kernel-harness tests: one harness per
 * test (kh_setup / kh_teardown), a process VMA, and KCHECK() which runs
 * every invariant (libgmap's checker, gmap-semantics §4.B over the
 * kernel's gmaps, the TLB stale check, no kernel WARN) after each step.
 */
#ifndef KTEST_H
#define KTEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "gmap/libgmap.h"
#include "kh.h"

#define MB (1ULL << 20)
#define GB (1ULL << 30)
#define TB (1ULL << 40)
#define PG 4096ULL
#define PROT_RW (MM_PROT_READ | MM_PROT_WRITE)

/* The kernel's -EINVAL etc. are the host's errno values (both Linux). */
#include <errno.h>

struct kfx {
	struct kh *h;
	struct kh_gmap *g[4];
	unsigned ng;
	long pages0, kmalloc0;
};

static inline int kfx_setup(void **state)
{
	static struct kfx fx;
	struct kh_config cfg = { .tlb = true };

	memset(&fx, 0, sizeof(fx));
	if (kh_setup(&cfg, &fx.h))
		return -1;
	fx.pages0 = khk_live_pages();
	fx.kmalloc0 = khk_live_kmalloc();
	*state = &fx;
	return 0;
}

static inline int kfx_teardown(void **state)
{
	struct kfx *fx = *state;

	kh_trap_install(fx->h);
	for (unsigned i = 0; i < fx->ng; i++)
		if (fx->g[i])
			khk_gmap_remove(fx->g[i]);
	kh_teardown(fx->h);
	return 0;
}

/*
 * The first line of every test: CMocka installs its own SIGILL handler
 * around each test body, so the harness's (which performs the kernel's
 * privileged instructions) is put back here; CMocka restores it after.
 */
static inline struct kfx *kstart(void **state)
{
	struct kfx *fx = *state;

	kh_trap_install(fx->h);
	return fx;
}

#define KCHECK(fx) assert_int_equal(kh_check((fx)->h, (fx)->g, (fx)->ng), 0)

/* gmap_create() and remember it for the checks and the teardown. */
static inline struct kh_gmap *kfx_gmap(struct kfx *fx, uint64_t limit)
{
	struct kh_gmap *g = khk_gmap_create(fx->h->kmm, limit);

	assert_non_null(g);
	fx->g[fx->ng++] = g;
	return g;
}

static inline void kfx_gmap_remove(struct kfx *fx, struct kh_gmap *g)
{
	for (unsigned i = 0; i < fx->ng; i++)
		if (fx->g[i] == g) {
			fx->g[i] = fx->g[--fx->ng];
			khk_gmap_remove(g);
			return;
		}
	fail_msg("gmap not created by kfx_gmap");
}

static inline void fill(uint8_t *buf, size_t n, uint8_t seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (uint8_t)(seed + i * 7);
}
#endif
