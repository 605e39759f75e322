/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: folded into shim/prelude.h. */
#include <linux/compiler.h>
