#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds with AddressSanitizer + UndefinedBehaviorSanitizer in its own directory
# ($BUILD_DIR, default _build-sanitize; CC as in the environment, gcc by default)
# and runs the unit suite, then the ui suite under Xvfb with a private D-Bus
# session.  Any ASan/LSan/UBSan report fails the test it happens in, and the
# script exits non-zero.  Leaks of third-party libraries that are documented
# one-time allocations are listed in build-aux/lsan.supp.
#
# Leak checking needs full allocation stacks to tell our leaks from the
# documented third-party ones, and Debian's libraries have no frame pointers, so
# every malloc is unwound from DWARF: 16x slower (ui-contact-page: 14 s -> 500 s,
# the ui suite over an hour).  So the ui suite runs with LeakSanitizer off
# (memory errors and undefined behaviour still fail it); leaks are checked in the
# unit suite here and by valgrind (run-valgrind.sh).  UI_LEAKS=1 turns leak
# checking on for the ui suite too.
#
#   build-aux/run-sanitizers.sh [unit|ui|all]     (default all)
set -uo pipefail

cd "$(dirname "$0")/.."
SRC_DIR="$PWD"
BUILD_DIR="${BUILD_DIR:-_build-sanitize}"
suites="${1:-all}"

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  meson setup "$BUILD_DIR" --werror \
    -Db_sanitize=address,undefined -Db_lundef=false || exit 1
fi
ninja -C "$BUILD_DIR" || exit 1

# meson test only sets its own *SAN_OPTIONS when these are unset.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:abort_on_error=1:print_summary=1:detect_stack_use_after_return=0"
export LSAN_OPTIONS="suppressions=$SRC_DIR/build-aux/lsan.supp:print_suppressions=0:fast_unwind_on_malloc=0"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1:print_summary=1"
# Plain malloc so every GLib allocation is seen; test_env's G_DEBUG is overridden by
# the wrapper (test environments win over the caller's).
export G_SLICE=always-malloc
wrapper="env G_DEBUG=fatal-criticals,gc-friendly G_SLICE=always-malloc CD_TEST_DEADLINE_MULTIPLIER=3"

status=0
if [ "$suites" = all ] || [ "$suites" = unit ]; then
  meson test -C "$BUILD_DIR" --no-rebuild --suite unit --print-errorlogs --num-processes 2 \
    --timeout-multiplier 3 --wrapper "$wrapper" --logbase sanitize-unit || status=1
fi
if [ "$suites" = all ] || [ "$suites" = ui ]; then
  if [ "${UI_LEAKS:-0}" != 1 ]; then
    export ASAN_OPTIONS="${ASAN_OPTIONS/detect_leaks=1/detect_leaks=0}"
    export LSAN_OPTIONS="${LSAN_OPTIONS/:fast_unwind_on_malloc=0/}"
  fi
  xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" dbus-run-session -- \
    meson test -C "$BUILD_DIR" --no-rebuild --suite ui --print-errorlogs --num-processes 1 \
      --timeout-multiplier 3 --wrapper "$wrapper" --logbase sanitize-ui || status=1
fi

# A report in a test that still exited 0 (e.g. from a child process) fails too.
for log in "$BUILD_DIR"/meson-logs/sanitize-*.txt; do
  [ -f "$log" ] || continue
  if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$log"; then
    echo "Sanitizer report in $log:" >&2
    grep -E -A 20 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' "$log" | head -n 60 >&2
    status=1
  fi
done
[ $status -eq 0 ] && echo "sanitizers: no reports"
exit $status
