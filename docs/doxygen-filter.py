#!/usr/bin/env python3
"""Doxygen INPUT_FILTER for libgmap's kernel-doc headers.

Kernel-doc ("/** name() - what it does" with "@arg: text" lines) is what the
headers use; Doxygen would read "@arg" as an unknown command.  This filter
rewrites, line by line and without moving lines:
  - "@name:" at the start of a comment line        -> "\\param name"
  - "Return:" at the start of a comment line        -> "\\return"
  - any other "@word" in a comment                  -> "\\p word"
  - "/* text */" after a #define or a struct member -> "/**< text */"
and puts "/** \\file */" before the first line so that the file's functions
are documented.
"""
import re
import sys

src = open(sys.argv[1], encoding='utf-8').read().split('\n')
out = []
in_doc = False
for i, line in enumerate(src):
    if i == 0:
        line = '/** \\file */ ' + line
    stripped = line.strip()
    if not in_doc and '/**' in line and '*/' not in line.split('/**', 1)[1]:
        in_doc = True
    if in_doc or ('/**' in line and '*/' in line):
        line = re.sub(r'^(\s*\*?\s*)@(\w+):', r'\1\\param \2', line)
        line = re.sub(r'^(\s*\*?\s*)Return:', r'\1\\return', line)
        line = re.sub(r'(?<![\w\\])@(\w+)', r'\\p \1', line)
        if '*/' in line:
            in_doc = False
    elif '/*' in line and '*/' in line and not stripped.startswith('/*'):
        # a trailing comment documents the macro or member on its line
        line = re.sub(r'/\*(?![*!])\s?', '/**< ', line, count=1)
    out.append(line)
sys.stdout.write('\n'.join(out))
