// SPDX-License-Identifier: MIT
/*
 * mm.c — the core-mm calls of arch/s390/mm, answered by libgmap's mm (the
 * process): VMAs, fixup_user_fault, zap_page_range, page-table allocation.
 * mm->shim_mm is that libgmap mm; after any call that may change its
 * tables the kernel view (pgd, context.asce/asce_limit) is refreshed.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>

#include "../harness/bridge.h"

/* VMA copies handed to the kernel live until the mmap lock is dropped.
 * 256 per hold is far more than any walk of the tests needs; more is a BUG
 * rather than a silent reuse of a copy still in use. */
#define VMA_SLOTS 256
struct vma_cache {
	struct mm_struct *mm;
	unsigned int used;
	struct vm_area_struct slot[VMA_SLOTS];
};
static struct vma_cache vcache;

void shim_mm_refresh(struct mm_struct *mm)
{
	kh_u64 pgd, asce, limit;

	khb_mm_state(mm->shim_mm, &pgd, &asce, &limit);
	WRITE_ONCE(mm->pgd, (pgd_t *)__va(pgd));
	mm->context.asce = asce;
	/* libgmap's 0 ("no limit": region first) is the kernel's TASK_SIZE_MAX */
	mm->context.asce_limit = limit ? limit : TASK_SIZE_MAX;
	mm->task_size = mm->context.asce_limit;
}

void shim_vma_cache_drop(struct mm_struct *mm)
{
	if (vcache.mm == mm)
		vcache.used = 0;
}

static struct vm_area_struct *vma_copy(struct mm_struct *mm, kh_u64 start, kh_u64 end,
				       unsigned int prot)
{
	struct vm_area_struct *vma;
	vm_flags_t flags = VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;

	if (vcache.mm != mm) {
		vcache.mm = mm;
		vcache.used = 0;
	}
	/* the same VMA asked for again during one lock hold: same copy */
	for (unsigned int i = 0; i < vcache.used; i++) {
		vma = &vcache.slot[i];
		if (vma->vm_start == start && vma->vm_end == end)
			return vma;
	}
	if (vcache.used == VMA_SLOTS)
		shim_bug(__FILE__, __LINE__, "more than 256 VMAs looked up under one mmap lock hold");
	vma = &vcache.slot[vcache.used++];
	memset(vma, 0, sizeof(*vma));
	if (prot & PROT_READ)
		flags |= VM_READ;
	if (prot & PROT_WRITE)
		flags |= VM_WRITE;
	if (prot & PROT_EXEC)
		flags |= VM_EXEC;
	vma->vm_start = start;
	vma->vm_end = end;
	vma->vm_mm = mm;
	*(vm_flags_t *)&vma->vm_flags = flags | mm->def_flags;
	return vma;
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	kh_u64 start, end;
	unsigned int prot;

	mmap_assert_locked(mm);
	if (khb_vma_find(mm->shim_mm, addr, &start, &end, &prot))
		return NULL;
	return vma_copy(mm, start, end, prot);
}

struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (vma && addr < vma->vm_start)
		return NULL;
	return vma;
}

int fixup_user_fault(struct mm_struct *mm, unsigned long address, unsigned int fault_flags,
		     bool *unlocked)
{
	int rc;

	mmap_assert_locked(mm);
	(void)unlocked; /* the lock is never dropped */
	rc = khb_fault(mm->shim_mm, address, (fault_flags & FAULT_FLAG_WRITE) != 0);
	shim_mm_refresh(mm);
	return rc;
}

void zap_page_range(struct vm_area_struct *vma, unsigned long start, unsigned long size)
{
	if (start < vma->vm_start || start + size > vma->vm_end)
		shim_bug(__FILE__, __LINE__, "zap_page_range outside its VMA");
	if (khb_zap(vma->vm_mm->shim_mm, start, size))
		shim_bug(__FILE__, __LINE__, "zap_page_range: the mm refused the range");
}

void zap_page_range_single(struct vm_area_struct *vma, unsigned long start, unsigned long size,
			   void *details)
{
	(void)details;
	zap_page_range(vma, start, size);
}

int shim_mm_alloc_pmd(struct mm_struct *mm, unsigned long addr)
{
	int rc = khb_alloc_pmd(mm->shim_mm, addr);

	shim_mm_refresh(mm);
	return rc;
}

int shim_mm_alloc_pte_table(struct mm_struct *mm, unsigned long addr)
{
	int rc = khb_alloc_pte_table(mm->shim_mm, addr);

	shim_mm_refresh(mm);
	return rc;
}

pte_t *shim_pte_alloc_map_lock(struct mm_struct *mm, pmd_t *pmd, unsigned long addr,
			       spinlock_t **ptl)
{
	if (pmd_none(*pmd) && shim_mm_alloc_pte_table(mm, addr))
		return NULL;
	return pte_offset_map_lock(mm, pmd, addr, ptl);
}

pte_t *__get_locked_pte(struct mm_struct *mm, unsigned long addr, spinlock_t **ptl)
{
	pgd_t *pgd;
	p4d_t *p4d;
	pud_t *pud;
	pmd_t *pmd;

	if (shim_mm_alloc_pte_table(mm, addr))
		return NULL;
	pgd = pgd_offset(mm, addr);
	p4d = p4d_offset(pgd, addr);
	pud = pud_offset(p4d, addr);
	pmd = pmd_offset(pud, addr);
	if (pmd_none(*pmd) || shim_pmd_leaf(*pmd))
		return NULL;
	return pte_offset_map_lock(mm, pmd, addr, ptl);
}

vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address, unsigned int flags,
			   struct pt_regs *regs)
{
	struct mm_struct *mm = vma->vm_mm;
	int rc;

	(void)regs;
	mmap_assert_locked(mm);
	rc = khb_fault(mm->shim_mm, address, (flags & (FAULT_FLAG_WRITE | FAULT_FLAG_UNSHARE)) != 0);
	shim_mm_refresh(mm);
	if (rc == -ENOMEM)
		return VM_FAULT_OOM;
	return rc ? VM_FAULT_SIGSEGV : 0;
}
