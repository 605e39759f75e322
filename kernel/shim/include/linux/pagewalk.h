/* SPDX-License-Identifier: MIT */
/*
 * libgmap kernel shim: <linux/pagewalk.h> — walk_page_range() and
 * walk_page_vma() with the callback contract of mm/pagewalk.c, implemented
 * in kernel/shim/pagewalk.c over the tree's own pgd/p4d/pud/pmd/pte
 * helpers: for every VMA in the range (test_walk may skip one), the levels
 * from pgd to pte in address order; pmd_entry runs before the ptes of a
 * segment and may set walk->action = ACTION_CONTINUE to skip them;
 * pte_hole reports missing tables; a nonzero callback result ends the walk
 * and is returned.  hugetlb_entry is never called (no hugetlbfs VMAs).
 */
#ifndef _LINUX_PAGEWALK_H
#define _LINUX_PAGEWALK_H
#include <linux/mm.h>
struct mm_walk;
enum page_walk_lock { PGWALK_RDLOCK = 0, PGWALK_WRLOCK = 1, PGWALK_WRLOCK_VERIFY = 2 };
struct mm_walk_ops {
	int (*pgd_entry)(pgd_t *pgd, unsigned long addr, unsigned long next, struct mm_walk *walk);
	int (*p4d_entry)(p4d_t *p4d, unsigned long addr, unsigned long next, struct mm_walk *walk);
	int (*pud_entry)(pud_t *pud, unsigned long addr, unsigned long next, struct mm_walk *walk);
	int (*pmd_entry)(pmd_t *pmd, unsigned long addr, unsigned long next, struct mm_walk *walk);
	int (*pte_entry)(pte_t *pte, unsigned long addr, unsigned long next, struct mm_walk *walk);
	int (*pte_hole)(unsigned long addr, unsigned long next, int depth, struct mm_walk *walk);
	int (*hugetlb_entry)(pte_t *pte, unsigned long hmask, unsigned long addr, unsigned long next,
			     struct mm_walk *walk);
	int (*test_walk)(unsigned long addr, unsigned long next, struct mm_walk *walk);
	int (*pre_vma)(unsigned long start, unsigned long end, struct mm_walk *walk);
	void (*post_vma)(struct mm_walk *walk);
	enum page_walk_lock walk_lock;
};
enum page_walk_action { ACTION_SUBTREE = 0, ACTION_CONTINUE = 1, ACTION_AGAIN = 2 };
struct mm_walk {
	const struct mm_walk_ops *ops;
	struct mm_struct *mm;
	pgd_t *pgd;
	struct vm_area_struct *vma;
	enum page_walk_action action;
	bool no_vma;
	void *private;
};
int walk_page_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		    const struct mm_walk_ops *ops, void *private);
int walk_page_range_vma(struct vm_area_struct *vma, unsigned long start, unsigned long end,
			const struct mm_walk_ops *ops, void *private);
int walk_page_vma(struct vm_area_struct *vma, const struct mm_walk_ops *ops, void *private);
#endif
