/* SPDX-License-Identifier: MIT */
/* Private layout of struct gm_storage, for the hot paths of lib/ only. */
#ifndef GMAP_STORAGE_INTERNAL_H
#define GMAP_STORAGE_INTERNAL_H

#include <endian.h>
#include <stdint.h>
#include <string.h>

#include "gmap/storage.h"

struct gm_storage {
	uint8_t *mem;               /* host reservation, `size` bytes */
	uint64_t size;
	uint64_t nframes;
	struct storage_page *pages; /* one per frame, own reservation */
	/* allocator state */
	uint64_t bump;              /* next never-used frame number */
	uint32_t free4k;            /* free-list heads: frame number, 0 = empty (frame 0 is reserved) */
	uint32_t free16k;
	uint32_t free8k;            /* free 8 KB pairs below 2 GiB */
	uint32_t frag_half;         /* list of PT_FRAG frames with one free half */
	uint64_t frames_used;
	uint64_t by_kind[STORAGE_KIND_COUNT];
	uint64_t host_objects;
	uint64_t host_bytes;
	uint64_t allocs;
	uint64_t injected;
	long fail_after;            /* <0: off; 0: next allocation fails */
};

/*
 * Unchecked big-endian doubleword load for walkers that have already
 * checked `aaddr + 8 <= st->size`.  memcpy + be64toh compiles to one load
 * and a bswap on little-endian hosts and to a plain load on big-endian ones.
 */
static inline uint64_t storage_ld8_fast(const struct gm_storage *st, uint64_t aaddr)
{
	uint64_t v;

	memcpy(&v, st->mem + aaddr, 8);
	return be64toh(v);
}

static inline void storage_st8_fast(struct gm_storage *st, uint64_t aaddr, uint64_t val)
{
	uint64_t v = htobe64(val);

	memcpy(st->mem + aaddr, &v, 8);
}

/* A storage_host_zalloc() object the caller keeps but no longer counts (free() it). */
static inline void storage_host_uncount(struct gm_storage *st, size_t size)
{
	st->host_objects--;
	st->host_bytes -= size;
}

/* 1 when [aaddr, aaddr+len) lies inside storage, with no wrap. */
static inline int storage_in_range(const struct gm_storage *st, uint64_t aaddr, uint64_t len)
{
	return aaddr <= st->size && len <= st->size - aaddr;
}

#endif
