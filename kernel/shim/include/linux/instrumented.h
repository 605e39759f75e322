/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/instrumented.h> — KASAN/KCSAN hooks, off. */
#ifndef _LINUX_INSTRUMENTED_H
#define _LINUX_INSTRUMENTED_H
#include <linux/types.h>
#define instrument_read(v, size) ((void)(v), (void)(size))
#define instrument_write(v, size) ((void)(v), (void)(size))
#define instrument_read_write(v, size) ((void)(v), (void)(size))
#define instrument_atomic_read(v, size) ((void)(v), (void)(size))
#define instrument_atomic_write(v, size) ((void)(v), (void)(size))
#define instrument_atomic_read_write(v, size) ((void)(v), (void)(size))
#define instrument_copy_to_user(to, from, n) ((void)(to), (void)(from), (void)(n))
#define instrument_copy_from_user_before(to, from, n) ((void)(to), (void)(from), (void)(n))
#define instrument_copy_from_user_after(to, from, n, left) ((void)(to), (void)(from), (void)(n), (void)(left))
#define instrument_get_user(to) ((void)(to))
#define instrument_put_user(from, ptr, size) ((void)(from), (void)(ptr), (void)(size))
#endif
