// SPDX-License-Identifier: MIT
/*
 * kvsie.c — the kernel side of the vSIE bridge (vsie-bridge.h): a struct
 * kvm and one vCPU built around the tree's own arch structures
 * (asm/kvm_host.h), the parts of arch/s390/kvm/vsie.c that choose and keep
 * the shadow gmap (acquire_gmap_shadow, release_gmap_shadow), the tree's
 * kvm_s390_shadow_fault() (arch/s390/kvm/gaccess.c, compiled unmodified),
 * and read-only inspection of the kernel's shadow gmaps.
 *
 * The vsie.c logic is restated here, not compiled: vsie.c as a whole
 * needs the SIE control-block shadowing and sie64a, which the harness does
 * not run.  What it does with the shadow gmap (Linux 6.1/6.12
 * acquire_gmap_shadow()): the ASCE is guest-2's CR1, the EDAT level is
 * CR0.EDAT && facility 8, plus one with facility 78; a held shadow is
 * reused while gmap_shadow_valid() says so, else it is put and
 * gmap_shadow() gives a new one.
 */
#include <linux/kernel.h>
#include <linux/kvm_host.h>
#include <linux/mm.h>
#include <linux/radix-tree.h>
#include <asm/gmap.h>
#if SHIM_LINUX_VERSION >= 0x060800 /* asm/ctl_reg.h became asm/ctlreg.h */
#include <asm/ctlreg.h>
#else
#include <asm/ctl_reg.h>
#endif
#include "kvm-s390.h"
#include "gaccess.h"

#include "vsie-bridge.h"

void *calloc(size_t n, size_t size);
void free(void *p);
void shim_mm_refresh(struct mm_struct *mm);

struct kh_kvm {
	struct kvm kvm;
	struct kvm_vcpu vcpu;
	struct kvm_s390_sie_block sie_block;
	struct bsca_block sca;
	u64 fac_list[S390_ARCH_FAC_LIST_SIZE_U64];
	struct gmap *shadow; /* vsie_page->gmap */
};

#define GM(g) ((struct gmap *)(void *)(g))
#define SG(g) ((struct gmap *)(void *)(g))

struct kh_kvm *khk_kvm_create(struct kh_gmap *parent, unsigned int facilities)
{
	struct kh_kvm *k = calloc(1, sizeof(*k));

	if (!k)
		return NULL;
	k->kvm.mm = GM(parent)->mm;
	mutex_init(&k->kvm.lock);
	mutex_init(&k->kvm.arch.ipte_mutex);
	rwlock_init(&k->kvm.arch.sca_lock);
	init_waitqueue_head(&k->kvm.arch.ipte_wq);
	k->kvm.arch.sca = &k->sca;
	k->kvm.arch.gmap = GM(parent);
	k->kvm.arch.model.fac_list = k->fac_list;
	if (facilities & KHK_FAC_EDAT1) {
		set_kvm_facility(k->kvm.arch.model.fac_mask, 8);
		set_kvm_facility(k->fac_list, 8);
	}
	if (facilities & KHK_FAC_EDAT2) {
		set_kvm_facility(k->kvm.arch.model.fac_mask, 78);
		set_kvm_facility(k->fac_list, 78);
	}
	/* kvm_arch_init_vm(): the VM's gmap belongs to it */
	GM(parent)->private = &k->kvm;
	k->vcpu.kvm = &k->kvm;
	mutex_init(&k->vcpu.mutex);
	k->vcpu.arch.sie_block = &k->sie_block;
	k->vcpu.arch.gmap = GM(parent);
	k->kvm.vcpus[0] = &k->vcpu;
	atomic_set(&k->kvm.online_vcpus, 1);
	return k;
}

void khk_vsie_release(struct kh_kvm *k)
{
	/* release_gmap_shadow() */
	if (k->shadow)
		gmap_put(k->shadow);
	WRITE_ONCE(k->shadow, NULL);
}

void khk_kvm_destroy(struct kh_kvm *k)
{
	if (!k)
		return;
	khk_vsie_release(k);
	if (k->kvm.arch.gmap && k->kvm.arch.gmap->private == &k->kvm)
		k->kvm.arch.gmap->private = NULL;
	free(k);
}

void khk_vsie_set_gcr(struct kh_kvm *k, kh_u64 cr0, kh_u64 cr1)
{
	k->sie_block.gcr[0] = cr0;
	k->sie_block.gcr[1] = cr1;
}

int khk_vsie_acquire(struct kh_kvm *k, int *reused)
{
	struct kvm_vcpu *vcpu = &k->vcpu;
	unsigned long asce;
	union ctlreg0 cr0;
	struct gmap *gmap;
	int edat;

	*reused = 0;
	asce = vcpu->arch.sie_block->gcr[1];
	cr0.val = vcpu->arch.sie_block->gcr[0];
	edat = cr0.edat && test_kvm_facility(vcpu->kvm, 8);
	edat += edat && test_kvm_facility(vcpu->kvm, 78);
	if (k->shadow && gmap_shadow_valid(k->shadow, asce, edat)) {
		vcpu->kvm->stat.gmap_shadow_reuse++;
		*reused = 1;
		return 0;
	}
	khk_vsie_release(k);
	shim_mm_refresh(k->kvm.mm);
	gmap = gmap_shadow(vcpu->arch.gmap, asce, edat);
	if (IS_ERR(gmap))
		return PTR_ERR(gmap);
	vcpu->kvm->stat.gmap_shadow_create++;
	WRITE_ONCE(k->shadow, gmap);
	return 0;
}

struct kh_sg *khk_vsie_shadow(struct kh_kvm *k)
{
	return (struct kh_sg *)(void *)k->shadow;
}

int khk_vsie_shadow_fault(struct kh_kvm *k, kh_u64 saddr, kh_u64 *datptr)
{
	unsigned long dat = 0;
	int rc;

	if (!k->shadow)
		return -EINVAL;
	shim_mm_refresh(k->kvm.mm);
	rc = kvm_s390_shadow_fault(&k->vcpu, k->shadow, saddr, &dat);
	if (datptr)
		*datptr = dat;
	return rc;
}

void khk_vsie_stats(struct kh_kvm *k, kh_u64 *created, kh_u64 *reused)
{
	*created = k->kvm.stat.gmap_shadow_create;
	*reused = k->kvm.stat.gmap_shadow_reuse;
}

/* ---- inspection ---------------------------------------------------------- */
int khk_sg_nth(struct kh_gmap *parent, unsigned int i, struct kh_sg **out)
{
	struct gmap *sg;

	list_for_each_entry(sg, &GM(parent)->children, list)
		if (i-- == 0) {
			*out = (struct kh_sg *)(void *)sg;
			return 0;
		}
	return -ENOENT;
}

void khk_sg_info(struct kh_sg *s, struct khk_sg_info *out)
{
	struct gmap *sg = SG(s);

	out->table = __pa(sg->table);
	out->asce = sg->asce;
	out->orig_asce = sg->orig_asce;
	out->edat_level = sg->edat_level;
	out->removed = sg->removed;
	out->initialized = sg->initialized;
	out->refcount = refcount_read(&sg->ref_count);
	out->owned = sg->parent && sg->private == sg->parent->private;
}

kh_u64 khk_sg_fake_bit(void)
{
	return 1ULL; /* GMAP_SHADOW_FAKE_TABLE of 6.1 and 6.12 arch/s390/mm/gmap.c */
}

void khk_sg_for_each_table(struct kh_sg *s, void (*fn)(void *, kh_u64, kh_u64, int), void *opaque)
{
	struct gmap *sg = SG(s);
	struct page *page;

	list_for_each_entry(page, &sg->crst_list, lru)
		fn(opaque, page_to_phys(page), page->index, 0);
#if SHIM_LINUX_VERSION >= 0x060600 /* shadow page tables are ptdescs */
	{
		struct ptdesc *pt;

		list_for_each_entry(pt, &sg->pt_list, pt_list)
			fn(opaque, page_to_phys(ptdesc_page(pt)), pt->pt_index, 1);
	}
#else
	list_for_each_entry(page, &sg->pt_list, lru)
		fn(opaque, page_to_phys(page), page->index, 1);
#endif
}

void khk_sg_for_each_rmap(struct kh_sg *s, void (*fn)(void *, kh_u64, kh_u64), void *opaque)
{
	struct gmap *sg = SG(s);
	struct radix_tree_iter iter;
	void __rcu **slot;

	radix_tree_for_each_slot(slot, &sg->host_to_rmap, &iter, 0) {
		struct gmap_rmap *rmap;

		gmap_for_each_rmap(rmap, (struct gmap_rmap *)*slot)
			fn(opaque, (kh_u64)iter.index << PAGE_SHIFT, rmap->raddr);
	}
}
