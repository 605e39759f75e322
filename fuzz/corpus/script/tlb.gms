# The TLB model and the purge instructions (machine option `tlb`; IPTE,
# IDTE, CSP, PTLB; stale-translation checking).
machine storage=16M tlb idte cpus=2
store8 0x40020 0x50000      # ST[4]: PTO 0x50000
store8 0x50028 0x123000     # PT[5]: frame 0x123000
cpu cr1=0x40003 dat=on
tlb checking on

step The first translation misses and fills the TLB; the second hits.
translate 0x405000 fetch
translate 0x405000 fetch
tlb stats

step Changing the PTE behind the TLB's back (a plain store) leaves a stale entry: the checker counts it.
store8 0x50028 0x124000
translate 0x405000 fetch
tlb stale
expect stale 1

step IPTE invalidates the PTE and purges it; the next translation sees the invalid bit.
ipte 0x50000 0x405000
load8 0x50028
expect value 0x124400
translate 0x405000 fetch
expect pgm 0x11

step IDTE invalidates the segment entry (designation = the segment table, DT 00); CSPG swaps a doubleword and purges every TLB; PTLB purges this CPU's TLB; preload forms entries ahead of use.
store8 0x50028 0x123000
idte 0x40000 0x400000
load8 0x40020
expect value 0x50020
csp 0x40020 0x50020 0x50000
expect value 0
tlb preload 0x40003 0x405000
ptlb
idte asce 0x40003
tlb purge_all
tlb stats all
translate 0x405000 fetch
expect abs 0x123000
