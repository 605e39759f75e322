/* SPDX-License-Identifier: MIT */
/*
 * dat-ref.h — the reference DAT walker of tests/test-datdiff.c, a second,
 * deliberately naive walker written straight from docs/dat-reference.md
 * (§6.1 the order of checks, §6.2 the codes, §7 the TEID, §9 prefixing and
 * the decisions of §0).  It shares no code with lib/dat.c.  Included by
 * tests/test-datdiff.c and by fuzz/fuzz-dat.c (which compares every fuzzed
 * walk with it), so it is header-only and needs no test framework.
 */
#ifndef GMAP_TEST_DAT_REF_H
#define GMAP_TEST_DAT_REF_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "gmap/dat.h"
#include "gmap/storage.h"

struct ref_result {
	int rc;
	uint64_t raddr, aaddr, teid;
	bool teid_valid, protect, noexec;
	unsigned frame;
	/* reached an EDAT-1 segment frame with CS=1 (see KNOWN_CS_LARGE) */
	/* the entries read, for the failure report */
	unsigned n;
	uint64_t where[5], what[5];
};

/*
 * Fetch the doubleword at origin + off as an absolute address: no
 * prefixing and no wrap (§0, §6.1 last bullet).  Return false when any of
 * its 8 bytes lies outside storage, which is an addressing exception.
 */
static bool ref_fetch(const struct gm_storage *st, struct ref_result *r, uint64_t origin,
		      uint64_t off, uint64_t *e)
{
	uint64_t size = storage_size(st);
	uint64_t addr;

	if (origin > UINT64_MAX - off)
		return false; /* would wrap past 2^64 */
	addr = origin + off;
	if (addr >= size || size - addr < 8)
		return false;
	if (storage_load8(st, addr, e))
		return false;
	if (r->n < 5) {
		r->where[r->n] = addr;
		r->what[r->n] = *e;
		r->n++;
	}
	return true;
}

/* §9: real <-> absolute */
static uint64_t ref_prefix(uint64_t real, uint64_t prefix)
{
	uint64_t blk = real & ~0x1fffULL;

	if (blk == 0)
		return real + prefix;
	if (blk == prefix)
		return real - prefix;
	return real;
}

/* §7: which codes store a TEID (0x12 and 0x05 do not) */
static bool ref_stores_teid(int pic)
{
	return pic == 0x04 || pic == 0x10 || pic == 0x11 || pic == 0x38 || pic == 0x39 ||
	       pic == 0x3a || pic == 0x3b;
}

static int ref_pic(struct ref_result *r, int pic, uint64_t teid)
{
	r->rc = pic;
	if (ref_stores_teid(pic)) {
		r->teid_valid = true;
		r->teid = teid;
	}
	return pic;
}

static int ref_translate(const struct gm_storage *st, const struct dat_env *env, uint64_t asce,
			 uint64_t va, enum dat_access acc, struct ref_result *r)
{
	bool edat1 = env->edat1;
	bool edat2 = env->edat1 && env->edat2;
	bool iep = env->iep;
	bool asce_p = (asce & 0x100) != 0;
	uint64_t rfx = (va >> 53) & 0x7ff;
	uint64_t rsx = (va >> 42) & 0x7ff;
	uint64_t rtx = (va >> 31) & 0x7ff;
	uint64_t sx = (va >> 20) & 0x7ff;
	uint64_t px = (va >> 12) & 0xff;
	uint64_t bx = va & 0xfff;
	uint64_t rfx01 = (va >> 62) & 3, rsx01 = (va >> 51) & 3;
	uint64_t rtx01 = (va >> 40) & 3, sx01 = (va >> 29) & 3;
	/* §7: page address | fetch/store indication | AS */
	uint64_t teid = (va & 0xfffffffffffff000ULL) | (acc == DAT_STORE ? 0x400 : 0x800) |
			(uint64_t)(env->as & 3);
	uint64_t dt = (asce >> 2) & 3, tl = asce & 3;
	uint64_t origin = asce & 0xfffffffffffff000ULL;
	uint64_t e, real = 0, abs;
	bool prot = false, noexec = false, absolute = false;
	unsigned frame = 0;

	memset(r, 0, sizeof(*r));

	/* step 1: real-space ASCE */
	if (asce & 0x20) {
		real = va;
		goto prefixing;
	}

	/* step 2: ASCE-type and ASCE.TL checks */
	if (dt == 3) {
		if (rfx01 > tl)
			return ref_pic(r, 0x39, teid);
	} else if (dt == 2) {
		if (rfx != 0)
			return ref_pic(r, 0x38, teid);
		if (rsx01 > tl)
			return ref_pic(r, 0x3a, teid);
	} else if (dt == 1) {
		if (rfx != 0 || rsx != 0)
			return ref_pic(r, 0x38, teid);
		if (rtx01 > tl)
			return ref_pic(r, 0x3b, teid);
	} else {
		if (rfx != 0 || rsx != 0 || rtx != 0)
			return ref_pic(r, 0x38, teid);
		if (sx01 > tl)
			return ref_pic(r, 0x10, teid);
	}

	/* step 3: region-first table */
	if (dt == 3) {
		if (!ref_fetch(st, r, origin, rfx * 8, &e))
			return ref_pic(r, 0x05, teid);
		if (e & 0x20)
			return ref_pic(r, 0x39, teid);
		if ((e & 0xc) != 0xc)
			return ref_pic(r, 0x12, teid);
		if (rsx01 < ((e >> 6) & 3) || rsx01 > (e & 3))
			return ref_pic(r, 0x3a, teid);
		if (edat1 && (e & 0x200))
			prot = true;
		origin = e & 0xfffffffffffff000ULL;
	}
	/* step 4: region-second table */
	if (dt >= 2) {
		if (!ref_fetch(st, r, origin, rsx * 8, &e))
			return ref_pic(r, 0x05, teid);
		if (e & 0x20)
			return ref_pic(r, 0x3a, teid);
		if ((e & 0xc) != 0x8)
			return ref_pic(r, 0x12, teid);
		if (rtx01 < ((e >> 6) & 3) || rtx01 > (e & 3))
			return ref_pic(r, 0x3b, teid);
		if (edat1 && (e & 0x200))
			prot = true;
		origin = e & 0xfffffffffffff000ULL;
	}
	/* step 5: region-third table */
	if (dt >= 1) {
		if (!ref_fetch(st, r, origin, rtx * 8, &e))
			return ref_pic(r, 0x05, teid);
		if (e & 0x20)
			return ref_pic(r, 0x3b, teid);
		if ((e & 0xc) != 0x4)
			return ref_pic(r, 0x12, teid);
		if (edat2 && (e & 0x10) && asce_p)
			return ref_pic(r, 0x12, teid);
		if (edat1 && (e & 0x200))
			prot = true;
		if (edat2 && (e & 0x400)) {
			if (iep && (e & 0x100))
				noexec = true;
			real = (e & 0xffffffff80000000ULL) | (va & 0x7fffffffULL);
			absolute = true;
			frame = 2;
			goto protection;
		}
		if (sx01 < ((e >> 6) & 3) || sx01 > (e & 3))
			return ref_pic(r, 0x10, teid);
		origin = e & 0xfffffffffffff000ULL;
	}
	/* step 6: segment table */
	if (!ref_fetch(st, r, origin, sx * 8, &e))
		return ref_pic(r, 0x05, teid);
	if (e & 0x20)
		return ref_pic(r, 0x10, teid);
	if ((e & 0xc) != 0)
		return ref_pic(r, 0x12, teid);
	if ((e & 0x10) && asce_p)
		return ref_pic(r, 0x12, teid);
	if (e & 0x200)
		prot = true;
	if (edat1 && (e & 0x400)) {
		if (iep && (e & 0x100))
			noexec = true;
		real = (e & 0xfffffffffff00000ULL) | (va & 0xfffffULL);
		absolute = true;
		frame = 1;
		goto protection;
	}
	origin = e & 0xfffffffffffff800ULL;
	/* step 7: page table */
	if (!ref_fetch(st, r, origin, px * 8, &e))
		return ref_pic(r, 0x05, teid);
	if (e & 0x400)
		return ref_pic(r, 0x11, teid);
	if (e & 0x800)
		return ref_pic(r, 0x12, teid);
	if (e & 0x200)
		prot = true;
	if (iep && (e & 0x100))
		noexec = true;
	real = (e & 0xfffffffffffff000ULL) | bx;

protection:
	/* step 8 */
	if (acc == DAT_STORE && prot)
		return ref_pic(r, 0x04, teid | 0x4);
	if (acc == DAT_IFETCH && noexec)
		return ref_pic(r, 0x04, teid | 0x84);
prefixing:
	/* step 9 */
	abs = absolute ? real : ref_prefix(real, env->prefix);
	if (abs >= storage_size(st))
		return ref_pic(r, 0x05, teid);
	r->rc = 0;
	r->raddr = real;
	r->aaddr = abs;
	r->protect = prot;
	r->noexec = noexec;
	r->frame = frame;
	return 0;
}

#endif
