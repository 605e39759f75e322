/* SPDX-License-Identifier: MIT */
/*
 * Dumps of small hand-built states contain the right decoded entries.
 * Entry values are written by the test (raw tables) or follow from the
 * seed's encodings (gmap-semantics §1.16: EMPTY 0x20, MAPPED 0x220 | vmaddr,
 * LINKED = page-table origin).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "gmap-test.h"
#include "test-dumpcheck.h"
#include "gmap/libgmap.h"

#define assert_contains(hay, needle)                                                   \
	do {                                                                           \
		if (!strstr((hay), (needle)))                                          \
			fail_msg("expected to find \"%s\" in:\n%s", (needle), (hay));  \
	} while (0)

/* Occurrences of @needle (a plain loop: ASan's strstr rescans the haystack
 * on every call, quadratic on a 5 MB dump). */
static unsigned count(const char *hay, const char *needle)
{
	size_t nl = strlen(needle), hl = strlen(hay);
	unsigned n = 0;

	for (size_t i = 0; i + nl <= hl; i++)
		if (hay[i] == needle[0] && !memcmp(hay + i, needle, nl))
			n++;
	return n;
}

/* Every JSON output parses strictly; every DOT output renders without a warning. */
static void assert_well_formed(enum dump_format f, const char *t)
{
	if (f == DUMP_JSON)
		assert_json_valid(t);
	else if (f == DUMP_DOT)
		assert_dot_renders(t);
}

static struct gm_machine *new_machine(uint64_t size)
{
	struct gm_machine_config cfg = { size, 1, 0, false };
	struct gm_machine *m = NULL;

	assert_int_equal(machine_create(&cfg, &m), 0);
	return m;
}

/* A segment-table ASCE at 0x40000 with one page table at 0x50000. */
static struct gm_machine *raw_tables(void)
{
	struct gm_machine *m = new_machine(16ULL << 20);
	struct gm_storage *st = machine_storage(m);

	assert_int_equal(storage_store8(st, 0x40020, 0x50000), 0);   /* ST[4] -> PT */
	assert_int_equal(storage_store8(st, 0x40030, 0x20), 0);      /* ST[6] empty */
	assert_int_equal(storage_store8(st, 0x40038, 0x60220), 0);   /* ST[7] invalid, odd */
	assert_int_equal(storage_store8(st, 0x50028, 0x123000), 0);  /* PT[5] frame */
	assert_int_equal(storage_store8(st, 0x50030, 0x124400), 0);  /* PT[6] invalid, frame kept */
	assert_int_equal(storage_store8(st, 0x50038, 0x125800), 0);  /* PT[7] bit 52 */
	assert_int_equal(storage_store8(st, 0x50040, 0x126200), 0);  /* PT[8] protected */
	assert_int_equal(storage_store8(st, 0x50048, 0x400), 0);     /* PT[9] empty */
	return m;
}

static void test_dump_raw_text(void **state)
{
	struct gm_machine *m = raw_tables();
	char *t = NULL;
	size_t len = 0;

	(void)state;
	assert_int_equal(dump_asce(m, 0x40003, NULL, &t, &len), 0);
	assert_int_equal(strlen(t), len);
	assert_contains(t, "asce 0x0000000000040003 (segment table, tl 3)\n");
	assert_contains(t, "ste[0x004] 0x0000000000050000  -> pt 0x0000000000050000  va "
			   "0x0000000000400000\n");
	assert_contains(t, "pte[0x05] 0x0000000000123000  -> frame 0x0000000000123000  va "
			   "0x0000000000405000\n");
	assert_contains(t, "pte[0x06] 0x0000000000124400  invalid (frame 0x0000000000124000 kept)");
	assert_contains(t, "pte[0x07] 0x0000000000125800  bit 52 set");
	assert_contains(t, "pte[0x08] 0x0000000000126200  -> frame 0x0000000000126000 p  va");
	assert_contains(t, "ste[0x007] 0x0000000000060220  invalid");
	/* empty entries are not shown by default */
	assert_null(strstr(t, "ste[0x006]"));
	assert_null(strstr(t, "pte[0x09]"));
	free(t);
	machine_destroy(m);
}

static void test_dump_all_entries_flag(void **state)
{
	struct gm_machine *m = raw_tables();
	struct dump_options o = { DUMP_TEXT, DUMP_ALL_ENTRIES, NULL, NULL, NULL };
	char *t = NULL;

	(void)state;
	assert_int_equal(dump_asce(m, 0x40003, &o, &t, NULL), 0);
	assert_well_formed(o.format, t);
	assert_contains(t, "ste[0x006] 0x0000000000000020  empty");
	assert_contains(t, "pte[0x09] 0x0000000000000400  empty");
	/* TL 3: all 2048 segment entries.  A zero STE is a *valid* entry
	 * designating a page table at 0 (I = 0, TT = 00), so all 2046 valid
	 * STEs (all but ST[6] and ST[7]) show their 256 PTEs. */
	assert_int_equal(count(t, "  ste[0x7ff]"), 0); /* elided: see below */
	assert_contains(t, "ste[0x003] 0x0000000000000000  -> pt 0x0000000000000000");
	/* 2046 * 256 PTEs would be shown: the dump stops at DUMP_MAX_ENTRIES */
	assert_int_equal(count(t, "  ste[") + count(t, "  pte["), DUMP_MAX_ENTRIES);
	assert_contains(t, "more than 50000 entries");
	free(t);
	machine_destroy(m);
}

static void test_dump_outside_storage(void **state)
{
	struct gm_machine *m = new_machine(1ULL << 20);
	char *t = NULL;

	(void)state;
	assert_int_equal(dump_asce(m, 0x100000003ULL, NULL, &t, NULL), 0);
	assert_contains(t, "sgt 0x0000000100000000 is outside storage");
	free(t);
	/* real-space ASCE: no tables */
	assert_int_equal(dump_asce(m, 0x20, NULL, &t, NULL), 0);
	assert_contains(t, "real space: no tables");
	free(t);
	machine_destroy(m);
}

static void test_dump_self_referencing_is_bounded(void **state)
{
	struct gm_machine *m = new_machine(1ULL << 20);
	struct gm_storage *st = machine_storage(m);
	char *t = NULL;

	(void)state;
	/* an R1 table whose every entry designates itself as an R2 table:
	 * the walk must stop (DUMP_MAX_TABLES), not recurse 2048^4 times */
	for (unsigned i = 0; i < 2048; i++)
		assert_int_equal(storage_store8(st, 0x10000 + i * 8ULL, 0x1000f), 0);
	assert_int_equal(dump_asce(m, 0x1000f, NULL, &t, NULL), 0);
	assert_contains(t, "bad table type");
	assert_contains(t, "entries: the rest is not shown");
	free(t);
	for (unsigned i = 0; i < 2048; i++)
		assert_int_equal(storage_store8(st, 0x20000 + i * 8ULL, 0x2000c | 3), 0);
	/* R1 entries all point at 0x20000 whose entries (TT=11 in an R2 table)
	 * are bad types: a bounded dump */
	assert_int_equal(storage_store8(st, 0x10000, 0x2000f), 0);
	assert_int_equal(dump_asce(m, 0x1000f, NULL, &t, NULL), 0);
	free(t);
	machine_destroy(m);
}

struct seed {
	struct gm_machine *m;
	struct mm_struct *mm;
	struct gmap *g1, *g2;
	uint64_t pto;
};

static const char *mm_name(void *o, const struct mm_struct *mm)
{
	(void)o;
	(void)mm;
	return "P";
}

static const char *gmap_name(void *o, const struct gmap *g)
{
	struct seed *s = o;

	return g == s->g1 ? "G1" : g == s->g2 ? "G2" : NULL;
}

/* Process maps 1 MB at 0x100000; G1 maps it at guest 0 and G2 at guest 2G;
 * both link it; G1 also maps guest 1M -> 0x200000 (MAPPED, never linked). */
static void build_seed(struct seed *s)
{
	memset(s, 0, sizeof(*s));
	s->m = new_machine(16ULL << 20);
	assert_int_equal(mm_create(s->m, MM_PGSTE, &s->mm), 0);
	mm_switch(s->mm, machine_current_cpu(s->m));
	assert_int_equal(mm_mmap(s->mm, 0x100000, 1ULL << 20, MM_PROT_READ | MM_PROT_WRITE,
				 MM_MAP_FIXED, NULL),
			 0);
	s->g1 = gmap_alloc(s->mm);
	s->g2 = gmap_alloc(s->mm);
	assert_non_null(s->g1);
	assert_non_null(s->g2);
	assert_int_equal(gmap_map_segment(s->g1, 0x100000, 0, 1UL << 20), 0);
	assert_int_equal(gmap_map_segment(s->g1, 0x200000, 0x100000, 1UL << 20), 0);
	assert_int_equal(gmap_map_segment(s->g2, 0x100000, 0x80000000UL, 1UL << 20), 0);
	assert_int_equal(gmap_fault(0x123, s->g1), 0x100123);
	assert_int_equal(gmap_fault(0x80000456UL, s->g2), 0x100456);
	assert_int_equal(mm_pte_table(s->mm, 0x100000, false, &s->pto), 0);
}

static void free_seed(struct seed *s)
{
	gmap_free(s->g1);
	gmap_free(s->g2);
	assert_int_equal(mm_destroy(s->mm), 0);
	assert_int_equal(machine_destroy(s->m), 0);
}

static void test_dump_gmap_states(void **state)
{
	struct seed s;
	struct dump_options o = { DUMP_TEXT, 0, mm_name, gmap_name, NULL };
	char *t = NULL, line[160];

	(void)state;
	build_seed(&s);
	o.opaque = &s;
	assert_int_equal(dump_gmap(s.g1, &o, &t, NULL), 0);
	assert_well_formed(o.format, t);
	assert_contains(t, "gmap G1 on P: asce ");
	/* asce low bits 0x1cf: R1, TL 3, user bits */
	snprintf(line, sizeof(line), "asce 0x%016" PRIx64 " (region-first table, tl 3)", s.g1->asce);
	assert_contains(t, line);
	assert_hex_equal(s.g1->asce & 0xfff, 0x1cf);
	snprintf(line, sizeof(line), "ste[0x000] 0x%016" PRIx64 "  LINKED -> pt 0x%016" PRIx64, s.pto,
		 s.pto);
	assert_contains(t, line);
	assert_contains(t, "ste[0x001] 0x0000000000200220  MAPPED -> process 0x0000000000200000  "
			   "guest 0x0000000000100000");
	/* gmap_fault links only: the page itself is still empty */
	assert_contains(t, "= the page table of mm P for process 0x0000000000100000, 0 valid pte(s)");
	assert_contains(t, "gmap G1 (guest 0x0000000000000000)");
	assert_contains(t, "gmap G2 (guest 0x0000000080000000)");
	free(t);
	free_seed(&s);
}

static void test_dump_mm_shows_linkers(void **state)
{
	struct seed s;
	struct dump_options o = { DUMP_TEXT, 0, mm_name, gmap_name, NULL };
	char *t = NULL, line[160];

	(void)state;
	build_seed(&s);
	o.opaque = &s;
	assert_int_equal(dump_mm(s.mm, &o, &t, NULL), 0);
	assert_well_formed(o.format, t);
	assert_contains(t, "mm P: asce ");
	assert_contains(t, "pgste, 2 gmap(s)");
	assert_contains(t, "vma 0x0000000000100000-0x0000000000200000 rw-");
	/* segment index 1 of the process (0x100000 >> 20) */
	snprintf(line, sizeof(line), "ste[0x001] 0x%016" PRIx64 "  -> pt 0x%016" PRIx64, s.pto, s.pto);
	assert_contains(t, line);
	assert_contains(t, "shared: linked by ");
	assert_contains(t, "gmap G1 (guest 0x0000000000000000)");
	assert_contains(t, "gmap G2 (guest 0x0000000080000000)");
	free(t);
	free_seed(&s);
}

static void test_dump_json(void **state)
{
	struct seed s;
	struct dump_options o = { DUMP_JSON, 0, mm_name, gmap_name, NULL };
	struct dump_root roots[2];
	char *t = NULL, want[200];

	(void)state;
	build_seed(&s);
	o.opaque = &s;
	roots[0] = (struct dump_root){ mm_asce(s.mm), s.mm, NULL };
	roots[1] = (struct dump_root){ s.g1->asce, NULL, s.g1 };
	assert_int_equal(dump_roots(s.m, roots, 2, &o, &t, NULL), 0);
	assert_well_formed(o.format, t);
	assert_contains(t, "{\"roots\":[{\"name\":\"P\",\"kind\":\"mm\"");
	assert_contains(t, "{\"name\":\"G1\",\"kind\":\"gmap\",\"mm\":\"P\"");
	assert_contains(t, "\"state\":\"MAPPED\",\"target\":\"0x0000000000200000\"");
	snprintf(want, sizeof(want), "\"state\":\"LINKED\",\"page_table\":\"0x%016" PRIx64
		 "\",\"mm\":\"P\",\"process\":\"0x0000000000100000\"", s.pto);
	assert_contains(t, want);
	assert_contains(t, "],\"truncated\":false}\n");
	/* balanced braces and brackets */
	{
		int b = 0, k = 0;

		for (const char *p = t; *p; p++) {
			b += (*p == '{') - (*p == '}');
			k += (*p == '[') - (*p == ']');
			assert_true(b >= 0 && k >= 0);
		}
		assert_int_equal(b, 0);
		assert_int_equal(k, 0);
	}
	free(t);
	free_seed(&s);
}

static void test_dump_dot_shares_page_table(void **state)
{
	struct seed s;
	struct dump_options o = { DUMP_DOT, 0, mm_name, gmap_name, NULL };
	struct dump_root roots[3];
	char *t = NULL, node[64], edge[64];

	(void)state;
	build_seed(&s);
	o.opaque = &s;
	roots[0] = (struct dump_root){ mm_asce(s.mm), s.mm, NULL };
	roots[1] = (struct dump_root){ s.g1->asce, NULL, s.g1 };
	roots[2] = (struct dump_root){ s.g2->asce, NULL, s.g2 };
	assert_int_equal(dump_roots(s.m, roots, 3, &o, &t, NULL), 0);
	assert_well_formed(o.format, t);
	assert_contains(t, "digraph gmap {");
	/* the shared page table is ONE node ... */
	snprintf(node, sizeof(node), "  t%" PRIx64 " [label=", s.pto);
	assert_int_equal(count(t, node), 1);
	assert_contains(t, "(shared)");
	/* ... reached from the process and from both guests */
	snprintf(edge, sizeof(edge), "-> t%" PRIx64 ":h", s.pto);
	assert_int_equal(count(t, edge), 3);
	assert_int_equal(count(t, "label=\"linked\""), 2);
	free(t);
	free_seed(&s);
}

/* Region-second ASCE: R2 -> R3 -> segment table with TF/TL and P/CS bits
 * (PoP "region-table entry": TF bits 56-57, TL 62-63; P bit 54 only with
 * EDAT-1, so it is shown as ignored here). */
static void test_dump_region_tables_text(void **state)
{
	struct gm_machine *m = new_machine(16ULL << 20);
	struct gm_storage *st = machine_storage(m);
	char *t = NULL;

	(void)state;
	assert_int_equal(storage_store8(st, 0x40000, 0x4400b), 0);  /* R2[0] -> R3 0x44000 */
	assert_int_equal(storage_store8(st, 0x40008, 0x44007), 0);  /* R2[1]: TT 01 */
	assert_int_equal(storage_store8(st, 0x44008, 0x48246), 0);  /* R3[1] P, TF 1, TL 2 */
	assert_int_equal(storage_store8(st, 0x48000, 0x60000), 0);  /* ST[0]: below TF */
	assert_int_equal(storage_store8(st, 0x48000 + 512 * 8, 0x50210), 0); /* ST[512] P CS */
	assert_int_equal(dump_asce(m, 0x4000b, NULL, &t, NULL), 0);
	assert_contains(t, "asce 0x000000000004000b (region-second table, tl 3)\n");
	assert_contains(t, "r2te[0x000] 0x000000000004400b  -> r3t 0x0000000000044000  va "
			   "0x0000000000000000\n");
	assert_contains(t, "r2te[0x001] 0x0000000000044007  bad table type 1 (a r2te needs 2)  va "
			   "0x0000040000000000\n");
	assert_contains(t, "r3te[0x001] 0x0000000000048246  -> sgt 0x0000000000048000 p(ignored) "
			   "tf 1 tl 2  va 0x0000000080000000\n");
	assert_contains(t, "ste[0x200] 0x0000000000050210  -> pt 0x0000000000050000 p cs  va "
			   "0x00000000a0000000\n");
	assert_null(strstr(t, "ste[0x000]"));
	free(t);
	/* A region-third ASCE names its table type. */
	assert_int_equal(dump_asce(m, 0x44007, NULL, &t, NULL), 0);
	assert_contains(t, "(region-third table, tl 3)");
	free(t);
	machine_destroy(m);
}

/* With EDAT-1/2, FC=1 entries are frames (PoP "enhanced DAT"): a 2 GB
 * frame from an R3TE and a 1 MB frame from an STE, with P/IEP/CR flags. */
static void test_dump_large_frames_all_formats(void **state)
{
	struct gm_machine_config cfg = { 16ULL << 20, 1,
					 GM_FAC_EDAT1 | GM_FAC_EDAT2 | GM_FAC_IEP, false };
	struct dump_options o = { DUMP_JSON, 0, NULL, NULL, NULL };
	struct gm_machine *m = NULL;
	struct gm_storage *st;
	char *t = NULL;

	(void)state;
	assert_int_equal(machine_create(&cfg, &m), 0);
	st = machine_storage(m);
	/* the facilities take effect with CR0.40 (EDAT) and CR0.43 (IEP) */
	assert_non_null(machine_current_cpu(m));
	assert_int_equal(cpu_set_cr(machine_current_cpu(m), 0, CR0_EDAT | CR0_IEP), 0);
	assert_int_equal(storage_store8(st, 0x40000, 0x44007), 0);  /* R3[0] -> sgt */
	assert_int_equal(storage_store8(st, 0x40010, 0x80000000ULL | 0x400 | 0x200 | 0x100 | 0x10 | 0x7), 0);
	assert_int_equal(storage_store8(st, 0x44018, 0x300000 | 0x400 | 0x100), 0); /* ST[3] */
	assert_int_equal(dump_asce(m, 0x40007, NULL, &t, NULL), 0);
	assert_contains(t, "r3te[0x002] 0x0000000080000717  -> 2G frame 0x0000000080000000 "
			   "(absolute) p iep cr  va 0x0000000100000000\n");
	assert_contains(t, "ste[0x003] 0x0000000000300500  -> 1M frame 0x0000000000300000 "
			   "(absolute) iep  va 0x0000000000300000\n");
	free(t);
	assert_int_equal(dump_asce(m, 0x40007, &o, &t, NULL), 0);
	assert_well_formed(o.format, t);
	assert_contains(t, "\"type\":\"r3te\",\"valid\":true,\"va\":\"0x0000000100000000\","
			   "\"kind\":\"frame\",\"p\":true,\"frame\":\"0x0000000080000000\"");
	assert_contains(t, "\"kind\":\"frame\",\"p\":false,\"frame\":\"0x0000000000300000\"");
	free(t);
	o.format = DUMP_DOT;
	assert_int_equal(dump_asce(m, 0x40007, &o, &t, NULL), 0);
	assert_well_formed(o.format, t);
	assert_contains(t, "|<e2> [0x2] 0x80000717 frame 0x80000000");
	assert_contains(t, "|<e3> [0x3] 0x300500 frame 0x300000");
	assert_contains(t, "|<e0> [0x0] 0x44007 sgt");
	free(t);
	machine_destroy(m);
}

/* DOT of the raw tables: every entry kind has its field; a table with more
 * than 24 shown entries ends in "|N more". */
static void test_dump_dot_fields(void **state)
{
	struct gm_machine *m = raw_tables();
	struct dump_options o = { DUMP_DOT, 0, NULL, NULL, NULL };
	char *t = NULL;

	(void)state;
	assert_int_equal(dump_asce(m, 0x40003, &o, &t, NULL), 0);
	assert_well_formed(o.format, t);
	assert_contains(t, "  t40000 [label=\"<h> sgt 0x40000|<e4> [0x4] 0x50000 pt|<e7> [0x7] "
			   "0x60220 invalid\"];\n");
	assert_contains(t, "  t40000:e4 -> t50000:h;\n");
	assert_contains(t, "|<e5> [0x5] 0x123000 frame 0x123000|<e6> [0x6] 0x124400 invalid"
			   "|<e7> [0x7] 0x125800 bit 52|<e8> [0x8] 0x126200 frame 0x126000\"];");
	free(t);
	/* All entries: 2048 STEs (24 shown, 2024 more); the page tables at 0
	 * (reached by 2046 zero STEs, one node) and 0x50000 show 24 of 256. */
	o.flags = DUMP_ALL_ENTRIES;
	assert_int_equal(dump_asce(m, 0x40003, &o, &t, NULL), 0);
	assert_well_formed(o.format, t);
	assert_int_equal(count(t, "|2024 more\""), 1);
	assert_int_equal(count(t, "|232 more\""), 2);
	assert_int_equal(count(t, "  t0 [label="), 1);
	assert_int_equal(count(t, "-> t0:h;"), 2045); /* all but ST[4], ST[6], ST[7] */
	free(t);
	machine_destroy(m);
}

/* Chains R1[i] -> R2 -> R3 -> ST -> PT, the same four tables for each of
 * the 2048 R1 entries: 1 + 4 * 2048 tables exceed DUMP_MAX_TABLES. */
static void test_dump_table_limit(void **state)
{
	struct gm_machine *m = new_machine(1ULL << 20);
	struct gm_storage *st = machine_storage(m);
	struct dump_options o = { DUMP_JSON, 0, NULL, NULL, NULL };
	char *t = NULL;

	(void)state;
	for (unsigned i = 0; i < 2048; i++)
		assert_int_equal(storage_store8(st, 0x10000 + i * 8ULL, 0x1400f), 0);
	assert_int_equal(storage_store8(st, 0x14000, 0x1800b), 0);
	assert_int_equal(storage_store8(st, 0x18000, 0x1c007), 0);
	assert_int_equal(storage_store8(st, 0x1c000, 0x20000), 0);
	assert_int_equal(storage_store8(st, 0x20000, 0x30000), 0);
	assert_int_equal(dump_asce(m, 0x1000f, NULL, &t, NULL), 0);
	assert_int_equal(count(t, "... (more than 8192 tables: not shown)\n"), 1);
	/* 2047 full chains and one cut before its page table */
	assert_int_equal(count(t, "pte[0x00] 0x0000000000030000  -> frame"), 2047);
	free(t);
	assert_int_equal(dump_asce(m, 0x1000f, &o, &t, NULL), 0);
	assert_well_formed(o.format, t);
	assert_contains(t, "\"truncated\":true");
	free(t);
	/* JSON of a table outside storage */
	assert_int_equal(dump_asce(m, 0x200003ULL, &o, &t, NULL), 0);
	assert_well_formed(o.format, t);
	assert_contains(t, "\"outside_storage\":true");
	free(t);
	machine_destroy(m);
}

static const char *no_name(void *o, const void *p)
{
	(void)o;
	(void)p;
	return NULL;
}

static const char *no_mm_name(void *o, const struct mm_struct *mm)
{
	return no_name(o, mm);
}

static const char *no_gmap_name(void *o, const struct gmap *g)
{
	return no_name(o, g);
}

/* A gmap alone in DOT: its linked page table is walked in the process's
 * context (one node, marked shared); callbacks returning NULL give the
 * default names "mm@0x<pgd>" and "gmap@0x<r1 table>". */
static void test_dump_dot_gmap_alone_default_names(void **state)
{
	struct seed s;
	struct dump_options o = { DUMP_DOT, 0, no_mm_name, no_gmap_name, NULL };
	char *t = NULL, want[160];

	(void)state;
	build_seed(&s);
	assert_int_equal(dump_gmap(s.g1, &o, &t, NULL), 0);
	assert_well_formed(o.format, t);
	snprintf(want, sizeof(want), "  t%" PRIx64 " [label=\"<h> pt 0x%" PRIx64 " (shared)", s.pto,
		 s.pto);
	assert_int_equal(count(t, want), 1);
	assert_int_equal(count(t, "label=\"linked\""), 1);
	assert_contains(t, "|<e1> [0x1] 0x200220 MAPPED to 0x200000");
	assert_contains(t, "fillcolor=\"#cfe3ff\"");
	free(t);
	o.format = DUMP_TEXT;
	assert_int_equal(dump_gmap(s.g1, &o, &t, NULL), 0);
	assert_well_formed(o.format, t);
	snprintf(want, sizeof(want), "gmap gmap@0x%" PRIx64 " on mm@0x%" PRIx64 ": asce ",
		 s.g1->table, s.mm->pgd);
	assert_contains(t, want);
	snprintf(want, sizeof(want), "gmap gmap@0x%" PRIx64 " (guest 0x0000000080000000)",
		 s.g2->table);
	assert_contains(t, want);
	free(t);
	free_seed(&s);
}

/*
 * The entry limit cut inside the first of two roots: ST 0x10000 has 2048
 * STEs, each to its own page table of 256 valid PTEs (2048 + 2048 * 256
 * entries > DUMP_MAX_ENTRIES); the second root, ST 0x20000, is not walked.
 * JSON must still parse and DOT still render: no edge to a node or port
 * that was never declared.
 */
static struct gm_machine *entry_limit_tables(void)
{
	struct gm_machine *m = new_machine(16ULL << 20);
	struct gm_storage *st = machine_storage(m);

	for (unsigned i = 0; i < 2048; i++) {
		uint64_t pt = 0x100000 + i * 0x800ULL;

		assert_int_equal(storage_store8(st, 0x10000 + i * 8ULL, pt), 0);
		for (unsigned j = 0; j < 256; j++)
			assert_int_equal(storage_store8(st, pt + j * 8ULL, 0x900000), 0);
	}
	assert_int_equal(storage_store8(st, 0x20000, 0x100000), 0);
	return m;
}

static void test_dump_truncated_json_and_dot_are_well_formed(void **state)
{
	struct gm_machine *m = entry_limit_tables();
	struct dump_options o = { DUMP_JSON, 0, NULL, NULL, NULL };
	struct dump_root roots[2] = { { 0x10003, NULL, NULL }, { 0x20003, NULL, NULL } };
	char *t = NULL;

	(void)state;
	assert_int_equal(dump_roots(m, roots, 2, &o, &t, NULL), 0);
	assert_well_formed(o.format, t);
	assert_contains(t, "],\"truncated\":true}\n");
	assert_json_valid(t);
	free(t);
	o.format = DUMP_DOT;
	assert_int_equal(dump_roots(m, roots, 2, &o, &t, NULL), 0);
	assert_well_formed(o.format, t);
	/* the first root's ST lists 24 of its 2048 entries */
	assert_int_equal(count(t, "|2024 more\""), 1);
	assert_int_equal(count(t, "t10000:e24 "), 0);
	assert_int_equal(count(t, "-> t20000:h"), 0);
	assert_dot_renders(t);
	free(t);
	machine_destroy(m);
}

/* The JSON check itself: what RFC 8259 rejects, it rejects. */
static void test_dump_json_check_is_strict(void **state)
{
	(void)state;
	assert_null(json_error_at("{\"a\":[1,true,null,\"x\\n\"],\"b\":{}}\n"));
	assert_non_null(json_error_at("{\"a\":1,}"));
	assert_non_null(json_error_at("[1,]"));
	assert_non_null(json_error_at("{\"type\":\"r1t\",}}"));
	assert_non_null(json_error_at("{a:1}"));
	assert_non_null(json_error_at("[01]"));
	assert_non_null(json_error_at("\"\\x\""));
	assert_non_null(json_error_at("{} {}"));
	assert_non_null(json_error_at("[\"open"));
}

static void test_dump_lookup_entry(void **state)
{
	struct gm_machine *m = raw_tables();
	const struct gm_storage *st = machine_storage(m);
	uint64_t ea = 0, e = 0;

	(void)state;
	assert_int_equal(dump_lookup_entry(st, 0x40003, 0x405678, DAT_LEVEL_PTE, &ea, &e), 0);
	assert_hex_equal(ea, 0x50028);
	assert_hex_equal(e, 0x123000);
	assert_int_equal(dump_lookup_entry(st, 0x40003, 0x405678, DAT_LEVEL_STE, &ea, &e), 0);
	assert_hex_equal(ea, 0x40020);
	assert_errno(dump_lookup_entry(st, 0x40003, 0x600000, DAT_LEVEL_PTE, &ea, &e), -ENOENT);
	assert_errno(dump_lookup_entry(st, 0x40003, 0, DAT_LEVEL_R3TE, &ea, &e), -EINVAL);
	assert_errno(dump_lookup_entry(NULL, 0x40003, 0, DAT_LEVEL_STE, &ea, &e), -EINVAL);
	assert_errno(dump_lookup_entry(st, 0x100000003ULL, 0, DAT_LEVEL_STE, &ea, &e), -EFAULT);
	machine_destroy(m);
}

static void test_dump_ste_gaddr(void **state)
{
	struct seed s;
	uint64_t ea, ga = 1;

	(void)state;
	build_seed(&s);
	assert_int_equal(dump_lookup_entry(machine_storage(s.m), s.g2->asce, 0x80000000UL,
					   DAT_LEVEL_STE, &ea, NULL),
			 0);
	assert_int_equal(dump_ste_gaddr(s.g2, ea, &ga), 0);
	assert_hex_equal(ga, 0x80000000);
	assert_errno(dump_ste_gaddr(s.g1, ea, &ga), -ENOENT);
	assert_errno(dump_ste_gaddr(NULL, ea, &ga), -EINVAL);
	free_seed(&s);
}

static void test_dump_bad_arguments(void **state)
{
	struct gm_machine *m = new_machine(1ULL << 20);
	struct dump_options o = { (enum dump_format)7, 0, NULL, NULL, NULL };
	char *t = NULL;

	(void)state;
	assert_errno(dump_asce(NULL, 0, NULL, &t, NULL), -EINVAL);
	assert_errno(dump_asce(m, 0, NULL, NULL, NULL), -EINVAL);
	assert_errno(dump_asce(m, 0, &o, &t, NULL), -EINVAL);
	assert_errno(dump_mm(NULL, NULL, &t, NULL), -EINVAL);
	assert_errno(dump_gmap(NULL, NULL, &t, NULL), -EINVAL);
	assert_null(t);
	machine_destroy(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dump_raw_text),
		cmocka_unit_test(test_dump_all_entries_flag),
		cmocka_unit_test(test_dump_outside_storage),
		cmocka_unit_test(test_dump_self_referencing_is_bounded),
		cmocka_unit_test(test_dump_gmap_states),
		cmocka_unit_test(test_dump_mm_shows_linkers),
		cmocka_unit_test(test_dump_json),
		cmocka_unit_test(test_dump_dot_shares_page_table),
		cmocka_unit_test(test_dump_region_tables_text),
		cmocka_unit_test(test_dump_large_frames_all_formats),
		cmocka_unit_test(test_dump_dot_fields),
		cmocka_unit_test(test_dump_table_limit),
		cmocka_unit_test(test_dump_dot_gmap_alone_default_names),
		cmocka_unit_test(test_dump_truncated_json_and_dot_are_well_formed),
		cmocka_unit_test(test_dump_json_check_is_strict),
		cmocka_unit_test(test_dump_lookup_entry),
		cmocka_unit_test(test_dump_ste_gaddr),
		cmocka_unit_test(test_dump_bad_arguments),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
