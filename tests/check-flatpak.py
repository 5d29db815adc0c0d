#!/usr/bin/env python3
# check-flatpak.py SOURCE_ROOT
#
# The Flatpak manifests are valid JSON with the app id, runtime and
# permissions the app needs and no more; where flatpak-builder is installed,
# `flatpak-builder --show-manifest` reads them without a warning. Prints TAP.

import json
import os
import shutil
import subprocess
import sys

root = sys.argv[1]
allowed_args = {'--share=network', '--share=ipc', '--socket=wayland',
                '--socket=fallback-x11', '--device=dri'}
manifests = {
    'io.github.tallyapp.Tally.json': 'io.github.tallyapp.Tally',
    'io.github.tallyapp.Tally.Devel.json': 'io.github.tallyapp.Tally.Devel',
}
results = []

for name, app_id in manifests.items():
    path = os.path.join(root, 'flatpak', name)
    try:
        with open(path) as f:
            m = json.load(f)
    except (OSError, ValueError) as e:
        results.append((False, '%s is valid JSON' % name, str(e)))
        continue
    results.append((True, '%s is valid JSON' % name, ''))
    results.append((m.get('id', m.get('app-id')) == app_id, '%s has id %s' % (name, app_id), ''))
    results.append((m.get('runtime') == 'org.gnome.Platform' and m.get('sdk') == 'org.gnome.Sdk',
                    '%s builds on the GNOME runtime' % name, ''))
    extra = sorted(set(m.get('finish-args', [])) - allowed_args)
    results.append((not extra, '%s asks for no permission beyond what Tally needs' % name,
                    ' '.join(extra)))
    modules = m.get('modules', [])
    tally = [mod for mod in modules if isinstance(mod, dict) and mod.get('name') == 'tally']
    ok = bool(tally) and tally[0].get('buildsystem') == 'meson' and \
        any(s.get('type') == 'dir' for s in tally[0].get('sources', []))
    results.append((ok, '%s builds tally with meson from the checkout' % name, ''))

    builder = shutil.which('flatpak-builder')
    if builder is None:
        print('# flatpak-builder is not installed: --show-manifest not checked for ' + name)
        results.append((None, '%s passes flatpak-builder --show-manifest' % name, 'no flatpak-builder'))
    else:
        proc = subprocess.run([builder, '--show-manifest', path],
                              capture_output=True, text=True, cwd=os.path.join(root, 'flatpak'))
        bad = proc.returncode != 0 or 'WARNING' in proc.stderr or 'WARNING' in proc.stdout
        results.append((not bad, '%s passes flatpak-builder --show-manifest' % name,
                        proc.stderr.strip()))

print('1..%d' % len(results))
for i, (ok, name, detail) in enumerate(results, 1):
    if ok is None:
        print('ok %d - %s # SKIP %s' % (i, name, detail))
        continue
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, name))
    if not ok and detail:
        for line in detail.splitlines():
            print('# ' + line)
sys.exit(0 if all(ok is not False for ok, _, _ in results) else 1)
