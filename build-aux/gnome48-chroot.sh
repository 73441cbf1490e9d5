#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Build and test Contact Detail against the library versions of the Flatpak
# GNOME 48 runtime (GTK 4.18, libadwaita 1.7, libsoup 3.6) without Flatpak:
# a Debian 13 (trixie) chroot ships the same versions.
#
# Usage (as root, non-interactive, CI-safe):
#   build-aux/gnome48-chroot.sh [--build-only] [--keep-going] [--no-werror]
#                               [--setup-only] [--source DIR] [--env VAR=VALUE]
#                               [--results DIR] [--tests "NAME..."]
#
#   --build-only  configure and build, skip the test suites
#   --keep-going  ninja -k 0: report every failing file, not just the first
#   --no-werror   configure without --werror (to list all warnings at once)
#   --setup-only  only create/update the chroot
#   --source DIR  tree to build (default: the repository holding this script)
#   --env VAR=VAL extra environment for every command in the chroot (repeatable;
#                 e.g. --env GTK_A11Y=none to try a test-environment change)
#   --results DIR copy the meson test logs out of the chroot to
#                 DIR/gnome48-testlog{,-ui}.json (a failed setup or build writes
#                 DIR/gnome48-build.json with one failed entry instead), for
#                 build-aux/run-tests.sh to count
#   --tests NAMES only these meson tests (space-separated, any suite), run
#                 once under Xvfb and D-Bus, e.g. --tests "ui-desktop net-api-client"
#
# Environment:
#   CHROOT_DIR  chroot location (default /var/cache/contact-detail/trixie-chroot)
#   MIRROR      Debian mirror (default http://deb.debian.org/debian)
#   SUITE       Debian suite (default trixie)
#
# The chroot is created once (debootstrap + packages: about 1 minute on a fast mirror) and reused; its
# packages are reinstalled only when the list below changes (stamp file).
# The build directory lives inside the chroot (/build) and is recreated on
# every run; the source is copied to /src (without _build*/ and .git).

set -euo pipefail

CHROOT_DIR=${CHROOT_DIR:-/var/cache/contact-detail/trixie-chroot}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SUITE=${SUITE:-trixie}
PACKAGES="meson ninja-build pkg-config gcc gettext libglib2.0-dev \
libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev \
libjson-glib-dev libsqlite3-dev libsecret-1-dev desktop-file-utils appstream \
python3 xvfb xauth dbus dbus-x11 gstreamer1.0-plugins-base \
gstreamer1.0-plugins-good adwaita-icon-theme fonts-cantarell iso-codes \
fonts-dejavu-core gnome-keyring libsecret-tools libgtk-4-bin locales"
STAMP="$CHROOT_DIR/.contact-detail-packages"

BUILD_ONLY=0
SETUP_ONLY=0
KEEP_GOING=0
WERROR=1
EXTRA_ENV=()
RESULTS_DIR=""
TEST_NAMES=""
SRC_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

while [ $# -gt 0 ]; do
  case "$1" in
    --build-only) BUILD_ONLY=1 ;;
    --setup-only) SETUP_ONLY=1 ;;
    --keep-going) KEEP_GOING=1 ;;
    --no-werror) WERROR=0 ;;
    --source) SRC_DIR=$(cd "$2" && pwd); shift ;;
    --env) EXTRA_ENV+=("$2"); shift ;;
    --results) mkdir -p "$2"; RESULTS_DIR=$(cd "$2" && pwd); shift ;;
    --tests) TEST_NAMES=$2; shift ;;
    -h|--help) sed -n '3,35p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "gnome48-chroot: unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

if [ "$(id -u)" -ne 0 ]; then
  echo "gnome48-chroot: must run as root (debootstrap, chroot, mount)" >&2
  exit 2
fi

export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8

SCRIPT_START=$(date +%s)
PHASE_NAME=""
PHASE_START=0
PHASE_FAILED=
TIMINGS=()

phase_begin () {
  PHASE_NAME=$1
  PHASE_START=$(date +%s)
  echo
  echo "==> [gnome48] $PHASE_NAME"
}

# Records the phase duration and its outcome for the final summary.
phase_end () {
  local status=$1 secs
  secs=$(( $(date +%s) - PHASE_START ))
  TIMINGS+=("$(printf '%-28s %5ss  %s' "$PHASE_NAME" "$secs" "$status")")
  echo "==> [gnome48] $PHASE_NAME: $status (${secs}s)"
}

print_summary () {
  write_results
  echo
  echo "==> [gnome48] timing summary"
  local line
  for line in "${TIMINGS[@]}"; do
    echo "    $line"
  done
  echo "    $(printf '%-28s %5ss' total $(( $(date +%s) - SCRIPT_START )))"
}

# For --results: the test logs of this run, or one failed entry naming the
# phase that stopped it (so a broken build can never look green).
write_results () {
  local log
  [ -n "$RESULTS_DIR" ] || return 0
  rm -f "$RESULTS_DIR"/gnome48-*.json
  if [ "$PHASE_FAILED" != "" ]; then
    printf '{"name": "gnome48 / %s", "result": "FAIL", "stdout": ""}\n' \
      "$PHASE_FAILED" > "$RESULTS_DIR/gnome48-build.json"
    return 0
  fi
  for log in testlog testlog-ui; do
    if [ -f "$CHROOT_DIR/build/meson-logs/$log.json" ]; then
      cp "$CHROOT_DIR/build/meson-logs/$log.json" "$RESULTS_DIR/gnome48-$log.json"
    fi
  done
}

# Mounts are tracked so that the trap unmounts exactly what we mounted,
# in reverse order, even when a phase fails half-way.
MOUNTED=()

mount_one () {
  local target="$CHROOT_DIR$2"
  mkdir -p "$target"
  if mountpoint -q "$target"; then
    return 0
  fi
  shift 2
  mount "$@" "$target"
  MOUNTED+=("$target")
  # On hosts with shared mount propagation (systemd), a mount made under the
  # bind of /dev (e.g. /dev/shm) would otherwise show up on the host too.
  if [ "$1" = "--bind" ]; then
    mount --make-private "$target" 2>/dev/null || true
  fi
}

mount_chroot () {
  mount_one proc /proc -t proc proc
  mount_one sys /sys -t sysfs sysfs
  mount_one dev /dev --bind /dev
  mount_one pts /dev/pts --bind /dev/pts
  mount_one shm /dev/shm -t tmpfs -o mode=1777 shm
}

umount_chroot () {
  local i
  for (( i=${#MOUNTED[@]}-1; i>=0; i-- )); do
    # Xvfb may still be exiting and keep /dev busy for a moment.
    umount "${MOUNTED[$i]}" 2>/dev/null \
      || { sleep 1; umount "${MOUNTED[$i]}" 2>/dev/null; } \
      || umount -l "${MOUNTED[$i]}" || true
  done
  MOUNTED=()
}

LOCK_FD=""
cleanup () {
  umount_chroot
}
trap cleanup EXIT
trap 'exit 130' INT TERM

in_chroot () {
  chroot "$CHROOT_DIR" /usr/bin/env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LC_ALL=C.UTF-8 LANG=C.UTF-8 TERM=dumb \
    DEBIAN_FRONTEND=noninteractive CI="${CI:-}" \
    ${EXTRA_ENV[@]+"${EXTRA_ENV[@]}"} "$@"
}

# Only one run at a time may use a given chroot (mounts, /src, /build).
acquire_lock () {
  mkdir -p "$(dirname "$CHROOT_DIR")"
  exec {LOCK_FD}>"$CHROOT_DIR.lock"
  if ! flock -w 1800 "$LOCK_FD"; then
    echo "gnome48-chroot: timed out waiting for $CHROOT_DIR.lock" >&2
    exit 1
  fi
}

create_chroot () {
  if [ -x "$CHROOT_DIR/usr/bin/apt-get" ] && [ -f "$CHROOT_DIR/.debootstrap-done" ]; then
    echo "reusing $CHROOT_DIR"
    return 0
  fi
  if ! command -v debootstrap >/dev/null; then
    apt-get update -q
    apt-get install -y -q debootstrap
  fi
  # A half-finished debootstrap cannot be resumed reliably: start over.
  if [ -d "$CHROOT_DIR" ]; then
    echo "removing incomplete chroot $CHROOT_DIR"
    umount_stale
    rm -rf --one-file-system "$CHROOT_DIR"
  fi
  local script=""
  [ -e "/usr/share/debootstrap/scripts/$SUITE" ] || script=/usr/share/debootstrap/scripts/sid
  debootstrap --variant=minbase "$SUITE" "$CHROOT_DIR" "$MIRROR" $script
  touch "$CHROOT_DIR/.debootstrap-done"
}

# Mounts left over by a killed run (the trap could not run) would make
# rm -rf descend into the host's /dev and /sys.
umount_stale () {
  local m
  for m in /dev/shm /dev/pts /dev /sys /proc; do
    if mountpoint -q "$CHROOT_DIR$m" 2>/dev/null; then
      umount "$CHROOT_DIR$m" 2>/dev/null || umount -l "$CHROOT_DIR$m" || true
    fi
  done
}

install_packages () {
  local want
  want=$(echo "$PACKAGES" | tr -s ' ' '\n' | sort -u | tr '\n' ' ')
  if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
    echo "packages up to date (stamp $STAMP)"
    return 0
  fi
  cp -L /etc/resolv.conf "$CHROOT_DIR/etc/resolv.conf" 2>/dev/null || true
  # Never start services (dbus) from maintainer scripts inside the chroot.
  printf '#!/bin/sh\nexit 101\n' > "$CHROOT_DIR/usr/sbin/policy-rc.d"
  chmod 755 "$CHROOT_DIR/usr/sbin/policy-rc.d"
  echo "deb $MIRROR $SUITE main" > "$CHROOT_DIR/etc/apt/sources.list"
  in_chroot apt-get update -q
  # shellcheck disable=SC2086
  in_chroot apt-get install -y -q --no-install-recommends $want
  in_chroot apt-get clean
  echo "$want" > "$STAMP"
}

# The i18n tests run under de_DE.UTF-8 (numbers, dates, and gettext, which
# ignores LANGUAGE=de under the C locale); minbase has no locales at all.
generate_locales () {
  if in_chroot locale -a 2>/dev/null | grep -qix 'de_DE.utf8'; then
    echo "locale de_DE.UTF-8 present"
    return 0
  fi
  sed -i 's/^# *\(de_DE.UTF-8 UTF-8\)/\1/' "$CHROOT_DIR/etc/locale.gen"
  grep -q '^de_DE.UTF-8 UTF-8' "$CHROOT_DIR/etc/locale.gen" \
    || echo 'de_DE.UTF-8 UTF-8' >> "$CHROOT_DIR/etc/locale.gen"
  in_chroot locale-gen
}

copy_source () {
  rm -rf "$CHROOT_DIR/src" "$CHROOT_DIR/build"
  mkdir -p "$CHROOT_DIR/src"
  # tar instead of rsync: available on every host without installing.
  tar -C "$SRC_DIR" --exclude='./_build*' --exclude='./.git' \
      --exclude='./builddir' -cf - . | tar -C "$CHROOT_DIR/src" -xf -
}

print_versions () {
  local mod
  for mod in gtk4 libadwaita-1 libsoup-3.0 glib-2.0 json-glib-1.0 sqlite3 libsecret-1; do
    printf '  %-14s %s\n' "$mod" "$(in_chroot pkg-config --modversion "$mod" 2>/dev/null || echo missing)"
  done
  printf '  %-14s %s\n' meson "$(in_chroot meson --version)"
  printf '  %-14s %s\n' gcc "$(in_chroot gcc -dumpfullversion)"
}

# Runs one phase; returns its status without aborting the script.
run_phase () {
  local name=$1 rc=0
  shift
  phase_begin "$name"
  "$@" || rc=$?
  if [ "$rc" -eq 0 ]; then phase_end ok; else phase_end "FAILED (exit $rc)"; fi
  # Test phases leave their own logs; any other failed phase is the result.
  case "$name" in
    *tests) ;;
    *) [ "$rc" -eq 0 ] || PHASE_FAILED="$name failed (exit $rc)" ;;
  esac
  return "$rc"
}

main () {
  local failed=0 werror_arg="" ninja_args=""
  [ "$WERROR" -eq 1 ] && werror_arg=--werror
  [ "$KEEP_GOING" -eq 1 ] && ninja_args="-k 0"

  acquire_lock
  umount_stale
  run_phase "create chroot ($SUITE)" create_chroot || { print_summary; exit 1; }
  mount_chroot
  run_phase "install packages" install_packages || { print_summary; exit 1; }
  run_phase "generate locales" generate_locales || { print_summary; exit 1; }
  echo "chroot size: $(du -sh --one-file-system "$CHROOT_DIR" 2>/dev/null | cut -f1)"
  [ "$SETUP_ONLY" -eq 1 ] && { print_summary; exit 0; }

  phase_begin "versions"
  print_versions
  phase_end ok

  run_phase "copy source" copy_source || { print_summary; exit 1; }
  if ! run_phase "meson setup" in_chroot meson setup /build /src $werror_arg; then
    print_summary
    exit 1
  fi
  # shellcheck disable=SC2086
  if ! run_phase "ninja" in_chroot ninja -C /build $ninja_args; then
    print_summary
    exit 1
  fi

  if [ "$BUILD_ONLY" -eq 0 ] && [ -n "$TEST_NAMES" ]; then
    # shellcheck disable=SC2086
    run_phase "selected tests" in_chroot xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" \
      dbus-run-session -- \
      meson test -C /build --print-errorlogs --num-processes 1 $TEST_NAMES || failed=1
  elif [ "$BUILD_ONLY" -eq 0 ]; then
    run_phase "unit tests" in_chroot meson test -C /build --suite unit \
      --print-errorlogs --num-processes 2 || failed=1
    # Same screen and D-Bus setup as build-aux/run-tests.sh (CI).
    run_phase "ui tests" in_chroot xvfb-run -a -s "-screen 0 1600x1000x24 -noreset" \
      dbus-run-session -- \
      meson test -C /build --suite ui --print-errorlogs --num-processes 1 \
      --logbase testlog-ui || failed=1
  fi

  print_summary
  if [ "$failed" -ne 0 ]; then
    echo "gnome48-chroot: FAILED (test logs in $CHROOT_DIR/build/meson-logs)"
    exit 1
  fi
  echo "gnome48-chroot: OK"
}

main
