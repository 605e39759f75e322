/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/swap.h> — the simulation never swaps: a swap
 * pte is never created, and the calls that act on one stop the test. */
#ifndef _LINUX_SWAP_H
#define _LINUX_SWAP_H
#include <linux/mm.h>
#define free_swap_and_cache(e) shim_unmodelled(__FILE__, __LINE__, "free_swap_and_cache")
#endif
