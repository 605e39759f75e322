/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/io.h> — no I/O memory: __va/__pa of the arch's page.h. */
#ifndef _LINUX_IO_H
#define _LINUX_IO_H
#include <linux/types.h>
#include <asm/page.h>
/* asm-generic/io.h: the linear mapping */
#ifndef virt_to_phys
static inline unsigned long virt_to_phys(volatile void *address)
{
	return __pa((unsigned long)address);
}
#define virt_to_phys virt_to_phys
static inline void *phys_to_virt(unsigned long address)
{
	return __va(address);
}
#define phys_to_virt phys_to_virt
#endif
#endif
