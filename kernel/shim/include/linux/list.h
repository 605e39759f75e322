/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/list.h> — circular doubly linked lists with a
 * head node; deleted entries are poisoned (LIST_POISON1/2) as the kernel
 * does, so a use after list_del faults. */
#ifndef _LINUX_LIST_H
#define _LINUX_LIST_H
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/poison.h>
#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define LIST_HEAD(name) struct list_head name = LIST_HEAD_INIT(name)
static inline void INIT_LIST_HEAD(struct list_head *l) { WRITE_ONCE(l->next, l); l->prev = l; }
static inline void __list_add(struct list_head *n, struct list_head *prev, struct list_head *next)
{ next->prev = n; n->next = next; n->prev = prev; WRITE_ONCE(prev->next, n); }
static inline void list_add(struct list_head *n, struct list_head *h) { __list_add(n, h, h->next); }
static inline void list_add_tail(struct list_head *n, struct list_head *h) { __list_add(n, h->prev, h); }
static inline void __list_del(struct list_head *prev, struct list_head *next)
{ next->prev = prev; WRITE_ONCE(prev->next, next); }
static inline void __list_del_entry(struct list_head *e) { __list_del(e->prev, e->next); }
static inline void list_del(struct list_head *e)
{ __list_del_entry(e); e->next = LIST_POISON1; e->prev = LIST_POISON2; }
static inline void list_del_init(struct list_head *e) { __list_del_entry(e); INIT_LIST_HEAD(e); }
static inline void list_move(struct list_head *e, struct list_head *h) { __list_del_entry(e); list_add(e, h); }
static inline void list_move_tail(struct list_head *e, struct list_head *h) { __list_del_entry(e); list_add_tail(e, h); }
static inline int list_empty(const struct list_head *h) { return READ_ONCE(h->next) == h; }
static inline int list_is_singular(const struct list_head *h) { return !list_empty(h) && h->next == h->prev; }
static inline int list_is_last(const struct list_head *l, const struct list_head *h) { return l->next == h; }
static inline void list_replace(struct list_head *old, struct list_head *n)
{ n->next = old->next; n->next->prev = n; n->prev = old->prev; n->prev->next = n; }
static inline void __list_splice(const struct list_head *list, struct list_head *prev, struct list_head *next)
{ struct list_head *first = list->next, *last = list->prev; first->prev = prev; prev->next = first; last->next = next; next->prev = last; }
static inline void list_splice_init(struct list_head *list, struct list_head *head)
{ if (!list_empty(list)) { __list_splice(list, head, head->next); INIT_LIST_HEAD(list); } }
#define list_entry(ptr, type, member) container_of(ptr, type, member)
#define list_first_entry(ptr, type, member) list_entry((ptr)->next, type, member)
#define list_last_entry(ptr, type, member) list_entry((ptr)->prev, type, member)
#define list_first_entry_or_null(ptr, type, member) \
	({ struct list_head *h__ = (ptr); struct list_head *p__ = READ_ONCE(h__->next); \
	   p__ != h__ ? list_entry(p__, type, member) : NULL; })
#define list_next_entry(pos, member) list_entry((pos)->member.next, typeof(*(pos)), member)
#define list_prev_entry(pos, member) list_entry((pos)->member.prev, typeof(*(pos)), member)
#define list_entry_is_head(pos, head, member) (&(pos)->member == (head))
#define list_for_each(pos, head) for (pos = (head)->next; pos != (head); pos = pos->next)
#define list_for_each_safe(pos, n, head) for (pos = (head)->next, n = pos->next; pos != (head); pos = n, n = pos->next)
#define list_for_each_entry(pos, head, member) \
	for (pos = list_first_entry(head, typeof(*pos), member); !list_entry_is_head(pos, head, member); \
	     pos = list_next_entry(pos, member))
#define list_for_each_entry_safe(pos, n, head, member) \
	for (pos = list_first_entry(head, typeof(*pos), member), n = list_next_entry(pos, member); \
	     !list_entry_is_head(pos, head, member); pos = n, n = list_next_entry(n, member))
#define list_for_each_entry_reverse(pos, head, member) \
	for (pos = list_last_entry(head, typeof(*pos), member); !list_entry_is_head(pos, head, member); \
	     pos = list_prev_entry(pos, member))
#define INIT_HLIST_HEAD(ptr) ((ptr)->first = NULL)
static inline void INIT_HLIST_NODE(struct hlist_node *h) { h->next = NULL; h->pprev = NULL; }
#endif
