#!/usr/bin/env bash
# Install what the browser tests need from Debian's packages, only if missing: Chromium (driven by
# Python Playwright through executable_path, never `playwright install`, which downloads a browser
# and fails on these machines) and the Noto CJK fonts, so that screenshots show Chinese.
# Idempotent and quiet: prints nothing when everything is already there.
set -euo pipefail

CHROMIUM=/usr/bin/chromium
CJK_FONT=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

missing=()
[ -x "$CHROMIUM" ] || missing+=(chromium)
[ -f "$CJK_FONT" ] || missing+=(fonts-noto-cjk)
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=()
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null; then
    SUDO=(sudo)
  else
    echo "install-browser.sh: need root (or sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi

echo "== installing ${missing[*]} (Debian packages)"
export DEBIAN_FRONTEND=noninteractive
# Other jobs (e.g. scripts/with-postgres.sh) may hold the dpkg lock: wait for it instead of failing.
APT=("${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=600 -y -qq)
LOG=$(mktemp /tmp/sanxiang-apt.XXXXXX)
trap 'rm -f "$LOG"' EXIT
# apt's chatter (debconf notices) goes to a log that is shown only when something fails.
if ! { "${APT[@]}" update && "${APT[@]}" install --no-install-recommends "${missing[@]}"; } \
  >"$LOG" 2>&1; then
  cat "$LOG" >&2
  exit 1
fi

# Debian's launcher script prints a harmless shell warning on some machines; only the exit matters.
"$CHROMIUM" --version >/dev/null 2>&1 || { echo "install-browser.sh: $CHROMIUM does not start" >&2; exit 1; }
[ -f "$CJK_FONT" ] || { echo "install-browser.sh: $CJK_FONT still missing" >&2; exit 1; }
