#!/usr/bin/env python3
"""Copy docs/examples/seed-story.gms into lib/script/demo.c as the built-in demo.

Run after editing the example; the golden tests then check that the demo and
the example produce the same output (both compare with seed-story.out)."""
import pathlib
import re
import sys

root = pathlib.Path(__file__).resolve().parents[2]
gms = (root / 'docs/examples/seed-story.gms').read_text()
lines = []
for line in gms.splitlines():
    esc = line.replace('\\', '\\\\').replace('"', '\\"')
    lines.append('\t"%s",' % esc)
src = root / 'lib/script/demo.c'
text = src.read_text()
new, n = re.subn(r'(/\* DEMO-BEGIN[^\n]*\*/\n).*?(/\* DEMO-END \*/)',
                 lambda m: m.group(1) + '\n'.join(lines) + '\n' + m.group(2),
                 text, flags=re.S)
if n != 1:
    sys.exit('markers not found in lib/script/demo.c')
src.write_text(new)
