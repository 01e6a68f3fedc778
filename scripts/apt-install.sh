#!/usr/bin/env bash
# Install Debian packages by name, as root or through sudo: scripts/apt-install.sh PKG…
# Shared by the scripts that install what `make` needs only when it is missing
# (install-browser.sh, install-build-deps.sh). apt's chatter (debconf notices) goes to a log that
# is shown only when something fails.
set -euo pipefail
[ $# -gt 0 ] || exit 0

SUDO=()
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null; then
    SUDO=(sudo)
  else
    echo "apt-install.sh: need root (or sudo) to install: $*" >&2
    exit 1
  fi
fi

echo "== installing $* (Debian packages)"
export DEBIAN_FRONTEND=noninteractive
# Other jobs (e.g. scripts/with-postgres.sh) may hold the dpkg lock: wait for it instead of failing.
APT=("${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 -y -qq)
LOG=$(mktemp /tmp/sanxiang-apt.XXXXXX)
trap 'rm -f "$LOG"' EXIT
if ! { "${APT[@]}" update && "${APT[@]}" install --no-install-recommends "$@"; } >"$LOG" 2>&1; then
  cat "$LOG" >&2
  exit 1
fi
