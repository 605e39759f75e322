/* SPDX-License-Identifier: MIT */
/*
 * machine — one simulated s390x configuration: absolute storage, CPUs,
 * installed facilities, the current-CPU context and the event hook.
 *
 * There is no global state: two machines in one process never interfere,
 * and separate machines may be used from separate threads at once.  One
 * machine (with its mms and gmaps) is used by one thread at a time.
 *
 * Layer machine (docs/layers.txt): includes only headers of its layer and below.
 */
#ifndef GMAP_MACHINE_H
#define GMAP_MACHINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gmap/storage.h"

#ifdef __cplusplus
extern "C" {
#endif

struct gm_machine;
struct gm_cpu;
struct gm_skey;

/* Installed facilities (STFLE bit numbers in the comments). */
#define GM_FAC_EDAT1 (1u << 0)      /* facility 8: enhanced-DAT 1 */
#define GM_FAC_EDAT2 (1u << 1)      /* facility 78: enhanced-DAT 2 */
#define GM_FAC_IEP (1u << 2)        /* facility 130: instruction-execution protection */
#define GM_FAC_IDTE (1u << 3)       /* facility 3: IDTE (MACHINE_HAS_IDTE) */
#define GM_FAC_IPTE_RANGE (1u << 4) /* facility 13: IPTE range */
#define GM_FAC_LC (1u << 5)         /* facility 51: local-TLB-clearing */
#define GM_FAC_ALL_KNOWN 0x3fu

/**
 * How many destroyed mms and gmaps a machine keeps poisoned (not yet
 * returned to the host) so that calls through their handles are detected.
 */
#define MACHINE_QUARANTINE 64

/* ---- the architected state of a CPU (cpu.h operates on it) ---------- */

/* PSW bits */
#define PSW_MASK_DAT 0x0400000000000000ULL     /* bit 5 */
#define PSW_MASK_KEY 0x00f0000000000000ULL     /* bits 8-11 */
#define PSW_MASK_PSTATE 0x0001000000000000ULL  /* bit 15 problem state */
#define PSW_MASK_ASC 0x0000c00000000000ULL     /* bits 16-17 */
#define PSW_ASC_PRIMARY 0x0000000000000000ULL
#define PSW_ASC_ACCREG 0x0000400000000000ULL
#define PSW_ASC_SECONDARY 0x0000800000000000ULL
#define PSW_ASC_HOME 0x0000c00000000000ULL
#define PSW_ASC_SHIFT 46
#define PSW_MASK_EA 0x0000000100000000ULL      /* bit 31 extended addressing */
#define PSW_MASK_BA 0x0000000080000000ULL      /* bit 32 basic addressing */
#define PSW_MASK_64 (PSW_MASK_EA | PSW_MASK_BA)

/** SPX operand mask: bits 33-50 (8 KB aligned, below 2 GB). */
#define PREFIX_MASK 0x7fffe000U
/** Size of the prefix area (the z/Architecture lowcore). */
#define LOWCORE_SIZE 0x2000U

/** struct gm_psw - a 16-byte z/Architecture PSW. */
struct gm_psw {
	uint64_t mask;
	uint64_t addr;
};

/* Control-register indices with architected ASCE roles. */
#define CR_PRIMARY_ASCE 1
#define CR_SECONDARY_ASCE 7
#define CR_HOME_ASCE 13

/** Largest number of CPUs of one machine. */
#define GM_MAX_CPUS 64

/**
 * struct gm_machine_config - how to build a machine.
 * @storage_size: bytes of absolute storage (see storage_create()).
 * @ncpus:        1..GM_MAX_CPUS.
 * @facilities:   GM_FAC_* bits (EDAT-2 requires EDAT-1).
 * @tlb:          model a TLB per CPU (see tlb.h); false walks every access.
 */
struct gm_machine_config {
	uint64_t storage_size;
	unsigned ncpus;
	unsigned facilities;
	bool tlb;
};

/** Architected side effects reported to the event hook. */
enum gm_event_type {
	GM_EV_TABLE_ALLOC,  /* a = table aaddr, b = storage_kind, c = level (enum dat_level) */
	GM_EV_TABLE_FREE,   /* a = table aaddr, b = storage_kind, c = level */
	GM_EV_ENTRY_STORE,  /* a = entry aaddr, b = old value, c = new value */
	GM_EV_TLB_PURGE,    /* a = what (enum in tlb.h), b = ASCE or address, c = entries purged */
	GM_EV_FAULT,        /* a = address, b = result, c = kind (GM_FAULT_*) */
	GM_EV_PGM,          /* a = PIC, b = TEID, c = teid_valid */
	GM_EV_TLB_STALE,    /* a = vaddr, b = cached aaddr/PIC, c = true aaddr/PIC */
	GM_EV_FRAME_ALLOC,  /* a = frame aaddr */
	GM_EV_FRAME_FREE,   /* a = frame aaddr */
	GM_EV_COUNT
};

#define GM_FAULT_MM 0       /* process demand fault at a (vmaddr) */
#define GM_FAULT_GMAP 1     /* gmap_fault at a (guest address) */

/**
 * struct gm_event - one side effect.
 * @type: what happened; @cpu: the current CPU index; @a, @b, @c: see the type;
 * @what: a short static description ("gmap r2t", "ipte", …), never NULL.
 */
struct gm_event {
	enum gm_event_type type;
	unsigned cpu;
	uint64_t a, b, c;
	const char *what;
};

typedef void (*gm_event_fn)(void *opaque, const struct gm_event *ev);

/**
 * machine_create() - build a machine.
 * @cfg: the configuration; @out receives the machine (untouched on failure).
 *
 * CPU i gets a prefix area: CPU 0 uses absolute 0 (prefix 0), every other
 * CPU an 8 KB block from the allocator.  All CPUs start with DAT off,
 * primary space, 64-bit addressing, CRs zero.  CPU 0 is current.
 * Return: 0, -EINVAL (bad size, ncpus, facilities, NULL), -ENOMEM.
 */
int machine_create(const struct gm_machine_config *cfg, struct gm_machine **out);

/**
 * machine_create_at() - machine_create() with the storage bytes at host
 * address @host_addr (storage_create_at()): absolute address A is the host
 * byte at @host_addr + A.  For the kernel harness (kernel/), whose kernel
 * code turns absolute addresses into pointers.
 * Return: as machine_create(), plus -EINVAL (@host_addr not page aligned)
 * and -EBUSY (the host range is in use).
 */
int machine_create_at(const struct gm_machine_config *cfg, uintptr_t host_addr,
		      struct gm_machine **out);

/**
 * machine_destroy() - free the machine, its CPUs and storage; NULL is a no-op.
 * mms created on the machine must have been destroyed first; if any remain
 * the call returns -EBUSY and frees nothing.  Afterwards every handle of the
 * machine (the machine, its CPUs, storage, mms, gmaps) is invalid and using
 * one, a second machine_destroy() included, is undefined behaviour: there is
 * no global state that could remember a machine (docs/design.md, "Handles
 * after destruction").
 */
int machine_destroy(struct gm_machine *m);

/** machine_storage() - the absolute storage of @m. */
struct gm_storage *machine_storage(struct gm_machine *m);
/** machine_storage_const() - the absolute storage of @m, read-only. */
const struct gm_storage *machine_storage_const(const struct gm_machine *m);
/**
 * machine_skey() - the storage keys of @m's storage (skey.h): created with
 * the machine, all zero, one per 4 KB frame; owned by the machine.
 */
struct gm_skey *machine_skey(struct gm_machine *m);
/** machine_ncpus() - the number of CPUs of @m. */
unsigned machine_ncpus(const struct gm_machine *m);
/** machine_facilities() - the installed GM_FAC_* bits of @m. */
unsigned machine_facilities(const struct gm_machine *m);
/** machine_has_facility() - whether every GM_FAC_* bit of @fac is installed. */
bool machine_has_facility(const struct gm_machine *m, unsigned fac);

/** machine_cpu() - CPU @idx, or NULL when out of range. */
struct gm_cpu *machine_cpu(struct gm_machine *m, unsigned idx);

/** machine_current_cpu() - the CPU that plays `current` / S390_lowcore. */
struct gm_cpu *machine_current_cpu(struct gm_machine *m);

/** machine_set_current_cpu() - switch the current CPU. Return: 0 or -EINVAL. */
int machine_set_current_cpu(struct gm_machine *m, unsigned idx);

/** machine_set_event_hook() - install (or with NULL remove) the event hook. */
void machine_set_event_hook(struct gm_machine *m, gm_event_fn fn, void *opaque);

/** machine_emit() - report an event to the hook (no-op without one). */
void machine_emit(struct gm_machine *m, enum gm_event_type type, uint64_t a, uint64_t b,
		  uint64_t c, const char *what);

/** machine_event_name() - "table-alloc", "entry-store", … */
const char *machine_event_name(enum gm_event_type type);

/** machine_tlb_enabled() - whether CPUs of this machine model a TLB. */
bool machine_tlb_enabled(const struct gm_machine *m);

/** machine_for_each_mm() - visit the mms of this machine (for check/dump). */
struct mm_struct;
void machine_for_each_mm(struct gm_machine *m, void (*fn)(void *opaque, struct mm_struct *mm),
			 void *opaque);

#ifdef __cplusplus
}
#endif

#endif /* GMAP_MACHINE_H */
