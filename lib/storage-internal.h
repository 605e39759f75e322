/* SPDX-License-Identifier: MIT */
/* Private layout of struct gm_storage, for the hot paths of lib/ only. */
#ifndef GMAP_STORAGE_INTERNAL_H
#define GMAP_STORAGE_INTERNAL_H

#include <endian.h>
#include <stdbool.h>
#include <stddef.h>
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
	/* populated-entry bookkeeping of table frames (see storage_bk_note()) */
	uint64_t *pop;              /* one bit per doubleword: size / 512 words */
	uint64_t *empty;            /* per 2 KB half-frame: its empty entry value */
	size_t bk_bytes;            /* bytes of the pop + empty reservation */
	size_t desc_map;            /* bytes of the descriptors' part of their mapping (page multiple) */
	bool no_census;             /* foreign code stores through pointers (storage_create_at()) */
};

/*
 * Populated-entry bookkeeping.  Every 2 KB half of a table frame (kinds
 * CRST, PT_FRAG, PT_PGSTE) has an "empty" value — what its owner filled it
 * with (storage_table_fill(): 0x20..0x2c for crst tables, 0x400 for PTEs;
 * 0 after storage_alloc(), e.g. for PGSTEs) — and every doubleword one bit
 * in @pop: set exactly when the doubleword differs from its half's empty
 * value.  Every store into storage (the public stores, storage_st8_fast()
 * and the fills) keeps the bits of table frames exact, so the bits of a
 * table are a census of its non-empty entries that no caller can bypass;
 * the checker and the unmap paths use them to visit only populated entries
 * (storage_next_pop()).  The bits of other frames mean nothing.  Storage
 * made by storage_create_at() is written through host pointers by code
 * outside libgmap (the kernel harness), which no census can follow: there
 * every frame reports all entries populated and walks read every entry.
 */
static inline bool storage_kind_is_table(unsigned kind)
{
	return kind == STORAGE_PT_FRAG || kind == STORAGE_PT_PGSTE || kind == STORAGE_CRST;
}

/* Update the bit of the doubleword at @aaddr (8-aligned, inside storage) to @val. */
static inline void storage_bk_note(struct gm_storage *st, uint64_t aaddr, uint64_t val)
{
	if (storage_kind_is_table(st->pages[aaddr >> 12].kind)) {
		uint64_t bit = 1ULL << ((aaddr >> 3) & 63);

		if (val != st->empty[aaddr >> 11])
			st->pop[aaddr >> 9] |= bit;
		else
			st->pop[aaddr >> 9] &= ~bit;
	}
}

/* Re-derive the bits of every doubleword touched by [aaddr, aaddr+len) (in range). */
void storage_bk_sync(struct gm_storage *st, uint64_t aaddr, uint64_t len);

/*
 * storage_pop_word() - the populated bits of the 64 doublewords of the
 * 512-byte block holding @aaddr (bit i = doubleword i), or all ones when
 * the frame keeps no bookkeeping (not a table, a free 2 KB half, outside
 * storage): then every entry must be looked at.
 */
static inline uint64_t storage_pop_word(const struct gm_storage *st, uint64_t aaddr)
{
	const struct storage_page *p;

	if (aaddr >= st->size || st->no_census)
		return ~0ULL;
	p = &st->pages[aaddr >> 12];
	if (!storage_kind_is_table(p->kind) ||
	    (p->kind == STORAGE_PT_FRAG && !(p->frag & ((aaddr & 2048) ? 2 : 1))))
		return ~0ULL;
	return st->pop[aaddr >> 9];
}

/*
 * storage_next_pop() - the first 8-aligned address in [@aaddr, @end) whose
 * doubleword may differ from its table's empty value, or @end.  Skips 64
 * empty entries per step: a walk costs the populated entries (plus one word
 * per 64 entries), not the table size.
 */
static inline uint64_t storage_next_pop(const struct gm_storage *st, uint64_t aaddr, uint64_t end)
{
	while (aaddr < end) {
		uint64_t m = storage_pop_word(st, aaddr) >> ((aaddr >> 3) & 63);

		if (m) {
			aaddr += (uint64_t)__builtin_ctzll(m) << 3;
			return aaddr < end ? aaddr : end;
		}
		aaddr = (aaddr | 511) + 1;
	}
	return end;
}

/*
 * storage_table_fill() - fill the @count doublewords at @aaddr (8-aligned,
 * whole 2 KB halves of a table block) with @empty and make @empty the empty
 * value of those halves: the table then counts no populated entry.
 */
void storage_table_fill(struct gm_storage *st, uint64_t aaddr, uint64_t empty, size_t count);

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

/*
 * The bounds-checked entry load of every table reader (checker, dumps, mm,
 * gmap, tlb): one compare, one load, one byte swap.  false (and *@val
 * untouched) when any byte lies outside storage.
 */
static inline bool storage_ld8_chk(const struct gm_storage *st, uint64_t aaddr, uint64_t *val)
{
	if (aaddr > st->size - 8)
		return false;
	*val = storage_ld8_fast(st, aaddr);
	return true;
}

/* Unchecked doubleword store (inside storage), with the bookkeeping. */
static inline void storage_st8_fast(struct gm_storage *st, uint64_t aaddr, uint64_t val)
{
	uint64_t v = htobe64(val);

	memcpy(st->mem + aaddr, &v, 8);
	if (!(aaddr & 7))
		storage_bk_note(st, aaddr, val);
	else
		storage_bk_sync(st, aaddr, 8);
}

/*
 * storage_host_map() - a big zeroed host object of @size bytes straight
 * from mmap(MAP_NORESERVE): counted and subject to injected failures like
 * storage_host_zalloc(), but the host backs only the pages that are used,
 * with no allocator initialising it (under ASan, the shadow of a heap
 * block is written on allocation and on free: a TLB's first level costs
 * that on every machine).  NULL on failure (or @size 0).  Release with
 * storage_host_unmap() and the same @size.
 */
void *storage_host_map(struct gm_storage *st, size_t size);
void storage_host_unmap(struct gm_storage *st, void *p, size_t size);

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
