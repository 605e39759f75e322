/* SPDX-License-Identifier: MIT */
/*
 * fuzz-dat — libFuzzer target for dat_translate() over arbitrary storage
 * contents, ASCEs, addresses, access kinds and facility switches.
 *
 * Every outcome must be an architected one (docs/dat-reference.md §6-§7):
 *   - 0 with the absolute address inside storage, the byte index of the
 *     virtual address kept, no store through a protected translation and
 *     no instruction fetch through an IEP-protected one;
 *   - or one of the PICs DAT can raise (0x04 0x05 0x10 0x11 0x12 0x38-0x3b),
 *     with a TEID exactly for the codes that store one
 *     (dat_pic_stores_teid()), naming the page of the virtual address, the
 *     access kind (facility 75) and the address space;
 *   - deterministic, with the same result when a trace is requested.
 * A violation calls abort() so libFuzzer records the input; sanitizers catch
 * crashes and undefined behaviour.  (abort() lives only in this harness.)
 *
 * Input layout (all integers big-endian):
 *   0..7   ASCE            8..15  virtual address
 *   16     access (mod 3)  17     flags: bit0 EDAT-1, bit1 EDAT-2, bit2 IEP,
 *                                 bits3-4 AS, bit5 fold the ASCE origin
 *                                 into storage, bit6 fold the prefix
 *   18..21 prefix (8 KB aligned, below 2 GB)
 *   then records of 12 bytes: a 4-byte offset (bit 31: fold the value's
 *   origin bits into storage) and an 8-byte value stored big-endian at the
 *   8-aligned offset modulo the storage size.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gmap/dat.h"
#include "gmap/storage.h"

#define FUZZ_STORAGE_SIZE (1ULL << 20)
#define FUZZ_MAX_RECORDS 64

static uint64_t get_be(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < n; i++)
		v = (v << 8) | p[i];
	return v;
}

static void violation(const char *what, int rc, uint64_t asce, uint64_t vaddr, int acc,
		      const struct dat_result *res)
{
	fprintf(stderr,
		"fuzz-dat: %s: rc=%d asce=0x%016llx vaddr=0x%016llx acc=%d aaddr=0x%llx teid=0x%llx teid_valid=%d\n",
		what, rc, (unsigned long long)asce, (unsigned long long)vaddr, acc,
		(unsigned long long)res->aaddr, (unsigned long long)res->teid, res->teid_valid);
	abort();
}

static int pic_is_dat_outcome(int rc)
{
	switch (rc) {
	case PGM_PROTECTION:
	case PGM_ADDRESSING:
	case PGM_SEGMENT_TRANSLATION:
	case PGM_PAGE_TRANSLATION:
	case PGM_TRANSLATION_SPEC:
	case PGM_ASCE_TYPE:
	case PGM_REG_FIRST_TRANS:
	case PGM_REG_SEC_TRANS:
	case PGM_REG_THIRD_TRANS:
		return 1;
	default:
		return 0;
	}
}

/* Harness-only state: one storage reused across inputs, restored to zero. */
static struct gm_storage *fuzz_st;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t written[FUZZ_MAX_RECORDS];
	unsigned nwritten = 0;
	struct dat_env env;
	struct dat_result res, res2, res3;
	struct dat_trace trace;
	uint64_t asce, vaddr;
	enum dat_access acc;
	uint8_t flags;
	int rc, rc2, rc3;

	if (size < 22)
		return 0;
	if (!fuzz_st && storage_create(FUZZ_STORAGE_SIZE, &fuzz_st) != 0)
		abort();

	asce = get_be(data, 8);
	vaddr = get_be(data + 8, 8);
	acc = (enum dat_access)(data[16] % 3);
	flags = data[17];
	memset(&env, 0, sizeof(env));
	env.edat1 = flags & 1;
	env.edat2 = (flags >> 1) & 1;
	env.iep = (flags >> 2) & 1;
	env.as = (flags >> 3) & 3;
	env.prefix = (uint32_t)get_be(data + 18, 4) & 0x7fffe000u;
	if (flags & 0x20)
		asce = (asce & ~_ASCE_ORIGIN) | ((asce & _ASCE_ORIGIN) % FUZZ_STORAGE_SIZE);
	if (flags & 0x40)
		env.prefix = (uint32_t)(env.prefix % FUZZ_STORAGE_SIZE);

	for (size_t off = 22; off + 12 <= size && nwritten < FUZZ_MAX_RECORDS; off += 12) {
		uint32_t where = (uint32_t)get_be(data + off, 4);
		uint64_t val = get_be(data + off + 4, 8);
		uint64_t aaddr = (where & 0x7fffffffu) % FUZZ_STORAGE_SIZE & ~7ULL;

		if (where & 0x80000000u)
			val = (val & 0xfffULL) | ((val & ~0xfffULL) % FUZZ_STORAGE_SIZE);
		if (storage_store8(fuzz_st, aaddr, val) != 0)
			abort();
		written[nwritten++] = aaddr;
	}

	memset(&res, 0, sizeof(res));
	rc = dat_translate(fuzz_st, &env, asce, vaddr, acc, &res, NULL);

	if (rc < 0)
		violation("negative errno for valid arguments", rc, asce, vaddr, acc, &res);
	if (rc == 0) {
		if (res.aaddr >= FUZZ_STORAGE_SIZE)
			violation("absolute address outside storage", rc, asce, vaddr, acc, &res);
		if ((res.aaddr & 0xfff) != (vaddr & 0xfff))
			violation("byte index not preserved", rc, asce, vaddr, acc, &res);
		if (acc == DAT_STORE && res.protect)
			violation("store through a protected translation", rc, asce, vaddr, acc, &res);
		if (acc == DAT_IFETCH && res.noexec && env.iep)
			violation("instruction fetch through IEP", rc, asce, vaddr, acc, &res);
	} else {
		uint64_t fs = acc == DAT_STORE ? TEID_STORE : TEID_FETCH;

		if (!pic_is_dat_outcome(rc))
			violation("not a DAT program-interruption code", rc, asce, vaddr, acc, &res);
		if (res.teid_valid != dat_pic_stores_teid(rc))
			violation("TEID validity disagrees with the PIC", rc, asce, vaddr, acc, &res);
		if (res.teid_valid) {
			if ((res.teid & TEID_ADDR_MASK) != (vaddr & TEID_ADDR_MASK))
				violation("TEID address is not the failing page", rc, asce, vaddr, acc,
					  &res);
			if ((res.teid & TEID_AS_MASK) != env.as)
				violation("TEID AS bits differ from the PSW", rc, asce, vaddr, acc, &res);
			if ((res.teid & (TEID_FETCH | TEID_STORE)) != fs)
				violation("TEID fetch/store indication wrong", rc, asce, vaddr, acc,
					  &res);
		}
		/* P never affects fetches; IEP only instruction fetches. */
		if (rc == PGM_PROTECTION && acc == DAT_FETCH)
			violation("protection exception on an operand fetch", rc, asce, vaddr, acc,
				  &res);
	}

	/* Deterministic, and the trace does not change the outcome. */
	memset(&res2, 0, sizeof(res2));
	rc2 = dat_translate(fuzz_st, &env, asce, vaddr, acc, &res2, NULL);
	memset(&res3, 0, sizeof(res3));
	memset(&trace, 0, sizeof(trace));
	rc3 = dat_translate(fuzz_st, &env, asce, vaddr, acc, &res3, &trace);
	if (rc2 != rc || rc3 != rc)
		violation("not deterministic (or trace changes the result)", rc, asce, vaddr, acc,
			  &res);
	if (rc == 0 && (res2.aaddr != res.aaddr || res3.aaddr != res.aaddr))
		violation("absolute address not deterministic", rc, asce, vaddr, acc, &res);
	if (res.teid_valid && (res2.teid != res.teid || res3.teid != res.teid))
		violation("TEID not deterministic", rc, asce, vaddr, acc, &res);
	if (trace.n > 5)
		violation("trace longer than five levels", rc, asce, vaddr, acc, &res);

	for (unsigned i = 0; i < nwritten; i++)
		if (storage_store8(fuzz_st, written[i], 0) != 0)
			abort();
	return 0;
}
