/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/lockdep.h> — lock-held assertions on the
 * shim's held flags (spinlocks and mutexes; a failed one is a BUG). */
#ifndef __LINUX_LOCKDEP_H
#define __LINUX_LOCKDEP_H
#include <linux/spinlock.h>
#include <linux/mutex.h>
#undef lockdep_assert_held
#define lockdep_assert_held(lk)                                                             \
	BUG_ON(!_Generic((lk), struct mutex * : ((struct mutex *)(void *)(lk))->l.held,      \
			 default : ((spinlock_t *)(void *)(lk))->held))
#define lockdep_is_held(l) 1
#endif
