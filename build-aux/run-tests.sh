#!/bin/bash
# The whole test suite, exactly as CI runs it: installs what is missing,
# builds with warnings as errors, runs the unit and ui suites (ui under Xvfb
# with a private D-Bus session), then the quality gates, and ends with one
# plain line "N passed, N failed, N skipped" that counts every test case of
# every gate (one per GTest case, fuzz harness, or gate that could not run).
#
# Quality gates (README "Quality gates"), in this order:
#   asan-unit the unit suite built with ASan + UBSan (run-sanitizers.sh unit);
#             any sanitizer report fails
#   asan      the same for the unit + ui suites (the ui suite without leak
#             checking, see run-sanitizers.sh)
#   valgrind  the unit suite under valgrind memcheck (run-valgrind.sh)
#   fuzz      every libFuzzer harness for $FUZZ_SECONDS s (run-fuzzers.sh, clang)
#   gnome48   build with --werror and run unit + ui in a Debian 13 chroot with
#             GTK 4.18 / libadwaita 1.7 (gnome48-chroot.sh; the chroot is reused
#             when present, created when absent; needs root or sudo)
#
# Environment:
#   BUILD_DIR     normal build (default _build)
#   ASAN_DIR      sanitizer build (default _build-sanitize)
#   FUZZ_DIR      fuzzing build (default _build-fuzz)
#   CD_GATES      unset (also in CI) or all: every gate; 0: none (a quick local
#                 run); or a comma list, e.g. CD_GATES=asan,fuzz
#   FUZZ_RUNS     inputs per fuzz harness, from seed 1 (default 100000)
#   FUZZ_SECONDS  upper bound in seconds per fuzz harness (default 60)
set -uo pipefail

cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-_build}"
ASAN_DIR="${ASAN_DIR:-_build-sanitize}"
FUZZ_DIR="${FUZZ_DIR:-_build-fuzz}"
FUZZ_SECONDS="${FUZZ_SECONDS:-60}"
# A fixed count of inputs from a fixed seed: the same verdict on every machine
# (FUZZ_RUNS= empty fuzzes for FUZZ_SECONDS instead, with a random seed).
FUZZ_RUNS="${FUZZ_RUNS-100000}"
GATES="${CD_GATES:-all}"
case "$GATES" in
  1|all|yes|true) GATES=asan,valgrind,fuzz,gnome48 ;;  # asan includes asan-unit
  0|none|no|false) GATES="" ;;
esac

build-aux/install-deps.sh || exit 1

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  meson setup "$BUILD_DIR" --werror -Dprofile=default || exit 1
fi
ninja -C "$BUILD_DIR" || exit 1

LOG_DIR="$BUILD_DIR/meson-logs"
rm -rf "$LOG_DIR/gates"
mkdir -p "$LOG_DIR/gates"
GATE_DIR="$(cd "$LOG_DIR/gates" && pwd)"
TIMINGS=()
SUMMARY_ARGS=()

start=$(date +%s)
rm -f "$LOG_DIR/testlog.json" "$LOG_DIR/testlog-ui.json"
meson test -C "$BUILD_DIR" --suite unit --print-errorlogs --num-processes 2
# -noreset: a program that connects while Xvfb resets after the previous
# client left would get "cannot open display".
xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" \
  dbus-run-session -- \
  meson test -C "$BUILD_DIR" --suite ui --print-errorlogs --num-processes 1 \
    --logbase testlog-ui
TIMINGS+=("$(printf '%-10s %5ss' suites $(( $(date +%s) - start )))")
SUMMARY_ARGS+=(--label suites "$LOG_DIR/testlog.json" "$LOG_DIR/testlog-ui.json")

# One failed entry for a gate whose script failed without a failing test to show
# for it (a build error, a sanitizer report outside a test's verdict, …).
gate_failed () {
  printf '{"name": "%s (exit %s, see the output above)", "result": "FAIL", "stdout": ""}\n' \
    "$1" "$2" > "$GATE_DIR/$1-script.json"
}

# Runs one gate: name, the logs it leaves, then the command.  The gate's own test
# results count; if the script failed but its logs show no failure, the gate
# itself counts as one failure.
run_gate () {
  local name=$1 logs=$2 rc t0
  shift 2
  case ",$GATES," in *",$name,"*) ;; *) return 0 ;; esac
  echo
  echo "==> gate $name"
  t0=$(date +%s)
  # shellcheck disable=SC2086
  rm -f $logs
  "$@"
  rc=$?
  TIMINGS+=("$(printf '%-10s %5ss  exit %s' "$name" $(( $(date +%s) - t0 )) "$rc")")
  # shellcheck disable=SC2206
  local files=($logs)
  if [ "$rc" -ne 0 ] && python3 build-aux/summarize-tests.py "${files[@]}" >/dev/null 2>&1; then
    gate_failed "$name" "$rc"
    files+=("$GATE_DIR/$name-script.json")
  fi
  SUMMARY_ARGS+=(--label "$name" "${files[@]}")
}

as_root () {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# meson names a log after its --wrapper too: sanitize-unit-env.json, valgrind-env.json.
run_gate asan-unit "$ASAN_DIR/meson-logs/sanitize-unit-env.json" \
  env BUILD_DIR="$ASAN_DIR" build-aux/run-sanitizers.sh unit
run_gate asan "$ASAN_DIR/meson-logs/sanitize-unit-env.json $ASAN_DIR/meson-logs/sanitize-ui-env.json" \
  env BUILD_DIR="$ASAN_DIR" build-aux/run-sanitizers.sh all
run_gate valgrind "$LOG_DIR/valgrind-env.json" \
  env BUILD_DIR="$BUILD_DIR" build-aux/run-valgrind.sh
run_gate fuzz "$GATE_DIR/fuzz.json" \
  env BUILD_DIR="$FUZZ_DIR" FUZZ_RESULTS="$GATE_DIR/fuzz.json" FUZZ_RUNS="$FUZZ_RUNS" \
  build-aux/run-fuzzers.sh "$FUZZ_SECONDS"
run_gate gnome48 "$GATE_DIR/gnome48-*.json" \
  as_root env CI="${CI:-}" build-aux/gnome48-chroot.sh --results "$GATE_DIR"

echo
echo "==> results per gate"
for i in "${!SUMMARY_ARGS[@]}"; do
  [ "${SUMMARY_ARGS[$i]}" = --label ] || continue
  label=${SUMMARY_ARGS[$((i + 1))]}
  files=()
  for (( j = i + 2; j < ${#SUMMARY_ARGS[@]}; j++ )); do
    [ "${SUMMARY_ARGS[$j]}" = --label ] && break
    files+=("${SUMMARY_ARGS[$j]}")
  done
  printf '%-10s %s\n' "$label" "$(python3 build-aux/summarize-tests.py "${files[@]}" 2>&1 | tail -n 1)"
done
echo "==> time per gate"
printf '%s\n' "${TIMINGS[@]}"
printf '%-10s %5ss\n' total $(( $(date +%s) - start ))
echo

python3 build-aux/summarize-tests.py "${SUMMARY_ARGS[@]}"
