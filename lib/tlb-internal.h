/* SPDX-License-Identifier: MIT */
/*
 * What lib/ sees of the TLB module beyond tlb.h.  Layer tlb
 * (docs/layers.txt): above machine (it reads the CPU state and the
 * facilities, reports events), below cpu (cpu_translate() uses its inline
 * path, SET PREFIX its purge).  It never calls the cpu layer: whoever
 * translates passes the DAT environment, or it takes machine_cpu_dat_env().
 */
#ifndef GMAP_TLB_INTERNAL_H
#define GMAP_TLB_INTERNAL_H

#include "gmap/tlb.h"
#include "machine-internal.h"

/*
 * Per-CPU TLB object (lib/tlb.c): machine_create() (lib/machine-create.c)
 * calls tlb_cpu_init() for every CPU of a machine built with cfg->tlb (it sets cpu->tlb; 0 or
 * -ENOMEM, nothing allocated then) and tlb_cpu_fini() on destroy/rollback.
 */
int tlb_cpu_init(struct gm_cpu *cpu);
void tlb_cpu_fini(struct gm_cpu *cpu);
/* SET PREFIX's purge of the issuing CPU's TLB (reported as TLB_PURGE_SPX). */
void tlb_spx_purge(struct gm_cpu *cpu);

#endif
