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

/** check_report_free() - free the violations; the report can be reused. */
void check_report_free(struct check_report *rep);

/** check_inv_name() - a short title of invariant @inv. */
const char *check_inv_name(unsigned inv);

#ifdef __cplusplus
}
#endif

#endif
