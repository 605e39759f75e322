/* SPDX-License-Identifier: MIT */
/*
 * nested — the composed translation guest-3 → guest-2 → host, the ground
 * truth every shadow table entry must agree with (docs/nested.md).
 *
 * Guest-2's memory is a gmap (its parent: guest-2 absolute address = gmap
 * address).  Guest-2 runs guest-3 under SIE with an ASCE (guest-2's CR1 in
 * the SIE control block, Linux vsie.c acquire_gmap_shadow()); a guest-3
 * absolute address is translated by DAT through the region, segment and
 * page tables that ASCE designates *in guest-2 memory*, the way guest-2's
 * own CPU would (PoP chapter 3, dat-reference §6.1) with guest-2's EDAT
 * level, and the guest-2 absolute result is then mapped to a host frame
 * by the gmap and the process.  Table origins and frame addresses in
 * guest-2's tables are guest-2 absolute addresses (no guest-2 prefixing),
 * as in Linux arch/s390/kvm/gaccess.c kvm_s390_shadow_tables().
 *
 * Nothing is cached, allocated, faulted in or changed: every table entry
 * is read through the gmap and the process page tables as they are now.
 */
#ifndef GMAP_NESTED_H
#define GMAP_NESTED_H

#include <stdbool.h>
#include <stdint.h>

#include "gmap/dat.h"
#include "gmap/gmap.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Outcome kinds of nested_translate(). */
enum nested_kind {
	NESTED_OK = 0,         /**< translated: @haddr is the host absolute address */
	NESTED_PIC = 1,        /**< guest-2's tables raise @pic (what guest-2 is given) */
	NESTED_HOST_FAULT = 2  /**< a guest-2 page needed is not mapped in the host now */
};

/**
 * struct nested_host - where a guest-2 absolute address lives in the host.
 * @vmaddr: the parent process address (valid when @have_vmaddr).
 * @ptep:   absolute address of the process pte (0 if there is no page table).
 * @pte:    its value.
 * @haddr:  host absolute address (when nested_g2_to_host() returned 0).
 */
struct nested_host {
	uint64_t vmaddr;
	uint64_t ptep;
	uint64_t pte;
	uint64_t haddr;
	bool have_vmaddr;
};

/**
 * nested_g2_to_host() - map guest-2 absolute @g2addr to the host through
 * the gmap @parent (its region tables, a LINKED or MAPPED segment entry)
 * and the process's page table, without faulting anything in.
 * Return: 0 (@out complete), 1 (no valid host pte now: @out says how far
 * it got; @out->have_vmaddr false means guest-2 has no memory there),
 * -EINVAL (NULL).
 */
int nested_g2_to_host(const struct gmap *parent, uint64_t g2addr, struct nested_host *out);

/** One guest-2 table entry read by nested_translate(). */
struct nested_trace_entry {
	uint64_t g2addr;  /**< guest-2 absolute address of the entry */
	uint64_t value;   /**< the value read */
	uint8_t level;    /**< enum dat_level */
};

/**
 * struct nested_result - outcome of nested_translate().
 * @kind:    enum nested_kind.
 * @pic:     the program-interruption code (NESTED_PIC), else 0.
 * @teid:    its TEID when @teid_valid (saddr page | fetch 0x800 or store
 *           0x400, | 0x4 for protection; AS bits 0, as vsie.c
 *           inject_fault() reports them).
 * @level:   enum dat_level of the entry that raised @pic or host-faulted.
 * @g2addr:  NESTED_OK: the guest-2 absolute address; NESTED_HOST_FAULT:
 *           the guest-2 address whose host mapping is missing.
 * @haddr:   NESTED_OK: the host absolute address.
 * @host:    NESTED_OK / NESTED_HOST_FAULT: the host side of @g2addr.
 * @protect: guest-2's tables make the translation store-protected.
 * @frame:   0 (4 KB page), 1 (EDAT-1 1 MB frame), 2 (EDAT-2 2 GB frame);
 *           3 for the real-space ASCE (no tables).
 * @ntrace, @trace: the guest-2 table entries read, in order.
 */
struct nested_result {
	enum nested_kind kind;
	int pic;
	uint64_t teid;
	bool teid_valid;
	uint8_t level;
	uint64_t g2addr;
	uint64_t haddr;
	struct nested_host host;
	bool protect;
	uint8_t frame;
	unsigned ntrace;
	struct nested_trace_entry trace[5];
};

/**
 * nested_translate() - translate guest-3 absolute @saddr through the
 * guest-2 ASCE @asce (tables in the memory of @parent) with guest-2's
 * EDAT level @edat_level (0 none, 1 EDAT-1, 2 EDAT-1 and EDAT-2 — the
 * level gmap_shadow() is given), for an access @acc (instruction fetch
 * counts as fetch).
 * Order of checks: dat-reference §6.1 steps 1-8 (ASCE type, TL, I, TT,
 * CR/CS with ASCE.P, P accumulation, FC, TF/TL, PTE bit 52, protection);
 * a real-space ASCE translates @saddr to itself.
 * Return: 0 with @res filled (see @res->kind), -EINVAL (NULL @parent or
 * @res, @edat_level > 2, bad @acc).
 */
int nested_translate(const struct gmap *parent, uint64_t asce, unsigned edat_level, uint64_t saddr,
		     enum dat_access acc, struct nested_result *res);

#ifdef __cplusplus
}
#endif

#endif /* GMAP_NESTED_H */
