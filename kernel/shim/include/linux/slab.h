/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/slab.h> — host objects charged to the
 * simulated machine (libgmap's storage_host_zalloc: counted, and subject to
 * failure injection).  kmem_cache_* is not provided. */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H
#include <linux/gfp.h>
#include <linux/types.h>
#include <shim/runtime.h>
#define kmalloc(size, gfp) shim_kmalloc(size, gfp)
#define kzalloc(size, gfp) shim_kmalloc(size, (gfp) | __GFP_ZERO)
#define kcalloc(n, size, gfp) shim_kmalloc((n) * (size), (gfp) | __GFP_ZERO)
#define kmalloc_array(n, size, gfp) shim_kmalloc((n) * (size), gfp)
#define kfree(p) shim_kfree(p)
#define kvfree(p) shim_kfree(p)
#define kvzalloc(size, gfp) kzalloc(size, gfp)
#endif
