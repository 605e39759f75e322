/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/irqflags.h> — no interrupts are modelled. */
#ifndef _LINUX_TRACE_IRQFLAGS_H
#define _LINUX_TRACE_IRQFLAGS_H
#define local_irq_disable() barrier()
#define local_irq_enable() barrier()
#define local_irq_save(f) do { (f) = 0; barrier(); } while (0)
#define local_irq_restore(f) do { (void)(f); barrier(); } while (0)
#define irqs_disabled() 0
#endif
