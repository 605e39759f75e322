/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/mmap_lock.h> — see <linux/rwsem.h>.  Taking
 * or dropping the lock also ends the lifetime of kernel-side VMA copies. */
#ifndef _LINUX_MMAP_LOCK_H
#define _LINUX_MMAP_LOCK_H
#include <linux/rwsem.h>
struct mm_struct;
void shim_vma_cache_drop(struct mm_struct *mm);
#define mmap_read_lock(mm) do { down_read(&(mm)->mmap_lock); } while (0)
#define mmap_read_unlock(mm) do { up_read(&(mm)->mmap_lock); shim_vma_cache_drop(mm); } while (0)
#define mmap_write_lock(mm) do { down_write(&(mm)->mmap_lock); } while (0)
#define mmap_write_unlock(mm) do { up_write(&(mm)->mmap_lock); shim_vma_cache_drop(mm); } while (0)
#define mmap_read_trylock(mm) ((mm)->mmap_lock.writer ? 0 : ((mm)->mmap_lock.readers++, 1))
#define mmap_read_lock_killable(mm) ({ mmap_read_lock(mm); 0; })
#define mmap_write_lock_killable(mm) ({ mmap_write_lock(mm); 0; })
#define mmap_write_downgrade(mm) do { (mm)->mmap_lock.writer = 0; (mm)->mmap_lock.readers++; } while (0)
#define mmap_assert_locked(mm) BUG_ON(!rwsem_is_locked(&(mm)->mmap_lock))
#define mmap_assert_write_locked(mm) BUG_ON(!(mm)->mmap_lock.writer)
#endif
