# The process side (mm) and the gmap calls one by one, with their error
# returns, plus a JSON dump.  Not a story: a reference run of each command.
machine storage=16M cpus=2
mm P
mm Q pgste
expect rc 0
switch Q

say mmap without `fixed` takes the address as a hint; mprotect, fault, read, write:
mmap Q 0 64K
expect value 0x100000
mmap Q 0x200000 8K r fixed
write Q 0x200000 1
expect rc -EFAULT
read Q 0x200000 len=2
expect value 0
mprotect Q 0x200000 8K rw
write Q 0x200000 0xabcd len=2
read Q 0x200000 len=2
expect value 0xabcd
fault Q 0x100000 write
fault Q 0x5000000
expect rc -EFAULT
munmap Q 0x200001 4K
expect rc -EINVAL
stats

say gmap calls and their errors:
gmap N on P
expect rc -EINVAL
gmap G on Q
gmap_map_segment G 0x100000 0x12345 1M
expect rc -EINVAL
gmap_map_segment G 0x100000 0 1M
gmap_fault G 0x100123
expect rc -EFAULT
gmap_fault G 0x123
expect value 0x100123
expect gmap_addr 0x123
guest read 0x0
expect rc -EINVAL
cpu 1
gmap_enable G
guest read 0x0 len=4
expect pgm none
mm_destroy Q
expect rc -EBUSY
dump json Q G
walk G 0
gmap_unmap_segment G 0 1M
expect state G 0 empty
gmap_disable G
gmap_free G
mm_destroy Q
mm_destroy P
check
