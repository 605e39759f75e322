/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/rwlock.h> — reader count and writer flag
 * (one thread: a writer with readers inside, or a second writer, is a BUG). */
#ifndef __LINUX_RWLOCK_H
#define __LINUX_RWLOCK_H
#include <linux/spinlock.h>
#define rwlock_init(l) do { (l)->readers = 0; (l)->writer = 0; } while (0)
#define read_lock(l) do { if ((l)->writer) shim_bug(__FILE__, __LINE__, "read_lock under the write lock"); (l)->readers++; } while (0)
#define read_unlock(l) do { if ((l)->readers <= 0) shim_bug(__FILE__, __LINE__, "read_unlock of a free rwlock"); (l)->readers--; } while (0)
#define write_lock(l) do { if ((l)->writer || (l)->readers) shim_bug(__FILE__, __LINE__, "write_lock of a held rwlock (deadlock)"); (l)->writer = 1; } while (0)
#define write_unlock(l) do { if (!(l)->writer) shim_bug(__FILE__, __LINE__, "write_unlock of a free rwlock"); (l)->writer = 0; } while (0)
#endif
