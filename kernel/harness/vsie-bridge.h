/* SPDX-License-Identifier: MIT */
/*
 * vsie-bridge.h — the vSIE part of the bridge (see bridge.h): a struct kvm
 * with one vCPU around the tree's arch structures, acquire_gmap_shadow()
 * and kvm_s390_shadow_fault() as arch/s390/kvm/vsie.c drives them, and
 * read-only inspection of the kernel's shadow gmaps for the checker.
 * Kernel side: kernel/harness/kvsie.c; host side: kernel/harness/vsie.c.
 */
#ifndef KH_VSIE_BRIDGE_H
#define KH_VSIE_BRIDGE_H

#include "bridge.h"

#if defined(__GNUC__)
#pragma GCC visibility push(default)
#endif

struct kh_kvm; /* the harness's struct kvm + vCPU + vsie_page->gmap */
struct kh_sg;  /* a kernel shadow gmap (struct gmap with ->parent) */

/* facility bits of the guest-2 CPU model (test_kvm_facility) */
#define KHK_FAC_EDAT1 1 /* facility 8 */
#define KHK_FAC_EDAT2 2 /* facility 78 */

/* the VM guest-2 is: gmap @parent (gmap->private = kvm, as kvm_arch_init_vm sets it) */
struct kh_kvm *khk_kvm_create(struct kh_gmap *parent, unsigned int facilities);
/* release the shadow (release_gmap_shadow) and free the VM */
void khk_kvm_destroy(struct kh_kvm *k);
/* guest-2's CR0 and CR1 (vcpu->arch.sie_block->gcr[0..1]) */
void khk_vsie_set_gcr(struct kh_kvm *k, kh_u64 cr0, kh_u64 cr1);
/* acquire_gmap_shadow(): 0 (*@reused: gmap_shadow_valid held) or -errno */
int khk_vsie_acquire(struct kh_kvm *k, int *reused);
/* the shadow held (vsie_page->gmap), NULL when none */
struct kh_sg *khk_vsie_shadow(struct kh_kvm *k);
/* release_gmap_shadow() */
void khk_vsie_release(struct kh_kvm *k);
/* kvm_s390_shadow_fault(vcpu, sg, saddr, &datptr) */
int khk_vsie_shadow_fault(struct kh_kvm *k, kh_u64 saddr, kh_u64 *datptr);
/* counters of kvm->stat: shadow creations and reuses */
void khk_vsie_stats(struct kh_kvm *k, kh_u64 *created, kh_u64 *reused);

/* ---- inspection of the shadows of a gmap (parent->children) ---------- */
struct khk_sg_info {
	kh_u64 table;     /* absolute address of the top table */
	kh_u64 asce;      /* the shadow ASCE */
	kh_u64 orig_asce; /* what guest-2 loaded */
	int edat_level;
	int removed, initialized;
	unsigned int refcount;
	int owned;        /* sg->private is the parent's (the VM), fe752331d4b3 */
};
/* the @i-th shadow on @parent's children list; 0, or -ENOENT past the end */
int khk_sg_nth(struct kh_gmap *parent, unsigned int i, struct kh_sg **sg);
void khk_sg_info(struct kh_sg *sg, struct khk_sg_info *out);
/* every table the shadow owns (crst_list, pt_list): fn(opaque, pa, index, is_pt);
 * index is page->index / ptdesc->pt_index: the source origin | khk_sg_fake_bit() */
void khk_sg_for_each_table(struct kh_sg *sg, void (*fn)(void *, kh_u64, kh_u64, int), void *opaque);
kh_u64 khk_sg_fake_bit(void);
/* every rmap: fn(opaque, vmaddr, raddr) for each host_to_rmap list entry */
void khk_sg_for_each_rmap(struct kh_sg *sg, void (*fn)(void *, kh_u64, kh_u64), void *opaque);

#if defined(__GNUC__)
#pragma GCC visibility pop
#endif
#endif
