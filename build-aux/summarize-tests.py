#!/usr/bin/env python3
"""Counts GTest cases (TAP lines) across meson test logs; prints "N passed, N failed".

A test program that crashed or timed out before printing a TAP failure still
counts as one failure, so a broken binary can never look green.
"""
import json
import re
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except FileNotFoundError:
        continue
    for line in lines:
        entry = json.loads(line)
        out = entry.get("stdout", "") or ""
        ok = len(re.findall(r"^ok \d+(?! # SKIP)", out, re.M))
        skip = len(re.findall(r"^ok \d+.*# SKIP", out, re.M))
        bad = len(re.findall(r"^not ok \d+", out, re.M))
        if entry.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and bad == 0:
            bad = 1
            print(f"FAILED program: {entry.get('name')} ({entry.get('result')})")
        if entry.get("result") == "OK" and ok + skip + bad == 0:
            ok = 1  # a plain (non-TAP) test program counts as one case
        passed += ok
        skipped += skip
        failed += bad

print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
