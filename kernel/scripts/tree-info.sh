#!/bin/sh
# tree-info.sh TREE OUTDIR — describe a kernel source tree for kernel/meson.build.
# Prints "VERSION.PATCHLEVEL.SUBLEVEL 0xVVPPSS" (LINUX_VERSION_CODE) and
# makes OUTDIR/treeinc with only asm-generic/ and uapi/ of the tree, so that
# <asm-generic/...> and <uapi/...> resolve but no <linux/...> header of the
# tree can stand in for a missing shim.
set -eu
tree=$1 out=$2
for f in Makefile arch/s390/mm/gmap.c arch/s390/mm/pgtable.c arch/s390/kvm/gaccess.c include/asm-generic include/uapi; do
	if [ ! -e "$tree/$f" ]; then
		echo "kernel_src $tree: no $f (not a kernel tree with arch/s390/mm/gmap.c)" >&2
		exit 1
	fi
done
v=$(sed -n 's/^VERSION = //p' "$tree/Makefile")
p=$(sed -n 's/^PATCHLEVEL = //p' "$tree/Makefile")
s=$(sed -n 's/^SUBLEVEL = //p' "$tree/Makefile")
mkdir -p "$out/treeinc"
ln -sfn "$tree/include/asm-generic" "$out/treeinc/asm-generic"
ln -sfn "$tree/include/uapi" "$out/treeinc/uapi"
[ "$s" -gt 255 ] && s=255
printf '%s.%s.%s 0x%02x%02x%02x\n' "$v" "$p" "$s" "$v" "$p" "$s"
