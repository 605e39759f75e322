/* SPDX-License-Identifier: MIT */
/*
 * runtime.h — the services the shim headers call, implemented in
 * the .c files of kernel/shim/.  Not a kernel header: harness-internal.
 */
#ifndef LIBGMAP_SHIM_RUNTIME_H
#define LIBGMAP_SHIM_RUNTIME_H

#include <linux/types.h>

/* libc, declared here because kernel translation units are -nostdinc. */
void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memmove(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
char *strcpy(char *d, const char *s);
int printf(const char *fmt, ...) __printf(1, 2);
int snprintf(char *buf, size_t n, const char *fmt, ...) __printf(3, 4);

/* A kernel assertion failed (BUG, BUG_ON, VM_BUG_ON, lock misuse): print
 * where and why, then stop the test program. */
void shim_bug(const char *file, int line, const char *what) __noreturn __cold;
/* WARN*(): print and count; the harness fails the test at its next check. */
void shim_warn(const char *file, int line, const char *what) __cold;
/* A path the simulation never takes (swap, THP, PV, …) was reached. */
void shim_unmodelled(const char *file, int line, const char *what) __noreturn __cold;

/* panic(): a kernel panic stops the test. */
void panic(const char *fmt, ...) __printf(1, 2) __noreturn __cold;

/* printk(): messages go to stderr with their level. */
int shim_printk(const char *fmt, ...) __printf(1, 2);

/* kmalloc family, charged to the simulated machine (counted, failure
 * injection applies). */
void *shim_kmalloc(size_t size, gfp_t flags);
void shim_kfree(const void *p);

/* RCU with one reader context: callbacks run once no reader is inside. */
void shim_rcu_read_lock(void);
void shim_rcu_read_unlock(void);
void shim_synchronize_rcu(void);
void shim_call_rcu(struct rcu_head *head, rcu_callback_t fn);

/* The current CPU of the simulated machine (smp_processor_id). */
unsigned int shim_cpu(void);
unsigned int shim_ncpus(void);
#endif
