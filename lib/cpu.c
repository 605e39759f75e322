/* SPDX-License-Identifier: MIT */
/*
 * A simulated CPU: prefix register, control registers, PSW, prefixing,
 * logical-address translation (low-address protection, DAT on/off, ASCE
 * selection) and the delivery of program interruptions into the lowcore
 * (docs/dat-reference.md §6.3, §7, §8, §9).
 *
 * Layer cpu (docs/layers.txt): owns the CPU operations on the state the
 * machine holds; calls storage, dat, machine and tlb (its TLB), never mm,
 * gmap or machine_create().
 */
#include "export.h"

#include <errno.h>
#include <string.h>

#include "gmap/lowcore.h"
#include "gmap/tlb.h"
#include "machine-internal.h"
#include "tlb-internal.h"
#include "storage-internal.h"

/* Per-page results kept by cpu_access() between its two passes. */
#define CPU_ACCESS_CACHED_PAGES 16

unsigned cpu_index(const struct gm_cpu *cpu)
{
	return cpu ? cpu->idx : 0;
}

struct gm_machine *cpu_machine(struct gm_cpu *cpu)
{
	return cpu ? cpu->m : NULL;
}

uint32_t cpu_prefix(const struct gm_cpu *cpu)
{
	return cpu ? cpu->prefix : 0;
}

int cpu_set_prefix(struct gm_cpu *cpu, uint32_t prefix)
{
	if (!cpu || (prefix & ~PREFIX_MASK))
		return -EINVAL;
	/* SPX: a prefix area outside storage is an addressing exception. */
	if (!storage_in_range(cpu->m->st, prefix, LOWCORE_SIZE))
		return -EFAULT;
	cpu->prefix = prefix;
	/* SET PREFIX clears this CPU's TLB (dat-reference §9). */
	tlb_spx_purge(cpu);
	return 0;
}

uint64_t cpu_get_cr(const struct gm_cpu *cpu, unsigned n)
{
	if (!cpu || n > 15)
		return 0;
	return cpu->cr[n];
}

int cpu_set_cr(struct gm_cpu *cpu, unsigned n, uint64_t val)
{
	if (!cpu || n > 15)
		return -EINVAL;
	cpu->cr[n] = val;
	return 0;
}

struct gm_psw cpu_get_psw(const struct gm_cpu *cpu)
{
	struct gm_psw psw = { 0, 0 };

	return cpu ? cpu->psw : psw;
}

void cpu_set_psw(struct gm_cpu *cpu, struct gm_psw psw)
{
	if (cpu)
		cpu->psw = psw;
}

void cpu_set_dat(struct gm_cpu *cpu, bool on)
{
	if (!cpu)
		return;
	if (on)
		cpu->psw.mask |= PSW_MASK_DAT;
	else
		cpu->psw.mask &= ~PSW_MASK_DAT;
}

int cpu_set_asc(struct gm_cpu *cpu, unsigned asc)
{
	if (!cpu || asc > 3)
		return -EINVAL;
	cpu->psw.mask = (cpu->psw.mask & ~PSW_MASK_ASC) | ((uint64_t)asc << PSW_ASC_SHIFT);
	return 0;
}

uint64_t cpu_gmap_addr(const struct gm_cpu *cpu)
{
	return cpu ? cpu->gmap_addr : 0;
}

void cpu_set_gmap_addr(struct gm_cpu *cpu, uint64_t gaddr)
{
	if (cpu)
		cpu->gmap_addr = gaddr;
}

static unsigned cpu_psw_as(const struct gm_cpu *cpu)
{
	return (unsigned)((cpu->psw.mask & PSW_MASK_ASC) >> PSW_ASC_SHIFT);
}

void cpu_dat_env(const struct gm_cpu *cpu, struct dat_env *env)
{
	if (!cpu || !env)
		return;
	machine_cpu_dat_env(cpu, env);
}

uint64_t cpu_real_to_abs(const struct gm_cpu *cpu, uint64_t raddr)
{
	return dat_real_to_abs(raddr, cpu ? cpu->prefix : 0);
}

/* Effective address in the PSW's addressing mode (bits 31-32). */
static uint64_t cpu_wrap_addr(const struct gm_cpu *cpu, uint64_t vaddr)
{
	switch (cpu->psw.mask & PSW_MASK_64) {
	case PSW_MASK_BA:
		return vaddr & 0x7fffffffULL; /* 31-bit */
	case 0:
		return vaddr & 0x00ffffffULL; /* 24-bit */
	default:
		/* 64-bit; EA without BA is an invalid PSW, treated as 64-bit. */
		return vaddr;
	}
}

/* The ASCE a DAT-on access uses (KVM get_vcpu_asce; dat-reference §6.3-7). */
static uint64_t cpu_access_asce(const struct gm_cpu *cpu, unsigned as, enum dat_access acc)
{
	if (acc == DAT_IFETCH && as != 3)
		return cpu->cr[CR_PRIMARY_ASCE];
	switch (as) {
	case 2:
		return cpu->cr[CR_SECONDARY_ASCE];
	case 3:
		return cpu->cr[CR_HOME_ASCE];
	default:
		return cpu->cr[CR_PRIMARY_ASCE];
	}
}

/*
 * Low-address protection (PoP "Low-Address Protection"): stores to
 * effective addresses 0-511 and 4096-4607 when CR0.35 is set, unless DAT
 * is on and the ASCE used has the private-space bit.
 */
static bool cpu_lap_applies(const struct gm_cpu *cpu, uint64_t vaddr, unsigned as,
			    enum dat_access acc)
{
	uint64_t blk = vaddr & ~0x1ffULL;

	if (acc != DAT_STORE || !(cpu->cr[0] & CR0_LOW_ADDRESS_PROTECTION))
		return false;
	if (blk != 0 && blk != 0x1000)
		return false;
	if (!(cpu->psw.mask & PSW_MASK_DAT))
		return true;
	return !(cpu_access_asce(cpu, as, acc) & _ASCE_PRIVATE_SPACE);
}

static void cpu_result_pic(struct dat_result *res, uint64_t teid, bool teid_valid)
{
	memset(res, 0, sizeof(*res));
	res->teid = teid;
	res->teid_valid = teid_valid;
}

int cpu_translate(struct gm_cpu *cpu, uint64_t vaddr, enum dat_access acc,
		  struct dat_result *res)
{
	struct dat_env env;
	unsigned as;

	if (!cpu || !res || (acc != DAT_FETCH && acc != DAT_STORE && acc != DAT_IFETCH))
		return -EINVAL;
	vaddr = cpu_wrap_addr(cpu, vaddr);
	as = cpu_psw_as(cpu);
	/* Without an ART model there is no ASCE for AR mode. */
	if ((cpu->psw.mask & PSW_MASK_DAT) && as == 1)
		return -EOPNOTSUPP;

	/* Checked before any table is fetched, as QEMU and KVM do (§0, §6.3-3). */
	if (cpu_lap_applies(cpu, vaddr, as, acc)) {
		cpu_result_pic(res, (vaddr & TEID_ADDR_MASK) | TEID_STORE | TEID_PROT_LAP | as, true);
		return PGM_PROTECTION;
	}

	if (!(cpu->psw.mask & PSW_MASK_DAT)) {
		uint64_t aaddr = dat_real_to_abs(vaddr, cpu->prefix);

		if (!storage_in_range(cpu->m->st, aaddr, 1)) {
			/* Addressing stores no TEID (§7). */
			cpu_result_pic(res, 0, false);
			return PGM_ADDRESSING;
		}
		memset(res, 0, sizeof(*res));
		res->raddr = vaddr;
		res->aaddr = aaddr;
		return 0;
	}

	cpu_dat_env(cpu, &env);
	return tlb_translate_inline(cpu, tlb_get_hot(cpu), &env, cpu_access_asce(cpu, as, acc), vaddr,
				    acc, res);
}

int cpu_lowcore_load(const struct gm_cpu *cpu, unsigned off, unsigned len, uint64_t *val)
{
	if (!cpu || !val || off >= LOWCORE_SIZE || len > LOWCORE_SIZE - off)
		return -EINVAL;
	/* Real 0..8191 is the prefix area: absolute prefix + off. */
	return storage_load(cpu->m->st, dat_real_to_abs(off, cpu->prefix), len, val);
}

int cpu_lowcore_store(struct gm_cpu *cpu, unsigned off, unsigned len, uint64_t val)
{
	if (!cpu || off >= LOWCORE_SIZE || len > LOWCORE_SIZE - off)
		return -EINVAL;
	return storage_store(cpu->m->st, dat_real_to_abs(off, cpu->prefix), len, val);
}

int cpu_deliver_pgm(struct gm_cpu *cpu, int pic, uint64_t teid, bool teid_valid, unsigned ilc)
{
	struct gm_storage *st;
	uint64_t lc, new_mask, new_addr, old_addr;
	/* PER (0x80) and transaction-abort (0x200) flags do not change the code's class. */
	int code = pic & ~0x280;
	bool store_teid;

	if (!cpu || pic < 1 || pic > 0xffff || (ilc != 2 && ilc != 4 && ilc != 6))
		return -EINVAL;
	st = cpu->m->st;
	lc = cpu->prefix; /* real 0 → absolute prefix */
	if (!storage_in_range(st, lc, LOWCORE_SIZE))
		return -EFAULT;
	store_teid = teid_valid && dat_pic_stores_teid(code);

	storage_store(st, lc + LC_PGM_ILC, 2, ilc);
	storage_store(st, lc + LC_PGM_CODE, 2, (uint64_t)pic);
	/* 0x12 and 0x05 leave 0xa8 as it was (§0, §7). */
	if (store_teid)
		storage_store(st, lc + LC_TRANS_EXC_CODE, 8, teid);
	storage_store(st, lc + LC_EXC_ACCESS_ID, 1, 0);

	/* Nullification points the old PSW at the instruction; otherwise past it. */
	old_addr = cpu->psw.addr;
	if (!dat_pic_nullifies(code))
		old_addr = cpu_wrap_addr(cpu, old_addr + ilc);
	storage_store(st, lc + LC_PGM_OLD_PSW, 8, cpu->psw.mask);
	storage_store(st, lc + LC_PGM_OLD_PSW + 8, 8, old_addr);

	storage_load(st, lc + LC_PGM_NEW_PSW, 8, &new_mask);
	storage_load(st, lc + LC_PGM_NEW_PSW + 8, 8, &new_addr);
	cpu->psw.mask = new_mask;
	cpu->psw.addr = new_addr;

	machine_emit_cpu(cpu->m, cpu->idx, GM_EV_PGM, (uint64_t)pic, store_teid ? teid : 0,
			 store_teid, dat_pic_name(code));
	return 0;
}

/* Copy one translated piece between absolute storage and the caller. */
static int cpu_copy(struct gm_storage *st, uint64_t aaddr, uint8_t *p, size_t n,
		    enum dat_access acc)
{
	if (acc == DAT_STORE)
		return storage_write(st, aaddr, p, n);
	return storage_read(st, aaddr, p, n);
}

int cpu_access(struct gm_cpu *cpu, uint64_t vaddr, void *buf, size_t len, enum dat_access acc,
	       unsigned ilc, struct dat_result *res)
{
	uint64_t cached[CPU_ACCESS_CACHED_PAGES];
	struct dat_result r, first;
	uint8_t *p = buf;
	size_t off, n;
	unsigned page;
	int rc;

	if (!cpu || (!buf && len) || (ilc != 2 && ilc != 4 && ilc != 6) ||
	    (acc != DAT_FETCH && acc != DAT_STORE && acc != DAT_IFETCH))
		return -EINVAL;
	if (len == 0)
		return 0;

	/*
	 * Pass 1: translate every page the operand touches, so that an
	 * exception on a later page is recognised before anything is stored
	 * (the access is suppressed or nullified as a whole).
	 */
	memset(&first, 0, sizeof(first));
	for (off = 0, page = 0; off < len; off += n, page++) {
		uint64_t va = vaddr + off;

		n = PAGE_SIZE - (cpu_wrap_addr(cpu, va) & DAT_BX_MASK);
		if (n > len - off)
			n = len - off;
		rc = cpu_translate(cpu, va, acc, &r);
		if (rc < 0)
			return rc;
		if (rc > 0) {
			int drc = cpu_deliver_pgm(cpu, rc, r.teid, r.teid_valid, ilc);

			if (drc)
				return drc;
			if (res)
				*res = r;
			return rc;
		}
		if (page == 0)
			first = r;
		if (page < CPU_ACCESS_CACHED_PAGES)
			cached[page] = r.aaddr;
	}

	/* Pass 2: copy; pages past the cache are translated again (same result). */
	for (off = 0, page = 0; off < len; off += n, page++) {
		uint64_t va = vaddr + off, aaddr;

		n = PAGE_SIZE - (cpu_wrap_addr(cpu, va) & DAT_BX_MASK);
		if (n > len - off)
			n = len - off;
		if (page < CPU_ACCESS_CACHED_PAGES) {
			aaddr = cached[page];
		} else {
			rc = cpu_translate(cpu, va, acc, &r);
			if (rc)
				return rc < 0 ? rc : -EFAULT;
			aaddr = r.aaddr;
		}
		rc = cpu_copy(cpu->m->st, aaddr, p + off, n, acc);
		if (rc)
			return rc;
	}
	if (res)
		*res = first;
	return 0;
}
