#!/bin/bash
# The whole test suite, exactly as CI runs it: installs what is missing,
# builds with warnings as errors, runs the unit and ui suites (ui under Xvfb
# with a private D-Bus session), and ends with "N passed, N failed".
set -uo pipefail

cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-_build}"

build-aux/install-deps.sh || exit 1

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  meson setup "$BUILD_DIR" --werror -Dprofile=default || exit 1
fi
ninja -C "$BUILD_DIR" || exit 1

status=0
meson test -C "$BUILD_DIR" --suite unit --print-errorlogs --num-processes 2 || status=1
xvfb-run -a -s "-screen 0 1600x1000x24" \
  dbus-run-session -- \
  meson test -C "$BUILD_DIR" --suite ui --print-errorlogs --num-processes 1 \
    --logbase testlog-ui || status=1

python3 build-aux/summarize-tests.py \
  "$BUILD_DIR/meson-logs/testlog.json" "$BUILD_DIR/meson-logs/testlog-ui.json" || status=1
exit $status
