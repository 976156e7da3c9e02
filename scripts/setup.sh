#!/usr/bin/env bash
# Sets up a fresh Debian machine for building, testing and running ConsCent Console:
# the system packages keytar and the tests need, then the locked npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

# libsecret-1-dev: keytar builds from source against it (its prebuilt download is
#   unreachable offline). gnome-keyring + dbus: a real Secret Service for the keychain
#   tests. chromium: the end-to-end tests drive Debian's Chromium through playwright-core.
#   tinyproxy: a real forward proxy (CONNECT, 407) for the corporate-network tests (issue 13).
#   python3, make, g++: node-gyp, for keytar.
APT_PACKAGES=(libsecret-1-dev gnome-keyring dbus dbus-daemon chromium tinyproxy python3 make g++)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "setup: installing npm packages (npm ci)"
npm ci --no-audit --no-fund
echo "setup: done"
