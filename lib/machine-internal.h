/* SPDX-License-Identifier: MIT */
/* Private layout of the machine and its CPUs, shared by lib/ modules. */
#ifndef GMAP_MACHINE_INTERNAL_H
#define GMAP_MACHINE_INTERNAL_H

#include <bsd/sys/queue.h>

#include "gmap/cpu.h"
#include "gmap/machine.h"

struct mm_struct;
struct gm_tlb; /* per-CPU TLB, lib/tlb.c (NULL when the machine has none) */

struct gm_cpu {
	struct gm_machine *m;
	unsigned idx;
	uint32_t prefix;
	uint64_t cr[16];
	struct gm_psw psw;
	uint64_t gmap_addr;  /* thread.gmap_addr of the task running here */
	struct gm_tlb *tlb;
};

TAILQ_HEAD(gm_mm_head, mm_struct);

struct gm_machine {
	struct gm_storage *st;
	unsigned ncpus;
	unsigned facilities;
	bool tlb;
	unsigned cur;
	struct gm_cpu *cpus;
	gm_event_fn hook;
	void *hook_opaque;
	struct gm_mm_head mms;   /* linked through mm_struct.machine_link */
	unsigned nmms;
	/* destroyed mms and gmaps, poisoned, freed MACHINE_QUARANTINE later */
	void *quarantine[MACHINE_QUARANTINE];
	unsigned quarantine_next;
};

/*
 * Instead of freeing a destroyed mm or gmap (a storage_host_zalloc() object
 * of @size bytes, already poisoned), keep it MACHINE_QUARANTINE frees long,
 * so its handle reads the poison instead of freed memory.  It stops
 * counting as a host object of the storage now.
 */
void machine_quarantine(struct gm_machine *m, void *obj, size_t size);

/* Called by lib/mm.c when an mm is created / destroyed. */
void machine_register_mm(struct gm_machine *m, struct mm_struct *mm);
void machine_unregister_mm(struct gm_machine *m, struct mm_struct *mm);

/* machine_emit() on behalf of CPU @cpu rather than the current CPU. */
void machine_emit_cpu(struct gm_machine *m, unsigned cpu, enum gm_event_type type, uint64_t a,
		      uint64_t b, uint64_t c, const char *what);

/*
 * Per-CPU TLB object (lib/tlb.c): machine_create() calls tlb_cpu_init() for
 * every CPU of a machine built with cfg->tlb (it sets cpu->tlb; 0 or
 * -ENOMEM, nothing allocated then) and tlb_cpu_fini() on destroy/rollback.
 */
int tlb_cpu_init(struct gm_cpu *cpu);
void tlb_cpu_fini(struct gm_cpu *cpu);
/* SET PREFIX's purge of the issuing CPU's TLB (reported as TLB_PURGE_SPX). */
void tlb_spx_purge(struct gm_cpu *cpu);

#endif
