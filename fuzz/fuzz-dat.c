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
 *   - deterministic, with the same result when a trace is requested;
 *   - equal, field by field, to the naive reference walker of
 *     tests/dat-ref.h (the one tests/test-datdiff.c uses), so a wrong but
 *     architected-looking outcome is found too.
 * A violation calls abort() so libFuzzer records the input; sanitizers catch
 * crashes and undefined behaviour.  (abort() lives only in this harness.)
 *
 * Input layout: fuzz/fuzz-dat-input.h (raw records, or "chain mode" where
 * the records become the entries the walk fetches, level by level).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gmap/dat.h"
#include "gmap/storage.h"

#include "../tests/dat-ref.h"
#include "fuzz-dat-input.h"

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
	struct fuzz_dat_case fc;
	struct dat_env env;
	struct dat_result res, res2, res3;
	struct dat_trace trace;
	struct ref_result want;
	uint64_t asce, vaddr;
	enum dat_access acc;
	int rc, rc2, rc3;

	if (!fuzz_st && storage_create(FUZZ_STORAGE_SIZE, &fuzz_st) != 0)
		abort();
	rc = fuzz_dat_decode(fuzz_st, data, size, &fc);
	if (rc < 0)
		abort();
	if (rc > 0)
		return 0;
	asce = fc.asce;
	vaddr = fc.vaddr;
	acc = fc.acc;
	env = fc.env;

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

	/* The reference walker agrees on everything the architecture fixes. */
	ref_translate(fuzz_st, &env, asce, vaddr, acc, &want);
	if (want.rc != rc)
		violation("return code differs from the reference walker", rc, asce, vaddr, acc,
			  &res);
	if (rc == 0 && (res.raddr != want.raddr || res.aaddr != want.aaddr ||
			res.frame != want.frame || res.protect != want.protect ||
			res.noexec != want.noexec))
		violation("translation differs from the reference walker", rc, asce, vaddr, acc,
			  &res);
	if (rc > 0 && (res.teid_valid != want.teid_valid ||
		       (want.teid_valid && res.teid != want.teid)))
		violation("TEID differs from the reference walker", rc, asce, vaddr, acc, &res);

	fuzz_dat_clear(fuzz_st, &fc);
	return 0;
}
