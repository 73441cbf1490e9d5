#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs every libFuzzer harness of tests/fuzz for SECONDS each (default 20).
#
#   build-aux/run-fuzzers.sh [SECONDS]            fuzz, print a table, fail on any finding
#   build-aux/run-fuzzers.sh --refresh-seeds      rebuild tests/fuzz/corpus/ from the demo
#                                                 backend's real responses, then stop
#
# Builds in its own directory ($BUILD_DIR, default _build-fuzz) with CC=clang and
# -Dfuzzing=true.  Each harness fuzzes a temporary copy of its seed corpus, so the
# committed seeds never change; crash/leak reproducers are kept in
# $BUILD_DIR/fuzz-artifacts/ (run a harness binary with that file to replay it).
# Harnesses run $JOBS at a time (default: number of CPUs).
# With FUZZ_RESULTS=FILE, one line per harness is also written to FILE in the
# meson testlog format (build-aux/run-tests.sh folds it into its total).
set -uo pipefail

cd "$(dirname "$0")/.."
SRC_DIR="$PWD"
BUILD_DIR="${BUILD_DIR:-_build-fuzz}"
CORPUS_DIR="$SRC_DIR/tests/fuzz/corpus"
JOBS="${JOBS:-$(nproc)}"
HARNESSES=(contact custom-field-list voice-session-list voice-session follow-up-list memory
           phone-number-list agent-list campaign user error-envelope success-envelope)

refresh=0
seconds=20
for arg in "$@"; do
  case "$arg" in
    --refresh-seeds) refresh=1 ;;
    ''|0|*[!0-9]*) echo "usage: $0 [--refresh-seeds] [SECONDS]" >&2; exit 2 ;;
    *) seconds="$arg" ;;
  esac
done

if ! grep -q "subdir('fuzz')" tests/meson.build; then
  echo "tests/meson.build does not include subdir('fuzz'); nothing to build" >&2
  exit 1
fi
for tool in clang meson ninja python3; do
  command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done

if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  CC=clang meson setup "$BUILD_DIR" -Dfuzzing=true -Dbuildtype=debugoptimized || exit 1
fi
meson configure "$BUILD_DIR" -Dfuzzing=true >/dev/null || exit 1
targets=()
[ $refresh -eq 1 ] && targets+=(src/demo/contact-detail-server)
for h in "${HARNESSES[@]}"; do targets+=("tests/fuzz/fuzz-$h"); done
ninja -C "$BUILD_DIR" "${targets[@]}" || exit 1

# --- Seeds from the demo backend -------------------------------------------------

refresh_seeds () {
  local tmp server_pid base
  command -v curl >/dev/null || { echo "curl is required (apt-get install curl)" >&2; return 1; }
  tmp="$(mktemp -d)"
  # The 429/503 seeds come from armed faults on paths no other request uses.
  "$BUILD_DIR/src/demo/contact-detail-server" --port 0 --db "$tmp/demo.sqlite" \
    --fault "status,status=429,path=/seed-429,count=1" \
    --fault "status,status=503,path=/seed-503,count=1" >"$tmp/server.out" 2>"$tmp/server.err" &
  server_pid=$!
  for _ in $(seq 100); do
    base="$(head -n 1 "$tmp/server.out" 2>/dev/null)"
    [ -n "$base" ] && break
    sleep 0.2
  done
  if [ -z "$base" ]; then
    echo "contact-detail-server did not start:" >&2
    cat "$tmp/server.err" >&2
    kill "$server_pid" 2>/dev/null
    rm -rf "$tmp"
    return 1
  fi

  # harness  seed-name  method  path  [body]   (mode per harness below)
  local requests=()
  for id in $(seq 501 512); do
    requests+=("contact contact-$id GET /contacts/$id")
  done
  requests+=(
    "custom-field-list custom-fields GET /custom_fields"
    "voice-session-list sessions-501 GET /voice_sessions?contact_id=501"
    "voice-session-list sessions-508-page GET /voice_sessions?contact_id=508&page_size=5"
    "voice-session session-1 GET /voice_sessions/1"
    "voice-session session-2 GET /voice_sessions/2"
    "follow-up-list follow-ups-512 GET /contacts/512/follow_ups"
    "follow-up-list follow-ups-501 GET /contacts/501/follow_ups"
    "memory memory-501 GET /contacts/501/memory"
    "memory memory-509 GET /contacts/509/memory"
    "memory memory-507 GET /contacts/507/memory"
    "phone-number-list phone-numbers GET /phone_numbers"
    "agent-list agents GET /agents"
    "campaign campaign-123 GET /bulk_call_campaigns/123"
    "user me GET /me"
    "success-envelope contact-501 GET /contacts/501"
    "success-envelope contacts-page GET /contacts?page=1&per_page=2"
    "success-envelope sessions-501 GET /voice_sessions?contact_id=501&page_size=2"
    "error-envelope not-found-404 GET /contacts/999999"
    "error-envelope validation-422 PATCH /contacts/501 {\"email\":\"not-an-email\"}"
    "error-envelope rate-limited-429 GET /seed-429"
    "error-envelope unavailable-503 GET /seed-503"
  )

  local status=0 line harness name method path body
  for line in "${requests[@]}"; do
    read -r harness name method path body <<<"$line"
    mkdir -p "$tmp/raw/$harness"
    # A failed validation never mutates; every other request is a GET.
    curl -s -X "$method" -D "$tmp/raw/$harness/$name.headers" -o "$tmp/raw/$harness/$name.body" \
      -H 'Content-Type: application/json' ${body:+--data "$body"} "$base$path" || status=1
  done
  kill "$server_pid" 2>/dev/null
  wait "$server_pid" 2>/dev/null
  [ $status -eq 0 ] || { echo "a seed request failed" >&2; rm -rf "$tmp"; return 1; }

  python3 - "$tmp/raw" "$CORPUS_DIR" <<'EOF' || status=1
import json, os, re, sys

raw, out = sys.argv[1], sys.argv[2]
# Hand-written regression inputs (regress-*) survive a refresh.
for harness in os.listdir(out) if os.path.isdir(out) else []:
    for entry in os.listdir(os.path.join(out, harness)):
        if not entry.startswith('regress-'):
            os.remove(os.path.join(out, harness, entry))
for harness in sorted(os.listdir(raw)):
    os.makedirs(os.path.join(out, harness), exist_ok=True)
    for entry in sorted(os.listdir(os.path.join(raw, harness))):
        if not entry.endswith('.body'):
            continue
        name = entry[:-5]
        body = open(os.path.join(raw, harness, entry), 'rb').read()
        headers = open(os.path.join(raw, harness, name + '.headers'), encoding='latin-1').read()
        status = int(re.match(r'HTTP/\S+ (\d+)', headers).group(1))
        if harness == 'error-envelope':
            assert status >= 400, (harness, name, status)
            # Envelope harness input: "Name: value" lines, then the body (see fuzz-envelope.h).
            prefix = 'Status: %d\n' % status
            for key in ('Retry-After', 'X-Request-Id'):
                m = re.search(r'^%s: *(.*?)\r?$' % key, headers, re.M | re.I)
                if m:
                    prefix += '%s: %s\n' % (key, m.group(1))
            data = prefix.encode() + body
        elif harness == 'success-envelope':
            assert status == 200, (harness, name, status)
            data = body
        else:
            assert status == 200, (harness, name, status)
            value = json.loads(body)['data']
            data = json.dumps(value, ensure_ascii=False, separators=(',', ':')).encode()
        with open(os.path.join(out, harness, name + '.json'), 'wb') as f:
            f.write(data)
        print('%-20s %-22s %6d bytes' % (harness, name, len(data)))
EOF
  rm -rf "$tmp"
  return $status
}

if [ $refresh -eq 1 ]; then
  refresh_seeds
  exit $?
fi

# --- Fuzzing --------------------------------------------------------------------

RUN_DIR="$BUILD_DIR/fuzz-run"
ARTIFACTS="$BUILD_DIR/fuzz-artifacts"
rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR" "$ARTIFACTS"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:symbolize=1"
export LSAN_OPTIONS="suppressions=$SRC_DIR/build-aux/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export G_SLICE=always-malloc G_DEBUG=gc-friendly LC_ALL=C.UTF-8 TZ=UTC

run_one () {
  local h="$1" exe="$BUILD_DIR/tests/fuzz/fuzz-$1"
  mkdir -p "$RUN_DIR/corpus-$h"
  if [ -d "$CORPUS_DIR/$h" ]; then
    cp "$CORPUS_DIR/$h"/* "$RUN_DIR/corpus-$h/" 2>/dev/null
  fi
  # FUZZ_RUNS (CI): a fixed number of inputs from a fixed seed, so a run is
  # repeatable and its verdict does not depend on the machine's speed.
  # shellcheck disable=SC2086
  "$exe" -max_total_time="$seconds" ${FUZZ_RUNS:+-runs=$FUZZ_RUNS -seed=1} \
    -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$ARTIFACTS/$h-" \
    "$RUN_DIR/corpus-$h" >"$RUN_DIR/$h.log" 2>&1
  echo $? >"$RUN_DIR/$h.rc"
}

start=$(date +%s)
running=0
for h in "${HARNESSES[@]}"; do
  if [ "$running" -ge "$JOBS" ]; then
    wait -n
    running=$((running - 1))
  fi
  run_one "$h" &
  running=$((running + 1))
done
wait

failed=0
results="${FUZZ_RESULTS:-/dev/null}"
: >"$results"
printf '%-20s %10s %8s %8s %8s  %s\n' harness execs exec/s cov ft result
for h in "${HARNESSES[@]}"; do
  log="$RUN_DIR/$h.log"
  rc="$(cat "$RUN_DIR/$h.rc" 2>/dev/null || echo 1)"
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
  speed="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
  stats="$(grep -E '^#[0-9]+' "$log" | grep 'cov:' | tail -n 1)"
  cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$stats")"
  ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$stats")"
  result=ok
  if [ "$rc" != 0 ] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:|==ERROR|deadly signal' "$log"; then
    result="FAILED (rc $rc, log $log)"
    failed=1
  fi
  printf '%-20s %10s %8s %8s %8s  %s\n' "$h" "${execs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "$result"
  printf '{"name": "fuzz / %s", "result": "%s", "stdout": ""}\n' \
    "$h" "$([ "$result" = ok ] && echo OK || echo FAIL)" >>"$results"
done
echo "$(( $(date +%s) - start )) s for ${#HARNESSES[@]} harnesses x ${seconds} s ($JOBS at a time)"

if [ $failed -ne 0 ]; then
  echo "Findings (reproducers in $ARTIFACTS):" >&2
  for h in "${HARNESSES[@]}"; do
    if [ "$(cat "$RUN_DIR/$h.rc" 2>/dev/null)" != 0 ]; then
      echo "--- $h" >&2
      grep -E -A 25 'ERROR:|runtime error:|deadly signal|ERROR\*\*|CRITICAL|WARNING' "$RUN_DIR/$h.log" | head -n 40 >&2
    fi
  done
  # GLib has no frame pointers: replay with the slow unwinder for full allocation stacks
  # (a leak may need a few runs to be seen as unreachable).
  for artifact in "$ARTIFACTS"/*; do
    [ -f "$artifact" ] || continue
    h="$(basename "$artifact" | sed -E 's/-(crash|leak|timeout|oom|slow-unit)-[0-9a-f]+$//')"
    echo "--- replay of $artifact" >&2
    ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0" \
      "$BUILD_DIR/tests/fuzz/fuzz-$h" -runs=3 "$artifact" 2>&1 | grep -E '^ +#[0-9]+ |ERROR|SUMMARY|runtime error' | head -n 40 >&2
  done
fi
exit $failed
