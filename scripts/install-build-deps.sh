#!/usr/bin/env bash
# Install what building the ledger's compiled scan (src/sanxiang/ledger/_native.c, see setup.py)
# needs from Debian's packages, only if missing: a C compiler and the SQLite and OpenSSL headers.
# The same libraries Python's own sqlite3 and hashlib modules load at run time.
# Idempotent and quiet: prints nothing when everything is already there.
set -euo pipefail

missing=()
command -v cc >/dev/null || missing+=(gcc libc6-dev)
[ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
[ -f /usr/include/openssl/evp.h ] || missing+=(libssl-dev)
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=()
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null; then
    SUDO=(sudo)
  else
    echo "install-build-deps.sh: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "== installing ${missing[*]} (Debian packages)"
export DEBIAN_FRONTEND=noninteractive
APT=("${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 -y -qq)
LOG=$(mktemp /tmp/sanxiang-apt.XXXXXX)
trap 'rm -f "$LOG"' EXIT
if ! { "${APT[@]}" update && "${APT[@]}" install --no-install-recommends "${missing[@]}"; } \
  >"$LOG" 2>&1; then
  cat "$LOG" >&2
  exit 1
fi
