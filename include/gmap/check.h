/* SPDX-License-Identifier: MIT */
/*
 * check — the invariant checker.  Verifies the invariants of
 * docs/gmap.md ("Invariants", after gmap-semantics §4.A 1-14) and the mm's
 * own consistency over a machine, its mms and their gmaps.  It never
 * aborts and never mutates: it returns the list of violations.
 *
 * Layer check (docs/layers.txt): includes only headers of its layer and below.
 */
#ifndef GMAP_CHECK_H
#define GMAP_CHECK_H

#include <stdbool.h>
#include <stdint.h>

#include "gmap/machine.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Invariant numbers 1..14 are gmap-semantics §4.A; these are libgmap's own. */
#define CHECK_INV_MM_TABLES 101   /* process table shapes, VMA/PTE agreement; a table
				     the mm owns that no entry references */
#define CHECK_INV_STORAGE 102     /* frame descriptors agree with their use; an entry
				     designating a table or frame of another mm */
#define CHECK_INV_TLB 103         /* no stale TLB entry (machines with a TLB) */
/* Shadow gmaps (lib/check-shadow.c): 19 and 20 are gmap-semantics §4.C. */
#define CHECK_INV_SHADOW_PROT 19  /* entry states; every shadowed source protected (VSIE bit) */
#define CHECK_INV_SHADOW_RMAP 20  /* rmaps: no duplicates, each one's source pte armed */
#define CHECK_INV_SHADOW_STALE 104 /* every valid shadow entry agrees with the nested translation */
#define CHECK_INV_SHADOW_LIST 105 /* children lists, refcounts, shadow table ownership */

/** One violated invariant. */
struct check_violation {
	unsigned inv;      /**< invariant number */
	uint64_t where;    /**< the entry/table/address concerned */
	char msg[192];     /**< a sentence for humans */
};

/**
 * struct check_report - violations found; owned by the caller.
 * Initialise with {0}; release with check_report_free().  At most @cap
 * violations are kept (more set @truncated); @cap 0 means 64.
 */
struct check_report {
	unsigned n;
	unsigned cap;
	bool truncated;
	struct check_violation *v;
};

/**
 * check_machine() - check every invariant over @m, its mms and gmaps.
 * Return: the number of violations (0 = all good, also in @rep->n), or
 * -EINVAL (NULL), -ENOMEM (the report could not be allocated).
 */
int check_machine(struct gm_machine *m, struct check_report *rep);

/**
 * check_machine_full() - check_machine() reading every entry of every
 * reachable table instead of only the populated ones, and verifying the
 * storage's census of populated entries against the entries themselves
 * (a mismatch is a CHECK_INV_STORAGE violation).  For tests: its cost is
 * the size of all tables.  Return: as check_machine().
 */
int check_machine_full(struct gm_machine *m, struct check_report *rep);

struct gmap;

/**
 * check_shadow_asce() - check shadow tables against the nested translation,
 * usable on any shadow tables in storage (libgmap's, or a kernel's run by
 * a harness): @shadow_asce designates the shadow tables, @orig_asce and
 * @edat_level what guest-2 loaded, @parent is guest-2's memory.  For every
 * valid shadow pte: the host frame and the protection must equal
 * nested_translate()'s (else CHECK_INV_SHADOW_STALE), and every guest-2
 * table page on that translation's path and the guest-2 page itself must
 * be armed with PGSTE_VSIE_BIT in the parent's pte, the table pages
 * read-only (else CHECK_INV_SHADOW_PROT); the top-level table range of
 * @orig_asce must be armed too.  Appends to @rep (initialised as for
 * check_machine(), which calls this for each of libgmap's shadows).
 * Return: the number of violations added, -EINVAL, -ENOMEM.
 */
int check_shadow_asce(const struct gmap *parent, uint64_t orig_asce, int edat_level,
		      uint64_t shadow_asce, struct check_report *rep);

/**
 * check_shadow_gmap() - check one shadow gmap @sg of @parent whoever built
 * it: @sg->shadow describes it (orig_asce, edat_level, initialized,
 * removed, ref_count, every table it owns with its guest-2 source, saddr,
 * level and fake flag, every rmap).  Runs the per-shadow part of
 * check_machine(): check_shadow_asce(), the sources of the shadow tables
 * against guest-2's entries now, their protection and rmaps, duplicate
 * rmaps, rmaps of unarmed ptes, the tables owned against those reachable,
 * no ORIGIN+INVALID entry, and the TLB entries of every CPU formed through
 * @sg->asce against nested_translate().  @sg need not be on @parent's
 * children list (the kernel harness describes the kernel's shadows this
 * way).  Appends to @rep (initialised as for check_machine()).
 * Return: the number of violations added, -EINVAL (NULL, no ->shadow),
 * -ENOMEM.
 */
int check_shadow_gmap(struct gmap *parent, struct gmap *sg, struct check_report *rep);

/** check_report_free() - free the violations; the report can be reused. */
void check_report_free(struct check_report *rep);

/** check_inv_name() - a short title of invariant @inv. */
const char *check_inv_name(unsigned inv);

#ifdef __cplusplus
}
#endif

#endif
