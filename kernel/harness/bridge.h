/* SPDX-License-Identifier: MIT */
/*
 * bridge.h — the narrow interface between the two halves of the harness.
 *
 * Kernel side (compiled against the shim headers with the tree's code):
 * the .c files of kernel/shim/ and kernel/harness/kapi.c.  Host side (compiled against
 * libgmap's headers): kernel/harness/host.c, trap.c, the tests.  The two
 * cannot share a translation unit (both define struct mm_struct, PAGE_SIZE,
 * …), so they meet here, with plain integer types and opaque pointers only.
 */
#ifndef KH_BRIDGE_H
#define KH_BRIDGE_H

#ifdef __KERNEL__
#include <linux/types.h>
typedef u64 kh_u64;
#else
#include <stddef.h>
#include <stdint.h>
typedef uint64_t kh_u64;
#endif

#if defined(__GNUC__)
/* The kernel side is linked with every other symbol local
 * (kernel/scripts/localize.sh): the bridge is what stays visible. */
#pragma GCC visibility push(default)
#endif

struct kh_kmm; /* the kernel's struct mm_struct, opaque to the host side */
struct kh_gmap; /* the kernel's struct gmap */

/* ---- provided by the host side, called by the shim ------------------- */
/* kinds for khb_frame_alloc */
#define KHB_FRAME 0   /* 4 KB, order 0 */
#define KHB_CRST 2    /* 16 KB, order 2, 16 KB aligned */
#define KHB_PGSTE 100 /* 4 KB page table with PGSTEs (page_table_alloc_pgste) */
int khb_frame_alloc(int kind, kh_u64 *pa);
void khb_frame_free(kh_u64 pa);
kh_u64 khb_storage_size(void);
void *khb_host_zalloc(size_t size);
void khb_host_free(void *p, size_t size);
unsigned int khb_cpu(void);
unsigned int khb_ncpus(void);
/* the process (the libgmap mm @lmm) */
int khb_vma_find(void *lmm, kh_u64 addr, kh_u64 *start, kh_u64 *end, unsigned int *prot);
int khb_fault(void *lmm, kh_u64 addr, int write);
int khb_zap(void *lmm, kh_u64 start, kh_u64 len);
int khb_alloc_pmd(void *lmm, kh_u64 addr);
int khb_alloc_pte_table(void *lmm, kh_u64 addr);
void khb_mm_state(void *lmm, kh_u64 *pgd, kh_u64 *asce, kh_u64 *limit);
/* report a kernel assertion / warning to the running test */
void khb_fail(const char *msg);
void khb_warn(const char *msg);

/* ---- provided by the kernel side (kapi.c), called by the host -------- */
void khk_init(void);
/* kernel virtual address of absolute 0: where the host maps storage */
unsigned long khk_identity_base(void);
void khk_fini(void);
void khk_mmap_lock(struct kh_kmm *kmm, int write);
void khk_mmap_unlock(struct kh_kmm *kmm, int write);
unsigned int khk_fault_flag_write(void);
int khk_prot(int read, int write);
int khk_uses_skeys(struct kh_kmm *kmm);
kh_u64 khk_gmap_table(struct kh_gmap *g);
void khk_crst_for_each(struct kh_gmap *g, void (*fn)(void *, kh_u64, kh_u64), void *opaque);
struct kh_kmm *khk_mm_create(void *lmm);
void khk_mm_destroy(struct kh_kmm *kmm);
void khk_mm_sync(struct kh_kmm *kmm);
void khk_set_current(struct kh_kmm *kmm);
void khk_set_machine_flags(unsigned long flags);
/* the process side's hooks */
/* process page tables through the tree's pgalloc.c (0 / -ENOMEM) */
int khk_pt_alloc(struct kh_kmm *kmm, kh_u64 *pa);
void khk_pt_free(struct kh_kmm *kmm, kh_u64 pa);
void khk_pt_free_tlb(struct kh_kmm *kmm, kh_u64 pa, kh_u64 vmaddr);
/* an RCU reader (GUP-fast, a gmap lookup) held across steps by a test */
void khk_rcu_read_lock(void);
void khk_rcu_read_unlock(void);
void khk_pte_xchg(struct kh_kmm *kmm, kh_u64 vmaddr, kh_u64 ptep, kh_u64 val);
/* the kernel's gmap API (kernel conventions for results) */
struct kh_gmap *khk_gmap_create(struct kh_kmm *kmm, kh_u64 limit);
void khk_gmap_remove(struct kh_gmap *g);
kh_u64 khk_gmap_asce(struct kh_gmap *g);
kh_u64 khk_gmap_asce_end(struct kh_gmap *g);
int khk_gmap_map_segment(struct kh_gmap *g, kh_u64 from, kh_u64 to, kh_u64 len);
int khk_gmap_unmap_segment(struct kh_gmap *g, kh_u64 to, kh_u64 len);
int khk_gmap_fault(struct kh_gmap *g, kh_u64 gaddr, unsigned int fault_flags);
long khk_gmap_translate(struct kh_gmap *g, kh_u64 gaddr);
void khk_gmap_discard(struct kh_gmap *g, kh_u64 from, kh_u64 to);
int khk_gmap_read_table(struct kh_gmap *g, kh_u64 gaddr, kh_u64 *val);
int khk_gmap_mprotect_notify(struct kh_gmap *g, kh_u64 gaddr, kh_u64 len, int prot);
/* one pte notifier, recording calls (start, end) for the tests */
void khk_notifier_register(void);
void khk_notifier_unregister(void);
unsigned int khk_notifier_calls(kh_u64 *start, kh_u64 *end); /* count, last range */
void khk_notifier_reset(void);
/* storage keys through the kernel */
int khk_enable_skey(void);
int khk_set_guest_storage_key(struct kh_kmm *kmm, kh_u64 addr, unsigned char key, int nq);
int khk_get_guest_storage_key(struct kh_kmm *kmm, kh_u64 addr, unsigned char *key);
int khk_reset_guest_reference_bit(struct kh_kmm *kmm, kh_u64 addr);
/* inspection for the invariants (gmap-semantics.md §4.B) */
int khk_g2h_lookup(struct kh_gmap *g, kh_u64 seg, kh_u64 *vmaddr);   /* 0 / -ENOENT */
int khk_h2g_lookup(struct kh_gmap *g, kh_u64 vseg, kh_u64 *ste_pa);  /* 0 / -ENOENT */
/* for each entry of guest_to_host / host_to_guest: fn(opaque, index, value) */
void khk_g2h_for_each(struct kh_gmap *g, void (*fn)(void *, kh_u64, kh_u64), void *opaque);
void khk_h2g_for_each(struct kh_gmap *g, void (*fn)(void *, kh_u64, kh_u64), void *opaque);
kh_u64 khk_segment_gaddr(struct kh_gmap *g, kh_u64 ste_pa); /* __gmap_segment_gaddr */
int khk_gmap_count(struct kh_kmm *kmm);
/* kernel-side bookkeeping, for leak checks */
long khk_live_pages(void);
long khk_live_kmalloc(void);
long khk_live_pt_pages(void);   /* the process's page tables (khk_pt_alloc) */
long khk_pending_tables(void);  /* tables waiting for their grace period */
unsigned int khk_warnings(void);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
#endif
