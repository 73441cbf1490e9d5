#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Benchmarks against a minimal libadwaita window built in the same tree and
# measured in the same run.  Prints a table; asserts nothing.
#
#   tests/bench/run-bench.sh [BUILD_DIR]   (default: _build, set up as the project's
#                                           default buildtype, debugoptimized; RUNS=5)
#
# Everything runs under one Xvfb (GSK_RENDERER=cairo), without a session bus.
# Each figure is the median over RUNS processes, run interleaved with the baseline.
#
#   baseline            bench-baseline: process start → first frame of an
#                       AdwApplicationWindow (header bar + label)
#   start-server-N      contact-detail --server URL --exit-after-paint N, empty cache,
#                       demo backend (contact-detail-server) on loopback: process
#                       start → header, tiles and first call-log page painted
#   start-warm-N        the same again: contact from the cache, server up
#   start-cache-N       the same with the cache of those runs, server stopped
#   start-offline-508   508 kept offline (bench-keep-offline), server stopped
#   switch              bench-page: the app switching between cached 501 and 508,
#                       open → painted (median of 20 switches per process)
#   card-first-page-*   bench-call-logs: 508's call-logs card, load → first page painted
#                       (-server: empty cache; -cache: cache of one earlier load, server
#                       stopped; -kept: 508 kept offline, server stopped)
#   card-search-server  the card's search, search-changed → results painted
#   page-first-rows-server  the full Call logs page of 508: created → first rows painted
#   page-scroll-to-end  then scrolled to the end: first rows → last row loaded and painted
#   transfer-*          bench-page: requests and body bytes to open 501/508 cold, then again
#
# "Process start" is the monotonic clock read by a constructor, just before main().
# Peak RSS: the process's maximum resident set size (/usr/bin/time, or getrusage
# when the figure is printed); the in-process figures (switch, card-*, page-*)
# include their own demo backend.
set -euo pipefail

src_dir=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${1:-$src_dir/_build}
build_dir=$(mkdir -p "$build_dir" && cd "$build_dir" && pwd)
runs=${RUNS:-5}

if [ -z "${CD_BENCH_INNER:-}" ]; then
  if [ ! -f "$build_dir/build.ninja" ]; then
    meson setup "$build_dir" "$src_dir"
  fi
  ninja -C "$build_dir" src/ui/contact-detail src/demo/contact-detail-server data/gschemas.compiled \
    tests/bench/bench-baseline tests/bench/bench-call-logs tests/bench/bench-page >/dev/null
  if ninja -C "$build_dir" -t targets all 2>/dev/null | grep -q '^tests/bench/bench-keep-offline:'; then
    ninja -C "$build_dir" tests/bench/bench-keep-offline >/dev/null ||
      echo "warning: bench-keep-offline did not build; its figures are left out" >&2
  fi
  export CD_BENCH_INNER=1
  # -noreset: the X server must not reset whenever the last measured process exits.
  exec xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" "$0" "$build_dir"
fi

# No session bus (and no autolaunched one): GApplication then runs unregistered, and
# neither the baseline nor the app starts portals.
export DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/cd-bench-bus
export GSK_RENDERER=cairo GDK_DEBUG=gl-disable GTK_A11Y=none NO_AT_BRIDGE=1
export GSETTINGS_BACKEND=memory GSETTINGS_SCHEMA_DIR="$build_dir/data" LC_ALL=C.UTF-8
# The demo accepts any key; the variable keeps the keyring out of the figures.
export CONTACT_DETAIL_API_KEY=bench

app=$build_dir/src/ui/contact-detail
bench=$build_dir/tests/bench
tmp=$(mktemp -d)
results=$tmp/results
server_pid=
cleanup () {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "${CD_BENCH_KEEP:-}" ]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# record FIGURE CMD...: runs CMD, appends "FIGURE ms=… peak_rss_kib=… EXTRA" from
# its last stdout line (a number, or bench-common.h's RESULT line).
record () {
  local figure=$1 out line
  shift
  if ! out=$(/usr/bin/time -f '%M' -o "$tmp/rss" "$@" 2>"$tmp/stderr"); then
    # Kept for the table: a figure that could not be measured is shown as such.
    echo "$figure failed: $(grep -v '^Command exited' "$tmp/stderr" | tail -n1)" | tee -a "$tmp/failures" >&2
    return 0
  fi
  while IFS= read -r line; do
    case $line in
      RESULT\ *)
        # The program's own figure and RSS at that point (getrusage, as time(1) reads it).
        echo "$line" | cut -d' ' -f2- | sed 's/^figure=//' >>"$results" ;;
      [0-9]*)
        echo "$figure ms=$line peak_rss_kib=$(tail -n1 "$tmp/rss")" >>"$results" ;;
    esac
  done <<<"$out"
}

start_server () {
  local port=${1:-0}
  "$build_dir/src/demo/contact-detail-server" --port "$port" --db "$tmp/server.sqlite" >"$tmp/server.out" &
  server_pid=$!
  for _ in $(seq 1 600); do
    if [ -s "$tmp/server.out" ]; then break; fi
    sleep 0.2
  done
  url=$(head -n1 "$tmp/server.out")
  [ -n "$url" ] || { echo "the demo backend did not start" >&2; exit 1; }
}

stop_server () {
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null || true
  server_pid=
}

# Phase 1: server up.  Empty caches, warmed for phase 2.
start_server
for i in $(seq 1 "$runs"); do
  record baseline "$bench/bench-baseline"
  for id in 501 508; do
    record "start-server-$id" "$app" --server "$url" --data-dir "$tmp/app-$id-$i" --exit-after-paint "$id"
    record "start-warm-$id" "$app" --server "$url" --data-dir "$tmp/app-$id-$i" --exit-after-paint "$id"
  done
  record switch "$bench/bench-page" switch
  record card "$bench/bench-call-logs" card
  record cache "$bench/bench-call-logs" cache
  record scroll "$bench/bench-call-logs" scroll
  echo "run $i/$runs (server up) done" >&2
done
record transfer "$bench/bench-page" transfer

# Keep 508 offline into its own data dir (for start-offline-508 below); the
# server's counters (SIGUSR1 prints and resets them) give its traffic.
keep_offline=$bench/bench-keep-offline
if [ -x "$keep_offline" ]; then
  kill -USR1 "$server_pid"
  if "$keep_offline" --server "$url" --data-dir "$tmp/offline" >"$tmp/keep-offline.out"; then
    kill -USR1 "$server_pid"
    sleep 0.5
    grep '^COUNTERS' "$tmp/server.out" | tail -n1 | sed 's/^COUNTERS/server counters:/' >>"$tmp/keep-offline.out"
  else
    echo "warning: bench-keep-offline failed" >&2
    rm -rf "$tmp/offline"
  fi
fi

# Phase 2: server stopped.  Caches from phase 1.
stop_server
for i in $(seq 1 "$runs"); do
  record baseline "$bench/bench-baseline"
  for id in 501 508; do
    record "start-cache-$id" "$app" --server "$url" --data-dir "$tmp/app-$id-$i" --exit-after-paint "$id"
  done
  if [ -d "$tmp/offline" ]; then
    record start-offline-508 "$app" --server "$url" --data-dir "$tmp/offline" --exit-after-paint 508
    record kept "$bench/bench-call-logs" cache "$tmp/offline" "$url"
  fi
  echo "run $i/$runs (server stopped) done" >&2
done
echo >&2

# median FIGURE FIELD
median () {
  { grep "^$1 " "$results" || true; } | tr ' ' '\n' | sed -n "s/^$2=//p" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)," \
     "$(awk '/^MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Software: GTK $(pkg-config --modversion gtk4), libadwaita $(pkg-config --modversion libadwaita-1)," \
     "Xvfb, GSK_RENDERER=cairo, build type $(meson introspect --buildoptions "$build_dir" 2>/dev/null |
       python3 -c 'import json,sys; print(next(o["value"] for o in json.load(sys.stdin) if o["name"]=="buildtype"))' 2>/dev/null || echo '?');" \
     "$runs runs each, medians"
echo

base_ms=$(median baseline ms)
base_rss=$(median baseline peak_rss_kib)

# row FIGURE TARGET_KIND TARGET_VALUE
#   ratio: ms / baseline ≤ value;  ms: ms ≤ value;  rss: RSS − baseline ≤ value MiB
row () {
  local figure=$1 kind=${2:-} value=${3:-}
  local ms rss
  ms=$(median "$figure" ms)
  rss=$(median "$figure" peak_rss_kib)
  if [ "$ms" = nan ]; then
    for f in $(grep -o "^[a-z0-9-]* failed" "$tmp/failures" 2>/dev/null | cut -d' ' -f1 | sort -u); do
      # "card" and "cache" runs are named after the figure they print.
      case $figure in "$f"|card-first-page-"$f") ;; *) continue ;; esac
      printf '%-24s | not measured: %s\n' "$figure" \
        "$(grep "^$f failed" "$tmp/failures" | tail -n1 | cut -d' ' -f3-)"
    done
    return 0
  fi
  awk -v f="$figure" -v ms="$ms" -v bms="$base_ms" -v rss="$rss" -v brss="$base_rss" \
      -v kind="$kind" -v value="$value" 'BEGIN {
    start = (f == "baseline" || f ~ /^start-/)
    ratio = start ? sprintf ("%.2f", ms / bms) : "-"
    target = "-"; status = "-"
    if (kind == "ratio") { target = sprintf ("<= %.1f x base", value); status = (ms / bms <= value) ? "met" : "MISSED" }
    if (kind == "ms") { target = sprintf ("<= %d ms", value); status = (ms <= value) ? "met" : "MISSED" }
    if (kind == "rss") { target = sprintf ("RSS <= base + %d MiB", value); status = ((rss - brss) / 1024 <= value) ? "met" : "MISSED" }
    printf "%-24s | %9.1f | %5s | %8.1f | %+8.1f | %-20s | %s\n", f, ms, ratio, rss / 1024,
           (rss - brss) / 1024, target, status
  }'
}

printf '%-24s | %9s | %5s | %8s | %8s | %-20s | %s\n' \
  "figure" "median ms" "ratio" "RSS MiB" "RSS-base" "target" "status"
printf '%s\n' "-------------------------+-----------+-------+----------+----------+----------------------+-------"
row baseline
row start-cache-501 ratio 1.3
row start-cache-508 ratio 1.3
row start-warm-501 ratio 1.3
row start-warm-508 ratio 1.3
row start-offline-508 ratio 1.3
row start-server-501
row start-server-508
row start-warm-508 rss 40
row start-cache-508 rss 40
row start-offline-508 rss 40
row switch ms 16
row card-first-page-cache ms 50
row card-first-page-kept ms 50
row card-first-page-server
row card-search-server
row page-first-rows-server
row page-scroll-to-end
echo
echo "Switch: $(median switch switches) switches per process, alternating; to 501 $(median switch to_501_ms) ms, to 508 $(median switch to_508_ms) ms (medians)."
echo "Scroll to the end: $(median page-scroll-to-end rows) rows, $(median page-scroll-to-end loaded_at_end) held in memory at the end."
echo "Search \"voicemail\": $(median card-search-server total) matches; timed from search-changed (the entry's 300 ms typing delay is not included)."
echo
echo "Requests and response body bytes (demo backend counters), app settled and quiet for 0.5 s:"
printf '%-10s | %7s | %4s | %10s | %4s | %-20s | %s\n' "open" "contact" "reqs" "body bytes" "304s" "target" "requests seen"
{ grep '^transfer-' "$results" || true; } | while read -r figure rest; do
  contact=$(echo "$rest" | tr ' ' '\n' | sed -n 's/^contact=//p')
  reqs=$(echo "$rest" | tr ' ' '\n' | sed -n 's/^requests=//p')
  nm=$(echo "$rest" | tr ' ' '\n' | sed -n 's/^not_modified=//p')
  bytes=$(echo "$rest" | tr ' ' '\n' | sed -n 's/^body_bytes=//p')
  status=-
  if [ "$figure" = transfer-revalidate ]; then
    if [ "$bytes" = 0 ]; then status="0 body bytes: met"; else status="0 body bytes: MISSED"; fi
  fi
  seen=$(echo "$rest" | tr ' ' '\n' | sed -n 's/^seen=//p' | sed 's/GET_//g; s/_->_/ /g; s/,/, /g')
  printf '%-10s | %7s | %4s | %10s | %4s | %-20s | %s\n' "${figure#transfer-}" "$contact" "$reqs" "$bytes" "$nm" "$status" "$seen"
done
if [ -s "$tmp/keep-offline.out" ]; then
  echo
  echo "Keep offline (bench-keep-offline):"
  cat "$tmp/keep-offline.out"
fi
