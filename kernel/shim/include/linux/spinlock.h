/* SPDX-License-Identifier: MIT */
/*
 * libgmap kernel shim: <linux/spinlock.h>.  The harness runs the kernel code
 * on one thread, so a lock is a held flag: taking a held lock is a deadlock
 * on a real machine and a BUG here; releasing a free lock is a BUG too.
 * Interrupts are not modelled: the _irq/_irqsave forms are the plain ones.
 */
#ifndef __LINUX_SPINLOCK_H
#define __LINUX_SPINLOCK_H
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bug.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <shim/runtime.h>
typedef struct spinlock {
	int held;
	const char *name;
} spinlock_t;
typedef spinlock_t raw_spinlock_t;
typedef struct {
	int readers, writer;
} rwlock_t;
#define __SPIN_LOCK_UNLOCKED(n) { 0, #n }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define spin_lock_init(l) do { (l)->held = 0; (l)->name = #l; } while (0)
static inline void shim_spin_lock(spinlock_t *l, const char *f, int line)
{
	if (l->held)
		shim_bug(f, line, "spin_lock of a lock already held (deadlock)");
	l->held = 1;
}
static inline void shim_spin_unlock(spinlock_t *l, const char *f, int line)
{
	if (!l->held)
		shim_bug(f, line, "spin_unlock of a lock not held");
	l->held = 0;
}
#define spin_lock(l) shim_spin_lock(l, __FILE__, __LINE__)
#define spin_unlock(l) shim_spin_unlock(l, __FILE__, __LINE__)
#define spin_lock_nested(l, s) spin_lock(l)
#define spin_lock_bh(l) spin_lock(l)
#define spin_unlock_bh(l) spin_unlock(l)
#define spin_lock_irq(l) spin_lock(l)
#define spin_unlock_irq(l) spin_unlock(l)
#define spin_lock_irqsave(l, f) do { (f) = 0; spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, f) do { (void)(f); spin_unlock(l); } while (0)
#define spin_trylock(l) ((l)->held ? 0 : ((l)->held = 1))
#define spin_is_locked(l) ((l)->held != 0)
#define assert_spin_locked(l) BUG_ON(!(l)->held)
#define lockdep_assert_held(l) BUG_ON(!(l)->held)
#define raw_spin_lock(l) spin_lock(l)
#define raw_spin_unlock(l) spin_unlock(l)
#define raw_spin_lock_init(l) spin_lock_init(l)
#endif
