#!/usr/bin/env bash
# All set-up imgopt needs on a fresh machine, idempotent and fast when nothing is missing:
#   1. a virtual environment in .venv with imgopt and its dev tools (reinstalled when pyproject changes),
#   2. a local registry (scripts/setup-registry.sh) and a Docker engine with buildx that uses it as
#      docker.io's mirror (scripts/setup-engine.sh),
#   3. the offline stand-in base images (standins/build.py; each rebuilt only when its recipe changed),
#      pushed to that registry under their official names,
#   4. Debian's chromium when missing (the HTML report is screenshotted in a test).
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

# Debian packages the tests need, each installed only when its command is absent (a no-op
# otherwise): apt_install COMMAND PACKAGE WHY
apt_install() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing $2 ($3)"
    log=/tmp/imgopt-bootstrap-$2.log
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$2" >"$log" 2>&1; then
      # Package lists may be missing or stale on a fresh machine: refresh once and retry.
      { apt-get update -q && DEBIAN_FRONTEND=noninteractive \
          apt-get install -y -q --no-install-recommends "$2"; } >>"$log" 2>&1 \
        || { echo "bootstrap: error: installing $2 failed; last lines of $log:" >&2; tail -n 20 "$log" >&2; exit 1; }
    fi
  else
    say "$2 is missing and cannot be installed here (needs root and apt-get); $3 will skip (and fail in CI)"
  fi
}
# Headless Chromium: the test that opens the HTML report and screenshots it needs it.
apt_install chromium chromium "the HTML report test"
# strace: verification records the files the original opens from a gated, traced start.
apt_install strace strace "the runtime file closure of verification"
# ip and iptables: the two-engine test gives its second engine a bridge and NAT of its own
# (scripts/setup-engine2.sh).
apt_install ip iproute2 "the two-engine test (tests/multiengine)"
apt_install iptables iptables "the two-engine test (tests/multiengine)"
# ssh and sshd: an ssh:// engine's builds go through the docker CLI, which runs `ssh`; the ssh://
# engine test (tests/multiengine/test_ssh_engine.py) starts a private sshd of its own on 127.0.0.1.
# The package's system-wide service must not start: without a policy of the machine's own, a
# policy-rc.d that refuses every start (101) is in place while it installs.
apt_install ssh openssh-client "ssh:// engines and their test (tests/multiengine)"
if ! command -v sshd >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  apt_install sshd openssh-server "the ssh:// engine test (tests/multiengine)"
  rm -f /usr/sbin/policy-rc.d && trap - EXIT
fi
apt_install sshd openssh-server "the ssh:// engine test (tests/multiengine)"

bash scripts/setup-registry.sh
bash scripts/setup-engine.sh
# --push: the docker.io-named stand-ins also go to the local registry, the engine's docker.io
# mirror, so `docker pull python:3.11-slim` works here as it does against Docker Hub.
.venv/bin/python standins/build.py --push "$(bash scripts/setup-registry.sh --url | sed 's,^http://,,')"
