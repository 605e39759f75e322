// SPDX-License-Identifier: MIT
/*
 * kapi.c — the kernel side of the bridge: the tree's gmap API with plain
 * types for the host side, the process hooks (gmap_unlink where
 * page_table_free_rcu calls it, pte exchanges through the pgste code), and
 * read-only inspection of the kernel's structures for the invariant checks.
 * Kernel environment (shim headers + the tree's asm headers).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/radix-tree.h>
#include <linux/slab.h>
#include <asm/gmap.h>
#include <asm/lowcore.h>
#include <asm/pgalloc.h>
#include <asm/pgtable.h>
#include <asm/tlb.h>

#include "bridge.h"

void *calloc(size_t n, size_t size);
void free(void *p);
void shim_mm_refresh(struct mm_struct *mm);
void shim_pages_init(void);
void shim_pages_fini(void);
void shim_radix_fini(void);

#define KMM(k) ((struct mm_struct *)(void *)(k))
#define GM(g) ((struct gmap *)(void *)(g))

void khk_init(void)
{
	unsigned int i;

	shim_pages_init();
	cpumask_clear(&shim_cpu_online_mask);
	for (i = 0; i < khb_ncpus(); i++) {
		cpumask_set_cpu(i, &shim_cpu_online_mask);
		cpumask_clear(&shim_cpu_masks[i]);
		cpumask_set_cpu(i, &shim_cpu_masks[i]);
	}
}

void khk_fini(void)
{
	shim_radix_fini();
	shim_pages_fini();
}

void khk_set_machine_flags(unsigned long flags)
{
#if SHIM_LINUX_VERSION >= 0x060b00 /* 6.11: the lowcore through get_lowcore() */
	get_lowcore()->machine_flags = flags;
#else
	S390_lowcore.machine_flags = flags;
#endif
}

struct kh_kmm *khk_mm_create(void *lmm)
{
	struct mm_struct *mm = calloc(1, sizeof(*mm));
	unsigned int i;

	if (!mm)
		return NULL;
	spin_lock_init(&mm->page_table_lock);
	init_rwsem(&mm->mmap_lock);
	spin_lock_init(&mm->context.lock);
#if SHIM_LINUX_VERSION < 0x060600 /* 2 KB fragment lists went with ptdesc */
	INIT_LIST_HEAD(&mm->context.pgtable_list);
#endif
	INIT_LIST_HEAD(&mm->context.gmap_list);
	atomic_set(&mm->mm_users, 1);
	atomic_set(&mm->mm_count, 1);
	/* s390_enable_sie() done at creation: 4 KB page tables with pgstes */
	mm->context.alloc_pgste = 1;
	mm->context.has_pgste = 1;
	/* the mm may run on every CPU: flushes are never CPU-local */
	for (i = 0; i < khb_ncpus(); i++)
		cpumask_set_cpu(i, &mm->context.cpu_attach_mask);
	mm->shim_mm = lmm;
	shim_mm_refresh(mm);
	return (struct kh_kmm *)(void *)mm;
}

void khk_mm_destroy(struct kh_kmm *kmm)
{
	struct mm_struct *mm = KMM(kmm);

	if (!mm)
		return;
	if (!list_empty(&mm->context.gmap_list))
		shim_bug(__FILE__, __LINE__, "mm destroyed with gmaps attached");
	if (shim_task.mm == mm)
		shim_task.mm = shim_task.active_mm = NULL;
	free(mm);
}

void khk_mm_sync(struct kh_kmm *kmm)
{
	shim_mm_refresh(KMM(kmm));
}

void khk_set_current(struct kh_kmm *kmm)
{
	shim_task.mm = shim_task.active_mm = KMM(kmm);
}

void khk_mmap_lock(struct kh_kmm *kmm, int write)
{
	if (write)
		mmap_write_lock(KMM(kmm));
	else
		mmap_read_lock(KMM(kmm));
}

void khk_mmap_unlock(struct kh_kmm *kmm, int write)
{
	if (write)
		mmap_write_unlock(KMM(kmm));
	else
		mmap_read_unlock(KMM(kmm));
}

/* ---- the process side's hooks ---------------------------------------- */

/*
 * The process's page tables are the tree's (arch/s390/mm/pgalloc.c):
 * page_table_alloc() makes them (a 4 KB table of invalid ptes and zero
 * pgstes for a pgste mm), and an unhooked one is freed as the generic mm's
 * free_pgtables() frees it — pte_free_tlb() inside an mmu_gather, which
 * for a pgste mm calls gmap_unlink() (6.1: page_table_free_rcu(); 6.12:
 * asm/tlb.h itself) and hands the table to tlb_remove_table(); the
 * tree's __tlb_remove_table() releases it after the grace period.
 */
extern int shim_next_page_kind;

int khk_pt_alloc(struct kh_kmm *kmm, kh_u64 *pa)
{
	struct mm_struct *mm = KMM(kmm);
	unsigned long *table;

	shim_mm_refresh(mm);
	shim_next_page_kind = KHB_PGSTE;
	table = page_table_alloc(mm);
	shim_next_page_kind = KHB_FRAME;
	if (!table)
		return -ENOMEM;
	mm_inc_nr_ptes(mm); /* pmd_install() */
	*pa = __pa(table);
	return 0;
}

/* pte_free(): a table no CPU or gmap ever saw (a rolled-back allocation) */
void khk_pt_free(struct kh_kmm *kmm, kh_u64 pa)
{
	mm_dec_nr_ptes(KMM(kmm));
	page_table_free(KMM(kmm), (unsigned long *)__va(pa));
}

/* free_pte_range() after its pmd_clear(): the table of the segment at @vmaddr */
void khk_pt_free_tlb(struct kh_kmm *kmm, kh_u64 pa, kh_u64 vmaddr)
{
	struct mm_struct *mm = KMM(kmm);
	struct mmu_gather tlb;

	shim_mm_refresh(mm);
	tlb_gather_mmu(&tlb, mm);
	pte_free_tlb(&tlb, (pgtable_t)__va(pa), vmaddr);
	mm_dec_nr_ptes(mm);
	tlb_finish_mmu(&tlb);
}

void khk_rcu_read_lock(void)
{
	rcu_read_lock();
}

void khk_rcu_read_unlock(void)
{
	rcu_read_unlock();
}

/*
 * libgmap's mm writes ptes in the 2011 encoding (hardware bits I/P and
 * the old software types); the kernel's code expects its own software
 * bits.  The hardware bits are kept, the software ones are the kernel's
 * for the same state: a valid writable pte is young and dirty, a valid
 * read-only one young, PROT_NONE present+invalid+protected, empty is
 * _PAGE_INVALID (pte_none).
 */
static unsigned long pte_from_libgmap(kh_u64 val)
{
	unsigned long frame = val & PAGE_MASK, hw = val & (_PAGE_INVALID | _PAGE_PROTECT);

	if (!frame && hw == _PAGE_INVALID)
		return _PAGE_INVALID;
	if (hw & _PAGE_INVALID)
		return frame | _PAGE_PRESENT | _PAGE_INVALID | _PAGE_PROTECT;
	if (hw & _PAGE_PROTECT)
		return frame | _PAGE_PRESENT | _PAGE_READ | _PAGE_YOUNG | _PAGE_PROTECT;
	return frame | _PAGE_PRESENT | _PAGE_READ | _PAGE_WRITE | _PAGE_YOUNG | _PAGE_DIRTY;
}

/* A pte change of the process, under the pte lock, by the pgste-aware
 * exchange the kernel uses (pgste lock, notifier bits, IPTE, key handling). */
void khk_pte_xchg(struct kh_kmm *kmm, kh_u64 vmaddr, kh_u64 ptep, kh_u64 val)
{
	struct mm_struct *mm = KMM(kmm);
	spinlock_t *ptl = &mm->page_table_lock;

	shim_mm_refresh(mm);
	spin_lock(ptl);
	ptep_xchg_direct(mm, vmaddr, (pte_t *)__va(ptep), __pte(pte_from_libgmap(val)));
	spin_unlock(ptl);
}

/* ---- the gmap API ------------------------------------------------------ */
struct kh_gmap *khk_gmap_create(struct kh_kmm *kmm, kh_u64 limit)
{
	shim_mm_refresh(KMM(kmm));
	return (struct kh_gmap *)(void *)gmap_create(KMM(kmm), limit);
}

void khk_gmap_remove(struct kh_gmap *g)
{
	gmap_remove(GM(g));
}

kh_u64 khk_gmap_asce(struct kh_gmap *g)
{
	return GM(g)->asce;
}

kh_u64 khk_gmap_asce_end(struct kh_gmap *g)
{
	return GM(g)->asce_end;
}

int khk_gmap_map_segment(struct kh_gmap *g, kh_u64 from, kh_u64 to, kh_u64 len)
{
	shim_mm_refresh(GM(g)->mm);
	return gmap_map_segment(GM(g), from, to, len);
}

int khk_gmap_unmap_segment(struct kh_gmap *g, kh_u64 to, kh_u64 len)
{
	shim_mm_refresh(GM(g)->mm);
	return gmap_unmap_segment(GM(g), to, len);
}

int khk_gmap_fault(struct kh_gmap *g, kh_u64 gaddr, unsigned int fault_flags)
{
	shim_mm_refresh(GM(g)->mm);
	return gmap_fault(GM(g), gaddr, fault_flags);
}

unsigned int khk_fault_flag_write(void)
{
	return FAULT_FLAG_WRITE;
}

long khk_gmap_translate(struct kh_gmap *g, kh_u64 gaddr)
{
	shim_mm_refresh(GM(g)->mm);
	return (long)gmap_translate(GM(g), gaddr);
}

void khk_gmap_discard(struct kh_gmap *g, kh_u64 from, kh_u64 to)
{
	shim_mm_refresh(GM(g)->mm);
	gmap_discard(GM(g), from, to);
}

int khk_gmap_read_table(struct kh_gmap *g, kh_u64 gaddr, kh_u64 *val)
{
	unsigned long v = 0;
	int rc;

	/* the vSIE caller (kvm_s390_shadow_tables) holds mmap_lock for read */
	shim_mm_refresh(GM(g)->mm);
	mmap_read_lock(GM(g)->mm);
	rc = gmap_read_table(GM(g), gaddr, &v);
	mmap_read_unlock(GM(g)->mm);
	*val = v;
	return rc;
}

int khk_gmap_mprotect_notify(struct kh_gmap *g, kh_u64 gaddr, kh_u64 len, int prot)
{
	shim_mm_refresh(GM(g)->mm);
	return gmap_mprotect_notify(GM(g), gaddr, len, prot);
}

int khk_prot(int read, int write)
{
	return (read ? PROT_READ : 0) | (write ? PROT_WRITE : 0);
}

/* ---- one pte notifier, as KVM registers kvm_gmap_notifier ------------- */
static unsigned int notify_calls;
static kh_u64 notify_start, notify_end;
static struct gmap *notify_gmap;

static void record_notify(struct gmap *gmap, unsigned long start, unsigned long end)
{
	notify_calls++;
	notify_gmap = gmap;
	notify_start = start;
	notify_end = end;
}

static struct gmap_notifier notifier = { .notifier_call = record_notify };

void khk_notifier_register(void)
{
	gmap_register_pte_notifier(&notifier);
}

void khk_notifier_unregister(void)
{
	gmap_unregister_pte_notifier(&notifier);
}

unsigned int khk_notifier_calls(kh_u64 *start, kh_u64 *end)
{
	if (start)
		*start = notify_start;
	if (end)
		*end = notify_end;
	return notify_calls;
}

void khk_notifier_reset(void)
{
	notify_calls = 0;
	notify_start = notify_end = 0;
	notify_gmap = NULL;
}

/* ---- storage keys (KVM calls these with mmap_lock held for read) -------- */
int khk_enable_skey(void)
{
	return s390_enable_skey();
}

int khk_set_guest_storage_key(struct kh_kmm *kmm, kh_u64 addr, unsigned char key, int nq)
{
	struct mm_struct *mm = KMM(kmm);
	int rc;

	shim_mm_refresh(mm);
	mmap_read_lock(mm);
	rc = set_guest_storage_key(mm, addr, key, nq);
	mmap_read_unlock(mm);
	return rc;
}

int khk_get_guest_storage_key(struct kh_kmm *kmm, kh_u64 addr, unsigned char *key)
{
	struct mm_struct *mm = KMM(kmm);
	int rc;

	shim_mm_refresh(mm);
	mmap_read_lock(mm);
	rc = get_guest_storage_key(mm, addr, key);
	mmap_read_unlock(mm);
	return rc;
}

int khk_reset_guest_reference_bit(struct kh_kmm *kmm, kh_u64 addr)
{
	struct mm_struct *mm = KMM(kmm);
	int rc;

	shim_mm_refresh(mm);
	mmap_read_lock(mm);
	rc = reset_guest_reference_bit(mm, addr);
	mmap_read_unlock(mm);
	return rc;
}

int khk_uses_skeys(struct kh_kmm *kmm)
{
	return KMM(kmm)->context.uses_skeys;
}

/* ---- inspection ------------------------------------------------------------ */
int khk_g2h_lookup(struct kh_gmap *g, kh_u64 seg, kh_u64 *vmaddr)
{
	void *v = radix_tree_lookup(&GM(g)->guest_to_host, seg >> PMD_SHIFT);

	if (!v)
		return -ENOENT;
	*vmaddr = (unsigned long)v;
	return 0;
}

int khk_h2g_lookup(struct kh_gmap *g, kh_u64 vseg, kh_u64 *ste_pa)
{
	void *v = radix_tree_lookup(&GM(g)->host_to_guest, vseg >> PMD_SHIFT);

	if (!v)
		return -ENOENT;
	*ste_pa = __pa(v);
	return 0;
}

static void for_each(struct radix_tree_root *root, void (*fn)(void *, kh_u64, kh_u64), void *opaque,
		     int is_ptr)
{
	struct radix_tree_iter iter;
	void __rcu **slot;

	radix_tree_for_each_slot(slot, root, &iter, 0) {
		unsigned long v = (unsigned long)*slot;

		fn(opaque, iter.index, is_ptr ? __pa((void *)v) : v);
	}
}

void khk_g2h_for_each(struct kh_gmap *g, void (*fn)(void *, kh_u64, kh_u64), void *opaque)
{
	for_each(&GM(g)->guest_to_host, fn, opaque, 0);
}

void khk_h2g_for_each(struct kh_gmap *g, void (*fn)(void *, kh_u64, kh_u64), void *opaque)
{
	for_each(&GM(g)->host_to_guest, fn, opaque, 1);
}

/* __gmap_segment_gaddr(): the CRST page's base address (page->index, set
 * by gmap_alloc_table) plus the entry's index times 1 MB. */
kh_u64 khk_segment_gaddr(struct kh_gmap *g, kh_u64 ste_pa)
{
	unsigned long base = ste_pa & ~((PAGE_SIZE << CRST_ALLOC_ORDER) - 1);
	struct page *page = virt_to_page(__va(base));

	(void)g;
	return page->index + ((ste_pa / sizeof(unsigned long)) & (PTRS_PER_PMD - 1)) * PMD_SIZE;
}

int khk_gmap_count(struct kh_kmm *kmm)
{
	struct gmap *gmap;
	int n = 0;

	list_for_each_entry(gmap, &KMM(kmm)->context.gmap_list, list)
		n++;
	return n;
}

kh_u64 khk_gmap_table(struct kh_gmap *g)
{
	return __pa(GM(g)->table);
}

/* the crst pages of a gmap (crst_list), for the leak / ownership checks */
void khk_crst_for_each(struct kh_gmap *g, void (*fn)(void *, kh_u64, kh_u64), void *opaque)
{
	struct page *page;

	list_for_each_entry(page, &GM(g)->crst_list, lru)
		fn(opaque, page_to_phys(page), page->index);
}
