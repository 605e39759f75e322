/* SPDX-License-Identifier: MIT */
/**
 * @file script.h
 * @brief The gmapsim scenario interpreter.
 *
 * A scenario is text, one command per line (docs/gmapsim.md is the
 * reference): it builds a machine, processes (mms) and gmaps, moves bytes,
 * translates addresses, dumps tables and checks results with `expect`.
 * The interpreter is in the library so that it is unit-tested and fuzzed;
 * gmapsim only handles options and files.
 *
 * Results go to the caller's @out stream, errors ("file:line: problem") to
 * @err; the interpreter never prints anywhere else and never exits.  Any
 * input is safe: lines are limited to SCRIPT_MAX_LINE bytes, control bytes
 * and NUL are rejected, numbers are parsed strictly with overflow checks.
 *
 * Layer script (docs/layers.txt): includes only headers of its layer and below.
 */
#ifndef GMAP_SCRIPT_H
#define GMAP_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

struct gm_script;

/** Print every machine event (table alloc/free, entry store, purge, fault, PGM). */
#define SCRIPT_TRACE 1u
/** Run check_machine() after every command; stop at the first violation. */
#define SCRIPT_CHECK 2u

/** Longest accepted line in bytes, without the newline. */
#define SCRIPT_MAX_LINE 4096u

/** Outcome of a script or of one line. */
enum script_status {
	SCRIPT_OK = 0,     /**< everything ran, every expect held */
	SCRIPT_FAILED = 1, /**< an expect failed or --check found a violation */
	SCRIPT_ERROR = 2   /**< a script error (syntax, unknown name, bad input): stopped */
};

/**
 * script_create() - a fresh interpreter with no machine.
 * @out:   where results go (not NULL).
 * @err:   where errors go (not NULL; may equal @out).
 * @flags: SCRIPT_TRACE, SCRIPT_CHECK.
 * @ret:   receives the interpreter; untouched on failure.
 * Return: 0, -EINVAL (NULL stream or @ret, unknown flag), -ENOMEM.
 */
int script_create(FILE *out, FILE *err, unsigned flags, struct gm_script **ret);

/**
 * script_destroy() - free the interpreter and everything its scripts
 * created (gmaps, mms, the machine).  NULL is a no-op.
 */
void script_destroy(struct gm_script *s);

/**
 * script_run_line() - run one line (without its newline).
 * @s:      the interpreter.
 * @name:   the file name for messages ("-" for stdin).
 * @lineno: the line number for messages.
 * @line:   the bytes; need not be NUL-terminated; may contain anything.
 * @len:    their number.
 * Return: SCRIPT_OK, SCRIPT_FAILED (a failed expect: the script may go on),
 * SCRIPT_ERROR (reported on @err; the script must stop).  After a
 * --check violation every later line returns SCRIPT_FAILED unrun.
 */
enum script_status script_run_line(struct gm_script *s, const char *name, unsigned lineno,
				   const char *line, size_t len);

/**
 * script_run_stream() - run every line of @in until its end or the first
 * error.  Return: SCRIPT_ERROR after an error (a read error, a line longer
 * than SCRIPT_MAX_LINE included), else SCRIPT_FAILED if any expect failed,
 * else SCRIPT_OK.
 */
enum script_status script_run_stream(struct gm_script *s, FILE *in, const char *name);

/**
 * script_run_path() - script_run_stream() over the file @path, or over
 * standard input when @path is "-" (the name in messages is @path).
 * Return: as script_run_stream(); SCRIPT_ERROR when the file cannot be
 * opened (the reason on the error stream, "PATH: strerror"; nothing is
 * run) or @s or @path is NULL.
 */
enum script_status script_run_path(struct gm_script *s, const char *path);

/**
 * script_run_buffer() - as script_run_stream() over @len bytes at @buf
 * (lines end at '\n'; the last may lack it).
 */
enum script_status script_run_buffer(struct gm_script *s, const char *buf, size_t len,
				     const char *name);

/**
 * script_run_demo() - run the built-in demo, the seed's story (the text of
 * docs/examples/seed-story.gms), with the file name "demo".
 * Return: as script_run_stream().
 */
enum script_status script_run_demo(struct gm_script *s);

/**
 * script_run_demo_named() - run a built-in story by name: "seed" (NULL
 * too: script_run_demo()) or "nested", a guest running a guest (the text
 * of docs/examples/nested.gms).
 * Return: as script_run_stream(); SCRIPT_ERROR for an unknown @name
 * (nothing is run).
 */
enum script_status script_run_demo_named(struct gm_script *s, const char *name);

#ifdef __cplusplus
}
#endif

#endif /* GMAP_SCRIPT_H */
