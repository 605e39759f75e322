// SPDX-License-Identifier: MIT
/*
 * page.c — struct page and the page allocator over libgmap's frames.
 *
 * `vmemmap` is a host-side array with one struct page per 4 KB frame of
 * the simulated storage (the tree's asm-generic/memory_model.h turns pfns
 * into pointers into it); the frames themselves are libgmap storage blocks,
 * so a page the kernel allocates is a frame libgmap's checker and dumps
 * see, and its bytes are the ones libgmap's DAT walker reads.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <asm/pgalloc.h>

#include "../harness/bridge.h"

void *calloc(size_t n, size_t size);
void free(void *p);

struct page *vmemmap;
unsigned long vmemmap_size;
static long live_pages;

void shim_pages_init(void)
{
	unsigned long n = khb_storage_size() >> PAGE_SHIFT;

	vmemmap = calloc(n, sizeof(struct page));
	if (!vmemmap)
		shim_bug(__FILE__, __LINE__, "no host memory for the struct page array");
	vmemmap_size = n * sizeof(struct page);
	totalram_pages_shim = n;
	live_pages = 0;
}

void shim_pages_fini(void)
{
	free(vmemmap);
	vmemmap = NULL;
}

long khk_live_pages(void)
{
	return live_pages;
}

static struct page *page_alloc_kind(int kind, unsigned int nframes)
{
	struct page *page;
	kh_u64 pa;
	unsigned int i;

	if (khb_frame_alloc(kind, &pa))
		return NULL;
	page = pfn_to_page(pa >> PAGE_SHIFT);
	for (i = 0; i < nframes; i++) {
		memset(&page[i], 0, sizeof(page[i]));
		INIT_LIST_HEAD(&page[i].lru);
	}
	set_page_count(page, 1);
	live_pages += nframes;
	return page;
}

struct page *shim_alloc_pages(gfp_t gfp, unsigned int order)
{
	/* libgmap storage blocks are zeroed, which covers __GFP_ZERO. */
	(void)gfp;
	if (order == 0)
		return page_alloc_kind(KHB_FRAME, 1);
	if (order == CRST_ALLOC_ORDER)
		return page_alloc_kind(KHB_CRST, 1u << CRST_ALLOC_ORDER);
	shim_unmodelled(__FILE__, __LINE__, "alloc_pages of an order other than 0 and 2");
}

static void page_release(struct page *page, unsigned int order)
{
	live_pages -= 1L << order;
	khb_frame_free(page_to_phys(page));
}

void shim_free_pages(struct page *page, unsigned int order)
{
	int n = atomic_dec_return(&page->_refcount);

	if (n < 0)
		shim_bug(__FILE__, __LINE__, "__free_pages of a free page");
	if (n == 0)
		page_release(page, order);
}

void shim_put_page(struct page *page)
{
	shim_free_pages(page, 0);
}

unsigned long shim_get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = shim_alloc_pages(gfp, order);

	return page ? (unsigned long)page_to_virt(page) : 0;
}

void shim_free_pages_addr(unsigned long addr, unsigned int order)
{
	if (addr)
		shim_free_pages(virt_to_page((void *)addr), order);
}

/* page_table_alloc_pgste() (arch/s390/mm/pgalloc.c): a 4 KB table whose
 * first 2 KB are 256 invalid ptes and whose second 2 KB are 256 zero
 * pgstes.  The frame is a libgmap STORAGE_PT_PGSTE block. */
/* 6.6 turned the page-table pages into struct ptdesc (an overlay of
 * struct page, see linux/mm_types.h). */
#if SHIM_LINUX_VERSION >= 0x060600
#define PGSTE_TABLE struct ptdesc
#define PGSTE_OF(page) page_ptdesc(page)
#define PAGE_OF(pt) ptdesc_page(pt)
#else
#define PGSTE_TABLE struct page
#define PGSTE_OF(page) (page)
#define PAGE_OF(pt) (pt)
#endif

PGSTE_TABLE *page_table_alloc_pgste(struct mm_struct *mm)
{
	struct page *page = page_alloc_kind(KHB_PGSTE, 1);
	u64 *table;

	(void)mm;
	if (!page)
		return NULL;
	table = (u64 *)page_to_virt(page);
	memset64(table, _PAGE_INVALID, PTRS_PER_PTE);
	memset64(table + PTRS_PER_PTE, 0, PTRS_PER_PTE);
	return PGSTE_OF(page);
}

void page_table_free_pgste(PGSTE_TABLE *pt)
{
	shim_free_pages(PAGE_OF(pt), 0);
}
