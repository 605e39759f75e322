/* SPDX-License-Identifier: MIT */
/*
 * pgste — notification bits in the PGSTEs of a pgste mm (include/gmap/pgste.h),
 * after Linux 4.8 arch/s390/mm/pgtable.c ptep_force_prot() and the
 * pgste_ipte_notify / ptep_notify path of ptep_xchg_start().
 */
#include "export.h"

#include <errno.h>

#include "gmap/pgste.h"
#include "gmap/tlb.h"
#include "machine-internal.h"

static bool pgste_table(struct mm_struct *mm, uint64_t ptep)
{
	return mm && mm->context.has_pgste &&
	       storage_kind_at(mm->machine->st, ptep & ~(PAGE_SIZE - 1)) == STORAGE_PT_PGSTE &&
	       (ptep & (PAGE_SIZE - 1)) < PGSTE_OFFSET;
}

int pgste_get(struct mm_struct *mm, uint64_t ptep, uint64_t *val)
{
	if (!val || !pgste_table(mm, ptep))
		return -EINVAL;
	return storage_load8(mm->machine->st, ptep + PGSTE_OFFSET, val) ? -EINVAL : 0;
}

void pgste_pte_change(struct mm_struct *mm, uint64_t ptep, uint64_t vmaddr)
{
	struct gm_storage *st;
	uint64_t pgste;

	if (!pgste_table(mm, ptep))
		return;
	st = mm->machine->st;
	if (storage_load8(st, ptep + PGSTE_OFFSET, &pgste) || !(pgste & PGSTE_NOTIFY_BITS))
		return;
	/* Cleared before the callback: a notification fires once per arming. */
	(void)storage_store8(st, ptep + PGSTE_OFFSET, pgste & ~PGSTE_NOTIFY_BITS);
	if (mm->pte_notifier)
		mm->pte_notifier(mm, vmaddr & PAGE_MASK, ptep, pgste & PGSTE_NOTIFY_BITS);
}

int ptep_force_prot(struct mm_struct *mm, uint64_t vmaddr, unsigned prot, uint64_t bit)
{
	struct gm_machine *m;
	uint64_t pto, ptep, pte, pgste, val;

	if (!mm || (bit & ~PGSTE_NOTIFY_BITS) || prot > (MM_PROT_READ | MM_PROT_WRITE))
		return -EINVAL;
	if (mm_pte_table(mm, vmaddr, false, &pto))
		return -EAGAIN; /* no page table yet: the caller faults it in */
	ptep = pto + DAT_PX(vmaddr) * 8;
	if (!pgste_table(mm, ptep))
		return -EINVAL;
	m = mm->machine;
	if (storage_load8(m->st, ptep, &pte) || storage_load8(m->st, ptep + PGSTE_OFFSET, &pgste))
		return -EINVAL;
	if (!(pte & _PAGE_ORIGIN) && (pte & _PAGE_INVALID))
		return -EAGAIN; /* not present */
	if (((pte & _PAGE_INVALID) && prot != MM_PROT_NONE) ||
	    ((pte & _PAGE_PROTECT) && (prot & MM_PROT_WRITE)))
		return -EAGAIN;
	val = pte;
	if (prot == MM_PROT_NONE && !(pte & _PAGE_INVALID))
		val = pte | _PAGE_INVALID;
	else if (prot == MM_PROT_READ && !(pte & _PAGE_PROTECT))
		val = (pte & ~_PAGE_INVALID) | _PAGE_PROTECT;
	if (val != pte) {
		/* ptep_flush_direct(): IPTE first (TLBs purged), then the new pte. */
		(void)tlb_ipte(machine_current_cpu(m), pto, vmaddr, 0, false);
		(void)storage_store8(m->st, ptep, val);
		machine_emit(m, GM_EV_ENTRY_STORE, ptep, pte, val, "mm pte force_prot");
	}
	(void)storage_store8(m->st, ptep + PGSTE_OFFSET, pgste | bit);
	return 0;
}
