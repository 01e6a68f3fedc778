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

exec "$(dirname "$0")/apt-install.sh" "${missing[@]}"
