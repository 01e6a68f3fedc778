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

"$(dirname "$0")/apt-install.sh" "${missing[@]}"

# Debian's launcher script prints a harmless shell warning on some machines; only the exit matters.
"$CHROMIUM" --version >/dev/null 2>&1 || { echo "install-browser.sh: $CHROMIUM does not start" >&2; exit 1; }
[ -f "$CJK_FONT" ] || { echo "install-browser.sh: $CJK_FONT still missing" >&2; exit 1; }
