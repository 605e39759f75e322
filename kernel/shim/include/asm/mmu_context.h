/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <asm/mmu_context.h> — context switching belongs to
 * the harness (libgmap's mm_switch loads the ASCEs); only the headers the
 * tree's one gets are pulled in. */
#ifndef __S390_MMU_CONTEXT_H
#define __S390_MMU_CONTEXT_H
#include <asm/pgalloc.h>
#include <linux/mm_types.h>
#include <asm/tlbflush.h>
#endif
