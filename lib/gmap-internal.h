/* SPDX-License-Identifier: MIT */
/*
 * What the gmap layer gives the layers above it (shadow) and nobody else:
 * the SIE-style access loop that gmap_sie_access() and, under vSIE,
 * shadow_sie_access() share.
 */
#ifndef GMAP_GMAP_INTERNAL_H
#define GMAP_GMAP_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gmap/cpu.h"
#include "gmap/dat.h"
#include "gmap/machine.h"

/*
 * Translate @addr for one access on @cpu (whose CR1 and PSW are already
 * the guest's), resolving what the host resolves.  Return: 0 and @res, a
 * positive PGM_* code (with @res's TEID), or a negative errno.
 */
typedef int (*gmap_sie_resolve_fn)(struct gm_cpu *cpu, void *ctx, uint64_t addr, bool write,
				   struct dat_result *res);

/*
 * gmap_sie_copy() - the guest access of @len bytes at @addr: every page is
 * resolved by @resolve before a byte is copied (a failing access copies
 * nothing), then the bytes go to/from the absolute frames the translations
 * gave, and each frame's storage key records the reference (and change).
 * A one-page access is resolved and copied in one step.  @len > 0 and
 * @addr + @len - 1 must not wrap (the callers check).
 * Return: 0, a positive PGM_* code (@res gets the failing translation:
 * PGM_ADDRESSING when a frame is outside storage), or a negative errno.
 */
int gmap_sie_copy(struct gm_machine *m, struct gm_cpu *cpu, uint64_t addr, void *buf, size_t len,
		  bool write, gmap_sie_resolve_fn resolve, void *ctx, struct dat_result *res);

/*
 * gmap_sie_enter() - what sie64a does to the CPU: DAT on, primary space,
 * 64-bit, problem state off, CR1 = @asce.  Return: the PSW to restore.
 */
struct gm_psw gmap_sie_enter(struct gm_cpu *cpu, uint64_t asce);

#endif /* GMAP_GMAP_INTERNAL_H */
