/* SPDX-License-Identifier: MIT */
/*
 * cpu — a simulated CPU: prefix register, CR0-CR15, PSW, the lowcore at
 * its prefix, prefixing, and storage access through DAT with the delivery
 * of program interruptions as the hardware makes them (Principles of
 * Operation, "Program-Interruption Conditions" and "Prefixing").
 *
 * Layer cpu (docs/layers.txt): includes only headers of its layer and below.
 */
#ifndef GMAP_CPU_H
#define GMAP_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gmap/dat.h"
#include "gmap/machine.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The PSW bits, PREFIX_MASK, LOWCORE_SIZE, struct gm_psw and the CR_*
 * indices are in machine.h: the machine holds each CPU's state, this
 * module operates on it. */

/** cpu_index() - the CPU address (0-based index in its machine). */
unsigned cpu_index(const struct gm_cpu *cpu);
/** cpu_machine() - the machine @cpu belongs to. */
struct gm_machine *cpu_machine(struct gm_cpu *cpu);

/** cpu_prefix() - the prefix register of @cpu (8 KB aligned). */
uint32_t cpu_prefix(const struct gm_cpu *cpu);

/**
 * cpu_set_prefix() - SET PREFIX: load the prefix register and purge this
 * CPU's TLB.  @prefix must be 8 KB aligned and below 2 GB (bits outside
 * PREFIX_MASK → -EINVAL; the instruction would ignore them, the library
 * reports them), and the 8 KB area must lie inside storage (-EFAULT; SPX
 * would raise an addressing exception).  Nothing changes on error.
 * Like the instruction, it allocates nothing: the caller (playing the OS,
 * which allocates every lowcore) keeps the frame allocator out of the area
 * with storage_reserve_lowcore() first, or a frame handed out there later
 * would be swapped with absolute 0..8191 by prefixing.
 */
int cpu_set_prefix(struct gm_cpu *cpu, uint32_t prefix);

/** cpu_get_cr() - control register @n (0-15); 0 for a bad @n. */
uint64_t cpu_get_cr(const struct gm_cpu *cpu, unsigned n);
/** cpu_set_cr() - load control register @n. Return: 0 or -EINVAL (n > 15). */
int cpu_set_cr(struct gm_cpu *cpu, unsigned n, uint64_t val);

/** cpu_get_psw() - the current PSW of @cpu. */
struct gm_psw cpu_get_psw(const struct gm_cpu *cpu);
/** cpu_set_psw() - load the PSW of @cpu (no checks: any mask and address). */
void cpu_set_psw(struct gm_cpu *cpu, struct gm_psw psw);

/** cpu_set_dat() / cpu_set_asc() - change PSW bit 5 / bits 16-17 (asc = 0..3). */
void cpu_set_dat(struct gm_cpu *cpu, bool on);
/** cpu_set_asc() - set PSW bits 16-17 of @cpu to @asc (0..3). Return: 0 or -EINVAL. */
int cpu_set_asc(struct gm_cpu *cpu, unsigned asc);

/** cpu_gmap_addr() - thread.gmap_addr: the guest address of the last gmap fault. */
uint64_t cpu_gmap_addr(const struct gm_cpu *cpu);
/** cpu_set_gmap_addr() - set thread.gmap_addr of the task running on @cpu. */
void cpu_set_gmap_addr(struct gm_cpu *cpu, uint64_t gaddr);

/** cpu_dat_env() - the effective EDAT/IEP switches, AS bits and prefix for a walk. */
void cpu_dat_env(const struct gm_cpu *cpu, struct dat_env *env);

/** cpu_real_to_abs() - prefixing with this CPU's prefix (also abs → real). */
uint64_t cpu_real_to_abs(const struct gm_cpu *cpu, uint64_t raddr);

/**
 * cpu_translate() - translate a logical address as this CPU would, with
 * no side effect on the lowcore: masks the address for 24/31-bit mode,
 * checks low-address protection (before DAT, docs/dat.md §6.3), then with
 * DAT off uses the address as real; with DAT on picks the ASCE from the
 * PSW's address-space control (instruction fetch uses CR1 unless in home
 * mode), looks in the TLB when the machine models one, and walks.
 * Return: 0, a positive PGM_* code (@res holds the TEID), -EINVAL for
 * NULL/bad @acc, -EOPNOTSUPP in access-register mode (no ART modelled).
 */
int cpu_translate(struct gm_cpu *cpu, uint64_t vaddr, enum dat_access acc,
		  struct dat_result *res);

/**
 * cpu_deliver_pgm() - deliver a program interruption: store the ILC at
 * real 0x8c, the PIC at 0x8e, the TEID at 0xa8 (only for the codes that
 * store one), exception access id 0 at 0xa0, the program old PSW at 0x150
 * (advanced by @ilc for suppressing/terminating codes), then load the
 * program new PSW from 0x1d0.  All through prefixing.
 * @ilc: instruction length in bytes: 2, 4 or 6.
 * Return: 0, -EINVAL (bad @ilc or @pic not in 1..0xffff).
 */
int cpu_deliver_pgm(struct gm_cpu *cpu, int pic, uint64_t teid, bool teid_valid, unsigned ilc);

/**
 * cpu_access() - an instruction's storage access of @len bytes at the
 * logical address @vaddr: translated page by page, then copied between
 * absolute storage and @buf (read for fetch/ifetch, written for store).
 * On a program interruption nothing is stored, the interruption is
 * delivered (cpu_deliver_pgm() with @ilc) and the PIC returned; @res,
 * when not NULL, receives the failing result.
 * Return: 0, a positive PGM_* code, or -EINVAL/-EOPNOTSUPP as cpu_translate().
 */
int cpu_access(struct gm_cpu *cpu, uint64_t vaddr, void *buf, size_t len, enum dat_access acc,
	       unsigned ilc, struct dat_result *res);

/** cpu_lowcore_load() / cpu_lowcore_store() - big-endian access at lowcore offset @off. */
int cpu_lowcore_load(const struct gm_cpu *cpu, unsigned off, unsigned len, uint64_t *val);
int cpu_lowcore_store(struct gm_cpu *cpu, unsigned off, unsigned len, uint64_t val);

#ifdef __cplusplus
}
#endif

#endif /* GMAP_CPU_H */
