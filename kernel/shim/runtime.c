// SPDX-License-Identifier: MIT
/*
 * runtime.c — the shim's services that are not about memory: assertions,
 * printk, the one task, CPUs, RCU, kmalloc.  Kernel environment: compiled
 * against kernel/shim/include like the tree's code.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/sysctl.h>
#include <stdarg.h>

#include "../harness/bridge.h"

int vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int fputs(const char *s, void *stream);
extern void *stderr;

struct task_struct shim_task;
unsigned long shim_thread_flags;
struct cpumask shim_cpu_online_mask;
struct cpumask shim_cpu_masks[NR_CPUS];
struct mm_struct init_mm;
const int sysctl_vals[] = { 0, 1, INT_MAX };
unsigned long totalram_pages_shim;
/* pgprot_writecombine(): PCI MIO is not modelled, no bit to set. */
unsigned long mio_wb_bit_mask;

int backtrace(void **buf, int size);
void backtrace_symbols_fd(void *const *buf, int size, int fd);

#if SHIM_LINUX_VERSION >= 0x060600
/*
 * 6.6+ (asm/page.h): kernel virtual = physical + identity_base, and
 * __pa() of an address at or above kaslr_offset is the kernel image's.
 * The harness puts the identity mapping at 1 TB — storage lives there in
 * the host — so that a physical address used as a pointer (or the reverse)
 * misses storage instead of passing silently; no kernel image is mapped.
 */
#define SHIM_IDENTITY_BASE 0x10000000000UL
struct vm_layout vm_layout = {
	.kaslr_offset = ~0UL,
	.kaslr_offset_phys = 0,
	.identity_base = SHIM_IDENTITY_BASE,
	.identity_size = 0,
};
/* no collaborative memory management (ESSA) */
int cmma_flag;
#else
/* up to 6.5 s390 kernel virtual addresses are physical ones */
#define SHIM_IDENTITY_BASE 0UL
#endif

unsigned long khk_identity_base(void)
{
	return SHIM_IDENTITY_BASE;
}

static unsigned int warnings;

/* Where a kernel assertion fired: raw return addresses (the kernel side's
 * symbols are local), for addr2line -e <test program>. */
static void print_backtrace(void)
{
	void *bt[32];
	int n = backtrace(bt, 32);

	shim_printk("backtrace (addr2line -f -e the test program):\n");
	backtrace_symbols_fd(bt, n, 2);
}
static long live_kmalloc;

void shim_bug(const char *file, int line, const char *what)
{
	char msg[512];

	snprintf(msg, sizeof(msg), "kernel BUG at %s:%d: %s", file, line, what);
	print_backtrace();
	khb_fail(msg);
	__builtin_trap();
}

void shim_warn(const char *file, int line, const char *what)
{
	char msg[512];

	warnings++;
	snprintf(msg, sizeof(msg), "kernel WARNING at %s:%d: %s", file, line, what);
	khb_warn(msg);
}

void shim_unmodelled(const char *file, int line, const char *what)
{
	char msg[512];

	snprintf(msg, sizeof(msg), "%s:%d: reached %s, which the harness does not model", file,
		 line, what);
	khb_fail(msg);
	__builtin_trap();
}

int shim_printk(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fputs(buf, stderr);
	return n;
}

unsigned int khk_warnings(void)
{
	return warnings;
}

/* ---- kmalloc: a size header in front of each object ---------------- */
struct kmhdr {
	size_t size;
	unsigned long magic;
};
#define KM_MAGIC 0x6b6d616c6c6f6321UL

void *shim_kmalloc(size_t size, gfp_t flags)
{
	struct kmhdr *h = khb_host_zalloc(sizeof(*h) + size);

	(void)flags; /* zeroed always: a superset of __GFP_ZERO */
	if (!h)
		return NULL;
	h->size = size;
	h->magic = KM_MAGIC;
	live_kmalloc++;
	return h + 1;
}

void shim_kfree(const void *p)
{
	struct kmhdr *h;

	if (!p || IS_ERR(p))
		return;
	h = (struct kmhdr *)p - 1;
	if (h->magic != KM_MAGIC)
		shim_bug(__FILE__, __LINE__, "kfree of a pointer kmalloc did not return");
	h->magic = 0;
	live_kmalloc--;
	khb_host_free(h, sizeof(*h) + h->size);
}

long khk_live_kmalloc(void)
{
	return live_kmalloc;
}

/* ---- RCU ------------------------------------------------------------- */
static int rcu_nest;
static struct rcu_head *rcu_pending;

static void rcu_run_callbacks(void)
{
	while (rcu_pending) {
		struct rcu_head *h = rcu_pending;

		rcu_pending = h->next;
		h->func(h);
	}
}

void shim_rcu_read_lock(void)
{
	rcu_nest++;
}

void shim_rcu_read_unlock(void)
{
	if (rcu_nest <= 0)
		shim_bug(__FILE__, __LINE__, "rcu_read_unlock without rcu_read_lock");
	if (--rcu_nest == 0)
		rcu_run_callbacks();
}

void shim_synchronize_rcu(void)
{
	if (rcu_nest)
		shim_bug(__FILE__, __LINE__, "synchronize_rcu inside an RCU read-side section");
	rcu_run_callbacks();
}

void shim_call_rcu(struct rcu_head *head, rcu_callback_t fn)
{
	head->func = fn;
	head->next = rcu_pending;
	rcu_pending = head;
	if (!rcu_nest)
		rcu_run_callbacks();
}

/* ---- CPUs ------------------------------------------------------------ */
unsigned int shim_cpu(void)
{
	return khb_cpu();
}

unsigned int shim_ncpus(void)
{
	return khb_ncpus();
}

/* ---- sysctl: nothing is registered (no /proc) ------------------------ */
int proc_dointvec_minmax(struct ctl_table *t, int w, void *b, size_t *l, loff_t *p)
{
	(void)t;
	(void)w;
	(void)b;
	(void)l;
	(void)p;
	shim_unmodelled(__FILE__, __LINE__, "proc_dointvec_minmax (sysctl)");
}

struct ctl_table_header *register_sysctl_table(struct ctl_table *table)
{
	(void)table;
	shim_unmodelled(__FILE__, __LINE__, "register_sysctl_table (sysctl)");
}

struct ctl_table_header *register_sysctl(const char *path, struct ctl_table *table)
{
	(void)path;
	(void)table;
	shim_unmodelled(__FILE__, __LINE__, "register_sysctl (sysctl)");
}

/* ---- slab caches: see linux/slab.h ----------------------------------- */
struct kmem_cache *kmem_cache_create(const char *name, unsigned int size, unsigned int align,
				     unsigned long flags, void (*ctor)(void *))
{
	(void)name;
	(void)size;
	(void)align;
	(void)flags;
	(void)ctor;
	shim_unmodelled(__FILE__, __LINE__, "kmem_cache_create (slab caches)");
}

void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	(void)s;
	(void)gfp;
	shim_unmodelled(__FILE__, __LINE__, "kmem_cache_alloc (slab caches)");
}

void kmem_cache_free(struct kmem_cache *s, void *p)
{
	(void)s;
	(void)p;
	shim_unmodelled(__FILE__, __LINE__, "kmem_cache_free (slab caches)");
}

/* ---- paths of a real machine the simulation never takes -------------- */
void __storage_key_init_range(unsigned long start, unsigned long end)
{
	(void)start;
	(void)end;
	shim_unmodelled(__FILE__, __LINE__, "__storage_key_init_range (PAGE_DEFAULT_KEY is 0)");
}

#if SHIM_LINUX_VERSION >= 0x060600
int uv_destroy_folio(struct folio *folio)
{
	(void)folio;
	shim_unmodelled(__FILE__, __LINE__, "uv_destroy_folio (protected virtualization)");
}
#endif

int uv_destroy_owned_page(unsigned long paddr)
{
	(void)paddr;
	shim_unmodelled(__FILE__, __LINE__, "uv_destroy_owned_page (protected virtualization)");
}

void panic(const char *fmt, ...)
{
	char buf[512], msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	snprintf(msg, sizeof(msg), "kernel panic: %s", buf);
	print_backtrace();
	khb_fail(msg);
	__builtin_trap();
}
