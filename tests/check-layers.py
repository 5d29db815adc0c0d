#!/usr/bin/env python3
# check-layers.py SOURCE_ROOT
#
# The layers of DESIGN.md: src/core and src/charts never include GTK or
# libadwaita, and src/cli never includes a GUI header, so `tally render`
# and the collector run with no display. Prints TAP.

import os
import re
import sys

root = sys.argv[1]
gui = re.compile(r'#\s*include\s*[<"](gtk/|gdk/|gsk/|adwaita\.h|tally-(application|window)[^"]*\.h)')
results = []

for layer in ('core', 'charts', 'cli'):
    offenders = []
    base = os.path.join(root, 'src', layer)
    for dirpath, _, names in os.walk(base):
        for name in sorted(names):
            if not name.endswith(('.c', '.h')):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding='utf-8') as f:
                for lineno, line in enumerate(f, 1):
                    if gui.search(line):
                        offenders.append('%s:%d' % (os.path.relpath(path, root), lineno))
    results.append((not offenders, 'src/%s includes no GTK header' % layer, offenders))

print('1..%d' % len(results))
for i, (ok, name, offenders) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
    for o in offenders:
        print('# ' + o)
sys.exit(0 if all(r[0] for r in results) else 1)
