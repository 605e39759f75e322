/* SPDX-License-Identifier: MIT */
/*
 * libgmap kernel shim: <linux/uaccess.h> — the arch's own asm/uaccess.h.
 * Its out-of-line user copies (arch/s390/lib/uaccess.c: copy_*_user_key,
 * raw_copy_*_user) are not modelled: KVM's guest-memory copies go through
 * memslots, which the harness does not have; reaching one stops the test.
 */
#ifndef __LINUX_UACCESS_H__
#define __LINUX_UACCESS_H__
#include <linux/kernel.h>
#include <linux/sched.h>
#include <asm/uaccess.h>
#endif
