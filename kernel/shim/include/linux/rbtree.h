/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/rbtree.h> — the types and the read-only
 * helpers KVM's memslot code names; no tree is built (no memslots). */
#ifndef _LINUX_RBTREE_H
#define _LINUX_RBTREE_H
#include <linux/types.h>
#include <linux/container_of.h>
struct rb_node {
	unsigned long __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
};
struct rb_root {
	struct rb_node *rb_node;
};
#define RB_ROOT ((struct rb_root){ NULL })
#define rb_entry(ptr, type, member) container_of(ptr, type, member)
static inline struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_right)
		n = n->rb_right;
	return n;
}
#endif
