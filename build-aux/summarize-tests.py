#!/usr/bin/env python3
"""Counts GTest cases (TAP lines) across meson test logs; prints "N passed, N failed".

    summarize-tests.py [--label NAME] LOG.json [LOG.json ...] [--label NAME2] LOG.json ...

Every LOG is a meson testlog (one JSON object per line, as in
BUILD/meson-logs/testlog*.json) or a file in the same format written by
build-aux/run-tests.sh for a quality gate (fuzz harnesses, a gate that failed
before it could run any test).  --label names the gate of the logs after it;
it prefixes failures, so "FAILED program" lines say which gate they came from.

A test program that crashed or timed out before printing a TAP failure still
counts as one failure, so a broken binary can never look green.  A missing or
unreadable log counts as one failure too: a gate that produced no results did
not pass.  A line that is not valid JSON (a log cut short by a killed run) is
one failure as well.
"""
import json
import re
import sys

passed = failed = skipped = 0
label = ""


def fail(what):
    global failed
    failed += 1
    print(f"FAILED {label + ': ' if label else ''}{what}")


args = sys.argv[1:]
i = 0
while i < len(args):
    if args[i] == "--label":
        label = args[i + 1] if i + 1 < len(args) else ""
        i += 2
        continue
    path = args[i]
    i += 1
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            lines = f.read().splitlines()
    except OSError as e:
        fail(f"no results: {path} ({e.strerror})")
        continue
    for line in lines:
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            fail(f"unreadable line in {path}")
            continue
        out = entry.get("stdout", "") or ""
        ok = len(re.findall(r"^ok \d+(?! # SKIP)", out, re.M))
        skip = len(re.findall(r"^ok \d+.*# SKIP", out, re.M))
        bad = len(re.findall(r"^not ok \d+", out, re.M))
        result = entry.get("result")
        if result not in ("OK", "EXPECTEDFAIL", "SKIP") and bad == 0:
            fail(f"program: {entry.get('name')} ({result})")
        elif bad:
            for m in re.findall(r"^not ok \d+ (.*)$", out, re.M):
                print(f"FAILED {label + ': ' if label else ''}{entry.get('name')}: {m[:200]}")
            failed += bad
        if result == "OK" and ok + skip + bad == 0:
            ok = 1  # a plain (non-TAP) test program counts as one case
        passed += ok
        skipped += skip

print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
