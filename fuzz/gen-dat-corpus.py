#!/usr/bin/env python3
"""Write the seed corpus of fuzz-dat (fuzz/corpus/dat/): small, valid and
near-valid walks of every ASCE type, so the fuzzer starts deep in the walker.
Layout: see fuzz/fuzz-dat.c.  Run from the source root; rewrites the files."""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus', 'dat')


def rec(off, val):
    return struct.pack('>IQ', off, val)


def inp(asce, vaddr, acc=0, flags=0, prefix=0, recs=()):
    return struct.pack('>QQBBI', asce, vaddr, acc, flags, prefix) + b''.join(recs)


# Tables at fixed absolute addresses inside the 1 MiB fuzz storage.
R1, R2, R3, SGT, PT, FRAME = 0x10000, 0x14000, 0x18000, 0x1c000, 0x20000, 0x30000
va = 0x0000_0000_0012_3456  # RFX=RSX=RTX=0, SX=1, PX=0x23
sx, px = (va >> 20) & 0x7ff, (va >> 12) & 0xff
pte = rec(PT + px * 8, FRAME)
ste = rec(SGT + sx * 8, PT)
r3e = rec(R3, SGT | 0x04 | 3)
r2e = rec(R2, R3 | 0x08 | 3)
r1e = rec(R1, R2 | 0x0c | 3)
seeds = {
    'seg-fetch': inp(SGT | 0x00 | 3, va, 0, 0, 0, [ste, pte]),
    'seg-store-prot': inp(SGT | 3, va, 1, 0, 0, [rec(SGT + sx * 8, PT | 0x200), pte]),
    'seg-pte-invalid': inp(SGT | 3, va, 0, 0, 0, [ste, rec(PT + px * 8, FRAME | 0x400)]),
    'seg-ste-invalid': inp(SGT | 3, va, 0, 0, 0, [rec(SGT + sx * 8, 0x20)]),
    'r3-fetch': inp(R3 | 0x04 | 3, va, 0, 0, 0, [r3e, ste, pte]),
    'r2-store': inp(R2 | 0x08 | 3, va, 1, 0, 0, [r2e, r3e, ste, pte]),
    'r1-ifetch-iep': inp(R1 | 0x0c | 3, va, 2, 0x04, 0, [r1e, r2e, r3e, ste, rec(PT + px * 8, FRAME | 0x100)]),
    'r1-asce-type': inp(SGT | 3, 0x8000_0000_0000_0000, 0, 0, 0, []),
    'edat1-large': inp(SGT | 3, va, 0, 0x01, 0, [rec(SGT + sx * 8, 0x0040_0000 | 0x400)]),
    'edat2-large': inp(R3 | 0x04 | 3, va, 1, 0x03, 0, [rec(R3, 0x8000_0000 | 0x400)]),
    'real-space-prefix': inp(0x20, 0x100, 0, 0x40 | 0x08, 0x4000, []),
    'pte-bit52': inp(SGT | 3, va, 0, 0, 0, [ste, rec(PT + px * 8, FRAME | 0x800)]),
    'tt-mismatch': inp(R3 | 0x04 | 3, va, 0, 0, 0, [rec(R3, SGT | 0x08 | 3)]),
    'addressing': inp(0x4000_0000 | 3, va, 0, 0x10, 0, []),
    'fold-chain': inp(R2 | 0x08 | 3, va, 1, 0x20 | 0x18, 0,
                      [rec(0x8000_0000 | R2, 0x1234_0000_0000_0000 | R3 | 0x08 | 3), r3e, ste, pte]),
}
os.makedirs(OUT, exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)
print(f'{len(seeds)} seeds in {OUT}')
