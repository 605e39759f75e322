// SPDX-License-Identifier: MIT
/*
 * pagewalk.c — walk_page_range()/walk_page_vma() with the contract of the
 * kernel's mm/pagewalk.c (see <linux/pagewalk.h>), written for the shim.
 * Each level's first entry comes from the tree's *_offset helper and the
 * following ones by pointer increment, which is what makes the s390
 * folding of unused top levels work.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/pagewalk.h>

static int walk_pte_range(pmd_t *pmd, unsigned long addr, unsigned long end, struct mm_walk *walk)
{
	const struct mm_walk_ops *ops = walk->ops;
	spinlock_t *ptl;
	pte_t *pte;
	int err = 0;

	pte = pte_offset_map_lock(walk->mm, pmd, addr, &ptl);
	for (;;) {
		err = ops->pte_entry(pte, addr, addr + PAGE_SIZE, walk);
		if (err)
			break;
		addr += PAGE_SIZE;
		if (addr == end)
			break;
		pte++;
	}
	pte_unmap_unlock(pte, ptl);
	return err;
}

static int walk_pmd_range(pud_t *pud, unsigned long addr, unsigned long end, struct mm_walk *walk)
{
	const struct mm_walk_ops *ops = walk->ops;
	unsigned long next;
	pmd_t *pmd;
	int err = 0;

	pmd = pmd_offset(pud, addr);
	do {
again:
		next = pmd_addr_end(addr, end);
		if (pmd_none(*pmd)) {
			if (ops->pte_hole)
				err = ops->pte_hole(addr, next, 3, walk);
			if (err)
				break;
			continue;
		}
		walk->action = ACTION_SUBTREE;
		if (ops->pmd_entry)
			err = ops->pmd_entry(pmd, addr, next, walk);
		if (err)
			break;
		if (walk->action == ACTION_AGAIN)
			goto again;
		if (walk->action == ACTION_CONTINUE || !ops->pte_entry)
			continue;
		if (shim_pmd_leaf(*pmd))
			continue; /* a huge pmd has no ptes to visit */
		err = walk_pte_range(pmd, addr, next, walk);
		if (err)
			break;
	} while (pmd++, addr = next, addr != end);
	return err;
}

static int walk_pud_range(p4d_t *p4d, unsigned long addr, unsigned long end, struct mm_walk *walk)
{
	const struct mm_walk_ops *ops = walk->ops;
	unsigned long next;
	pud_t *pud;
	int err = 0;

	pud = pud_offset(p4d, addr);
	do {
		next = pud_addr_end(addr, end);
		if (pud_none(*pud)) {
			if (ops->pte_hole)
				err = ops->pte_hole(addr, next, 2, walk);
			if (err)
				break;
			continue;
		}
		walk->action = ACTION_SUBTREE;
		if (ops->pud_entry)
			err = ops->pud_entry(pud, addr, next, walk);
		if (err)
			break;
		if (walk->action == ACTION_CONTINUE)
			continue;
		if (shim_pud_leaf(*pud))
			continue;
		if (ops->pmd_entry || ops->pte_entry)
			err = walk_pmd_range(pud, addr, next, walk);
		if (err)
			break;
	} while (pud++, addr = next, addr != end);
	return err;
}

static int walk_p4d_range(pgd_t *pgd, unsigned long addr, unsigned long end, struct mm_walk *walk)
{
	const struct mm_walk_ops *ops = walk->ops;
	unsigned long next;
	p4d_t *p4d;
	int err = 0;

	p4d = p4d_offset(pgd, addr);
	do {
		next = p4d_addr_end(addr, end);
		if (p4d_none(*p4d)) {
			if (ops->pte_hole)
				err = ops->pte_hole(addr, next, 1, walk);
			if (err)
				break;
			continue;
		}
		if (ops->p4d_entry)
			err = ops->p4d_entry(p4d, addr, next, walk);
		if (err)
			break;
		if (ops->pud_entry || ops->pmd_entry || ops->pte_entry)
			err = walk_pud_range(p4d, addr, next, walk);
		if (err)
			break;
	} while (p4d++, addr = next, addr != end);
	return err;
}

static int walk_pgd_range(unsigned long addr, unsigned long end, struct mm_walk *walk)
{
	const struct mm_walk_ops *ops = walk->ops;
	unsigned long next;
	pgd_t *pgd;
	int err = 0;

	pgd = pgd_offset(walk->mm, addr);
	do {
		next = pgd_addr_end(addr, end);
		if (pgd_none(*pgd)) {
			if (ops->pte_hole)
				err = ops->pte_hole(addr, next, 0, walk);
			if (err)
				break;
			continue;
		}
		if (ops->pgd_entry)
			err = ops->pgd_entry(pgd, addr, next, walk);
		if (err)
			break;
		if (ops->p4d_entry || ops->pud_entry || ops->pmd_entry || ops->pte_entry)
			err = walk_p4d_range(pgd, addr, next, walk);
		if (err)
			break;
	} while (pgd++, addr = next, addr != end);
	return err;
}

static int walk_one(unsigned long start, unsigned long end, struct mm_walk *walk)
{
	const struct mm_walk_ops *ops = walk->ops;
	int err;

	if (ops->pre_vma) {
		err = ops->pre_vma(start, end, walk);
		if (err)
			return err;
	}
	err = walk_pgd_range(start, end, walk);
	if (ops->post_vma)
		ops->post_vma(walk);
	return err;
}

int walk_page_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		    const struct mm_walk_ops *ops, void *private)
{
	struct mm_walk walk = { .ops = ops, .mm = mm, .private = private };
	struct vm_area_struct *vma;
	unsigned long next;
	int err = 0;

	if (start >= end)
		return -EINVAL;
	mmap_assert_locked(mm);
	/* never past what the ASCE can address */
	if (end > mm->context.asce_limit)
		end = mm->context.asce_limit;
	vma = find_vma(mm, start);
	do {
		if (!vma) {
			/* after the last VMA */
			walk.vma = NULL;
			next = end;
			if (ops->pte_hole)
				err = ops->pte_hole(start, next, -1, &walk);
		} else if (start < vma->vm_start) {
			/* a gap before this VMA */
			walk.vma = NULL;
			next = min(end, vma->vm_start);
			if (ops->pte_hole)
				err = ops->pte_hole(start, next, -1, &walk);
		} else {
			walk.vma = vma;
			next = min(end, vma->vm_end);
			vma = find_vma(mm, vma->vm_end);
			if (ops->test_walk) {
				err = ops->test_walk(start, next, &walk);
				if (err > 0) {
					err = 0;
					continue;
				}
				if (err < 0)
					break;
			}
			err = walk_one(start, next, &walk);
		}
		if (err)
			break;
	} while (start = next, start < end);
	return err;
}

int walk_page_vma(struct vm_area_struct *vma, const struct mm_walk_ops *ops, void *private)
{
	struct mm_walk walk = { .ops = ops, .mm = vma->vm_mm, .vma = vma, .private = private };
	int err;

	mmap_assert_locked(walk.mm);
	if (ops->test_walk) {
		err = ops->test_walk(vma->vm_start, vma->vm_end, &walk);
		if (err > 0)
			return 0;
		if (err < 0)
			return err;
	}
	return walk_one(vma->vm_start, vma->vm_end, &walk);
}

int walk_page_range_vma(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			const struct mm_walk_ops *ops, void *private)
{
	struct mm_walk walk = { .ops = ops, .mm = vma->vm_mm, .vma = vma, .private = private };

	if (start >= end || start < vma->vm_start || end > vma->vm_end)
		return -EINVAL;
	mmap_assert_locked(walk.mm);
	return walk_one(start, end, &walk);
}
