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
  gnome-keyring libsecret-tools
  flatpak-builder
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi

echo "Installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
