/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/genalloc.h> — the pool type in channel-I/O prototypes (no I/O). */
#ifndef __GENALLOC_H__
#define __GENALLOC_H__
struct gen_pool;
struct device;
#endif
