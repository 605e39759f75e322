/* SPDX-License-Identifier: MIT */
/*
 * nested — the oracle of nested translation (include/gmap/nested.h):
 * guest-3 absolute → guest-2 absolute by guest-2's DAT tables read through
 * the parent gmap, → host absolute by the gmap and the process.  It keeps
 * no cache and changes nothing; the shadow code (lib/shadow.c) and the
 * shadow checker (lib/check-shadow.c) are judged against it.
 *
 * The walk follows dat-reference §6.1 with guest-2's EDAT level, which is
 * also the order of Linux arch/s390/kvm/gaccess.c kvm_s390_shadow_tables()
 * and kvm_s390_shadow_fault() (v4.8+): ASCE type and TL, then per entry
 * I, TT, CR/CS against ASCE.P, P accumulated (region P only with EDAT-1),
 * FC (EDAT-2 at R3, EDAT-1 at the segment level), the next index against
 * TF/TL; PTE I and bit 52; a store through an accumulated P is a
 * protection exception.
 */
#include "export.h"

#include <errno.h>
#include <string.h>

#include "gmap/nested.h"

/* Region sizes below each level: the span one entry of @level maps. */
static unsigned level_shift(unsigned level)
{
	return dat_level_shift(level);
}

/* The two leftmost bits of the index for a table of @level (compared against TF/TL). */
static uint64_t index_hi(uint64_t va, unsigned level)
{
	return (va >> (level_shift(level) + 9)) & 3u;
}

static uint64_t crst_index(uint64_t va, unsigned level)
{
	return (va >> level_shift(level)) & DAT_CRST_INDEX_MASK;
}

int nested_g2_to_host(const struct gmap *parent, uint64_t g2addr, struct nested_host *out)
{
	const struct gm_storage *st;
	uint64_t table, ste, pto, e;

	if (!parent || !out || !parent->mm)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	st = machine_storage_const(parent->mm->machine);
	/* The seed gmap: a region-first table, region entries, then the STE. */
	table = parent->table;
	for (unsigned level = DAT_LEVEL_R1TE; level > DAT_LEVEL_STE; level--) {
		if (storage_load8(st, table + crst_index(g2addr, level) * 8, &e) ||
		    (e & _REGION_ENTRY_INVALID))
			return 1;
		table = e & _REGION_ENTRY_ORIGIN;
	}
	if (storage_load8(st, table + DAT_SX(g2addr) * 8, &ste))
		return 1;
	switch (gmap_ste_state(ste)) {
	case GMAP_STE_STATE_LINKED: {
		struct gmap_pgtable *mp;

		pto = ste & _SEGMENT_ENTRY_ORIGIN;
		mp = mm_pgtable(parent->mm, pto);
		if (mp) {
			out->vmaddr = mp->vmaddr | (g2addr & ~PMD_MASK);
			out->have_vmaddr = true;
		}
		break;
	}
	case GMAP_STE_STATE_MAPPED: {
		/* Not linked yet: the process's own page table for the target. */
		struct dat_env env = { 0 };
		struct dat_result r;
		struct dat_trace tr = { 0 };
		int rc;

		out->vmaddr = (ste & PMD_MASK) | (g2addr & ~PMD_MASK); /* 0x220 | target */
		out->have_vmaddr = true;
		rc = dat_translate(st, &env, mm_asce(parent->mm), out->vmaddr & PAGE_MASK, DAT_FETCH,
				   &r, &tr);
		if (tr.n == 0 || tr.e[tr.n - 1].level != DAT_LEVEL_PTE)
			return 1; /* no process page table there */
		out->ptep = tr.e[tr.n - 1].aaddr;
		out->pte = tr.e[tr.n - 1].value;
		if (rc != 0)
			return 1;
		out->haddr = (out->pte & _PAGE_ORIGIN) | (g2addr & ~PAGE_MASK);
		return 0;
	}
	default:
		return 1; /* EMPTY: guest-2 has no memory at this address */
	}
	out->ptep = pto + DAT_PX(g2addr) * 8;
	if (storage_load8(st, out->ptep, &out->pte))
		return 1;
	if (out->pte & _PAGE_INVALID)
		return 1;
	out->haddr = (out->pte & _PAGE_ORIGIN) | (g2addr & ~PAGE_MASK);
	return 0;
}

/* A DAT exception for guest-2: PIC, and the TEID where the architecture stores one. */
static int nested_pic(struct nested_result *res, uint64_t saddr, enum dat_access acc, int pic,
		      unsigned level)
{
	res->kind = NESTED_PIC;
	res->pic = pic;
	res->level = (uint8_t)level;
	res->teid_valid = pic != PGM_TRANSLATION_SPEC && pic != PGM_ADDRESSING;
	if (res->teid_valid)
		res->teid = (saddr & TEID_ADDR_MASK) | (acc == DAT_STORE ? TEID_STORE : TEID_FETCH) |
			    (pic == PGM_PROTECTION ? TEID_PROT_DAT : 0);
	return 0;
}

/* Read the guest-2 entry at @g2addr into @val; 1 and a host fault when it is not mapped. */
static int nested_read(const struct gmap *parent, uint64_t g2addr, unsigned level, uint64_t *val,
		       struct nested_result *res)
{
	struct nested_host h;

	if (nested_g2_to_host(parent, g2addr, &h) != 0) {
		res->kind = NESTED_HOST_FAULT;
		res->g2addr = g2addr;
		res->host = h;
		res->level = (uint8_t)level;
		return 1;
	}
	if (storage_load8(machine_storage_const(parent->mm->machine), h.haddr, val)) {
		res->kind = NESTED_HOST_FAULT; /* cannot happen with a valid pte */
		res->g2addr = g2addr;
		res->host = h;
		res->level = (uint8_t)level;
		return 1;
	}
	if (res->ntrace < 5)
		res->trace[res->ntrace++] = (struct nested_trace_entry){ g2addr, *val, (uint8_t)level };
	return 0;
}

int nested_translate(const struct gmap *parent, uint64_t asce, unsigned edat_level, uint64_t saddr,
		     enum dat_access acc, struct nested_result *res)
{
	bool edat1 = edat_level >= 1, edat2 = edat_level >= 2, prot = false;
	uint64_t origin, g2, e;
	unsigned level, top;

	if (!parent || !res || !parent->mm || edat_level > 2 ||
	    (acc != DAT_FETCH && acc != DAT_STORE && acc != DAT_IFETCH))
		return -EINVAL;
	memset(res, 0, sizeof(*res));

	if (asce & _ASCE_REAL_SPACE) {
		g2 = saddr;
		res->frame = 3;
		goto host;
	}

	/* Step 2: the index fields above the first table must be zero (0x38), then TL. */
	top = DAT_LEVEL_STE + (unsigned)(dat_asce_type(asce) >> 2);
	if (top < DAT_LEVEL_R1TE && (saddr >> (level_shift(top) + 11)) != 0)
		return nested_pic(res, saddr, acc, PGM_ASCE_TYPE, top);
	if (index_hi(saddr, top) > dat_entry_tl(asce))
		return nested_pic(res, saddr, acc,
				  top == DAT_LEVEL_STE ? PGM_SEGMENT_TRANSLATION
						       : PGM_REG_FIRST_TRANS + (DAT_LEVEL_R1TE - top),
				  top);
	origin = asce & _ASCE_ORIGIN;

	/* Steps 3-5: region levels. */
	for (level = top; level > DAT_LEVEL_STE; level--) {
		int inv_pic = PGM_REG_FIRST_TRANS + (int)(DAT_LEVEL_R1TE - level);
		int next_pic = level == DAT_LEVEL_R3TE ? PGM_SEGMENT_TRANSLATION : inv_pic + 1;

		if (nested_read(parent, origin + crst_index(saddr, level) * 8, level, &e, res))
			return 0;
		if (e & _REGION_ENTRY_INVALID)
			return nested_pic(res, saddr, acc, inv_pic, level);
		if ((e & _REGION_ENTRY_TYPE_MASK) != dat_level_tt(level))
			return nested_pic(res, saddr, acc, PGM_TRANSLATION_SPEC, level);
		if (level == DAT_LEVEL_R3TE && edat2 && (e & _REGION3_ENTRY_CR) &&
		    (asce & _ASCE_PRIVATE_SPACE))
			return nested_pic(res, saddr, acc, PGM_TRANSLATION_SPEC, level);
		if (edat1 && (e & _REGION_ENTRY_PROTECT))
			prot = true;
		if (level == DAT_LEVEL_R3TE && edat2 && (e & _REGION3_ENTRY_LARGE)) {
			g2 = (e & _REGION3_ENTRY_ORIGIN_LARGE) | (saddr & (PUD_SIZE - 1));
			res->frame = 2;
			goto frame;
		}
		if (!dat_tf_tl_ok(e, index_hi(saddr, level - 1)))
			return nested_pic(res, saddr, acc, next_pic, level);
		origin = e & _REGION_ENTRY_ORIGIN;
	}

	/* Step 6: the segment-table entry. */
	if (nested_read(parent, origin + DAT_SX(saddr) * 8, DAT_LEVEL_STE, &e, res))
		return 0;
	if (e & _SEGMENT_ENTRY_INVALID)
		return nested_pic(res, saddr, acc, PGM_SEGMENT_TRANSLATION, DAT_LEVEL_STE);
	if (e & _SEGMENT_ENTRY_TYPE_MASK)
		return nested_pic(res, saddr, acc, PGM_TRANSLATION_SPEC, DAT_LEVEL_STE);
	if ((e & _SEGMENT_ENTRY_COMMON) && (asce & _ASCE_PRIVATE_SPACE))
		return nested_pic(res, saddr, acc, PGM_TRANSLATION_SPEC, DAT_LEVEL_STE);
	if (e & _SEGMENT_ENTRY_PROTECT)
		prot = true;
	if (edat1 && (e & _SEGMENT_ENTRY_LARGE)) {
		g2 = (e & _SEGMENT_ENTRY_ORIGIN_LARGE) | (saddr & ~PMD_MASK);
		res->frame = 1;
		goto frame;
	}

	/* Step 7: the page-table entry. */
	origin = e & _SEGMENT_ENTRY_ORIGIN;
	if (nested_read(parent, origin + DAT_PX(saddr) * 8, DAT_LEVEL_PTE, &e, res))
		return 0;
	if (e & _PAGE_INVALID)
		return nested_pic(res, saddr, acc, PGM_PAGE_TRANSLATION, DAT_LEVEL_PTE);
	if (e & _PAGE_ZERO)
		return nested_pic(res, saddr, acc, PGM_TRANSLATION_SPEC, DAT_LEVEL_PTE);
	if (e & _PAGE_PROTECT)
		prot = true;
	g2 = (e & _PAGE_ORIGIN) | (saddr & ~PAGE_MASK);

frame:
	/* Step 8: protection after a complete walk. */
	res->protect = prot;
	if (acc == DAT_STORE && prot)
		return nested_pic(res, saddr, acc, PGM_PROTECTION, DAT_LEVEL_PTE);
host:
	res->g2addr = g2;
	if (nested_g2_to_host(parent, g2, &res->host) != 0) {
		res->kind = NESTED_HOST_FAULT;
		res->level = DAT_LEVEL_PTE;
		return 0;
	}
	res->kind = NESTED_OK;
	res->haddr = res->host.haddr;
	return 0;
}
