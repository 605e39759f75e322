/* SPDX-License-Identifier: MIT */
/*
 * The default backend of the interpreter (embed.h): libgmap's own machine,
 * mm and gmap.  Another backend (the kernel harness's kgmapsim) supplies
 * the same hooks over a Linux tree's gmap.c.
 */
#include "script-internal.h"

static int lg_machine_create(void *ctx, const struct gm_machine_config *cfg, struct gm_machine **m,
			     char *why, size_t whylen)
{
	(void)ctx;
	(void)why;
	(void)whylen;
	return machine_create(cfg, m);
}

static void lg_machine_destroy(void *ctx, struct gm_machine *m)
{
	(void)ctx;
	machine_destroy(m);
}

static int lg_mm_create(void *ctx, struct gm_machine *m, unsigned flags, struct mm_struct **mm,
			char *why, size_t whylen)
{
	(void)ctx;
	(void)why;
	(void)whylen;
	return mm_create(m, flags, mm);
}

static int lg_mm_destroy(void *ctx, struct mm_struct *mm)
{
	(void)ctx;
	return mm_destroy(mm);
}

static void *lg_gmap_create(void *ctx, struct mm_struct *mm, uint64_t *asce, int *rc)
{
	struct gmap *g = gmap_alloc(mm);

	(void)ctx;
	if (!g) {
		*rc = mm->context.has_pgste ? -ENOMEM : -EINVAL;
		return NULL;
	}
	*asce = g->asce;
	return g;
}

static struct gmap *lg_gmap_native(void *ctx, void *g)
{
	(void)ctx;
	return g;
}

static void lg_gmap_free(void *ctx, void *g)
{
	(void)ctx;
	gmap_free(g);
}

static void lg_gmap_enable(void *ctx, struct gm_cpu *cpu, void *g, bool enable, char *what,
			   size_t whatlen)
{
	uint64_t v = 0;

	(void)ctx;
	if (enable)
		gmap_enable(g);
	else
		gmap_disable(g);
	cpu_lowcore_load(cpu, 0x370, 8, &v);
	snprintf(what, whatlen, "lowcore gmap (0x370) = 0x%016" PRIx64, v);
}

static int lg_map_segment(void *ctx, void *g, uint64_t from, uint64_t to, uint64_t len, char *why,
			  size_t whylen)
{
	(void)ctx;
	(void)why;
	(void)whylen;
	return gmap_map_segment(g, from, to, len);
}

static int lg_unmap_segment(void *ctx, void *g, uint64_t to, uint64_t len)
{
	(void)ctx;
	return gmap_unmap_segment(g, to, len);
}

static long lg_fault(void *ctx, void *g, uint64_t gaddr)
{
	(void)ctx;
	return (long)gmap_fault(gaddr, g);
}

static int lg_sie_access(void *ctx, struct gm_machine *m, uint64_t gaddr, void *buf, size_t len,
			 bool write, struct dat_result *r)
{
	(void)ctx;
	return gmap_sie_access(m, gaddr, buf, len, write, r);
}

static int lg_ste_state(void *ctx, void *g, uint64_t gaddr)
{
	struct gmap *gm = g;
	uint64_t e = 0;
	int rc;

	(void)ctx;
	rc = dump_lookup_entry(machine_storage(gm->mm->machine), gm->asce, gaddr, DAT_LEVEL_STE,
			       NULL, &e);
	return rc ? GMAP_STE_STATE_EMPTY : (int)gmap_ste_state(e);
}

const struct script_backend script_backend_libgmap = {
	.name = "libgmap",
	.machine_create = lg_machine_create,
	.machine_destroy = lg_machine_destroy,
	.mm_create = lg_mm_create,
	.mm_destroy = lg_mm_destroy,
	.gmap_create = lg_gmap_create,
	.gmap_native = lg_gmap_native,
	.gmap_free = lg_gmap_free,
	.gmap_enable = lg_gmap_enable,
	.map_segment = lg_map_segment,
	.unmap_segment = lg_unmap_segment,
	.fault = lg_fault,
	.sie_access = lg_sie_access,
	.ste_state = lg_ste_state,
};
