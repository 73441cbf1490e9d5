#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifests with the real tool (flatpak-builder --show-manifest).

Usage: check-manifest.py SOURCE_ROOT

flatpak-builder parses each manifest the way a build would (it fails on syntax
errors and unknown members); the resolved JSON it prints must declare the app
id, the command the build installs, the pinned GNOME 48 runtime, exactly the
allowed sandbox permissions, and one meson module built from the local tree.
Exit code 77 (skipped) only when flatpak-builder is not installed.
"""

import json
import os
import shutil
import subprocess
import sys

ALLOWED_FINISH_ARGS = {
    '--share=network',
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
}

MANIFESTS = [
    # (path relative to the source root, app id, profile, source dir relative to the manifest)
    ('com.example.ContactDetail.json', 'com.example.ContactDetail', 'default', '.'),
    ('build-aux/flatpak/com.example.ContactDetail.Devel.json',
     'com.example.ContactDetail.Devel', 'development', '../..'),
]

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def show_manifest(builder, path):
    # Run from the manifest's directory: relative source paths resolve there.
    result = subprocess.run([builder, '--show-manifest', os.path.basename(path)],
                            cwd=os.path.dirname(path), capture_output=True, text=True)
    if result.returncode != 0:
        failures.append('%s: flatpak-builder --show-manifest failed: %s'
                        % (path, result.stderr.strip()))
        return None
    return json.loads(result.stdout)


def check_manifest(root, builder, relpath, app_id, profile, source_dir):
    path = os.path.join(root, relpath)
    manifest = show_manifest(builder, path)
    if manifest is None:
        return

    check(manifest.get('id', manifest.get('app-id')) == app_id,
          '%s: app id is %r, expected %r' % (relpath, manifest.get('id'), app_id))
    check(manifest.get('command') == 'contact-detail',
          '%s: command is %r, expected contact-detail' % (relpath, manifest.get('command')))
    check(manifest.get('runtime') == 'org.gnome.Platform', '%s: runtime' % relpath)
    check(manifest.get('sdk') == 'org.gnome.Sdk', '%s: sdk' % relpath)
    check(manifest.get('runtime-version') == '48',
          '%s: runtime-version is %r, expected "48"' % (relpath, manifest.get('runtime-version')))

    finish_args = manifest.get('finish-args', [])
    check(len(finish_args) == len(set(finish_args)), '%s: duplicate finish-args' % relpath)
    check(set(finish_args) == ALLOWED_FINISH_ARGS,
          '%s: finish-args %s; extra: %s, missing: %s'
          % (relpath, finish_args, sorted(set(finish_args) - ALLOWED_FINISH_ARGS),
             sorted(ALLOWED_FINISH_ARGS - set(finish_args))))

    modules = manifest.get('modules', [])
    check(len(modules) == 1, '%s: %d modules, expected one (the app)' % (relpath, len(modules)))
    if len(modules) != 1:
        return
    module = modules[0]
    check(module.get('name') == 'contact-detail', '%s: module name' % relpath)
    check(module.get('buildsystem') == 'meson', '%s: module must build with meson' % relpath)
    check('-Dprofile=%s' % profile in module.get('config-opts', []),
          '%s: config-opts must contain -Dprofile=%s' % (relpath, profile))
    sources = module.get('sources', [])
    check(len(sources) == 1 and sources[0].get('type') == 'dir'
          and sources[0].get('path') == source_dir,
          '%s: the module must build from the local directory (%s)' % (relpath, source_dir))
    if sources and sources[0].get('type') == 'dir':
        tree = os.path.normpath(os.path.join(os.path.dirname(path), sources[0].get('path', '')))
        check(os.path.isfile(os.path.join(tree, 'meson.build')),
              '%s: source dir %s has no meson.build' % (relpath, tree))


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2

    builder = shutil.which('flatpak-builder')
    if builder is None:
        print('SKIP: flatpak-builder is not installed', file=sys.stderr)
        return 77

    root = sys.argv[1]
    for relpath, app_id, profile, source_dir in MANIFESTS:
        check_manifest(root, builder, relpath, app_id, profile, source_dir)

    for failure in failures:
        print('FAIL: ' + failure, file=sys.stderr)
    if not failures:
        print('Both manifests OK: %s' % ', '.join(m[0] for m in MANIFESTS))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
