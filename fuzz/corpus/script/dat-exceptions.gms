# DAT exceptions: hand-built tables (the layout of dat-reference §11.1) and
# one translation for each program-interruption code DAT raises.  Every
# expected value is derived from the architecture, see the comments.
machine storage=16M

# region-first table at 0x10000
store8 0x10008 0x2000f      # R1T[1]: R2T 0x20000, TT=11, TL=3
store8 0x10010 0x2c         # R1T[2]: invalid (the Linux empty R1 entry)
store8 0x10028 0x2000b      # R1T[5]: TT=10, wrong type in an R1 table
# region-second table at 0x20000
store8 0x20010 0x3000b      # R2T[2]: R3T 0x30000, TT=10, TL=3
# region-third table at 0x30000
store8 0x30018 0x40007      # R3T[3]: STO 0x40000, TT=01, TL=3
store8 0x30030 0x24         # R3T[6]: invalid
# segment table at 0x40000
store8 0x40020 0x50000      # ST[4]: PTO 0x50000
store8 0x40030 0x20         # ST[6]: invalid
# page table at 0x50000
store8 0x50028 0x123000     # PT[5]: frame 0x123000
store8 0x50030 0x400        # PT[6]: invalid
store8 0x50038 0x124800     # PT[7]: bit 52 set
store8 0x50040 0x125200     # PT[8]: frame 0x125000, protected
store4 0x123678 0xfeedface  # data in frame 0x123000

step Success through all five levels (V1): RFX 1, RSX 2, RTX 3, SX 4, PX 5, byte 0x678.
cpu cr1=0x1000f dat=on
translate 0x0020080180405678 fetch
expect real 0x123678
walk 0x1000f 0x0020080180405678

step A segment-table ASCE (V2), and the same VA with RTX 1: beyond what a segment table translates, ASCE-type exception 0x38 (V3).  TEID = page of the VA | 0x800 (fetch) | AS 0 (primary).
cpu cr1=0x40003
translate 0x405678 fetch
expect abs 0x123678
translate 0x80000000 fetch
expect pgm 0x38
expect teid 0x80000800

step Invalid entries at each level: 0x39 (R1TE, store: TEID bit 0x400), 0x3b (R3TE), 0x10 (STE), 0x11 (PTE).
cpu cr1=0x1000f
translate 0x0040000000000000 store
expect teid 0x0040000000000400
translate 0x0020080300000000 fetch
expect pgm 0x3b
cpu cr1=0x40003
translate 0x600000 fetch
expect pgm 0x10
translate 0x406abc fetch
expect pgm 0x11

step The address-space control goes into TEID bits 62-63: home space gives AS 3 (V9), secondary AS 2 (V12).
cpu cr13=0x40003 asc=home
translate 0x600000 fetch
expect teid 0x600803
cpu cr7=0x40003 asc=secondary
translate 0x406abc store
expect teid 0x406402
cpu asc=primary

step Translation-specification exceptions store no TEID: a PTE with bit 52 (0x12), an R1 entry with the wrong table type (0x12).  An ASCE whose table lies outside storage gives an addressing exception (0x05), no TEID either.
translate 0x407000 fetch
expect teid none
cpu cr1=0x1000f
translate 0x00a0000000000000 fetch
expect pgm 0x12
cpu cr1=0x100000003
translate 0x405000 fetch
expect pgm 0x05

step DAT protection (V16): a store through a PTE with P set is a protection exception; the TEID has the store bit and ESOP-2 code 001 (bit 61, 0x4).  A fetch is fine.
cpu cr1=0x40003
translate 0x408010 store
expect teid 0x408404
translate 0x408010 fetch
expect real 0x125010

step A full access delivers the interruption: `access` stores ILC, code and TEID in the lowcore and the old PSW (not advanced: 0x11 nullifies), then loads the program new PSW.
access 0x405678 fetch len=4
expect value 0xfeedface
access 0x406abc fetch
expect pgm 0x11
lowcore 0x8c 2
expect value 4
lowcore 0x8e 2
expect value 0x11
lowcore 0xa8
expect value 0x406800
lowcore 0x150
expect value 0x0400000180000000
lowcore 0x158
expect value 0
