machine storage=1M cpus=2 edat1 tlb
mm A pgste
mmap A 0x100000 1M rw fixed
gmap G on A
gmap_map_segment G 0x100000 0 1M
gmap_enable G
guest write 0x10 0x1234 len=2
guest read 0x10 len=2
expect value 0x1234
check
