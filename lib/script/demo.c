/* SPDX-License-Identifier: MIT */
/* The built-in demos: the seed's story and "a guest runs a guest".
 * docs/examples/seed-story.gms and docs/examples/nested.gms are the same
 * texts (tools/gmapsim/sync-demo.py copies them here) and each demo is
 * compared with its example's golden output by the tests.  One string per line: ISO C
 * only promises string literals of 4095 bytes. */
#include "script-internal.h"

static const char *const demo_lines[] = {
/* DEMO-BEGIN (generated from docs/examples/seed-story.gms) */
	"# The seed's story: what commit e5992f2e6c38 \"[S390] kvm guest address",
	"# space mapping\" (Linux 3.1) does, step by step.  This is also gmapsim's",
	"# built-in demo (run gmapsim without arguments).",
	"say KVM on s390 (Linux 3.1): the guest's memory is a piece of the memory of an",
	"say ordinary process (think of QEMU).  The seed gives the guest its own address",
	"say space, a \"gmap\", with its own region and segment tables -- but the last level,",
	"say the page tables, is not copied: the guest's segment entries point at the",
	"say process's own page tables.  Watch the tables after each step.",
	"machine storage=64M",
	"mm qemu pgste",
	"switch qemu",
	"",
	"step The process maps 2 MB of memory for the guest at 0x40000000 (mmap).  Nothing is touched yet, so there is no page table under the region-third and segment tables.",
	"mmap qemu 0x40000000 2M rw fixed",
	"dump qemu",
	"",
	"step KVM creates the guest address space (gmap_alloc) and maps guest 0..2 MB onto the process memory (gmap_map_segment).  Each 1 MB guest segment entry is now MAPPED: invalid for the hardware, but it remembers its process address (0x220 | address).",
	"gmap guest on qemu",
	"gmap_map_segment guest 0x40000000 0 2M",
	"gmap_enable guest",
	"dump guest",
	"",
	"step The guest reads its address 0x1000.  The segment entry is invalid, so the CPU raises a segment-translation exception; gmap_fault makes the process create its page table for 0x40000000 and links THAT SAME page table into the guest segment entry (LINKED).  The retry raises a page-translation exception: the process's demand fault puts in a zeroed page, and the guest reads zeroes.",
	"say (The indented lines are the simulator's trace of what the kernel and the CPU did.)",
	"trace on",
	"guest read 0x1000",
	"trace off",
	"expect value 0",
	"dump qemu guest",
	"",
	"step The guest writes to its second segment (0x100008): the same happens there.  Now both guest segment entries hold the addresses of the process's page tables.",
	"guest write 0x100008 0xcafe",
	"dump qemu guest",
	"",
	"step The process writes at 0x40001000; the guest reads its address 0x1000 and sees the value at once -- both walks end in the same page-table entry.  The other way round works too.",
	"write qemu 0x40001000 0x1122334455667788",
	"guest read 0x1000",
	"expect value 0x1122334455667788",
	"read qemu 0x40100008",
	"expect value 0xcafe",
	"",
	"step The process unmaps the one page 0x40001000 (munmap 4K).  IPTE invalidates the shared page-table entry: no gmap code runs, yet the guest's next access to 0x1000 takes a page-translation exception that nobody can resolve (the process has no memory there any more).",
	"munmap qemu 0x40001000 4K",
	"guest read 0x1000",
	"expect pgm 0x11",
	"walk guest 0x1000",
	"",
	"step The process unmaps its whole first segment (munmap 1M).  Its page table is freed -- but first the unmap notifier turns the guest segment entry that linked it back into MAPPED, with the same process address.",
	"munmap qemu 0x40000000 1M",
	"dump qemu guest",
	"expect state guest 0 mapped",
	"",
	"step The process maps memory there again.  The guest's next access faults once more and gmap_fault links the process's new page table (the allocator happens to reuse the freed frame, so its address is the same): the guest mapping survived the free.",
	"mmap qemu 0x40000000 1M rw fixed",
	"guest read 0x2000",
	"expect state guest 0 linked",
	"walk guest 0x2000",
	"",
	"step KVM unmaps guest segment 1 (gmap_unmap_segment): the entry becomes EMPTY and its reverse map is removed; the process page table stays.  A guest access there now ends in a segment-translation exception.",
	"gmap_unmap_segment guest 0x100000 1M",
	"guest read 0x100008",
	"expect pgm 0x10",
	"dump qemu guest",
	"",
	"step KVM frees the gmap (gmap_free): its region and segment tables go away, every link is undone; the process keeps its memory and its page tables.",
	"gmap_disable guest",
	"gmap_free guest",
	"dump qemu",
	"check",
/* DEMO-END */
};

static const char *const nested_lines[] = {
/* NESTED-BEGIN (generated from docs/examples/nested.gms) */
	"# A guest runs a guest: vSIE with shadow gmaps (Linux 4.8 semantics,",
	"# docs/nested.md).  This is also gmapsim's second built-in story",
	"# (gmapsim --demo nested).",
	"say KVM runs guest-2 in a gmap over the memory of a process.  Guest-2 runs its own",
	"say guest-3 with SIE, translating guest-3's memory with DAT tables that guest-2 keeps",
	"say in its own memory.  The host cannot hand those to the hardware (their addresses",
	"say are guest-2 addresses), so it builds SHADOW tables holding host addresses, makes",
	"say every guest-2 page it copied read-only, and tears the copy down when guest-2",
	"say writes to one of them.",
	"machine storage=64M idte edat1 tlb",
	"mm qemu pgste",
	"switch qemu",
	"mmap qemu 0x40000000 16M rw fixed",
	"gmap g2 on qemu",
	"gmap_map_segment g2 0x40000000 0 16M",
	"gmap_enable g2",
	"",
	"step Guest-2 builds a segment table at 0x100000 and a page table at 0x108000 in its memory: guest-3 page 0x1000 is guest-2's page 0x400000, page 0x2000 is 0x401000 read-only.",
	"guest_fill 0x100000 0x20 2048",
	"guest_fill 0x108000 0x400 256",
	"guest write 0x100000 0x108000",
	"guest write 0x108008 0x400000",
	"guest write 0x108010 0x401200",
	"guest write 0x400010 0x1111",
	"guest write 0x401010 0x2222",
	"say The architecture says what guest-3 must see (the oracle reads guest-2's tables as they are now):",
	"nested g2 asce=0x100003 edat=1 0x1010",
	"",
	"step Guest-2 enters SIE with CR1 = 0x100003.  KVM shadows that ASCE: the shadow's top table is empty, and guest-2's segment table (16 KB, TL=3) is now read-only in the process with the VSIE bit in its PGSTEs.",
	"shadow s3 of g2 asce=0x100003 edat=1",
	"walk g2 0x100000",
	"",
	"step Guest-3 reads 0x1010.  The shadow has nothing: the shadow fault walks guest-2's tables, builds a shadow page table (protecting guest-2's page table first) and maps the page.  Guest-3 reads what guest-2 stored.",
	"trace on",
	"vsie s3 read 0x1010",
	"trace off",
	"expect value 0x1111",
	"shadow_dump s3",
	"check",
	"",
	"step Guest-3 stores to 0x2010: guest-2's pte says read-only, so guest-2 gets the protection exception (KVM reflects it).  A page guest-2 never mapped gives guest-2 a page-translation exception.",
	"vsie s3 write 0x2010 0x99",
	"expect pgm 0x04",
	"vsie s3 read 0x3000",
	"expect pgm 0x11",
	"",
	"step Guest-2 edits its page table: guest-3 page 0x1000 now goes to 0x401000.  The store hits the protection; resolving it makes the page writable again, and that change of an armed pte unshadows exactly the shadow page table built from it.  The shadow itself stays.",
	"guest write 0x108008 0x401000",
	"shadow_dump s3",
	"vsie s3 read 0x1010",
	"expect value 0x2222",
	"check",
	"",
	"step Guest-2 rewrites its top-level table: the whole shadow goes (KVM acquires a new one at the next SIE entry).",
	"guest write 0x100008 0x20",
	"shadow_valid s3 asce=0x100003 edat=1",
	"expect value 0",
	"shadow_put s3",
	"shadow s3 of g2 asce=0x100003 edat=1",
	"vsie s3 read 0x1010",
	"expect value 0x2222",
	"shadow_dump s3 dot",
	"check",
	"",
	"step The process unmaps the guest-2 page behind guest-3's page: the zap of that armed pte unshadows the page, and guest-3's next access finds no memory (a host-side fault).",
	"munmap qemu 0x40401000 4K",
	"vsie s3 read 0x1010",
	"expect rc -EFAULT",
	"check",
	"shadow_put s3",
	"gmap_disable g2",
	"gmap_free g2",
	"check",
/* NESTED-END */
};

static enum script_status run_lines(struct gm_script *s, const char *const *lines, size_t n)
{
	if (!s)
		return SCRIPT_ERROR;
	for (size_t i = 0; i < n; i++) {
		if (script_run_line(s, "demo", (unsigned)i + 1, lines[i], strlen(lines[i])) ==
		    SCRIPT_ERROR)
			return SCRIPT_ERROR;
		if (s->stopped)
			break;
	}
	return s->failed ? SCRIPT_FAILED : SCRIPT_OK;
}

enum script_status script_run_demo(struct gm_script *s)
{
	return run_lines(s, demo_lines, sizeof(demo_lines) / sizeof(demo_lines[0]));
}

enum script_status script_run_demo_named(struct gm_script *s, const char *name)
{
	if (!name || !strcmp(name, "seed"))
		return script_run_demo(s);
	if (!strcmp(name, "nested"))
		return run_lines(s, nested_lines, sizeof(nested_lines) / sizeof(nested_lines[0]));
	return SCRIPT_ERROR;
}
