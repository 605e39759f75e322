/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/sysctl.h> — tables can be declared; nothing
 * registers them (no /proc). */
#ifndef _LINUX_SYSCTL_H
#define _LINUX_SYSCTL_H
#include <linux/types.h>
#include <linux/stat.h>
struct ctl_table;
typedef int proc_handler(struct ctl_table *ctl, int write, void *buffer, size_t *lenp, loff_t *ppos);
struct ctl_table {
	const char *procname;
	void *data;
	int maxlen;
	umode_t mode;
	struct ctl_table *child;
	proc_handler *proc_handler;
	void *poll;
	void *extra1;
	void *extra2;
};
struct ctl_table_header;
extern const int sysctl_vals[];
#define SYSCTL_ZERO ((void *)&sysctl_vals[0])
#define SYSCTL_ONE ((void *)&sysctl_vals[1])
int proc_dointvec_minmax(struct ctl_table *, int, void *, size_t *, loff_t *);
struct ctl_table_header *register_sysctl_table(struct ctl_table *table);
struct ctl_table_header *register_sysctl(const char *path, struct ctl_table *table);
#endif
