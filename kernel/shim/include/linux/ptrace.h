/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/ptrace.h> — the arch's pt_regs/psw (no tracing). */
#ifndef _LINUX_PTRACE_H
#define _LINUX_PTRACE_H
#include <asm/ptrace.h>
#endif
