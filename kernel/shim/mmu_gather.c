// SPDX-License-Identifier: MIT
/*
 * mmu_gather.c — the generic mm's mmu_gather (mm/mmu_gather.c) as s390
 * configures it: MMU_GATHER_NO_GATHER (pages are not batched: the tree's
 * asm/tlb.h frees them at once), MMU_GATHER_TABLE_FREE +
 * MMU_GATHER_RCU_TABLE_FREE (page tables handed to tlb_remove_table() are
 * batched in a page and given to the tree's __tlb_remove_table() after an
 * RCU grace period, once the TLBs were flushed).  Written for libgmap from
 * the documented contract of asm-generic/tlb.h; the struct, the inline
 * helpers (tlb_flush_mmu_tlbonly, __tlb_reset_range) and tlb_flush() are
 * the tree's own.  Kernel environment.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <asm/tlb.h>

#include "../harness/bridge.h"

/* tables queued for __tlb_remove_table() whose grace period has not ended */
static long pending_tables;

long khk_pending_tables(void)
{
	return pending_tables;
}

static void inc_tlb_flush_pending(struct mm_struct *mm)
{
	atomic_inc(&mm->tlb_flush_pending);
}

static void dec_tlb_flush_pending(struct mm_struct *mm)
{
	if (atomic_dec_return(&mm->tlb_flush_pending) < 0)
		shim_bug(__FILE__, __LINE__, "tlb_finish_mmu without tlb_gather_mmu");
}

/* more than one mmu_gather of this mm in progress (a concurrent unmap) */
static bool mm_tlb_flush_nested(struct mm_struct *mm)
{
	return atomic_read(&mm->tlb_flush_pending) > 1;
}

static void __tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm, bool fullmm)
{
	memset(tlb, 0, sizeof(*tlb));
	tlb->mm = mm;
	tlb->fullmm = fullmm;
	tlb->batch = NULL;
	__tlb_reset_range(tlb);
	inc_tlb_flush_pending(tlb->mm);
}

void tlb_gather_mmu(struct mmu_gather *tlb, struct mm_struct *mm)
{
	__tlb_gather_mmu(tlb, mm, false);
}

void tlb_gather_mmu_fullmm(struct mmu_gather *tlb, struct mm_struct *mm)
{
	__tlb_gather_mmu(tlb, mm, true);
}

/*
 * The IPI that waits for every CPU to leave a lockless page-table walk
 * (GUP-fast runs with interrupts off): one thread, so nobody is inside one.
 */
void tlb_remove_table_sync_one(void)
{
}

/* The TLBs may hold translations through the table: flush before it goes. */
static void tlb_table_invalidate(struct mmu_gather *tlb)
{
	if (tlb_needs_table_invalidate())
		tlb_flush_mmu_tlbonly(tlb);
}

static void tlb_remove_table_rcu(struct rcu_head *head)
{
	struct mmu_table_batch *batch = container_of(head, struct mmu_table_batch, rcu);
	unsigned int i;

	for (i = 0; i < batch->nr; i++) {
		__tlb_remove_table(batch->tables[i]);
		pending_tables--;
	}
	free_page((unsigned long)batch);
}

static void tlb_table_flush(struct mmu_gather *tlb)
{
	struct mmu_table_batch **batch = &tlb->batch;

	if (*batch) {
		tlb_table_invalidate(tlb);
		call_rcu(&(*batch)->rcu, tlb_remove_table_rcu);
		*batch = NULL;
	}
}

void tlb_remove_table(struct mmu_gather *tlb, void *table)
{
	struct mmu_table_batch **batch = &tlb->batch;

	if (!*batch) {
		*batch = (struct mmu_table_batch *)__get_free_page(GFP_NOWAIT | __GFP_NOWARN);
		if (!*batch) {
			/* no page for a batch: flush, wait for the walkers, free now */
			tlb_table_invalidate(tlb);
			tlb_remove_table_sync_one();
			__tlb_remove_table(table);
			return;
		}
		(*batch)->nr = 0;
	}
	(*batch)->tables[(*batch)->nr++] = table;
	pending_tables++;
	if ((*batch)->nr == MAX_TABLE_BATCH)
		tlb_table_flush(tlb);
}

void tlb_flush_mmu(struct mmu_gather *tlb)
{
	tlb_flush_mmu_tlbonly(tlb);
	tlb_table_flush(tlb);
}

void tlb_finish_mmu(struct mmu_gather *tlb)
{
	/* another unmap of the mm in flight may have skipped flushes this
	 * one relies on: flush everything */
	if (mm_tlb_flush_nested(tlb->mm)) {
		tlb->fullmm = 1;
		__tlb_reset_range(tlb);
		tlb->freed_tables = 1;
	}
	tlb_flush_mmu(tlb);
	dec_tlb_flush_pending(tlb->mm);
}
