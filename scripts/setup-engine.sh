#!/usr/bin/env bash
# Make sure a Docker engine with BuildKit (buildx) answers, installing and starting one if needed.
#
# - An engine that already answers (at $DOCKER_HOST or the default socket) is used as it is:
#   never restarted, never reconfigured.
# - Otherwise, on Debian as root: install docker.io 26.x and docker-buildx from Debian 13 "trixie",
#   pinned so that nothing else comes from trixie (Debian 12's engine 20.10 cannot parse heredocs),
#   start dockerd in the background with its log in $IMGOPT_DOCKERD_LOG, and wait for it.
# - Anywhere else: one sentence saying what is needed, exit 1.
#
# Idempotent: a second run while the engine is up changes nothing and takes well under a second.
set -euo pipefail

LOG=${IMGOPT_DOCKERD_LOG:-/var/log/imgopt-dockerd.log}
WAIT_S=${IMGOPT_DOCKERD_WAIT:-60}
say() { echo "setup-engine: $*" >&2; }
die() { echo "setup-engine: error: $*" >&2; exit 1; }

engine_up() { docker info >/dev/null 2>&1; }
buildx_ok() { docker buildx version >/dev/null 2>&1; }

if engine_up; then
  buildx_ok || say "warning: the running engine has no buildx plugin; imgopt falls back to the classic builder"
  exit 0
fi

if [ -n "${DOCKER_HOST:-}" ]; then
  die "DOCKER_HOST=$DOCKER_HOST is set but no engine answers there; start that engine or unset DOCKER_HOST."
fi
[ "$(id -u)" = 0 ] || die "no Docker engine answers and installing one needs root: start a Docker engine (26 or newer, with buildx) or rerun as root."
[ -r /etc/debian_version ] && command -v apt-get >/dev/null \
  || die "no Docker engine answers and this is not a Debian machine: install and start Docker Engine 26+ with the buildx plugin."

dockerd_version() { dockerd --version 2>/dev/null | sed -n 's/^Docker version \([0-9]*\)\..*/\1/p'; }

install_engine() {
  local src=/etc/apt/sources.list.d/debian.sources uris
  [ -r "$src" ] || die "cannot read $src to find this machine's Debian mirror; install docker.io 26+ and docker-buildx by hand."
  # The first URIs line of the bookworm entry names the mirror this machine uses.
  uris=$(awk '/^URIs:/ {print $2; exit}' "$src")
  [ -n "$uris" ] || die "no URIs line in $src; install docker.io 26+ and docker-buildx by hand."
  say "installing docker.io and docker-buildx from Debian 13 (trixie), pinned; nothing else comes from trixie"
  cat > /etc/apt/sources.list.d/imgopt-trixie.sources <<SRC
Types: deb
URIs: $uris
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  cat > /etc/apt/preferences.d/imgopt-trixie <<PIN
Package: *
Pin: release n=trixie
Pin-Priority: 100
PIN
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends docker.io/trixie docker-buildx/trixie docker-cli/trixie \
    iptables >/dev/null
}

v=$(dockerd_version || true)
if [ -z "$v" ] || [ "$v" -lt 26 ]; then
  install_engine
fi
v=$(dockerd_version || true)
[ -n "$v" ] && [ "$v" -ge 26 ] || die "dockerd 26+ is still missing after the install; see apt's output above."

# A dockerd that is running but not answering yet (e.g. started a moment ago) is waited for, not doubled.
if ! pgrep -x dockerd >/dev/null; then
  mkdir -p "$(dirname "$LOG")"
  say "starting dockerd (log: $LOG)"
  nohup dockerd >>"$LOG" 2>&1 </dev/null &
  disown || true
fi

for _ in $(seq 1 "$WAIT_S"); do
  if engine_up; then
    buildx_ok || say "warning: buildx is missing; imgopt falls back to the classic builder"
    say "engine ready: $(docker version --format 'server {{.Server.Version}}' 2>/dev/null)"
    exit 0
  fi
  pgrep -x dockerd >/dev/null || break
  sleep 1
done
echo "setup-engine: error: the Docker engine did not answer within ${WAIT_S}s; last lines of $LOG:" >&2
tail -n 20 "$LOG" >&2 || true
exit 1
