/* SPDX-License-Identifier: MIT */
/*
 * Tests of lib/storage.c: simulated absolute storage (big-endian, as in the
 * Principles of Operation, "Storage Addressing": byte 0 is the leftmost,
 * most significant byte of a multi-byte operand) and its frame allocator
 * (Linux s390 crst_table_alloc()/page_table_alloc() block sizes).
 */
#include "gmap-test.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "gmap/storage.h"
#include "storage-internal.h"

#define SMALL (64ULL * 1024) /* 16 frames, frames 0 and 1 reserved */

struct fixture {
	struct gm_storage *st;
};

static int setup_small(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f || storage_create(SMALL, &f->st))
		return -1;
	*state = f;
	return 0;
}

static int setup_4m(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f || storage_create(4 * MB, &f->st))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	storage_destroy(f->st);
	free(f);
	return 0;
}

static struct gm_storage *ST(void **state)
{
	return ((struct fixture *)*state)->st;
}

/* 1 when @len bytes at @aaddr are all @byte. */
static int all_bytes(struct gm_storage *st, uint64_t aaddr, size_t len, uint8_t byte)
{
	uint8_t *buf = malloc(len);
	int ok = buf && storage_read(st, aaddr, buf, len) == 0;

	for (size_t i = 0; ok && i < len; i++)
		ok = buf[i] == byte;
	free(buf);
	return ok;
}

/* Equal stats, ignoring the attempt counters. */
static void assert_stats_same(const struct storage_stats *a, const struct storage_stats *b)
{
	assert_int_equal(a->frames_used, b->frames_used);
	for (int k = 0; k < STORAGE_KIND_COUNT; k++)
		assert_int_equal(a->by_kind[k], b->by_kind[k]);
	assert_int_equal(a->host_objects, b->host_objects);
	assert_int_equal(a->host_bytes, b->host_bytes);
}

/* ---- creation ---------------------------------------------------------- */

static void test_storage_create_bad_sizes(void **state)
{
	struct gm_storage *st = (struct gm_storage *)0x1;

	(void)state;
	assert_errno(storage_create(0, &st), -EINVAL);
	assert_errno(storage_create(STORAGE_MIN_SIZE - STORAGE_PAGE_SIZE, &st), -EINVAL);
	assert_errno(storage_create(STORAGE_MIN_SIZE + 1, &st), -EINVAL);
	assert_errno(storage_create(STORAGE_MAX_SIZE + STORAGE_PAGE_SIZE, &st), -EINVAL);
	assert_errno(storage_create(SMALL, NULL), -EINVAL);
	/* @out untouched on failure */
	assert_ptr_equal(st, (struct gm_storage *)0x1);
	storage_destroy(NULL);
}

static void test_storage_create_initial_state(void **state)
{
	struct gm_storage *st = ST(state);
	struct storage_stats s;
	const struct storage_page *p;

	assert_int_equal(storage_size(st), SMALL);
	storage_stats(st, &s);
	assert_int_equal(s.size, SMALL);
	assert_int_equal(s.frames_total, 16);
	assert_int_equal(s.frames_used, 2); /* absolute 0..8191 */
	assert_int_equal(s.by_kind[STORAGE_RESERVED], 1);
	assert_int_equal(s.by_kind[STORAGE_FREE], 14);
	assert_int_equal(s.allocs, 0);
	assert_int_equal(storage_kind_at(st, 0), STORAGE_RESERVED);
	assert_int_equal(storage_kind_at(st, 8191), STORAGE_RESERVED);
	assert_int_equal(storage_kind_at(st, 8192), STORAGE_FREE);
	assert_int_equal(storage_kind_at(st, SMALL), STORAGE_FREE);
	p = storage_page_const(st, 4096);
	assert_non_null(p);
	assert_int_equal(p->kind, STORAGE_RESERVED);
	assert_int_equal(p->head, 0);
	assert_int_equal(storage_page_const(st, 0)->head, 1);
	assert_null(storage_page(st, SMALL));
	assert_null(storage_page_const(st, UINT64_MAX));
	assert_true(all_bytes(st, 0, SMALL, 0));
}

/* ---- bounds ------------------------------------------------------------ */

static void test_storage_bounds(void **state)
{
	struct gm_storage *st = ST(state);
	uint64_t v = 0x5a5a;
	uint8_t buf[16];

	/* the last byte and the last doubleword are inside */
	assert_errno(storage_store(st, SMALL - 1, 1, 0xab), 0);
	assert_errno(storage_load(st, SMALL - 1, 1, &v), 0);
	assert_hex_equal(v, 0xab);
	assert_errno(storage_store8(st, SMALL - 8, 0x1122334455667788ULL), 0);
	assert_errno(storage_load8(st, SMALL - 8, &v), 0);
	assert_hex_equal(v, 0x1122334455667788ULL);
	/* one past, and an operand straddling the end */
	v = 0x5a5a;
	assert_errno(storage_load(st, SMALL, 1, &v), -EFAULT);
	assert_errno(storage_load8(st, SMALL - 7, &v), -EFAULT);
	assert_errno(storage_load(st, SMALL - 1, 2, &v), -EFAULT);
	assert_hex_equal(v, 0x5a5a); /* untouched */
	assert_errno(storage_store(st, SMALL, 1, 0), -EFAULT);
	assert_errno(storage_store(st, SMALL - 3, 4, 0), -EFAULT);
	/* nothing of the failed straddling store was written */
	assert_errno(storage_load8(st, SMALL - 8, &v), 0);
	assert_hex_equal(v, 0x1122334455667788ULL);
	/* wrap-around at the top of the 64-bit space never reaches byte 0 */
	assert_errno(storage_load8(st, UINT64_MAX - 3, &v), -EFAULT);
	assert_errno(storage_store8(st, UINT64_MAX - 3, 0), -EFAULT);
	assert_errno(storage_load(st, UINT64_MAX, 2, &v), -EFAULT);
	assert_errno(storage_read(st, UINT64_MAX - 7, buf, 16), -EFAULT);
	assert_errno(storage_write(st, UINT64_MAX - 7, buf, 16), -EFAULT);
	assert_errno(storage_fill(st, UINT64_MAX - 7, 0xff, 16), -EFAULT);
	assert_errno(storage_fill8(st, UINT64_MAX - 7, 0, 2), -EFAULT);
	assert_errno(storage_read(st, SMALL - 8, buf, 9), -EFAULT);
	assert_true(all_bytes(st, 0, 8, 0));
}

static void test_storage_byte_order(void **state)
{
	struct gm_storage *st = ST(state);
	uint64_t v;
	uint8_t buf[8];

	assert_errno(storage_store8(st, 0x3000, 0x0102030405060708ULL), 0);
	for (unsigned i = 0; i < 8; i++) {
		assert_errno(storage_load(st, 0x3000 + i, 1, &v), 0);
		assert_int_equal(v, i + 1);
	}
	assert_errno(storage_read(st, 0x3000, buf, 8), 0);
	for (unsigned i = 0; i < 8; i++)
		assert_int_equal(buf[i], i + 1);
	/* narrower and unaligned operands take the leftmost bytes first */
	assert_errno(storage_load(st, 0x3000, 2, &v), 0);
	assert_hex_equal(v, 0x0102);
	assert_errno(storage_load(st, 0x3004, 4, &v), 0);
	assert_hex_equal(v, 0x05060708);
	assert_errno(storage_load(st, 0x3001, 4, &v), 0);
	assert_hex_equal(v, 0x02030405);
	assert_errno(storage_load(st, 0x3003, 2, &v), 0);
	assert_hex_equal(v, 0x0405);
	/* stores write the low @len bytes of the value, big-endian */
	assert_errno(storage_store(st, 0x3100, 2, 0xaabbccddULL), 0);
	assert_errno(storage_store(st, 0x3103, 4, 0x11223344ULL), 0);
	assert_errno(storage_read(st, 0x3100, buf, 8), 0);
	assert_int_equal(buf[0], 0xcc);
	assert_int_equal(buf[1], 0xdd);
	assert_int_equal(buf[2], 0x00);
	assert_int_equal(buf[3], 0x11);
	assert_int_equal(buf[4], 0x22);
	assert_int_equal(buf[5], 0x33);
	assert_int_equal(buf[6], 0x44);
	assert_int_equal(buf[7], 0x00);
	/* bytes written by storage_write read back as a big-endian value */
	{
		const uint8_t be[8] = { 0xde, 0xad, 0xbe, 0xef, 0x00, 0x00, 0x10, 0x01 };

		assert_errno(storage_write(st, 0x3200, be, 8), 0);
		assert_errno(storage_load8(st, 0x3200, &v), 0);
		assert_hex_equal(v, 0xdeadbeef00001001ULL);
	}
}

static void test_storage_sizes(void **state)
{
	struct gm_storage *st = ST(state);
	static const unsigned good[] = { 1, 2, 4, 8 };
	static const unsigned bad[] = { 0, 3, 5, 6, 7, 9, 16 };
	uint64_t v;

	for (unsigned i = 0; i < 4; i++) {
		/* the low @len bytes of the value are stored */
		uint64_t want = good[i] == 8 ? 0x8899aabbccddeeffULL :
				0x8899aabbccddeeffULL & ((1ULL << (8 * good[i])) - 1);

		assert_errno(storage_store(st, 0x4000, good[i], 0x8899aabbccddeeffULL), 0);
		assert_errno(storage_load(st, 0x4000, good[i], &v), 0);
		assert_hex_equal(v, want);
	}
	v = 0x77;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_errno(storage_load(st, 0x4000, bad[i], &v), -EINVAL);
		assert_errno(storage_store(st, 0x4000, bad[i], 0), -EINVAL);
	}
	assert_hex_equal(v, 0x77);
	assert_errno(storage_load(st, 0x4000, 8, NULL), -EINVAL);
	assert_errno(storage_load(NULL, 0x4000, 8, &v), -EINVAL);
	assert_errno(storage_store(NULL, 0x4000, 8, 0), -EINVAL);
	/* the 8-byte store above is still there */
	assert_errno(storage_load8(st, 0x4000, &v), 0);
	assert_hex_equal(v, 0x8899aabbccddeeffULL);
}

static void test_storage_read_write_fill(void **state)
{
	struct gm_storage *st = ST(state);
	uint8_t buf[32];
	uint64_t v;

	assert_errno(storage_read(st, 0x5000, NULL, 1), -EINVAL);
	assert_errno(storage_write(st, 0x5000, NULL, 1), -EINVAL);
	assert_errno(storage_read(st, 0x5000, NULL, 0), 0);
	assert_errno(storage_fill(st, 0x5000, 0xee, 32), 0);
	assert_true(all_bytes(st, 0x5000, 32, 0xee));
	assert_true(all_bytes(st, 0x5020, 8, 0));
	assert_errno(storage_fill8(st, 0x5001, 1, 1), -EINVAL); /* not 8-aligned */
	assert_errno(storage_fill8(st, 0x5000, 0x0000000000000021ULL, 3), 0);
	assert_errno(storage_read(st, 0x5000, buf, 32), 0);
	for (unsigned i = 0; i < 24; i++)
		assert_int_equal(buf[i], (i % 8) == 7 ? 0x21 : 0);
	assert_int_equal(buf[24], 0xee);
	assert_errno(storage_fill8(st, SMALL - 8, 0, 2), -EFAULT);
	assert_errno(storage_load8(st, SMALL - 8, &v), 0);
	assert_hex_equal(v, 0);
}

/* ---- allocation -------------------------------------------------------- */

static void test_storage_alloc_kinds_aligned_and_zeroed(void **state)
{
	struct gm_storage *st = ST(state);
	static const struct {
		enum storage_kind kind;
		uint64_t align, len;
	} k[] = {
		{ STORAGE_FRAME, 4096, 4096 },   { STORAGE_PT_FRAG, 2048, 2048 },
		{ STORAGE_PT_PGSTE, 4096, 4096 }, { STORAGE_CRST, 16384, 16384 },
		{ STORAGE_LOWCORE, 8192, 8192 },
	};

	/* dirty every byte so that zeroing is observable */
	assert_errno(storage_fill(st, 0, 0xa5, 4 * MB), 0);
	for (int round = 0; round < 3; round++) {
		for (unsigned i = 0; i < sizeof(k) / sizeof(k[0]); i++) {
			uint64_t a = 1;
			const struct storage_page *p;

			assert_errno(storage_alloc(st, k[i].kind, &a), 0);
			assert_int_equal(a % k[i].align, 0);
			assert_true(a >= 8192);
			assert_true(a + k[i].len <= 4 * MB);
			assert_true(all_bytes(st, a, k[i].len, 0));
			assert_int_equal(storage_kind_at(st, a), k[i].kind);
			assert_int_equal(storage_kind_at(st, a + k[i].len - 1), k[i].kind);
			p = storage_page_const(st, a);
			assert_int_equal(p->kind, k[i].kind);
			assert_int_equal(p->head, 1);
			if (k[i].kind == STORAGE_LOWCORE)
				assert_true(a + 8192 <= 2ULL << 30);
			if (k[i].len > 4096)
				assert_int_equal(storage_page_const(st, a + 4096)->head, 0);
			/* dirty it again for the next round's reuse */
			assert_errno(storage_fill(st, a, 0x5a, k[i].len), 0);
			if (round == 1)
				assert_errno(storage_free(st, a), 0);
		}
	}
	assert_errno(storage_alloc(st, STORAGE_FREE, &(uint64_t){ 0 }), -EINVAL);
	assert_errno(storage_alloc(st, STORAGE_RESERVED, &(uint64_t){ 0 }), -EINVAL);
	assert_errno(storage_alloc(st, STORAGE_KIND_COUNT, &(uint64_t){ 0 }), -EINVAL);
	assert_errno(storage_alloc(st, STORAGE_FRAME, NULL), -EINVAL);
	assert_errno(storage_alloc(NULL, STORAGE_FRAME, &(uint64_t){ 0 }), -EINVAL);
}

static void test_storage_reuse_after_free(void **state)
{
	struct gm_storage *st = ST(state);
	uint64_t a, b;
	struct storage_stats s0, s1;

	storage_stats(st, &s0);
	assert_errno(storage_alloc(st, STORAGE_FRAME, &a), 0);
	assert_errno(storage_fill(st, a, 0xff, 4096), 0);
	storage_page(st, a)->index = 42;
	assert_errno(storage_free(st, a), 0);
	assert_int_equal(storage_kind_at(st, a), STORAGE_FREE);
	assert_errno(storage_alloc(st, STORAGE_FRAME, &b), 0);
	assert_hex_equal(b, a);
	assert_true(all_bytes(st, b, 4096, 0));
	assert_int_equal(storage_page(st, b)->index, 0);
	assert_errno(storage_free(st, b), 0);

	assert_errno(storage_alloc(st, STORAGE_CRST, &a), 0);
	assert_errno(storage_free(st, a), 0);
	assert_errno(storage_alloc(st, STORAGE_CRST, &b), 0);
	assert_hex_equal(b, a);
	assert_errno(storage_free(st, b), 0);

	assert_errno(storage_alloc(st, STORAGE_LOWCORE, &a), 0);
	assert_errno(storage_free(st, a), 0);
	assert_errno(storage_alloc(st, STORAGE_LOWCORE, &b), 0);
	assert_hex_equal(b, a);
	assert_errno(storage_free(st, b), 0);

	storage_stats(st, &s1);
	assert_stats_same(&s0, &s1);
}

static void test_storage_fragments_pair(void **state)
{
	struct gm_storage *st = ST(state);
	uint64_t f1, f2, f3, fr;
	struct storage_stats s0, s;
	const struct storage_page *p;

	storage_stats(st, &s0);
	assert_errno(storage_alloc(st, STORAGE_PT_FRAG, &f1), 0);
	assert_errno(storage_alloc(st, STORAGE_PT_FRAG, &f2), 0);
	/* the two halves of one frame */
	assert_hex_equal(f1 & ~4095ULL, f2 & ~4095ULL);
	assert_hex_equal(f1 ^ 2048, f2);
	p = storage_page_const(st, f1);
	assert_int_equal(p->kind, STORAGE_PT_FRAG);
	assert_int_equal(p->frag, 3);
	storage_stats(st, &s);
	assert_int_equal(s.by_kind[STORAGE_PT_FRAG], 2);
	assert_int_equal(s.frames_used, s0.frames_used + 1);

	/* a freed half reads as free, the other half stays */
	assert_errno(storage_fill(st, f1, 0x77, 2048), 0);
	assert_errno(storage_fill(st, f2, 0x66, 2048), 0);
	assert_errno(storage_free(st, f1), 0);
	assert_int_equal(storage_kind_at(st, f1), STORAGE_FREE);
	assert_int_equal(storage_kind_at(st, f2), STORAGE_PT_FRAG);
	assert_int_equal(p->frag, (f2 & 2048) ? 2 : 1);

	/* a frame with a free half is reused before any free frame */
	assert_errno(storage_alloc(st, STORAGE_FRAME, &fr), 0);
	assert_errno(storage_free(st, fr), 0);
	assert_errno(storage_alloc(st, STORAGE_PT_FRAG, &f3), 0);
	assert_hex_equal(f3, f1);
	assert_true(all_bytes(st, f3, 2048, 0));
	assert_true(all_bytes(st, f2, 2048, 0x66)); /* the neighbour is not zeroed */

	/* both halves free: the frame is free again and reusable as a frame */
	assert_errno(storage_free(st, f2), 0);
	assert_errno(storage_free(st, f3), 0);
	assert_int_equal(storage_page_const(st, f1)->kind, STORAGE_FREE);
	storage_stats(st, &s);
	assert_stats_same(&s0, &s);
	assert_errno(storage_alloc(st, STORAGE_FRAME, &fr), 0);
	assert_hex_equal(fr, f1 & ~4095ULL);
}

static void test_storage_fragments_many(void **state)
{
	struct gm_storage *st = ST(state);
	uint64_t f[8];
	struct storage_stats s;

	/* eight fragments use four frames; freeing one half of each frame then
	 * reallocating fills exactly those halves again */
	for (int i = 0; i < 8; i++)
		assert_errno(storage_alloc(st, STORAGE_PT_FRAG, &f[i]), 0);
	storage_stats(st, &s);
	assert_int_equal(s.frames_used, 2 + 4);
	for (int i = 0; i < 8; i += 2)
		assert_errno(storage_free(st, f[i]), 0);
	for (int i = 0; i < 4; i++) {
		uint64_t g;

		assert_errno(storage_alloc(st, STORAGE_PT_FRAG, &g), 0);
		assert_int_equal(storage_page_const(st, g)->frag, 3);
	}
	storage_stats(st, &s);
	assert_int_equal(s.frames_used, 2 + 4);
	assert_int_equal(s.by_kind[STORAGE_PT_FRAG], 8);
}

static void test_storage_exhaustion_leaves_state_unchanged(void **state)
{
	struct gm_storage *st = ST(state);
	uint64_t a[3], b, c = 0x1234;
	struct storage_stats s0, s1;

	/* 16 frames: 0-1 reserved; CRSTs at frames 4, 8, 12 (16 KB aligned) */
	for (int i = 0; i < 3; i++) {
		assert_errno(storage_alloc(st, STORAGE_CRST, &a[i]), 0);
		assert_hex_equal(a[i], (uint64_t)(i + 1) * 16384);
	}
	storage_stats(st, &s0);
	assert_errno(storage_alloc(st, STORAGE_CRST, &c), -ENOMEM);
	assert_errno(storage_alloc(st, STORAGE_LOWCORE, &c), -ENOMEM); /* 2, 3 not 8 KB pairs */
	assert_hex_equal(c, 0x1234);
	storage_stats(st, &s1);
	assert_stats_same(&s0, &s1);
	/* frames 2 and 3 are still there for 4 KB requests */
	assert_errno(storage_alloc(st, STORAGE_FRAME, &b), 0);
	assert_true(b == 0x2000 || b == 0x3000);
	assert_errno(storage_alloc(st, STORAGE_PT_FRAG, &b), 0);
	assert_true((b & ~4095ULL) == 0x2000 || (b & ~4095ULL) == 0x3000);
	assert_errno(storage_alloc(st, STORAGE_PT_FRAG, &b), 0); /* other half */
	storage_stats(st, &s0);
	assert_int_equal(s0.frames_used, 16);
	assert_errno(storage_alloc(st, STORAGE_FRAME, &c), -ENOMEM);
	assert_errno(storage_alloc(st, STORAGE_PT_FRAG, &c), -ENOMEM);
	assert_errno(storage_alloc(st, STORAGE_PT_PGSTE, &c), -ENOMEM);
	assert_hex_equal(c, 0x1234);
	storage_stats(st, &s1);
	assert_stats_same(&s0, &s1);
	/* a freed CRST is split for frame requests */
	assert_errno(storage_free(st, a[1]), 0);
	for (int i = 0; i < 4; i++) {
		assert_errno(storage_alloc(st, STORAGE_FRAME, &b), 0);
		assert_true(b >= a[1] && b < a[1] + 16384);
	}
	assert_errno(storage_alloc(st, STORAGE_FRAME, &c), -ENOMEM);
}

static void test_storage_injected_failure(void **state)
{
	struct gm_storage *st = ST(state);
	uint64_t a, c = 0x99;
	struct storage_stats s0, s1;
	void *h;

	assert_int_equal(storage_fail_pending(st), 0);
	storage_fail_after(st, 2);
	assert_int_equal(storage_fail_pending(st), 1);
	assert_errno(storage_alloc(st, STORAGE_FRAME, &a), 0);
	h = storage_host_zalloc(st, 24); /* host objects count too */
	assert_non_null(h);
	storage_stats(st, &s0);
	assert_errno(storage_alloc(st, STORAGE_CRST, &c), -ENOMEM);
	assert_hex_equal(c, 0x99);
	assert_int_equal(storage_fail_pending(st), 0);
	storage_stats(st, &s1);
	assert_stats_same(&s0, &s1);
	assert_int_equal(s1.injected_failures, 1);
	assert_int_equal(s1.allocs, 3);
	/* once only */
	assert_errno(storage_alloc(st, STORAGE_CRST, &c), 0);

	/* the host allocator fails the same way */
	storage_fail_after(st, 0);
	storage_stats(st, &s0);
	assert_null(storage_host_zalloc(st, 16));
	storage_stats(st, &s1);
	assert_stats_same(&s0, &s1);
	assert_int_equal(s1.injected_failures, 2);

	/* negative disables */
	storage_fail_after(st, 0);
	storage_fail_after(st, -1);
	assert_int_equal(storage_fail_pending(st), 0);
	assert_errno(storage_alloc(st, STORAGE_PT_FRAG, &c), 0);
	storage_host_free(st, h, 24);
}

static void test_storage_host_objects(void **state)
{
	struct gm_storage *st = ST(state);
	struct storage_stats s;
	unsigned char *p = storage_host_zalloc(st, 100);
	void *q = storage_host_zalloc(st, 28);

	assert_non_null(p);
	assert_non_null(q);
	for (int i = 0; i < 100; i++)
		assert_int_equal(p[i], 0);
	storage_stats(st, &s);
	assert_int_equal(s.host_objects, 2);
	assert_int_equal(s.host_bytes, 128);
	storage_host_free(st, p, 100);
	storage_host_free(st, NULL, 5);
	storage_stats(st, &s);
	assert_int_equal(s.host_objects, 1);
	assert_int_equal(s.host_bytes, 28);
	storage_host_free(st, q, 28);
	storage_stats(st, &s);
	assert_int_equal(s.host_objects, 0);
	assert_int_equal(s.host_bytes, 0);
}

static void test_storage_bad_free(void **state)
{
	struct gm_storage *st = ST(state);
	uint64_t crst, fr, frag, lc;
	struct storage_stats s0, s1;

	assert_errno(storage_alloc(st, STORAGE_CRST, &crst), 0);
	assert_errno(storage_alloc(st, STORAGE_FRAME, &fr), 0);
	assert_errno(storage_alloc(st, STORAGE_PT_FRAG, &frag), 0);
	assert_errno(storage_alloc(st, STORAGE_LOWCORE, &lc), 0);
	storage_stats(st, &s0);

	assert_errno(storage_free(st, 0), -EINVAL);              /* reserved */
	assert_errno(storage_free(st, 4096), -EINVAL);           /* reserved */
	assert_errno(storage_free(st, crst + 4096), -EINVAL);    /* not the head */
	assert_errno(storage_free(st, crst + 8), -EINVAL);       /* misaligned */
	assert_errno(storage_free(st, lc + 4096), -EINVAL);
	assert_errno(storage_free(st, fr + 16), -EINVAL);
	assert_errno(storage_free(st, frag + 8), -EINVAL);
	assert_errno(storage_free(st, frag ^ 2048), -EINVAL);    /* the free half */
	assert_errno(storage_free(st, 4 * MB), -EINVAL);         /* outside */
	assert_errno(storage_free(st, UINT64_MAX), -EINVAL);
	assert_errno(storage_free(st, 3 * MB), -EINVAL);         /* never allocated */
	assert_errno(storage_free(NULL, fr), -EINVAL);
	storage_stats(st, &s1);
	assert_stats_same(&s0, &s1);
	assert_int_equal(storage_kind_at(st, crst + 4096), STORAGE_CRST);
	assert_int_equal(storage_kind_at(st, frag), STORAGE_PT_FRAG);

	/* double free */
	assert_errno(storage_free(st, fr), 0);
	storage_stats(st, &s0);
	assert_errno(storage_free(st, fr), -EINVAL);
	assert_errno(storage_free(st, frag), 0);
	assert_errno(storage_free(st, frag), -EINVAL);
	assert_errno(storage_free(st, frag), -EINVAL);
	storage_stats(st, &s1);
	assert_int_equal(s1.frames_used, s0.frames_used - 1);
}

static void test_storage_reserve_lowcore(void **state)
{
	struct gm_storage *st = ST(state);
	uint64_t a, fr;
	int seen = 0;

	assert_errno(storage_reserve_lowcore(st, 0x7000), -EINVAL);  /* misaligned */
	assert_errno(storage_reserve_lowcore(st, 4 * MB), -EFAULT);   /* outside */
	assert_errno(storage_reserve_lowcore(st, 0), -EBUSY);         /* reserved */
	assert_errno(storage_alloc(st, STORAGE_FRAME, &fr), 0);
	assert_errno(storage_reserve_lowcore(st, fr & ~0x1fffULL), -EBUSY);
	/* a block beyond anything allocated so far */
	assert_errno(storage_reserve_lowcore(st, 0x100000), 0);
	assert_int_equal(storage_kind_at(st, 0x100000), STORAGE_LOWCORE);
	assert_int_equal(storage_kind_at(st, 0x101fff), STORAGE_LOWCORE);
	assert_errno(storage_reserve_lowcore(st, 0x100000), -EBUSY);
	/* a block on a free list (a freed CRST) */
	assert_errno(storage_alloc(st, STORAGE_CRST, &a), 0);
	assert_errno(storage_free(st, a), 0);
	assert_errno(storage_reserve_lowcore(st, a + 8192), 0);
	/* the allocator never hands either block out: fill all 4 MB */
	while (storage_alloc(st, STORAGE_FRAME, &fr) == 0) {
		assert_false(fr >= 0x100000 && fr < 0x102000);
		assert_false(fr >= a + 8192 && fr < a + 16384);
		seen++;
	}
	/* 1024 frames - 2 reserved - 1 frame - 2 * 2 lowcore */
	assert_int_equal(seen, 1024 - 2 - 1 - 4);
	/* reserved lowcores can be freed and then allocated again */
	assert_errno(storage_free(st, 0x100000), 0);
	assert_errno(storage_alloc(st, STORAGE_LOWCORE, &fr), 0);
	assert_hex_equal(fr, 0x100000);
	assert_errno(storage_reserve_lowcore(NULL, 0x2000), -EINVAL);
}

static void test_storage_never_hands_out_reserved(void **state)
{
	struct gm_storage *st = ST(state);
	uint64_t a;
	int n = 0;

	while (storage_alloc(st, STORAGE_PT_FRAG, &a) == 0) {
		assert_true(a >= 8192);
		n++;
	}
	assert_int_equal(n, 2 * 14);
}

static void test_storage_descriptor_priv(void **state)
{
	struct gm_storage *st = ST(state);
	uint64_t a;
	int x;
	struct storage_page *p;

	assert_errno(storage_alloc(st, STORAGE_CRST, &a), 0);
	p = storage_page(st, a);
	p->priv = &x;
	p->index = 7;
	assert_ptr_equal(storage_page(st, a + 100)->priv, &x);
	assert_ptr_equal(storage_page_const(st, a)->priv, &x);
	assert_errno(storage_free(st, a), 0);
	assert_errno(storage_alloc(st, STORAGE_CRST, &a), 0);
	assert_null(storage_page(st, a)->priv);
	assert_int_equal(storage_page(st, a)->index, 0);
}

static void test_storage_kind_names(void **state)
{
	(void)state;
	assert_string_equal(storage_kind_name(STORAGE_FREE), "free");
	assert_string_equal(storage_kind_name(STORAGE_FRAME), "frame");
	assert_string_equal(storage_kind_name(STORAGE_PT_FRAG), "pt");
	assert_string_equal(storage_kind_name(STORAGE_CRST), "crst");
	assert_string_equal(storage_kind_name(STORAGE_LOWCORE), "lowcore");
	assert_string_equal(storage_kind_name(STORAGE_RESERVED), "reserved");
	assert_string_equal(storage_kind_name(STORAGE_PT_PGSTE), "pt-pgste");
	assert_string_equal(storage_kind_name((enum storage_kind)99), "unknown");
}

/* ---- big and multiple storages ----------------------------------------- */

/*
 * Host memory grows with what is touched, so a 1 TiB storage costs a few
 * pages.  Valgrind cannot reserve more than about 128 GB of address space
 * (the valgrind test setup sets GMAP_TEST_VALGRIND): there the same checks
 * run on 16 GiB, still more than the host could back if the reservation
 * were not sparse.
 */
static void test_storage_one_tebibyte(void **state)
{
	struct gm_storage *st;
	const uint64_t size = getenv("GMAP_TEST_VALGRIND") ? 1ULL << 34 : 1ULL << 40;
	struct storage_stats s;
	uint64_t v, a;

	(void)state;
	assert_errno(storage_create(size, &st), 0);
	storage_stats(st, &s);
	assert_int_equal(s.frames_total, size / 4096);
	assert_errno(storage_store(st, size - 1, 1, 0x5c), 0);
	assert_errno(storage_load(st, size - 1, 1, &v), 0);
	assert_hex_equal(v, 0x5c);
	assert_errno(storage_store8(st, size - 4096, 0x0102030405060708ULL), 0);
	assert_errno(storage_load(st, size - 4093, 4, &v), 0);
	assert_hex_equal(v, 0x04050607);
	assert_errno(storage_load(st, size, 1, &v), -EFAULT);
	assert_errno(storage_reserve_lowcore(st, size - 8192), 0);
	assert_int_equal(storage_kind_at(st, size - 1), STORAGE_LOWCORE);
	assert_errno(storage_alloc(st, STORAGE_CRST, &a), 0);
	assert_hex_equal(a, 0x4000);
	storage_destroy(st);
}

/* The read-only view shows the same big-endian bytes that loads return. */
static void test_storage_view(void **state)
{
	struct gm_storage *st;
	struct storage_view v;

	(void)state;
	assert_errno(storage_create(SMALL, &st), 0);
	assert_errno(storage_get_view(st, NULL), -EINVAL);
	assert_errno(storage_get_view(NULL, &v), -EINVAL);
	assert_errno(storage_get_view(st, &v), 0);
	assert_int_equal(v.size, SMALL);
	assert_errno(storage_store8(st, 0x3000, 0x0102030405060708ULL), 0);
	assert_int_equal(v.mem[0x3000], 0x01);
	assert_int_equal(v.mem[0x3007], 0x08);
	storage_destroy(st);
}

static void test_storage_two_storages_independent(void **state)
{
	struct gm_storage *a, *b;
	struct storage_stats sa, sb;
	uint64_t x, y, v;

	(void)state;
	assert_errno(storage_create(SMALL, &a), 0);
	assert_errno(storage_create(2 * SMALL, &b), 0);
	assert_errno(storage_store8(a, 0x2000, 0xabcdef), 0);
	assert_errno(storage_load8(b, 0x2000, &v), 0);
	assert_hex_equal(v, 0);
	storage_fail_after(a, 0);
	assert_int_equal(storage_fail_pending(b), 0);
	assert_errno(storage_alloc(b, STORAGE_CRST, &y), 0);
	assert_errno(storage_alloc(a, STORAGE_CRST, &x), -ENOMEM);
	assert_errno(storage_alloc(a, STORAGE_CRST, &x), 0);
	assert_hex_equal(x, y); /* same layout, separate bytes */
	assert_errno(storage_store8(b, y, 1), 0);
	assert_errno(storage_load8(a, x, &v), 0);
	assert_hex_equal(v, 0);
	storage_stats(a, &sa);
	storage_stats(b, &sb);
	assert_int_equal(sa.injected_failures, 1);
	assert_int_equal(sb.injected_failures, 0);
	assert_int_equal(sa.frames_total, 16);
	assert_int_equal(sb.frames_total, 32);
	storage_destroy(a);
	assert_errno(storage_load8(b, y, &v), 0);
	assert_hex_equal(v, 1);
	storage_destroy(b);
}

/* A host range nothing is mapped in: reserve one, release it. */
static uintptr_t free_host_range(size_t len)
{
	void *p = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	assert_true(p != MAP_FAILED);
	munmap(p, len);
	return (uintptr_t)p;
}

static void test_storage_create_at_places_bytes_at_the_host_address(void **state)
{
	uintptr_t host = free_host_range(MB);
	struct gm_storage *st = NULL, *other = NULL;
	const uint8_t *b;
	uint64_t v = 0;

	(void)state;
	assert_errno(storage_create_at(MB, host + 1, &st), -EINVAL);
	assert_null(st);
	assert_errno(storage_create_at(MB, host, &st), 0);
	/* absolute A is the host byte at host + A, big-endian */
	assert_errno(storage_store8(st, 0x3000, 0x0102030405060708ULL), 0);
	b = (const uint8_t *)(host + 0x3000);
	assert_int_equal(b[0], 0x01);
	assert_int_equal(b[7], 0x08);
	((uint8_t *)host)[0x4000] = 0xab;
	assert_errno(storage_load(st, 0x4000, 1, &v), 0);
	assert_int_equal(v, 0xab);
	/* the range is taken now */
	assert_errno(storage_create_at(MB, host, &other), -EBUSY);
	assert_null(other);
	storage_destroy(st);
	/* and free again afterwards */
	assert_errno(storage_create_at(MB, host, &st), 0);
	storage_destroy(st);
}

/*
 * Code that owns a storage_create_at() storage stores entries through host
 * pointers (the kernel harness), past the populated-entry census: walks
 * over its tables must still see such an entry.
 */
static void test_storage_create_at_walks_see_native_stores(void **state)
{
	uintptr_t host = free_host_range(MB);
	struct gm_storage *st = NULL, *plain = NULL;
	uint64_t crst = 0, crst2 = 0;

	(void)state;
	assert_errno(storage_create_at(MB, host, &st), 0);
	assert_errno(storage_alloc(st, STORAGE_CRST, &crst), 0);
	storage_table_fill(st, crst, 0x20, 2048);
	/* a native big-endian store of an entry at index 100 */
	((uint8_t *)host)[crst + 100 * 8 + 6] = 0x12;
	assert_int_equal(storage_next_pop(st, crst, crst + 16384), crst);
	storage_destroy(st);

	/* ordinary storage keeps its census: an empty table is skipped whole,
	 * an entry stored through the API is found */
	assert_errno(storage_create(MB, &plain), 0);
	assert_errno(storage_alloc(plain, STORAGE_CRST, &crst2), 0);
	storage_table_fill(plain, crst2, 0x20, 2048);
	assert_int_equal(storage_next_pop(plain, crst2, crst2 + 16384), crst2 + 16384);
	assert_errno(storage_store8(plain, crst2 + 100 * 8, 0x1000), 0);
	assert_int_equal(storage_next_pop(plain, crst2, crst2 + 16384), crst2 + 100 * 8);
	storage_destroy(plain);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_storage_create_bad_sizes),
		cmocka_unit_test(test_storage_create_at_places_bytes_at_the_host_address),
		cmocka_unit_test(test_storage_create_at_walks_see_native_stores),
		cmocka_unit_test_setup_teardown(test_storage_create_initial_state, setup_small, teardown),
		cmocka_unit_test_setup_teardown(test_storage_bounds, setup_small, teardown),
		cmocka_unit_test_setup_teardown(test_storage_byte_order, setup_small, teardown),
		cmocka_unit_test_setup_teardown(test_storage_sizes, setup_small, teardown),
		cmocka_unit_test_setup_teardown(test_storage_read_write_fill, setup_small, teardown),
		cmocka_unit_test_setup_teardown(test_storage_alloc_kinds_aligned_and_zeroed, setup_4m, teardown),
		cmocka_unit_test_setup_teardown(test_storage_reuse_after_free, setup_4m, teardown),
		cmocka_unit_test_setup_teardown(test_storage_fragments_pair, setup_4m, teardown),
		cmocka_unit_test_setup_teardown(test_storage_fragments_many, setup_small, teardown),
		cmocka_unit_test_setup_teardown(test_storage_exhaustion_leaves_state_unchanged, setup_small, teardown),
		cmocka_unit_test_setup_teardown(test_storage_injected_failure, setup_small, teardown),
		cmocka_unit_test_setup_teardown(test_storage_host_objects, setup_small, teardown),
		cmocka_unit_test_setup_teardown(test_storage_bad_free, setup_4m, teardown),
		cmocka_unit_test_setup_teardown(test_storage_reserve_lowcore, setup_4m, teardown),
		cmocka_unit_test_setup_teardown(test_storage_never_hands_out_reserved, setup_small, teardown),
		cmocka_unit_test_setup_teardown(test_storage_descriptor_priv, setup_small, teardown),
		cmocka_unit_test(test_storage_kind_names),
		cmocka_unit_test(test_storage_one_tebibyte),
		cmocka_unit_test(test_storage_view),
		cmocka_unit_test(test_storage_two_storages_independent),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
