/* SPDX-License-Identifier: MIT */
/* libgmap kernel shim: <linux/if_ether.h> — ETH_ALEN for diag.h's structures. */
#ifndef _LINUX_IF_ETHER_H
#define _LINUX_IF_ETHER_H
#define ETH_ALEN 6
#endif
