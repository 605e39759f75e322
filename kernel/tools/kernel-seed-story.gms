# The seed's story (docs/examples/seed-story.gms) told by the kernel's own
# gmap.c: run with kgmapsim (kernel/tools), e.g.
#   meson test -C build-k kernel-6.1-kgmapsim
step The process maps 2 MB for the guest; KVM creates a gmap and maps guest 0..2 MB onto it.
mmap qemu 0x40000000 2M rw fixed
gmap guest on qemu
gmap_map_segment guest 0x40000000 0 2M
expect state guest 0 mapped
check
step The guest reads 0x1000: gmap_fault -> __gmap_link links the process's page table.
guest read 0x1000
expect value 0
expect state guest 0 linked
check
step Process and guest see each other's writes.
write qemu 0x40001000 0x1122334455667788
guest read 0x1000
expect value 0x1122334455667788
guest write 0x100008 0xcafe
read qemu 0x40100008
expect value 0xcafe
check
step munmap of one page: the guest's next access cannot be resolved.
munmap qemu 0x40001000 4K
guest read 0x1000
expect pgm 0x11
check
step munmap of the whole segment: gmap_unlink; the mapping (guest_to_host) stays.
munmap qemu 0x40000000 1M
expect state guest 0 mapped
check
step The process maps it again: the guest refaults and relinks.
mmap qemu 0x40000000 1M rw fixed
guest read 0x2000
expect ok
expect state guest 0 linked
check
step gmap_unmap_segment of guest segment 1; gmap_translate; gmap_remove.
gmap_unmap_segment guest 0x100000 1M
expect state guest 0x100000 empty
gmap_translate guest 0x2345
expect value 0x40002345
dump guest
gmap_remove guest
check
