/* SPDX-License-Identifier: MIT */
/*
 * machine_create() and machine_destroy() (machine.h): build the storage,
 * the CPUs with their prefix areas and, on a machine with a TLB, each
 * CPU's TLB; tear them down in the reverse order.
 *
 * Layer machine-create (docs/layers.txt): above machine, tlb and cpu, which
 * it assembles; below mm (an mm needs a machine; machine_destroy() only
 * counts the mms and refuses with -EBUSY while one exists).
 */
#include "export.h"

#include <errno.h>

#include "gmap/cpu.h"
#include "gmap/skey.h"
#include "machine-internal.h"
#include "tlb-internal.h"

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

static int machine_create_common(const struct gm_machine_config *cfg, bool fixed,
				 uintptr_t host_addr, struct gm_machine **out)
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
	rc = fixed ? storage_create_at(cfg->storage_size, host_addr, &st)
		   : storage_create(cfg->storage_size, &st);
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
	/* Keys exist on every machine: recording them costs one OR per access. */
	rc = skey_create(st, &m->skey);
	if (rc)
		goto fail_machine;
	rc = -ENOMEM;
	m->cpus = storage_host_zalloc(st, (size_t)cfg->ncpus * sizeof(*m->cpus));
	if (!m->cpus)
		goto fail_skey;

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
fail_skey:
	skey_destroy(m->skey);
fail_machine:
	storage_host_free(st, m, sizeof(*m));
fail_storage:
	storage_destroy(st);
	return rc;
}

int machine_create(const struct gm_machine_config *cfg, struct gm_machine **out)
{
	return machine_create_common(cfg, false, 0, out);
}

int machine_create_at(const struct gm_machine_config *cfg, uintptr_t host_addr,
		      struct gm_machine **out)
{
	return machine_create_common(cfg, true, host_addr, out);
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
	if (m->check_scratch_free)
		m->check_scratch_free(m->check_scratch);
	machine_quarantine_free(m);
	machine_free_cpus(m, m->tlb ? m->ncpus : 0);
	skey_destroy(m->skey);
	storage_host_free(st, m, sizeof(*m));
	storage_destroy(st);
	return 0;
}
