#!/bin/bash
# Installs the Debian 12 packages needed to build, run and test Contact Detail.
# Does nothing when they are all present, so it is cheap to call every time.
set -euo pipefail

PACKAGES=(
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsqlite3-dev libsecret-1-dev
  desktop-file-utils appstream python3
  xvfb xauth dbus dbus-x11 imagemagick
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good
  adwaita-icon-theme fonts-cantarell fonts-dejavu-core
  gnome-keyring libsecret-tools locales gsettings-desktop-schemas
  flatpak-builder
  # Quality gates (build-aux/run-tests.sh): sanitizers and libFuzzer (clang and its
  # runtime libraries), memcheck, and the GNOME 48 chroot.
  clang libclang-rt-14-dev valgrind debootstrap curl
)

# The locale-formatting tests (money, numbers, dates) run under these.
LOCALES=(de_DE en_US)

missing_locales() {
  for loc in "${LOCALES[@]}"; do
    if ! locale -a 2>/dev/null | grep -qix "$loc.utf-\?8"; then
      echo "$loc"
    fi
  done
}

generate_locales() {
  local SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
  fi
  for loc in $(missing_locales); do
    echo "Generating locale $loc.UTF-8"
    $SUDO localedef -i "$loc" -f UTF-8 "$loc.UTF-8" || exit 1
  done
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  generate_locales
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

echo "Installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
generate_locales
