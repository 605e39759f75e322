/* SPDX-License-Identifier: MIT */
/*
 * Private layout of struct gm_skey, for cpu_access()'s recording in
 * lib/cpu.c.  Layer skey (docs/layers.txt): above storage, below dat.
 */
#ifndef GMAP_SKEY_INTERNAL_H
#define GMAP_SKEY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gmap/skey.h"

struct gm_skey {
	uint8_t *keys;          /* one byte per 4 KB frame, own reservation */
	uint64_t nframes;
	uint64_t size;          /* bytes of storage covered */
	size_t map_len;         /* length of the reservation */
	struct gm_storage *st;  /* the descriptor is charged to it */
};

/*
 * R (and C for a store) of the frame holding @aaddr, which the caller has
 * already checked to lie inside storage (the copy succeeded).  One OR into a
 * byte: no allocation, no failure.
 */
static inline void skey_record_frame(struct gm_skey *sk, uint64_t aaddr, bool store)
{
	sk->keys[aaddr >> 12] |= store ? (uint8_t)(_PAGE_REFERENCED | _PAGE_CHANGED)
				       : (uint8_t)_PAGE_REFERENCED;
}

#endif
