# A guest runs a guest: vSIE with shadow gmaps (Linux 4.8 semantics,
# docs/nested.md).  This is also gmapsim's second built-in story
# (gmapsim --demo nested).
say KVM runs guest-2 in a gmap over the memory of a process.  Guest-2 runs its own
say guest-3 with SIE, translating guest-3's memory with DAT tables that guest-2 keeps
say in its own memory.  The host cannot hand those to the hardware (their addresses
say are guest-2 addresses), so it builds SHADOW tables holding host addresses, makes
say every guest-2 page it copied read-only, and tears the copy down when guest-2
say writes to one of them.
machine storage=64M idte edat1 tlb
mm qemu pgste
switch qemu
mmap qemu 0x40000000 16M rw fixed
gmap g2 on qemu
gmap_map_segment g2 0x40000000 0 16M
gmap_enable g2

step Guest-2 builds a segment table at 0x100000 and a page table at 0x108000 in its memory: guest-3 page 0x1000 is guest-2's page 0x400000, page 0x2000 is 0x401000 read-only.
guest_fill 0x100000 0x20 2048
guest_fill 0x108000 0x400 256
guest write 0x100000 0x108000
guest write 0x108008 0x400000
guest write 0x108010 0x401200
guest write 0x400010 0x1111
guest write 0x401010 0x2222
say The architecture says what guest-3 must see (the oracle reads guest-2's tables as they are now):
nested g2 asce=0x100003 edat=1 0x1010

step Guest-2 enters SIE with CR1 = 0x100003.  KVM shadows that ASCE: the shadow's top table is empty, and guest-2's segment table (16 KB, TL=3) is now read-only in the process with the VSIE bit in its PGSTEs.
shadow s3 of g2 asce=0x100003 edat=1
walk g2 0x100000

step Guest-3 reads 0x1010.  The shadow has nothing: the shadow fault walks guest-2's tables, builds a shadow page table (protecting guest-2's page table first) and maps the page.  Guest-3 reads what guest-2 stored.
trace on
vsie s3 read 0x1010
trace off
expect value 0x1111
shadow_dump s3
check

step Guest-3 stores to 0x2010: guest-2's pte says read-only, so guest-2 gets the protection exception (KVM reflects it).  A page guest-2 never mapped gives guest-2 a page-translation exception.
vsie s3 write 0x2010 0x99
expect pgm 0x04
vsie s3 read 0x3000
expect pgm 0x11

step Guest-2 edits its page table: guest-3 page 0x1000 now goes to 0x401000.  The store hits the protection; resolving it makes the page writable again, and that change of an armed pte unshadows exactly the shadow page table built from it.  The shadow itself stays.
guest write 0x108008 0x401000
shadow_dump s3
vsie s3 read 0x1010
expect value 0x2222
check

step Guest-2 rewrites its top-level table: the whole shadow goes (KVM acquires a new one at the next SIE entry).
guest write 0x100008 0x20
shadow_valid s3 asce=0x100003 edat=1
expect value 0
shadow_put s3
shadow s3 of g2 asce=0x100003 edat=1
vsie s3 read 0x1010
expect value 0x2222
shadow_dump s3 dot
check

step The process unmaps the guest-2 page behind guest-3's page: the zap of that armed pte unshadows the page, and guest-3's next access finds no memory (a host-side fault).
munmap qemu 0x40401000 4K
vsie s3 read 0x1010
expect rc -EFAULT
check
shadow_put s3
gmap_disable g2
gmap_free g2
check
