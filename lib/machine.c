/* SPDX-License-Identifier: MIT */
/*
 * The machine: absolute storage, CPUs with their prefix areas, installed
 * facilities, the current CPU and the event hook.  No global state: every
 * object hangs off its struct gm_machine.
 */
#include "export.h"

#include <errno.h>
#include <stdlib.h>

#include "gmap/mm.h"
#include "machine-internal.h"
#include "storage-internal.h"

static int machine_check_config(const struct gm_machine_config *cfg)
{
	if (cfg->ncpus == 0 || cfg->ncpus > GM_MAX_CPUS)
		return -EINVAL;
	if (cfg->facilities & ~GM_FAC_ALL_KNOWN)
		return -EINVAL;
	/* Facility 78 (EDAT-2) is defined only on top of facility 8 (EDAT-1). */
	if ((cfg->facilities & GM_FAC_EDAT2) && !(cfg->facilities & GM_FAC_EDAT1))
		return -EINVAL;
	return 0;
}

static void machine_free_cpus(struct gm_machine *m, unsigned ntlb)
{
	for (unsigned i = 0; i < ntlb; i++)
		tlb_cpu_fini(&m->cpus[i]);
	/* Lowcore blocks go away with the storage itself. */
	storage_host_free(m->st, m->cpus, (size_t)m->ncpus * sizeof(*m->cpus));
	m->cpus = NULL;
}

int machine_create(const struct gm_machine_config *cfg, struct gm_machine **out)
{
	struct gm_storage *st = NULL;
	struct gm_machine *m;
	unsigned ntlb = 0;
	int rc;

	if (!cfg || !out)
		return -EINVAL;
	rc = machine_check_config(cfg);
	if (rc)
		return rc;
	rc = storage_create(cfg->storage_size, &st);
	if (rc)
		return rc;

	rc = -ENOMEM;
	m = storage_host_zalloc(st, sizeof(*m));
	if (!m)
		goto fail_storage;
	m->st = st;
	m->ncpus = cfg->ncpus;
	m->facilities = cfg->facilities;
	m->tlb = cfg->tlb;
	m->cur = 0;
	TAILQ_INIT(&m->mms);
	m->cpus = storage_host_zalloc(st, (size_t)cfg->ncpus * sizeof(*m->cpus));
	if (!m->cpus)
		goto fail_machine;

	for (unsigned i = 0; i < m->ncpus; i++) {
		struct gm_cpu *cpu = &m->cpus[i];
		uint64_t aaddr = 0;

		cpu->m = m;
		cpu->idx = i;
		/* CPU 0 uses absolute 0..8191 (reserved by storage_create). */
		if (i > 0) {
			rc = storage_alloc(st, STORAGE_LOWCORE, &aaddr);
			if (rc)
				goto fail_cpus;
		}
		cpu->prefix = (uint32_t)aaddr;
		/* DAT off, primary space, 64-bit addressing, CRs zero. */
		cpu->psw.mask = PSW_MASK_64;
		cpu->psw.addr = 0;
	}
	if (m->tlb) {
		/* TLB: created by tlb_cpu_init() */
		for (; ntlb < m->ncpus; ntlb++) {
			rc = tlb_cpu_init(&m->cpus[ntlb]);
			if (rc)
				goto fail_cpus;
		}
	}
	*out = m;
	return 0;

fail_cpus:
	machine_free_cpus(m, ntlb);
fail_machine:
	storage_host_free(st, m, sizeof(*m));
fail_storage:
	storage_destroy(st);
	return rc;
}

int machine_destroy(struct gm_machine *m)
{
	struct gm_storage *st;

	if (!m)
		return 0;
	/* Like mm_destroy() with gmaps attached: an error, not a crash. */
	if (m->nmms || !TAILQ_EMPTY(&m->mms))
		return -EBUSY;
	st = m->st;
	for (unsigned i = 0; i < MACHINE_QUARANTINE; i++)
		free(m->quarantine[i]);
	machine_free_cpus(m, m->tlb ? m->ncpus : 0);
	storage_host_free(st, m, sizeof(*m));
	storage_destroy(st);
	return 0;
}

struct gm_storage *machine_storage(struct gm_machine *m)
{
	return m ? m->st : NULL;
}

const struct gm_storage *machine_storage_const(const struct gm_machine *m)
{
	return m ? m->st : NULL;
}

unsigned machine_ncpus(const struct gm_machine *m)
{
	return m ? m->ncpus : 0;
}

unsigned machine_facilities(const struct gm_machine *m)
{
	return m ? m->facilities : 0;
}

bool machine_has_facility(const struct gm_machine *m, unsigned fac)
{
	return m && fac && (m->facilities & fac) == fac;
}

struct gm_cpu *machine_cpu(struct gm_machine *m, unsigned idx)
{
	if (!m || idx >= m->ncpus)
		return NULL;
	return &m->cpus[idx];
}

struct gm_cpu *machine_current_cpu(struct gm_machine *m)
{
	return m ? &m->cpus[m->cur] : NULL;
}

int machine_set_current_cpu(struct gm_machine *m, unsigned idx)
{
	if (!m || idx >= m->ncpus)
		return -EINVAL;
	m->cur = idx;
	return 0;
}

void machine_set_event_hook(struct gm_machine *m, gm_event_fn fn, void *opaque)
{
	if (!m)
		return;
	m->hook = fn;
	m->hook_opaque = fn ? opaque : NULL;
}

void machine_emit_cpu(struct gm_machine *m, unsigned cpu, enum gm_event_type type, uint64_t a,
		      uint64_t b, uint64_t c, const char *what)
{
	struct gm_event ev;

	if (!m || !m->hook)
		return;
	ev.type = type;
	ev.cpu = cpu;
	ev.a = a;
	ev.b = b;
	ev.c = c;
	ev.what = what ? what : machine_event_name(type);
	m->hook(m->hook_opaque, &ev);
}

void machine_emit(struct gm_machine *m, enum gm_event_type type, uint64_t a, uint64_t b,
		  uint64_t c, const char *what)
{
	if (!m)
		return;
	machine_emit_cpu(m, m->cur, type, a, b, c, what);
}

const char *machine_event_name(enum gm_event_type type)
{
	switch (type) {
	case GM_EV_TABLE_ALLOC:
		return "table-alloc";
	case GM_EV_TABLE_FREE:
		return "table-free";
	case GM_EV_ENTRY_STORE:
		return "entry-store";
	case GM_EV_TLB_PURGE:
		return "tlb-purge";
	case GM_EV_FAULT:
		return "fault";
	case GM_EV_PGM:
		return "pgm";
	case GM_EV_TLB_STALE:
		return "tlb-stale";
	case GM_EV_FRAME_ALLOC:
		return "frame-alloc";
	case GM_EV_FRAME_FREE:
		return "frame-free";
	case GM_EV_COUNT:
		break;
	}
	return "unknown";
}

bool machine_tlb_enabled(const struct gm_machine *m)
{
	return m && m->tlb;
}

void machine_for_each_mm(struct gm_machine *m, void (*fn)(void *opaque, struct mm_struct *mm),
			 void *opaque)
{
	struct mm_struct *mm, *next;

	if (!m || !fn)
		return;
	/* Safe against @fn destroying the mm it is given. */
	for (mm = TAILQ_FIRST(&m->mms); mm; mm = next) {
		next = TAILQ_NEXT(mm, machine_link);
		fn(opaque, mm);
	}
}

void machine_quarantine(struct gm_machine *m, void *obj, size_t size)
{
	unsigned i = m->quarantine_next;

	storage_host_uncount(m->st, size);
	free(m->quarantine[i]); /* the oldest one goes back to the host now */
	m->quarantine[i] = obj;
	m->quarantine_next = (i + 1) % MACHINE_QUARANTINE;
}

void machine_register_mm(struct gm_machine *m, struct mm_struct *mm)
{
	if (!m || !mm)
		return;
	TAILQ_INSERT_TAIL(&m->mms, mm, machine_link);
	m->nmms++;
}

void machine_unregister_mm(struct gm_machine *m, struct mm_struct *mm)
{
	if (!m || !mm || !m->nmms)
		return;
	TAILQ_REMOVE(&m->mms, mm, machine_link);
	m->nmms--;
}
