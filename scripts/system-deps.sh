#!/usr/bin/env bash
# Installs the Debian packages the test command needs, and nothing else. It is the only place the project installs
# system software: no test does (a test that installs behaves differently on the second run than on the first, and
# `apt-get install chromium` from a test once upgraded 130 packages of the machine, systemd included).
#
# Run it as root before the tests: `bash scripts/system-deps.sh`. When every package is present it only says so.
# It installs with --no-install-recommends (chromium alone pulls 115 packages with its recommendations, 25 without)
# and --no-upgrade (a package already present stays at its version), and starts no service: the tests start their
# own Redis and PostgreSQL on private ports and data folders.
set -euo pipefail

# package|why the tests need it
PACKAGES=(
  "chromium|browser tests (sandbox pages, Node-RED editor, demo screenshots) drive Debian's Chromium via playwright-core"
  "fonts-liberation|the fonts Chromium draws the screenshots with (a recommendation of chromium, installed on purpose)"
  "redis-server|n8n queue mode (e2e/n8n queue-mode tests): Redis carries the jobs from main and webhook to the workers"
  "postgresql|n8n queue mode: PostgreSQL is the database n8n supports for main, webhook and workers together"
  "g++|node-gyp compiles isolated-vm (n8n 1.123, Node 22) and sqlite3 from source: prebuilt binaries are on GitHub"
  "make|the same native builds (node-gyp drives make)"
  "python3|the same native builds (node-gyp runs on Python)"
)

fail() {
  echo "system-deps: $*" >&2
  exit 1
}

installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = "installed" ]
}

if [ ! -r /etc/debian_version ] || ! command -v apt-get >/dev/null || ! command -v dpkg-query >/dev/null; then
  fail "this script installs Debian packages with apt-get, and this machine is not Debian (no /etc/debian_version or apt-get).
Install these by your system's own means, then run the tests:
$(printf '  %s\n' "${PACKAGES[@]}" | sed 's/|/ — /')"
fi

missing=()
for entry in "${PACKAGES[@]}"; do
  name=${entry%%|*}
  installed "$name" || missing+=("$entry")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "system-deps: all present ($(printf '%s ' "${PACKAGES[@]%%|*}" | sed 's/ $//'))"
  exit 0
fi

echo "system-deps: installing ${#missing[@]} Debian package(s) the tests need:"
printf '  %s\n' "${missing[@]}" | sed 's/|/ — /'

if [ "$(id -u)" -ne 0 ]; then
  fail "installing needs root. Run: sudo bash scripts/system-deps.sh"
fi

# Debian's packages start their service on install (redis on 6379, a PostgreSQL cluster on 5432). The tests do not
# use them, so a policy-rc.d answering 101 ("action forbidden") keeps them stopped, unless the machine has its own.
policy=/usr/sbin/policy-rc.d
own_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  own_policy=$policy
fi
trap '[ -n "$own_policy" ] && rm -f "$own_policy"' EXIT

names=("${missing[@]%%|*}")
export DEBIAN_FRONTEND=noninteractive
# Waits for another apt run (unattended upgrades, a second checkout running this script) instead of failing on its lock.
apt_options=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
apt-get "${apt_options[@]}" update -qq || fail "apt-get update failed (see above): check the network and /etc/apt/sources.list"
apt-get "${apt_options[@]}" install -y -qq --no-install-recommends --no-upgrade "${names[@]}" ||
  fail "apt-get install ${names[*]} failed (see above)"

for name in "${names[@]}"; do
  installed "$name" || fail "$name is still not installed after apt-get install"
done
echo "system-deps: installed ${names[*]}"
