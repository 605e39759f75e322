#!/usr/bin/env python3
"""Golden test of a kgmapsim run (a gmapsim script through a kernel tree).

usage: kgolden.py [--update] EXPECTED.out EXIT TREE CWD KGMAPSIM [ARGS...]

Runs KGMAPSIM ARGS in CWD (docs/examples, so that messages name the
scripts as gmapsim's golden tests do), under $MESON_EXE_WRAPPER when meson
sets one (qemu-s390x for a cross build), and compares what it prints with
EXPECTED.out: standard output, then, if anything went to standard error, a
line "--- stderr" and that.  "Linux TREE " in the output stands for the
tree's name, so one file serves every tree.  The exit status must be EXIT.
--update rewrites EXPECTED.out instead (then read the diff: those files
state how the kernel's gmap differs from libgmap's 3.1 model).
"""
import difflib
import os
import shlex
import subprocess
import sys


def main(argv):
    update = argv[:1] == ['--update']
    if update:
        argv = argv[1:]
    if len(argv) < 5:
        sys.exit(__doc__)
    expected, want_exit, tree, cwd, exe = argv[:5]
    wrapper = shlex.split(os.environ.get('MESON_EXE_WRAPPER', ''))
    run = subprocess.run(wrapper + [os.path.abspath(exe)] + argv[5:], cwd=cwd,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
    out = run.stdout.decode('utf-8', 'replace')
    err = run.stderr.decode('utf-8', 'replace')
    if err:
        out += '--- stderr\n' + err
    out = out.replace('Linux %s ' % tree, 'Linux TREE ')
    if update:
        with open(expected, 'w', encoding='utf-8') as f:
            f.write(out)
    ok = True
    if run.returncode != int(want_exit):
        print('exit status %d, expected %s' % (run.returncode, want_exit))
        ok = False
    with open(expected, encoding='utf-8') as f:
        want = f.read()
    if out != want:
        sys.stdout.writelines(difflib.unified_diff(
            want.splitlines(True), out.splitlines(True), expected, 'kgmapsim output'))
        ok = False
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
