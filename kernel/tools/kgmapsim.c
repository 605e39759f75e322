// SPDX-License-Identifier: MIT
/*
 * kgmapsim — gmapsim's scenario language, the part about one process and
 * its gmaps, told by the kernel's own gmap code (the harness of kernel/).
 * A sibling of tools/gmapsim: the same command spellings, run against the
 * tree's gmap.c instead of libgmap's model.  Commands:
 *
 *   say TEXT | step TEXT              print
 *   machine storage=SIZE | mm NAME pgste | switch NAME | gmap_enable G
 *                                     accepted (one harness machine and mm)
 *   mmap MM ADDR LEN rw|r [fixed]     munmap MM ADDR LEN    mprotect MM ADDR LEN rw|r|none
 *   write MM ADDR VALUE | read MM ADDR   (8 bytes, big-endian)
 *   gmap G on MM [limit=N]            gmap_create (default limit (1<<44)-1)
 *   gmap_map_segment G FROM TO LEN    gmap_unmap_segment G TO LEN
 *   gmap_fault G ADDR                 gmap_translate G ADDR    gmap_remove G
 *   guest read ADDR | guest write ADDR VALUE   through SIE on CPU 0, last gmap
 *   expect value V | expect pgm CODE | expect ok | expect rc N
 *   expect state G GADDR empty|mapped|linked
 *   dump G                            guest_to_host / host_to_guest and STEs
 *   check                             the harness's invariants
 *
 * Any other command is an error naming the line.  Exit 0 when every expect
 * held and every check was clean.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kh.h"

#define MAXG 8
static struct kh *h;
static struct { char name[32]; struct kh_gmap *g; } gm[MAXG];
static struct kh_gmap *last;
static uint64_t last_value;
static long last_rc;
static int failures;

static uint64_t num(const char *s)
{
	char *end;
	uint64_t v = strtoull(s, &end, 0);

	if (*end == 'K' || *end == 'k')
		v <<= 10;
	else if (*end == 'M' || *end == 'm')
		v <<= 20;
	else if (*end == 'G' || *end == 'g')
		v <<= 30;
	else if (*end == 'T' || *end == 't')
		v <<= 40;
	return v;
}

static struct kh_gmap *gmap_named(const char *n)
{
	for (int i = 0; i < MAXG; i++)
		if (gm[i].g && !strcmp(gm[i].name, n))
			return gm[i].g;
	return NULL;
}

static unsigned prot_of(const char *p)
{
	if (!strcmp(p, "rw"))
		return MM_PROT_READ | MM_PROT_WRITE;
	if (!strcmp(p, "r"))
		return MM_PROT_READ;
	return MM_PROT_NONE;
}

static void fail(int line, const char *what)
{
	printf("line %d: FAILED: %s\n", line, what);
	failures++;
}

static void dump_entry(void *o, kh_u64 idx, kh_u64 val)
{
	printf("  %s[0x%" PRIx64 "] = 0x%" PRIx64 "\n", (const char *)o, (uint64_t)idx, (uint64_t)val);
}

static int state_of(struct kh_gmap *g, uint64_t ga)
{
	kh_u64 v, ste;

	if (khk_g2h_lookup(g, ga, &v))
		return 0; /* empty */
	return khk_h2g_lookup(g, v, &ste) ? 1 : 2; /* mapped / linked */
}

static int run_line(char *line, int ln)
{
	char *w[12];
	int n = 0;
	char msg[160];

	line[strcspn(line, "\n")] = 0;
	if (!strncmp(line, "say ", 4) || !strncmp(line, "step ", 5)) {
		printf("%s\n", strchr(line, ' ') + 1);
		return 0;
	}
	for (char *t = strtok(line, " \t"); t && n < 12; t = strtok(NULL, " \t"))
		w[n++] = t;
	if (n == 0 || w[0][0] == '#')
		return 0;
#define IS(s) (!strcmp(w[0], s))
	/* the result reported after the command is its own */
	if (IS("mmap") || IS("munmap") || IS("mprotect") || IS("write") || IS("gmap_map_segment") ||
	    IS("gmap_unmap_segment"))
		last_rc = 0;
	if (IS("machine") || IS("mm") || IS("switch") || IS("gmap_enable") || IS("trace") ||
	    IS("walk")) {
		return 0;
	} else if (IS("mmap") && n >= 5) {
		last_rc = kh_mmap(h, num(w[2]), num(w[3]), prot_of(w[4]));
	} else if (IS("munmap") && n >= 4) {
		last_rc = kh_munmap(h, num(w[2]), num(w[3]));
	} else if (IS("mprotect") && n >= 5) {
		last_rc = kh_mprotect(h, num(w[2]), num(w[3]), prot_of(w[4]));
	} else if (IS("write") && n >= 4) {
		uint64_t v = num(w[3]);
		uint8_t b[8];

		for (int i = 0; i < 8; i++)
			b[i] = (uint8_t)(v >> (56 - 8 * i));
		last_rc = kh_proc_write(h, num(w[2]), b, 8);
	} else if (IS("read") && n >= 3) {
		uint8_t b[8];

		last_rc = kh_proc_read(h, num(w[2]), b, 8);
		last_value = 0;
		for (int i = 0; i < 8; i++)
			last_value = last_value << 8 | b[i];
		printf("  read 0x%" PRIx64 " = 0x%" PRIx64 " (rc %ld)\n", num(w[2]), last_value, last_rc);
	} else if (IS("gmap") && n >= 4) {
		uint64_t limit = (1ULL << 44) - 1;
		int i;

		if (n >= 5 && !strncmp(w[4], "limit=", 6))
			limit = num(w[4] + 6);
		for (i = 0; i < MAXG && gm[i].g; i++)
			;
		if (i == MAXG)
			return -1;
		gm[i].g = khk_gmap_create(h->kmm, limit);
		snprintf(gm[i].name, sizeof(gm[i].name), "%s", w[1]);
		last = gm[i].g;
		printf("  gmap %s: asce 0x%" PRIx64 " asce_end 0x%" PRIx64 "\n", w[1],
		       (uint64_t)khk_gmap_asce(last), (uint64_t)khk_gmap_asce_end(last));
	} else if (IS("gmap_map_segment") && n >= 5 && gmap_named(w[1])) {
		last_rc = khk_gmap_map_segment(gmap_named(w[1]), num(w[2]), num(w[3]), num(w[4]));
	} else if (IS("gmap_unmap_segment") && n >= 4 && gmap_named(w[1])) {
		last_rc = khk_gmap_unmap_segment(gmap_named(w[1]), num(w[2]), num(w[3]));
	} else if (IS("gmap_fault") && n >= 3 && gmap_named(w[1])) {
		last_rc = khk_gmap_fault(gmap_named(w[1]), num(w[2]), 0);
		printf("  gmap_fault = %ld\n", last_rc);
	} else if (IS("gmap_translate") && n >= 3 && gmap_named(w[1])) {
		last_rc = khk_gmap_translate(gmap_named(w[1]), num(w[2]));
		last_value = (uint64_t)last_rc;
		printf("  gmap_translate = 0x%lx\n", last_rc);
	} else if (IS("gmap_remove") && n >= 2 && gmap_named(w[1])) {
		for (int i = 0; i < MAXG; i++)
			if (gm[i].g && !strcmp(gm[i].name, w[1])) {
				khk_gmap_remove(gm[i].g);
				if (last == gm[i].g)
					last = NULL;
				gm[i].g = NULL;
			}
	} else if (IS("guest") && n >= 3 && last) {
		bool wr = !strcmp(w[1], "write");
		uint64_t v = n >= 4 ? num(w[3]) : 0;
		uint8_t b[8];

		for (int i = 0; i < 8; i++)
			b[i] = (uint8_t)(v >> (56 - 8 * i));
		last_rc = kh_sie_access(h, last, 0, num(w[2]), b, 8, wr, NULL);
		if (!wr && !last_rc) {
			last_value = 0;
			for (int i = 0; i < 8; i++)
				last_value = last_value << 8 | b[i];
		}
		printf("  guest %s 0x%" PRIx64 ": %s", w[1], num(w[2]), last_rc ? "pgm" : "ok");
		if (last_rc)
			printf(" 0x%lx", last_rc);
		else if (!wr)
			printf(" value 0x%" PRIx64, last_value);
		printf("\n");
	} else if (IS("expect") && n >= 2) {
		if (!strcmp(w[1], "value") && n >= 3 && last_value != num(w[2])) {
			snprintf(msg, sizeof(msg), "value 0x%" PRIx64 ", expected %s", last_value, w[2]);
			fail(ln, msg);
		} else if (!strcmp(w[1], "pgm") && n >= 3 && (uint64_t)last_rc != num(w[2])) {
			snprintf(msg, sizeof(msg), "result 0x%lx, expected pgm %s", last_rc, w[2]);
			fail(ln, msg);
		} else if (!strcmp(w[1], "ok") && last_rc != 0) {
			snprintf(msg, sizeof(msg), "result %ld, expected ok", last_rc);
			fail(ln, msg);
		} else if (!strcmp(w[1], "rc") && n >= 3 && last_rc != strtol(w[2], NULL, 0)) {
			snprintf(msg, sizeof(msg), "result %ld, expected %s", last_rc, w[2]);
			fail(ln, msg);
		} else if (!strcmp(w[1], "state") && n >= 5 && gmap_named(w[2])) {
			static const char *const names[] = { "empty", "mapped", "linked" };
			int st = state_of(gmap_named(w[2]), num(w[3]));

			if (strcmp(names[st], w[4])) {
				snprintf(msg, sizeof(msg), "state %s, expected %s", names[st], w[4]);
				fail(ln, msg);
			}
		}
	} else if (IS("dump") && n >= 2) {
		for (int i = 1; i < n; i++) {
			struct kh_gmap *g = gmap_named(w[i]);

			if (!g)
				continue;
			printf(" gmap %s (asce 0x%" PRIx64 "):\n", w[i], (uint64_t)khk_gmap_asce(g));
			khk_g2h_for_each(g, dump_entry, "guest_to_host");
			khk_h2g_for_each(g, dump_entry, "host_to_guest (STE at)");
		}
	} else if (IS("check")) {
		struct kh_gmap *gs[MAXG];
		unsigned k = 0;

		for (int i = 0; i < MAXG; i++)
			if (gm[i].g)
				gs[k++] = gm[i].g;
		if (kh_check(h, gs, k))
			fail(ln, "invariants");
	} else {
		printf("line %d: unknown or malformed command '%s' for kgmapsim\n", ln, w[0]);
		return -1;
	}
#undef IS
	/* the process and gmap calls report a nonzero result */
	if (last_rc && (!strncmp(w[0], "mm", 2) || !strncmp(w[0], "munmap", 6) ||
			!strcmp(w[0], "write") || !strncmp(w[0], "gmap_map", 8) ||
			!strncmp(w[0], "gmap_unmap", 10)))
		printf("  %s: %ld\n", w[0], last_rc);
	return 0;
}

int main(int argc, char **argv)
{
	struct kh_config cfg = { .tlb = true };
	char line[1024];
	int ln = 0, rc = 0;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: kgmapsim SCRIPT.gms\n");
		return 2;
	}
	f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	if (kh_setup(&cfg, &h)) {
		fprintf(stderr, "kgmapsim: harness setup failed\n");
		return 1;
	}
	while (fgets(line, sizeof(line), f)) {
		ln++;
		if (run_line(line, ln)) {
			rc = 2;
			break;
		}
	}
	fclose(f);
	for (int i = 0; i < MAXG; i++)
		if (gm[i].g)
			khk_gmap_remove(gm[i].g);
	kh_teardown(h);
	if (!rc && failures)
		rc = 1;
	printf("%s\n", rc ? "FAILED" : "all expectations met");
	return rc;
}
