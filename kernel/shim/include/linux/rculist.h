/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/rculist.h>.  One thread: the _rcu list forms
 * are the plain ones; list_del_rcu poisons only ->prev (readers may still
 * follow ->next), as the kernel does. */
#ifndef _LINUX_RCULIST_H
#define _LINUX_RCULIST_H
#include <linux/list.h>
#include <linux/rcupdate.h>
#define list_add_rcu(n, h) list_add(n, h)
#define list_add_tail_rcu(n, h) list_add_tail(n, h)
static inline void list_del_rcu(struct list_head *e) { __list_del_entry(e); e->prev = LIST_POISON2; }
static inline void list_replace_rcu(struct list_head *old, struct list_head *n)
{ n->next = old->next; n->prev = old->prev; WRITE_ONCE(n->prev->next, n); n->next->prev = n; old->prev = LIST_POISON2; }
#define list_for_each_entry_rcu(pos, head, member, ...) list_for_each_entry(pos, head, member)
#define list_first_or_null_rcu(ptr, type, member) list_first_entry_or_null(ptr, type, member)
#endif
