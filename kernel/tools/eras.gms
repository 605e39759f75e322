# Where the kernel's gmap (3.18 and later: 6.1, 6.12) and the seed's (3.1,
# libgmap's model) part ways: run with kgmapsim-TREE, whose expects are the
# kernel's.  `gmapsim eras.gms` runs the 3.1 model: there the expects marked
# "3.1:" fail (exit status 1), as the comments say.
machine storage=32M
mm P pgste
switch P
mmap P 0x10000000 1M rw fixed
mmap P 0x20080000 512K rw fixed
gmap G on P
gmap_enable G

step An alias: one process segment mapped at two guest segments of one gmap.
say Since 3.18 host_to_guest holds one guest segment per process segment, so
say only the first guest segment that faults is linked; the other stays
say unlinked and a guest access there cannot be resolved (3.1 linked both).
gmap_map_segment G 0x10000000 0 1M
gmap_map_segment G 0x10000000 0x100000 1M
guest write 0x10 0x1111
expect state G 0 linked
guest read 0x100010
expect pgm 0x10
# 3.1: the read succeeds with 0x1111, both segments LINKED
expect state G 0x100000 mapped
dump G

step The exact address: a VMA that starts in the middle of the segment.
say 6.x gmap_fault resolves the guest address itself (fixup_user_fault at
say the process address); 3.1 needed a VMA at the segment's first byte and
say returned -EFAULT.
gmap_map_segment G 0x20000000 0x200000 1M
gmap_fault G 0x280000
expect value 0x20080000
# 3.1: -EFAULT, and the guest read below takes a segment-translation exception
guest read 0x280000
expect pgm none
expect state G 0x200000 linked
check
