/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/pci.h> — no PCI: the types KVM's structures name. */
#ifndef LINUX_PCI_H
#define LINUX_PCI_H
#include <linux/types.h>
struct pci_dev;
struct zpci_dev;
#endif
