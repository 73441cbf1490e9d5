#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Call-logs benchmark for the 20,000-session demo contact, against a minimal
# libadwaita window measured in the same run.  Prints figures; asserts nothing.
#
#   tests/bench/run-bench.sh [BUILD_DIR]      (default: _build; RUNS=5 by default)
#
# Figures (each the median over RUNS processes, run interleaved):
#   baseline            main() → first frame of an AdwApplicationWindow (header bar + label)
#   card-first-page     main() → the embedded call-logs card's first page painted
#   page-first-rows     main() → the full Call logs page's first rows painted
#   page-scroll-to-end  main() → the list scrolled to the end, last row loaded and painted
# Peak RSS is getrusage(ru_maxrss) of that process; the demo backend runs in the
# same process (its share, measured before the UI starts, is listed separately).
set -euo pipefail

src_dir=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${1:-$src_dir/_build}
runs=${RUNS:-5}

if [ ! -f "$build_dir/build.ninja" ]; then
  meson setup "$build_dir" "$src_dir"
fi
ninja -C "$build_dir" tests/bench/bench-baseline tests/bench/bench-call-logs >/dev/null

export GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$build_dir/data" LC_ALL=C.UTF-8
unset DBUS_SESSION_BUS_ADDRESS || true

results=$(mktemp)
trap 'rm -f "$results"' EXIT

for i in $(seq 1 "$runs"); do
  xvfb-run -a "$build_dir/tests/bench/bench-baseline" >>"$results"
  xvfb-run -a "$build_dir/tests/bench/bench-call-logs" card >>"$results"
  xvfb-run -a "$build_dir/tests/bench/bench-call-logs" scroll >>"$results"
  echo "run $i/$runs done" >&2
done
echo >&2

echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)," \
     "$(awk '/^MemTotal/ { printf "%.1f GiB RAM", $2 / 1048576 }' /proc/meminfo)"
echo "Software: GTK $(pkg-config --modversion gtk4), libadwaita $(pkg-config --modversion libadwaita-1)," \
     "Xvfb, GSK_RENDERER=cairo; $runs runs each, medians"
echo

# median FIGURE FIELD
median () {
  grep "^RESULT figure=$1 " "$results" | tr ' ' '\n' | sed -n "s/^$2=//p" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

base_ms=$(median baseline ms)
base_rss=$(median baseline peak_rss_kib)

printf '%-20s | %9s | %13s | %12s | %14s | %11s\n' \
  "figure" "median ms" "ratio to base" "peak RSS MiB" "RSS - base MiB" "backend MiB"
printf '%-20s-+-%9s-+-%13s-+-%12s-+-%14s-+-%11s\n' \
  "--------------------" "---------" "-------------" "------------" "--------------" "-----------"
for figure in baseline card-first-page page-first-rows page-scroll-to-end; do
  ms=$(median "$figure" ms)
  rss=$(median "$figure" peak_rss_kib)
  pre=$(median "$figure" pre_ui_rss_kib)
  awk -v f="$figure" -v ms="$ms" -v bms="$base_ms" -v rss="$rss" -v brss="$base_rss" -v pre="$pre" 'BEGIN {
    printf "%-20s | %9.1f | %13.2f | %12.1f | %+14.1f | %11s\n", f, ms, ms / bms, rss / 1024,
           (rss - brss) / 1024, (pre > 0 ? sprintf ("%.1f", pre / 1024) : "-")
  }'
done
echo
echo "Scroll only (first rows painted -> last row painted), median: $(median page-scroll-to-end scroll_only_ms) ms;" \
     "sessions held in memory at the end: $(median page-scroll-to-end loaded_at_end) of $(median page-scroll-to-end rows)."
echo "backend MiB: peak RSS before the UI starts (in-process demo server and its seeded database);" \
     "it is part of every call-logs figure's RSS but not of the baseline's."
