/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: see <linux/spinlock.h>. */
#include <linux/spinlock.h>
