/* SPDX-License-Identifier: MIT */
/*
 * Tests of lib/machine.c and lib/cpu.c: machine construction, prefixing,
 * the lowcore layout, program-interruption delivery, ASCE selection,
 * low-address protection and storage access through DAT.
 *
 * Expected values come from docs/dat-reference.md (§0 decisions, §6.3,
 * §7 TEID and interruption storage, §8 lowcore, §9 prefixing) and are
 * written out as literals; page tables are built by hand in storage.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "gmap-test.h"
#include "gmap/cpu.h"
#include "gmap/dat.h"
#include "gmap/lowcore.h"
#include "gmap/machine.h"
#include "gmap/mm.h"
#include "gmap/storage.h"
#include "gmap/tlb.h"
#include "machine-internal.h"

#define STORAGE_SIZE (16ULL << 20)
#define PSW64 0x0000000180000000ULL /* EA + BA */
#define PSW_DAT 0x0400000000000000ULL

struct fixture {
	struct gm_machine *m;
	struct gm_storage *st;
	struct gm_cpu *cpu;  /* CPU 0, prefix 0 */
	struct gm_cpu *cpu1; /* CPU 1, prefix from the allocator */
};

static int setup_machine(void **state, bool tlb)
{
	struct gm_machine_config cfg = { STORAGE_SIZE, 2, 0, tlb };
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	if (machine_create(&cfg, &f->m)) {
		free(f);
		return -1;
	}
	f->st = machine_storage(f->m);
	f->cpu = machine_cpu(f->m, 0);
	f->cpu1 = machine_cpu(f->m, 1);
	*state = f;
	return 0;
}

static int setup(void **state)
{
	return setup_machine(state, false);
}

/* The same tests on a machine with a TLB per CPU: results must not differ. */
static int setup_tlb(void **state)
{
	return setup_machine(state, true);
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	if (machine_destroy(f->m))
		return -1;
	free(f);
	return 0;
}

static uint64_t ld(const struct gm_storage *st, uint64_t aaddr, unsigned len)
{
	uint64_t v = 0;

	assert_int_equal(storage_load(st, aaddr, len, &v), 0);
	return v;
}

static void st8(struct gm_storage *st, uint64_t aaddr, uint64_t val)
{
	assert_int_equal(storage_store8(st, aaddr, val), 0);
}

/* An empty segment table (every STE 0x20, I=1) and its ASCE (DT=00, TL=3). */
static uint64_t new_segment_table(struct gm_storage *st, uint64_t *asce)
{
	uint64_t sto;

	assert_int_equal(storage_alloc(st, STORAGE_CRST, &sto), 0);
	assert_int_equal(storage_fill8(st, sto, 0x20, 2048), 0);
	/* ASCE: origin bits 0-51, DT bits 60-61 = 00, TL bits 62-63 = 3. */
	*asce = sto | 0x3;
	return sto;
}

/* An empty page table (every PTE 0x400, I=1) linked at @vaddr's STE. */
static uint64_t new_page_table(struct gm_storage *st, uint64_t sto, uint64_t vaddr)
{
	uint64_t pto;

	assert_int_equal(storage_alloc(st, STORAGE_PT_FRAG, &pto), 0);
	assert_int_equal(storage_fill8(st, pto, 0x400, 256), 0);
	/* STE: PTO bits 0-52, I=0, TT=00; SX is VA bits 33-43. */
	st8(st, sto + ((vaddr >> 20) & 0x7ff) * 8, pto);
	return pto;
}

/* PTE for @vaddr: PFRA bits 0-51 (a real address), I=0; PX is VA bits 44-51. */
static void map_page(struct gm_storage *st, uint64_t pto, uint64_t vaddr, uint64_t pfra)
{
	st8(st, pto + ((vaddr >> 12) & 0xff) * 8, pfra);
}

static uint64_t new_frame(struct gm_storage *st)
{
	uint64_t frame;

	assert_int_equal(storage_alloc(st, STORAGE_FRAME, &frame), 0);
	return frame;
}

/* A reserved prefix area for CPU 0 that the allocator will never hand out. */
static uint32_t reserve_prefix(struct gm_storage *st, uint64_t aaddr)
{
	assert_int_equal(storage_reserve_lowcore(st, aaddr), 0);
	return (uint32_t)aaddr;
}

static void set_psw(struct gm_cpu *cpu, uint64_t mask, uint64_t addr)
{
	struct gm_psw psw = { mask, addr };

	cpu_set_psw(cpu, psw);
}

/* ---- machine ------------------------------------------------------------ */

static void test_machine_create_bad_configs(void **state)
{
	struct gm_machine *sentinel = (struct gm_machine *)(uintptr_t)0x1234;
	struct gm_machine *m = sentinel;
	struct gm_machine_config good = { STORAGE_SIZE, 2, GM_FAC_EDAT1 | GM_FAC_EDAT2, false };
	struct gm_machine_config cfg;

	(void)state;
	assert_errno(machine_create(NULL, &m), -EINVAL);
	assert_errno(machine_create(&good, NULL), -EINVAL);
	cfg = good;
	cfg.ncpus = 0;
	assert_errno(machine_create(&cfg, &m), -EINVAL);
	cfg.ncpus = GM_MAX_CPUS + 1;
	assert_errno(machine_create(&cfg, &m), -EINVAL);
	cfg = good;
	cfg.facilities = 1u << 6; /* no such GM_FAC_* bit */
	assert_errno(machine_create(&cfg, &m), -EINVAL);
	cfg.facilities = GM_FAC_EDAT2; /* EDAT-2 without EDAT-1 */
	assert_errno(machine_create(&cfg, &m), -EINVAL);
	cfg = good;
	cfg.storage_size = STORAGE_SIZE + 100; /* not a multiple of 4 KB */
	assert_errno(machine_create(&cfg, &m), -EINVAL);
	cfg.storage_size = 32 * 1024; /* below STORAGE_MIN_SIZE */
	assert_errno(machine_create(&cfg, &m), -EINVAL);
	cfg.storage_size = 0;
	assert_errno(machine_create(&cfg, &m), -EINVAL);
	assert_ptr_equal(m, sentinel);
}

static void test_machine_create_at_puts_storage_at_the_host_address(void **state)
{
	struct gm_machine_config cfg = { STORAGE_SIZE, 1, 0, false };
	void *p = mmap(NULL, STORAGE_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	struct gm_machine *m = NULL;
	uintptr_t host;
	uint64_t aaddr;

	(void)state;
	assert_true(p != MAP_FAILED);
	munmap(p, STORAGE_SIZE);
	host = (uintptr_t)p;
	assert_errno(machine_create_at(&cfg, host + 8, &m), -EINVAL);
	assert_null(m);
	assert_errno(machine_create_at(&cfg, host, &m), 0);
	assert_errno(storage_alloc(machine_storage(m), STORAGE_FRAME, &aaddr), 0);
	assert_errno(storage_store8(machine_storage(m), aaddr, 0x1122334455667788ULL), 0);
	assert_int_equal(((const uint8_t *)host)[aaddr], 0x11);
	assert_errno(machine_destroy(m), 0);
}

static void test_machine_create_cpus(void **state)
{
	struct gm_machine_config cfg = { STORAGE_SIZE, 4, GM_FAC_EDAT1 | GM_FAC_IDTE, false };
	struct gm_machine *m = NULL;
	uint32_t prefixes[4];

	(void)state;
	assert_int_equal(machine_create(&cfg, &m), 0);
	assert_non_null(m);
	assert_int_equal(machine_ncpus(m), 4);
	assert_int_equal(machine_facilities(m), GM_FAC_EDAT1 | GM_FAC_IDTE);
	assert_true(machine_has_facility(m, GM_FAC_EDAT1));
	assert_true(machine_has_facility(m, GM_FAC_IDTE));
	assert_false(machine_has_facility(m, GM_FAC_EDAT2));
	assert_false(machine_tlb_enabled(m));
	assert_ptr_equal(machine_current_cpu(m), machine_cpu(m, 0));
	assert_null(machine_cpu(m, 4));
	for (unsigned i = 0; i < 4; i++) {
		struct gm_cpu *cpu = machine_cpu(m, i);
		struct gm_psw psw = cpu_get_psw(cpu);

		assert_non_null(cpu);
		assert_int_equal(cpu_index(cpu), i);
		assert_ptr_equal(cpu_machine(cpu), m);
		/* DAT off, primary space, 64-bit addressing, CRs zero. */
		assert_hex_equal(psw.mask, PSW64);
		for (unsigned n = 0; n < 16; n++)
			assert_hex_equal(cpu_get_cr(cpu, n), 0);
		prefixes[i] = cpu_prefix(cpu);
		if (i == 0) {
			assert_hex_equal(prefixes[i], 0);
			continue;
		}
		/* 8 KB aligned, below 2 GB, a LOWCORE block of storage. */
		assert_true(prefixes[i] != 0);
		assert_hex_equal(prefixes[i] & ~0x7fffe000U, 0);
		assert_int_equal(storage_kind_at(machine_storage(m), prefixes[i]), STORAGE_LOWCORE);
		assert_int_equal(storage_kind_at(machine_storage(m), prefixes[i] + 0x1fff),
				 STORAGE_LOWCORE);
		for (unsigned j = 0; j < i; j++)
			assert_true(prefixes[i] != prefixes[j]);
	}
	assert_int_equal(machine_set_current_cpu(m, 3), 0);
	assert_ptr_equal(machine_current_cpu(m), machine_cpu(m, 3));
	assert_errno(machine_set_current_cpu(m, 4), -EINVAL);
	assert_ptr_equal(machine_current_cpu(m), machine_cpu(m, 3));
	assert_int_equal(machine_destroy(m), 0);
	assert_int_equal(machine_destroy(NULL), 0);
}

struct event_log {
	unsigned n;
	struct gm_event ev[8];
};

static void record_event(void *opaque, const struct gm_event *ev)
{
	struct event_log *log = opaque;

	if (log->n < 8)
		log->ev[log->n] = *ev;
	log->n++;
}

static void test_machine_event_hook(void **state)
{
	struct fixture *f = *state;
	struct event_log log = { 0 };

	machine_emit(f->m, GM_EV_FAULT, 1, 2, 3, "x"); /* no hook: nothing happens */
	machine_set_event_hook(f->m, record_event, &log);
	machine_emit(f->m, GM_EV_TABLE_ALLOC, 0x10000, STORAGE_CRST, 1, NULL);
	assert_int_equal(log.n, 1);
	assert_int_equal(log.ev[0].type, GM_EV_TABLE_ALLOC);
	assert_int_equal(log.ev[0].cpu, 0);
	assert_hex_equal(log.ev[0].a, 0x10000);
	assert_non_null(log.ev[0].what);

	/* A delivery on CPU 1 reports PIC, TEID, teid_valid and CPU 1. */
	assert_int_equal(cpu_deliver_pgm(f->cpu1, 0x11, 0x406402, true, 4), 0);
	assert_int_equal(log.n, 2);
	assert_int_equal(log.ev[1].type, GM_EV_PGM);
	assert_int_equal(log.ev[1].cpu, 1);
	assert_hex_equal(log.ev[1].a, 0x11);
	assert_hex_equal(log.ev[1].b, 0x406402);
	assert_hex_equal(log.ev[1].c, 1);
	assert_non_null(log.ev[1].what);

	assert_string_equal(machine_event_name(GM_EV_PGM), "pgm");
	assert_string_equal(machine_event_name(GM_EV_ENTRY_STORE), "entry-store");
	assert_string_equal(machine_event_name(GM_EV_TABLE_ALLOC), "table-alloc");
	assert_non_null(machine_event_name(GM_EV_COUNT));

	machine_set_event_hook(f->m, NULL, NULL);
	machine_emit(f->m, GM_EV_FAULT, 1, 2, 3, "x");
	assert_int_equal(log.n, 2);
}

static void count_mm(void *opaque, struct mm_struct *mm)
{
	(void)mm;
	(*(unsigned *)opaque)++;
}

static void test_machine_destroy_busy_with_mm(void **state)
{
	struct gm_machine_config cfg = { STORAGE_SIZE, 1, 0, false };
	struct gm_machine *m = NULL;
	struct mm_struct mm;
	unsigned n = 0;

	(void)state;
	memset(&mm, 0, sizeof(mm));
	assert_int_equal(machine_create(&cfg, &m), 0);
	mm.machine = m;
	machine_register_mm(m, &mm);
	machine_for_each_mm(m, count_mm, &n);
	assert_int_equal(n, 1);
	/* An mm still lives on the machine: -EBUSY, nothing freed. */
	assert_errno(machine_destroy(m), -EBUSY);
	assert_int_equal(machine_ncpus(m), 1);
	assert_int_equal(cpu_set_cr(machine_cpu(m, 0), 1, 0x1234), 0);
	machine_unregister_mm(m, &mm);
	n = 0;
	machine_for_each_mm(m, count_mm, &n);
	assert_int_equal(n, 0);
	assert_int_equal(machine_destroy(m), 0);
}

static void test_machine_two_independent(void **state)
{
	struct gm_machine_config cfg = { STORAGE_SIZE, 1, 0, false };
	struct gm_machine *a = NULL, *b = NULL;
	struct gm_cpu *ca, *cb;

	(void)state;
	assert_int_equal(machine_create(&cfg, &a), 0);
	assert_int_equal(machine_create(&cfg, &b), 0);
	ca = machine_cpu(a, 0);
	cb = machine_cpu(b, 0);
	assert_int_equal(cpu_set_cr(ca, 1, 0x40003), 0);
	set_psw(ca, PSW64, 0x5000);
	assert_int_equal(cpu_deliver_pgm(ca, 0x10, 0x600803, true, 4), 0);
	/* Machine a's lowcore got the interruption; b's storage and CPU did not. */
	assert_hex_equal(ld(machine_storage(a), 0x8e, 2), 0x10);
	assert_hex_equal(ld(machine_storage(a), 0xa8, 8), 0x600803);
	assert_hex_equal(ld(machine_storage(b), 0x8e, 2), 0);
	assert_hex_equal(ld(machine_storage(b), 0xa8, 8), 0);
	assert_hex_equal(cpu_get_cr(cb, 1), 0);
	assert_hex_equal(cpu_get_psw(cb).addr, 0);
	assert_int_equal(machine_destroy(a), 0);
	assert_int_equal(machine_destroy(b), 0);
}

/* ---- prefixing ------------------------------------------------------------ */

/* dat-reference §9: real 0..8191 ↔ prefix area, identity elsewhere. */
static void test_cpu_prefix_both_ways(void **state)
{
	struct fixture *f = *state;
	uint32_t p = reserve_prefix(f->st, 0x7e000);

	/* Prefix 0: the identity. */
	assert_hex_equal(cpu_real_to_abs(f->cpu, 0x10), 0x10);
	assert_hex_equal(cpu_real_to_abs(f->cpu, 0x7e010), 0x7e010);
	assert_int_equal(cpu_set_prefix(f->cpu, p), 0);
	assert_hex_equal(cpu_prefix(f->cpu), 0x7e000);
	assert_hex_equal(cpu_real_to_abs(f->cpu, 0x0), 0x7e000);
	assert_hex_equal(cpu_real_to_abs(f->cpu, 0x10), 0x7e010);
	assert_hex_equal(cpu_real_to_abs(f->cpu, 0x1fff), 0x7ffff);
	/* The prefix area itself maps to absolute 0..8191. */
	assert_hex_equal(cpu_real_to_abs(f->cpu, 0x7e000), 0x0);
	assert_hex_equal(cpu_real_to_abs(f->cpu, 0x7e010), 0x10);
	assert_hex_equal(cpu_real_to_abs(f->cpu, 0x7ffff), 0x1fff);
	/* Everything else is unchanged. */
	assert_hex_equal(cpu_real_to_abs(f->cpu, 0x2000), 0x2000);
	assert_hex_equal(cpu_real_to_abs(f->cpu, 0x7dfff), 0x7dfff);
	assert_hex_equal(cpu_real_to_abs(f->cpu, 0x80000), 0x80000);

	/* Through an access with DAT off: real 0x10 lands at absolute 0x7e010. */
	{
		uint8_t out[4] = { 0xde, 0xad, 0xbe, 0xef }, in[4];

		assert_int_equal(cpu_access(f->cpu, 0x10, out, 4, DAT_STORE, 4, NULL), 0);
		assert_int_equal(storage_read(f->st, 0x7e010, in, 4), 0);
		assert_memory_equal(in, out, 4);
		assert_hex_equal(ld(f->st, 0x10, 4), 0);
		/* And real 0x7e010 reads absolute 0x10. */
		assert_int_equal(storage_store(f->st, 0x10, 4, 0x01020304), 0);
		assert_int_equal(cpu_access(f->cpu, 0x7e010, in, 4, DAT_FETCH, 4, NULL), 0);
		assert_hex_equal(in[0], 1);
		assert_hex_equal(in[3], 4);
	}
}

static void test_cpu_set_prefix_errors(void **state)
{
	struct fixture *f = *state;
	uint32_t old = cpu_prefix(f->cpu1);

	assert_errno(cpu_set_prefix(f->cpu1, 0x7e100), -EINVAL);  /* not 8 KB aligned */
	assert_errno(cpu_set_prefix(f->cpu1, 0x7f000), -EINVAL);  /* 4 KB aligned only */
	assert_errno(cpu_set_prefix(f->cpu1, 0x80000000), -EINVAL); /* 2 GB */
	assert_errno(cpu_set_prefix(f->cpu1, 0xfffe000), -EFAULT);  /* 256 MB > 16 MB storage */
	assert_errno(cpu_set_prefix(f->cpu1, STORAGE_SIZE), -EFAULT);
	assert_errno(cpu_set_prefix(NULL, 0x7e000), -EINVAL);
	assert_hex_equal(cpu_prefix(f->cpu1), old);
	/* The last 8 KB of storage is a valid prefix area. */
	assert_int_equal(cpu_set_prefix(f->cpu1, STORAGE_SIZE - 0x2000), 0);
	assert_hex_equal(cpu_prefix(f->cpu1), STORAGE_SIZE - 0x2000);
	assert_int_equal(cpu_set_prefix(f->cpu1, old), 0);
}

/* ---- lowcore --------------------------------------------------------------- */

/* dat-reference §8: offsets within the prefix area, big-endian. */
static void test_cpu_lowcore_offsets(void **state)
{
	struct fixture *f = *state;
	uint32_t p = cpu_prefix(f->cpu1);
	static const struct {
		unsigned off, len;
	} fields[] = {
		{ 0x370, 8 }, /* gmap (Linux 3.1) */
		{ 0x318, 8 }, /* user_asce */
		{ 0x310, 8 }, /* kernel_asce */
		{ 0x8c, 2 },  /* program ILC */
		{ 0x8e, 2 },  /* program-interruption code */
		{ 0xa8, 8 },  /* TEID */
		{ 0x150, 8 }, /* program old PSW */
		{ 0x1d0, 8 }, /* program new PSW */
		{ 0x328, 4 }, /* cpu_nr */
		{ 0x11b8, 8 }, /* ext_params2 */
		{ 0x1380, 8 }, /* cregs_save_area */
	};
	uint8_t raw[8];

	assert_int_equal(LC_GMAP, 0x370);
	assert_int_equal(LC_USER_ASCE, 0x318);
	assert_int_equal(LC_PGM_ILC, 0x8c);
	assert_int_equal(LC_PGM_CODE, 0x8e);
	assert_int_equal(LC_TRANS_EXC_CODE, 0xa8);
	assert_int_equal(LC_PGM_OLD_PSW, 0x150);
	assert_int_equal(LC_PGM_NEW_PSW, 0x1d0);
	assert_int_equal(offsetof(struct lowcore, gmap), 0x370);
	assert_int_equal(offsetof(struct lowcore, user_asce), 0x318);
	assert_int_equal(offsetof(struct lowcore, program_new_psw), 0x1d0);
	assert_int_equal(sizeof(struct lowcore), 0x2000);

	assert_int_equal(cpu_lowcore_store(f->cpu1, LC_GMAP, 8, 0x0123456789abcdefULL), 0);
	assert_int_equal(storage_read(f->st, p + 0x370, raw, 8), 0);
	{
		static const uint8_t want[8] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };

		assert_memory_equal(raw, want, 8);
	}
	for (unsigned i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		uint64_t v = 0, pattern = 0xa1b2c3d4e5f60718ULL >> (64 - 8 * fields[i].len);

		assert_int_equal(cpu_lowcore_store(f->cpu1, fields[i].off, fields[i].len, pattern), 0);
		assert_hex_equal(ld(f->st, p + fields[i].off, fields[i].len), pattern);
		/* The first byte is the most significant one. */
		assert_int_equal(storage_read(f->st, p + fields[i].off, raw, 1), 0);
		assert_hex_equal(raw[0], 0xa1);
		assert_int_equal(cpu_lowcore_load(f->cpu1, fields[i].off, fields[i].len, &v), 0);
		assert_hex_equal(v, pattern);
	}
	/* Out of the 8 KB area, bad length, NULL. */
	{
		uint64_t v = 0x55;

		assert_errno(cpu_lowcore_store(f->cpu1, 0x1ffc, 8, 1), -EINVAL);
		assert_errno(cpu_lowcore_store(f->cpu1, 0x2000, 1, 1), -EINVAL);
		assert_errno(cpu_lowcore_store(f->cpu1, 0x100, 3, 1), -EINVAL);
		assert_errno(cpu_lowcore_store(NULL, 0x100, 8, 1), -EINVAL);
		assert_errno(cpu_lowcore_load(f->cpu1, 0x1ff9, 8, &v), -EINVAL);
		assert_errno(cpu_lowcore_load(f->cpu1, 0x100, 8, NULL), -EINVAL);
		assert_hex_equal(v, 0x55);
		assert_hex_equal(ld(f->st, p + 0x1ff8, 8), 0);
	}
}

/* ---- program-interruption delivery (dat-reference §7) ------------------------ */

static void prepare_delivery(struct fixture *f, struct gm_cpu *cpu)
{
	uint64_t p = cpu_prefix(cpu);

	(void)f;
	set_psw(cpu, PSW64 | PSW_DAT, 0x10000);
	/* Program new PSW: DAT off, 64-bit, at 0x4000. */
	st8(f->st, p + 0x1d0, PSW64);
	st8(f->st, p + 0x1d8, 0x4000);
	/* Old contents that must survive where nothing is stored. */
	st8(f->st, p + 0xa8, 0x1111222233334444ULL);
	assert_int_equal(storage_store(f->st, p + 0xa0, 1, 0x77), 0);
}

static void test_cpu_deliver_pgm_nullifying(void **state)
{
	struct fixture *f = *state;
	struct gm_psw psw;

	prepare_delivery(f, f->cpu);
	assert_int_equal(cpu_deliver_pgm(f->cpu, 0x11, 0x406402, true, 4), 0);
	assert_hex_equal(ld(f->st, 0x8c, 2), 0x0004);
	assert_hex_equal(ld(f->st, 0x8d, 1), 0x04);
	assert_hex_equal(ld(f->st, 0x8e, 2), 0x0011);
	assert_hex_equal(ld(f->st, 0xa8, 8), 0x406402);
	assert_hex_equal(ld(f->st, 0xa0, 1), 0);
	/* Page translation nullifies: the old PSW points at the instruction. */
	assert_hex_equal(ld(f->st, 0x150, 8), PSW64 | PSW_DAT);
	assert_hex_equal(ld(f->st, 0x158, 8), 0x10000);
	/* The new PSW is loaded. */
	psw = cpu_get_psw(f->cpu);
	assert_hex_equal(psw.mask, PSW64);
	assert_hex_equal(psw.addr, 0x4000);
}

static void test_cpu_deliver_pgm_suppressing(void **state)
{
	struct fixture *f = *state;

	prepare_delivery(f, f->cpu);
	assert_int_equal(cpu_deliver_pgm(f->cpu, 0x04, 0x408404, true, 6), 0);
	assert_hex_equal(ld(f->st, 0x8c, 2), 6);
	assert_hex_equal(ld(f->st, 0x8e, 2), 0x0004);
	assert_hex_equal(ld(f->st, 0xa8, 8), 0x408404);
	/* Protection suppresses: the old PSW is advanced by the ILC. */
	assert_hex_equal(ld(f->st, 0x158, 8), 0x10006);
	assert_hex_equal(cpu_get_psw(f->cpu).addr, 0x4000);
}

static void test_cpu_deliver_pgm_teid_codes(void **state)
{
	struct fixture *f = *state;
	static const int stores[] = { 0x10, 0x11, 0x04, 0x38, 0x39, 0x3a, 0x3b };
	static const int nullifies[] = { 1, 1, 0, 1, 1, 1, 1 };
	static const int keeps[] = { 0x12, 0x05 };

	for (unsigned i = 0; i < 7; i++) {
		prepare_delivery(f, f->cpu);
		assert_int_equal(cpu_deliver_pgm(f->cpu, stores[i], 0xabc000 + i, true, 2), 0);
		assert_hex_equal(ld(f->st, 0x8e, 2), stores[i]);
		assert_hex_equal(ld(f->st, 0xa8, 8), 0xabc000 + i);
		assert_hex_equal(ld(f->st, 0x158, 8), nullifies[i] ? 0x10000 : 0x10002);
	}
	for (unsigned i = 0; i < 2; i++) {
		prepare_delivery(f, f->cpu);
		/* Even when the caller passes a TEID, 0x12 and 0x05 store none (§0). */
		assert_int_equal(cpu_deliver_pgm(f->cpu, keeps[i], 0xabc000, true, 4), 0);
		assert_hex_equal(ld(f->st, 0x8e, 2), keeps[i]);
		assert_hex_equal(ld(f->st, 0xa8, 8), 0x1111222233334444ULL);
		assert_hex_equal(ld(f->st, 0x158, 8), 0x10004);
		assert_hex_equal(ld(f->st, 0xa0, 1), 0);
	}
}

static void test_cpu_deliver_pgm_prefix_area(void **state)
{
	struct fixture *f = *state;
	uint32_t p = reserve_prefix(f->st, 0x7e000);

	assert_int_equal(cpu_set_prefix(f->cpu, p), 0);
	prepare_delivery(f, f->cpu);
	st8(f->st, 0x1d8, 0x9999); /* absolute 0: not this CPU's lowcore now */
	assert_int_equal(cpu_deliver_pgm(f->cpu, 0x10, 0x600800, true, 4), 0);
	assert_hex_equal(ld(f->st, 0x7e08e, 2), 0x10);
	assert_hex_equal(ld(f->st, 0x7e08c, 2), 4);
	assert_hex_equal(ld(f->st, 0x7e0a8, 8), 0x600800);
	assert_hex_equal(ld(f->st, 0x7e158, 8), 0x10000);
	assert_hex_equal(ld(f->st, 0x8e, 2), 0);
	assert_hex_equal(ld(f->st, 0xa8, 8), 0);
	assert_hex_equal(ld(f->st, 0x158, 8), 0);
	/* The new PSW came from prefix + 0x1d0. */
	assert_hex_equal(cpu_get_psw(f->cpu).addr, 0x4000);
}

static void test_cpu_deliver_pgm_bad_input(void **state)
{
	struct fixture *f = *state;
	static const unsigned bad_ilc[] = { 0, 1, 3, 5, 8 };
	static const int bad_pic[] = { 0, -1, 0x10000 };
	struct gm_psw psw;

	prepare_delivery(f, f->cpu);
	for (unsigned i = 0; i < 5; i++)
		assert_errno(cpu_deliver_pgm(f->cpu, 0x11, 0x1000, true, bad_ilc[i]), -EINVAL);
	for (unsigned i = 0; i < 3; i++)
		assert_errno(cpu_deliver_pgm(f->cpu, bad_pic[i], 0x1000, true, 4), -EINVAL);
	assert_errno(cpu_deliver_pgm(NULL, 0x11, 0x1000, true, 4), -EINVAL);
	/* Nothing stored, PSW unchanged. */
	assert_hex_equal(ld(f->st, 0x8c, 4), 0);
	assert_hex_equal(ld(f->st, 0xa8, 8), 0x1111222233334444ULL);
	assert_hex_equal(ld(f->st, 0x150, 8), 0);
	psw = cpu_get_psw(f->cpu);
	assert_hex_equal(psw.mask, PSW64 | PSW_DAT);
	assert_hex_equal(psw.addr, 0x10000);
}

/* ---- translation ------------------------------------------------------------ */

static void test_cpu_dat_env(void **state)
{
	struct gm_machine_config cfg = { STORAGE_SIZE, 1, 0, false };
	struct gm_machine *m = NULL;
	struct gm_cpu *cpu;
	struct dat_env env;

	(void)state;
	/* CR0.40 without facility 8: no EDAT. */
	assert_int_equal(machine_create(&cfg, &m), 0);
	cpu = machine_cpu(m, 0);
	assert_int_equal(cpu_set_cr(cpu, 0, 0x00800000 | 0x00100000), 0);
	cpu_dat_env(cpu, &env);
	assert_false(env.edat1);
	assert_false(env.edat2);
	assert_false(env.iep);
	assert_int_equal(machine_destroy(m), 0);

	cfg.facilities = GM_FAC_EDAT1 | GM_FAC_EDAT2 | GM_FAC_IEP;
	assert_int_equal(machine_create(&cfg, &m), 0);
	cpu = machine_cpu(m, 0);
	cpu_dat_env(cpu, &env);
	assert_false(env.edat1); /* facilities without the CR0 bits */
	assert_false(env.edat2);
	assert_false(env.iep);
	assert_int_equal(cpu_set_cr(cpu, 0, 0x00800000), 0);
	assert_int_equal(cpu_set_asc(cpu, 3), 0);
	cpu_dat_env(cpu, &env);
	assert_true(env.edat1);
	assert_true(env.edat2);
	assert_false(env.iep);
	assert_int_equal(env.as, 3);
	assert_int_equal(env.prefix, 0);
	assert_int_equal(cpu_set_cr(cpu, 0, 0x00100000), 0);
	cpu_dat_env(cpu, &env);
	assert_false(env.edat1);
	assert_true(env.iep);
	assert_int_equal(machine_destroy(m), 0);

	cfg.facilities = GM_FAC_EDAT1;
	assert_int_equal(machine_create(&cfg, &m), 0);
	cpu = machine_cpu(m, 0);
	assert_int_equal(cpu_set_cr(cpu, 0, 0x00800000), 0);
	cpu_dat_env(cpu, &env);
	assert_true(env.edat1);
	assert_false(env.edat2);
	assert_int_equal(machine_destroy(m), 0);
}

/*
 * Three address spaces map VA 0x405000 to three frames; the PSW ASC picks
 * CR1, CR7 or CR13; instruction fetch uses CR1 unless in home mode (§6.3-7).
 */
static void test_cpu_translate_asc_selection(void **state)
{
	struct fixture *f = *state;
	const uint64_t va = 0x405678;
	uint64_t asce[3], frame[3];
	static const unsigned cr[3] = { 1, 7, 13 };
	struct dat_result r;

	for (unsigned i = 0; i < 3; i++) {
		uint64_t sto = new_segment_table(f->st, &asce[i]);
		uint64_t pto = new_page_table(f->st, sto, va);

		frame[i] = new_frame(f->st);
		map_page(f->st, pto, va, frame[i]);
		assert_int_equal(cpu_set_cr(f->cpu, cr[i], asce[i]), 0);
	}
	set_psw(f->cpu, PSW64 | PSW_DAT, 0);

	assert_int_equal(cpu_set_asc(f->cpu, 0), 0);
	assert_int_equal(cpu_translate(f->cpu, va, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, frame[0] | 0x678);
	assert_int_equal(cpu_set_asc(f->cpu, 2), 0);
	assert_int_equal(cpu_translate(f->cpu, va, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, frame[1] | 0x678);
	assert_int_equal(cpu_translate(f->cpu, va, DAT_STORE, &r), 0);
	assert_hex_equal(r.aaddr, frame[1] | 0x678);
	assert_int_equal(cpu_translate(f->cpu, va, DAT_IFETCH, &r), 0);
	assert_hex_equal(r.aaddr, frame[0] | 0x678); /* ifetch: primary */
	assert_int_equal(cpu_set_asc(f->cpu, 3), 0);
	assert_int_equal(cpu_translate(f->cpu, va, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, frame[2] | 0x678);
	assert_int_equal(cpu_translate(f->cpu, va, DAT_IFETCH, &r), 0);
	assert_hex_equal(r.aaddr, frame[2] | 0x678); /* ifetch in home: home */
	assert_hex_equal(cpu_get_psw(f->cpu).mask & PSW_MASK_ASC, PSW_ASC_HOME);
	assert_errno(cpu_set_asc(f->cpu, 4), -EINVAL);
	assert_hex_equal(cpu_get_psw(f->cpu).mask & PSW_MASK_ASC, PSW_ASC_HOME);
}

/* Instruction fetch in secondary mode: CR1 is walked, TEID AS = 2 (§0). */
static void test_cpu_translate_ifetch_secondary_teid(void **state)
{
	struct fixture *f = *state;
	uint64_t a_prim, a_sec, frame;
	struct dat_result r;
	uint64_t sto_sec;

	new_segment_table(f->st, &a_prim); /* all STEs invalid */
	sto_sec = new_segment_table(f->st, &a_sec);
	frame = new_frame(f->st);
	map_page(f->st, new_page_table(f->st, sto_sec, 0x600000), 0x600000, frame);
	assert_int_equal(cpu_set_cr(f->cpu, 1, a_prim), 0);
	assert_int_equal(cpu_set_cr(f->cpu, 7, a_sec), 0);
	set_psw(f->cpu, PSW64 | PSW_DAT | PSW_ASC_SECONDARY, 0x600000);

	assert_int_equal(cpu_translate(f->cpu, 0x600010, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, frame | 0x10);
	assert_pic(cpu_translate(f->cpu, 0x600010, DAT_IFETCH, &r), 0x10);
	assert_true(r.teid_valid);
	/* page | fetch (0x800) | AS secondary (2) */
	assert_hex_equal(r.teid, 0x600802);
	/* cpu_access delivers it. */
	{
		uint8_t buf[2];

		set_psw(f->cpu, PSW64 | PSW_DAT | PSW_ASC_SECONDARY, 0x600010);
		assert_int_equal(cpu_lowcore_store(f->cpu, 0x1d8, 8, 0x8000), 0);
		assert_pic(cpu_access(f->cpu, 0x600010, buf, 2, DAT_IFETCH, 2, NULL), 0x10);
		assert_hex_equal(ld(f->st, 0x8e, 2), 0x10);
		assert_hex_equal(ld(f->st, 0xa8, 8), 0x600802);
		assert_hex_equal(ld(f->st, 0x158, 8), 0x600010);
		assert_hex_equal(cpu_get_psw(f->cpu).addr, 0x8000);
	}
}

static void test_cpu_translate_ar_mode(void **state)
{
	struct fixture *f = *state;
	struct dat_result r;
	uint8_t buf[4] = { 0 };

	memset(&r, 0x5a, sizeof(r));
	set_psw(f->cpu, PSW64 | PSW_DAT | PSW_ASC_ACCREG, 0x1000);
	assert_errno(cpu_translate(f->cpu, 0x5000, DAT_FETCH, &r), -EOPNOTSUPP);
	assert_hex_equal(r.aaddr, 0x5a5a5a5a5a5a5a5aULL);
	assert_errno(cpu_access(f->cpu, 0x5000, buf, 4, DAT_FETCH, 4, NULL), -EOPNOTSUPP);
	assert_hex_equal(ld(f->st, 0x8e, 2), 0);
	assert_hex_equal(cpu_get_psw(f->cpu).addr, 0x1000);
	/* With DAT off the ASC does not matter. */
	cpu_set_dat(f->cpu, false);
	assert_int_equal(cpu_translate(f->cpu, 0x5000, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, 0x5000);
}

/* ---- low-address protection (§0, §6.3-3) ---------------------------------- */

static void test_cpu_lap_dat_off(void **state)
{
	struct fixture *f = *state;
	uint8_t data[4] = { 1, 2, 3, 4 }, in[4];
	struct dat_result r;

	assert_int_equal(cpu_set_cr(f->cpu, 0, 0x10000000), 0); /* CR0.35 */
	st8(f->st, 0x100, 0xcafe000000000000ULL);
	set_psw(f->cpu, PSW64, 0x3000);
	assert_int_equal(cpu_lowcore_store(f->cpu, 0x1d8, 8, 0x8000), 0);

	/* Store to 0x100: PIC 4, TEID page | store | LAP (bit 56) | AS 0. */
	assert_pic(cpu_access(f->cpu, 0x100, data, 4, DAT_STORE, 4, &r), 0x04);
	assert_hex_equal(r.teid, 0x480);
	assert_true(r.teid_valid);
	assert_hex_equal(ld(f->st, 0x8e, 2), 0x04);
	assert_hex_equal(ld(f->st, 0xa8, 8), 0x480);
	assert_hex_equal(ld(f->st, 0x100, 8), 0xcafe000000000000ULL); /* nothing stored */
	assert_hex_equal(ld(f->st, 0x158, 8), 0x3004);               /* suppressed */
	/* Fetch is not protected. */
	assert_int_equal(cpu_access(f->cpu, 0x100, in, 4, DAT_FETCH, 4, NULL), 0);
	assert_hex_equal(in[0], 0xca);
	/* 4096-4607 is protected too; 512 and 4608 are not. */
	assert_pic(cpu_translate(f->cpu, 0x11ff, DAT_STORE, &r), 0x04);
	assert_hex_equal(r.teid, 0x1480);
	assert_int_equal(cpu_translate(f->cpu, 0x200, DAT_STORE, &r), 0);
	assert_int_equal(cpu_translate(f->cpu, 0x1200, DAT_STORE, &r), 0);
	assert_int_equal(cpu_translate(f->cpu, 0x1ff, DAT_FETCH, &r), 0);
	/* The AS bits come from the PSW. */
	assert_int_equal(cpu_set_asc(f->cpu, 3), 0);
	assert_pic(cpu_translate(f->cpu, 0x0, DAT_STORE, &r), 0x04);
	assert_hex_equal(r.teid, 0x483);
	/* CR0.35 off: no protection. */
	assert_int_equal(cpu_set_cr(f->cpu, 0, 0), 0);
	assert_int_equal(cpu_translate(f->cpu, 0x100, DAT_STORE, &r), 0);
}

static void test_cpu_lap_dat_on(void **state)
{
	struct fixture *f = *state;
	uint64_t asce, sto, pto, frame;
	struct dat_result r;
	uint8_t data[8] = { 0 };

	sto = new_segment_table(f->st, &asce);
	pto = new_page_table(f->st, sto, 0);
	frame = new_frame(f->st);
	map_page(f->st, pto, 0x0000, frame);
	assert_int_equal(cpu_set_cr(f->cpu, 0, 0x10000000), 0);
	assert_int_equal(cpu_set_cr(f->cpu, 1, asce), 0);
	set_psw(f->cpu, PSW64 | PSW_DAT, 0x2000);

	assert_pic(cpu_translate(f->cpu, 0x100, DAT_STORE, &r), 0x04);
	assert_hex_equal(r.teid, 0x480);
	assert_int_equal(cpu_translate(f->cpu, 0x100, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, frame | 0x100);
	/* A private-space ASCE (P, bit 55) disables LAP under DAT. */
	assert_int_equal(cpu_set_cr(f->cpu, 1, asce | 0x100), 0);
	assert_int_equal(cpu_translate(f->cpu, 0x100, DAT_STORE, &r), 0);
	assert_hex_equal(r.aaddr, frame | 0x100);
	assert_int_equal(cpu_access(f->cpu, 0x100, data, 8, DAT_STORE, 4, NULL), 0);
	/* Secondary mode: the ASCE used is CR7's; its P=0 → protected, AS=2. */
	assert_int_equal(cpu_set_cr(f->cpu, 7, asce), 0);
	assert_int_equal(cpu_set_asc(f->cpu, 2), 0);
	assert_pic(cpu_translate(f->cpu, 0x100, DAT_STORE, &r), 0x04);
	assert_hex_equal(r.teid, 0x482);
	assert_int_equal(cpu_set_cr(f->cpu, 7, asce | 0x100), 0);
	assert_int_equal(cpu_translate(f->cpu, 0x100, DAT_STORE, &r), 0);
}

/* LAP is recognised before the walk: an invalid PTE still gives 0x04. */
static void test_cpu_lap_before_dat(void **state)
{
	struct fixture *f = *state;
	uint64_t asce, sto;
	struct dat_result r;

	sto = new_segment_table(f->st, &asce);
	new_page_table(f->st, sto, 0); /* PTE for page 0 invalid */
	assert_int_equal(cpu_set_cr(f->cpu, 0, 0x10000000), 0);
	assert_int_equal(cpu_set_cr(f->cpu, 1, asce), 0);
	set_psw(f->cpu, PSW64 | PSW_DAT, 0x2000);
	assert_pic(cpu_translate(f->cpu, 0x100, DAT_STORE, &r), 0x04);
	assert_hex_equal(r.teid, 0x480);
	assert_pic(cpu_translate(f->cpu, 0x100, DAT_FETCH, &r), 0x11);
	assert_hex_equal(r.teid, 0x800);
	/* Not a low address: the walk decides (page 2 invalid too). */
	assert_pic(cpu_translate(f->cpu, 0x2100, DAT_STORE, &r), 0x11);
	assert_hex_equal(r.teid, 0x2400);
}

/* ---- access --------------------------------------------------------------------- */

static void test_cpu_access_dat_off(void **state)
{
	struct fixture *f = *state;
	uint8_t in[16], out[16];
	struct dat_result r;

	for (unsigned i = 0; i < 16; i++)
		out[i] = (uint8_t)(0x30 + i);
	set_psw(f->cpu, PSW64, 0x2000);
	/* Crossing a page boundary in real storage. */
	assert_int_equal(cpu_access(f->cpu, 0x300ff8, out, 16, DAT_STORE, 4, &r), 0);
	assert_hex_equal(r.aaddr, 0x300ff8);
	assert_int_equal(storage_read(f->st, 0x300ff8, in, 16), 0);
	assert_memory_equal(in, out, 16);
	memset(in, 0, sizeof(in));
	assert_int_equal(cpu_access(f->cpu, 0x300ff8, in, 16, DAT_FETCH, 4, NULL), 0);
	assert_memory_equal(in, out, 16);
	assert_int_equal(cpu_access(f->cpu, 0x300ff8, in, 0, DAT_FETCH, 4, NULL), 0);

	/* Past the end of storage: addressing (0x05), no TEID, suppressed. */
	st8(f->st, 0xa8, 0x5555);
	assert_int_equal(cpu_lowcore_store(f->cpu, 0x1d8, 8, 0x8000), 0);
	assert_pic(cpu_access(f->cpu, STORAGE_SIZE + 0x10, in, 4, DAT_FETCH, 6, &r), 0x05);
	assert_false(r.teid_valid);
	assert_hex_equal(ld(f->st, 0x8e, 2), 0x05);
	assert_hex_equal(ld(f->st, 0xa8, 8), 0x5555);
	assert_hex_equal(ld(f->st, 0x158, 8), 0x2006);
	/* The last byte of storage is addressable; one more is not. */
	set_psw(f->cpu, PSW64, 0x2000);
	assert_int_equal(cpu_access(f->cpu, STORAGE_SIZE - 1, in, 1, DAT_FETCH, 4, NULL), 0);
	assert_pic(cpu_access(f->cpu, STORAGE_SIZE - 1, in, 2, DAT_FETCH, 4, NULL), 0x05);
}

/* 31-bit and 24-bit addressing ignore the high bits (§1, QEMU s390_cpu_tlb_fill). */
static void test_cpu_translate_addressing_modes(void **state)
{
	struct fixture *f = *state;
	uint64_t asce, sto, pto, frame;
	struct dat_result r;
	uint8_t in[4];

	assert_int_equal(storage_store(f->st, 0x300000, 4, 0x0a0b0c0d), 0);
	set_psw(f->cpu, 0x0000000080000000ULL, 0); /* BA only: 31-bit */
	assert_int_equal(cpu_translate(f->cpu, 0x80300000, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, 0x300000);
	assert_int_equal(cpu_access(f->cpu, 0xffffffff80300000ULL, in, 4, DAT_FETCH, 4, NULL), 0);
	assert_hex_equal(in[0], 0x0a);
	assert_hex_equal(in[3], 0x0d);
	set_psw(f->cpu, 0, 0); /* 24-bit */
	assert_int_equal(cpu_translate(f->cpu, 0x7f300000, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, 0x300000);
	/* 64-bit: the address is used whole (and is outside storage). */
	set_psw(f->cpu, PSW64, 0);
	assert_pic(cpu_translate(f->cpu, 0x80300000, DAT_FETCH, &r), 0x05);

	/* DAT on, 31-bit: the segment-table ASCE reaches the masked address. */
	sto = new_segment_table(f->st, &asce);
	pto = new_page_table(f->st, sto, 0x405000);
	frame = new_frame(f->st);
	map_page(f->st, pto, 0x405000, frame);
	assert_int_equal(cpu_set_cr(f->cpu, 1, asce), 0);
	set_psw(f->cpu, 0x0000000080000000ULL | PSW_DAT, 0);
	assert_int_equal(cpu_translate(f->cpu, 0xffffffff80405123ULL, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, frame | 0x123);
	/* In 64-bit mode the same address is beyond a segment table: ASCE type. */
	set_psw(f->cpu, PSW64 | PSW_DAT, 0);
	assert_pic(cpu_translate(f->cpu, 0xffffffff80405123ULL, DAT_FETCH, &r), 0x38);
}

/*
 * An operand crossing into an invalid page: the exception is for the second
 * page, and nothing is stored into the first one.
 */
static void test_cpu_access_cross_page_invalid(void **state)
{
	struct fixture *f = *state;
	uint64_t asce, sto, pto, frame;
	uint8_t out[16], in[16];
	struct dat_result r;

	sto = new_segment_table(f->st, &asce);
	pto = new_page_table(f->st, sto, 0x405000);
	frame = new_frame(f->st);
	map_page(f->st, pto, 0x405000, frame); /* page 0x406000 stays invalid */
	st8(f->st, frame + 0xff8, 0x0102030405060708ULL);
	assert_int_equal(cpu_set_cr(f->cpu, 1, asce), 0);
	set_psw(f->cpu, PSW64 | PSW_DAT, 0x7000);
	assert_int_equal(cpu_lowcore_store(f->cpu, 0x1d8, 8, 0x8000), 0);
	memset(out, 0xee, sizeof(out));

	assert_pic(cpu_access(f->cpu, 0x405ff8, out, 16, DAT_STORE, 4, &r), 0x11);
	assert_hex_equal(r.teid, 0x406400); /* second page | store | AS 0 */
	assert_hex_equal(ld(f->st, frame + 0xff8, 8), 0x0102030405060708ULL);
	assert_hex_equal(ld(f->st, 0x8e, 2), 0x11);
	assert_hex_equal(ld(f->st, 0xa8, 8), 0x406400);
	assert_hex_equal(ld(f->st, 0x158, 8), 0x7000); /* nullified */
	assert_hex_equal(cpu_get_psw(f->cpu).addr, 0x8000);

	/* Fetch across the same boundary. */
	set_psw(f->cpu, PSW64 | PSW_DAT, 0x7000);
	assert_pic(cpu_access(f->cpu, 0x405ffc, in, 8, DAT_FETCH, 4, &r), 0x11);
	assert_hex_equal(r.teid, 0x406800);

	/* Once the second page is mapped, the access spans both frames. */
	{
		uint64_t frame2 = new_frame(f->st);

		map_page(f->st, pto, 0x406000, frame2);
		set_psw(f->cpu, PSW64 | PSW_DAT, 0x7000);
		assert_int_equal(cpu_access(f->cpu, 0x405ff8, out, 16, DAT_STORE, 4, NULL), 0);
		assert_hex_equal(ld(f->st, frame + 0xff8, 8), 0xeeeeeeeeeeeeeeeeULL);
		assert_hex_equal(ld(f->st, frame2, 8), 0xeeeeeeeeeeeeeeeeULL);
		assert_hex_equal(ld(f->st, frame2 + 8, 8), 0);
		assert_int_equal(cpu_access(f->cpu, 0x405ff8, in, 16, DAT_FETCH, 4, NULL), 0);
		assert_memory_equal(in, out, 16);
	}
}

static void test_cpu_bad_inputs(void **state)
{
	struct fixture *f = *state;
	struct dat_result r;
	uint8_t buf[4] = { 0 };

	assert_int_equal(cpu_set_cr(f->cpu, 15, 0xf), 0);
	assert_errno(cpu_set_cr(f->cpu, 16, 0x1234), -EINVAL);
	assert_errno(cpu_set_cr(NULL, 1, 0x1234), -EINVAL);
	assert_hex_equal(cpu_get_cr(f->cpu, 16), 0);
	assert_hex_equal(cpu_get_cr(NULL, 1), 0);
	assert_hex_equal(cpu_get_cr(f->cpu, 15), 0xf);
	for (unsigned n = 0; n < 15; n++)
		assert_hex_equal(cpu_get_cr(f->cpu, n), 0);

	set_psw(f->cpu, PSW64, 0x2000);
	assert_errno(cpu_translate(NULL, 0x5000, DAT_FETCH, &r), -EINVAL);
	assert_errno(cpu_translate(f->cpu, 0x5000, DAT_FETCH, NULL), -EINVAL);
	assert_errno(cpu_translate(f->cpu, 0x5000, (enum dat_access)3, &r), -EINVAL);
	assert_errno(cpu_access(NULL, 0x5000, buf, 4, DAT_FETCH, 4, NULL), -EINVAL);
	assert_errno(cpu_access(f->cpu, 0x5000, NULL, 4, DAT_FETCH, 4, NULL), -EINVAL);
	assert_errno(cpu_access(f->cpu, 0x5000, buf, 4, (enum dat_access)7, 4, NULL), -EINVAL);
	/* A bad ILC is refused before anything happens, even for a faulting access. */
	assert_errno(cpu_access(f->cpu, STORAGE_SIZE, buf, 4, DAT_FETCH, 3, NULL), -EINVAL);
	assert_hex_equal(ld(f->st, 0x8c, 4), 0);
	assert_hex_equal(cpu_get_psw(f->cpu).addr, 0x2000);
	assert_errno(cpu_set_asc(NULL, 0), -EINVAL);
	/* Query functions accept NULL. */
	assert_int_equal(cpu_prefix(NULL), 0);
	assert_null(cpu_machine(NULL));
	assert_null(machine_cpu(NULL, 0));
	assert_int_equal(machine_ncpus(NULL), 0);
	cpu_set_dat(NULL, true);
	cpu_set_gmap_addr(NULL, 1);
	cpu_set_gmap_addr(f->cpu, 0x12345000);
	assert_hex_equal(cpu_gmap_addr(f->cpu), 0x12345000);
	assert_hex_equal(cpu_gmap_addr(f->cpu1), 0);
}

static void test_cpu_set_dat(void **state)
{
	struct fixture *f = *state;

	cpu_set_dat(f->cpu, true);
	assert_hex_equal(cpu_get_psw(f->cpu).mask, PSW64 | PSW_DAT);
	assert_int_equal(cpu_set_asc(f->cpu, 2), 0);
	assert_hex_equal(cpu_get_psw(f->cpu).mask, PSW64 | PSW_DAT | 0x0000800000000000ULL);
	cpu_set_dat(f->cpu, false);
	assert_hex_equal(cpu_get_psw(f->cpu).mask, PSW64 | 0x0000800000000000ULL);
}

/* Records the kind of the last TLB-purge event. */
static void last_purge_hook(void *opaque, const struct gm_event *ev)
{
	if (ev->type == GM_EV_TLB_PURGE)
		*(uint64_t *)opaque = ev->a;
}

/* SET PREFIX clears this CPU's TLB (dat-reference §9); a refused one does not. */
static void test_cpu_set_prefix_purges_tlb(void **state)
{
	struct fixture *f = *state;
	uint64_t asce, sto, pto, frame;
	struct tlb_stats ts;
	struct dat_result r;
	uint32_t p = reserve_prefix(f->st, 0x7e000);
	uint64_t kind = ~0ULL;

	assert_true(machine_tlb_enabled(f->m));
	sto = new_segment_table(f->st, &asce);
	pto = new_page_table(f->st, sto, 0x405000);
	frame = new_frame(f->st);
	map_page(f->st, pto, 0x405000, frame);
	assert_int_equal(cpu_set_cr(f->cpu, 1, asce), 0);
	set_psw(f->cpu, PSW64 | PSW_DAT, 0);
	assert_int_equal(cpu_translate(f->cpu, 0x405000, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, frame);
	tlb_get_stats(f->cpu, &ts);
	assert_true(ts.entries > 0);
	assert_errno(cpu_set_prefix(f->cpu, 0x7e100), -EINVAL);
	tlb_get_stats(f->cpu, &ts);
	assert_true(ts.entries > 0);
	machine_set_event_hook(f->m, last_purge_hook, &kind);
	assert_int_equal(cpu_set_prefix(f->cpu, p), 0);
	machine_set_event_hook(f->m, NULL, NULL);
	assert_int_equal(kind, TLB_PURGE_SPX);
	tlb_get_stats(f->cpu, &ts);
	assert_int_equal(ts.entries, 0);
	assert_int_equal(cpu_translate(f->cpu, 0x405000, DAT_FETCH, &r), 0);
	assert_hex_equal(r.aaddr, frame);
}

static void test_machine_create_tlb(void **state)
{
	struct fixture *f = *state;

	assert_true(machine_tlb_enabled(f->m));
	assert_non_null(f->cpu->tlb);
	assert_non_null(f->cpu1->tlb);
	assert_ptr_not_equal(f->cpu->tlb, f->cpu1->tlb);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
#define TT(fn) cmocka_unit_test_setup_teardown(fn, setup_tlb, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_machine_create_bad_configs),
		cmocka_unit_test(test_machine_create_at_puts_storage_at_the_host_address),
		cmocka_unit_test(test_machine_create_cpus),
		T(test_machine_event_hook),
		cmocka_unit_test(test_machine_destroy_busy_with_mm),
		cmocka_unit_test(test_machine_two_independent),
		T(test_cpu_prefix_both_ways),
		T(test_cpu_set_prefix_errors),
		T(test_cpu_lowcore_offsets),
		T(test_cpu_deliver_pgm_nullifying),
		T(test_cpu_deliver_pgm_suppressing),
		T(test_cpu_deliver_pgm_teid_codes),
		T(test_cpu_deliver_pgm_prefix_area),
		T(test_cpu_deliver_pgm_bad_input),
		cmocka_unit_test(test_cpu_dat_env),
		T(test_cpu_translate_asc_selection),
		T(test_cpu_translate_ifetch_secondary_teid),
		T(test_cpu_translate_ar_mode),
		T(test_cpu_lap_dat_off),
		T(test_cpu_lap_dat_on),
		T(test_cpu_lap_before_dat),
		T(test_cpu_access_dat_off),
		T(test_cpu_translate_addressing_modes),
		T(test_cpu_access_cross_page_invalid),
		T(test_cpu_bad_inputs),
		T(test_cpu_set_dat),
		/* Again on a machine with a TLB per CPU. */
		TT(test_machine_create_tlb),
		TT(test_cpu_set_prefix_purges_tlb),
		TT(test_cpu_prefix_both_ways),
		TT(test_cpu_deliver_pgm_prefix_area),
		TT(test_cpu_translate_asc_selection),
		TT(test_cpu_translate_ifetch_secondary_teid),
		TT(test_cpu_translate_ar_mode),
		TT(test_cpu_lap_dat_on),
		TT(test_cpu_lap_before_dat),
		TT(test_cpu_translate_addressing_modes),
		TT(test_cpu_access_cross_page_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
