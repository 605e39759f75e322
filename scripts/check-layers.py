#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check lib/ and include/gmap/ against the layer table docs/layers.txt.

Every file must be listed.  A file may include a header of its own layer or
of a layer below it, and call a function declared in such a header; an
#include or a call that goes upward is reported with file and line.  The
umbrella (libgmap.h, export.h) is exempt: it is what export.h uses to set
visibility.  lib/script/ may not include another module's -internal.h.
Usage: check-layers.py [SOURCE_ROOT]; exit 1 on any violation.
"""
import os
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.').resolve()
layers, owner = [], {}
for n, line in enumerate((root / 'docs/layers.txt').read_text().splitlines(), 1):
    line = line.split('#', 1)[0].strip()
    if not line:
        continue
    name, _, files = line.partition(':')
    layers.append(name.strip())
    for f in files.split():
        owner[f] = name.strip()
rank = {name: i for i, name in enumerate(layers)}
UMBRELLA = 'umbrella'


def layer_of(rel):
    if rel in owner:
        return owner[rel]
    for k, v in owner.items():
        if k.endswith('/') and rel.startswith(k):
            return v
    return None


files = sorted(p for d in ('lib', 'include/gmap') for p in (root / d).rglob('*')
               if p.suffix in ('.c', '.h'))
errors = []
rels = {}
for p in files:
    rel = p.relative_to(root).as_posix()
    lay = layer_of(rel)
    if lay is None:
        errors.append(f'{rel}: not in docs/layers.txt (add it to its layer)')
    rels[rel] = lay


def resolve(src, inc):
    """The repository path an #include "inc" in src names, or None."""
    for base in (pathlib.Path(src).parent, pathlib.Path('include'), pathlib.Path('lib')):
        cand = os.path.normpath((base / inc).as_posix())
        if cand in rels:
            return cand
    return None


# Functions declared in the public headers, with the header's layer.
decl = re.compile(r'^[A-Za-z_][\w \*]*?\b([a-z_][a-z0-9_]*)\s*\(', re.M)
func_layer = {}
for rel, lay in rels.items():
    if (rel.startswith('include/gmap/') or rel.endswith('-internal.h')) and lay and lay != UMBRELLA:
        text = (root / rel).read_text()
        for m in decl.finditer(text):
            # a typedef of a function pointer declares a type, not a function
            if text.startswith('typedef', m.start()):
                continue
            func_layer.setdefault(m.group(1), (lay, rel))

inc_re = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
call_re = re.compile(r'\b([a-z_][a-z0-9_]*)\s*\(')
comment_re = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"', re.S)
for rel, lay in rels.items():
    if lay is None or lay == UMBRELLA:
        continue
    text = (root / rel).read_text()
    for n, line in enumerate(text.splitlines(), 1):
        m = inc_re.match(line)
        if not m:
            continue
        tgt = resolve(rel, m.group(1))
        tl = rels.get(tgt) if tgt else None
        if tl is None or tl == UMBRELLA:
            continue
        if rank[tl] > rank[lay]:
            errors.append(f'{rel}:{n}: #include "{m.group(1)}": layer {tl} is above {lay}')
        elif lay == 'script' and tgt.endswith('-internal.h') and not tgt.startswith('lib/script/'):
            # the interpreter drives the library through its public API only
            errors.append(f'{rel}:{n}: #include "{m.group(1)}": script uses public headers only')
    # calls: strip comments and strings, keep line numbers
    code = comment_re.sub(lambda m: '\n' * m.group(0).count('\n'), text)
    for n, line in enumerate(code.splitlines(), 1):
        if line.lstrip().startswith('#'):
            continue
        for m in call_re.finditer(line):
            hit = func_layer.get(m.group(1))
            if hit and rank[hit[0]] > rank[lay]:
                errors.append(f'{rel}:{n}: calls {m.group(1)}() of {hit[1]}: layer {hit[0]} is above {lay}')

for e in errors:
    print(e)
if errors:
    print(f'{len(errors)} layering violation(s); docs/layers.txt lists the order')
    sys.exit(1)
print(f'layers: {len(rels)} files in {len(layers) - 1} layers, every include and call goes downward')
