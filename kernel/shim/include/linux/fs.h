/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/fs.h> — no files: the names s390 headers use in prototypes. */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H
#include <linux/types.h>
struct file;
struct inode;
struct dentry;
#endif
