/* SPDX-License-Identifier: MIT */
/*
 * Private layout of the machine and its CPUs, shared by lib/ modules.
 * Layer machine (docs/layers.txt): the state of the configuration and of
 * each CPU (prefix, CRs, PSW, its TLB pointer), the facilities, the event
 * hook.  Everything above reads it; it includes nothing above dat.
 */
#ifndef GMAP_MACHINE_INTERNAL_H
#define GMAP_MACHINE_INTERNAL_H

#include <bsd/sys/queue.h>

#include "gmap/dat.h"
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

struct gmap_notifier;

struct gm_machine {
	struct gm_storage *st;
	struct gm_skey *skey;      /* storage keys (lib/skey.c) */
	unsigned ncpus;
	unsigned facilities;
	bool tlb;
	unsigned cur;
	struct gm_cpu *cpus;
	gm_event_fn hook;
	void *hook_opaque;
	struct gm_mm_head mms;   /* linked through mm_struct.machine_link */
	unsigned nmms;
	/* check_machine()'s working memory, kept between checks so that a
	 * check after every operation does not fault fresh memory in each time;
	 * not machine state (lib/check.c owns it, machine_destroy() frees it) */
	void *check_scratch;
	void (*check_scratch_free)(void *scratch);
	struct gmap_notifier *gmap_notifiers; /* gmap_register_pte_notifier() (lib/shadow.c) */
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

/* machine_destroy(): return every quarantined object to the host. */
void machine_quarantine_free(struct gm_machine *m);

/*
 * Called by lib/mm.c when an mm is created / destroyed, and defined there
 * with machine_for_each_mm(): the list runs through mm_struct.machine_link,
 * which only mm knows.  The machine itself only looks at the head and the
 * count (machine_destroy() refuses with -EBUSY while an mm exists).
 */
void machine_register_mm(struct gm_machine *m, struct mm_struct *mm);
void machine_unregister_mm(struct gm_machine *m, struct mm_struct *mm);

/* machine_emit() on behalf of CPU @cpu rather than the current CPU. */
void machine_emit_cpu(struct gm_machine *m, unsigned cpu, enum gm_event_type type, uint64_t a,
		      uint64_t b, uint64_t c, const char *what);

/*
 * The DAT environment of @cpu's current state: CR0's EDAT and IEP controls
 * where the facilities are installed, the PSW's address-space control and
 * the prefix.  Inline because cpu_translate() needs it on every access;
 * cpu_dat_env() is its public form.  The TLB is given an environment or
 * derives it here, never from the cpu layer.
 */
static inline void machine_cpu_dat_env(const struct gm_cpu *cpu, struct dat_env *env)
{
	unsigned fac = cpu->m->facilities;
	uint64_t cr0 = cpu->cr[0];

	/* EDAT-1 needs facility 8 and CR0.40; EDAT-2 also facility 78. */
	env->edat1 = (cr0 & CR0_EDAT) && (fac & GM_FAC_EDAT1);
	env->edat2 = env->edat1 && (fac & GM_FAC_EDAT2);
	env->iep = (cr0 & CR0_IEP) && (fac & GM_FAC_IEP);
	env->as = (uint8_t)((cpu->psw.mask & PSW_MASK_ASC) >> PSW_ASC_SHIFT);
	env->prefix = cpu->prefix;
}

#endif
