// SPDX-License-Identifier: MIT
/*
 * vsie.c — vSIE on the kernel harness, host side (khv.h): guest-3
 * accesses through the shadow ASCE the tree's code built, run by
 * libgmap's CPU the way arch/s390/kvm/vsie.c runs guest-3 (acquire the
 * shadow, SIE, a DAT exception → handle_fault → kvm_s390_shadow_fault or
 * the exception for guest-2), and libgmap's shadow checker over the
 * kernel's shadow gmaps.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gmap/check.h"
#include "gmap/libgmap.h"
#include "gmap/shadow.h"
#include "gmap/skey.h"

#include "khv.h"

/* SIE for guest-3: CR1 = the shadow ASCE, DAT on, primary space; the host
 * runs with EDAT-1 enabled (CR0.40), which the P bits of shadow region
 * entries need. */
static void sie3_enter(struct gm_cpu *cpu, uint64_t asce, struct gm_psw *psw0, uint64_t *cr0,
		       uint64_t *cr1)
{
	struct gm_psw psw;

	*psw0 = cpu_get_psw(cpu);
	*cr0 = cpu_get_cr(cpu, 0);
	*cr1 = cpu_get_cr(cpu, CR_PRIMARY_ASCE);
	psw = *psw0;
	psw.mask = (psw.mask & ~(PSW_MASK_ASC | PSW_MASK_PSTATE | PSW_MASK_KEY)) | PSW_MASK_DAT |
		   PSW_MASK_64 | PSW_ASC_PRIMARY;
	cpu_set_psw(cpu, psw);
	cpu_set_cr(cpu, 0, *cr0 | CR0_EDAT);
	cpu_set_cr(cpu, CR_PRIMARY_ASCE, asce);
}

static void sie3_exit(struct gm_cpu *cpu, struct gm_psw psw0, uint64_t cr0, uint64_t cr1)
{
	cpu_set_psw(cpu, psw0);
	cpu_set_cr(cpu, 0, cr0);
	cpu_set_cr(cpu, CR_PRIMARY_ASCE, cr1);
}

static bool is_dat_exception(int pic)
{
	return pic == PGM_SEGMENT_TRANSLATION || pic == PGM_PAGE_TRANSLATION ||
	       (pic >= PGM_ASCE_TYPE && pic <= PGM_REG_THIRD_TRANS);
}

/* vsie.c inject_fault(): page address, fetch/store, 0x4 for protection, AS 0 */
static uint64_t vsie_teid(uint64_t saddr, bool write, int pic)
{
	return (saddr & TEID_ADDR_MASK) | (write ? TEID_STORE : TEID_FETCH) |
	       (pic == PGM_PROTECTION ? TEID_PROT_DAT : 0);
}

int khv_access(struct kh *h, struct kh_kvm *k, unsigned cpuidx, uint64_t saddr, void *buf,
	       size_t len, bool write, struct khv_result *res)
{
	struct gm_cpu *cpu = machine_cpu(h->m, cpuidx);
	unsigned prev = cpu_index(machine_current_cpu(h->m));
	struct khv_result dummy;
	struct dat_result r;
	int rc = -ELOOP;

	if (!res)
		res = &dummy;
	memset(res, 0, sizeof(*res));
	if (!cpu || (!buf && len) || len > 4096 - (saddr & 4095))
		return -EINVAL;
	machine_set_current_cpu(h->m, cpuidx);
	for (unsigned round = 0; round < 64; round++) {
		struct gm_psw psw0;
		uint64_t cr0, cr1;
		struct kh_sg *sg;
		struct khk_sg_info si;
		int reused, frc;

		rc = khk_vsie_acquire(k, &reused);
		if (rc)
			break;
		if (reused)
			res->reused++;
		else
			res->created++;
		sg = khk_vsie_shadow(k);
		khk_sg_info(sg, &si);
		sie3_enter(cpu, si.asce, &psw0, &cr0, &cr1);
		rc = cpu_translate(cpu, saddr, write ? DAT_STORE : DAT_FETCH, &r);
		sie3_exit(cpu, psw0, cr0, cr1);
		if (rc == 0)
			break;
		if (rc < 0)
			break;
		if (rc == PGM_PROTECTION) {
			/* handle_fault(): protection goes to guest-2 directly */
			res->pic = rc;
			res->teid = vsie_teid(saddr, write, rc);
			break;
		}
		if (!is_dat_exception(rc)) {
			/* the shadow tables themselves are malformed */
			fprintf(stderr, "vsie: guest-3 0x%llx: PIC 0x%x from the kernel's shadow tables\n",
				(unsigned long long)saddr, rc);
			res->pic = rc;
			break;
		}
		res->faults++;
		frc = khk_vsie_shadow_fault(k, saddr, NULL);
		khk_mm_sync(h->kmm);
		if (frc > 0) {
			rc = frc;
			res->pic = frc;
			res->teid = vsie_teid(saddr, write, frc);
			break;
		}
		if (frc == -EAGAIN) {
			res->eagain++;
			rc = -ELOOP;
			continue;
		}
		if (frc < 0) {
			rc = frc;
			break;
		}
		rc = -ELOOP;
	}
	if (rc == 0 && len) {
		rc = write ? storage_write(machine_storage(h->m), r.aaddr, buf, len)
			   : storage_read(machine_storage(h->m), r.aaddr, buf, len);
		if (rc < 0)
			rc = PGM_ADDRESSING;
		else
			(void)skey_record(machine_skey(h->m), r.aaddr, len, write);
	}
	machine_set_current_cpu(h->m, prev);
	return rc;
}

int khv_guest2_write(struct kh *h, struct kh_gmap *parent, uint64_t g2addr, const void *buf,
		     size_t len)
{
	return kh_sie_access(h, parent, 0, g2addr, (void *)buf, len, true, NULL);
}

int khv_guest2_put8(struct kh *h, struct kh_gmap *parent, uint64_t g2addr, uint64_t val)
{
	uint8_t b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (uint8_t)(val >> (56 - 8 * i));
	return khv_guest2_write(h, parent, g2addr, b, 8);
}

/* ---- the checker over the kernel's shadows ------------------------------- */

struct tdesc {
	uint64_t pa, index;
	int is_pt;
	int level; /* -1 until the walk reaches it */
	uint64_t saddr;
};

struct desc {
	struct kh *h;
	struct tdesc *t;
	unsigned n, cap;
	struct gmap_shadow *gs;
	int oom;
};

static void add_table(void *opaque, kh_u64 pa, kh_u64 index, int is_pt)
{
	struct desc *d = opaque;

	if (d->n == d->cap) {
		unsigned cap = d->cap ? d->cap * 2 : 32;
		struct tdesc *t = realloc(d->t, cap * sizeof(*t));

		if (!t) {
			d->oom = 1;
			return;
		}
		d->t = t;
		d->cap = cap;
	}
	d->t[d->n++] = (struct tdesc){ pa, index, is_pt, -1, 0 };
}

static struct tdesc *find(struct desc *d, uint64_t pa)
{
	for (unsigned i = 0; i < d->n; i++)
		if (d->t[i].pa == pa)
			return &d->t[i];
	return NULL;
}

static uint64_t ld8(struct kh *h, uint64_t a)
{
	uint64_t v = 0;

	(void)storage_load8(machine_storage_const(h->m), a, &v);
	return v;
}

/* Level and first guest-3 address of each owned table, from the top down
 * (through ORIGIN+INVALID entries too, so that the checker sees them). */
static void place(struct desc *d, uint64_t pa, int level, uint64_t saddr, unsigned depth)
{
	struct tdesc *t = find(d, pa);

	if (!t || t->level >= 0 || depth > 5)
		return;
	t->level = level;
	t->saddr = saddr;
	if (level == DAT_LEVEL_PTE)
		return;
	for (unsigned i = 0; i < PTRS_PER_CRST; i++) {
		uint64_t e = ld8(d->h, pa + i * 8ULL);
		uint64_t sa = saddr + ((uint64_t)i << dat_level_shift((enum dat_level)level));

		if (e == dat_crst_empty((enum dat_level)level))
			continue;
		place(d, e & (level == DAT_LEVEL_STE ? _SEGMENT_ENTRY_ORIGIN : _REGION_ENTRY_ORIGIN),
		      level - 1, sa, depth + 1);
	}
}

static void add_rmap(void *opaque, kh_u64 vmaddr, kh_u64 raddr)
{
	struct desc *d = opaque;
	struct gmap_shadow_rmap *r = calloc(1, sizeof(*r));

	if (!r) {
		d->oom = 1;
		return;
	}
	r->vmaddr = vmaddr;
	r->raddr = raddr;
	LIST_INSERT_HEAD(&d->gs->rmaps, r, list);
	d->gs->nr_rmaps++;
}

static int check_one(struct kh *h, struct gmap *pv, struct kh_sg *ksg, struct check_report *rep)
{
	struct gmap_shadow gs = { 0 };
	struct gmap sv = { 0 };
	struct khk_sg_info si;
	struct desc d = { .h = h, .gs = &gs };
	uint64_t fake = khk_sg_fake_bit();
	int top, n;

	khk_sg_info(ksg, &si);
	if (si.removed)
		return 0; /* off the lists soon; never run again (acquire makes a new one) */
	if (!si.owned)
		fprintf(stderr, "shadow checker: shadow 0x%llx: gmap->private is not its parent's "
				"(the VM): a notifier would not find the owner (gmap-semantics §5 item 15)\n",
			(unsigned long long)si.table);
	LIST_INIT(&gs.tables);
	LIST_INIT(&gs.rmaps);
	gs.orig_asce = si.orig_asce;
	gs.edat_level = si.edat_level;
	gs.initialized = si.initialized;
	gs.removed = si.removed;
	gs.ref_count = si.refcount;
	sv.magic = GMAP_MAGIC;
	sv.mm = h->mm;
	sv.table = si.table;
	sv.asce = si.asce;
	sv.parent = pv;
	sv.shadow = &gs;
	khk_sg_for_each_table(ksg, add_table, &d);
	top = DAT_LEVEL_STE + (int)((si.asce & _ASCE_TYPE_MASK) >> 2);
	place(&d, si.table, top, 0, 0);
	for (unsigned i = 0; i < d.n && !d.oom; i++) {
		struct gmap_shadow_table *t = calloc(1, sizeof(*t));

		if (!t) {
			d.oom = 1;
			break;
		}
		t->table = d.t[i].pa;
		t->source = d.t[i].index & ~fake;
		t->fake = (d.t[i].index & fake) != 0;
		t->saddr = d.t[i].saddr;
		t->level = (uint8_t)(d.t[i].level >= 0 ? d.t[i].level
						      : d.t[i].is_pt ? DAT_LEVEL_PTE : 0xff);
		if (d.t[i].pa == si.table) {
			/* the top table shadows guest-2's ASCE origin; a real-space
			 * ASCE's is a fake one covering guest-2 from 0 */
			bool real = (si.orig_asce & _ASCE_REAL_SPACE) != 0;

			t->source = real ? 0 : si.orig_asce & _ASCE_ORIGIN;
			t->fake = real;
		}
		LIST_INSERT_HEAD(&gs.tables, t, list);
		gs.nr_tables++;
	}
	if (!d.oom)
		khk_sg_for_each_rmap(ksg, add_rmap, &d);
	n = d.oom ? -ENOMEM : check_shadow_gmap(pv, &sv, rep);
	if (n >= 0) /* check_shadow_gmap's are in @rep; what is not */
		n = !si.owned;
	while (!LIST_EMPTY(&gs.tables)) {
		struct gmap_shadow_table *t = LIST_FIRST(&gs.tables);

		LIST_REMOVE(t, list);
		free(t);
	}
	while (!LIST_EMPTY(&gs.rmaps)) {
		struct gmap_shadow_rmap *r = LIST_FIRST(&gs.rmaps);

		LIST_REMOVE(r, list);
		free(r);
	}
	free(d.t);
	return n;
}

int khv_check(struct kh *h, struct kh_gmap *parent)
{
	struct check_report rep = { 0 };
	struct gmap pv = { 0 };
	struct kh_sg *sg;
	int bad = 0;

	if ((khk_gmap_asce(parent) & _ASCE_TYPE_MASK) != _ASCE_TYPE_REGION1) {
		fprintf(stderr, "khv_check: the parent gmap must be region-first (gmap_create(mm, -1))\n");
		return 1;
	}
	pv.magic = GMAP_MAGIC;
	pv.mm = h->mm;
	pv.table = khk_gmap_table(parent);
	pv.asce = khk_gmap_asce(parent);
	LIST_INIT(&pv.children);
	for (unsigned i = 0; khk_sg_nth(parent, i, &sg) == 0; i++) {
		int n = check_one(h, &pv, sg, &rep);

		if (n < 0) {
			fprintf(stderr, "khv_check: %s\n", strerror(-n));
			bad++;
		} else {
			bad += n;
		}
	}
	for (unsigned i = 0; i < rep.n; i++)
		fprintf(stderr, "shadow checker: inv %u (%s): %s\n", rep.v[i].inv,
			check_inv_name(rep.v[i].inv), rep.v[i].msg);
	bad += (int)rep.n;
	check_report_free(&rep);
	return bad;
}
