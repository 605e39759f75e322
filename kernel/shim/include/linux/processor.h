/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/processor.h> — the arch's processor.h (cpu_relax …). */
#ifndef _LINUX_PROCESSOR_H
#define _LINUX_PROCESSOR_H
#include <asm/processor.h>
#endif
