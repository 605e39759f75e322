/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/jump_label.h> — static keys as plain flags
 * (no code patching). */
#ifndef _LINUX_JUMP_LABEL_H
#define _LINUX_JUMP_LABEL_H
#include <linux/types.h>
struct static_key {
	int enabled;
};
struct static_key_true {
	struct static_key key;
};
struct static_key_false {
	struct static_key key;
};
#define DECLARE_STATIC_KEY_FALSE(name) extern struct static_key_false name
#define DECLARE_STATIC_KEY_TRUE(name) extern struct static_key_true name
#define DEFINE_STATIC_KEY_FALSE(name) struct static_key_false name = { { 0 } }
#define DEFINE_STATIC_KEY_TRUE(name) struct static_key_true name = { { 1 } }
#define static_branch_likely(x) ((x)->key.enabled != 0)
#define static_branch_unlikely(x) ((x)->key.enabled != 0)
#define static_key_enabled(x) ((x)->key.enabled != 0)
#define static_branch_enable(x) ((x)->key.enabled = 1)
#define static_branch_disable(x) ((x)->key.enabled = 0)
#endif
