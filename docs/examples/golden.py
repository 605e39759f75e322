#!/usr/bin/env python3
"""Golden test of a gmapsim run.

usage: golden.py GMAPSIM EXPECTED.out [GMAPSIM ARGS...]
       golden.py --update GMAPSIM EXPECTED.out [GMAPSIM ARGS...]

Runs GMAPSIM with the arguments in the directory of EXPECTED.out and
compares its standard output byte for byte with EXPECTED.out.  The exit
status must be the one a "# gmapsim-exit: N" line of the script names
(0 without one).  --update rewrites EXPECTED.out instead (then check the
diff by hand: these files are the specification of the output).
"""
import difflib
import os
import re
import subprocess
import sys


def main(argv):
    update = False
    if argv and argv[0] == '--update':
        update = True
        argv = argv[1:]
    if len(argv) < 2:
        sys.exit(__doc__)
    gmapsim, expected = os.path.abspath(argv[0]), os.path.abspath(argv[1])
    args = argv[2:]
    workdir = os.path.dirname(expected)
    want_exit = 0
    scripts = [a for a in args if a.endswith('.gms')]
    if scripts:
        with open(os.path.join(workdir, scripts[0]), encoding='utf-8') as f:
            m = re.search(r'^# gmapsim-exit: (\d+)$', f.read(), re.M)
            if m:
                want_exit = int(m.group(1))
    run = subprocess.run([gmapsim] + args, cwd=workdir, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, timeout=120)
    out = run.stdout.decode('utf-8', 'replace')
    if run.stderr:
        sys.stderr.write(run.stderr.decode('utf-8', 'replace'))
    return compare(expected, out, run.returncode, want_exit, update, 'gmapsim output')


def compare(expected, out, got_exit, want_exit, update, label):
    """The verdict on one run: @out (written to @expected first with
    @update) must equal @expected's text and @got_exit must be @want_exit;
    a difference is printed as a unified diff.  Return: 0 or 1.
    kernel/tools/kgolden.py uses it too."""
    if update:
        with open(expected, 'w', encoding='utf-8') as f:
            f.write(out)
    ok = True
    if got_exit != want_exit:
        print('exit status %d, expected %d' % (got_exit, want_exit))
        ok = False
    with open(expected, encoding='utf-8') as f:
        want = f.read()
    if out != want:
        sys.stdout.writelines(difflib.unified_diff(
            want.splitlines(True), out.splitlines(True), expected, label))
        ok = False
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
