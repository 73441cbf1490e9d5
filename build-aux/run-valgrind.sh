#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the unit suite under valgrind memcheck: any invalid read/write, use of
# uninitialised memory or "definitely lost" leak fails the test.  Documented
# third-party leaks are in build-aux/valgrind.supp.  Uses the normal build
# ($BUILD_DIR, default _build; configured when missing).  Slow: valgrind costs
# 20-50x, so timeouts are multiplied by 10.
#
#   build-aux/run-valgrind.sh [meson test arguments, e.g. a test name]
set -uo pipefail

cd "$(dirname "$0")/.."
SRC_DIR="$PWD"
BUILD_DIR="${BUILD_DIR:-_build}"

command -v valgrind >/dev/null || { echo "valgrind is required (apt-get install valgrind)" >&2; exit 1; }
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  meson setup "$BUILD_DIR" --werror || exit 1
fi
ninja -C "$BUILD_DIR" || exit 1

# G_SLICE: plain malloc so memcheck sees every block; G_DEBUG is set in the wrapper
# because a test's own environment (test_env) overrides the caller's.
export G_SLICE=always-malloc
wrapper="env G_DEBUG=fatal-criticals,gc-friendly G_SLICE=always-malloc CD_TEST_DEADLINE_MULTIPLIER=10 \
valgrind --quiet --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite \
--show-leak-kinds=definite --track-origins=yes --num-callers=30 \
--suppressions=$SRC_DIR/build-aux/valgrind.supp"

if [ $# -eq 0 ]; then
  set -- --suite unit
fi
meson test -C "$BUILD_DIR" --print-errorlogs --num-processes "$(nproc)" \
  --timeout-multiplier 10 --wrapper "$wrapper" --logbase valgrind "$@"
