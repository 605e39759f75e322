/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/rcupdate.h>.  The harness is one thread:
 * read-side sections nest a counter; a grace period ends when no reader is
 * inside, so call_rcu callbacks run at the outermost rcu_read_unlock (or at
 * once outside any reader); synchronize_rcu inside a reader is a BUG. */
#ifndef __LINUX_RCUPDATE_H
#define __LINUX_RCUPDATE_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <shim/runtime.h>
#define rcu_read_lock() shim_rcu_read_lock()
#define rcu_read_unlock() shim_rcu_read_unlock()
#define rcu_read_lock_bh() shim_rcu_read_lock()
#define rcu_read_unlock_bh() shim_rcu_read_unlock()
#define synchronize_rcu() shim_synchronize_rcu()
#define call_rcu(head, fn) shim_call_rcu(head, fn)
#define rcu_dereference(p) READ_ONCE(p)
#define rcu_dereference_raw(p) READ_ONCE(p)
#define rcu_dereference_protected(p, c) (p)
#define rcu_dereference_check(p, c) READ_ONCE(p)
#define rcu_access_pointer(p) READ_ONCE(p)
#define rcu_assign_pointer(p, v) WRITE_ONCE(p, v)
#define RCU_INIT_POINTER(p, v) ((p) = (v))
#define rcu_read_lock_held() 1
#define kfree_rcu(ptr, field) shim_kfree(ptr)
#endif
