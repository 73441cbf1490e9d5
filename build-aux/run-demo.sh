#!/bin/bash
# Installs what is missing, builds, and launches Contact Detail on its
# built-in demo backend. Extra arguments go to the app (e.g. a contact id: 501).
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD_DIR="${BUILD_DIR:-_build}"

build-aux/install-deps.sh
if [ ! -f "$BUILD_DIR/build.ninja" ]; then
  meson setup "$BUILD_DIR" -Dprofile=default
fi
ninja -C "$BUILD_DIR"

export GSETTINGS_SCHEMA_DIR="$PWD/$BUILD_DIR/data"
exec "$BUILD_DIR/src/ui/contact-detail" --demo "$@"
