#!/bin/sh
# localize.sh CC OBJCOPY AR OUT.a IN.a — link the kernel side into one object
# and make every hidden symbol local, so that the tree's gmap_* (and the
# shim's find_vma, init_mm, …) cannot clash with libgmap's own names; only
# the bridge (khk_*, default visibility) stays global.
set -eu
cc=$1 objcopy=$2 ar=$3 out=$4 in=$5
tmp=$out.o
$cc -r -nostdlib -Wl,--whole-archive "$in" -Wl,--no-whole-archive -o "$tmp"
$objcopy --localize-hidden "$tmp"
rm -f "$out"
$ar rcs "$out" "$tmp"
rm -f "$tmp"
