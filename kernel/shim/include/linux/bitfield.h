/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/bitfield.h> — FIELD_GET/FIELD_PREP over a contiguous mask. */
#ifndef _LINUX_BITFIELD_H
#define _LINUX_BITFIELD_H
#include <linux/bits.h>
#define __shim_bf_shift(m) __builtin_ctzll(m)
#define FIELD_GET(mask, reg) ((typeof(mask))(((reg) & (mask)) >> __shim_bf_shift(mask)))
#define FIELD_PREP(mask, val) ((typeof(mask))(((typeof(mask))(val) << __shim_bf_shift(mask)) & (mask)))
#define FIELD_MAX(mask) ((typeof(mask))((mask) >> __shim_bf_shift(mask)))
#define FIELD_FIT(mask, val) (!((((typeof(mask))(val)) << __shim_bf_shift(mask)) & ~(mask)))
#endif
