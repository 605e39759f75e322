/* SPDX-License-Identifier: MIT */
/* Helpers shared by the CMocka tests. */
#ifndef GMAP_TEST_H
#define GMAP_TEST_H

#include <errno.h>
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "test-rnd.h"

/* cmocka 1.1 prints negatives as huge unsigned numbers: say both. */
#define assert_errno(rc, want)                                                         \
	do {                                                                               \
		long long rc_ = (long long)(rc), want_ = (long long)(want);                    \
		if (rc_ != want_)                                                              \
			fail_msg("%s = %lld (0x%llx), expected %lld", #rc, rc_,                    \
				 (unsigned long long)rc_, want_);                                  \
	} while (0)

#define assert_pic(rc, want)                                                           \
	do {                                                                               \
		long long rc_ = (long long)(rc), want_ = (long long)(want);                    \
		if (rc_ != want_)                                                              \
			fail_msg("%s = 0x%llx (%lld), expected PIC 0x%04llx", #rc,                 \
				 (unsigned long long)rc_, rc_, (unsigned long long)want_);         \
	} while (0)

#define assert_hex_equal(a, b)                                                         \
	do {                                                                               \
		uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);                               \
		if (a_ != b_)                                                                  \
			fail_msg("%s = 0x%016" PRIx64 ", expected 0x%016" PRIx64, #a, a_, b_);     \
	} while (0)

#endif
