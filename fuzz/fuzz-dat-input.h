/* SPDX-License-Identifier: MIT */
/*
 * fuzz-dat-input.h — how fuzz/fuzz-dat.c turns bytes into a DAT case; also
 * used by tests/test-datdiff.c to check that the checked-in corpus reaches
 * every outcome and by its corpus export.  Header-only, no library state.
 *
 * Input layout (all integers big-endian):
 *   0..7   ASCE            8..15  virtual address
 *   16     access (mod 3)  17     flags: bit0 EDAT-1, bit1 EDAT-2 (only
 *                                 with EDAT-1, as facility 78 needs 8),
 *                                 bit2 IEP, bits3-4 AS, bit5 fold the ASCE
 *                                 origin into storage, bit6 fold the
 *                                 prefix, bit7 chain mode (below)
 *   18..21 prefix (8 KB aligned, below 2 GB)
 *   then records of 12 bytes: a 4-byte offset (bit 31: fold the value's
 *   origin bits into storage) and an 8-byte value.
 *
 * Raw mode: each record's value is stored big-endian at the 8-aligned
 * offset modulo the storage size.  Chain mode: the first records are the
 * entries the walk will fetch, top table first: each goes to the entry
 * address the walk computes from the origin so far (the ASCE's, folded
 * into storage) and the virtual address's index for that level, so random
 * bytes reach every level without having to guess table addresses; the
 * offset field is then ignored except for bit 31.  Records left over are
 * raw stores (aliases, neighbours).
 */
#ifndef GMAP_FUZZ_DAT_INPUT_H
#define GMAP_FUZZ_DAT_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "gmap/dat.h"
#include "gmap/storage.h"

#define FUZZ_STORAGE_SIZE (1ULL << 20)
#define FUZZ_MAX_RECORDS 64
#define FUZZ_HEADER 22
#define FUZZ_RECORD 12
#define FUZZ_FLAG_CHAIN 0x80u

struct fuzz_dat_case {
	uint64_t asce, vaddr;
	enum dat_access acc;
	struct dat_env env;
	unsigned nwritten;
	uint64_t written[FUZZ_MAX_RECORDS]; /* absolute addresses stored to */
};

static inline uint64_t fuzz_get_be(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < n; i++)
		v = (v << 8) | p[i];
	return v;
}

static inline uint64_t fuzz_fold_origin(uint64_t v)
{
	return (v & 0xfffULL) | ((v & ~0xfffULL) % FUZZ_STORAGE_SIZE);
}

static inline int fuzz_store(struct gm_storage *st, struct fuzz_dat_case *c, uint64_t aaddr,
			     uint64_t val)
{
	if (c->nwritten >= FUZZ_MAX_RECORDS || storage_store8(st, aaddr, val) != 0)
		return -1;
	c->written[c->nwritten++] = aaddr;
	return 0;
}

/* Index of @va into the table of @level (4 R1 … 1 segment, 0 page). */
static inline uint64_t fuzz_index(uint64_t va, unsigned level)
{
	return level == 0 ? (va >> 12) & 0xff : (va >> (20 + 11 * (level - 1))) & 0x7ff;
}

/*
 * Decode @data into @c and store its records into @st (a zeroed storage of
 * FUZZ_STORAGE_SIZE bytes).  Return: 0, 1 when the input is too short, -1
 * on a storage error.  The caller zeroes c->written[] afterwards.
 */
static inline int fuzz_dat_decode(struct gm_storage *st, const uint8_t *data, size_t size,
				  struct fuzz_dat_case *c)
{
	uint8_t flags;
	size_t off = FUZZ_HEADER;

	memset(c, 0, sizeof(*c));
	if (size < FUZZ_HEADER)
		return 1;
	c->asce = fuzz_get_be(data, 8);
	c->vaddr = fuzz_get_be(data + 8, 8);
	c->acc = (enum dat_access)(data[16] % 3);
	flags = data[17];
	c->env.edat1 = flags & 1;
	c->env.edat2 = (flags & 1) && (flags & 2);
	c->env.iep = (flags >> 2) & 1;
	c->env.as = (flags >> 3) & 3;
	c->env.prefix = (uint32_t)fuzz_get_be(data + 18, 4) & 0x7fffe000u;
	if (flags & (0x20 | FUZZ_FLAG_CHAIN))
		c->asce = (c->asce & ~_ASCE_ORIGIN) | ((c->asce & _ASCE_ORIGIN) % FUZZ_STORAGE_SIZE);
	if (flags & 0x40)
		c->env.prefix = (uint32_t)(c->env.prefix % FUZZ_STORAGE_SIZE);

	if ((flags & FUZZ_FLAG_CHAIN) && !(c->asce & _ASCE_REAL_SPACE)) {
		uint64_t origin = c->asce & _ASCE_ORIGIN;

		for (int level = (int)((c->asce & _ASCE_TYPE_MASK) >> 2) + 1;
		     level >= 0 && off + FUZZ_RECORD <= size; level--, off += FUZZ_RECORD) {
			uint64_t aaddr = origin + fuzz_index(c->vaddr, (unsigned)level) * 8;
			uint64_t val = fuzz_get_be(data + off + 4, 8);

			if (fuzz_get_be(data + off, 4) & 0x80000000u)
				val = fuzz_fold_origin(val);
			if (aaddr > FUZZ_STORAGE_SIZE - 8)
				break;
			if (fuzz_store(st, c, aaddr, val))
				return -1;
			origin = level == 1 ? val & _SEGMENT_ENTRY_ORIGIN : val & _REGION_ENTRY_ORIGIN;
		}
	}
	for (; off + FUZZ_RECORD <= size && c->nwritten < FUZZ_MAX_RECORDS; off += FUZZ_RECORD) {
		uint32_t where = (uint32_t)fuzz_get_be(data + off, 4);
		uint64_t val = fuzz_get_be(data + off + 4, 8);
		uint64_t aaddr = (where & 0x7fffffffu) % FUZZ_STORAGE_SIZE & ~7ULL;

		if (where & 0x80000000u)
			val = fuzz_fold_origin(val);
		if (fuzz_store(st, c, aaddr, val))
			return -1;
	}
	return 0;
}

/* Zero what fuzz_dat_decode() stored, for the next input. */
static inline void fuzz_dat_clear(struct gm_storage *st, const struct fuzz_dat_case *c)
{
	for (unsigned i = 0; i < c->nwritten; i++)
		(void)storage_store8(st, c->written[i], 0);
}

#endif
