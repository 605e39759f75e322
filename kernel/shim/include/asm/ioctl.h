/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <asm/ioctl.h> — s390 uses the generic one (the kernel build generates this wrapper). */
#include <asm-generic/ioctl.h>
