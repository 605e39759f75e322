/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/thread_info.h> — the flags of the one task
 * (a 64-bit task: TIF_31BIT is never set). */
#ifndef _LINUX_THREAD_INFO_H
#define _LINUX_THREAD_INFO_H
#include <linux/bitops.h>
#include <asm/thread_info.h>
extern unsigned long shim_thread_flags;
#define test_thread_flag(f) test_bit(f, &shim_thread_flags)
#define set_thread_flag(f) set_bit(f, &shim_thread_flags)
#define clear_thread_flag(f) clear_bit(f, &shim_thread_flags)
/* the object-size check of the user copies: sizes here are never compile-time wrong */
#define check_copy_size(addr, bytes, is_source) ((void)(addr), (void)(is_source), (bytes) == (bytes))
#endif
