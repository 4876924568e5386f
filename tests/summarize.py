#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints one closing line for the meson test logs given: 'tests: N passed, N failed, N skipped'."""
import json
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    with open(path, encoding='utf-8') as log:
        for line in log:
            result = json.loads(line).get('result')
            if result in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                failed += 1

print(f'tests: {passed} passed, {failed} failed, {skipped} skipped')
sys.exit(1 if failed or not passed else 0)
