/* SPDX-License-Identifier: MIT */
/*
 * dat — z/Architecture dynamic address translation.
 *
 * The architected formats (Principles of Operation, chapter 3 "Dynamic
 * Address Translation") as named constants, with the architecture bit
 * numbers in comments: bit 0 is the most significant bit of a doubleword,
 * so arch bit n is (1ULL << (63 - n)).  Names follow Linux
 * arch/s390/include/asm/pgtable.h (modern spelling, 2011 aliases where the
 * seed used other names) and PGM_* program-interruption codes as QEMU's
 * target/s390x/cpu.h and the kernel name them.
 *
 * dat_translate() walks the tables in absolute storage exactly in the order
 * of docs/dat.md (the order of the Principles of Operation, as implemented
 * by KVM's guest_translate() and QEMU's mmu_translate_asce()).  It returns
 * 0 and the real/absolute address, or a *positive* program-interruption code
 * and the TEID, or a negative errno for bad arguments.  It caches nothing
 * and allocates nothing.
 *
 * Layer dat (docs/layers.txt): includes only headers of its layer and below.
 */
#ifndef GMAP_DAT_H
#define GMAP_DAT_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "gmap/storage.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Virtual-address fields ------------------------------------------- */
#define DAT_RFX_SHIFT 53 /* bits 0-10  region-first index  */
#define DAT_RSX_SHIFT 42 /* bits 11-21 region-second index */
#define DAT_RTX_SHIFT 31 /* bits 22-32 region-third index  */
#define DAT_SX_SHIFT 20  /* bits 33-43 segment index       */
#define DAT_PX_SHIFT 12  /* bits 44-51 page index          */
#define DAT_CRST_INDEX_MASK 0x7ffULL
#define DAT_PX_MASK 0xffULL
#define DAT_BX_MASK 0xfffULL

#define DAT_RFX(va) (((va) >> DAT_RFX_SHIFT) & DAT_CRST_INDEX_MASK)
#define DAT_RSX(va) (((va) >> DAT_RSX_SHIFT) & DAT_CRST_INDEX_MASK)
#define DAT_RTX(va) (((va) >> DAT_RTX_SHIFT) & DAT_CRST_INDEX_MASK)
#define DAT_SX(va) (((va) >> DAT_SX_SHIFT) & DAT_CRST_INDEX_MASK)
#define DAT_PX(va) (((va) >> DAT_PX_SHIFT) & DAT_PX_MASK)

#define PAGE_SHIFT 12
#define PAGE_SIZE (1ULL << PAGE_SHIFT)
#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PMD_SHIFT 20 /* 1 MB segment */
#define PMD_SIZE (1ULL << PMD_SHIFT)
#define PMD_MASK (~(PMD_SIZE - 1))
#define PUD_SHIFT 31 /* 2 GB region-third entry */
#define PUD_SIZE (1ULL << PUD_SHIFT)
#define PGDIR_SHIFT 42 /* 4 TB region-second entry */
#define PGDIR_SIZE (1ULL << PGDIR_SHIFT)
#define PTRS_PER_PTE 256
#define PTRS_PER_CRST 2048

/* ---- ASCE (CR1 primary, CR7 secondary, CR13 home) ---------------------- */
#define _ASCE_ORIGIN 0xfffffffffffff000ULL      /* bits 0-51 table origin */
#define _ASCE_SUBSPACE 0x200ULL                 /* bit 54 G */
#define _ASCE_PRIVATE_SPACE 0x100ULL            /* bit 55 P */
#define _ASCE_ALT_EVENT 0x080ULL                /* bit 56 S */
#define _ASCE_SPACE_SWITCH 0x040ULL             /* bit 57 X */
#define _ASCE_REAL_SPACE 0x020ULL               /* bit 58 R */
#define _ASCE_TYPE_MASK 0x00cULL                /* bits 60-61 DT */
#define _ASCE_TYPE_REGION1 0x00cULL
#define _ASCE_TYPE_REGION2 0x008ULL
#define _ASCE_TYPE_REGION3 0x004ULL
#define _ASCE_TYPE_SEGMENT 0x000ULL
#define _ASCE_TABLE_LENGTH 0x003ULL             /* bits 62-63 TL */
#define _ASCE_USER_BITS (_ASCE_SPACE_SWITCH | _ASCE_PRIVATE_SPACE | _ASCE_ALT_EVENT)

/* ---- Region-table entries (R1TE, R2TE, R3TE) -------------------------- */
#define _REGION_ENTRY_ORIGIN 0xfffffffffffff000ULL /* bits 0-51 next-table origin */
#define _REGION_ENTRY_PROTECT 0x200ULL             /* bit 54 P (only with EDAT-1) */
#define _REGION_ENTRY_OFFSET 0x0c0ULL              /* bits 56-57 TF */
#define _REGION_ENTRY_OFFSET_SHIFT 6
#define _REGION_ENTRY_INVALID 0x020ULL             /* bit 58 I */
#define _REGION_ENTRY_TYPE_MASK 0x00cULL           /* bits 60-61 TT */
#define _REGION_ENTRY_TYPE_R1 0x00cULL
#define _REGION_ENTRY_TYPE_R2 0x008ULL
#define _REGION_ENTRY_TYPE_R3 0x004ULL
#define _REGION_ENTRY_LENGTH 0x003ULL              /* bits 62-63 TL */
#define _REGION1_ENTRY (_REGION_ENTRY_TYPE_R1 | _REGION_ENTRY_LENGTH)  /* 0x0f */
#define _REGION1_ENTRY_EMPTY (_REGION_ENTRY_TYPE_R1 | _REGION_ENTRY_INVALID) /* 0x2c */
#define _REGION2_ENTRY (_REGION_ENTRY_TYPE_R2 | _REGION_ENTRY_LENGTH)  /* 0x0b */
#define _REGION2_ENTRY_EMPTY (_REGION_ENTRY_TYPE_R2 | _REGION_ENTRY_INVALID) /* 0x28 */
#define _REGION3_ENTRY (_REGION_ENTRY_TYPE_R3 | _REGION_ENTRY_LENGTH)  /* 0x07 */
#define _REGION3_ENTRY_EMPTY (_REGION_ENTRY_TYPE_R3 | _REGION_ENTRY_INVALID) /* 0x24 */
/* R3TE with FC=1 under EDAT-2: a 2 GB region frame. */
#define _REGION3_ENTRY_ORIGIN_LARGE 0xffffffff80000000ULL /* bits 0-32 RFAA */
#define _REGION3_ENTRY_AV 0x10000ULL   /* bit 47 */
#define _REGION3_ENTRY_ACC 0x0f000ULL  /* bits 48-51 */
#define _REGION3_ENTRY_F 0x00800ULL    /* bit 52 */
#define _REGION3_ENTRY_LARGE 0x00400ULL /* bit 53 FC */
#define _REGION3_ENTRY_IEP 0x00100ULL  /* bit 55 */
#define _REGION3_ENTRY_CR 0x00010ULL   /* bit 59 common region */
/* 2011 spelling */
#define _REGION_ENTRY_INV _REGION_ENTRY_INVALID
#define _REGION_ENTRY_RO _REGION_ENTRY_PROTECT

/* ---- Segment-table entries --------------------------------------------- */
#define _SEGMENT_ENTRY_ORIGIN 0xfffffffffffff800ULL       /* bits 0-52 PTO */
#define _SEGMENT_ENTRY_ORIGIN_LARGE 0xfffffffffff00000ULL /* bits 0-43 SFAA */
#define _SEGMENT_ENTRY_AV 0x10000ULL                      /* bit 47 */
#define _SEGMENT_ENTRY_ACC 0x0f000ULL                     /* bits 48-51 */
#define _SEGMENT_ENTRY_F 0x00800ULL                       /* bit 52 */
#define _SEGMENT_ENTRY_LARGE 0x400ULL                     /* bit 53 FC */
#define _SEGMENT_ENTRY_PROTECT 0x200ULL                   /* bit 54 P */
#define _SEGMENT_ENTRY_IEP 0x100ULL                       /* bit 55 (large form) */
#define _SEGMENT_ENTRY_INVALID 0x020ULL                   /* bit 58 I */
#define _SEGMENT_ENTRY_COMMON 0x010ULL                    /* bit 59 CS */
#define _SEGMENT_ENTRY_TYPE_MASK 0x00cULL                 /* bits 60-61 TT, must be 00 */
#define _SEGMENT_ENTRY 0x000ULL
#define _SEGMENT_ENTRY_EMPTY _SEGMENT_ENTRY_INVALID       /* 0x20 */
/* 2011 spelling */
#define _SEGMENT_ENTRY_INV _SEGMENT_ENTRY_INVALID
#define _SEGMENT_ENTRY_RO _SEGMENT_ENTRY_PROTECT

/* ---- Page-table entries ----------------------------------------------- */
#define _PAGE_ORIGIN 0xfffffffffffff000ULL /* bits 0-51 PFRA (a real address) */
#define _PAGE_ZERO 0x800ULL                /* bit 52 must be zero */
#define _PAGE_INVALID 0x400ULL             /* bit 53 I */
#define _PAGE_PROTECT 0x200ULL             /* bit 54 P */
#define _PAGE_NOEXEC 0x100ULL              /* bit 55 IEP (formerly CO) */
#define _PAGE_CO _PAGE_NOEXEC
/* 2011 software bits (bits 56-63 are ignored by DAT) */
#define _PAGE_SWT 0x001ULL
#define _PAGE_SWX 0x002ULL
#define _PAGE_SWC 0x004ULL
#define _PAGE_SWR 0x008ULL
#define _PAGE_SPECIAL 0x010ULL
#define _PAGE_TYPE_EMPTY 0x400ULL
#define _PAGE_TYPE_NONE 0x401ULL
#define _PAGE_TYPE_RO 0x200ULL
#define _PAGE_TYPE_RW 0x000ULL
/* 2011 spelling */
#define _PAGE_RO _PAGE_PROTECT

/* ---- TEID (real 0xa8) --------------------------------------------------- */
#define TEID_ADDR_MASK 0xfffffffffffff000ULL /* bits 0-51 */
#define TEID_FETCH 0x800ULL                  /* bits 52-53 = 10 */
#define TEID_STORE 0x400ULL                  /* bits 52-53 = 01 */
#define TEID_ESOP2_B56 0x080ULL              /* bit 56 */
#define TEID_ESOP2_B60 0x008ULL              /* bit 60 */
#define TEID_ESOP2_B61 0x004ULL              /* bit 61 */
#define TEID_AS_MASK 0x003ULL                /* bits 62-63 */
#define TEID_PROT_DAT TEID_ESOP2_B61                     /* code 001 */
#define TEID_PROT_LAP TEID_ESOP2_B56                     /* code 100 */
#define TEID_PROT_IEP (TEID_ESOP2_B56 | TEID_ESOP2_B61)  /* code 101 */
#define TEID_PROT_KEY TEID_ESOP2_B60                     /* code 010: key-controlled */

/* ---- Control registers / PSW bits used by DAT -------------------------- */
#define CR0_LOW_ADDRESS_PROTECTION 0x10000000ULL /* CR0 bit 35 */
#define CR0_FETCH_PROTECTION_OVERRIDE 0x02000000ULL   /* CR0 bit 38 */
#define CR0_STORAGE_PROTECTION_OVERRIDE 0x01000000ULL /* CR0 bit 39 */
#define CR0_EDAT 0x00800000ULL                   /* CR0 bit 40 */
#define CR0_IEP 0x00100000ULL                    /* CR0 bit 43 */

/* ---- Program-interruption codes --------------------------------------- */
#define PGM_PROTECTION 0x0004
#define PGM_ADDRESSING 0x0005
#define PGM_SPECIFICATION 0x0006
#define PGM_SEGMENT_TRANSLATION 0x0010
#define PGM_PAGE_TRANSLATION 0x0011
#define PGM_TRANSLATION_SPEC 0x0012
#define PGM_ASCE_TYPE 0x0038
#define PGM_REG_FIRST_TRANS 0x0039
#define PGM_REG_SEC_TRANS 0x003a
#define PGM_REG_THIRD_TRANS 0x003b

/** Kind of storage access being translated. */
enum dat_access {
	DAT_FETCH = 0, /**< operand fetch */
	DAT_STORE = 1, /**< operand store */
	DAT_IFETCH = 2 /**< instruction fetch */
};

/** Table levels, for traces and dumps. */
enum dat_level {
	DAT_LEVEL_PTE = 0,
	DAT_LEVEL_STE = 1,
	DAT_LEVEL_R3TE = 2,
	DAT_LEVEL_R2TE = 3,
	DAT_LEVEL_R1TE = 4
};

/**
 * struct dat_env - what a walk needs besides the ASCE and the address.
 * @edat1: EDAT-1 applies (CR0.40 and facility 8).
 * @edat2: EDAT-2 applies (EDAT-1 and facility 78).
 * @iep:   instruction-execution protection applies (CR0.43 and facility 130).
 * @as:    the PSW address-space control (0 primary, 1 AR, 2 secondary,
 *         3 home): goes into TEID bits 62-63.
 * @prefix: the CPU's prefix (8 KB aligned), applied to real results.
 */
struct dat_env {
	bool edat1;
	bool edat2;
	bool iep;
	uint8_t as;
	uint32_t prefix;
};

/** struct dat_result - outcome of a walk. */
struct dat_result {
	uint64_t raddr;     /**< real address (= absolute for large frames) */
	uint64_t aaddr;     /**< absolute address (after prefixing) */
	uint64_t teid;      /**< TEID when @teid_valid */
	bool teid_valid;    /**< the PIC stores a TEID (0x04, 0x10, 0x11, 0x38-0x3b) */
	bool protect;       /**< the accumulated P (store-protected translation) */
	bool noexec;        /**< IEP applies to this translation */
	uint8_t frame;      /**< 0 = 4 KB page, 1 = 1 MB segment frame, 2 = 2 GB region frame */
	uint8_t level;      /**< enum dat_level of the entry that raised the PIC */
};

/** One table-entry fetch of a walk. */
struct dat_trace_entry {
	uint64_t aaddr;  /**< absolute address of the entry */
	uint64_t value;  /**< value read (0 when the fetch raised 0x05) */
	uint8_t level;   /**< enum dat_level */
};

/** struct dat_trace - optional record of the entries a walk read, in order. */
struct dat_trace {
	unsigned n;
	struct dat_trace_entry e[5];
};

/**
 * dat_translate() - translate @vaddr through the tables designated by @asce.
 * @st:    absolute storage holding the tables.
 * @env:   effective facility switches, AS bits for the TEID, prefix.
 * @asce:  the address-space-control element.
 * @vaddr: the virtual address (64-bit; the caller masks for 24/31-bit mode).
 * @acc:   fetch, store or instruction fetch.
 * @res:   receives the outcome (on 0 and on a PIC).
 * @trace: NULL, or receives the entries read.
 *
 * Implements docs/dat.md §6 (the real-space ASCE included) and prefixing
 * of the real result; low-address protection and the DAT-off case belong
 * to the CPU (cpu_translate()).  Nothing is stored in the lowcore.
 * Return: 0 on success, a positive PGM_* code on a program interruption,
 * -EINVAL for a NULL pointer or an invalid @acc.
 */
int dat_translate(const struct gm_storage *st, const struct dat_env *env, uint64_t asce,
		  uint64_t vaddr, enum dat_access acc, struct dat_result *res,
		  struct dat_trace *trace);

/**
 * dat_translate_walk() - the complete walk of dat_translate(), every rule
 * in order, without the inline fast path: what dat_translate_inline()
 * falls back to.  Arguments, results and errors as dat_translate().
 */
int dat_translate_walk(const struct gm_storage *st, const struct dat_env *env, uint64_t asce,
		       uint64_t vaddr, enum dat_access acc, struct dat_result *res,
		       struct dat_trace *trace);

/**
 * dat_real_to_abs() - apply prefixing (its own inverse, so it also maps
 * absolute to real).  @prefix is 8 KB aligned.
 */
static inline uint64_t dat_real_to_abs(uint64_t raddr, uint32_t prefix)
{
	uint64_t blk = raddr & ~0x1fffULL;

	return (blk == 0 || blk == prefix) ? raddr ^ prefix : raddr;
}

/* ---- Encode / decode helpers ------------------------------------------- */

/** dat_asce() - encode an ASCE: @origin (4 KB aligned), @dt (_ASCE_TYPE_*), @tl (0-3), extra bits. */
static inline uint64_t dat_asce(uint64_t origin, uint64_t dt, unsigned tl, uint64_t bits)
{
	return (origin & _ASCE_ORIGIN) | (dt & _ASCE_TYPE_MASK) | (tl & 3u) | bits;
}

/** dat_region_entry() - encode a valid region entry of type @tt (_REGION_ENTRY_TYPE_*). */
static inline uint64_t dat_region_entry(uint64_t origin, uint64_t tt, unsigned tf, unsigned tl)
{
	return (origin & _REGION_ENTRY_ORIGIN) | ((uint64_t)(tf & 3u) << _REGION_ENTRY_OFFSET_SHIFT) |
	       (tt & _REGION_ENTRY_TYPE_MASK) | (tl & 3u);
}

/** dat_segment_entry() - encode a valid format-0 STE pointing at page table @pto. */
static inline uint64_t dat_segment_entry(uint64_t pto, uint64_t bits)
{
	return (pto & _SEGMENT_ENTRY_ORIGIN) | bits;
}

/** dat_page_entry() - encode a PTE for frame @pfra (a real address). */
static inline uint64_t dat_page_entry(uint64_t pfra, uint64_t bits)
{
	return (pfra & _PAGE_ORIGIN) | bits;
}

/** dat_asce_type() - the designation type bits (_ASCE_TYPE_*) of @asce. */
static inline uint64_t dat_asce_type(uint64_t asce) { return asce & _ASCE_TYPE_MASK; }
/** dat_entry_tl() - the table-length field (bits 62-63) of an ASCE or region entry. */
static inline unsigned dat_entry_tl(uint64_t e) { return (unsigned)(e & 3u); }
/** dat_entry_tf() - the table-offset field (bits 56-57) of a region entry. */
static inline unsigned dat_entry_tf(uint64_t e) { return (unsigned)((e & _REGION_ENTRY_OFFSET) >> 6); }

/**
 * dat_level_shift() - bit position of the index of a table of @level in a
 * virtual address: PX (12) for page tables, SX (20), RTX (31), RSX (42),
 * RFX (53) for segment and region tables.  @level is an enum dat_level.
 */
static inline unsigned dat_level_shift(unsigned level)
{
	return level == DAT_LEVEL_PTE ? DAT_PX_SHIFT : DAT_SX_SHIFT + 11u * (level - DAT_LEVEL_STE);
}

/**
 * dat_level_tt() - the table-type bits (TT, bits 60-61) every entry of a
 * table of @level carries: 0x0c region-first, 0x08 region-second, 0x04
 * region-third, 0 for segment (and page) tables.
 */
static inline uint64_t dat_level_tt(unsigned level)
{
	return level >= DAT_LEVEL_R3TE ? (uint64_t)(level - DAT_LEVEL_STE) << 2 : 0;
}

/**
 * dat_crst_empty() - the value Linux fills a fresh region or segment table
 * of @level with (crst_table_init): _REGION1/2/3_ENTRY_EMPTY (0x2c, 0x28,
 * 0x24) or _SEGMENT_ENTRY_EMPTY (0x20): invalid, with the level's TT.
 */
static inline uint64_t dat_crst_empty(unsigned level)
{
	return dat_level_tt(level) | _REGION_ENTRY_INVALID;
}

/* ---- The inline fast path ------------------------------------------------ */

/* Entry bits that leave the fast path for the full walk: I and TT always;
 * region P (its meaning depends on EDAT-1), CR and FC; CS, FC and bit 55 in
 * an STE (FC=1 alone stays when EDAT-1 applies); bit 52 and IEP in a PTE. */
#define DAT_FAST_REGION_MASK (_REGION_ENTRY_INVALID | _REGION_ENTRY_TYPE_MASK | _REGION_ENTRY_PROTECT)
#define DAT_FAST_R3_MASK (DAT_FAST_REGION_MASK | _REGION3_ENTRY_CR | _REGION3_ENTRY_LARGE)
#define DAT_FAST_STE_MASK                                                                  \
	(_SEGMENT_ENTRY_INVALID | _SEGMENT_ENTRY_TYPE_MASK | _SEGMENT_ENTRY_COMMON |        \
	 _SEGMENT_ENTRY_LARGE | _SEGMENT_ENTRY_IEP)
#define DAT_FAST_PTE_MASK (_PAGE_INVALID | _PAGE_ZERO | _PAGE_NOEXEC)

/**
 * dat_be64() - the big-endian doubleword at @p, on any host.  One load,
 * then a byte swap on a little-endian host, written so that compilers see
 * both (a byte-by-byte composition lost its single load in clang 14 when
 * the caller masked off the low byte: a walk at twice its floor).
 */
static inline uint64_t dat_be64(const uint8_t *p)
{
	static const union {
		uint16_t u;
		uint8_t b[2];
	} host = { 1 };
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	if (!host.b[0])
		return v; /* big-endian host: already in order */
	v = (v & 0x00000000ffffffffULL) << 32 | (v & 0xffffffff00000000ULL) >> 32;
	v = (v & 0x0000ffff0000ffffULL) << 16 | (v & 0xffff0000ffff0000ULL) >> 16;
	return (v & 0x00ff00ff00ff00ffULL) << 8 | (v & 0xff00ff00ff00ff00ULL) >> 8;
}

/**
 * dat_table_in() - whether a whole table of @bytes (16 KB: a region or
 * segment table of any TL; 2 KB: a page table) at @origin lies inside the
 * storage of @v, so that every entry the fast path can fetch from it does.
 * Stricter than the architected per-entry check on purpose: it does not
 * depend on the index, so it stays off the walk's dependency chain; a table
 * that ends past storage goes to the full walk, which checks the entry
 * itself.  The size is >= 64 KB, so the form below cannot wrap.
 */
static inline bool dat_table_in(const struct storage_view *v, uint64_t origin, uint64_t bytes)
{
	return origin <= v->size - bytes;
}

/*
 * DAT_CHAIN_BARRIER(x): an empty asm that makes @x opaque to the optimiser,
 * so that it keeps the address arithmetic where the walk puts it (off the
 * dependent chain).  Only code placement changes; without GNU C it is
 * nothing and the result is the same.
 *
 * gcc 12 at -O2 keeps dat_translate_inline() out of line (too big for its
 * heuristics): forced (DAT_ALWAYS_INLINE), the result stays in the caller's
 * registers.  DAT_UNLIKELY marks the exits to the full walk.
 */
#if defined(__GNUC__) || defined(__clang__)
#define DAT_CHAIN_BARRIER(x) __asm__("" : "+r"(x))
#define DAT_ALWAYS_INLINE static inline __attribute__((always_inline))
#define DAT_UNLIKELY(c) __builtin_expect(!!(c), 0)
#else
#define DAT_CHAIN_BARRIER(x) ((void)0)
#define DAT_ALWAYS_INLINE static inline
#define DAT_UNLIKELY(c) (c)
#endif

/**
 * dat_entry() - the doubleword entry @idx of a table below the first, at
 * @origin (from the previous entry): @mem is added to the index off the
 * chain (the barrier keeps clang from adding the origin to @mem first, on
 * it), and the origin goes into the load's address.
 */
static inline uint64_t dat_entry(const uint8_t *mem, uint64_t origin, uint64_t idx)
{
	const uint8_t *slot = mem + idx * 8;

	DAT_CHAIN_BARRIER(slot);
	return dat_be64(slot + origin);
}

/**
 * dat_entry_first() - the doubleword entry @idx of the first table, whose
 * @origin comes from the ASCE: @mem + @origin is formed first (the barrier
 * keeps the compiler from reassociating it), so that the scaled index is
 * the only work between the address and the load (x86 base+index*8), one
 * shift after the virtual address.
 */
static inline uint64_t dat_entry_first(const uint8_t *mem, uint64_t origin, uint64_t idx)
{
	const uint8_t *table = mem + origin;
	uint64_t e;

	DAT_CHAIN_BARRIER(table);
	e = dat_be64(table + idx * 8);
	DAT_CHAIN_BARRIER(e); /* else clang merges it with the next level's load */
	return e;
}

/**
 * dat_tf_tl_ok() - TF <= @hi <= TL: the region entry @e's table offset and
 * length admit @hi, the next index's two leftmost bits.
 */
static inline bool dat_tf_tl_ok(uint64_t e, uint64_t hi)
{
	return hi >= ((e & _REGION_ENTRY_OFFSET) >> 6) && hi <= (e & _REGION_ENTRY_LENGTH);
}

/**
 * dat_translate_inline() - dat_translate() for hot loops: the common walk
 * (valid entries of the right types, no region P, no 2 GB frame, an EDAT-1
 * 1 MB frame allowed, no IEP bit, no store through P, result inside
 * storage) is done inline with every architected check still made — ASCE
 * range and TL, bounds of every entry fetch, I, TT, TF/TL, CS, bit 52,
 * protection, prefixing, addressing — and anything else is handed to
 * dat_translate_walk(), so the outcome is always exactly dat_translate()'s.
 * @view: storage_get_view() of @st, fetched once by the caller.
 * No trace; @st, @view, @env and @res must not be NULL; @acc must be valid.
 * Inlining keeps the result in registers: a loop of dependent translations
 * then costs the table fetches and little more (bench/bench-dat.c).
 */
DAT_ALWAYS_INLINE int dat_translate_inline(const struct gm_storage *st, const struct storage_view *view,
				       const struct dat_env *env, uint64_t asce, uint64_t vaddr,
				       enum dat_access acc, struct dat_result *res)
{
	const uint8_t *mem = view->mem;
	const uint64_t tl = asce & _ASCE_TABLE_LENGTH;
	uint64_t origin = asce & _ASCE_ORIGIN, e, real, abs, prot;

	/*
	 * Everything before the first load depends on the ASCE or on the
	 * address alone, so it overlaps with the previous translation.  With
	 * TL <= 3, "the index bits above the first table and its two leftmost
	 * index bits, read as one number, exceed TL" is exactly "0x38 or the
	 * first table's TL exception": one compare for both.  It also leaves
	 * the first index below 2048, so that index needs no mask: the chain
	 * from the address to the first entry is one shift.  The real-space
	 * bit (58) is switched on with DT: R=1 goes to the walk.
	 */
	if (!dat_table_in(view, origin, PTRS_PER_CRST * 8))
		goto slow;
	if (!(asce & (_ASCE_REAL_SPACE | _ASCE_TYPE_MASK))) {
		/* a segment-table ASCE: one test, then the segment level */
		if ((vaddr >> 29) > tl)
			goto slow;
		e = dat_entry_first(mem, origin, vaddr >> DAT_SX_SHIFT);
		goto ste;
	}
	switch (asce & (_ASCE_REAL_SPACE | _ASCE_TYPE_MASK)) {
	case _ASCE_TYPE_REGION3:
		if ((vaddr >> 40) > tl)
			goto slow;
		e = dat_entry_first(mem, origin, vaddr >> DAT_RTX_SHIFT);
		goto r3;
	case _ASCE_TYPE_REGION2:
		if ((vaddr >> 51) > tl)
			goto slow;
		e = dat_entry_first(mem, origin, vaddr >> DAT_RSX_SHIFT);
		goto r2;
	case _ASCE_TYPE_REGION1:
		if ((vaddr >> 62) > tl)
			goto slow;
		e = dat_entry_first(mem, origin, vaddr >> DAT_RFX_SHIFT);
		break;
	default:
		goto slow;
	}
	if ((e & DAT_FAST_REGION_MASK) != _REGION_ENTRY_TYPE_R1 || !dat_tf_tl_ok(e, (vaddr >> 51) & 3))
		goto slow;
	origin = e & _REGION_ENTRY_ORIGIN;
	if (!dat_table_in(view, origin, PTRS_PER_CRST * 8))
		goto slow;
	e = dat_entry(mem, origin, DAT_RSX(vaddr));
r2:
	if ((e & DAT_FAST_REGION_MASK) != _REGION_ENTRY_TYPE_R2 || !dat_tf_tl_ok(e, (vaddr >> 40) & 3))
		goto slow;
	origin = e & _REGION_ENTRY_ORIGIN;
	if (!dat_table_in(view, origin, PTRS_PER_CRST * 8))
		goto slow;
	e = dat_entry(mem, origin, DAT_RTX(vaddr));
r3:
	if ((e & DAT_FAST_R3_MASK) != _REGION_ENTRY_TYPE_R3 || !dat_tf_tl_ok(e, (vaddr >> 29) & 3))
		goto slow;
	origin = e & _REGION_ENTRY_ORIGIN;
	if (!dat_table_in(view, origin, PTRS_PER_CRST * 8))
		goto slow;
	e = dat_entry(mem, origin, DAT_SX(vaddr));
ste:
	prot = e & _SEGMENT_ENTRY_PROTECT; /* honoured with or without EDAT */
	if (e & DAT_FAST_STE_MASK) {
		/* only FC=1 under EDAT-1 stays here: a 1 MB frame, absolute */
		if ((e & DAT_FAST_STE_MASK) != _SEGMENT_ENTRY_LARGE || !env->edat1)
			goto slow;
		abs = (e & _SEGMENT_ENTRY_ORIGIN_LARGE) | (vaddr & (PMD_SIZE - 1));
		/* A store through P and an address outside storage: the walk reports them. */
		if ((prot && acc == DAT_STORE) || abs >= view->size)
			goto slow;
		res->raddr = abs;
		res->aaddr = abs;
		res->frame = 1;
		res->level = DAT_LEVEL_STE;
		goto done;
	}
	origin = e & _SEGMENT_ENTRY_ORIGIN;
	if (!dat_table_in(view, origin, PTRS_PER_PTE * 8))
		goto slow;
	e = dat_entry(mem, origin, DAT_PX(vaddr));
	if (e & DAT_FAST_PTE_MASK)
		goto slow;
	prot |= e & _PAGE_PROTECT;
	real = (e & _PAGE_ORIGIN) | (vaddr & DAT_BX_MASK);
	/* Prefixing as a predicted branch: as a select (clang) it sat on the
	 * chain from the entry to the result. */
	abs = real;
	if (DAT_UNLIKELY((real & ~0x1fffULL) == 0 || (real & ~0x1fffULL) == env->prefix))
		abs = real ^ env->prefix;
	if ((prot && acc == DAT_STORE) || abs >= view->size)
		goto slow;
	res->raddr = real;
	res->aaddr = abs;
	res->frame = 0;
	res->level = DAT_LEVEL_PTE;
done:
	res->teid = 0;
	res->teid_valid = false;
	res->protect = prot != 0;
	res->noexec = false;
	return 0;
slow: {
		/* Through a copy, so that @res never escapes: a caller's result
		 * can then live in registers across a loop of translations. */
		struct dat_result r;
		int rc = dat_translate_walk(st, env, asce, vaddr, acc, &r, NULL);

		*res = r;
		return rc;
	}
}

/**
 * dat_pic_name() - the architected name of a program-interruption code
 * ("segment-translation exception", …), or "unknown program interruption".
 */
const char *dat_pic_name(int pic);

/** dat_pic_stores_teid() - true for the codes that store a TEID at real 0xa8. */
static inline bool dat_pic_stores_teid(int pic)
{
	return pic == PGM_PROTECTION || pic == PGM_SEGMENT_TRANSLATION ||
	       pic == PGM_PAGE_TRANSLATION || (pic >= PGM_ASCE_TYPE && pic <= PGM_REG_THIRD_TRANS);
}

/** dat_pic_nullifies() - true for the codes whose old PSW points at the failing instruction. */
static inline bool dat_pic_nullifies(int pic)
{
	return pic == PGM_SEGMENT_TRANSLATION || pic == PGM_PAGE_TRANSLATION ||
	       (pic >= PGM_ASCE_TYPE && pic <= PGM_REG_THIRD_TRANS);
}

/** dat_level_name() - "pte", "ste", "r3te", "r2te", "r1te". */
const char *dat_level_name(enum dat_level level);

#ifdef __cplusplus
}
#endif

#endif /* GMAP_DAT_H */
