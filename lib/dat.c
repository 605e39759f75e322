/* SPDX-License-Identifier: MIT */
/*
 * z/Architecture dynamic address translation (Principles of Operation,
 * chapter 3, "Dynamic Address Translation"), walked in the order of
 * docs/dat-reference.md §6.1 — the order of KVM's guest_translate()
 * (arch/s390/kvm/gaccess.c) and of the architecture:
 *
 *   ASCE: R → real; DT range (0x38); TL of the first table.
 *   each region entry: fetch (0x05) → I → TT → CR with private ASCE
 *     (EDAT-2) → P (EDAT-1) → FC (EDAT-2, R3TE) → TF/TL of the next index;
 *   segment entry: fetch → I → TT → CS with private ASCE → P → FC (EDAT-1);
 *   page entry: fetch → I → bit 52 → P → IEP;
 *   then protection (store with P, ifetch with IEP), prefixing of real
 *   results (large frames are absolute), addressing of the result.
 *
 * The walk is one function with no calls per level: each entry fetch has
 * exactly one bounds check and one big-endian load (storage_ld8_fast()).
 * Nothing is cached or allocated; the trace is written only when given.
 */
#include "export.h"

#include <errno.h>

#include "storage-internal.h"

/*
 * The translation exception of the table at each level: raised when that
 * table's entry is invalid or when its index fails the TL/TF check of the
 * entry (or ASCE) that designates the table.
 */
static const uint8_t xlate_pic[5] = {
	[DAT_LEVEL_PTE] = PGM_PAGE_TRANSLATION,
	[DAT_LEVEL_STE] = PGM_SEGMENT_TRANSLATION,
	[DAT_LEVEL_R3TE] = PGM_REG_THIRD_TRANS,
	[DAT_LEVEL_R2TE] = PGM_REG_SEC_TRANS,
	[DAT_LEVEL_R1TE] = PGM_REG_FIRST_TRANS,
};

/* Shift of the index of the table at level 1..4 (SX, RTX, RSX, RFX). */
#define LEVEL_SHIFT(lvl) (9u + 11u * (lvl))

static inline void trace_add(struct dat_trace *trace, uint64_t aaddr, uint64_t value,
			     unsigned lvl)
{
	struct dat_trace_entry *t = &trace->e[trace->n++];

	t->aaddr = aaddr;
	t->value = value;
	t->level = (uint8_t)lvl;
}

int dat_translate(const struct gm_storage *st, const struct dat_env *env, uint64_t asce,
		  uint64_t vaddr, enum dat_access acc, struct dat_result *res,
		  struct dat_trace *trace)
{
	uint64_t lim, origin, off, eaddr, e, real = 0, abs = 0;
	unsigned lvl, shift, hi;
	bool edat1, edat2, iep, prot = false, noexec = false;
	uint8_t frame = 0;
	int pic;

	if (!st || !env || !res || (unsigned)acc > DAT_IFETCH)
		return -EINVAL;
	/* The caller derives these (edat2 implies edat1); used as given. */
	edat1 = env->edat1;
	edat2 = env->edat2;
	iep = env->iep;
	/* storage_create() guarantees size >= 64 KB, so this cannot wrap. */
	lim = st->size - 8;
	if (trace)
		trace->n = 0;

	/* Real-space control (ASCE bit 58): no tables, DT/TL/origin ignored. */
	if (asce & _ASCE_REAL_SPACE) {
		lvl = DAT_LEVEL_PTE;
		real = vaddr;
		goto real_result;
	}

	lvl = (unsigned)((asce & _ASCE_TYPE_MASK) >> 2) + 1;
	shift = LEVEL_SHIFT(lvl);
	/* ASCE-type exception: index fields above the first table non-zero. */
	if (lvl < DAT_LEVEL_R1TE && (vaddr >> (shift + 11)) != 0) {
		pic = PGM_ASCE_TYPE;
		goto xlate_exc;
	}
	/* The ASCE's TL guards the first table (its TF is 0). */
	if (((vaddr >> (shift + 9)) & 3) > (asce & _ASCE_TABLE_LENGTH)) {
		pic = xlate_pic[lvl];
		goto xlate_exc;
	}
	origin = asce & _ASCE_ORIGIN;

	/* Region levels, R1 → R3; lvl is the level of the entry fetched. */
	for (; lvl > DAT_LEVEL_STE; lvl--) {
		off = ((vaddr >> shift) & DAT_CRST_INDEX_MASK) << 3;
		/* origin + off + 8 <= size, without wrap-around (off < 16 KB). */
		if (origin > lim - off)
			goto table_addressing;
		eaddr = origin + off;
		e = storage_ld8_fast(st, eaddr);
		if (trace)
			trace_add(trace, eaddr, e, lvl);
		if (e & _REGION_ENTRY_INVALID) {
			pic = xlate_pic[lvl];
			goto xlate_exc;
		}
		if ((e & _REGION_ENTRY_TYPE_MASK) != (uint64_t)(lvl - 1) << 2)
			goto spec_exc;
		/* Common region in a private space (EDAT-2). */
		if (lvl == DAT_LEVEL_R3TE && edat2 && (e & _REGION3_ENTRY_CR) &&
		    (asce & _ASCE_PRIVATE_SPACE))
			goto spec_exc;
		/* Region P is defined only with EDAT-1 (ignored otherwise). */
		if (edat1 && (e & _REGION_ENTRY_PROTECT))
			prot = true;
		if (lvl == DAT_LEVEL_R3TE && edat2 && (e & _REGION3_ENTRY_LARGE)) {
			/* 2 GB region frame (absolute); its TF/TL are not looked at. */
			noexec = iep && (e & _REGION3_ENTRY_IEP);
			abs = (e & _REGION3_ENTRY_ORIGIN_LARGE) | (vaddr & (PUD_SIZE - 1));
			real = abs;
			frame = 2;
			goto frame_found;
		}
		shift -= 11;
		hi = (unsigned)(vaddr >> (shift + 9)) & 3;
		if (hi < dat_entry_tf(e) || hi > dat_entry_tl(e)) {
			pic = xlate_pic[lvl - 1];
			goto xlate_exc;
		}
		origin = e & _REGION_ENTRY_ORIGIN;
	}

	/* Segment-table entry. */
	off = DAT_SX(vaddr) << 3;
	if (origin > lim - off)
		goto table_addressing;
	eaddr = origin + off;
	e = storage_ld8_fast(st, eaddr);
	if (trace)
		trace_add(trace, eaddr, e, DAT_LEVEL_STE);
	if (e & _SEGMENT_ENTRY_INVALID) {
		pic = PGM_SEGMENT_TRANSLATION;
		goto xlate_exc;
	}
	if (e & _SEGMENT_ENTRY_TYPE_MASK)
		goto spec_exc;
	if ((e & _SEGMENT_ENTRY_COMMON) && (asce & _ASCE_PRIVATE_SPACE))
		goto spec_exc;
	/* STE P is honoured with or without EDAT. */
	prot |= (e & _SEGMENT_ENTRY_PROTECT) != 0;
	if (edat1 && (e & _SEGMENT_ENTRY_LARGE)) {
		/* 1 MB segment frame: SFAA is absolute. */
		noexec = iep && (e & _SEGMENT_ENTRY_IEP);
		abs = (e & _SEGMENT_ENTRY_ORIGIN_LARGE) | (vaddr & (PMD_SIZE - 1));
		real = abs;
		frame = 1;
		goto frame_found;
	}

	/* Page-table entry. */
	lvl = DAT_LEVEL_PTE;
	origin = e & _SEGMENT_ENTRY_ORIGIN;
	off = DAT_PX(vaddr) << 3;
	if (origin > lim - off)
		goto table_addressing;
	eaddr = origin + off;
	e = storage_ld8_fast(st, eaddr);
	if (trace)
		trace_add(trace, eaddr, e, DAT_LEVEL_PTE);
	/* I before bit 52: I and bit 52 together give 0x11. */
	if (e & _PAGE_INVALID) {
		pic = PGM_PAGE_TRANSLATION;
		goto xlate_exc;
	}
	if (e & _PAGE_ZERO)
		goto spec_exc;
	prot |= (e & _PAGE_PROTECT) != 0;
	/* Bit 55 is IEP only when IEP applies; ignored otherwise (QEMU, KVM). */
	noexec = iep && (e & _PAGE_NOEXEC);
	real = (e & _PAGE_ORIGIN) | (vaddr & DAT_BX_MASK);

	/* Protection after a complete walk; the TEID names the 4 KB page. */
	if (acc == DAT_STORE && prot) {
		res->teid = (vaddr & TEID_ADDR_MASK) | TEID_STORE | TEID_PROT_DAT |
			    (env->as & TEID_AS_MASK);
		pic = PGM_PROTECTION;
		goto prot_exc;
	}
	if (acc == DAT_IFETCH && noexec) {
		res->teid = (vaddr & TEID_ADDR_MASK) | TEID_FETCH | TEID_PROT_IEP |
			    (env->as & TEID_AS_MASK);
		pic = PGM_PROTECTION;
		goto prot_exc;
	}
real_result:
	abs = dat_real_to_abs(real, env->prefix);
	goto check_abs;

frame_found:
	if (acc == DAT_STORE && prot) {
		res->teid = (vaddr & TEID_ADDR_MASK) | TEID_STORE | TEID_PROT_DAT |
			    (env->as & TEID_AS_MASK);
		pic = PGM_PROTECTION;
		goto prot_exc;
	}
	if (acc == DAT_IFETCH && noexec) {
		res->teid = (vaddr & TEID_ADDR_MASK) | TEID_FETCH | TEID_PROT_IEP |
			    (env->as & TEID_AS_MASK);
		pic = PGM_PROTECTION;
		goto prot_exc;
	}
check_abs:
	res->raddr = real;
	res->aaddr = abs;
	res->protect = prot;
	res->noexec = noexec;
	res->frame = frame;
	res->level = (uint8_t)lvl;
	if (abs >= st->size) {
		/* Addressing: the result lies outside configured storage; no TEID. */
		res->teid = 0;
		res->teid_valid = false;
		return PGM_ADDRESSING;
	}
	res->teid = 0;
	res->teid_valid = false;
	return 0;

table_addressing:
	/* A table entry outside storage: addressing, no TEID (§7). */
	if (trace)
		trace_add(trace, origin + off, 0, lvl);
	pic = PGM_ADDRESSING;
	res->teid = 0;
	res->teid_valid = false;
	goto fail;
spec_exc:
	/* Translation specification: no TEID is stored. */
	pic = PGM_TRANSLATION_SPEC;
	res->teid = 0;
	res->teid_valid = false;
	goto fail;
xlate_exc:
	res->teid = (vaddr & TEID_ADDR_MASK) | (acc == DAT_STORE ? TEID_STORE : TEID_FETCH) |
		    (env->as & TEID_AS_MASK);
	res->teid_valid = true;
fail:
	res->raddr = 0;
	res->aaddr = 0;
	res->protect = prot;
	res->noexec = noexec;
	res->frame = frame;
	res->level = (uint8_t)lvl;
	return pic;
prot_exc:
	res->teid_valid = true;
	res->raddr = real;
	res->aaddr = 0;
	res->protect = prot;
	res->noexec = noexec;
	res->frame = frame;
	res->level = (uint8_t)lvl;
	return pic;
}

const char *dat_pic_name(int pic)
{
	switch (pic) {
	case 0x0001:
		return "operation exception";
	case 0x0002:
		return "privileged-operation exception";
	case 0x0003:
		return "execute exception";
	case PGM_PROTECTION:
		return "protection exception";
	case PGM_ADDRESSING:
		return "addressing exception";
	case PGM_SPECIFICATION:
		return "specification exception";
	case 0x0007:
		return "data exception";
	case PGM_SEGMENT_TRANSLATION:
		return "segment-translation exception";
	case PGM_PAGE_TRANSLATION:
		return "page-translation exception";
	case PGM_TRANSLATION_SPEC:
		return "translation-specification exception";
	case 0x0013:
		return "special-operation exception";
	case PGM_ASCE_TYPE:
		return "ASCE-type exception";
	case PGM_REG_FIRST_TRANS:
		return "region-first-translation exception";
	case PGM_REG_SEC_TRANS:
		return "region-second-translation exception";
	case PGM_REG_THIRD_TRANS:
		return "region-third-translation exception";
	default:
		return "unknown program interruption";
	}
}

const char *dat_level_name(enum dat_level level)
{
	switch (level) {
	case DAT_LEVEL_PTE:
		return "pte";
	case DAT_LEVEL_STE:
		return "ste";
	case DAT_LEVEL_R3TE:
		return "r3te";
	case DAT_LEVEL_R2TE:
		return "r2te";
	case DAT_LEVEL_R1TE:
		return "r1te";
	default:
		return "unknown";
	}
}
