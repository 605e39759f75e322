/* SPDX-License-Identifier: MIT */
/*
 * The machine: absolute storage, CPUs with their prefix areas, installed
 * facilities, the current CPU and the event hook.  No global state: every
 * object hangs off its struct gm_machine.
 *
 * Layer machine (docs/layers.txt): the state and its accessors, the events.
 * It never calls tlb, cpu, mm or anything above: building the CPUs and
 * their TLBs is lib/machine-create.c, the list of mms is kept by lib/mm.c.
 */
#include "export.h"

#include <errno.h>
#include <stdlib.h>

#include "machine-internal.h"
#include "storage-internal.h"

struct gm_storage *machine_storage(struct gm_machine *m)
{
	return m ? m->st : NULL;
}

const struct gm_storage *machine_storage_const(const struct gm_machine *m)
{
	return m ? m->st : NULL;
}

struct gm_skey *machine_skey(struct gm_machine *m)
{
	return m ? m->skey : NULL;
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

void machine_quarantine(struct gm_machine *m, void *obj, size_t size)
{
	unsigned i = m->quarantine_next;

	storage_host_uncount(m->st, size);
	free(m->quarantine[i]); /* the oldest one goes back to the host now */
	m->quarantine[i] = obj;
	m->quarantine_next = (i + 1) % MACHINE_QUARANTINE;
}

void machine_quarantine_free(struct gm_machine *m)
{
	for (unsigned i = 0; i < MACHINE_QUARANTINE; i++) {
		free(m->quarantine[i]);
		m->quarantine[i] = NULL;
	}
}
