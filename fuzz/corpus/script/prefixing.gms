# Prefixing: real 0-8K and the prefix area swap places (dat-reference §9).
machine storage=16M

step With DAT off and prefix 0x7e000, real 0x10 is absolute 0x7e010, real 0x7e010 is absolute 0x10, other addresses stay.
cpu prefix=0x7e000
translate 0x10 fetch
expect abs 0x7e010
translate 0x7e010 fetch
expect abs 0x10
translate 0x4000 store
expect abs 0x4000

step A PTE that names real frame 0 (V20) also goes through prefixing.
store8 0x40020 0x50000      # ST[4]: PTO 0x50000
store8 0x50048 0            # PT[9]: real frame 0
cpu cr1=0x40003 dat=on
translate 0x409010 fetch
expect real 0x10
expect abs 0x7e010

step Interruptions are stored in the prefix area: an access beyond storage (addressing, 0x05) writes its code at absolute 0x7e08e, absolute 0x8e stays 0; 0x05 suppresses, so the old PSW address is advanced by the ILC.
cpu dat=off
access 0x2000000 fetch ilc=6
expect pgm 0x05
expect teid none
load2 0x7e08e
expect value 5
load2 0x8e
expect value 0
lowcore 0x158
expect value 6
