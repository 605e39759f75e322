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
import os
import shlex
import subprocess
import sys

# the verdict (compare, diff, --update) is gmapsim's golden tests' own
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..',
                                'docs', 'examples'))
import golden  # noqa: E402


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
    return golden.compare(expected, out, run.returncode, int(want_exit), update,
                          'kgmapsim output')


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
