/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/mmu_notifier.h> — the type KVM's structures
 * embed; no notifier is ever registered. */
#ifndef _LINUX_MMU_NOTIFIER_H
#define _LINUX_MMU_NOTIFIER_H
#include <linux/types.h>
struct mmu_notifier_ops;
struct mmu_notifier {
	struct hlist_node hlist;
	const struct mmu_notifier_ops *ops;
	struct mm_struct *mm;
};
#endif
