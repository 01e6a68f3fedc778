#!/usr/bin/env bash
# Print the path of a Python >= 3.12 (Django 6.1 needs it). The machines ship Python 3.11 as
# `python3` and keep newer interpreters under pyenv; use the first one that works.
set -u
for candidate in python3.13 python3.12 \
    "$HOME"/.pyenv/versions/3.13*/bin/python3.13 "$HOME"/.pyenv/versions/3.12*/bin/python3.12 \
    /root/.pyenv/versions/3.13*/bin/python3.13 /root/.pyenv/versions/3.12*/bin/python3.12 \
    /usr/local/bin/python3.12 /usr/bin/python3.12 /usr/bin/python3.13 python3; do
  path=$(command -v "$candidate" 2>/dev/null) || continue
  if "$path" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
    echo "$path"
    exit 0
  fi
done
echo "sanxiang: no Python >= 3.12 found (Django 6.1 requires it); install python3.12" >&2
exit 1
