/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/uio.h> — the iterator type in sclp prototypes. */
#ifndef __LINUX_UIO_H
#define __LINUX_UIO_H
#include <linux/types.h>
struct iov_iter;
struct kvec {
	void *iov_base;
	size_t iov_len;
};
#endif
