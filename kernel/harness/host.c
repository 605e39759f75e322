// SPDX-License-Identifier: MIT
/*
 * host.c — the host side of the kernel harness: the libgmap machine the
 * kernel code runs on, the process (libgmap's mm) and its hooks into the
 * kernel (gmap_unlink on page-table free, pte changes through the pgste
 * exchange), the bridge services the shim calls, guest accesses through
 * "SIE", and the invariant checks over the kernel's structures.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "gmap/check.h"
#include "gmap/skey.h"
#include "gmap/libgmap.h"

#include "kh.h"

/* The one harness of this process (see kh.h), for the bridge callbacks. */
static struct kh *cur;


/* Linux 6.1 arch/s390/include/asm/setup.h MACHINE_FLAG_* bit numbers. */
#define KH_MF_ESOP (1UL << 4)
#define KH_MF_IDTE (1UL << 5)
#define KH_MF_EDAT1 (1UL << 7)

/* ---- bridge: services for the shim ------------------------------------ */
int khb_frame_alloc(int kind, kh_u64 *pa)
{
	enum storage_kind k = kind == KHB_FRAME ? STORAGE_FRAME
			      : kind == KHB_CRST ? STORAGE_CRST
						 : STORAGE_PT_PGSTE;
	uint64_t a;
	int rc;

	if (kind != KHB_FRAME && kind != KHB_CRST && kind != KHB_PGSTE)
		return -EINVAL;
	rc = storage_alloc(machine_storage(cur->m), k, &a);
	if (rc)
		return rc;
	*pa = a;
	return 0;
}

void khb_frame_free(kh_u64 pa)
{
	if (storage_free(machine_storage(cur->m), pa)) {
		fprintf(stderr, "kernel freed 0x%llx, which is not an allocated block\n",
			(unsigned long long)pa);
		abort();
	}
}

kh_u64 khb_storage_size(void)
{
	return storage_size(machine_storage(cur->m));
}

void *khb_host_zalloc(size_t size)
{
	return storage_host_zalloc(machine_storage(cur->m), size);
}

void khb_host_free(void *p, size_t size)
{
	storage_host_free(machine_storage(cur->m), p, size);
}

unsigned int khb_cpu(void)
{
	return cpu_index(machine_current_cpu(cur->m));
}

unsigned int khb_ncpus(void)
{
	return machine_ncpus(cur->m);
}

int khb_vma_find(void *lmm, kh_u64 addr, kh_u64 *start, kh_u64 *end, unsigned int *prot)
{
	struct vm_area_struct *vma = mm_find_vma(lmm, addr);

	if (!vma)
		return -ENOENT;
	*start = vma->vm_start;
	*end = vma->vm_end;
	*prot = vma->vm_prot; /* MM_PROT_* are the POSIX PROT_* values */
	return 0;
}

int khb_fault(void *lmm, kh_u64 addr, int write)
{
	return mm_fault(lmm, addr, write ? MM_FAULT_WRITE : 0);
}

int khb_zap(void *lmm, kh_u64 start, kh_u64 len)
{
	return mm_zap(lmm, start, len);
}

int khb_alloc_pmd(void *lmm, kh_u64 addr)
{
	uint64_t pmd;

	return mm_pmd(lmm, addr, true, &pmd);
}

int khb_alloc_pte_table(void *lmm, kh_u64 addr)
{
	uint64_t pto;

	return mm_pte_table(lmm, addr, true, &pto);
}

void khb_mm_state(void *lmm, kh_u64 *pgd, kh_u64 *asce, kh_u64 *limit)
{
	struct mm_struct *mm = lmm;

	*pgd = mm->pgd;
	*asce = mm_asce(mm);
	*limit = mm->asce_limit;
}

void khb_fail(const char *msg)
{
	fprintf(stderr, "KERNEL HARNESS FAILURE: %s\n", msg);
	fflush(stderr);
	abort();
}

void khb_warn(const char *msg)
{
	fprintf(stderr, "%s\n", msg);
}

/* ---- the process's hooks into the kernel -------------------------------- */
/* The process's page tables: the tree's pgalloc.c makes and frees them
 * (kapi.c khk_pt_*); gmap_unlink is the kernel's pte_free_tlb's to call. */
static int pt_alloc_hook(struct mm_struct *mm, uint64_t vmaddr, uint64_t *table)
{
	kh_u64 pa;
	int rc;

	(void)mm;
	(void)vmaddr;
	rc = khk_pt_alloc(cur->kmm, &pa);
	if (!rc)
		*table = pa;
	return rc;
}

static void pt_free_hook(struct mm_struct *mm, uint64_t table)
{
	(void)mm;
	khk_pt_free(cur->kmm, table);
}

static void pt_free_rcu_hook(struct mm_struct *mm, uint64_t table, uint64_t vmaddr)
{
	(void)mm;
	khk_pt_free_tlb(cur->kmm, table, vmaddr);
}

static const struct mm_pt_ops kh_pt_ops = {
	.alloc = pt_alloc_hook,
	.free = pt_free_hook,
	.free_rcu = pt_free_rcu_hook,
};

static void pte_hook(struct mm_struct *mm, uint64_t vmaddr, uint64_t ptep, uint64_t val)
{
	(void)mm;
	khk_pte_xchg(cur->kmm, vmaddr, ptep, val);
}

/* ---- setup --------------------------------------------------------------- */

/*
 * With storage away from host 0 (6.6+ trees), the kernel still reaches its
 * lowcore at virtual 0 (get_lowcore(), S390_lowcore): give it 8 KB there.
 * It is the kernel's own view (machine flags, the gmap field); the machine's
 * CPU lowcores stay in storage.
 */
static int kh_map_lowcore_view(void)
{
	void *p = mmap((void *)0, 8192, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);

	if (p == (void *)0)
		return 0;
	/* an emulator that takes NOREPLACE as a hint: page 0 of a program
	 * is never mapped, so map it outright */
	if (p != MAP_FAILED)
		munmap(p, 8192);
	p = mmap((void *)0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		 -1, 0);
	return p == (void *)0 ? 0 : -1;
}

int kh_setup(const struct kh_config *cfg, struct kh **out)
{
	struct gm_machine_config mc = { 0 };
	struct kh *h;
	unsigned long flags = KH_MF_ESOP | KH_MF_IDTE;
	int rc;

	if (cur)
		return -EBUSY;
	h = calloc(1, sizeof(*h));
	if (!h)
		return -ENOMEM;
	mc.storage_size = cfg && cfg->storage_size ? cfg->storage_size : 256ULL << 20;
	mc.ncpus = cfg && cfg->ncpus ? cfg->ncpus : 2;
	mc.facilities = GM_FAC_EDAT1 | GM_FAC_IDTE | GM_FAC_IPTE_RANGE;
	mc.tlb = cfg ? cfg->tlb : true;
	rc = machine_create_at(&mc, khk_identity_base(), &h->m);
	if (rc)
		goto fail;
	if (mc.tlb)
		tlb_set_checking(h->m, true);
	rc = mm_create(h->m, MM_PGSTE, &h->mm);
	if (rc)
		goto fail_machine;
	cur = h;
	if (khk_identity_base() && kh_map_lowcore_view()) {
		rc = -EBUSY;
		goto fail_mm;
	}
	khk_init();
	if (machine_has_facility(h->m, GM_FAC_EDAT1))
		flags |= KH_MF_EDAT1;
	khk_set_machine_flags(flags);
	h->kmm = khk_mm_create(h->mm);
	if (!h->kmm) {
		rc = -ENOMEM;
		goto fail_mm;
	}
	khk_set_current(h->kmm);
	h->mm->pt_ops = &kh_pt_ops;
	h->mm->pte_xchg = pte_hook;
	h->mm->embedder = h;
	kh_trap_install(h);
	*out = h;
	return 0;
fail_mm:
	khk_fini();
	cur = NULL;
	mm_destroy(h->mm);
fail_machine:
	machine_destroy(h->m);
fail:
	free(h);
	return rc;
}

void kh_teardown(struct kh *h)
{
	if (!h)
		return;
	/* exit_mmap: the page tables go back through the kernel's free
	 * (its flushes trap), so the kernel's mm and the handler stay up */
	mm_destroy(h->mm);
	kh_trap_remove();
	khk_mm_destroy(h->kmm);
	khk_fini();
	machine_destroy(h->m);
	if (khk_identity_base())
		munmap((void *)0, 8192);
	cur = NULL;
	free(h);
}

/* ---- the process ----------------------------------------------------------- */
int kh_mmap(struct kh *h, uint64_t addr, uint64_t len, unsigned prot)
{
	int rc;

	khk_mmap_lock(h->kmm, 1);
	rc = mm_mmap(h->mm, addr, len, prot, MM_MAP_FIXED, NULL);
	khk_mmap_unlock(h->kmm, 1);
	khk_mm_sync(h->kmm);
	return rc;
}

int kh_munmap(struct kh *h, uint64_t addr, uint64_t len)
{
	int rc;

	khk_mmap_lock(h->kmm, 1);
	rc = mm_munmap(h->mm, addr, len);
	khk_mmap_unlock(h->kmm, 1);
	return rc;
}

int kh_mprotect(struct kh *h, uint64_t addr, uint64_t len, unsigned prot)
{
	int rc;

	khk_mmap_lock(h->kmm, 1);
	rc = mm_mprotect(h->mm, addr, len, prot);
	khk_mmap_unlock(h->kmm, 1);
	return rc;
}

/* The process's accesses: mm_read/mm_write record R and C themselves. */
static int proc_access(struct kh *h, uint64_t vmaddr, void *buf, size_t len, bool write)
{
	int rc;

	khk_mmap_lock(h->kmm, 0);
	rc = write ? mm_write(h->mm, vmaddr, buf, len) : mm_read(h->mm, vmaddr, buf, len);
	khk_mmap_unlock(h->kmm, 0);
	return rc;
}

int kh_proc_write(struct kh *h, uint64_t vmaddr, const void *buf, size_t len)
{
	return proc_access(h, vmaddr, (void *)buf, len, true);
}

int kh_proc_read(struct kh *h, uint64_t vmaddr, void *buf, size_t len)
{
	return proc_access(h, vmaddr, buf, len, false);
}

/* ---- SIE ------------------------------------------------------------------ */
static bool pic_is_dat_or_protection(int pic)
{
	return pic == PGM_PROTECTION || pic == PGM_ASCE_TYPE || pic == PGM_REG_FIRST_TRANS ||
	       pic == PGM_REG_SEC_TRANS || pic == PGM_REG_THIRD_TRANS ||
	       pic == PGM_SEGMENT_TRANSLATION || pic == PGM_PAGE_TRANSLATION;
}

static void sie_enter(struct gm_cpu *cpu, uint64_t asce, struct gm_psw *saved, uint64_t *cr1)
{
	struct gm_psw psw;

	*saved = cpu_get_psw(cpu);
	*cr1 = cpu_get_cr(cpu, CR_PRIMARY_ASCE);
	psw = *saved;
	psw.mask = (psw.mask & ~(PSW_MASK_ASC | PSW_MASK_PSTATE | PSW_MASK_KEY)) | PSW_MASK_DAT |
		   PSW_MASK_64 | PSW_ASC_PRIMARY;
	cpu_set_psw(cpu, psw);
	cpu_set_cr(cpu, CR_PRIMARY_ASCE, asce);
}

static void sie_exit(struct gm_cpu *cpu, struct gm_psw saved, uint64_t cr1)
{
	cpu_set_psw(cpu, saved);
	cpu_set_cr(cpu, CR_PRIMARY_ASCE, cr1);
}

int kh_sie_access(struct kh *h, struct kh_gmap *g, unsigned cpuidx, uint64_t gaddr, void *buf,
		  size_t len, bool write, int *fault_rc)
{
	struct gm_cpu *cpu = machine_cpu(h->m, cpuidx);
	unsigned prev = cpu_index(machine_current_cpu(h->m));
	struct gm_psw saved;
	uint64_t cr1;
	size_t done = 0;
	int rc = 0;

	if (!cpu || (!buf && len))
		return -EINVAL;
	if (fault_rc)
		*fault_rc = 0;
	machine_set_current_cpu(h->m, cpuidx);
	while (done < len && rc == 0) {
		uint64_t ga = gaddr + done;
		size_t chunk = 4096 - (ga & 4095);
		struct dat_result r;
		int tries;

		if (chunk > len - done)
			chunk = len - done;
		for (tries = 0; tries < 8; tries++) {
			sie_enter(cpu, khk_gmap_asce(g), &saved, &cr1);
			rc = cpu_translate(cpu, ga, write ? DAT_STORE : DAT_FETCH, &r);
			sie_exit(cpu, saved, cr1);
			if (rc <= 0 || !pic_is_dat_or_protection(rc))
				break;
			/* the host's fault handling for a guest DAT exception
			 * (KVM: kvm_arch_fault_in_page -> gmap_fault) */
			int frc = khk_gmap_fault(g, ga, write ? khk_fault_flag_write() : 0);

			if (fault_rc)
				*fault_rc = frc;
			if (frc)
				break;
		}
		if (rc == 0) {
			rc = write ? storage_write(machine_storage(h->m), r.aaddr, (uint8_t *)buf + done, chunk)
				   : storage_read(machine_storage(h->m), r.aaddr, (uint8_t *)buf + done, chunk);
			if (rc < 0)
				rc = PGM_ADDRESSING;
			else /* reference and change recording, as cpu_access() does */
				(void)skey_record(machine_skey(h->m), r.aaddr, chunk, write);
		}
		done += chunk;
	}
	machine_set_current_cpu(h->m, prev);
	return rc;
}

int kh_translate(struct kh *h, struct kh_gmap *g, uint64_t gaddr, uint64_t *aaddr)
{
	struct gm_cpu *cpu = machine_current_cpu(h->m);
	struct dat_env env;
	struct dat_result r;
	int rc;

	cpu_dat_env(cpu, &env);
	rc = dat_translate(machine_storage_const(h->m), &env, khk_gmap_asce(g), gaddr, DAT_FETCH, &r, NULL);
	if (!rc)
		*aaddr = r.aaddr;
	return rc;
}

/* ---- storage keys ------------------------------------------------------------ */
uint8_t kh_skey(struct kh *h, uint64_t aaddr)
{
	uint8_t key = 0;

	(void)skey_iske(machine_skey(h->m), aaddr, &key);
	return key;
}

/* ---- invariants: gmap-semantics §4.B 15-18 over the kernel's gmaps ---------- */
struct ck {
	struct kh *h;
	struct kh_gmap *g;
	int bad;
	uint64_t n_crst_walk, n_crst_list;
};

#define KH_BAD(ck, ...) do { fprintf(stderr, "invariant: " __VA_ARGS__); fputc('\n', stderr); (ck)->bad++; } while (0)

static uint64_t ld8(struct kh *h, uint64_t a)
{
	uint64_t v = 0;

	(void)storage_load8(machine_storage_const(h->m), a, &v);
	return v;
}

static void check_ste(struct ck *c, uint64_t entry, uint64_t ste, uint64_t gaddr)
{
	uint64_t vmaddr, h2g, pmd;

	if (khk_segment_gaddr(c->g, entry) != gaddr)
		KH_BAD(c, "16: __gmap_segment_gaddr(STE 0x%llx) = 0x%llx, the STE translates 0x%llx",
		       (unsigned long long)entry, (unsigned long long)khk_segment_gaddr(c->g, entry),
		       (unsigned long long)gaddr);
	if (ste & _SEGMENT_ENTRY_INVALID) {
		if (ste != _SEGMENT_ENTRY_EMPTY)
			KH_BAD(c, "17: invalid STE 0x%llx for guest 0x%llx is not _SEGMENT_ENTRY_EMPTY",
			       (unsigned long long)ste, (unsigned long long)gaddr);
		return;
	}
	/* a valid (linked) STE: mapped, linked by host_to_guest, a copy of the pmd */
	if (khk_g2h_lookup(c->g, gaddr, &vmaddr)) {
		KH_BAD(c, "15: linked STE for guest 0x%llx has no guest_to_host entry",
		       (unsigned long long)gaddr);
		return;
	}
	if (khk_h2g_lookup(c->g, vmaddr, &h2g) || h2g != entry)
		KH_BAD(c, "15: linked STE 0x%llx (guest 0x%llx -> 0x%llx) is not host_to_guest[0x%llx]",
		       (unsigned long long)entry, (unsigned long long)gaddr,
		       (unsigned long long)vmaddr, (unsigned long long)(vmaddr >> 20));
	if (mm_pmd(c->h->mm, vmaddr, false, &pmd) || ld8(c->h, pmd) != ste)
		KH_BAD(c, "15: linked STE 0x%llx for guest 0x%llx differs from the process pmd for 0x%llx",
		       (unsigned long long)ste, (unsigned long long)gaddr, (unsigned long long)vmaddr);
}

/* Walk a gmap table of @level (3 R1 .. 0 segment) at @table covering @base. */
static void walk_gmap(struct ck *c, uint64_t table, int level, uint64_t base)
{
	static const unsigned shift[] = { 20, 31, 42, 53 };
	static const uint64_t empty[] = { _SEGMENT_ENTRY_EMPTY, _REGION3_ENTRY_EMPTY,
					  _REGION2_ENTRY_EMPTY, _REGION1_ENTRY_EMPTY };

	c->n_crst_walk++;
	for (unsigned i = 0; i < 2048; i++) {
		uint64_t entry = table + i * 8ULL, e = ld8(c->h, entry);
		uint64_t ga = base + ((uint64_t)i << shift[level]);

		if (level == 0) {
			check_ste(c, entry, e, ga);
			continue;
		}
		if (e & _REGION_ENTRY_INVALID) {
			if (e != empty[level])
				KH_BAD(c, "2: invalid region entry 0x%llx at 0x%llx is not EMPTY",
				       (unsigned long long)e, (unsigned long long)entry);
			continue;
		}
		if ((e & _REGION_ENTRY_TYPE_MASK) != (uint64_t)level << 2)
			KH_BAD(c, "2: region entry 0x%llx at 0x%llx has the wrong type",
			       (unsigned long long)e, (unsigned long long)entry);
		walk_gmap(c, e & _REGION_ENTRY_ORIGIN, level - 1, ga);
	}
}

static void g2h_entry(void *opaque, kh_u64 index, kh_u64 vmaddr)
{
	struct ck *c = opaque;
	uint64_t g = index << 20;

	if (g + (1ULL << 20) - 1 > khk_gmap_asce_end(c->g))
		KH_BAD(c, "18: guest_to_host[0x%llx] lies beyond asce_end 0x%llx",
		       (unsigned long long)index, (unsigned long long)khk_gmap_asce_end(c->g));
	if (vmaddr & ((1ULL << 20) - 1))
		KH_BAD(c, "15: guest_to_host[0x%llx] = 0x%llx is not segment aligned",
		       (unsigned long long)index, (unsigned long long)vmaddr);
}

static void h2g_entry(void *opaque, kh_u64 index, kh_u64 ste_pa)
{
	struct ck *c = opaque;
	uint64_t ste = ld8(c->h, ste_pa), g = khk_segment_gaddr(c->g, ste_pa), v;

	if (ste & _SEGMENT_ENTRY_INVALID)
		KH_BAD(c, "15: host_to_guest[0x%llx] points to invalid STE 0x%llx",
		       (unsigned long long)index, (unsigned long long)ste);
	if (khk_g2h_lookup(c->g, g, &v) || v != index << 20)
		KH_BAD(c, "15: host_to_guest[0x%llx] links guest 0x%llx, which guest_to_host does not map there",
		       (unsigned long long)index, (unsigned long long)g);
}

static void crst_entry(void *opaque, kh_u64 pa, kh_u64 index)
{
	struct ck *c = opaque;
	const struct storage_page *pg = storage_page_const(machine_storage_const(c->h->m), pa);

	(void)index;
	c->n_crst_list++;
	if (!pg || pg->kind != STORAGE_CRST || !pg->head)
		KH_BAD(c, "2: crst_list page 0x%llx is not an allocated crst block",
		       (unsigned long long)pa);
}

static int check_gmap(struct kh *h, struct kh_gmap *g)
{
	struct ck c = { .h = h, .g = g };
	uint64_t asce = khk_gmap_asce(g), end = khk_gmap_asce_end(g), dt, want;

	want = end < (1ULL << 31)   ? _ASCE_TYPE_SEGMENT
	       : end < (1ULL << 42) ? _ASCE_TYPE_REGION3
	       : end < (1ULL << 53) ? _ASCE_TYPE_REGION2
				    : _ASCE_TYPE_REGION1;
	dt = asce & _ASCE_TYPE_MASK;
	if (dt != want)
		KH_BAD(&c, "18: ASCE 0x%llx has type %llu for asce_end 0x%llx",
		       (unsigned long long)asce, (unsigned long long)(dt >> 2), (unsigned long long)end);
	if ((asce & _ASCE_ORIGIN) != khk_gmap_table(g))
		KH_BAD(&c, "1: ASCE 0x%llx does not designate gmap->table", (unsigned long long)asce);
	walk_gmap(&c, asce & _ASCE_ORIGIN, (int)(dt >> 2), 0);
	khk_g2h_for_each(g, g2h_entry, &c);
	khk_h2g_for_each(g, h2g_entry, &c);
	khk_crst_for_each(g, crst_entry, &c);
	/* gmap_alloc puts the top table on crst_list too */
	if (c.n_crst_list != c.n_crst_walk)
		KH_BAD(&c, "2: %llu tables reachable, crst_list has %llu",
		       (unsigned long long)c.n_crst_walk, (unsigned long long)c.n_crst_list);
	return c.bad;
}

int kh_check(struct kh *h, struct kh_gmap *const *gmaps, unsigned n)
{
	struct check_report rep = { 0 };
	int bad = 0;

	if (check_machine(h->m, &rep) > 0) {
		for (unsigned i = 0; i < rep.n; i++)
			fprintf(stderr, "check_machine: inv %u: %s\n", rep.v[i].inv, rep.v[i].msg);
		bad += (int)rep.n;
	}
	check_report_free(&rep);
	for (unsigned i = 0; i < n; i++)
		bad += check_gmap(h, gmaps[i]);
	if (tlb_stale_count(h->m)) {
		fprintf(stderr, "TLB: %llu stale translations\n",
			(unsigned long long)tlb_stale_count(h->m));
		bad++;
	}
	/* the process's page tables: each one the mm holds, or one waiting
	 * for the grace period of the kernel's tlb_remove_table() */
	if (khk_live_pt_pages() != (long)h->mm->nr_ptes + khk_pending_tables()) {
		fprintf(stderr, "page tables: the kernel holds %ld, the mm %llu + %ld after a grace period\n",
			khk_live_pt_pages(), (unsigned long long)h->mm->nr_ptes, khk_pending_tables());
		bad++;
	}
	if (khk_warnings()) {
		fprintf(stderr, "kernel: %u WARN(s)\n", khk_warnings());
		bad++;
	}
	return bad;
}
