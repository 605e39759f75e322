/* SPDX-License-Identifier: MIT */
/**
 * @file embed.h
 * @brief For embedders of the gmapsim interpreter: run the scenario
 * language against another gmap implementation.
 *
 * Not installed and not part of the public headers: the only embedder is
 * the kernel harness's kgmapsim (kernel/tools/kgmapsim.c), which runs a
 * Linux tree's arch/s390/mm/gmap.c under the same interpreter as gmapsim.
 * The one function below is exported by libgmap.so (it matches script_* in
 * lib/libgmap.map) because kgmapsim links the shared library; its ABI may
 * change with any release.
 *
 * A backend is chosen when the interpreter is created.  Every command of
 * the language runs on libgmap's machine as usual (CPUs, DAT, TLB, storage
 * keys, dumps, the checker, the process mm); the backend supplies the
 * machine and the process (so that it can attach its own view of them) and
 * performs the gmap family: gmap, gmap_free, gmap_enable/disable,
 * gmap_map_segment, gmap_unmap_segment, gmap_fault, guest, guest_fill, and
 * reports a gmap's segment state for walk, dump and `expect state`.  The
 * nested family (nested, shadow, vsie, …) needs libgmap's own gmaps and is
 * refused with a script error for a backend gmap.
 *
 * A gmap of a backend is an opaque handle.  Every hook gets the @ctx given
 * to script_create_backend().
 */
#ifndef GMAP_SCRIPT_EMBED_H
#define GMAP_SCRIPT_EMBED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gmap/libgmap.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * struct script_backend - the gmap implementation a script runs against.
 * Hooks marked optional may be NULL.
 */
struct script_backend {
	/** @name: what runs the gmap family, for messages ("Linux 6.1 gmap.c"). */
	const char *name;
	/**
	 * @one_machine: the backend has one machine at a time: `machine`
	 * frees the previous one (and every object) before it makes the next.
	 */
	bool one_machine;
	/**
	 * @machine_create: build the machine for `machine` (the previous one is
	 * already destroyed).  May refuse a configuration it cannot model:
	 * then it writes the reason to @why and returns a negative errno.
	 */
	int (*machine_create)(void *ctx, const struct gm_machine_config *cfg,
			      struct gm_machine **m, char *why, size_t whylen);
	/** @machine_destroy: free what machine_create() made. */
	void (*machine_destroy)(void *ctx, struct gm_machine *m);
	/**
	 * @mm_create: a process for `mm NAME [pgste]` (mm_create() contract);
	 * a process the backend cannot model: a negative errno and the reason
	 * in @why (a script error).
	 */
	int (*mm_create)(void *ctx, struct gm_machine *m, unsigned flags, struct mm_struct **mm,
			 char *why, size_t whylen);
	/** @mm_destroy: mm_destroy() contract (-EBUSY while gmaps are attached). */
	int (*mm_destroy)(void *ctx, struct mm_struct *mm);
	/** @mm_enter: optional, before a process call (mmap, read, fault, …). */
	void (*mm_enter)(void *ctx, struct mm_struct *mm, bool write);
	/** @mm_leave: optional, after it. */
	void (*mm_leave)(void *ctx, struct mm_struct *mm, bool write);
	/**
	 * @gmap_create: a gmap on @mm, or NULL with *@rc a negative errno
	 * (-EINVAL: @mm has no pgste; -ENOMEM).  *@asce receives its ASCE.
	 */
	void *(*gmap_create)(void *ctx, struct mm_struct *mm, uint64_t *asce, int *rc);
	/** @gmap_native: libgmap's struct gmap behind a handle, or NULL. */
	struct gmap *(*gmap_native)(void *ctx, void *g);
	/** @gmap_free: free a gmap (disabled on every CPU first). */
	void (*gmap_free)(void *ctx, void *g);
	/**
	 * @gmap_enable: make @g the gmap @cpu runs under SIE (@enable) or
	 * stop that (gmap_disable()); write what was done, for the command's
	 * line, to @what ("lowcore gmap (0x370) = 0x…").
	 */
	void (*gmap_enable)(void *ctx, struct gm_cpu *cpu, void *g, bool enable, char *what,
			    size_t whatlen);
	/**
	 * @map_segment: gmap_map_segment() (kernel conventions); a call the
	 * backend cannot make: a negative errno and the reason in @why (a
	 * script error).
	 */
	int (*map_segment)(void *ctx, void *g, uint64_t from, uint64_t to, uint64_t len, char *why,
			   size_t whylen);
	/** @unmap_segment: gmap_unmap_segment(). */
	int (*unmap_segment)(void *ctx, void *g, uint64_t to, uint64_t len);
	/** @fault: gmap_fault(): the process address or a negative errno. */
	long (*fault)(void *ctx, void *g, uint64_t gaddr);
	/**
	 * @sie_access: gmap_sie_access() contract: a guest access on the
	 * current CPU of @m through the gmap enabled there, faults resolved;
	 * 0, a PIC (with @r's TEID) or a negative errno.
	 */
	int (*sie_access)(void *ctx, struct gm_machine *m, uint64_t gaddr, void *buf, size_t len,
			  bool write, struct dat_result *r);
	/**
	 * @ste_state: the state of the guest segment of @gaddr in @g, a
	 * GMAP_STE_STATE_* (EMPTY, MAPPED, LINKED).
	 */
	int (*ste_state)(void *ctx, void *g, uint64_t gaddr);
	/** @describe: optional, print what a text dump of @g adds (its own bookkeeping). */
	void (*describe)(void *ctx, void *g, const char *name, FILE *out);
	/**
	 * @check: optional, the backend's invariants after check_machine():
	 * print each violation to @out; return their number.
	 */
	int (*check)(void *ctx, FILE *out);
};

/**
 * script_create_backend() - script_create() with the gmap family run by
 * @be (NULL: libgmap's own gmap, as script_create()).
 * @out, @err, @flags, @ret: as script_create().
 * @be:  the backend; every hook but the optional ones must be set.
 * @ctx: handed to every hook; owned by the caller.
 * Return: 0, -EINVAL (as script_create(), or a required hook missing), -ENOMEM.
 */
int script_create_backend(FILE *out, FILE *err, unsigned flags, const struct script_backend *be,
			  void *ctx, struct gm_script **ret);

#ifdef __cplusplus
}
#endif

#endif /* GMAP_SCRIPT_EMBED_H */
