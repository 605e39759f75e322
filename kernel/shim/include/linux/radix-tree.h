/* SPDX-License-Identifier: MIT */
/*
 * libgmap kernel shim: <linux/radix-tree.h> — the radix-tree API (an
 * unsigned long index → non-NULL pointer map) implemented in
 * kernel/shim/radix-tree.c as a sorted index of nodes, not the kernel's
 * lib/radix-tree.c.  Contract kept: insert of a present index is -EEXIST;
 * after a successful radix_tree_preload() the next insert on this thread
 * cannot fail with -ENOMEM; a slot pointer stays valid until its index is
 * deleted; iteration visits indices in ascending order and tolerates
 * deletion of the current entry; NULL items cannot be stored (BUG).
 * Tags, multi-order entries and gang lookups are not provided.
 */
#ifndef _LINUX_RADIX_TREE_H
#define _LINUX_RADIX_TREE_H
#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>

struct shim_radix_node;
struct radix_tree_root {
	gfp_t gfp_mask;
	unsigned long nr;
	unsigned long cap;
	struct shim_radix_node **nodes; /* ascending index */
};
struct radix_tree_iter {
	unsigned long index;
	unsigned long next_index;
};
#define RADIX_TREE_INIT(name, mask) { .gfp_mask = (mask) }
#define RADIX_TREE(name, mask) struct radix_tree_root name = RADIX_TREE_INIT(name, mask)
#define INIT_RADIX_TREE(root, mask) \
	do { (root)->gfp_mask = (mask); (root)->nr = 0; (root)->cap = 0; (root)->nodes = NULL; } while (0)

int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item);
void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index);
void __rcu **radix_tree_lookup_slot(const struct radix_tree_root *root, unsigned long index);
void *radix_tree_delete(struct radix_tree_root *root, unsigned long index);
void radix_tree_replace_slot(struct radix_tree_root *root, void __rcu **slot, void *item);
int radix_tree_preload(gfp_t gfp);
int radix_tree_maybe_preload(gfp_t gfp);
void radix_tree_preload_end(void);
static inline void *radix_tree_deref_slot(void __rcu **slot) { return READ_ONCE(*slot); }
static inline void *radix_tree_deref_slot_protected(void __rcu **slot, spinlock_t *lock)
{
	BUG_ON(!spin_is_locked(lock));
	return *slot;
}
static inline bool radix_tree_empty(const struct radix_tree_root *root) { return root->nr == 0; }
static inline int radix_tree_exception(void *arg) { (void)arg; return 0; }

void __rcu **shim_radix_iter_first(const struct radix_tree_root *root, struct radix_tree_iter *iter,
				    unsigned long start);
void __rcu **shim_radix_iter_next(const struct radix_tree_root *root, struct radix_tree_iter *iter);
#define radix_tree_for_each_slot(slot, root, iter, start)                  \
	for (slot = shim_radix_iter_first(root, iter, start); slot;           \
	     slot = shim_radix_iter_next(root, iter))
/* Nothing is cached by an iterator: resuming is a no-op. */
#define radix_tree_iter_resume(slot, iter) (slot)
/* Free the tree's own index (all items must have been deleted). */
void shim_radix_tree_release(struct radix_tree_root *root);
#endif
