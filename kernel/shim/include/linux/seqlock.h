/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/seqlock.h> — one thread: a sequence counter
 * that is never seen odd by a reader. */
#ifndef __LINUX_SEQLOCK_H
#define __LINUX_SEQLOCK_H
#include <linux/types.h>
typedef struct {
	unsigned int sequence;
} seqcount_t;
#define raw_read_seqcount(s) ((s)->sequence)
#define read_seqcount_begin(s) ((s)->sequence)
#define read_seqcount_retry(s, start) ((s)->sequence != (start))
#define raw_write_seqcount_begin(s) ((s)->sequence++)
#define raw_write_seqcount_end(s) ((s)->sequence++)
#endif
