#!/usr/bin/env bash
# All set-up imgopt needs on a fresh machine, idempotent and fast when nothing is missing:
#   1. a virtual environment in .venv with imgopt and its dev tools (reinstalled when pyproject changes),
#   2. a Docker engine with buildx (scripts/setup-engine.sh),
#   3. the offline stand-in base images (standins/build.py; each rebuilt only when its recipe changed).
# Usage: scripts/bootstrap.sh [--no-engine]
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
say() { echo "bootstrap: $*" >&2; }

command -v "$PY" >/dev/null || { echo "bootstrap: error: Python 3.11+ is needed (python3 not found)." >&2; exit 1; }
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "bootstrap: error: Python 3.11 or newer is needed; found $("$PY" --version 2>&1)." >&2; exit 1; }

if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.imgopt-installed
want=$(sha256sum pyproject.toml | cut -c1-16)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "installing imgopt and its dev tools into .venv"
  log=.venv/pip-install.log
  if ! { .venv/bin/python -m pip install --upgrade pip \
         && .venv/bin/python -m pip install -e '.[dev]'; } >"$log" 2>&1; then
    echo "bootstrap: error: pip install failed; last lines of $log:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  echo "$want" > "$stamp"
fi

[ "${1:-}" = "--no-engine" ] && exit 0

bash scripts/setup-engine.sh
.venv/bin/python standins/build.py
