#!/usr/bin/env python3
# check-potfiles.py SOURCE_ROOT
#
# Every file with translatable strings is listed in po/POTFILES.in, every
# listed file exists, and xgettext extracts the strings of each kind of
# file (C, .ui, desktop, metainfo, schema) from that list, as `ninja
# tally-pot` does. Prints TAP.

import os
import re
import subprocess
import sys
import tempfile

root = sys.argv[1]
results = []


def check(ok, name, detail=''):
    results.append((ok, name, detail))


with open(os.path.join(root, 'po', 'POTFILES.in')) as f:
    listed = [line.strip() for line in f
              if line.strip() and not line.startswith('#')]

missing = [p for p in listed if not os.path.exists(os.path.join(root, p))]
check(not missing, 'every listed file exists', ', '.join(missing))

translatable = re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(|translatable="yes"')
unlisted = []
for top in ('src', 'data'):
    for dirpath, _, names in os.walk(os.path.join(root, top)):
        for name in names:
            if not name.endswith(('.c', '.ui', '.in', '.xml')):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            with open(path, encoding='utf-8') as f:
                text = f.read()
            wants = bool(translatable.search(text))
            if name.endswith(('.desktop.in.in', '.metainfo.xml.in.in', '.gschema.xml')):
                wants = True
            if wants and rel not in listed:
                unlisted.append(rel)
check(not unlisted, 'every file with translatable strings is listed', ', '.join(unlisted))

with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'tally.pot')
    cmd = ['xgettext', '--package-name=tally', '--from-code=UTF-8',
           '--add-comments', '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2',
           '--keyword=NC_:1c,2', '--keyword=g_dngettext:2,3', '--flag=g_strdup_printf:1:c-format',
           '--directory=' + root, '--output=' + pot, '--files-from=' + os.path.join(root, 'po', 'POTFILES.in')]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    check(proc.returncode == 0, 'xgettext reads POTFILES.in', proc.stderr.strip())
    text = open(pot, encoding='utf-8').read() if os.path.exists(pot) else ''
    for kind, msgid in (('C', 'Print the version and exit'),
                        ('.ui', 'No Dashboards Yet'),
                        ('desktop', 'AI Usage Monitor'),
                        ('metainfo', 'See what your AI APIs cost and how they behave'),
                        ('schema', 'Color scheme')):
        check('msgid "%s"' % msgid in text, 'the template has the strings of the %s files' % kind, msgid)

print('1..%d' % len(results))
for i, (ok, name, detail) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
    if not ok and detail:
        print('# ' + detail)
sys.exit(0 if all(ok for ok, _, _ in results) else 1)
