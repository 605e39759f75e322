/* SPDX-License-Identifier: MIT */
#ifndef GMAP_DUMP_H
#define GMAP_DUMP_H
#endif
