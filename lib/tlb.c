/* SPDX-License-Identifier: MIT */
/*
 * tlb — IPTE, IDTE, CSP/CSPG, PTLB and the per-CPU TLB.
 *
 * First cut: no translations are cached (tlb_lookup_or_walk() always
 * walks), which the architecture allows (docs/dat.md §10): every purge is
 * then trivially complete.  The storage effects of the instructions are
 * the real ones.
 */
#include "export.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>

#include "gmap/cpu.h"
#include "gmap/dat.h"
#include "gmap/machine.h"
#include "gmap/tlb.h"
#include "machine-internal.h"
#include "storage-internal.h"

struct gm_tlb {
	struct tlb_stats st;
	bool checking;
};

static void tlb_emit(struct gm_cpu *cpu, enum gm_event_type type, uint64_t a, uint64_t b,
		     uint64_t c, const char *what)
{
	machine_emit_cpu(cpu->m, cpu->idx, type, a, b, c, what);
}

int tlb_cpu_init(struct gm_cpu *cpu)
{
	struct gm_tlb *t;

	if (!cpu || !cpu->m)
		return -EINVAL;
	if (!cpu->m->tlb) {
		cpu->tlb = NULL;
		return 0;
	}
	t = storage_host_zalloc(cpu->m->st, sizeof(*t));
	if (!t)
		return -ENOMEM;
	cpu->tlb = t;
	return 0;
}

void tlb_cpu_fini(struct gm_cpu *cpu)
{
	if (!cpu || !cpu->tlb)
		return;
	storage_host_free(cpu->m->st, cpu->tlb, sizeof(*cpu->tlb));
	cpu->tlb = NULL;
}

static void purge_event(struct gm_cpu *cpu, enum tlb_purge_kind kind, uint64_t b,
			const char *what)
{
	tlb_emit(cpu, GM_EV_TLB_PURGE, kind, b, 0, what);
}

int tlb_ipte(struct gm_cpu *cpu, uint64_t pto, uint64_t vaddr, unsigned range, bool local)
{
	struct gm_storage *st;
	uint64_t first, px;
	unsigned i;

	if (!cpu)
		return -EINVAL;
	st = cpu->m->st;
	if (range && !(cpu->m->facilities & GM_FAC_IPTE_RANGE))
		return -EINVAL;
	if (local && !(cpu->m->facilities & GM_FAC_LC))
		return -EINVAL;
	px = DAT_PX(vaddr);
	if (px + range >= PTRS_PER_PTE)
		return -EINVAL;
	first = (pto & _SEGMENT_ENTRY_ORIGIN) + px * 8;
	if (!storage_in_range(st, first, (uint64_t)(range + 1) * 8))
		return -EFAULT;
	for (i = 0; i <= range; i++) {
		uint64_t a = first + (uint64_t)i * 8, v = storage_ld8_fast(st, a);

		if (!(v & _PAGE_INVALID)) {
			storage_st8_fast(st, a, v | _PAGE_INVALID);
			tlb_emit(cpu, GM_EV_ENTRY_STORE, a, v, v | _PAGE_INVALID, "ipte");
		}
	}
	purge_event(cpu, TLB_PURGE_IPTE, first, "ipte");
	return 0;
}

static unsigned idte_shift(uint64_t dt)
{
	switch (dt) {
	case _ASCE_TYPE_REGION1:
		return DAT_RFX_SHIFT;
	case _ASCE_TYPE_REGION2:
		return DAT_RSX_SHIFT;
	case _ASCE_TYPE_REGION3:
		return DAT_RTX_SHIFT;
	default:
		return DAT_SX_SHIFT;
	}
}

int tlb_idte_invalidate(struct gm_cpu *cpu, uint64_t table_designation, uint64_t vaddr,
			unsigned count, bool local)
{
	struct gm_storage *st;
	uint64_t origin, idx;
	unsigned i;

	if (!cpu)
		return -EINVAL;
	st = cpu->m->st;
	if (!(cpu->m->facilities & GM_FAC_IDTE))
		return -EOPNOTSUPP;
	if (count > 2047 || (local && !(cpu->m->facilities & GM_FAC_LC)))
		return -EINVAL;
	origin = table_designation & _ASCE_ORIGIN;
	idx = (vaddr >> idte_shift(table_designation & _ASCE_TYPE_MASK)) & DAT_CRST_INDEX_MASK;
	for (i = 0; i <= count; i++)
		if (!storage_in_range(st, origin + ((idx + i) & DAT_CRST_INDEX_MASK) * 8, 8))
			return -EFAULT;
	for (i = 0; i <= count; i++) {
		uint64_t a = origin + ((idx + i) & DAT_CRST_INDEX_MASK) * 8;
		uint64_t v = storage_ld8_fast(st, a);

		if (!(v & _REGION_ENTRY_INVALID)) {
			storage_st8_fast(st, a, v | _REGION_ENTRY_INVALID);
			tlb_emit(cpu, GM_EV_ENTRY_STORE, a, v, v | _REGION_ENTRY_INVALID, "idte");
		}
	}
	purge_event(cpu, TLB_PURGE_IDTE_INV, origin + idx * 8, "idte");
	return 0;
}

int tlb_idte_clear_asce(struct gm_cpu *cpu, uint64_t asce, bool local)
{
	if (!cpu)
		return -EINVAL;
	if (!(cpu->m->facilities & GM_FAC_IDTE))
		return -EOPNOTSUPP;
	if (local && !(cpu->m->facilities & GM_FAC_LC))
		return -EINVAL;
	purge_event(cpu, TLB_PURGE_IDTE_ASCE, asce, "idte-asce");
	return 0;
}

int tlb_csp(struct gm_cpu *cpu, uint64_t aaddr, unsigned len, uint64_t *old, uint64_t new_val,
	    bool purge)
{
	struct gm_storage *st;
	uint64_t cur, mask;
	int rc;

	if (!cpu || !old || (len != 4 && len != 8) || (aaddr & (len - 1)))
		return -EINVAL;
	st = cpu->m->st;
	rc = storage_load(st, aaddr, len, &cur);
	if (rc)
		return rc;
	mask = len == 8 ? ~0ULL : 0xffffffffULL;
	if (cur != (*old & mask)) {
		*old = cur;
		return 1;
	}
	rc = storage_store(st, aaddr, len, new_val & mask);
	if (rc)
		return rc;
	tlb_emit(cpu, GM_EV_ENTRY_STORE, aaddr, cur, new_val & mask, "csp");
	if (purge)
		purge_event(cpu, TLB_PURGE_CSP, aaddr, "csp");
	return 0;
}

void tlb_purge_all(struct gm_machine *m)
{
	if (!m || !m->ncpus)
		return;
	purge_event(&m->cpus[m->cur], TLB_PURGE_CSP, 0, "purge-all");
}

void tlb_ptlb(struct gm_cpu *cpu)
{
	if (cpu)
		purge_event(cpu, TLB_PURGE_PTLB, cpu->idx, "ptlb");
}

int tlb_lookup_or_walk(struct gm_cpu *cpu, const struct dat_env *env, uint64_t asce,
		       uint64_t vaddr, enum dat_access acc, struct dat_result *res)
{
	if (!cpu)
		return -EINVAL;
	return dat_translate(cpu->m->st, env, asce, vaddr, acc, res, NULL);
}

int tlb_preload(struct gm_cpu *cpu, uint64_t asce, uint64_t vaddr)
{
	(void)asce;
	(void)vaddr;
	if (!cpu)
		return -EINVAL;
	return -EOPNOTSUPP;
}

void tlb_set_checking(struct gm_machine *m, bool on)
{
	unsigned i;

	if (!m)
		return;
	for (i = 0; i < m->ncpus; i++)
		if (m->cpus[i].tlb)
			m->cpus[i].tlb->checking = on;
}

void tlb_get_stats(const struct gm_cpu *cpu, struct tlb_stats *st)
{
	if (!st)
		return;
	if (!cpu || !cpu->tlb) {
		*st = (struct tlb_stats){ 0 };
		return;
	}
	*st = cpu->tlb->st;
}

uint64_t tlb_stale_count(const struct gm_machine *m)
{
	uint64_t n = 0;
	unsigned i;

	if (!m)
		return 0;
	for (i = 0; i < m->ncpus; i++)
		if (m->cpus[i].tlb)
			n += m->cpus[i].tlb->st.stale;
	return n;
}
