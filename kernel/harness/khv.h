/* SPDX-License-Identifier: MIT */
/*
 * khv.h — vSIE on the kernel harness (host side): guest-2 is the VM whose
 * memory is a kernel gmap; it runs guest-3 with its CR0/CR1, and the
 * tree's shadow-gmap code (gmap_shadow*, kvm_s390_shadow_fault) builds the
 * shadow tables that libgmap's CPU then translates guest-3 accesses with.
 * kernel/harness/vsie.c; docs/kernel-harness.md "vSIE".
 */
#ifndef KH_KHV_H
#define KH_KHV_H

#include "kh.h"
#include "vsie-bridge.h"

/* What one guest-3 access did. */
struct khv_result {
	int pic;          /* the program interruption given to guest-2 (0: none) */
	uint64_t teid;    /* its TEID, as vsie.c inject_fault() builds it */
	unsigned faults;  /* kvm_s390_shadow_fault() calls */
	unsigned eagain;  /* of which returned -EAGAIN (retried) */
	unsigned created; /* shadows created by acquire_gmap_shadow */
	unsigned reused;  /* shadows reused (gmap_shadow_valid) */
};

/**
 * khv_access() - a guest-3 access of @len bytes (within one page) at
 * guest-3 absolute @saddr on CPU @cpu, as vsie.c runs it: acquire the
 * shadow (guest-2's CR1, EDAT level from CR0 and facilities 8/78, reuse
 * while gmap_shadow_valid), then libgmap's CPU translates with CR1 = the
 * shadow ASCE; a protection exception is given to guest-2 at once, any
 * other DAT exception runs kvm_s390_shadow_fault(): > 0 is given to
 * guest-2, 0 and -EAGAIN retry (from the acquire), another error ends.
 * Return: 0 (bytes moved), a positive PIC (@res->teid), a negative errno
 * (-EFAULT: guest-2 has no memory there; -ELOOP: no progress in 64 rounds).
 */
int khv_access(struct kh *h, struct kh_kvm *k, unsigned cpu, uint64_t saddr, void *buf,
	       size_t len, bool write, struct khv_result *res);

/**
 * khv_check() - libgmap's shadow checker over every shadow of @parent
 * (its children list) as the kernel built it: check_shadow_gmap() on a
 * description of the kernel's tables (crst_list, pt_list, page->index as
 * the source), rmaps (host_to_rmap) and flags, with the parent seen as
 * libgmap's gmap over the same region-first table.  Prints each
 * violation.  @parent must be region-first (gmap_create(mm, -1UL)).
 * Return: the number of violations.
 */
int khv_check(struct kh *h, struct kh_gmap *parent);

/** khv_guest2_write() - guest-2 stores @len bytes at its absolute @g2addr
 * through SIE (a protected page faults, as KVM resolves it). */
int khv_guest2_write(struct kh *h, struct kh_gmap *parent, uint64_t g2addr, const void *buf,
		     size_t len);
/** khv_guest2_put8() - guest-2 stores the big-endian doubleword @val at @g2addr. */
int khv_guest2_put8(struct kh *h, struct kh_gmap *parent, uint64_t g2addr, uint64_t val);
#endif
