/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/rwsem.h>.  Readers are counted (a read lock
 * may be taken again, as the kernel allows for recursive readers only by
 * luck — it is accepted here); a writer excludes everyone: any acquisition
 * that would block forever on one thread is a BUG. */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H
#include <linux/types.h>
#include <linux/bug.h>
#include <shim/runtime.h>
struct rw_semaphore {
	int readers;
	int writer;
};
static inline void shim_down_read(struct rw_semaphore *s, const char *f, int l)
{ if (s->writer) shim_bug(f, l, "down_read with the writer held (deadlock)"); s->readers++; }
static inline void shim_up_read(struct rw_semaphore *s, const char *f, int l)
{ if (s->readers <= 0) shim_bug(f, l, "up_read without a reader"); s->readers--; }
static inline void shim_down_write(struct rw_semaphore *s, const char *f, int l)
{ if (s->writer || s->readers) shim_bug(f, l, "down_write with the lock held (deadlock)"); s->writer = 1; }
static inline void shim_up_write(struct rw_semaphore *s, const char *f, int l)
{ if (!s->writer) shim_bug(f, l, "up_write without the writer"); s->writer = 0; }
#define init_rwsem(s) do { (s)->readers = 0; (s)->writer = 0; } while (0)
#define down_read(s) shim_down_read(s, __FILE__, __LINE__)
#define up_read(s) shim_up_read(s, __FILE__, __LINE__)
#define down_write(s) shim_down_write(s, __FILE__, __LINE__)
#define up_write(s) shim_up_write(s, __FILE__, __LINE__)
#define rwsem_is_locked(s) ((s)->readers || (s)->writer)
#endif
