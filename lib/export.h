/* SPDX-License-Identifier: MIT */
/*
 * Included first by every lib/ source: declares the public API with default
 * visibility so that libgmap.so (built with -fvisibility=hidden) exports
 * exactly the functions of include/gmap/, which lib/libgmap.map then lists.
 */
#ifndef GMAP_EXPORT_H
#define GMAP_EXPORT_H

#if defined(__GNUC__)
#pragma GCC visibility push(default)
#endif
#include "gmap/libgmap.h"
#if defined(__GNUC__)
#pragma GCC visibility pop
#endif

#endif
