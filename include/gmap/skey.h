/* SPDX-License-Identifier: MIT */
/*
 * skey — the storage keys of absolute storage: one key per 4 KB frame
 * (Principles of Operation, chapter 3 "Storage Key"), the three
 * instructions that operate on them (chapter 10 "Control Instructions":
 * INSERT STORAGE KEY EXTENDED, SET STORAGE KEY EXTENDED, RESET REFERENCE
 * BIT EXTENDED), reference and change recording, and the test of
 * key-controlled protection ("Key-Controlled Protection").
 *
 * A key is one byte, laid out exactly as ISKE inserts it into bits 56-63
 * of R1 (storage-key bit n is bit 7-n of the byte, MSB first):
 *
 *   bits 0-3  ACC  access-control bits         _PAGE_ACC_BITS   0xf0
 *   bit  4    F    fetch-protection bit        _PAGE_FP_BIT     0x08
 *   bit  5    R    reference bit               _PAGE_REFERENCED 0x04
 *   bit  6    C    change bit                  _PAGE_CHANGED    0x02
 *   bit  7    -    not part of the key, always 0
 *
 * Keys live host-side, never in simulated storage (they are not
 * addressable, PoP "Storage Key").  The array is one byte per frame in an
 * mmap(MAP_NORESERVE) reservation made when the keys are created, so host
 * memory grows with the frames whose keys are touched (one host page per
 * 16 MB of storage), and recording R/C never allocates and never fails.
 *
 * All functions take *absolute* addresses; the frame is selected by bits
 * 0-51 and bits 52-63 are ignored (as the instructions ignore them in R2).
 * Prefixing, the addressing mode and facility masks are the caller's (the
 * CPU's): an address outside storage is -EFAULT, which the caller turns
 * into an addressing exception.
 *
 * Errors are negative errno values; nothing here aborts on caller input.
 *
 * Layer skey (docs/layers.txt): includes only headers of its layer and below.
 */
#ifndef GMAP_SKEY_H
#define GMAP_SKEY_H

#include <stdbool.h>
#include <stdint.h>

#include "gmap/storage.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- The storage key (Linux arch/s390/include/asm/page.h names) --------- */
#define _PAGE_ACC_BITS 0xf0   /* key bits 0-3: access-control bits (ACC) */
#define _PAGE_FP_BIT 0x08     /* key bit 4: fetch-protection bit (F) */
#define _PAGE_REFERENCED 0x04 /* key bit 5: reference bit (R) */
#define _PAGE_CHANGED 0x02    /* key bit 6: change bit (C) */
/** Shift of ACC in the key byte (the PSW key, PSW bits 8-11, compares with it). */
#define SKEY_ACC_SHIFT 4
/** Key bits 0-6; SSKE takes R1 bits 56-62 and ignores bit 63. */
#define SKEY_KEY_MASK 0xfe
/** ACC value that CR0's storage-protection override lets any access key use. */
#define SKEY_SPO_ACC 9

/* ---- SSKE M3 field (instruction bits 16-19; Linux kvm/priv.c names) ----- */
#define SSKE_NQ 0x8 /* M3 bit 0: nonquiescing (facility 14) */
#define SSKE_MR 0x4 /* M3 bit 1: reference-bit update mask (facility 10) */
#define SSKE_MC 0x2 /* M3 bit 2: change-bit update mask (facility 10) */
#define SSKE_MB 0x1 /* M3 bit 3: multiple-block control (facility 8, EDAT-1) */

/** Size of the block SSKE sets with SSKE_MB: 1 MB, the EDAT-1 segment frame. */
#define SKEY_MB_BLOCK (1ULL << 20)

/** The condition code stays unchanged (skey_sske_result.cc). */
#define SKEY_CC_UNCHANGED (-1)

/* Overrides for skey_check() (CR0 bits 38 and 39). */
#define SKEY_FETCH_PROT_OVERRIDE 0x1   /**< fetch-protection override applies to this access */
#define SKEY_STORAGE_PROT_OVERRIDE 0x2 /**< CR0.39 storage-protection override is on */

struct gm_skey;

/**
 * skey_create() - the storage keys of @st, every key zero.
 * @st:  the absolute storage they belong to (must outlive them).
 * @out: receives the keys; untouched on failure.
 *
 * Keys are zero after creation, as after a clear reset (PoP chapter 4
 * "Resets": clear reset sets storage and the storage keys to zero).  The
 * descriptor is charged to @st (storage_host_zalloc(), so failure
 * injection reaches it); the key array is a host reservation that costs
 * memory only where keys become nonzero.
 * Return: 0, -EINVAL (NULL argument), -ENOMEM (nothing allocated then).
 */
int skey_create(struct gm_storage *st, struct gm_skey **out);

/** skey_destroy() - free the keys; NULL is a no-op.  Call before destroying their storage. */
void skey_destroy(struct gm_skey *sk);

/** skey_frames() - the number of keys (4 KB frames of the storage); 0 for NULL. */
uint64_t skey_frames(const struct gm_skey *sk);

/**
 * skey_iske() - INSERT STORAGE KEY EXTENDED: the key of the frame at @aaddr.
 * @key: receives the key byte: ACC, F, R, C in bits 0-6 and bit 7 zero,
 *       exactly what ISKE places in bits 56-63 of R1 (bits 0-55 of R1 stay
 *       unchanged).  Untouched on failure.
 * ISKE changes no key and no R/C bit (the key is not a storage access).
 * Return: 0, -EINVAL (NULL), -EFAULT (@aaddr outside storage).
 */
int skey_iske(const struct gm_skey *sk, uint64_t aaddr, uint8_t *key);

/**
 * struct skey_sske_result - what SSKE leaves in the registers and PSW.
 * @cc:      the resulting condition code 0-3, or SKEY_CC_UNCHANGED.
 * @r1_set:  R1 bits 48-55 are replaced by @old_key (conditional SSKE,
 *           MB zero); otherwise R1 stays unchanged.
 * @old_key: the key before the operation (of the last frame with MB).
 * @next:    with SSKE_MB, the absolute address of the next 1 MB boundary:
 *           the instruction puts it in R2 (bits 0-51 in 64-bit mode, bits
 *           33-51 in 31-bit mode; bits 52-63 stay).  Without MB: @aaddr
 *           (R2 unchanged).
 */
struct skey_sske_result {
	int cc;
	bool r1_set;
	uint8_t old_key;
	uint64_t next;
};

/**
 * skey_sske() - SET STORAGE KEY EXTENDED.
 * @key: R1 bits 56-63; bit 7 (R1 bit 63) is ignored.
 * @m3:  the M3 field, SSKE_* bits, with the bits of facilities that are not
 *       installed already cleared (as KVM's handle_sske() does: MB needs
 *       facility 8, MR/MC facility 10, NQ facility 14).
 * @res: receives the register/CC outcome; may be NULL.
 *
 * MR = MC = 0: the key is set to @key; the condition code is unchanged.
 * MR or MC one (conditional SSKE): ACC and F of the current key are
 * compared with @key, and so are R when MR is zero and C when MC is zero.
 * All equal: the key is not set, cc 0.  Otherwise the entire key is set
 * from @key, cc 1 ("entire storage key set").  (With MR or MC one the PoP
 * does not require R or C to be updated when the key is set; libgmap
 * always sets the entire key, as KVM cond_set_guest_storage_key() does.)
 * R1 bits 48-55 receive the old key (@res->r1_set).
 * MB one: every frame from @aaddr's to the next 1 MB boundary is set (each
 * conditionally when MR/MC), @aaddr is absolute (no prefixing: the caller
 * must not prefix it), @res->next is the boundary; with MR or MC the
 * condition code is 3 and R1 is unpredictable (left unchanged here).
 * NQ only relaxes when other CPUs see the new key, which a machine that
 * runs one CPU at a time cannot show: accepted, no effect.
 * Return: 0; -EINVAL (NULL @sk, @m3 > 0xf); -EFAULT when a frame to be
 * set lies outside storage (nothing changes then; with MB the whole block
 * is checked first).
 */
int skey_sske(struct gm_skey *sk, uint64_t aaddr, uint8_t key, unsigned m3,
	      struct skey_sske_result *res);

/**
 * skey_rrbe() - RESET REFERENCE BIT EXTENDED: set R of the frame at @aaddr to
 * zero; C and the rest of the key stay.
 * Return: the condition code from the R and C bits before the reset —
 * 0 (R=0, C=0), 1 (R=0, C=1), 2 (R=1, C=0), 3 (R=1, C=1) — or -EINVAL
 * (NULL), -EFAULT (@aaddr outside storage; nothing changes).
 */
int skey_rrbe(struct gm_skey *sk, uint64_t aaddr);

/**
 * skey_record() - reference and change recording for an access of @len
 * bytes at absolute @aaddr: R is set in every frame touched, and C too when
 * @store (PoP "Reference Recording", "Change Recording").  cpu_access() calls
 * it for every operand access; callers that move bytes on the CPU's behalf
 * elsewhere (a harness) call it too.  Never allocates.
 * Return: 0, -EINVAL (NULL), -EFAULT if any byte is outside storage (no key
 * changes then).  @len 0 is a no-op.
 */
int skey_record(struct gm_skey *sk, uint64_t aaddr, uint64_t len, bool store);

/**
 * skey_check() - key-controlled protection (PoP "Key-Controlled Protection",
 * "Fetch-Protection-Override Control", "Storage-Protection Override") for
 * an access with access key @access_key (the PSW key, bits 8-11) to the frame
 * at @aaddr.
 * @store:     a store (else a fetch or instruction fetch).
 * @overrides: SKEY_FETCH_PROT_OVERRIDE when CR0.38 is one, the effective
 *             address range lies in 0-2047 and the address space is not
 *             private (the caller decides); SKEY_STORAGE_PROT_OVERRIDE when
 *             CR0.39 is one.
 * Permitted: access key 0; ACC equal to the access key; a fetch when F is
 * zero or the fetch-protection override applies; any access to ACC 9 under
 * the storage-protection override.  Everything else is protected.
 * Return: 0 permitted, 1 protected (the caller raises PGM_PROTECTION with
 * TEID code 010, TEID_PROT_KEY), -EINVAL (NULL, @access_key > 15),
 * -EFAULT (@aaddr outside storage).
 */
int skey_check(const struct gm_skey *sk, uint64_t aaddr, unsigned access_key, bool store,
	       unsigned overrides);

#ifdef __cplusplus
}
#endif

#endif /* GMAP_SKEY_H */
