/* SPDX-License-Identifier: MIT */
#ifndef GMAP_LOWCORE_H
#define GMAP_LOWCORE_H
#endif
