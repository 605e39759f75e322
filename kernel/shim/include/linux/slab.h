/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/slab.h> — host objects charged to the
 * simulated machine (libgmap's storage_host_zalloc: counted, and subject to
 * failure injection).  kmem_cache_* stops the test: the only cache of
 * arch/s390/mm is pgalloc.c's base_pgt_cache (base_asce_alloc, for I/O
 * requests), whose 2 KB tables must be in storage, and nothing the harness
 * runs reaches it. */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H
#include <linux/gfp.h>
#include <linux/types.h>
#include <linux/mutex.h>
#include <shim/runtime.h>
#define kmalloc(size, gfp) shim_kmalloc(size, gfp)
#define kzalloc(size, gfp) shim_kmalloc(size, (gfp) | __GFP_ZERO)
#define kcalloc(n, size, gfp) shim_kmalloc((n) * (size), (gfp) | __GFP_ZERO)
#define kmalloc_array(n, size, gfp) shim_kmalloc((n) * (size), gfp)
#define kfree(p) shim_kfree(p)
struct kmem_cache;
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     unsigned long flags, void (*ctor)(void *));
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *s, void *p);
#define kvfree(p) shim_kfree(p)
#define kvzalloc(size, gfp) kzalloc(size, gfp)
#endif
