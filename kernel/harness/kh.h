/* SPDX-License-Identifier: MIT */
/*
 * kh.h — the kernel harness for tests and tools (host side: libgmap's
 * headers).  One harness per process: the kernel's 6.1 code turns the
 * absolute addresses it reads from table entries into pointers, so the
 * machine's storage sits at host address 0 (storage_create_at) and there can
 * be only one such machine.
 *
 *   struct kh *h;  kh_setup(&cfg, &h);   ... kernel calls via khk_* ...
 *   kh_teardown(h);
 */
#ifndef KH_KH_H
#define KH_KH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gmap/libgmap.h"

#include "bridge.h"

struct kh_config {
	uint64_t storage_size; /* 0: 256 MB */
	unsigned ncpus;        /* 0: 2 */
	bool tlb;              /* model TLBs (stale check on) */
};

struct kh {
	struct gm_machine *m;
	struct mm_struct *mm;   /* the process (libgmap's mm) */
	struct kh_kmm *kmm;     /* the kernel's view of it */
	unsigned traps[16];     /* trapped instructions by kind (KH_TRAP_*) */
};

enum {
	KH_TRAP_IPTE, KH_TRAP_IDTE, KH_TRAP_CSP, KH_TRAP_CSPG, KH_TRAP_PTLB,
	KH_TRAP_SSKE, KH_TRAP_ISKE, KH_TRAP_RRBE, KH_TRAP_CRDTE, KH_TRAP_COUNT
};

/**
 * kh_setup() - the machine (storage at host 0, TLB checking on when
 * cfg->tlb), a pgste process mm, its kernel view, the SIGILL handler that
 * performs the kernel's privileged instructions, and the kernel's machine
 * flags (IDTE, ESOP, EDAT-1) in the lowcore.  Return: 0 or a negative errno.
 */
int kh_setup(const struct kh_config *cfg, struct kh **out);
/** kh_trap_install() - (re)install the SIGILL handler for @h (after a test
 * framework installed its own). */
void kh_trap_install(struct kh *h);
/** kh_trap_remove() - restore the SIGILL handler kh_trap_install() replaced. */
void kh_trap_remove(void);
/** kh_teardown() - everything kh_setup() made; gmaps must be removed. */
void kh_teardown(struct kh *h);

/* ---- the process, as user space would drive it (mmap_lock taken) ------ */
int kh_mmap(struct kh *h, uint64_t addr, uint64_t len, unsigned prot);
int kh_munmap(struct kh *h, uint64_t addr, uint64_t len);
int kh_mprotect(struct kh *h, uint64_t addr, uint64_t len, unsigned prot);
int kh_proc_write(struct kh *h, uint64_t vmaddr, const void *buf, size_t len);
int kh_proc_read(struct kh *h, uint64_t vmaddr, void *buf, size_t len);

/**
 * kh_sie_access() - a guest access through SIE on CPU @cpu: CR1 = the
 * gmap's ASCE, DAT on, primary space, translated by libgmap's CPU (TLB
 * included) through the tables the kernel built; a DAT or protection
 * exception is handled as KVM does (gmap_fault at the guest address, write
 * flag for stores) and the access retried.
 * Return: 0, the PIC that could not be resolved (gmap_fault failed), or a
 * negative errno.  @fault_rc receives gmap_fault's last result when not NULL.
 */
int kh_sie_access(struct kh *h, struct kh_gmap *g, unsigned cpu, uint64_t gaddr, void *buf,
		  size_t len, bool write, int *fault_rc);

/** kh_translate() - libgmap's DAT walk of @gaddr through the gmap (no fault). */
int kh_translate(struct kh *h, struct kh_gmap *g, uint64_t gaddr, uint64_t *aaddr);

/* ---- storage keys: libgmap's skey module (machine_skey), which the
 * trapped SSKE/ISKE/RRBE operate on and every access records R/C in ---- */
/** kh_skey() - the key of the frame at absolute @aaddr (0 outside storage). */
uint8_t kh_skey(struct kh *h, uint64_t aaddr);

/**
 * kh_check() - the invariants after a step: libgmap's check_machine over
 * the machine and process, gmap-semantics §4.B 15-18 over each gmap in
 * @gmaps, no stale TLB hit, no kernel WARN.  Prints each violation.
 * Return: the number of violations.
 */
int kh_check(struct kh *h, struct kh_gmap *const *gmaps, unsigned n);
#endif
