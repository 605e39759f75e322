/* SPDX-License-Identifier: MIT */
/* The built-in demo: the seed's story.  docs/examples/seed-story.gms is the
 * same text (tools/gmapsim/sync-demo.py copies it here) and both are
 * compared with one golden output by the tests.  One string per line: ISO C
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

enum script_status script_run_demo(struct gm_script *s)
{
	if (!s)
		return SCRIPT_ERROR;
	for (size_t i = 0; i < sizeof(demo_lines) / sizeof(demo_lines[0]); i++) {
		if (script_run_line(s, "demo", (unsigned)i + 1, demo_lines[i],
				    strlen(demo_lines[i])) == SCRIPT_ERROR)
			return SCRIPT_ERROR;
		if (s->stopped)
			break;
	}
	return s->failed ? SCRIPT_FAILED : SCRIPT_OK;
}
