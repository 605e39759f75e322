// SPDX-License-Identifier: MIT
/*
 * The seed's story told by the kernel's own gmap code (the tree's
 * arch/s390/mm/gmap.c, unmodified): create, map, fault → __gmap_link, a
 * guest access through SIE on libgmap's CPU, process munmap → gmap_unlink →
 * refault, two gmaps on one mm, remove, translate, discard.  The process's
 * page tables are the tree's pgalloc.c's: page_table_alloc() makes them,
 * pte_free_tlb() in an mmu_gather (page_table_free_rcu() up to 6.5) unlinks
 * the gmaps and queues them for __tlb_remove_table() after a grace period.
 *
 * Expectations come from the architecture and the documented API
 * (gmap-semantics §3.3, §4.B): ASCE DT by limit class (segment < 2 GB,
 * region-third < 4 TB, region-second < 8 PB, else region-first), TL = 3,
 * an unlinked STE is _SEGMENT_ENTRY_EMPTY (0x20), a linked STE equals the
 * process pmd, a guest access sees the process's bytes.
 */
#include "ktest.h"

#define VA (1ULL << 32) /* the process's guest memory: 4 GB, 1 MB aligned */

static void test_create_picks_asce_type_by_limit(void **state)
{
	struct kfx *fx = kstart(state);
	/* the limit is rounded up to what the table type addresses:
	 * a segment table 2 GB, region-third 4 TB, region-second 8 PB */
	static const struct {
		uint64_t limit, dt, end;
	} cls[] = {
		{ (1ULL << 31) - 1, _ASCE_TYPE_SEGMENT, (1ULL << 31) - 1 },
		{ 5 * MB, _ASCE_TYPE_SEGMENT, (1ULL << 31) - 1 },
		{ (1ULL << 42) - 1, _ASCE_TYPE_REGION3, (1ULL << 42) - 1 },
		{ 1ULL << 31, _ASCE_TYPE_REGION3, (1ULL << 42) - 1 },
		{ (1ULL << 53) - 1, _ASCE_TYPE_REGION2, (1ULL << 53) - 1 },
		{ (1ULL << 44) - 1, _ASCE_TYPE_REGION2, (1ULL << 53) - 1 }, /* KVM's VM gmap */
		{ 1ULL << 53, _ASCE_TYPE_REGION1, ~0ULL },
		{ ~0ULL, _ASCE_TYPE_REGION1, ~0ULL }, /* ucontrol */
	};

	for (unsigned i = 0; i < sizeof(cls) / sizeof(cls[0]); i++) {
		struct kh_gmap *g = kfx_gmap(fx, cls[i].limit);
		uint64_t asce = khk_gmap_asce(g);

		assert_int_equal(asce & _ASCE_TYPE_MASK, cls[i].dt);
		assert_int_equal(asce & _ASCE_TABLE_LENGTH, 3);
		assert_int_equal(asce & _ASCE_ORIGIN, khk_gmap_table(g));
		assert_int_equal(khk_gmap_asce_end(g), cls[i].end);
		assert_int_equal(khk_gmap_count(fx->h->kmm), 1);
		KCHECK(fx);
		kfx_gmap_remove(fx, g);
		assert_int_equal(khk_gmap_count(fx->h->kmm), 0);
		assert_int_equal(khk_live_pages(), fx->pages0);
		KCHECK(fx);
	}
}

static void test_map_segment_rejects_bad_arguments(void **state)
{
	struct kfx *fx = kstart(state);
	struct kh_gmap *g = kfx_gmap(fx, (1ULL << 31) - 1);
	uint64_t v;

	/* not 1 MB aligned, empty, wrapping, beyond the ASCE, beyond TASK_SIZE_MAX */
	assert_int_equal(khk_gmap_map_segment(g, VA + 4096, 0, MB), -EINVAL);
	assert_int_equal(khk_gmap_map_segment(g, VA, 4096, MB), -EINVAL);
	assert_int_equal(khk_gmap_map_segment(g, VA, 0, MB + 4096), -EINVAL);
	assert_int_equal(khk_gmap_map_segment(g, VA, 0, 0), -EINVAL);
	assert_int_equal(khk_gmap_map_segment(g, ~0ULL << 20, 0, MB), -EINVAL);
	assert_int_equal(khk_gmap_map_segment(g, VA, (1ULL << 31) - MB, 2 * MB), -EINVAL);
	assert_int_equal(khk_gmap_map_segment(g, VA, ~0ULL << 20, 2 * MB), -EINVAL);
	assert_int_equal(khk_gmap_unmap_segment(g, 4096, MB), -EINVAL);
	assert_int_equal(khk_gmap_unmap_segment(g, 0, 0), -EINVAL);
	assert_int_equal(khk_gmap_unmap_segment(g, ~0ULL << 20, 2 * MB), -EINVAL);
	/* unmap checks alignment and wrap only (gmap-semantics §3.3): a
	 * range past the ASCE has nothing mapped and is not an error */
	assert_int_equal(khk_gmap_unmap_segment(g, (1ULL << 31) - MB, 2 * MB), 0);
	for (uint64_t s = 0; s < 4; s++)
		assert_int_equal(khk_g2h_lookup(g, s * MB, &v), -ENOENT);
	KCHECK(fx);
	/* the last segment the ASCE reaches is fine */
	assert_int_equal(khk_gmap_map_segment(g, VA, (1ULL << 31) - MB, MB), 0);
	assert_int_equal(khk_g2h_lookup(g, (1ULL << 31) - MB, &v), 0);
	assert_int_equal(v, VA);
	KCHECK(fx);
}

/* map 2 MB of the process at guest 0, fault, and read/write both ways */
static void test_fault_links_and_guest_sees_process(void **state)
{
	struct kfx *fx = kstart(state);
	struct kh_gmap *g = kfx_gmap(fx, (1ULL << 44) - 1);
	uint8_t in[256], out[256];
	uint64_t a, pa, h2g;
	int frc;

	assert_int_equal(kh_mmap(fx->h, VA, 2 * MB, PROT_RW), 0);
	assert_int_equal(khk_gmap_map_segment(g, VA, 0, 2 * MB), 0);
	KCHECK(fx);
	/* before any fault the guest segment is not linked: a segment-
	 * translation exception (the region tables are built by the link) */
	assert_int_not_equal(kh_translate(fx->h, g, 0x1234, &a), 0);
	fill(in, sizeof(in), 1);
	assert_int_equal(kh_proc_write(fx->h, VA + 0x1234, in, sizeof(in)), 0);
	assert_int_equal(khk_gmap_fault(g, 0x1234, 0), 0);
	KCHECK(fx);
	assert_int_equal(kh_translate(fx->h, g, 0x1234, &a), 0);
	assert_int_equal(mm_translate(fx->h->mm, VA + 0x1234, DAT_FETCH, &(struct dat_result){ 0 }), 0);
	{
		struct dat_result r;

		assert_int_equal(mm_translate(fx->h->mm, VA + 0x1234, DAT_FETCH, &r), 0);
		assert_int_equal(a, r.aaddr);
	}
	assert_int_equal(khk_h2g_lookup(g, VA, &h2g), 0);
	/* the guest reads what the process wrote, through SIE on CPU 1 */
	assert_int_equal(kh_sie_access(fx->h, g, 1, 0x1234, out, sizeof(out), false, &frc), 0);
	assert_memory_equal(in, out, sizeof(in));
	/* the guest writes the second segment (faulted in by the access) */
	fill(in, sizeof(in), 99);
	assert_int_equal(kh_sie_access(fx->h, g, 1, MB + 0x10, in, sizeof(in), true, &frc), 0);
	KCHECK(fx);
	assert_int_equal(kh_proc_read(fx->h, VA + MB + 0x10, out, sizeof(out)), 0);
	assert_memory_equal(in, out, sizeof(in));
	assert_int_equal(khk_h2g_lookup(g, VA + MB, &pa), 0);
	/* the kernel's tables live in libgmap's storage: the trapped
	 * instructions ran (the pte of the written page was set through
	 * the pgste exchange, with IPTE for valid → valid changes) */
	KCHECK(fx);
}

static void test_munmap_page_faults_segment_unlinks_and_relinks(void **state)
{
	struct kfx *fx = kstart(state);
	struct kh_gmap *g = kfx_gmap(fx, (1ULL << 44) - 1);
	uint8_t buf[64], out[64];
	uint64_t v, ste_pa;
	int frc;

	assert_int_equal(kh_mmap(fx->h, VA, 2 * MB, PROT_RW), 0);
	assert_int_equal(khk_gmap_map_segment(g, VA, 16 * MB, 2 * MB), 0);
	fill(buf, sizeof(buf), 3);
	assert_int_equal(kh_sie_access(fx->h, g, 0, 16 * MB + 0x3000, buf, sizeof(buf), true, &frc), 0);
	assert_int_equal(kh_sie_access(fx->h, g, 1, 16 * MB + 0x5000, buf, sizeof(buf), true, &frc), 0);
	KCHECK(fx);

	/* one page: the table stays, that page now faults with -EFAULT; the
	 * pte was invalidated by the kernel's IPTE, performed by the trap */
	unsigned ipte = fx->h->traps[KH_TRAP_IPTE], idte;

	assert_int_equal(kh_munmap(fx->h, VA + 0x3000, PG), 0);
	assert_int_equal(fx->h->traps[KH_TRAP_IPTE], ipte + 1);
	KCHECK(fx);
	assert_int_equal(kh_sie_access(fx->h, g, 1, 16 * MB + 0x3000, out, sizeof(out), false, &frc),
			 PGM_PAGE_TRANSLATION);
	assert_int_equal(frc, -EFAULT);
	assert_int_equal(kh_sie_access(fx->h, g, 1, 16 * MB + 0x5000, out, sizeof(out), false, &frc), 0);
	assert_memory_equal(buf, out, sizeof(buf));
	assert_int_equal(khk_h2g_lookup(g, VA, &ste_pa), 0);

	/* the whole first segment: the page table is freed, gmap_unlink
	 * leaves STE = EMPTY, drops host_to_guest, keeps guest_to_host */
	idte = fx->h->traps[KH_TRAP_IDTE];
	assert_int_equal(kh_munmap(fx->h, VA, MB), 0);
	/* gmap_unlink flushed the guest STE with IDTE */
	assert_true(fx->h->traps[KH_TRAP_IDTE] > idte);
	KCHECK(fx);
	assert_int_equal(khk_h2g_lookup(g, VA, &v), -ENOENT);
	{
		uint64_t ste;

		assert_int_equal(storage_load8(machine_storage(fx->h->m), ste_pa, &ste), 0);
		assert_int_equal(ste, _SEGMENT_ENTRY_EMPTY);
	}
	assert_int_equal(khk_g2h_lookup(g, 16 * MB, &v), 0);
	assert_int_equal(v, VA);
	/* the guest has lost the segment: no VMA → gmap_fault fails */
	assert_int_not_equal(kh_sie_access(fx->h, g, 0, 16 * MB, out, 8, false, &frc), 0);
	assert_int_equal(frc, -EFAULT);
	/* the process maps it again: the guest refaults, relinks, sees the
	 * new (zero, then written) contents */
	assert_int_equal(kh_mmap(fx->h, VA, MB, PROT_RW), 0);
	fill(buf, sizeof(buf), 77);
	assert_int_equal(kh_proc_write(fx->h, VA + 0x3000, buf, sizeof(buf)), 0);
	assert_int_equal(kh_sie_access(fx->h, g, 1, 16 * MB + 0x3000, out, sizeof(out), false, &frc), 0);
	assert_memory_equal(buf, out, sizeof(buf));
	assert_int_equal(khk_h2g_lookup(g, VA, &v), 0);
	KCHECK(fx);
	assert_int_equal(kh_sie_access(fx->h, g, 1, 16 * MB + 0x5000, out, 8, false, &frc), 0);
	assert_int_equal(out[0], 0);
}

static void test_two_gmaps_share_the_process_tables(void **state)
{
	struct kfx *fx = kstart(state);
	struct kh_gmap *g1 = kfx_gmap(fx, (1ULL << 44) - 1);
	struct kh_gmap *g2 = kfx_gmap(fx, (1ULL << 31) - 1);
	uint8_t buf[32], out[32];
	uint64_t s1, s2, v;
	int frc;

	assert_int_equal(khk_gmap_count(fx->h->kmm), 2);
	assert_int_equal(kh_mmap(fx->h, VA, MB, PROT_RW), 0);
	assert_int_equal(khk_gmap_map_segment(g1, VA, 0, MB), 0);
	assert_int_equal(khk_gmap_map_segment(g2, VA, 5 * MB, MB), 0);
	fill(buf, sizeof(buf), 5);
	assert_int_equal(kh_sie_access(fx->h, g1, 0, 0x800, buf, sizeof(buf), true, &frc), 0);
	assert_int_equal(kh_sie_access(fx->h, g2, 1, 5 * MB + 0x800, out, sizeof(out), false, &frc), 0);
	assert_memory_equal(buf, out, sizeof(buf));
	KCHECK(fx);
	/* both STEs hold the same process pmd: one pte table, shared */
	assert_int_equal(khk_h2g_lookup(g1, VA, &s1), 0);
	assert_int_equal(khk_h2g_lookup(g2, VA, &s2), 0);
	{
		uint64_t e1, e2;

		storage_load8(machine_storage(fx->h->m), s1, &e1);
		storage_load8(machine_storage(fx->h->m), s2, &e2);
		assert_int_equal(e1, e2);
	}
	/* removing one leaves the other working */
	kfx_gmap_remove(fx, g1);
	KCHECK(fx);
	assert_int_equal(kh_sie_access(fx->h, g2, 1, 5 * MB + 0x800, out, sizeof(out), false, &frc), 0);
	assert_memory_equal(buf, out, sizeof(buf));
	assert_int_equal(kh_munmap(fx->h, VA, MB), 0);
	assert_int_equal(khk_h2g_lookup(g2, VA, &v), -ENOENT);
	KCHECK(fx);
}

static void test_remove_frees_every_table(void **state)
{
	struct kfx *fx = kstart(state);
	struct kh_gmap *g = kfx_gmap(fx, ~0ULL);
	uint8_t b = 1;
	int frc;

	assert_int_equal(kh_mmap(fx->h, VA, 4 * MB, PROT_RW), 0);
	/* guest addresses far apart need region tables at every level */
	assert_int_equal(khk_gmap_map_segment(g, VA, 0, MB), 0);
	assert_int_equal(khk_gmap_map_segment(g, VA + MB, 1ULL << 54, MB), 0);
	assert_int_equal(khk_gmap_map_segment(g, VA + 2 * MB, 3 * TB, MB), 0);
	assert_int_equal(kh_sie_access(fx->h, g, 0, 0, &b, 1, true, &frc), 0);
	assert_int_equal(kh_sie_access(fx->h, g, 0, 1ULL << 54, &b, 1, true, &frc), 0);
	assert_int_equal(kh_sie_access(fx->h, g, 0, 3 * TB, &b, 1, true, &frc), 0);
	KCHECK(fx);
	assert_true(khk_live_pages() > fx->pages0);
	kfx_gmap_remove(fx, g);
	assert_int_equal(khk_live_pages(), fx->pages0);
	assert_int_equal(khk_live_kmalloc(), fx->kmalloc0);
	KCHECK(fx);
}

static void test_translate_gives_process_address(void **state)
{
	struct kfx *fx = kstart(state);
	struct kh_gmap *g = kfx_gmap(fx, (1ULL << 44) - 1);

	assert_int_equal(kh_mmap(fx->h, VA, 2 * MB, PROT_RW), 0);
	assert_int_equal(khk_gmap_map_segment(g, VA, 7 * MB, 2 * MB), 0);
	assert_int_equal(khk_gmap_translate(g, 7 * MB + 0x1234), (long)(VA + 0x1234));
	assert_int_equal(khk_gmap_translate(g, 8 * MB + 0xfff), (long)(VA + MB + 0xfff));
	assert_int_equal(khk_gmap_translate(g, 9 * MB), -EFAULT);
	assert_int_equal(khk_gmap_translate(g, 0), -EFAULT);
	KCHECK(fx);
}

static void test_discard_drops_process_pages(void **state)
{
	struct kfx *fx = kstart(state);
	struct kh_gmap *g = kfx_gmap(fx, (1ULL << 44) - 1);
	uint8_t buf[16], out[16], zero[16] = { 0 };
	int frc;

	assert_int_equal(kh_mmap(fx->h, VA, 2 * MB, PROT_RW), 0);
	assert_int_equal(khk_gmap_map_segment(g, VA, 0, 2 * MB), 0);
	fill(buf, sizeof(buf), 9);
	for (uint64_t p = 0; p < 4; p++)
		assert_int_equal(kh_sie_access(fx->h, g, 0, p * PG, buf, sizeof(buf), true, &frc), 0);
	KCHECK(fx);
	/* discard guest pages 1 and 2 (DIAG 0x10 page release) */
	khk_gmap_discard(g, PG, 3 * PG);
	KCHECK(fx);
	assert_int_equal(kh_proc_read(fx->h, VA + PG, out, sizeof(out)), 0);
	assert_memory_equal(out, zero, sizeof(out));
	assert_int_equal(kh_sie_access(fx->h, g, 1, 2 * PG, out, sizeof(out), false, &frc), 0);
	assert_memory_equal(out, zero, sizeof(out));
	assert_int_equal(kh_sie_access(fx->h, g, 1, 0, out, sizeof(out), false, &frc), 0);
	assert_memory_equal(out, buf, sizeof(out));
	assert_int_equal(kh_sie_access(fx->h, g, 1, 3 * PG, out, sizeof(out), false, &frc), 0);
	assert_memory_equal(out, buf, sizeof(out));
	KCHECK(fx);
}

static void test_unmap_segment_drops_both_maps(void **state)
{
	struct kfx *fx = kstart(state);
	struct kh_gmap *g = kfx_gmap(fx, (1ULL << 44) - 1);
	uint64_t v;
	uint8_t b = 0;
	int frc;

	assert_int_equal(kh_mmap(fx->h, VA, 2 * MB, PROT_RW), 0);
	assert_int_equal(khk_gmap_map_segment(g, VA, 0, 2 * MB), 0);
	assert_int_equal(kh_sie_access(fx->h, g, 0, MB, &b, 1, true, &frc), 0);
	assert_int_equal(khk_gmap_unmap_segment(g, 0, 2 * MB), 0);
	KCHECK(fx);
	assert_int_equal(khk_g2h_lookup(g, MB, &v), -ENOENT);
	assert_int_equal(khk_h2g_lookup(g, VA + MB, &v), -ENOENT);
	assert_int_not_equal(kh_sie_access(fx->h, g, 0, MB, &b, 1, false, &frc), 0);
	assert_int_equal(frc, -EFAULT);
}

/* The process page table of the segment of @va (0: none). */
static uint64_t proc_pt(struct kfx *fx, uint64_t va)
{
	uint64_t pmd, ste;

	if (mm_pmd(fx->h->mm, va, false, &pmd) ||
	    storage_load8(machine_storage(fx->h->m), pmd, &ste) || (ste & _SEGMENT_ENTRY_INVALID))
		return 0;
	return ste & _SEGMENT_ENTRY_ORIGIN;
}

static uint64_t ld(struct kfx *fx, uint64_t a)
{
	uint64_t v = 0;

	assert_int_equal(storage_load8(machine_storage(fx->h->m), a, &v), 0);
	return v;
}

/*
 * page_table_alloc() for a pgste mm (Linux arch/s390/mm/pgalloc.c): a whole
 * 4 KB page, 256 ptes _PAGE_INVALID (0x400, PoP: bit 53 I) then 256 zero
 * pgstes; the mm owns it as a STORAGE_PT_PGSTE block.
 */
static void test_process_page_table_is_the_kernels_page_table_alloc(void **state)
{
	struct kfx *fx = kstart(state);
	uint64_t nr0 = fx->h->mm->nr_ptes, pt;
	uint8_t b = 9;

	assert_int_equal(kh_mmap(fx->h, VA, MB, PROT_RW), 0);
	assert_int_equal(kh_proc_write(fx->h, VA + 0x7000, &b, 1), 0);
	KCHECK(fx);
	pt = proc_pt(fx, VA);
	assert_int_not_equal(pt, 0);
	assert_int_equal(pt & 4095, 0);
	assert_int_equal(storage_kind_at(machine_storage(fx->h->m), pt), STORAGE_PT_PGSTE);
	assert_non_null(mm_pgtable(fx->h->mm, pt));
	assert_int_equal(fx->h->mm->nr_ptes, nr0 + 1);
	assert_int_equal(khk_live_pt_pages(), (long)fx->h->mm->nr_ptes);
	for (unsigned i = 0; i < 256; i++) {
		if (i == 7)
			continue; /* the page written */
		assert_int_equal(ld(fx, pt + 8 * i), _PAGE_INVALID);
		assert_int_equal(ld(fx, pt + 2048 + 8 * i), 0);
	}
}

/*
 * free_pgtables() of the generic mm: pte_free_tlb() unlinks every gmap at
 * once (gmap_unlink: the guest STE EMPTY, host_to_guest dropped), but the
 * table itself goes only when tlb_remove_table()'s grace period ends
 * (MMU_GATHER_RCU_TABLE_FREE): an RCU reader — a lockless walker — still
 * inside keeps it allocated; the mm has given it up already.
 */
static void test_munmap_unlinks_every_gmap_and_frees_after_the_grace_period(void **state)
{
	struct kfx *fx = kstart(state);
	struct kh_gmap *g1 = kfx_gmap(fx, (1ULL << 44) - 1);
	struct kh_gmap *g2 = kfx_gmap(fx, (1ULL << 31) - 1);
	struct gm_storage *st = machine_storage(fx->h->m);
	uint64_t pt, s1, s2, v, nr;
	uint8_t buf[16], out[16];
	int frc;

	assert_int_equal(kh_mmap(fx->h, VA, MB, PROT_RW), 0);
	assert_int_equal(khk_gmap_map_segment(g1, VA, 16 * MB, MB), 0);
	assert_int_equal(khk_gmap_map_segment(g2, VA, 5 * MB, MB), 0);
	fill(buf, sizeof(buf), 11);
	assert_int_equal(kh_sie_access(fx->h, g1, 0, 16 * MB + 0x100, buf, sizeof(buf), true, &frc), 0);
	assert_int_equal(kh_sie_access(fx->h, g2, 1, 5 * MB + 0x100, out, sizeof(out), false, &frc), 0);
	assert_memory_equal(buf, out, sizeof(buf));
	assert_int_equal(khk_h2g_lookup(g1, VA, &s1), 0);
	assert_int_equal(khk_h2g_lookup(g2, VA, &s2), 0);
	pt = proc_pt(fx, VA);
	assert_int_equal(ld(fx, s1) & _SEGMENT_ENTRY_ORIGIN, pt);
	assert_int_equal(ld(fx, s2) & _SEGMENT_ENTRY_ORIGIN, pt);
	nr = fx->h->mm->nr_ptes;
	KCHECK(fx);

	/* inside the reader only observe: a failed assertion must not leave
	 * the reader held for the teardown's gmap_remove (synchronize_rcu) */
	khk_rcu_read_lock();
	int rc = kh_munmap(fx->h, VA, MB);
	uint64_t e1 = ld(fx, s1), e2 = ld(fx, s2), pmd_pt = proc_pt(fx, VA), nr_in = fx->h->mm->nr_ptes;
	int h1 = khk_h2g_lookup(g1, VA, &v), h2 = khk_h2g_lookup(g2, VA, &v);
	uint64_t v1 = 0, v2 = 0;
	int g1rc = khk_g2h_lookup(g1, 16 * MB, &v1), g2rc = khk_g2h_lookup(g2, 5 * MB, &v2);
	bool owned = mm_pgtable(fx->h->mm, pt) != NULL;
	enum storage_kind kind_in = storage_kind_at(st, pt);
	long pending_in = khk_pending_tables();
	int bad_in = kh_check(fx->h, fx->g, fx->ng);

	khk_rcu_read_unlock();
	assert_int_equal(rc, 0);
	/* both gmaps were unlinked by the kernel's free path, before the grace period */
	assert_int_equal(e1, _SEGMENT_ENTRY_EMPTY);
	assert_int_equal(e2, _SEGMENT_ENTRY_EMPTY);
	assert_int_equal(h1, -ENOENT);
	assert_int_equal(h2, -ENOENT);
	assert_int_equal(g1rc, 0);
	assert_int_equal(v1, VA);
	assert_int_equal(g2rc, 0);
	assert_int_equal(v2, VA);
	/* the table was unhooked, no longer the mm's, still allocated */
	assert_int_equal(pmd_pt, 0);
	assert_int_equal(nr_in, nr - 1);
	assert_false(owned);
	assert_int_equal(kind_in, STORAGE_PT_PGSTE);
	assert_int_equal(pending_in, 1);
	assert_int_equal(bad_in, 0);
	/* the grace period ended: __tlb_remove_table gave the frame back */
	assert_int_equal(khk_pending_tables(), 0);
	assert_int_equal(storage_kind_at(st, pt), STORAGE_FREE);
	assert_int_equal(khk_live_pt_pages(), (long)fx->h->mm->nr_ptes);
	KCHECK(fx);

	/* the guests refault and relink to the new table */
	assert_int_equal(kh_mmap(fx->h, VA, MB, PROT_RW), 0);
	assert_int_equal(kh_sie_access(fx->h, g2, 0, 5 * MB + 0x100, out, sizeof(out), false, &frc), 0);
	assert_int_equal(out[0], 0);
	assert_int_equal(kh_sie_access(fx->h, g1, 1, 16 * MB + 0x100, buf, sizeof(buf), true, &frc), 0);
	assert_int_equal(kh_sie_access(fx->h, g2, 0, 5 * MB + 0x100, out, sizeof(out), false, &frc), 0);
	assert_memory_equal(buf, out, sizeof(buf));
	assert_int_equal(khk_h2g_lookup(g1, VA, &s1), 0);
	assert_int_equal(khk_h2g_lookup(g2, VA, &s2), 0);
	assert_int_equal(ld(fx, s1) & _SEGMENT_ENTRY_ORIGIN, proc_pt(fx, VA));
	KCHECK(fx);
}

/*
 * Allocation failure on the free path: without a page for the batch
 * tlb_remove_table() flushes and frees the table at once (its IPI stands
 * in for the grace period), even with a reader inside; the gmap is
 * unlinked all the same and nothing leaks.  Swept over every allocation of
 * munmap.
 */
static void test_free_path_allocation_failures_leave_no_trace(void **state)
{
	struct kfx *fx = kstart(state);
	struct kh_gmap *g = kfx_gmap(fx, (1ULL << 44) - 1);
	struct gm_storage *st = machine_storage(fx->h->m);
	unsigned at_once = 0;

	for (long n = 0; n < 8; n++) {
		uint64_t pt, ste, v;
		long kpages;
		uint8_t b = (uint8_t)n;
		int frc, rc;

		assert_int_equal(kh_mmap(fx->h, VA, MB, PROT_RW), 0);
		assert_int_equal(khk_gmap_map_segment(g, VA, 16 * MB, MB), 0);
		assert_int_equal(kh_sie_access(fx->h, g, 0, 16 * MB, &b, 1, true, &frc), 0);
		assert_int_equal(khk_h2g_lookup(g, VA, &ste), 0);
		pt = proc_pt(fx, VA);
		kpages = khk_live_pages();
		KCHECK(fx);
		khk_rcu_read_lock();
		storage_fail_after(st, n);
		rc = kh_munmap(fx->h, VA, MB);
		storage_fail_after(st, -1);
		uint64_t e = ld(fx, ste);
		int h2g = khk_h2g_lookup(g, VA, &v);
		bool freed = storage_kind_at(st, pt) == STORAGE_FREE;
		long pending = khk_pending_tables();
		int bad = kh_check(fx->h, fx->g, fx->ng);

		khk_rcu_read_unlock();
		assert_int_equal(rc, 0);
		assert_int_equal(e, _SEGMENT_ENTRY_EMPTY);
		assert_int_equal(h2g, -ENOENT);
		at_once += freed;
		assert_int_equal(pending, freed ? 0 : 1);
		assert_int_equal(bad, 0);
		assert_int_equal(storage_kind_at(st, pt), STORAGE_FREE);
		/* the batch page went back too; the gmap keeps its tables */
		assert_int_equal(khk_live_pages(), kpages);
		assert_int_equal(khk_live_pt_pages(), (long)fx->h->mm->nr_ptes);
		KCHECK(fx);
	}
	/* the first try failed the batch page; later ones had it */
	assert_int_equal(at_once, 1);
}

/*
 * Allocation failure at every point of the create → map → fault path:
 * the kernel returns NULL / -ENOMEM, the structures stay consistent, and
 * once the gmap is removed nothing the kernel allocated is left.
 */
static void test_allocation_failures_leave_no_trace(void **state)
{
	struct kfx *fx = kstart(state);
	struct gm_storage *st = machine_storage(fx->h->m);
	unsigned failed = 0;

	assert_int_equal(kh_mmap(fx->h, VA, 2 * MB, PROT_RW), 0);
	for (long n = 0; n < 64; n++) {
		struct kh_gmap *g;
		int rc = 0;

		storage_fail_after(st, n);
		g = khk_gmap_create(fx->h->kmm, (1ULL << 44) - 1);
		if (g) {
			fx->g[fx->ng++] = g;
			rc = khk_gmap_map_segment(g, VA, 3 * TB, 2 * MB);
			assert_true(rc == 0 || rc == -ENOMEM);
			if (!rc) {
				/* gmap_fault reports a failed fixup_user_fault (the
				 * process's own allocation) as -EFAULT */
				rc = khk_gmap_fault(g, 3 * TB + MB + 0x10, 0);
				assert_true(rc == 0 || rc == -ENOMEM || rc == -EFAULT);
			}
		}
		if (!g || rc)
			failed++;
		storage_fail_after(st, -1);
		KCHECK(fx);
		if (g)
			kfx_gmap_remove(fx, g);
		assert_int_equal(khk_live_pages(), fx->pages0 + 0);
		assert_true(khk_live_kmalloc() <= fx->kmalloc0 + 1); /* a kept radix preload */
		KCHECK(fx);
	}
	/* the sweep reached the end of the path (the last tries succeed) and
	 * failed somewhere before it */
	assert_true(failed > 0 && failed < 64);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_picks_asce_type_by_limit, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_map_segment_rejects_bad_arguments, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_fault_links_and_guest_sees_process, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_munmap_page_faults_segment_unlinks_and_relinks, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_two_gmaps_share_the_process_tables, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_remove_frees_every_table, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_translate_gives_process_address, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_discard_drops_process_pages, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_unmap_segment_drops_both_maps, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_allocation_failures_leave_no_trace, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_process_page_table_is_the_kernels_page_table_alloc, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_munmap_unlinks_every_gmap_and_frees_after_the_grace_period, kfx_setup, kfx_teardown),
		cmocka_unit_test_setup_teardown(test_free_path_allocation_failures_leave_no_trace, kfx_setup, kfx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
