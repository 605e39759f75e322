/* SPDX-License-Identifier: MIT */
/* Parts of the invariant checker kept in their own files. */
#ifndef GMAP_CHECK_INTERNAL_H
#define GMAP_CHECK_INTERNAL_H

#include "gmap/check.h"
#include "gmap/machine.h"

/* lib/check-shadow.c: every shadow gmap of every gmap of @m (§4.C and 104/105). */
void check_shadows(struct gm_machine *m, struct check_report *rep);

#endif
