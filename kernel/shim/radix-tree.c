// SPDX-License-Identifier: MIT
/*
 * radix-tree.c — the radix-tree API of <linux/radix-tree.h> (see there for
 * the contract) over a sorted array of individually allocated nodes:
 * lookups are binary searches, a slot is the address of a node's item and
 * stays put while the index is present.  Nodes are kmalloc'ed (counted and
 * subject to failure injection); radix_tree_preload() sets one aside so
 * that the insert after it cannot fail.
 */
#include <linux/kernel.h>
#include <linux/radix-tree.h>
#include <linux/slab.h>

void *realloc(void *p, size_t n);
void free(void *p);

struct shim_radix_node {
	unsigned long index;
	void *item;
};

static struct shim_radix_node *preloaded;
static int preload_active;

/* The position of the first node with index >= @index. */
static unsigned long lower_bound(const struct radix_tree_root *root, unsigned long index)
{
	unsigned long lo = 0, hi = root->nr;

	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;

		if (root->nodes[mid]->index < index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct shim_radix_node *find(const struct radix_tree_root *root, unsigned long index)
{
	unsigned long pos = lower_bound(root, index);

	if (pos < root->nr && root->nodes[pos]->index == index)
		return root->nodes[pos];
	return NULL;
}

int radix_tree_preload(gfp_t gfp)
{
	if (preload_active)
		shim_bug(__FILE__, __LINE__, "radix_tree_preload while preloaded");
	if (!preloaded) {
		preloaded = kmalloc(sizeof(*preloaded), gfp);
		if (!preloaded)
			return -ENOMEM;
	}
	preload_active = 1;
	return 0;
}

int radix_tree_maybe_preload(gfp_t gfp)
{
	return radix_tree_preload(gfp);
}

void radix_tree_preload_end(void)
{
	preload_active = 0;
}

int radix_tree_insert(struct radix_tree_root *root, unsigned long index, void *item)
{
	struct shim_radix_node *node;
	unsigned long pos;

	if (!item)
		shim_bug(__FILE__, __LINE__, "radix_tree_insert of NULL");
	pos = lower_bound(root, index);
	if (pos < root->nr && root->nodes[pos]->index == index)
		return -EEXIST;
	if (root->nr == root->cap) {
		unsigned long cap = root->cap ? 2 * root->cap : 16;
		struct shim_radix_node **n = realloc(root->nodes, cap * sizeof(*n));

		/* The index array is host bookkeeping of the shim, not a kernel
		 * allocation: it is not subject to failure injection. */
		if (!n)
			shim_bug(__FILE__, __LINE__, "host out of memory");
		root->nodes = n;
		root->cap = cap;
	}
	if (preloaded) {
		node = preloaded;
		preloaded = NULL;
	} else {
		node = kmalloc(sizeof(*node), root->gfp_mask);
		if (!node)
			return -ENOMEM;
	}
	node->index = index;
	node->item = item;
	memmove(&root->nodes[pos + 1], &root->nodes[pos], (root->nr - pos) * sizeof(root->nodes[0]));
	root->nodes[pos] = node;
	root->nr++;
	return 0;
}

void *radix_tree_lookup(const struct radix_tree_root *root, unsigned long index)
{
	struct shim_radix_node *node = find(root, index);

	return node ? node->item : NULL;
}

void __rcu **radix_tree_lookup_slot(const struct radix_tree_root *root, unsigned long index)
{
	struct shim_radix_node *node = find(root, index);

	return node ? &node->item : NULL;
}

void *radix_tree_delete(struct radix_tree_root *root, unsigned long index)
{
	unsigned long pos = lower_bound(root, index);
	struct shim_radix_node *node;
	void *item;

	if (pos >= root->nr || root->nodes[pos]->index != index)
		return NULL;
	node = root->nodes[pos];
	item = node->item;
	memmove(&root->nodes[pos], &root->nodes[pos + 1], (root->nr - pos - 1) * sizeof(root->nodes[0]));
	root->nr--;
	kfree(node);
	if (root->nr == 0) {
		free(root->nodes);
		root->nodes = NULL;
		root->cap = 0;
	}
	return item;
}

void radix_tree_replace_slot(struct radix_tree_root *root, void __rcu **slot, void *item)
{
	(void)root;
	if (!item)
		shim_bug(__FILE__, __LINE__, "radix_tree_replace_slot with NULL (use delete)");
	*slot = item;
}

void __rcu **shim_radix_iter_first(const struct radix_tree_root *root, struct radix_tree_iter *iter,
				    unsigned long start)
{
	unsigned long pos = lower_bound(root, start);

	if (pos >= root->nr)
		return NULL;
	iter->index = root->nodes[pos]->index;
	iter->next_index = iter->index + 1;
	return &root->nodes[pos]->item;
}

void __rcu **shim_radix_iter_next(const struct radix_tree_root *root, struct radix_tree_iter *iter)
{
	if (iter->index == ~0UL)
		return NULL;
	return shim_radix_iter_first(root, iter, iter->index + 1);
}

void shim_radix_tree_release(struct radix_tree_root *root)
{
	if (root->nr)
		shim_bug(__FILE__, __LINE__, "radix tree released with entries");
	free(root->nodes);
	root->nodes = NULL;
	root->cap = 0;
}

void shim_radix_fini(void)
{
	kfree(preloaded);
	preloaded = NULL;
}
