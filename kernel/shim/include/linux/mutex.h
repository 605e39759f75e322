/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/mutex.h> — a held flag, as spinlock.h. */
#ifndef __LINUX_MUTEX_H
#define __LINUX_MUTEX_H
#include <linux/spinlock.h>
struct mutex {
	spinlock_t l;
};
#define DEFINE_MUTEX(m) struct mutex m = { __SPIN_LOCK_UNLOCKED(m) }
#define mutex_init(m) spin_lock_init(&(m)->l)
#define mutex_lock(m) spin_lock(&(m)->l)
#define mutex_unlock(m) spin_unlock(&(m)->l)
#define mutex_is_locked(m) spin_is_locked(&(m)->l)
#endif
