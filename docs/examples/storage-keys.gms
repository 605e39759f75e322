# Storage keys: ISKE/SSKE/RRBE, reference and change recording by the CPU,
# and key-controlled protection (docs/storage-keys.md). Addresses given to
# iske/sske/rrbe are absolute.
machine storage=16M edat1

step Keys are zero after the machine is created. A fetch by the CPU sets the reference bit (R, 0x04), a store also the change bit (C, 0x02).
iske 0x300000
expect value 0x00
access 0x300010 fetch len=4
iske 0x300000
expect value 0x04
access 0x300010 store len=4 value=0x11223344
iske 0x300000
expect value 0x06

step RRBE reports R and C as the condition code (2*R + C) and clears R only.
rrbe 0x300000
expect cc 3
rrbe 0x300000
expect cc 1
iske 0x300000
expect value 0x02

step SSKE sets ACC, F, R and C from R1 bits 56-62 (bit 63 is ignored); the condition code stays.
sske 0x301000 0x59
iske 0x301000
expect value 0x58

step Conditional SSKE (MR and MC): equal ACC and F leave the key alone (cc 0); a different ACC sets the entire key (cc 1).
sske 0x301000 0x5e mr mc
expect cc 0
iske 0x301000
expect value 0x58
sske 0x301000 0x60 mr mc
expect cc 1
iske 0x301000
expect value 0x60

step The multiple-block form (EDAT-1) sets every frame up to the next 1 MB boundary.
sske 0x3fe000 0x70 mb
iske 0x3ff000
expect value 0x70
iske 0x400000
expect value 0x00

step PSW key 5 against ACC 6: stores are protected (0x04, TEID code 010 = 0x008); fetches only when F is one. An interruption loads the program new PSW (key 0, 64-bit), so the key is set again after one.
store8 0x1d0 0x0000000180000000   # program new PSW at real 0x1d0: 64-bit, key 0
psw key=5
access 0x301000 fetch len=4
expect pgm none
access 0x301000 store len=4 value=1
expect pgm 0x04
expect teid 0x301408
psw key=5
sske 0x301000 0x68
access 0x301000 fetch len=4
expect pgm 0x04
expect teid 0x301808

step The matching key, or PSW key 0, may store; the stores record R and C.
psw key=6
access 0x301000 store len=4 value=1
expect pgm none
psw key=0
access 0x300000 store len=4 value=1
expect pgm none
expect key 0x301000 0x6e
