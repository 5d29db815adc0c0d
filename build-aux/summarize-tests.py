#!/usr/bin/env python3
# summarize-tests.py TESTLOG.json
#
# Reads meson's test log and prints one last line, "N passed, N failed",
# counting TAP results one by one. A test that crashed, timed out or stopped
# before its plan was done counts as a failure. Exits 1 when anything failed
# or nothing ran. The log holds each test's environment: never print it.

import json
import re
import sys

passed = failed = skipped = 0
failures = []

try:
    with open(sys.argv[1]) as f:
        lines = [line for line in f if line.strip()]
except OSError as e:
    print('no test log: %s' % e)
    print('0 passed, 1 failed')
    sys.exit(1)

plan_re = re.compile(r'^1\.\.(\d+)')
result_re = re.compile(r'^(not ok|ok)\b(.*)$')

for line in lines:
    test = json.loads(line)
    name = test.get('name', '?')
    result = test.get('result', 'ERROR')
    stdout = test.get('stdout') or ''
    # meson 1.0 does not log the protocol: a test whose output has a TAP
    # plan or result line is read as TAP, any other by its exit status.
    is_tap = any(plan_re.match(out) or result_re.match(out) for out in stdout.splitlines())
    if is_tap:
        planned = None
        seen = 0
        test_failed = 0
        for out in stdout.splitlines():
            m = plan_re.match(out)
            if m:
                planned = int(m.group(1))
                if planned == 0 and '# SKIP' in out:
                    skipped += 1
                continue
            m = result_re.match(out)
            if not m:
                continue
            seen += 1
            directive = m.group(2)
            if m.group(1) == 'ok':
                if '# SKIP' in directive.upper():
                    skipped += 1
                else:
                    passed += 1
            elif '# TODO' in directive.upper():
                skipped += 1
            else:
                failed += 1
                test_failed += 1
                failures.append('%s: not ok%s' % (name, directive))
        unfinished = (planned - seen) if planned is not None and planned > seen else 0
        if unfinished:
            failed += unfinished
            failures.append('%s: %d planned results never came (%s)' % (name, unfinished, result))
        elif result not in ('OK', 'SKIP', 'EXPECTEDFAIL') and test_failed == 0:
            failed += 1
            failures.append('%s: %s' % (name, result))
        elif seen == 0 and planned is None and result == 'OK':
            passed += 1
    else:
        if result in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        elif result == 'SKIP':
            skipped += 1
        else:
            failed += 1
            failures.append('%s: %s' % (name, result))

for f in failures:
    print('FAILED ' + f)
if skipped:
    print('%d skipped' % skipped)
print('%d passed, %d failed' % (passed, failed))
sys.exit(1 if failed or passed == 0 else 0)
