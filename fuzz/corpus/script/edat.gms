# EDAT-1 1 MB segment frames, EDAT-2 2 GB region frames, IEP (dat-reference
# §3, §4, §6.1; vectors V18, V18b, V22k, V23 and an EDAT-2 region frame).
machine storage=4G edat1 edat2 iep
store8 0x30038 0x80000404   # R3T[7]: FC=1, RFAA 0x80000000
store8 0x40020 0x50000      # ST[4]: PTO 0x50000
store8 0x40040 0x300400     # ST[8]: FC=1, SFAA 0x300000
store8 0x40050 0x400        # ST[10]: FC=1, SFAA 0
store8 0x50058 0x126100     # PT[11]: frame 0x126000, IEP bit

step Without CR0 bit 40 the FC bit is ignored: ST[8] is a page table at 0x300000 whose entry 0x12 is 0 -- a valid PTE for real 0 (V18b).
cpu cr1=0x40003 dat=on
translate 0x812345 fetch
expect abs 0x345

step With EDAT enabled (CR0 0x800000) it is a 1 MB frame: 0x300000 | 0x12345 (V18).
cpu cr0=0x800000
translate 0x812345 fetch
expect abs 0x312345
dump asce=0x40003

step Large-frame addresses are absolute: prefixing does not apply (V22k).
cpu prefix=0x7e000
translate 0xa00010 fetch
expect abs 0x10
cpu prefix=0

step EDAT-2: an R3 entry with FC=1 is a 2 GB frame: 0x80000000 | (va & 0x7fffffff).
cpu cr1=0x30007
translate 0x392345678 fetch
expect abs 0x92345678

step IEP (CR0 bit 43): instruction fetch from a page with PTE bit 55 is a protection exception with ESOP-2 code 101 (0x84) (V23); an operand fetch is allowed.
cpu cr0=0x900000 cr1=0x40003
translate 0x40b000 ifetch
expect teid 0x40b884
translate 0x40b000 fetch
expect abs 0x126000
