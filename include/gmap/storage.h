/* SPDX-License-Identifier: MIT */
/*
 * storage — simulated absolute storage and its frame allocator.
 *
 * Absolute storage is a flat byte array of a configured size whose contents
 * are big-endian, exactly as the machine sees them (Principles of
 * Operation, "Storage Addressing").  Host memory is reserved with one
 * mmap(MAP_NORESERVE) per machine, so host memory grows with what is
 * touched, not with the configured size.
 *
 * The frame allocator hands out 4 KB frames, 2 KB page-table fragments and
 * 16 KB region/segment ("crst") tables the way Linux s390 allocates them
 * (order-0 pages, 2 KB halves of a page, order-2 pages).  Every 4 KB frame
 * has one descriptor, the simulator's `struct page`.
 *
 * Allocation failure injection: storage_fail_after() makes the Nth
 * following allocation (frames *and* host-side objects allocated through
 * storage_host_zalloc()) fail, so tests can check every rollback path.
 *
 * Errors are negative errno values; nothing here aborts on caller input.
 *
 * Layer storage (docs/layers.txt): includes only headers of its layer and below.
 */
#ifndef GMAP_STORAGE_H
#define GMAP_STORAGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Size of a frame (a page) in bytes. */
#define STORAGE_PAGE_SIZE 4096ULL
/** Smallest configurable storage: two frames for the lowcore of CPU 0 plus
 *  room for tables. */
#define STORAGE_MIN_SIZE (64ULL * 1024)
/** Largest configurable storage, 16 TiB (descriptors are indexed by 32 bits). */
#define STORAGE_MAX_SIZE (1ULL << 44)

struct gm_storage;

/** What a frame (or a 2 KB half of it) is used for. */
enum storage_kind {
	STORAGE_FREE = 0,
	STORAGE_FRAME,     /**< one 4 KB data frame */
	STORAGE_PT_FRAG,   /**< a 2 KB page table (one half of a 4 KB frame) */
	STORAGE_PT_PGSTE,  /**< a 4 KB page table: 256 PTEs + 256 PGSTEs */
	STORAGE_CRST,      /**< a 16 KB region or segment table (4 frames) */
	STORAGE_LOWCORE,   /**< an 8 KB prefix area (2 frames, 8 KB aligned, < 2 GiB) */
	STORAGE_RESERVED,  /**< never handed out (absolute 0..8191) */
	STORAGE_KIND_COUNT
};

/**
 * struct storage_page - descriptor of one 4 KB frame (the kernel's struct page).
 * @kind:   what the frame holds; for a multi-frame block every frame has it.
 * @head:   1 on the first frame of a block (CRST, LOWCORE), 0 on the others.
 * @frag:   for STORAGE_PT_FRAG: bit 0 = lower 2 KB in use, bit 1 = upper.
 * @index:  free for the owner (the kernel's page->index).
 * @priv:   owner's host-side metadata for the frame (e.g. the gmap_pgtable of
 *          a page table); host pointers live here, never in entries.
 * @priv2:  owner's metadata for the upper 2 KB fragment.
 *
 * Owned by the storage; valid while the frame is allocated.
 */
struct storage_page {
	uint8_t kind;
	uint8_t head;
	uint8_t frag;
	uint8_t pad_;
	uint32_t next_free; /* internal: free-list link (frame number + 1) */
	uint64_t index;
	void *priv;
	void *priv2;
};

/** Counters of what is allocated now (see storage_stats()). */
struct storage_stats {
	uint64_t size;           /**< configured bytes */
	uint64_t frames_total;   /**< 4 KB frames of storage */
	uint64_t frames_used;    /**< frames not free (any kind, reserved included) */
	uint64_t by_kind[STORAGE_KIND_COUNT]; /**< allocated blocks/fragments per kind */
	uint64_t host_objects;   /**< live storage_host_zalloc() objects */
	uint64_t host_bytes;     /**< their total size */
	uint64_t allocs;         /**< allocations attempted since creation */
	uint64_t injected_failures; /**< allocations failed on purpose */
};

/**
 * storage_create() - create absolute storage of @size bytes, all zero.
 * @size: a multiple of 4096 between STORAGE_MIN_SIZE and STORAGE_MAX_SIZE.
 * @out:  receives the new storage; untouched on failure.
 *
 * Absolute 0..8191 is reserved (it is CPU 0's default prefix area).
 * Return: 0, -EINVAL for a bad size or NULL @out, -ENOMEM if the host
 * cannot reserve the address space.
 */
int storage_create(uint64_t size, struct gm_storage **out);

/** storage_destroy() - release storage and every descriptor; NULL is a no-op. */
void storage_destroy(struct gm_storage *st);

/** storage_size() - the configured size in bytes. */
uint64_t storage_size(const struct gm_storage *st);

/**
 * storage_load() - load a big-endian value of @len bytes at absolute @aaddr.
 * @len: 1, 2, 4 or 8.  Any alignment is allowed (operands need not be aligned).
 * @val: receives the value; untouched on failure.
 * Return: 0, -EINVAL for a bad @len or NULL pointer, -EFAULT when any byte
 * lies outside storage (including wrap-around).
 */
int storage_load(const struct gm_storage *st, uint64_t aaddr, unsigned len, uint64_t *val);

/** storage_store() - store the low @len bytes of @val big-endian; errors as storage_load(). */
int storage_store(struct gm_storage *st, uint64_t aaddr, unsigned len, uint64_t val);

/** storage_load8() / storage_store8() - doubleword shorthands of the above. */
int storage_load8(const struct gm_storage *st, uint64_t aaddr, uint64_t *val);
/** storage_store8() - store a big-endian doubleword; errors as storage_store(). */
int storage_store8(struct gm_storage *st, uint64_t aaddr, uint64_t val);

/**
 * storage_read() / storage_write() - copy @len bytes between absolute storage
 * and a host buffer.  Return: 0, -EINVAL (NULL buffer with @len > 0),
 * -EFAULT if any byte is outside storage (nothing is copied then).
 */
int storage_read(const struct gm_storage *st, uint64_t aaddr, void *buf, size_t len);
/** storage_write() - copy @len bytes from @buf to absolute @aaddr; errors as storage_read(). */
int storage_write(struct gm_storage *st, uint64_t aaddr, const void *buf, size_t len);

/** storage_fill() - set @len bytes at @aaddr to @byte; errors as storage_write(). */
int storage_fill(struct gm_storage *st, uint64_t aaddr, uint8_t byte, size_t len);

/** storage_fill8() - store @val at each of @count doublewords from @aaddr (8-aligned). */
int storage_fill8(struct gm_storage *st, uint64_t aaddr, uint64_t val, size_t count);

/**
 * storage_alloc() - allocate a block of @kind and zero it.
 * @kind: STORAGE_FRAME (4 KB), STORAGE_PT_FRAG (2 KB, 2 KB aligned),
 *        STORAGE_PT_PGSTE (4 KB), STORAGE_CRST (16 KB, 16 KB aligned) or
 *        STORAGE_LOWCORE (8 KB, 8 KB aligned, below 2 GiB).
 * @aaddr: receives the absolute address; untouched on failure.
 *
 * Never returns absolute 0..8191 nor a frame of another CPU's prefix area.
 * Return: 0, -EINVAL for a bad kind, -ENOMEM when storage is exhausted or a
 * failure was injected (state unchanged then).
 */
int storage_alloc(struct gm_storage *st, enum storage_kind kind, uint64_t *aaddr);

/**
 * storage_free() - free a block returned by storage_alloc().
 * Return: 0, -EINVAL if @aaddr is not the start of an allocated block of
 * that kind (nothing changes then).
 */
int storage_free(struct gm_storage *st, uint64_t aaddr);

/**
 * storage_reserve_lowcore() - mark the 8 KB block at @aaddr (8 KB aligned) as a
 * LOWCORE block so the allocator never hands it out.  Used for prefix areas
 * the caller chooses.  Return: 0, -EINVAL (misaligned), -EFAULT (outside
 * storage), -EBUSY (a frame of it is allocated to something else).
 */
int storage_reserve_lowcore(struct gm_storage *st, uint64_t aaddr);

/**
 * storage_page() - descriptor of the frame holding @aaddr, or NULL if @aaddr
 * is outside storage.  The descriptor is owned by the storage.
 */
struct storage_page *storage_page(struct gm_storage *st, uint64_t aaddr);
/** storage_page_const() - storage_page() for a read-only storage. */
const struct storage_page *storage_page_const(const struct gm_storage *st, uint64_t aaddr);

/**
 * storage_kind_at() - what the block containing @aaddr is (STORAGE_FREE
 * outside storage).  For a PT_FRAG frame, the half holding @aaddr decides:
 * a free half reports STORAGE_FREE.
 */
enum storage_kind storage_kind_at(const struct gm_storage *st, uint64_t aaddr);

/**
 * storage_fail_after() - inject an allocation failure.
 * @n: the number of allocations that still succeed; the next one fails with
 *     -ENOMEM (once).  A negative @n disables injection.
 */
void storage_fail_after(struct gm_storage *st, long n);

/** storage_fail_pending() - 1 while an injected failure has not fired yet. */
int storage_fail_pending(const struct gm_storage *st);

/**
 * storage_host_zalloc() - a zeroed host-side object (rmap, VMA, metadata)
 * charged to this storage: counted in the stats and subject to failure
 * injection.  Return: the object or NULL.
 */
void *storage_host_zalloc(struct gm_storage *st, size_t size);

/** storage_host_free() - free a storage_host_zalloc() object of @size bytes; NULL is a no-op. */
void storage_host_free(struct gm_storage *st, void *p, size_t size);

/**
 * struct storage_view - read-only access to the host bytes of a storage for
 * inline hot paths (dat_translate_inline()).
 * @mem:  the first byte of absolute storage (contents big-endian).
 * @size: the configured size in bytes.
 * Valid while the storage lives; never write through it.
 */
struct storage_view {
	const uint8_t *mem;
	uint64_t size;
};

/** storage_get_view() - fill @view for @st. Return: 0 or -EINVAL (NULL). */
int storage_get_view(const struct gm_storage *st, struct storage_view *view);

/** storage_stats() - fill @stats with the current counters. */
void storage_stats(const struct gm_storage *st, struct storage_stats *stats);

/** storage_kind_name() - "frame", "pt", "crst", … for dumps. */
const char *storage_kind_name(enum storage_kind kind);

#ifdef __cplusplus
}
#endif

#endif /* GMAP_STORAGE_H */
