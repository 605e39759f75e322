/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/interrupt.h> — nothing: the harness has no interrupts. */
#ifndef _LINUX_INTERRUPT_H
#define _LINUX_INTERRUPT_H
#include <linux/irqflags.h>
#endif
