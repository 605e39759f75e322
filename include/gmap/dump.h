/* SPDX-License-Identifier: MIT */
/**
 * @file dump.h
 * @brief Table dumps: a readable text tree, JSON and Graphviz DOT.
 *
 * A dump walks the DAT tables designated by one or more ASCEs in absolute
 * storage and decodes every entry worth showing: its type, the origin it
 * designates, its flags, for a gmap segment entry the state of the seed's
 * state machine (EMPTY, MAPPED, LINKED) with the process address it
 * targets, and for a process page table the gmaps whose segment entries
 * link it (the reverse maps of its gmap_pgtable).
 *
 * Dumps never change state and never print: the result is a NUL-terminated
 * string allocated with malloc() (through open_memstream()) that the caller
 * releases with free().  Walks are bounded (DUMP_MAX_TABLES,
 * DUMP_MAX_ENTRIES), so crafted
 * tables that point back at themselves end in a truncation note, not a hang.
 *
 * Layer dump (docs/layers.txt): includes only headers of its layer and below.
 */
#ifndef GMAP_DUMP_H
#define GMAP_DUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gmap/dat.h"
#include "gmap/gmap.h"
#include "gmap/machine.h"
#include "gmap/mm.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Output formats of a dump. */
enum dump_format {
	DUMP_TEXT = 0, /**< an indented tree, one line per entry */
	DUMP_JSON = 1, /**< the same tree as one JSON object */
	DUMP_DOT = 2   /**< a Graphviz digraph; tables reached twice are one node */
};

/** Show every entry, also those holding their level's empty value or 0. */
#define DUMP_ALL_ENTRIES 1u

/** At most this many tables are visited by one dump (the rest is elided). */
#define DUMP_MAX_TABLES 8192u
/** At most this many entries are shown by one dump (the rest is elided). */
#define DUMP_MAX_ENTRIES 50000u

/**
 * struct dump_root - one tree to dump.
 * @asce: the ASCE designating the tables.
 * @mm:   the process the ASCE belongs to, or NULL: gives page tables their
 *        gmap_pgtable (who links them).
 * @gmap: the gmap the ASCE belongs to, or NULL: segment entries are then
 *        decoded as EMPTY/MAPPED/LINKED.
 */
struct dump_root {
	uint64_t asce;
	struct mm_struct *mm;
	struct gmap *gmap;
};

/**
 * struct dump_options - how to dump.
 * @format:    enum dump_format.
 * @flags:     0 or DUMP_ALL_ENTRIES.
 * @mm_name:   optional: a name for @mm ("A"); NULL or a NULL result gives
 *             "mm@0x<top table>".
 * @gmap_name: optional: a name for a gmap; default "gmap@0x<r1 table>".
 * @opaque:    passed to the name callbacks.
 */
struct dump_options {
	enum dump_format format;
	unsigned flags;
	const char *(*mm_name)(void *opaque, const struct mm_struct *mm);
	const char *(*gmap_name)(void *opaque, const struct gmap *gmap);
	void *opaque;
};

/**
 * dump_roots() - dump the trees of @n roots into one document.
 * @m:    the machine whose storage holds the tables.
 * @n:    the number of roots.
 * @roots: the trees; a root with neither mm nor gmap is matched against
 *        the machine's mms and gmaps by ASCE origin, so a raw ASCE value
 *        of a known space is decoded with its context.
 * @opt:  NULL for text with the default names.
 * @out:  receives the malloc()ed NUL-terminated text (free() it).
 * @len:  NULL, or receives strlen(*@out).
 *
 * In DOT, a page table shared by a process and a gmap is one node with
 * edges from both trees.
 * Return: 0, -EINVAL (NULL @m/@out, @n 0 with NULL @roots, bad format),
 * -ENOMEM (nothing allocated then).
 */
int dump_roots(struct gm_machine *m, const struct dump_root *roots, size_t n,
	       const struct dump_options *opt, char **out, size_t *len);

/**
 * dump_mm() - dump a process's tables (dump_roots() with one root).
 * Return: as dump_roots().
 */
int dump_mm(struct mm_struct *mm, const struct dump_options *opt, char **out, size_t *len);

/**
 * dump_gmap() - dump a gmap's tables (dump_roots() with one root).
 * Return: as dump_roots().
 */
int dump_gmap(struct gmap *gmap, const struct dump_options *opt, char **out, size_t *len);

/**
 * dump_asce() - dump the tables of any ASCE of @m (dump_roots() with one root).
 * Return: as dump_roots().
 */
int dump_asce(struct gm_machine *m, uint64_t asce, const struct dump_options *opt, char **out,
	      size_t *len);

/**
 * dump_lookup_entry() - find the table entry of @level that translates
 * @vaddr under @asce, following format-0 entries only (no TLB, no large
 * frames, no TL/TF checks: this is for inspecting tables, not for DAT).
 * @st:    the storage holding the tables.
 * @asce:  the ASCE to start from.
 * @vaddr: the virtual address whose entry is wanted.
 * @level: the level of the entry (enum dat_level).
 * @aaddr: receives the entry's absolute address (may be NULL; untouched on failure).
 * @value: receives its contents (may be NULL; untouched on failure).
 * Return: 0; -ENOENT when an entry above @level is invalid (or is a large
 * frame); -EINVAL (NULL @st, @level above the ASCE's first table, a
 * real-space ASCE, bad @level); -EFAULT (a table lies outside storage).
 */
int dump_lookup_entry(const struct gm_storage *st, uint64_t asce, uint64_t vaddr,
		      enum dat_level level, uint64_t *aaddr, uint64_t *value);

/**
 * dump_ste_gaddr() - the guest address of the segment entry at absolute
 * @ste of @gmap.
 * Return: 0 and @gaddr, or -ENOENT (@ste is not an entry of @gmap's
 * segment tables), -EINVAL (NULL).
 */
int dump_ste_gaddr(const struct gmap *gmap, uint64_t ste, uint64_t *gaddr);

#ifdef __cplusplus
}
#endif

#endif /* GMAP_DUMP_H */
