#!/usr/bin/env python3
"""Every public function of include/gmap/*.h is either called by the
allocation-failure sweep (the call_* functions of tests/test-model.c) or
listed in tests/sweep-exempt.txt with a reason; names listed there must
exist.  (A listed function may still be called by the sweep, e.g. to clean
up.)  Exit 1 otherwise.
Usage: sweep-coverage.py SOURCE_ROOT"""
import glob
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')


def strip_comments(src):
    src = re.sub(r'/\*.*?\*/', ' ', src, flags=re.S)
    return re.sub(r'//[^\n]*', ' ', src)


DECL = re.compile(r'^(?:static\s+inline\s+|extern\s+)?[A-Za-z_][\w\s\*]*?\b([a-z_][a-z0-9_]*)\s*'
                  r'\(([^;{)]*(?:\([^)]*\)[^;{)]*)*)\)\s*[;{]', re.M)
public = set()
for h in sorted(glob.glob(os.path.join(root, 'include', 'gmap', '*.h'))):
    for m in DECL.finditer(strip_comments(open(h, encoding='utf-8').read())):
        if m.group(1) not in ('if', 'while', 'for', 'switch', 'return', 'sizeof'):
            public.add(m.group(1))

model = strip_comments(open(os.path.join(root, 'tests', 'test-model.c'), encoding='utf-8').read())
swept = set()
for m in re.finditer(r'^static long (call_\w+)\(struct sweep \*sw\)\s*\{', model, re.M):
    depth, i = 1, m.end()
    while depth and i < len(model):
        depth += {'{': 1, '}': -1}.get(model[i], 0)
        i += 1
    swept |= set(re.findall(r'\b([a-z_][a-z0-9_]*)\s*\(', model[m.end():i]))

exempt = {}
for n, line in enumerate(open(os.path.join(root, 'tests', 'sweep-exempt.txt'), encoding='utf-8'), 1):
    line = line.strip()
    if not line or line.startswith('#'):
        continue
    name, _, why = line.partition(':')
    if not why.strip():
        sys.exit(f'sweep-exempt.txt:{n}: "{name}" has no reason')
    exempt[name.strip()] = why.strip()

bad = 0
for f in sorted(public - swept - set(exempt)):
    print(f'{f}: public, neither in the allocation-failure sweep nor in tests/sweep-exempt.txt')
    bad += 1
for f in sorted(set(exempt) - public):
    print(f'{f}: listed in tests/sweep-exempt.txt but not a public function')
    bad += 1
print(f'{len(public)} public functions: {len(public & swept)} swept, '
      f'{len(public & set(exempt) - swept)} exempt, {bad} problem(s)')
sys.exit(1 if bad else 0)
