/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/stat.h> — the POSIX mode bits (for sysctl
 * table modes). */
#ifndef _LINUX_STAT_H
#define _LINUX_STAT_H
#define S_IRUSR 00400
#define S_IWUSR 00200
#define S_IXUSR 00100
#define S_IRGRP 00040
#define S_IWGRP 00020
#define S_IROTH 00004
#define S_IWOTH 00002
#define S_IRUGO (S_IRUSR | S_IRGRP | S_IROTH)
#define S_IWUGO (S_IWUSR | S_IWGRP | S_IWOTH)
#endif
