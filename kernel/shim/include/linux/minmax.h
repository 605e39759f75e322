/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/minmax.h> (type checks left to -Wall). */
#ifndef _LINUX_MINMAX_H
#define _LINUX_MINMAX_H
#define min(x, y) ({ typeof(x) _x = (x); typeof(y) _y = (y); _x < _y ? _x : _y; })
#define max(x, y) ({ typeof(x) _x = (x); typeof(y) _y = (y); _x > _y ? _x : _y; })
#define min_t(t, x, y) ({ t _x = (x); t _y = (y); _x < _y ? _x : _y; })
#define max_t(t, x, y) ({ t _x = (x); t _y = (y); _x > _y ? _x : _y; })
#define clamp(v, lo, hi) min(max(v, lo), hi)
#define swap(a, b) do { typeof(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)
#endif
