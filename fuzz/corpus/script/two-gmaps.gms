# Two gmaps of one process share its page table (ucontrol-style: several
# guest address spaces over the same memory).  The page table's reverse
# maps list both guest segment entries; freeing the table turns both back
# into MAPPED.
machine storage=32M
mm A pgste
switch A
mmap A 0x10000000 1M rw fixed

step Two gmaps map the same 1 MB of the process at different guest addresses.
gmap G1 on A
gmap G2 on A
gmap_map_segment G1 0x10000000 0 1M
gmap_map_segment G2 0x10000000 0x80000000 1M

step Each guest touches its segment: gmap_fault links the one page table of A into both.
gmap_enable G1
guest write 0x10 0x1111
gmap_enable G2
guest read 0x80000010
expect value 0x1111
gmap_fault G1 0x20
expect value 0x10000020
expect state G1 0 linked
expect state G2 0x80000000 linked
dump A G1 G2
dump dot A G1 G2
check

step The process frees the page table: the notifier puts both guest entries back to MAPPED.
munmap A 0x10000000 1M
expect state G1 0 mapped
expect state G2 0x80000000 mapped
expect entry G2 0x80000000 ste 0x10000220
dump G1 G2
gmap_disable G2
gmap_free G1
gmap_free G2
check
