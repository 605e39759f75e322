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
 *
 * Layer dat (docs/layers.txt): owns the translation walk; calls only
 * storage, never caches or allocates.
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

static inline void trace_add(struct dat_trace *trace, uint64_t aaddr, uint64_t value,
			     unsigned lvl)
{
	struct dat_trace_entry *t = &trace->e[trace->n++];

	t->aaddr = aaddr;
	t->value = value;
	t->level = (uint8_t)lvl;
}

/* The accumulated P (bit 54) and IEP (bit 55) sit at the same position in
 * every entry format, so one word carries both along the walk. */
#define FL_PROT _PAGE_PROTECT  /* 0x200 */
#define FL_NOEXEC _PAGE_NOEXEC /* 0x100 */

/*
 * Fetch the entry at origin + off of level lvl_.  Table entries are used as
 * absolute addresses, without prefixing and without wrap (§6.1); since
 * off < 16 KB <= size - 8, "origin > lim - off" is exactly
 * "origin + off + 8 > size", with no overflow: one compare per entry.
 */
#define FETCH(lvl_, off_)                                                                  \
	do {                                                                               \
		lvl = (lvl_);                                                              \
		off = (off_);                                                              \
		if (origin > lim - off)                                                    \
			goto table_addressing;                                             \
		e = storage_ld8_fast(st, origin + off);                                    \
		if (trace)                                                                 \
			trace_add(trace, origin + off, e, lvl);                            \
	} while (0)

/* The TF/TL of a region entry guard the leftmost two bits of the next index;
 * a violation is the next table's translation exception. */
#define NEXT_TF_TL(hi_)                                                                    \
	do {                                                                               \
		unsigned hi = (unsigned)(hi_);                                             \
		if (hi < dat_entry_tf(e) || hi > dat_entry_tl(e)) {                        \
			pic = xlate_pic[lvl - 1];                                          \
			goto xlate_exc;                                                    \
		}                                                                          \
	} while (0)

/* Keep the full walk out of line so the fast path stays small (a hint only). */
#if defined(__GNUC__)
#define DAT_NOINLINE __attribute__((noinline))
#else
#define DAT_NOINLINE
#endif

/*
 * dat_walk() - the complete walk, every rule of §6.1 in order, with the
 * trace.
 */
static DAT_NOINLINE int dat_walk(const struct gm_storage *st, const struct dat_env *env,
				 uint64_t asce, uint64_t vaddr, enum dat_access acc,
				 struct dat_result *res, struct dat_trace *trace)
{
	uint64_t lim, origin, off = 0, e = 0, real, abs, flags = 0;
	uint64_t rp_mask, iep_mask, seg_mask, r3_mask, deny;
	unsigned lvl;
	uint8_t frame = 0;
	int pic;

	/* storage_create() guarantees size >= 64 KB, so this cannot wrap. */
	lim = st->size - 8;
	if (trace)
		trace->n = 0;

	/*
	 * The facility switches become masks so that the common path tests
	 * each entry once: an entry with any unusual bit set leaves the fast
	 * path and is sorted out there in the architected order.  Region P
	 * counts only with EDAT-1, bit 55 only when IEP applies.
	 */
	rp_mask = env->edat1 ? _REGION_ENTRY_PROTECT : 0;
	iep_mask = env->iep ? FL_NOEXEC : 0;
	r3_mask = env->edat2 ? (_REGION3_ENTRY_CR | _REGION3_ENTRY_LARGE) : 0;
	seg_mask = _SEGMENT_ENTRY_INVALID | _SEGMENT_ENTRY_TYPE_MASK |
		   ((asce & _ASCE_PRIVATE_SPACE) ? _SEGMENT_ENTRY_COMMON : 0) |
		   (env->edat1 ? _SEGMENT_ENTRY_LARGE : 0);
	deny = acc == DAT_STORE ? FL_PROT : acc == DAT_IFETCH ? FL_NOEXEC : 0;

	/* Real-space control (ASCE bit 58): no tables; DT, TL, origin ignored. */
	if (asce & _ASCE_REAL_SPACE) {
		lvl = DAT_LEVEL_PTE;
		real = vaddr;
		goto real_result;
	}

	/*
	 * The index fields above the first table must be zero (else
	 * ASCE-type), then the ASCE's TL guards the first index (TF is 0).
	 */
	origin = asce & _ASCE_ORIGIN;
	switch (asce & _ASCE_TYPE_MASK) {
	case _ASCE_TYPE_REGION1:
		lvl = DAT_LEVEL_R1TE;
		if ((vaddr >> 62) > (asce & _ASCE_TABLE_LENGTH)) {
			pic = PGM_REG_FIRST_TRANS;
			goto xlate_exc;
		}
		goto r1;
	case _ASCE_TYPE_REGION2:
		lvl = DAT_LEVEL_R2TE;
		if (vaddr >> 53) {
			pic = PGM_ASCE_TYPE;
			goto xlate_exc;
		}
		if ((vaddr >> 51) > (asce & _ASCE_TABLE_LENGTH)) {
			pic = PGM_REG_SEC_TRANS;
			goto xlate_exc;
		}
		goto r2;
	case _ASCE_TYPE_REGION3:
		lvl = DAT_LEVEL_R3TE;
		if (vaddr >> 42) {
			pic = PGM_ASCE_TYPE;
			goto xlate_exc;
		}
		if ((vaddr >> 40) > (asce & _ASCE_TABLE_LENGTH)) {
			pic = PGM_REG_THIRD_TRANS;
			goto xlate_exc;
		}
		goto r3;
	default:
		lvl = DAT_LEVEL_STE;
		if (vaddr >> 31) {
			pic = PGM_ASCE_TYPE;
			goto xlate_exc;
		}
		if ((vaddr >> 29) > (asce & _ASCE_TABLE_LENGTH)) {
			pic = PGM_SEGMENT_TRANSLATION;
			goto xlate_exc;
		}
		goto ste;
	}

r1:	/* region-first entry: I → TT → P (EDAT-1) → TF/TL for RSX */
	FETCH(DAT_LEVEL_R1TE, DAT_RFX(vaddr) << 3);
	if ((e & (_REGION_ENTRY_INVALID | _REGION_ENTRY_TYPE_MASK)) != _REGION_ENTRY_TYPE_R1)
		goto region_bad;
	flags |= e & rp_mask;
	NEXT_TF_TL((vaddr >> 51) & 3);
	origin = e & _REGION_ENTRY_ORIGIN;
r2:	/* region-second entry: I → TT → P (EDAT-1) → TF/TL for RTX */
	FETCH(DAT_LEVEL_R2TE, DAT_RSX(vaddr) << 3);
	if ((e & (_REGION_ENTRY_INVALID | _REGION_ENTRY_TYPE_MASK)) != _REGION_ENTRY_TYPE_R2)
		goto region_bad;
	flags |= e & rp_mask;
	NEXT_TF_TL((vaddr >> 40) & 3);
	origin = e & _REGION_ENTRY_ORIGIN;
r3:	/* region-third entry: I → TT → CR (EDAT-2) → P → FC (EDAT-2) → TF/TL for SX */
	FETCH(DAT_LEVEL_R3TE, DAT_RTX(vaddr) << 3);
	if ((e & (_REGION_ENTRY_INVALID | _REGION_ENTRY_TYPE_MASK)) != _REGION_ENTRY_TYPE_R3)
		goto region_bad;
	flags |= e & rp_mask;
	if (e & r3_mask) {
		/* A common region in a private space (EDAT-2). */
		if ((e & _REGION3_ENTRY_CR) && (asce & _ASCE_PRIVATE_SPACE))
			goto spec_exc;
		if (e & _REGION3_ENTRY_LARGE) {
			/* 2 GB region frame, absolute; its TF/TL are not looked at. */
			flags |= e & iep_mask;
			abs = (e & _REGION3_ENTRY_ORIGIN_LARGE) | (vaddr & (PUD_SIZE - 1));
			frame = 2;
			goto frame_result;
		}
	}
	NEXT_TF_TL((vaddr >> 29) & 3);
	origin = e & _REGION_ENTRY_ORIGIN;
ste:	/* segment entry: I → TT → CS under ASCE.P → P → FC (EDAT-1) */
	FETCH(DAT_LEVEL_STE, DAT_SX(vaddr) << 3);
	if (e & seg_mask) {
		if (e & _SEGMENT_ENTRY_INVALID) {
			pic = PGM_SEGMENT_TRANSLATION;
			goto xlate_exc;
		}
		/* TT != 00, or CS=1 under ASCE.P=1: seg_mask holds CS only then,
		 * so a common 1 MB frame of a non-private space goes on. */
		if (e & seg_mask & (_SEGMENT_ENTRY_TYPE_MASK | _SEGMENT_ENTRY_COMMON))
			goto spec_exc;
		/* FC=1 under EDAT-1: a 1 MB segment frame, absolute; no page table. */
		flags |= e & (FL_PROT | iep_mask);
		abs = (e & _SEGMENT_ENTRY_ORIGIN_LARGE) | (vaddr & (PMD_SIZE - 1));
		frame = 1;
		goto frame_result;
	}
	/* STE P is honoured with or without EDAT. */
	flags |= e & _SEGMENT_ENTRY_PROTECT;
	origin = e & _SEGMENT_ENTRY_ORIGIN;

	/* page entry: I → bit 52 → P → IEP */
	FETCH(DAT_LEVEL_PTE, DAT_PX(vaddr) << 3);
	if (e & (_PAGE_INVALID | _PAGE_ZERO)) {
		/* I before bit 52: both together give 0x11. */
		if (e & _PAGE_INVALID) {
			pic = PGM_PAGE_TRANSLATION;
			goto xlate_exc;
		}
		goto spec_exc;
	}
	flags |= e & (FL_PROT | iep_mask);
	real = (e & _PAGE_ORIGIN) | (vaddr & DAT_BX_MASK);
	/* Protection only after a complete walk (§6.1 step 8). */
	if (flags & deny)
		goto prot_exc;
real_result:
	abs = dat_real_to_abs(real, env->prefix);
	goto result;

frame_result:
	real = abs;
	if (flags & deny)
		goto prot_exc;
result:
	res->raddr = real;
	res->aaddr = abs;
	res->teid = 0;
	res->teid_valid = false;
	res->protect = (flags & FL_PROT) != 0;
	res->noexec = (flags & FL_NOEXEC) != 0;
	res->frame = frame;
	res->level = (uint8_t)lvl;
	/* Addressing: the result lies outside configured storage; no TEID. */
	return abs < st->size ? 0 : PGM_ADDRESSING;

region_bad:
	/* I wins over TT: an invalid entry is a translation exception. */
	if (e & _REGION_ENTRY_INVALID) {
		pic = xlate_pic[lvl];
		goto xlate_exc;
	}
	goto spec_exc;
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
	/* TEID (§7): page of the VA, F/S indication (facility 75), AS bits. */
	res->teid = (vaddr & TEID_ADDR_MASK) | (acc == DAT_STORE ? TEID_STORE : TEID_FETCH) |
		    (env->as & TEID_AS_MASK);
	res->teid_valid = true;
fail:
	res->raddr = 0;
	res->aaddr = 0;
	res->protect = (flags & FL_PROT) != 0;
	res->noexec = (flags & FL_NOEXEC) != 0;
	res->frame = frame;
	res->level = (uint8_t)lvl;
	return pic;
prot_exc:
	/* Store through P: ESOP-2 code 001 (bit 61); instruction fetch
	 * through IEP: code 101 (bits 56, 61), with the fetch indication. */
	res->teid = (vaddr & TEID_ADDR_MASK) | (env->as & TEID_AS_MASK) |
		    (acc == DAT_STORE ? TEID_STORE | TEID_PROT_DAT : TEID_FETCH | TEID_PROT_IEP);
	res->teid_valid = true;
	res->raddr = real;
	res->aaddr = 0;
	res->protect = (flags & FL_PROT) != 0;
	res->noexec = (flags & FL_NOEXEC) != 0;
	res->frame = frame;
	res->level = (uint8_t)lvl;
	return PGM_PROTECTION;
}

/*
 * dat_translate_walk() is exported for dat_translate_inline(): the full walk
 * for everything its fast path does not finish.  The walk only reads
 * storage, so starting over from the ASCE is exact.
 */
int dat_translate_walk(const struct gm_storage *st, const struct dat_env *env, uint64_t asce,
		       uint64_t vaddr, enum dat_access acc, struct dat_result *res,
		       struct dat_trace *trace)
{
	if (!st || !env || !res || (unsigned)acc > DAT_IFETCH)
		return -EINVAL;
	return dat_walk(st, env, asce, vaddr, acc, res, trace);
}

/*
 * The common case goes through the inline fast path of <gmap/dat.h> (every
 * architected check still made); a trace, and everything unusual, through
 * the full walk.
 */
int dat_translate(const struct gm_storage *st, const struct dat_env *env, uint64_t asce,
		  uint64_t vaddr, enum dat_access acc, struct dat_result *res,
		  struct dat_trace *trace)
{
	struct storage_view view;

	if (!st || !env || !res || (unsigned)acc > DAT_IFETCH)
		return -EINVAL;
	if (trace)
		return dat_walk(st, env, asce, vaddr, acc, res, trace);
	view.mem = st->mem;
	view.size = st->size;
	return dat_translate_inline(st, &view, env, asce, vaddr, acc, res);
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
