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
/* the process's page tables (kapi.c khk_pt_alloc): counted apart, they
 * are the mm's, not kernel-side leaks */
static long live_pt_pages;
/* the kind of the next order-0 block: set by khk_pt_alloc() around the
 * tree's page_table_alloc(), so that a process page table is a libgmap
 * STORAGE_PT_PGSTE block as libgmap's mm and checker expect */
int shim_next_page_kind = KHB_FRAME;

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

long khk_live_pt_pages(void)
{
	return live_pt_pages;
}

static struct page *page_alloc_kind(int kind, unsigned int order)
{
	unsigned int nframes = 1u << order;
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
	page->shim_order = order;
	page->shim_kind = kind;
	if (kind == KHB_PGSTE)
		live_pt_pages++;
	else
		live_pages += nframes;
	return page;
}

struct page *shim_alloc_pages(gfp_t gfp, unsigned int order)
{
	/* libgmap storage blocks are zeroed, which covers __GFP_ZERO. */
	(void)gfp;
	if (order == 0) {
		int kind = shim_next_page_kind;

		shim_next_page_kind = KHB_FRAME;
		return page_alloc_kind(kind, 0);
	}
	if (order == CRST_ALLOC_ORDER)
		return page_alloc_kind(KHB_CRST, CRST_ALLOC_ORDER);
	shim_unmodelled(__FILE__, __LINE__, "alloc_pages of an order other than 0 and 2");
}

static void page_release(struct page *page, unsigned int order)
{
	if (PageTable(page))
		shim_bug(__FILE__, __LINE__, "freeing a page table page its destructor did not release");
	if (order != page->shim_order)
		shim_bug(__FILE__, __LINE__, "freeing a page with an order other than its allocation's");
	if (page->shim_kind == KHB_PGSTE)
		live_pt_pages--;
	else
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

void shim_pagetable_free(struct ptdesc *pt)
{
	struct page *page = ptdesc_page(pt);

	shim_free_pages(page, page->shim_order);
}

void dump_page(struct page *page, const char *reason)
{
	shim_printk("page:%p pfn:0x%lx refcount:0x%x order:%u flags:0x%lx: %s\n", (void *)page,
		    page_to_pfn(page), (unsigned int)atomic_read(&page->_refcount), page->shim_order,
		    page->flags, reason);
}

#if SHIM_LINUX_VERSION < 0x060600
/* arch/s390/mm/page-states.c arch_set_page_dat(): marks the pages stable
 * with ESSA when CMMA is on; the harness runs without CMMA (cmma_flag 0),
 * where the kernel returns at once. */
void arch_set_page_dat(struct page *page, int order)
{
	(void)page;
	(void)order;
}
#endif
