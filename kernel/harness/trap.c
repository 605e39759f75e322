// SPDX-License-Identifier: MIT
/*
 * trap.c — the kernel's privileged instructions, performed on the
 * simulated machine.
 *
 * Under qemu-user a privileged instruction raises SIGILL with si_addr at
 * the instruction and the PSW in the ucontext already past it (Debian 12's
 * qemu-s390x 7.2).  The handler decodes it (Principles of Operation
 * formats RRE, RRF, S), performs it with libgmap's operations — which
 * update storage and purge the TLBs of every CPU with the instruction's
 * scope — writes result registers and the condition code (PSW bits 18-19)
 * back into the ucontext and returns, so the kernel code resumes after it.
 * Anything else stops the program with the opcode and address.
 *
 * The kernel code addresses storage directly (its addresses are absolute
 * storage addresses, storage being at host 0), so operand addresses here
 * are absolute addresses.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

#include "gmap/libgmap.h"
#include "gmap/skey.h"

#include "kh.h"

static struct kh *trap_h;
static struct sigaction old_ill;

static void __attribute__((noreturn)) trap_fail(const char *what, uint16_t op, uintptr_t addr)
{
	fprintf(stderr,
		"KERNEL HARNESS FAILURE: %s: instruction %04x at 0x%llx (see kernel/harness/trap.c)\n",
		what, op, (unsigned long long)addr);
	fflush(stderr);
	abort();
}

static void set_cc(ucontext_t *uc, unsigned cc)
{
	uc->uc_mcontext.psw.mask = (uc->uc_mcontext.psw.mask & ~(3ULL << 44)) | ((uint64_t)cc << 44);
}

/* an operand address of the kernel: absolute, outside CPU 0's lowcore */
static uint64_t operand(uint64_t a, uint16_t op, uintptr_t ip)
{
	if (a >= storage_size(machine_storage(trap_h->m)))
		trap_fail("operand outside simulated storage", op, ip);
	return a;
}

/*
 * CSP/CSPG on a host word (PoP: COMPARE AND SWAP AND PURGE): equal → the
 * new value is stored and, with R2 bit 63, every TLB of the configuration
 * is purged (cc 0); unequal → the current value is returned (cc 1).
 */
static int csp_host(void *p, unsigned len, uint64_t *old, uint64_t nv, bool purge)
{
	uint64_t cur;

	if (len == 4) {
		uint32_t w;

		memcpy(&w, p, 4);
		cur = w;
	} else {
		memcpy(&cur, p, 8);
	}
	if (cur != *old) {
		*old = cur;
		return 1;
	}
	if (len == 4) {
		uint32_t w = (uint32_t)nv;

		memcpy(p, &w, 4);
	} else {
		memcpy(p, &nv, 8);
	}
	if (purge)
		tlb_purge_all(trap_h->m);
	return 0;
}

static void trap_handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	unsigned long *gr = uc->uc_mcontext.gregs;
	const uint8_t *ip = si->si_addr;
	struct gm_cpu *cpu = machine_current_cpu(trap_h->m);
	uint16_t op = (uint16_t)(ip[0] << 8 | ip[1]);
	unsigned r1 = ip[3] >> 4, r2 = ip[3] & 15, r3 = ip[2] >> 4, m4 = ip[2] & 15;
	int rc;

	(void)sig;
	if (uc->uc_mcontext.psw.addr != (uintptr_t)ip + 4)
		trap_fail("PSW does not point past a 4-byte instruction", op, (uintptr_t)ip);
	switch (op) {
	case 0xb221: { /* IPTE R1,R2,R3,M4 (RRF-a) */
		unsigned range = r3 ? (unsigned)(gr[r3] & 0xff) : 0;

		trap_h->traps[KH_TRAP_IPTE]++;
		rc = tlb_ipte(cpu, operand(gr[r1] & ~0x7ffULL, op, (uintptr_t)ip), gr[r2], range, m4 & 1);
		if (rc)
			trap_fail("IPTE failed", op, (uintptr_t)ip);
		if (r3) {
			/* completed: the range count has gone past zero */
			gr[r2] += (uint64_t)(range + 1) << 12;
			gr[r3] = (gr[r3] & ~0xffULL) | 0xff;
		}
		break;
	}
	case 0xb98e: /* IDTE R1,R3,R2,M4 (RRF-b) */
		trap_h->traps[KH_TRAP_IDTE]++;
		if (gr[r2] & 0xff000)
			trap_fail("IDTE with R2 bits 44-51 set (specification exception)", op, (uintptr_t)ip);
		if (gr[r2] & 0x800) /* bit 52: clearing by ASCE (the ASCE in R3) */
			rc = tlb_idte_clear_asce(cpu, gr[r3], m4 & 1);
		else /* invalidation and clearing; clearing all it reaches is a superset of R3's scope */
			rc = tlb_idte_invalidate(cpu, operand(gr[r1] & ~0xfffULL, op, (uintptr_t)ip) |
						      (gr[r1] & 0xc),
						 gr[r2] & ~0xfffULL, (unsigned)(gr[r2] & 0x7ff), m4 & 1);
		if (rc)
			trap_fail("IDTE failed", op, (uintptr_t)ip);
		break;
	case 0xb250: /* CSP R1,R2 (RRE) */
	case 0xb98a: { /* CSPG R1,R2 (RRE) */
		unsigned len = op == 0xb250 ? 4 : 8;
		uint64_t old = len == 4 ? gr[r1] & 0xffffffffULL : gr[r1];
		uint64_t nv = len == 4 ? gr[r1 + 1] & 0xffffffffULL : gr[r1 + 1];

		trap_h->traps[len == 4 ? KH_TRAP_CSP : KH_TRAP_CSPG]++;
		if (r1 & 1)
			trap_fail("CSP/CSPG with an odd R1 (specification exception)", op, (uintptr_t)ip);
		/* the operand is a logical address: kernel virtual, identity mapped */
		uint64_t la = (gr[r2] & ~(uint64_t)(len - 1)) - khk_identity_base();

		if (la >= storage_size(machine_storage(trap_h->m)))
			/* kernel memory outside storage: its stack or heap (the
			 * kernel's __tlb_flush_global() swaps a dummy on its stack) */
			rc = csp_host((void *)(uintptr_t)(gr[r2] & ~(uint64_t)(len - 1)), len, &old, nv,
				      gr[r2] & 1);
		else
			rc = tlb_csp(cpu, la, len, &old, nv, gr[r2] & 1);
		if (rc < 0)
			trap_fail("CSP/CSPG failed", op, (uintptr_t)ip);
		if (rc == 1)
			gr[r1] = len == 4 ? (gr[r1] & ~0xffffffffULL) | old : old;
		set_cc(uc, (unsigned)rc);
		break;
	}
	case 0xb20d: /* PTLB (S) */
		trap_h->traps[KH_TRAP_PTLB]++;
		tlb_ptlb(cpu);
		break;
	case 0xb22b: { /* SSKE R1,R2,M3 (RRF-c): M3 in the R3 position */
		struct skey_sske_result res;
		/* facilities 8 (MB), 10 (MR/MC) and 14 (NQ): MB only with EDAT-1 */
		unsigned m3 = r3 & ((machine_has_facility(trap_h->m, GM_FAC_EDAT1) ? SSKE_MB : 0) |
				    SSKE_MR | SSKE_MC | SSKE_NQ);
		/* with MB the address is absolute, otherwise real (prefixed) */
		uint64_t a = (m3 & SSKE_MB) ? gr[r2] : cpu_real_to_abs(cpu, gr[r2] & ~0xfffULL);

		trap_h->traps[KH_TRAP_SSKE]++;
		if (skey_sske(machine_skey(trap_h->m), operand(a, op, (uintptr_t)ip),
			      (uint8_t)(gr[r1] & 0xff), m3, &res))
			trap_fail("SSKE failed", op, (uintptr_t)ip);
		if (res.r1_set)
			gr[r1] = (gr[r1] & ~0xff00ULL) | ((uint64_t)res.old_key << 8);
		if (m3 & SSKE_MB)
			gr[r2] = (res.next & ~0xfffULL) | (gr[r2] & 0xfffULL);
		if (res.cc != SKEY_CC_UNCHANGED)
			set_cc(uc, (unsigned)res.cc);
		break;
	}
	case 0xb229: { /* ISKE R1,R2 (RRE): the key into R1 bits 56-63 */
		uint64_t a = cpu_real_to_abs(cpu, gr[r2] & ~0xfffULL);
		uint8_t key;

		trap_h->traps[KH_TRAP_ISKE]++;
		if (skey_iske(machine_skey(trap_h->m), operand(a, op, (uintptr_t)ip), &key))
			trap_fail("ISKE failed", op, (uintptr_t)ip);
		gr[r1] = (gr[r1] & ~0xffULL) | key;
		break;
	}
	case 0xb22a: { /* RRBE R1,R2 (RRE): reset R, cc = R,C before */
		uint64_t a = cpu_real_to_abs(cpu, gr[r2] & ~0xfffULL);
		int cc;

		trap_h->traps[KH_TRAP_RRBE]++;
		cc = skey_rrbe(machine_skey(trap_h->m), operand(a, op, (uintptr_t)ip));
		if (cc < 0)
			trap_fail("RRBE failed", op, (uintptr_t)ip);
		set_cc(uc, (unsigned)cc);
		break;
	}
	default:
		trap_fail("privileged instruction the harness does not emulate", op, (uintptr_t)ip);
	}
}

void kh_trap_install(struct kh *h)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = trap_handler;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	trap_h = h;
	sigaction(SIGILL, &sa, &old_ill);
}

void kh_trap_remove(void)
{
	sigaction(SIGILL, &old_ill, NULL);
	trap_h = NULL;
}
