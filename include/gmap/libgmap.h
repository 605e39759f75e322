/* SPDX-License-Identifier: MIT */
/* libgmap — everything at once. */
#ifndef GMAP_LIBGMAP_H
#define GMAP_LIBGMAP_H

#include "gmap/storage.h"
#include "gmap/skey.h"
#include "gmap/dat.h"
#include "gmap/machine.h"
#include "gmap/cpu.h"
#include "gmap/lowcore.h"
#include "gmap/tlb.h"
#include "gmap/mm.h"
#include "gmap/gmap.h"
#include "gmap/pgste.h"
#include "gmap/nested.h"
#include "gmap/shadow.h"
#include "gmap/check.h"
#include "gmap/dump.h"
#include "gmap/script.h"

#define LIBGMAP_VERSION "0.1.0"

#endif
