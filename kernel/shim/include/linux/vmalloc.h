/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/vmalloc.h> — vmalloc is kmalloc (one address space, no guard pages). */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H
#include <linux/slab.h>
#define vmalloc(size) kmalloc(size, GFP_KERNEL)
#define vzalloc(size) kzalloc(size, GFP_KERNEL)
#define vfree(p) kfree(p)
#ifndef kvmalloc
#define kvmalloc(size, gfp) kmalloc(size, gfp)
#endif
#endif
