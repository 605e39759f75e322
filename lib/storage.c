/* SPDX-License-Identifier: MIT */
/*
 * Simulated absolute storage and its frame allocator.
 *
 * Bytes: one mmap(MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE) of the configured
 * size, so the host only backs what is touched (1 TiB of storage costs
 * nothing until used).  Descriptors: one more such mmap holding the
 * struct storage_page array followed by a uint32_t array of back links, so
 * every free list is doubly linked and every list operation is O(1).
 *
 * Contents are big-endian as the machine sees them (Principles of
 * Operation, "Storage Addressing": bit 0 / byte 0 is the leftmost, most
 * significant); loads and stores assemble values byte-order independently.
 *
 * Allocator, in the spirit of the Linux s390 page-table allocators
 * (arch/s390/mm/pgtable.c: crst_table_alloc() takes order-2 pages,
 * page_table_alloc() hands out 2 KB halves of a page and keeps pages with a
 * free half on mm->context.pgtable_list so they are reused first):
 *   - free4k:  single free frames;
 *   - free8k:  free 8 KB-aligned pairs (freed LOWCORE blocks below 2 GiB);
 *   - free16k: free 16 KB-aligned quads (freed CRST tables);
 *   - frag_half: PT_FRAG frames with exactly one free half;
 *   - bump: frames never handed out yet.
 * Blocks are not coalesced; smaller requests split a bigger free block.
 * Links are frame numbers with 0 meaning "none": frame 0 is reserved
 * forever, so it never is on a list.  (This is why links are not "+1".)
 *
 * A free frame's descriptor records which list its block is on in `frag`
 * (FL_*), and `head` marks the first frame of a free block.
 *
 * Layer storage (docs/layers.txt), the bottom: owns absolute storage and
 * the frame allocator; calls nothing of libgmap.
 */
#include "export.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "storage-internal.h"

#define FL_NONE 0  /* free, on no list (beyond bump, or a non-head block member) */
#define FL_4K 1
#define FL_8K 2
#define FL_16K 3

#define LOWCORE_LIMIT (2ULL << 30) /* prefix register: bits 1-18, so < 2 GiB */

static uint32_t *prev_links(const struct gm_storage *st)
{
	return (uint32_t *)(void *)(st->pages + st->nframes);
}

static uint64_t desc_bytes(uint64_t nframes)
{
	return nframes * (sizeof(struct storage_page) + sizeof(uint32_t));
}

/* ---- Doubly linked free lists (frame numbers, 0 = none) ---------------- */

static uint32_t *list_head(struct gm_storage *st, int fl)
{
	switch (fl) {
	case FL_8K:
		return &st->free8k;
	case FL_16K:
		return &st->free16k;
	default:
		return &st->free4k;
	}
}

static void list_push(struct gm_storage *st, uint32_t *head, uint32_t fn)
{
	uint32_t *prev = prev_links(st);

	st->pages[fn].next_free = *head;
	prev[fn] = 0;
	if (*head)
		prev[*head] = fn;
	*head = fn;
}

static void list_unlink(struct gm_storage *st, uint32_t *head, uint32_t fn)
{
	uint32_t *prev = prev_links(st);
	uint32_t nx = st->pages[fn].next_free, pv = prev[fn];

	if (pv)
		st->pages[pv].next_free = nx;
	else
		*head = nx;
	if (nx)
		prev[nx] = pv;
	st->pages[fn].next_free = 0;
	prev[fn] = 0;
}

static void set_free(struct gm_storage *st, uint64_t fn, uint64_t n, int fl)
{
	for (uint64_t i = 0; i < n; i++) {
		struct storage_page *p = &st->pages[fn + i];

		p->kind = STORAGE_FREE;
		p->head = i == 0;
		p->frag = (uint8_t)fl;
		p->index = 0;
		p->priv = NULL;
		p->priv2 = NULL;
	}
}

/* Put the free block [fn, fn+n) on the list for its size. */
static void push_block(struct gm_storage *st, uint64_t fn, uint64_t n)
{
	int fl = n == 4 ? FL_16K : n == 2 ? FL_8K : FL_4K;

	if (n != 1 && n != 2 && n != 4) {
		for (uint64_t i = 0; i < n; i++)
			push_block(st, fn + i, 1);
		return;
	}
	set_free(st, fn, n, fl);
	list_push(st, list_head(st, fl), (uint32_t)fn);
}

static void set_used(struct gm_storage *st, uint64_t fn, uint64_t n, enum storage_kind kind)
{
	for (uint64_t i = 0; i < n; i++) {
		struct storage_page *p = &st->pages[fn + i];

		p->kind = (uint8_t)kind;
		p->head = i == 0;
		p->frag = 0;
		p->pad_ = 0;
		p->next_free = 0;
		p->index = 0;
		p->priv = NULL;
		p->priv2 = NULL;
	}
	st->frames_used += n;
}

/* Above the bump pointer a frame may have been reserved and freed again. */
static int never_used(const struct gm_storage *st, uint64_t fn)
{
	return st->pages[fn].kind == STORAGE_FREE && st->pages[fn].frag == FL_NONE;
}

/*
 * Find room for @n frames (@n a power of two, aligned to @n) above the bump
 * pointer, below @limit frames, skipping frames reserved out of order by
 * storage_reserve_lowcore().  Changes nothing; returns 0 if none.
 */
static uint64_t bump_find(const struct gm_storage *st, uint64_t n, uint64_t limit)
{
	uint64_t fn = (st->bump + n - 1) & ~(n - 1);

	if (limit > st->nframes)
		limit = st->nframes;
	while (fn + n <= limit) {
		uint64_t i;

		for (i = 0; i < n; i++)
			if (!never_used(st, fn + i))
				break;
		if (i == n)
			return fn;
		fn += n;
	}
	return 0;
}

/* Take [fn, fn+n) from bump space; the alignment gap goes to free4k. */
static void bump_take(struct gm_storage *st, uint64_t fn, uint64_t n)
{
	for (uint64_t g = st->bump; g < fn; g++)
		if (never_used(st, g))
			push_block(st, g, 1);
	st->bump = fn + n;
}

/* Pop a free block from list @fl; the block's frames are returned to the caller. */
static uint64_t list_pop(struct gm_storage *st, int fl)
{
	uint32_t *head = list_head(st, fl);
	uint32_t fn = *head;

	if (fn)
		list_unlink(st, head, fn);
	return fn;
}

/* One frame, reusing free frames first.  0 when storage is exhausted. */
static uint64_t take_4k(struct gm_storage *st)
{
	uint64_t fn;

	fn = list_pop(st, FL_4K);
	if (fn)
		return fn;
	fn = list_pop(st, FL_8K);
	if (fn) {
		push_block(st, fn + 1, 1);
		return fn;
	}
	fn = list_pop(st, FL_16K);
	if (fn) {
		for (uint64_t i = 1; i < 4; i++)
			push_block(st, fn + i, 1);
		return fn;
	}
	fn = bump_find(st, 1, st->nframes);
	if (fn)
		bump_take(st, fn, 1);
	return fn;
}

static uint64_t take_16k(struct gm_storage *st)
{
	uint64_t fn = list_pop(st, FL_16K);

	if (fn)
		return fn;
	fn = bump_find(st, 4, st->nframes);
	if (fn)
		bump_take(st, fn, 4);
	return fn;
}

static uint64_t take_lowcore(struct gm_storage *st)
{
	const uint64_t limit = LOWCORE_LIMIT / STORAGE_PAGE_SIZE;
	uint64_t fn = list_pop(st, FL_8K);

	if (fn)
		return fn;
	/* Only the head of free16k is looked at, to stay O(1). */
	if (st->free16k && st->free16k < limit) {
		fn = list_pop(st, FL_16K);
		push_block(st, fn + 2, 2);
		return fn;
	}
	fn = bump_find(st, 2, limit);
	if (fn)
		bump_take(st, fn, 2);
	return fn;
}

/* Injection and accounting shared by every allocation; 1 = fail now. */
static int inject(struct gm_storage *st)
{
	st->allocs++;
	if (st->fail_after == 0) {
		st->fail_after = -1;
		st->injected++;
		return 1;
	}
	if (st->fail_after > 0)
		st->fail_after--;
	return 0;
}

/* ---- Creation --------------------------------------------------------- */

/*
 * 1 when no mapping of this process overlaps [addr, addr + len), read from
 * /proc/self/maps (emulated for the guest program under qemu-user).
 */
static int host_range_free(uintptr_t addr, uint64_t len)
{
	unsigned long lo, hi;
	char line[512];
	int free_ = 1;
	FILE *f;

	f = fopen("/proc/self/maps", "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx", &lo, &hi) == 2 && lo < addr + len && hi > addr) {
			free_ = 0;
			break;
		}
	}
	fclose(f);
	return free_;
}

/*
 * The frame allocator hands out the lowest frames first (lowcore, the
 * first tables), so a machine's first 2 MB is where nearly all its host
 * page faults are: as one huge page where the host has them, one fault and
 * one unmap instead of dozens.
 */
static void storage_advise_low(void *p, uint64_t size)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = 2u << 20;
	uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1);

	if (a == (uintptr_t)p && size >= huge)
		(void)madvise(p, huge, MADV_HUGEPAGE);
#else
	(void)p;
	(void)size;
#endif
}

/* The bytes of storage: anywhere (@fixed false) or exactly at @host_addr. */
static int storage_map(uint64_t size, bool fixed, uintptr_t host_addr, void **mem)
{
	const int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
	void *p;

	if (!fixed) {
		p = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, flags, -1, 0);
		if (p == MAP_FAILED)
			return -ENOMEM;
		storage_advise_low(p, size);
		*mem = p;
		return 0;
	}
	p = mmap((void *)host_addr, (size_t)size, PROT_READ | PROT_WRITE,
		 flags | MAP_FIXED_NOREPLACE, -1, 0);
	if (p == MAP_FAILED)
		return errno == EEXIST ? -EBUSY : -ENOMEM;
	if ((uintptr_t)p == host_addr) {
		*mem = p;
		return 0;
	}
	/* A kernel (or emulator) that takes MAP_FIXED_NOREPLACE as a hint:
	 * map over the range only after checking that nothing is there. */
	munmap(p, (size_t)size);
	if (!host_range_free(host_addr, size))
		return -EBUSY;
	p = mmap((void *)host_addr, (size_t)size, PROT_READ | PROT_WRITE, flags | MAP_FIXED, -1, 0);
	if (p == MAP_FAILED)
		return -ENOMEM;
	*mem = p;
	return 0;
}

static int storage_create_common(uint64_t size, bool fixed, uintptr_t host_addr,
				 struct gm_storage **out)
{
	struct gm_storage *st;
	void *mem, *desc, *bk;
	uint64_t nframes;
	int rc;

	if (!out || size < STORAGE_MIN_SIZE || size > STORAGE_MAX_SIZE ||
	    size % STORAGE_PAGE_SIZE || host_addr % STORAGE_PAGE_SIZE)
		return -EINVAL;
	if (size > SIZE_MAX || (fixed && host_addr > UINTPTR_MAX - size))
		return -ENOMEM;
	nframes = size / STORAGE_PAGE_SIZE;
	st = calloc(1, sizeof(*st));
	if (!st)
		return -ENOMEM;
	/* The bytes first: a fixed address the caller found free must not be
	 * taken by the bookkeeping's own mapping. */
	rc = storage_map(size, fixed, host_addr, &mem);
	if (rc) {
		free(st);
		return rc;
	}
	/* One mapping for the bookkeeping (one munmap to tear down: each
	 * costs a TLB shootdown on the host): the descriptors, then from a
	 * page boundary the populated-entry bits (one per doubleword) and the
	 * empty value of each 2 KB half, 1/64 + 1/256 of the size, touched
	 * only for tables. */
	st->bk_bytes = (size_t)(size / 64 + size / 256);
	st->desc_map = ((size_t)desc_bytes(nframes) + STORAGE_PAGE_SIZE - 1) & ~(size_t)(STORAGE_PAGE_SIZE - 1);
	desc = mmap(NULL, st->desc_map + st->bk_bytes, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (desc == MAP_FAILED) {
		munmap(mem, (size_t)size);
		free(st);
		return -ENOMEM;
	}
	bk = (char *)desc + st->desc_map;
	st->mem = mem;
	st->size = size;
	st->nframes = nframes;
	st->pages = desc;
	st->pop = bk;
	st->empty = (uint64_t *)bk + size / 512;
	st->fail_after = -1;
	/* Absolute 0..8191: CPU 0's default prefix area, never handed out. */
	set_used(st, 0, 2, STORAGE_RESERVED);
	st->by_kind[STORAGE_RESERVED] = 1;
	st->bump = 2;
	*out = st;
	return 0;
}

int storage_create(uint64_t size, struct gm_storage **out)
{
	return storage_create_common(size, false, 0, out);
}

int storage_create_at(uint64_t size, uintptr_t host_addr, struct gm_storage **out)
{
	int rc = storage_create_common(size, true, host_addr, out);

	/* Its user stores entries natively, past storage_store*(). */
	if (rc == 0)
		(*out)->no_census = true;
	return rc;
}

void storage_destroy(struct gm_storage *st)
{
	if (!st)
		return;
	munmap(st->pages, st->desc_map + st->bk_bytes);
	munmap(st->mem, (size_t)st->size);
	free(st);
}

uint64_t storage_size(const struct gm_storage *st)
{
	return st ? st->size : 0;
}

/* ---- Loads and stores ------------------------------------------------- */

int storage_load(const struct gm_storage *st, uint64_t aaddr, unsigned len, uint64_t *val)
{
	const uint8_t *p;

	if (!st || !val || (len != 1 && len != 2 && len != 4 && len != 8))
		return -EINVAL;
	if (!storage_in_range(st, aaddr, len))
		return -EFAULT;
	/* One load and a byte swap per operand (storage is big-endian). */
	p = st->mem + aaddr;
	switch (len) {
	case 1:
		*val = *p;
		break;
	case 2: {
		uint16_t v;

		memcpy(&v, p, 2);
		*val = be16toh(v);
		break;
	}
	case 4: {
		uint32_t v;

		memcpy(&v, p, 4);
		*val = be32toh(v);
		break;
	}
	default:
		*val = storage_ld8_fast(st, aaddr);
		break;
	}
	return 0;
}

int storage_store(struct gm_storage *st, uint64_t aaddr, unsigned len, uint64_t val)
{
	uint8_t *p;

	if (!st || (len != 1 && len != 2 && len != 4 && len != 8))
		return -EINVAL;
	if (!storage_in_range(st, aaddr, len))
		return -EFAULT;
	p = st->mem + aaddr;
	switch (len) {
	case 1:
		*p = (uint8_t)val;
		break;
	case 2: {
		uint16_t v = htobe16((uint16_t)val);

		memcpy(p, &v, 2);
		break;
	}
	case 4: {
		uint32_t v = htobe32((uint32_t)val);

		memcpy(p, &v, 4);
		break;
	}
	default:
		storage_st8_fast(st, aaddr, val);
		return 0;
	}
	/* Any byte of a table may change what counts as populated. */
	storage_bk_sync(st, aaddr, len);
	return 0;
}

int storage_load8(const struct gm_storage *st, uint64_t aaddr, uint64_t *val)
{
	if (!st || !val)
		return -EINVAL;
	if (!storage_ld8_chk(st, aaddr, val))
		return -EFAULT;
	return 0;
}

int storage_store8(struct gm_storage *st, uint64_t aaddr, uint64_t val)
{
	if (!st)
		return -EINVAL;
	if (!storage_in_range(st, aaddr, 8))
		return -EFAULT;
	storage_st8_fast(st, aaddr, val);
	return 0;
}

int storage_read(const struct gm_storage *st, uint64_t aaddr, void *buf, size_t len)
{
	if (!st || (!buf && len))
		return -EINVAL;
	if (!storage_in_range(st, aaddr, len))
		return -EFAULT;
	if (len)
		memcpy(buf, st->mem + aaddr, len);
	return 0;
}

int storage_write(struct gm_storage *st, uint64_t aaddr, const void *buf, size_t len)
{
	if (!st || (!buf && len))
		return -EINVAL;
	if (!storage_in_range(st, aaddr, len))
		return -EFAULT;
	if (len) {
		memcpy(st->mem + aaddr, buf, len);
		storage_bk_sync(st, aaddr, len);
	}
	return 0;
}

int storage_fill(struct gm_storage *st, uint64_t aaddr, uint8_t byte, size_t len)
{
	if (!st)
		return -EINVAL;
	if (!storage_in_range(st, aaddr, len))
		return -EFAULT;
	if (len) {
		memset(st->mem + aaddr, byte, len);
		storage_bk_sync(st, aaddr, len);
	}
	return 0;
}

int storage_fill8(struct gm_storage *st, uint64_t aaddr, uint64_t val, size_t count)
{
	if (!st || (aaddr & 7))
		return -EINVAL;
	if (count > UINT64_MAX / 8 || !storage_in_range(st, aaddr, (uint64_t)count * 8))
		return -EFAULT;
	for (size_t i = 0; i < count; i++)
		storage_st8_fast(st, aaddr + (uint64_t)i * 8, val);
	return 0;
}

void storage_bk_sync(struct gm_storage *st, uint64_t aaddr, uint64_t len)
{
	uint64_t a = aaddr & ~7ULL, end = aaddr + len;

	while (a < end) {
		uint64_t fend = (a | (STORAGE_PAGE_SIZE - 1)) + 1;

		if (!storage_kind_is_table(st->pages[a >> 12].kind)) {
			a = fend;
			continue;
		}
		if (fend > end)
			fend = end;
		for (; a < fend; a += 8)
			storage_bk_note(st, a, storage_ld8_fast(st, a));
	}
}

void storage_table_fill(struct gm_storage *st, uint64_t aaddr, uint64_t empty, size_t count)
{
	uint64_t end = aaddr + (uint64_t)count * 8;

	for (uint64_t h = aaddr >> 11; h < (end + 2047) >> 11; h++)
		st->empty[h] = empty;
	for (uint64_t a = aaddr; a < end; a += 8) {
		uint64_t v = htobe64(empty);

		memcpy(st->mem + a, &v, 8);
	}
	memset(&st->pop[aaddr >> 9], 0, (size_t)((end - aaddr + 511) >> 9) * 8);
}

/* ---- Allocation ------------------------------------------------------- */

int storage_alloc(struct gm_storage *st, enum storage_kind kind, uint64_t *aaddr)
{
	uint64_t fn, n = 1, off = 0, len;

	if (!st || !aaddr)
		return -EINVAL;
	switch (kind) {
	case STORAGE_FRAME:
	case STORAGE_PT_PGSTE:
	case STORAGE_PT_FRAG:
		break;
	case STORAGE_CRST:
		n = 4;
		break;
	case STORAGE_LOWCORE:
		n = 2;
		break;
	default:
		return -EINVAL;
	}
	if (inject(st))
		return -ENOMEM;

	if (kind == STORAGE_PT_FRAG) {
		struct storage_page *p;

		fn = st->frag_half;
		if (fn) {
			/* A frame with a free half is used first (page_table_alloc()). */
			p = &st->pages[fn];
			list_unlink(st, &st->frag_half, (uint32_t)fn);
			off = (p->frag & 1) ? 2048 : 0;
			p->frag = 3;
		} else {
			fn = take_4k(st);
			if (!fn)
				return -ENOMEM;
			set_used(st, fn, 1, STORAGE_PT_FRAG);
			p = &st->pages[fn];
			p->frag = 1;
			list_push(st, &st->frag_half, (uint32_t)fn);
		}
		if (off)
			p->priv2 = NULL;
		else
			p->priv = NULL;
		len = 2048;
	} else {
		fn = kind == STORAGE_CRST ? take_16k(st) :
		     kind == STORAGE_LOWCORE ? take_lowcore(st) : take_4k(st);
		if (!fn)
			return -ENOMEM;
		set_used(st, fn, n, kind);
		len = n * STORAGE_PAGE_SIZE;
	}
	st->by_kind[kind]++;
	*aaddr = fn * STORAGE_PAGE_SIZE + off;
	memset(st->mem + *aaddr, 0, (size_t)len);
	if (storage_kind_is_table(kind)) {
		/* All zero: empty value 0, nothing populated (storage_table_fill() changes it). */
		for (uint64_t h = *aaddr >> 11; h < (*aaddr + len) >> 11; h++)
			st->empty[h] = 0;
		memset(&st->pop[*aaddr >> 9], 0, (size_t)(len >> 9) * 8);
	}
	return 0;
}

int storage_free(struct gm_storage *st, uint64_t aaddr)
{
	struct storage_page *p;
	uint64_t fn, n;

	if (!st || aaddr >= st->size)
		return -EINVAL;
	fn = aaddr / STORAGE_PAGE_SIZE;
	p = &st->pages[fn];
	switch (p->kind) {
	case STORAGE_FRAME:
	case STORAGE_PT_PGSTE:
		n = 1;
		break;
	case STORAGE_LOWCORE:
		n = 2;
		break;
	case STORAGE_CRST:
		n = 4;
		break;
	case STORAGE_PT_FRAG: {
		unsigned bit;

		if (aaddr & 2047)
			return -EINVAL;
		bit = (aaddr & 2048) ? 2 : 1;
		if (!(p->frag & bit))
			return -EINVAL;
		if (bit == 2)
			p->priv2 = NULL;
		else
			p->priv = NULL;
		st->by_kind[STORAGE_PT_FRAG]--;
		if (p->frag == 3) {
			p->frag = (uint8_t)(3 & ~bit);
			list_push(st, &st->frag_half, (uint32_t)fn);
		} else {
			/* Both halves free: the frame goes back (page_table_free()). */
			list_unlink(st, &st->frag_half, (uint32_t)fn);
			st->frames_used--;
			push_block(st, fn, 1);
		}
		return 0;
	}
	default:
		return -EINVAL; /* free or reserved */
	}
	if (aaddr % (n * STORAGE_PAGE_SIZE) || !p->head)
		return -EINVAL;
	st->by_kind[p->kind]--;
	st->frames_used -= n;
	/* A LOWCORE block the caller placed above 2 GiB must not feed take_lowcore(). */
	if (n == 2 && aaddr + 2 * STORAGE_PAGE_SIZE > LOWCORE_LIMIT) {
		push_block(st, fn, 1);
		push_block(st, fn + 1, 1);
	} else {
		push_block(st, fn, n);
	}
	return 0;
}

/* Take frame @fn, known free, off whatever free list holds it. */
static void claim_free_frame(struct gm_storage *st, uint64_t fn)
{
	struct storage_page *p = &st->pages[fn];
	uint64_t base, n;

	switch (p->frag) {
	case FL_4K:
		list_unlink(st, &st->free4k, (uint32_t)fn);
		return;
	case FL_8K:
		n = 2;
		break;
	case FL_16K:
		n = 4;
		break;
	default:
		return; /* beyond bump: bump_find() skips it once it is used */
	}
	/* Split the block: the other frames become single free frames. */
	base = fn & ~(n - 1);
	list_unlink(st, list_head(st, p->frag), (uint32_t)base);
	for (uint64_t i = 0; i < n; i++)
		if (base + i != fn)
			push_block(st, base + i, 1);
}

int storage_reserve_lowcore(struct gm_storage *st, uint64_t aaddr)
{
	uint64_t fn;

	if (!st || (aaddr & 0x1fff))
		return -EINVAL;
	if (!storage_in_range(st, aaddr, 2 * STORAGE_PAGE_SIZE))
		return -EFAULT;
	fn = aaddr / STORAGE_PAGE_SIZE;
	if (st->pages[fn].kind != STORAGE_FREE || st->pages[fn + 1].kind != STORAGE_FREE)
		return -EBUSY;
	/*
	 * Both frames of an 8 KB-aligned pair are in the same block, so
	 * claiming the first may split the block and leave the second on
	 * free4k; claim it afterwards.
	 */
	claim_free_frame(st, fn);
	claim_free_frame(st, fn + 1);
	set_used(st, fn, 2, STORAGE_LOWCORE);
	st->by_kind[STORAGE_LOWCORE]++;
	return 0;
}

int storage_get_view(const struct gm_storage *st, struct storage_view *view)
{
	if (!st || !view)
		return -EINVAL;
	view->mem = st->mem;
	view->size = st->size;
	return 0;
}

/* ---- Descriptors, injection, host objects, stats ----------------------- */

struct storage_page *storage_page(struct gm_storage *st, uint64_t aaddr)
{
	if (!st || aaddr >= st->size)
		return NULL;
	return &st->pages[aaddr / STORAGE_PAGE_SIZE];
}

const struct storage_page *storage_page_const(const struct gm_storage *st, uint64_t aaddr)
{
	if (!st || aaddr >= st->size)
		return NULL;
	return &st->pages[aaddr / STORAGE_PAGE_SIZE];
}

enum storage_kind storage_kind_at(const struct gm_storage *st, uint64_t aaddr)
{
	const struct storage_page *p = storage_page_const(st, aaddr);

	if (!p)
		return STORAGE_FREE;
	if (p->kind == STORAGE_PT_FRAG && !(p->frag & ((aaddr & 2048) ? 2 : 1)))
		return STORAGE_FREE;
	return (enum storage_kind)p->kind;
}

void storage_fail_after(struct gm_storage *st, long n)
{
	if (st)
		st->fail_after = n < 0 ? -1 : n;
}

int storage_fail_pending(const struct gm_storage *st)
{
	return st && st->fail_after >= 0;
}

void *storage_host_zalloc(struct gm_storage *st, size_t size)
{
	void *p;

	if (!st)
		return NULL;
	if (inject(st))
		return NULL;
	p = calloc(1, size ? size : 1);
	if (!p)
		return NULL;
	st->host_objects++;
	st->host_bytes += size;
	return p;
}

void *storage_host_map(struct gm_storage *st, size_t size)
{
	void *p;

	if (!st || !size)
		return NULL;
	if (inject(st))
		return NULL;
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	st->host_objects++;
	st->host_bytes += size;
	return p;
}

void storage_host_unmap(struct gm_storage *st, void *p, size_t size)
{
	if (!p)
		return;
	munmap(p, size);
	if (st) {
		st->host_objects--;
		st->host_bytes -= size;
	}
}

void storage_host_free(struct gm_storage *st, void *p, size_t size)
{
	if (!p)
		return;
	free(p);
	if (st) {
		st->host_objects--;
		st->host_bytes -= size;
	}
}

void storage_stats(const struct gm_storage *st, struct storage_stats *stats)
{
	if (!st || !stats)
		return;
	memset(stats, 0, sizeof(*stats));
	stats->size = st->size;
	stats->frames_total = st->nframes;
	stats->frames_used = st->frames_used;
	for (int k = 0; k < STORAGE_KIND_COUNT; k++)
		stats->by_kind[k] = st->by_kind[k];
	/* by_kind[STORAGE_FREE] counts free frames. */
	stats->by_kind[STORAGE_FREE] = st->nframes - st->frames_used;
	stats->host_objects = st->host_objects;
	stats->host_bytes = st->host_bytes;
	stats->allocs = st->allocs;
	stats->injected_failures = st->injected;
}

const char *storage_kind_name(enum storage_kind kind)
{
	switch (kind) {
	case STORAGE_FREE:
		return "free";
	case STORAGE_FRAME:
		return "frame";
	case STORAGE_PT_FRAG:
		return "pt";
	case STORAGE_PT_PGSTE:
		return "pt-pgste";
	case STORAGE_CRST:
		return "crst";
	case STORAGE_LOWCORE:
		return "lowcore";
	case STORAGE_RESERVED:
		return "reserved";
	default:
		return "unknown";
	}
}
