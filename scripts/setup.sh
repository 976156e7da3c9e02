#!/usr/bin/env bash
# Sets up a fresh Debian machine for building, testing and running ConsCent Console:
# the system packages keytar and the tests need, then the locked npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

# Which Node this is, said once (scripts/node-requirement.mjs): nothing on Node 22.12+,
# one line on Node 20.19+ (tests and builds of the bundles work, launching and packaging
# need 22.12+), and a stop below that.
NODE_NOTE="$(node scripts/node-requirement.mjs)" || {
  echo "$NODE_NOTE"
  exit 1
}
[ -z "$NODE_NOTE" ] || echo "$NODE_NOTE"

# libsecret-1-dev: keytar builds from source against it (its prebuilt download is
#   unreachable offline). gnome-keyring + dbus: a real Secret Service for the keychain
#   tests. chromium: the end-to-end tests drive Debian's Chromium through playwright-core.
#   tinyproxy: a real forward proxy (CONNECT, 407) for the corporate-network tests (issue 13).
#   rsyslog, rsyslog-gnutls: a real syslog collector (TCP and TLS) for the audit forwarding tests (issue 20).
#   python3, make, g++: node-gyp, for keytar.
APT_PACKAGES=(libsecret-1-dev gnome-keyring dbus dbus-daemon chromium tinyproxy rsyslog rsyslog-gnutls python3 make g++)

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
if [ -n "$NODE_NOTE" ]; then
  # npm repeats the line above as multi-line EBADENGINE warnings, one per package asking
  # for Node 22.12+ (Electron, its installer's packages, this one); the rest is kept.
  npm ci --no-audit --no-fund 2> >(grep -v 'EBADENGINE' >&2)
else
  npm ci --no-audit --no-fund
fi
echo "setup: done"
