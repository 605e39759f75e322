#!/usr/bin/env python3
"""Run Doxygen for `ninja docs` and judge its warnings.

usage: run-doxygen.py [--strict] [--notes] DOXYGEN DOXYFILE WARNINGS_LOG

Fails (exit 1) on an undocumented public function or a documentation
error (an unknown command, a bad reference); warnings about undocumented
macros, struct members, enum values and parameters missing from an
otherwise documented function are notes, counted (--notes prints them;
all are in WARNINGS_LOG).  With --strict every warning fails.
"""
import os
import re
import subprocess
import sys

args = sys.argv[1:]
strict = '--strict' in args
show_notes = '--notes' in args
args = [a for a in args if a not in ('--strict', '--notes')]
doxygen, doxyfile, log = args
os.makedirs(os.path.dirname(log), exist_ok=True)
rc = subprocess.call([doxygen, doxyfile])
if rc:
    sys.exit(rc)
text = open(log, encoding='utf-8', errors='replace').read()
# one warning may span lines (parameter lists): keep the first line of each
warnings = [w for w in re.split(r'\n(?=\S)', text.strip()) if w]
fatal, notes = [], []
for w in warnings:
    soft = (re.search(r'\((variable|macro definition|enumvalue|enumeration|typedef)\) of '
                      r'(file|struct|union|enum)', w)
            or 'parameters of' in w or 'parameter of' in w)
    (notes if soft and not strict else fatal).append(w)
for w in notes if show_notes else []:
    print('note: ' + w.splitlines()[0])
for w in fatal:
    print(w)
print('doxygen: %d warning(s) that fail the run, %d note(s); html in %s' %
      (len(fatal), len(notes), os.path.dirname(log)))
sys.exit(1 if fatal else 0)
