/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/poison.h> — values outside any mapping (the
 * program and storage lie below 2^40 under qemu-user). */
#ifndef _LINUX_POISON_H
#define _LINUX_POISON_H
#define LIST_POISON1 ((void *)0xdead000000000100UL)
#define LIST_POISON2 ((void *)0xdead000000000122UL)
#endif
