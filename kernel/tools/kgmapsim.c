// SPDX-License-Identifier: MIT
/*
 * kgmapsim — gmapsim with the gmap family told by a Linux tree's own
 * arch/s390/mm/gmap.c (the harness of kernel/, docs/kernel-harness.md).
 *
 * The interpreter is libgmap's (lib/script/, docs/gmapsim.md): every
 * command of the language runs as in gmapsim — machine, cpu, translate,
 * access, walk, the TLB and purges, storage keys, dumps, check, expect, the
 * process mm.  Only the gmap family goes to the kernel, through the backend
 * below (lib/script/embed.h):
 *
 *   gmap NAME on MM          gmap_create(mm, no limit: a region-first table)
 *   gmap_free                gmap_remove()
 *   gmap_map_segment / gmap_unmap_segment / gmap_fault
 *   gmap_enable / gmap_disable   which gmap the CPU runs under SIE
 *   guest, guest_fill        SIE: libgmap's CPU through the kernel's tables,
 *                            DAT/protection exceptions handled as KVM does
 *                            (gmap_fault at the guest address, retry)
 *   walk, dump, expect state the segment state from the kernel's
 *                            guest_to_host/host_to_guest radix trees
 *   check                    check_machine plus the harness's invariants
 *                            over the kernel's gmaps (kh_check)
 *
 * The harness models one machine and one pgste process (kernel/harness
 * kh_setup): `machine` builds it (facilities edat1 idte iptera, the kernel
 * sees MACHINE_HAS_EDAT1/IDTE); the first `mm NAME pgste` is that process;
 * an mm without pgste is libgmap's alone.  The nested family (shadow
 * gmaps) is refused: the kernel's shadow path is issue 14.
 *
 *   kgmapsim-TREE [--trace] [--check] [--demo NAME | SCRIPT]
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gmap/check.h"
#include "gmap/libgmap.h"
#include "gmap/skey.h"
#include "script/embed.h"

#include "kh.h"

#ifndef KGMAPSIM_TREE
#define KGMAPSIM_TREE "?"
#endif

#define KG_MAX_GMAPS 256
/* what the harness machine has (kernel/harness/host.c kh_setup) */
#define KG_FACILITIES (GM_FAC_EDAT1 | GM_FAC_IDTE | GM_FAC_IPTE_RANGE)

struct kg {
	struct kh *h;
	bool mm_bound;                       /* h->mm is an mm of the script */
	struct kh_gmap *gmaps[KG_MAX_GMAPS]; /* the live ones, for kh_check */
	unsigned ngmaps;
	struct kh_gmap *sie[GM_MAX_CPUS];    /* the gmap each CPU runs under SIE */
};

/* ---- machine and process ------------------------------------------------ */

static int kg_machine_create(void *ctx, const struct gm_machine_config *cfg, struct gm_machine **m,
			     char *why, size_t whylen)
{
	struct kg *k = ctx;
	struct kh_config hc = { cfg->storage_size, cfg->ncpus, cfg->tlb };
	int rc;

	if (cfg->facilities & ~KG_FACILITIES) {
		snprintf(why, whylen,
			 "the kernel harness's machine has the facilities edat1 idte iptera only "
			 "(edat2, iep, lc are not given to the kernel: kernel/harness kh_setup)");
		return -EOPNOTSUPP;
	}
	rc = kh_setup(&hc, &k->h);
	if (rc) {
		snprintf(why, whylen, "kernel harness setup: %s", strerror(-rc));
		return rc;
	}
	if (cfg->tlb) /* the language starts with `tlb checking off` */
		tlb_set_checking(k->h->m, false);
	k->mm_bound = false;
	k->ngmaps = 0;
	memset(k->sie, 0, sizeof(k->sie));
	*m = k->h->m;
	return 0;
}

static void kg_machine_destroy(void *ctx, struct gm_machine *m)
{
	struct kg *k = ctx;

	(void)m;
	kh_teardown(k->h);
	k->h = NULL;
}

static int kg_mm_create(void *ctx, struct gm_machine *m, unsigned flags, struct mm_struct **mm,
			char *why, size_t whylen)
{
	struct kg *k = ctx;

	if (!(flags & MM_PGSTE))
		return mm_create(m, flags, mm); /* no gmap can be made on it: libgmap's alone */
	if (k->mm_bound) {
		snprintf(why, whylen, "the kernel harness runs one pgste process (kh_setup's); "
				      "it is already an mm of this script");
		return -EBUSY;
	}
	k->mm_bound = true;
	*mm = k->h->mm;
	return 0;
}

static int kg_mm_destroy(void *ctx, struct mm_struct *mm)
{
	struct kg *k = ctx;
	struct vm_area_struct *vma;
	int rc = 0;

	if (mm != k->h->mm)
		return mm_destroy(mm);
	if (khk_gmap_count(k->h->kmm))
		return -EBUSY;
	/* the harness's process lives until the machine goes: empty it */
	while (rc == 0 && (vma = mm_find_vma(mm, 0)))
		rc = kh_munmap(k->h, vma->vm_start, vma->vm_end - vma->vm_start);
	if (rc == 0)
		k->mm_bound = false;
	return rc;
}

static void kg_mm_enter(void *ctx, struct mm_struct *mm, bool write)
{
	struct kg *k = ctx;

	if (mm == k->h->mm)
		khk_mmap_lock(k->h->kmm, write);
}

static void kg_mm_leave(void *ctx, struct mm_struct *mm, bool write)
{
	struct kg *k = ctx;

	if (mm != k->h->mm)
		return;
	khk_mmap_unlock(k->h->kmm, write);
	khk_mm_sync(k->h->kmm); /* mm->pgd, context.asce: a new top table */
}

/* ---- the gmap family: the kernel's code ---------------------------------- */

static void *kg_gmap_create(void *ctx, struct mm_struct *mm, uint64_t *asce, int *rc)
{
	struct kg *k = ctx;
	struct kh_gmap *g;

	if (mm != k->h->mm) {
		*rc = -EINVAL; /* no pgste: s390_enable_sie() was never done */
		return NULL;
	}
	if (k->ngmaps == KG_MAX_GMAPS) {
		*rc = -ENOMEM;
		return NULL;
	}
	/* KVM without a memory limit: gmap_create(mm, -1UL - 1), a region-first
	 * table as the 3.1 gmap_alloc() made */
	g = khk_gmap_create(k->h->kmm, ~0ULL - 1);
	if (!g) {
		*rc = -ENOMEM;
		return NULL;
	}
	k->gmaps[k->ngmaps++] = g;
	*asce = khk_gmap_asce(g);
	return g;
}

static struct gmap *kg_gmap_native(void *ctx, void *g)
{
	(void)ctx;
	(void)g;
	return NULL;
}

static void kg_gmap_free(void *ctx, void *g)
{
	struct kg *k = ctx;

	for (unsigned i = 0; i < GM_MAX_CPUS; i++)
		if (k->sie[i] == g)
			k->sie[i] = NULL;
	for (unsigned i = 0; i < k->ngmaps; i++)
		if (k->gmaps[i] == g) {
			k->gmaps[i] = k->gmaps[--k->ngmaps];
			break;
		}
	khk_gmap_remove(g);
}

/*
 * The kernel's gmap_enable() stores the struct gmap pointer in the lowcore
 * it runs on; the harness's kernel lowcore is one for all CPUs, so the
 * gmap a CPU runs under SIE is kept here, per CPU.
 */
static void kg_gmap_enable(void *ctx, struct gm_cpu *cpu, void *g, bool enable, char *what,
			   size_t whatlen)
{
	struct kg *k = ctx;

	k->sie[cpu_index(cpu)] = enable ? g : NULL;
	if (enable)
		snprintf(what, whatlen, "runs it under SIE (asce 0x%016" PRIx64 ")",
			 (uint64_t)khk_gmap_asce(g));
	else
		snprintf(what, whatlen, "runs no gmap");
}

static int kg_map_segment(void *ctx, void *g, uint64_t from, uint64_t to, uint64_t len, char *why,
			  size_t whylen)
{
	(void)ctx;
	/*
	 * gmap_map_segment() stores the process address as guest_to_host's
	 * item: process address 0 would be a NULL item, which the kernel's
	 * radix tree keeps as "no entry" and the shim's refuses (a BUG).
	 * Arguments the kernel rejects anyway go to it.
	 */
	if (from == 0 && len && !((to | len) & ((1ULL << 20) - 1))) {
		snprintf(why, whylen, "process segment 0 cannot be mapped under the kernel: its "
				      "address is guest_to_host's item, and 0 is NULL (no entry)");
		return -EINVAL;
	}
	return khk_gmap_map_segment(g, from, to, len);
}

static int kg_unmap_segment(void *ctx, void *g, uint64_t to, uint64_t len)
{
	(void)ctx;
	return khk_gmap_unmap_segment(g, to, len);
}

/* Since 3.18 gmap_fault() returns 0 or an errno; the process address is
 * then gmap_translate()'s. */
static long kg_fault(void *ctx, void *g, uint64_t gaddr)
{
	int rc;

	(void)ctx;
	rc = khk_gmap_fault(g, gaddr, 0);
	if (rc)
		return rc;
	return khk_gmap_translate(g, gaddr);
}

static bool pic_is_dat_or_protection(int pic)
{
	return pic == PGM_PROTECTION || pic == PGM_ASCE_TYPE || pic == PGM_REG_FIRST_TRANS ||
	       pic == PGM_REG_SEC_TRANS || pic == PGM_REG_THIRD_TRANS ||
	       pic == PGM_SEGMENT_TRANSLATION || pic == PGM_PAGE_TRANSLATION;
}

/* One translation under "SIE": CR1 = the gmap's ASCE, DAT on, primary space, key 0. */
static int sie_translate(struct gm_cpu *cpu, uint64_t asce, uint64_t ga, bool write,
			 struct dat_result *r)
{
	struct gm_psw saved = cpu_get_psw(cpu), psw = saved;
	uint64_t cr1 = cpu_get_cr(cpu, CR_PRIMARY_ASCE);
	int rc;

	psw.mask = (psw.mask & ~(PSW_MASK_ASC | PSW_MASK_PSTATE | PSW_MASK_KEY)) | PSW_MASK_DAT |
		   PSW_MASK_64 | PSW_ASC_PRIMARY;
	cpu_set_psw(cpu, psw);
	cpu_set_cr(cpu, CR_PRIMARY_ASCE, asce);
	rc = cpu_translate(cpu, ga, write ? DAT_STORE : DAT_FETCH, r);
	cpu_set_psw(cpu, saved);
	cpu_set_cr(cpu, CR_PRIMARY_ASCE, cr1);
	return rc;
}

/*
 * A guest access as KVM runs it: each page is translated through the
 * kernel's tables; a DAT or protection exception is the host's to resolve
 * (kvm_arch_fault_in_page -> gmap_fault with the write flag; the fault
 * handler records thread.gmap_addr), then SIE retries.  Every page is
 * resolved before a byte moves, as gmap_sie_access() does.
 */
static int kg_sie_access(void *ctx, struct gm_machine *m, uint64_t gaddr, void *buf, size_t len,
			 bool write, struct dat_result *r)
{
	struct kg *k = ctx;
	struct gm_cpu *cpu = machine_current_cpu(m);
	struct kh_gmap *g = k->sie[cpu_index(cpu)];
	uint64_t aaddr[2], chunk[2];
	unsigned n = 0;
	size_t done = 0;

	if (!g || (!buf && len) || len > 4096)
		return -EINVAL;
	while (done < len) {
		uint64_t ga = gaddr + done;
		int rc = 0;

		chunk[n] = 4096 - (ga & 4095);
		if (chunk[n] > len - done)
			chunk[n] = len - done;
		for (int tries = 0; tries < 8; tries++) {
			memset(r, 0, sizeof(*r));
			rc = sie_translate(cpu, khk_gmap_asce(g), ga, write, r);
			if (rc <= 0 || !pic_is_dat_or_protection(rc))
				break;
#ifdef KGMAPSIM_GMAP_ADDR
			/* do_exception(): current->thread.gmap_addr = address (6.1
			 * arch/s390/mm/fault.c); later trees have no such field */
			cpu_set_gmap_addr(cpu, ga);
#endif
			if (khk_gmap_fault(g, ga, write ? khk_fault_flag_write() : 0))
				break;
		}
		if (rc)
			return rc;
		aaddr[n] = r->aaddr;
		done += chunk[n++];
	}
	done = 0;
	for (unsigned i = 0; i < n; i++) {
		int rc = write ? storage_write(machine_storage(m), aaddr[i], (uint8_t *)buf + done, chunk[i])
			       : storage_read(machine_storage(m), aaddr[i], (uint8_t *)buf + done, chunk[i]);

		if (rc < 0)
			return PGM_ADDRESSING;
		(void)skey_record(machine_skey(m), aaddr[i], chunk[i], write);
		done += chunk[i];
	}
	return 0;
}

/*
 * The kernel keeps no MAPPED state in the STE (an unlinked STE is
 * _SEGMENT_ENTRY_EMPTY): a segment is MAPPED when guest_to_host has it,
 * LINKED when its STE is valid too.
 */
static int kg_ste_state(void *ctx, void *g, uint64_t gaddr)
{
	struct kg *k = ctx;
	uint64_t vmaddr, ste = _SEGMENT_ENTRY_EMPTY;
	bool mapped = khk_g2h_lookup(g, gaddr, &vmaddr) == 0;
	bool valid = dump_lookup_entry(machine_storage(k->h->m), khk_gmap_asce(g), gaddr,
				       DAT_LEVEL_STE, NULL, &ste) == 0 &&
		     !(ste & _SEGMENT_ENTRY_INVALID);

	if (valid)
		return mapped ? GMAP_STE_STATE_LINKED : GMAP_STE_STATE_BAD;
	return mapped ? GMAP_STE_STATE_MAPPED : GMAP_STE_STATE_EMPTY;
}

struct kg_print {
	FILE *out;
	bool h2g;
};

static void print_radix(void *opaque, kh_u64 index, kh_u64 value)
{
	struct kg_print *p = opaque;

	if (p->h2g)
		fprintf(p->out, "    process 0x%016" PRIx64 " -> ste at 0x%016" PRIx64 "\n",
			(uint64_t)index << 20, (uint64_t)value);
	else
		fprintf(p->out, "    guest 0x%016" PRIx64 " -> process 0x%016" PRIx64 "\n",
			(uint64_t)index << 20, (uint64_t)value);
}

static void kg_describe(void *ctx, void *g, const char *name, FILE *out)
{
	struct kg_print p = { out, false };

	(void)ctx;
	fprintf(out, "  kernel gmap %s: asce_end 0x%016" PRIx64 "; guest_to_host:\n", name,
		(uint64_t)khk_gmap_asce_end(g));
	khk_g2h_for_each(g, print_radix, &p);
	fputs("  host_to_guest:\n", out);
	p.h2g = true;
	khk_h2g_for_each(g, print_radix, &p);
}

/*
 * The harness's invariants over the kernel's gmaps (gmap-semantics §4.B
 * 15-18, crst_list, no kernel WARN); kh_check() also runs check_machine(),
 * which the interpreter has counted already, and counts stale TLB hits,
 * which the language reports with `tlb stale` instead.
 */
static int kg_check(void *ctx, FILE *out)
{
	struct kg *k = ctx;
	struct check_report rep = { 0, 0, false, NULL };
	int all, machine, extra;

	fflush(out);
	all = kh_check(k->h, k->gmaps, k->ngmaps);
	machine = check_machine(k->h->m, &rep);
	check_report_free(&rep);
	extra = all - (machine > 0 ? machine : 0) - (tlb_stale_count(k->h->m) ? 1 : 0);
	if (extra > 0)
		fprintf(out, "check: %d violation(s) in the kernel's gmaps (on standard error)\n", extra);
	return extra > 0 ? extra : 0;
}

static const struct script_backend kg_backend = {
	.name = "Linux " KGMAPSIM_TREE " arch/s390/mm/gmap.c",
	.one_machine = true,
	.machine_create = kg_machine_create,
	.machine_destroy = kg_machine_destroy,
	.mm_create = kg_mm_create,
	.mm_destroy = kg_mm_destroy,
	.mm_enter = kg_mm_enter,
	.mm_leave = kg_mm_leave,
	.gmap_create = kg_gmap_create,
	.gmap_native = kg_gmap_native,
	.gmap_free = kg_gmap_free,
	.gmap_enable = kg_gmap_enable,
	.map_segment = kg_map_segment,
	.unmap_segment = kg_unmap_segment,
	.fault = kg_fault,
	.sie_access = kg_sie_access,
	.ste_state = kg_ste_state,
	.describe = kg_describe,
	.check = kg_check,
};

/* ---- the command line: gmapsim's ------------------------------------------- */

static void usage(FILE *f)
{
	fputs("Usage: kgmapsim-" KGMAPSIM_TREE " [--trace] [--check] [--demo NAME | SCRIPT]\n"
	      "\n"
	      "gmapsim (docs/gmapsim.md) with the gmap family run by Linux " KGMAPSIM_TREE "'s\n"
	      "arch/s390/mm/gmap.c under the kernel harness (docs/kernel-harness.md).\n"
	      "Exit status: 0 ok, 1 an expect failed or a check found a violation,\n"
	      "2 a script error (the message names file:line).\n",
	      f);
}

int main(int argc, char **argv)
{
	unsigned flags = 0;
	const char *path = NULL, *demo = NULL;
	struct kg k = { 0 };
	struct gm_script *s;
	enum script_status st;
	int rc;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--trace")) {
			flags |= SCRIPT_TRACE;
		} else if (!strcmp(a, "--check")) {
			flags |= SCRIPT_CHECK;
		} else if (!strcmp(a, "--demo") && i + 1 < argc && !path) {
			demo = argv[++i];
		} else if (!strcmp(a, "--help")) {
			usage(stdout);
			return 0;
		} else if ((a[0] == '-' && a[1]) || path || demo) {
			usage(stderr);
			return 2;
		} else {
			path = a;
		}
	}
	rc = script_create_backend(stdout, stderr, flags, &kg_backend, &k, &s);
	if (rc) {
		fprintf(stderr, "kgmapsim: %s\n", strerror(-rc));
		return 2;
	}
	st = path ? script_run_path(s, path) : script_run_demo_named(s, demo);
	script_destroy(s);
	fflush(stdout);
	return (int)st;
}
