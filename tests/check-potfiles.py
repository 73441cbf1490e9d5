#!/usr/bin/env python3
"""Fails when a source file with translatable strings is missing from po/POTFILES.in,
or when POTFILES.in lists a file that does not exist or is not sorted.

With --update, rewrites POTFILES.in from the tree first."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
listed = [line.strip() for line in (root / "po" / "POTFILES.in").read_text().splitlines()
          if line.strip() and not line.startswith("#")]

c_marker = re.compile(r'\b(?:_|N_|C_|NC_|g_dngettext|ngettext)\s*\(')
ui_marker = re.compile(r'translatable="yes"')
needed = []
for path in sorted(root.glob("src/**/*")):
    rel = path.relative_to(root).as_posix()
    if path.suffix == ".c" and c_marker.search(path.read_text(errors="replace")):
        needed.append(rel)
    elif path.suffix == ".ui" and ui_marker.search(path.read_text(errors="replace")):
        needed.append(rel)
for path in sorted(root.glob("data/*.in")):
    if path.name.endswith((".desktop.in", ".metainfo.xml.in")):
        needed.append(path.relative_to(root).as_posix())
for path in sorted(root.glob("data/*.gschema.xml")):
    needed.append(path.relative_to(root).as_posix())

if "--update" in sys.argv:
    (root / "po" / "POTFILES.in").write_text("".join(p + "\n" for p in sorted(set(needed))))
    listed = sorted(set(needed))

missing = sorted(set(needed) - set(listed))
stale = sorted(p for p in listed if not (root / p).exists())
errors = []
if missing:
    errors.append("missing from po/POTFILES.in:\n  " + "\n  ".join(missing))
if stale:
    errors.append("listed in po/POTFILES.in but absent:\n  " + "\n  ".join(stale))
if listed != sorted(listed):
    errors.append("po/POTFILES.in is not sorted")
if errors:
    print("\n".join(errors))
    sys.exit(1)
print(f"POTFILES.in lists all {len(needed)} files with translatable strings")
