# libgmap model divergence, seed 0x3, 400 operation(s).
# Run with: gmapsim --check FILE (the model's expectations are the
# expect lines; the last operation is where the library diverged).
machine storage=512M cpus=2 edat1 idte tlb
mm A pgste
mm B pgste
mmap A 0x1200000 0x400000 r fixed
expect rc 0
write A 0x30000147cb0 0x83067369abc020f6 len=8
expect rc -EFAULT
mprotect A 0x1500000 0x100000 r
expect rc 0
gmap A2 on A
gmap B1 on B
cpu 1
gmap_enable A2
guest write 0x42e4d6 0xb1bffc8b8f7f2c67 len=8
expect pgm 0x39
gmap B0 on B
cpu 1
gmap_enable B1
guest write 0x5e4e7b 0x6b9b0e4c4fb190d5 len=8
expect pgm 0x39
gmap A1 on A
write B 0x1091980 0x138 len=2
expect rc -EFAULT
mmap B 0x1000000 0x400000 r fixed
expect rc 0
gmap A0 on A
fault A 0x14a29bb
expect rc 0
mprotect A 0x30000100000 0x100000 none
expect rc -ENOMEM
cpu 1
gmap_enable A0
guest write 0x4ad6fc 0x93265d235cdd0947 len=8
expect pgm 0x39
cpu 0
gmap_enable B0
guest read 0x3800000027ced len=8
expect pgm 0x39
gmap B2 on B
gmap_map_segment A2 0x1500000 0x60140100000000 0x100000
expect rc 0
cpu 0
gmap_enable B2
guest read 0x123e0c len=4
expect pgm 0x39
gmap_map_segment A0 0x1300000 0x60140100000000 0x200000
expect rc 0
cpu 1
gmap_enable B0
guest write 0x14b6c6a163faf290 0x35935309bbaebf87 len=8
expect pgm 0x39
write A 0x11a83e4 0x9bd0b8482b49359b len=8
expect rc -EFAULT
cpu 0
gmap_enable B2
guest read 0x3acb7d len=8
expect pgm 0x39
mmap A 0x30000100000 0x100000 rw fixed
expect rc 0
munmap A 0x14a1000 0x5000
expect rc 0
mprotect B 0x30000100000 0x100000 none
expect rc -ENOMEM
cpu 0
gmap_fault A0 0x394bf0
expect rc -EFAULT
expect gmap_addr 0x394bf0
cpu 0
gmap_enable B1
guest read 0x4a275 len=4
expect pgm 0x39
cpu 1
gmap_enable A0
guest write 0x1f5ffed1efe 0xc7f95639e3c35ee2 len=8
expect pgm 0x39
write B 0x10122e0 0xb3 len=1
expect rc -EFAULT
gmap_map_segment B1 0x1100000 0x300000 0x100000
expect rc 0
cpu 1
gmap_enable A0
guest write 0x6014010011bfb8 0xd5c20938cd2fe152 len=8
expect pgm 0x10
munmap B 0x30000035000 0xf000