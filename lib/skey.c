/* SPDX-License-Identifier: MIT */
/*
 * Storage keys (PoP chapter 3 "Storage Key", "Key-Controlled Protection",
 * "Reference Recording", "Change Recording") and the instructions ISKE,
 * SSKE and RRBE (PoP chapter 10 "Control Instructions").
 *
 * One byte per 4 KB frame in a host reservation of its own
 * (mmap(MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE), like the storage bytes):
 * untouched keys read as zero from the host's zero page, so a 1 TiB machine
 * costs 256 MB of address space and host memory only for the 4 KB host
 * pages of keys that became nonzero (one per 16 MB of storage).  Recording
 * R/C is a single OR and can never fail.
 *
 * Layer skey (docs/layers.txt): just above storage; calls only storage
 * (sizes, host-object accounting).  Translation, prefixing and facility
 * masks are the CPU's: every address here is absolute.
 */
#include "export.h"

#include <errno.h>
#include <sys/mman.h>

#include "skey-internal.h"
#include "storage-internal.h"

#define SKEY_FRAME_SHIFT 12

int skey_create(struct gm_storage *st, struct gm_skey **out)
{
	struct gm_skey *sk;
	void *p;

	if (!st || !out)
		return -EINVAL;
	sk = storage_host_zalloc(st, sizeof(*sk));
	if (!sk)
		return -ENOMEM;
	sk->st = st;
	sk->size = storage_size(st);
	sk->nframes = sk->size >> SKEY_FRAME_SHIFT;
	sk->map_len = (size_t)sk->nframes;
	p = mmap(NULL, sk->map_len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED) {
		storage_host_free(st, sk, sizeof(*sk));
		return -ENOMEM;
	}
	sk->keys = p;
	*out = sk;
	return 0;
}

void skey_destroy(struct gm_skey *sk)
{
	if (!sk)
		return;
	munmap(sk->keys, sk->map_len);
	storage_host_free(sk->st, sk, sizeof(*sk));
}

uint64_t skey_frames(const struct gm_skey *sk)
{
	return sk ? sk->nframes : 0;
}

/* Frame number of @aaddr, or -1 outside storage. */
static int64_t skey_frame(const struct gm_skey *sk, uint64_t aaddr)
{
	if (aaddr >= sk->size)
		return -1;
	return (int64_t)(aaddr >> SKEY_FRAME_SHIFT);
}

int skey_iske(const struct gm_skey *sk, uint64_t aaddr, uint8_t *key)
{
	int64_t fn;

	if (!sk || !key)
		return -EINVAL;
	fn = skey_frame(sk, aaddr);
	if (fn < 0)
		return -EFAULT;
	*key = sk->keys[fn];
	return 0;
}

/*
 * Conditional SSKE (facility 10): the key is left as it is when ACC and F
 * match R1 bits 56-60 and so does each of R and C whose update-mask bit is
 * zero.  Return: true to set the key.
 */
static bool skey_sske_differs(uint8_t old, uint8_t key, unsigned m3)
{
	uint8_t mask = _PAGE_ACC_BITS | _PAGE_FP_BIT;

	if (!(m3 & (SSKE_MR | SSKE_MC)))
		return true;
	if (!(m3 & SSKE_MR))
		mask |= _PAGE_REFERENCED;
	if (!(m3 & SSKE_MC))
		mask |= _PAGE_CHANGED;
	return ((old ^ key) & mask) != 0;
}

int skey_sske(struct gm_skey *sk, uint64_t aaddr, uint8_t key, unsigned m3,
	      struct skey_sske_result *res)
{
	struct skey_sske_result r = { SKEY_CC_UNCHANGED, false, 0, aaddr };
	bool cond = (m3 & (SSKE_MR | SSKE_MC)) != 0;
	uint64_t first, last, fn;
	bool set = false;

	if (!sk || m3 > 0xf)
		return -EINVAL;
	key &= SKEY_KEY_MASK;
	first = aaddr >> SKEY_FRAME_SHIFT;
	last = first;
	if (m3 & SSKE_MB) {
		/* From @aaddr's frame to the end of its 1 MB block (EDAT-1 SSKE). */
		r.next = (aaddr & ~(SKEY_MB_BLOCK - 1)) + SKEY_MB_BLOCK;
		last = ((r.next - 1) >> SKEY_FRAME_SHIFT);
	}
	/* Check the whole range first: an error changes nothing. */
	if (aaddr >= sk->size || last >= sk->nframes)
		return -EFAULT;

	for (fn = first; fn <= last; fn++) {
		uint8_t old = sk->keys[fn];

		r.old_key = old;
		if (skey_sske_differs(old, key, m3)) {
			/* Skip the store when nothing changes: keeps the host page untouched. */
			if (old != key)
				sk->keys[fn] = key;
			set = true;
		}
	}
	if (cond) {
		if (m3 & SSKE_MB) {
			r.cc = 3;
		} else {
			r.cc = set ? 1 : 0;
			r.r1_set = true;
		}
	}
	if (res)
		*res = r;
	return 0;
}

int skey_rrbe(struct gm_skey *sk, uint64_t aaddr)
{
	int64_t fn;
	uint8_t old;

	if (!sk)
		return -EINVAL;
	fn = skey_frame(sk, aaddr);
	if (fn < 0)
		return -EFAULT;
	old = sk->keys[fn];
	if (old & _PAGE_REFERENCED)
		sk->keys[fn] = (uint8_t)(old & ~_PAGE_REFERENCED);
	/* cc = 2*R + C, from the bits before the reset. */
	return ((old & _PAGE_REFERENCED) ? 2 : 0) | ((old & _PAGE_CHANGED) ? 1 : 0);
}

int skey_record(struct gm_skey *sk, uint64_t aaddr, uint64_t len, bool store)
{
	uint64_t fn, last;

	if (!sk)
		return -EINVAL;
	if (len == 0)
		return 0;
	if (aaddr >= sk->size || len > sk->size - aaddr)
		return -EFAULT;
	last = (aaddr + len - 1) >> SKEY_FRAME_SHIFT;
	for (fn = aaddr >> SKEY_FRAME_SHIFT; fn <= last; fn++)
		skey_record_frame(sk, fn << SKEY_FRAME_SHIFT, store);
	return 0;
}

int skey_check(const struct gm_skey *sk, uint64_t aaddr, unsigned access_key, bool store,
	       unsigned overrides)
{
	unsigned acc;
	int64_t fn;
	uint8_t key;

	if (!sk || access_key > 15)
		return -EINVAL;
	fn = skey_frame(sk, aaddr);
	if (fn < 0)
		return -EFAULT;
	/* Access key 0 matches every storage key (PoP "Key-Controlled Protection"). */
	if (access_key == 0)
		return 0;
	key = sk->keys[fn];
	acc = (unsigned)(key >> SKEY_ACC_SHIFT);
	if (acc == access_key)
		return 0;
	if (!store) {
		if (!(key & _PAGE_FP_BIT))
			return 0;
		if (overrides & SKEY_FETCH_PROT_OVERRIDE)
			return 0;
	}
	/* CR0.39: ACC 9 may be fetched and stored with any access key. */
	if ((overrides & SKEY_STORAGE_PROT_OVERRIDE) && acc == SKEY_SPO_ACC)
		return 0;
	return 1;
}
