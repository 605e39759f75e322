/* SPDX-License-Identifier: MIT */
/*
 * pgste — the notification bits of the page-status-table entries of a
 * pgste mm and the pte operations that use them, after Linux 4.8
 * arch/s390/mm/pgtable.c (ptep_force_prot(), ptep_shadow_pte(),
 * ptep_unshadow_pte()) and commit b2d73b2a0ad1 "s390/mm: extended gmap pte
 * notifier": a pte whose PGSTE has PGSTE_IN_BIT (a prefix-page notifier)
 * or PGSTE_VSIE_BIT (the page is a guest-2 table, or a guest-3 page, that
 * a shadow gmap depends on) reports *any* later change of itself —
 * invalidation, protection change, exchange — once, to mm->pte_notifier,
 * and the bits are cleared.  mm.c calls pgste_pte_change() before every
 * pte change it makes.
 *
 * The PGSTE of the pte at ptep is at ptep + 2048 (the second half of the
 * 4 KB pgste page table).
 */
#ifndef GMAP_PGSTE_H
#define GMAP_PGSTE_H

#include <stdint.h>

#include "gmap/mm.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PGSTE_UC_BIT 0x0000800000000000ULL   /* bit 16: user dirty (migration) */
#define PGSTE_IN_BIT 0x0000400000000000ULL   /* bit 17: IPTE notify (prefix pages) */
#define PGSTE_VSIE_BIT 0x0000200000000000ULL /* bit 18: referenced by a shadow table */
#define PGSTE_NOTIFY_BITS (PGSTE_IN_BIT | PGSTE_VSIE_BIT)

/* Offset of a PGSTE from its PTE (256 PTEs of 8 bytes, then the PGSTEs). */
#define PGSTE_OFFSET 2048u

/**
 * pgste_get() - the PGSTE of the pte at absolute @ptep of @mm.
 * Return: 0 and *@val, -EINVAL (NULL, or @ptep not in a pgste page table).
 */
int pgste_get(struct mm_struct *mm, uint64_t ptep, uint64_t *val);

/**
 * ptep_force_prot() - make the present pte of @vmaddr read-only
 * (@prot MM_PROT_READ) or invalid with its frame kept (MM_PROT_NONE), or
 * leave it (MM_PROT_READ|MM_PROT_WRITE on a writable pte), and set @bit
 * (PGSTE_IN_BIT or PGSTE_VSIE_BIT) in its PGSTE.  The protection is applied
 * with IPTE (TLBs purged) and does not notify: it is the arming itself.
 * Return: 0; -EAGAIN when the pte is not present (or invalid and @prot is
 * not NONE) or is read-only and @prot asks for write — the caller faults
 * the page in and retries, as gmap_protect_range() does; -EINVAL (bad
 * arguments, no pgste page table at @vmaddr).
 */
int ptep_force_prot(struct mm_struct *mm, uint64_t vmaddr, unsigned prot, uint64_t bit);

/**
 * pgste_pte_change() - called by mm before it changes the pte at @ptep
 * (of process address @vmaddr): when the PGSTE has notification bits,
 * clear them and call mm->pte_notifier(mm, vmaddr, ptep, bits) (Linux
 * ptep_xchg_start() → ptep_notify()).  No-op for tables without PGSTEs.
 */
void pgste_pte_change(struct mm_struct *mm, uint64_t ptep, uint64_t vmaddr);

#ifdef __cplusplus
}
#endif

#endif /* GMAP_PGSTE_H */
