/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/mmu_notifier.h> — no secondary MMU (no
 * device, no nested KVM mmu notifier) is ever registered, so the
 * invalidation callbacks the mmu_gather issues have nobody to tell. */
#ifndef _LINUX_MMU_NOTIFIER_H
#define _LINUX_MMU_NOTIFIER_H
#include <linux/types.h>
struct mm_struct;
struct mmu_notifier_ops;
/* the type KVM's arch structures embed (asm/kvm_host.h kvm_arch) */
struct mmu_notifier {
	struct hlist_node hlist;
	const struct mmu_notifier_ops *ops;
	struct mm_struct *mm;
};
static inline void mmu_notifier_invalidate_range(struct mm_struct *mm, unsigned long start,
						 unsigned long end)
{
	(void)mm;
	(void)start;
	(void)end;
}
static inline void mmu_notifier_arch_invalidate_secondary_tlbs(struct mm_struct *mm,
							       unsigned long start,
							       unsigned long end)
{
	(void)mm;
	(void)start;
	(void)end;
}
#endif
