#!/usr/bin/env python3
"""Copy docs/examples/seed-story.gms and nested.gms into lib/script/demo.c as the built-in demos.

Run after editing the example; the golden tests then check that the demo and
the example produce the same output (both compare with seed-story.out)."""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parents[2]
src = root / 'lib/script/demo.c'
text = src.read_text()
for example, marker in (('seed-story', 'DEMO'), ('nested', 'NESTED')):
    gms = (root / 'docs/examples' / (example + '.gms')).read_text()
    lines = []
    for line in gms.splitlines():
        esc = line.replace('\\', '\\\\').replace('"', '\\"')
        lines.append('\t"%s",' % esc)
    text, n = re.subn(r'(/\* ' + marker + r'-BEGIN[^\n]*\*/\n).*?(/\* ' + marker + r'-END \*/)',
                      lambda m: m.group(1) + '\n'.join(lines) + '\n' + m.group(2),
                      text, flags=re.S)
    if n != 1:
        sys.exit('%s markers not found in lib/script/demo.c' % marker)
src.write_text(text)
