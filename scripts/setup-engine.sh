#!/usr/bin/env bash
# Make sure a Docker engine with BuildKit (buildx) answers, installing and starting one if needed.
#
# - An engine that already answers (at $DOCKER_HOST or the default socket) is used as it is:
#   never restarted, and never reconfigured except for the registry mirror below, and only when
#   this script started it.
# - Otherwise, on Debian as root: install docker.io 26.x and docker-buildx from Debian 13 "trixie",
#   pinned so that nothing else comes from trixie (Debian 12's engine 20.10 cannot parse heredocs),
#   start dockerd in the background with its log in $IMGOPT_DOCKERD_LOG, and wait for it.
# - Anywhere else: one sentence saying what is needed, exit 1.
#
# - Registry mirror: the engine pulls docker.io names through the local registry of
#   scripts/setup-registry.sh ($IMGOPT_REGISTRY_MIRROR, default http://127.0.0.1:5959; empty: none),
#   set as `registry-mirrors` in $IMGOPT_DAEMON_JSON (/etc/docker/daemon.json, other keys kept).
#   A fresh engine gets it before its first start. An engine this script started earlier without it
#   (marked by $IMGOPT_DOCKERD_PIDFILE, or by writing its output to $IMGOPT_DOCKERD_LOG) reloads
#   daemon.json on SIGHUP (`registry-mirrors` is one of dockerd's reloadable options): no restart.
#   An engine started by anything else is never reconfigured: a warning says what to add.
#
# Idempotent: a second run while the engine is up changes nothing and takes well under a second.
set -euo pipefail

LOG=${IMGOPT_DOCKERD_LOG:-/var/log/imgopt-dockerd.log}
WAIT_S=${IMGOPT_DOCKERD_WAIT:-60}
DAEMON_JSON=${IMGOPT_DAEMON_JSON:-/etc/docker/daemon.json}
ENGINE_PIDFILE=${IMGOPT_DOCKERD_PIDFILE:-/run/imgopt-dockerd.pid}
MIRROR=${IMGOPT_REGISTRY_MIRROR-http://127.0.0.1:${IMGOPT_REGISTRY_PORT:-5959}}
say() { echo "setup-engine: $*" >&2; }
die() { echo "setup-engine: error: $*" >&2; exit 1; }

engine_up() { docker info >/dev/null 2>&1; }
buildx_ok() { docker buildx version >/dev/null 2>&1; }

# Add Debian 13 "trixie" to apt's sources at priority 100: only what is asked for by name
# (pkg/trixie) comes from there. $1 names what is being installed, for the error messages.
add_trixie() {
  local src=/etc/apt/sources.list.d/debian.sources uris
  [ -r "$src" ] || die "cannot read $src to find this machine's Debian mirror; install $1 by hand."
  # The first URIs line of the bookworm entry names the mirror this machine uses.
  uris=$(awk '/^URIs:/ {print $2; exit}' "$src")
  [ -n "$uris" ] || die "no URIs line in $src; install $1 by hand."
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
}

# Compose v2 (`docker compose`) resolves a service's Compose project and starts its dependencies
# during verification. Debian 12 has only the old Python docker-compose 1.29; trixie's
# docker-compose 2.x is the Go plugin and pulls nothing else from trixie (apt-get -s showed it alone).
compose_ok() { docker compose version 2>/dev/null | grep -q 'version v\?2\.'; }
ensure_compose() {
  compose_ok && return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null || [ ! -r /etc/debian_version ]; then
    say "warning: Docker Compose v2 (docker compose) is missing; imgopt needs it to start a service's dependencies"
    return 0
  fi
  say "installing docker-compose 2.x from Debian 13 (trixie), pinned; nothing else comes from trixie"
  add_trixie "Docker Compose v2"
  apt-get install -y -qq --no-install-recommends docker-compose/trixie >/dev/null
  compose_ok || die "docker compose v2 is still missing after installing docker-compose from trixie."
}

# Whether the engine that answers lists $MIRROR among its registry mirrors.
mirror_active() {
  [ -z "$MIRROR" ] && return 0
  docker info --format '{{range .RegistryConfig.Mirrors}}{{println .}}{{end}}' 2>/dev/null \
    | grep -qxF -e "$MIRROR" -e "$MIRROR/"
}

# Add $MIRROR to registry-mirrors in $DAEMON_JSON, keeping every other key; prints "changed" when
# it wrote the file.
write_mirror() {
  mkdir -p "$(dirname "$DAEMON_JSON")"
  python3 - "$DAEMON_JSON" "$MIRROR" <<'PY'
import json, os, sys
path, mirror = sys.argv[1], sys.argv[2]
try:
    with open(path, encoding="utf-8") as fh:
        conf = json.load(fh)
except FileNotFoundError:
    conf = {}
except ValueError as err:
    sys.exit(f"setup-engine: error: {path} is not valid JSON ({err}); fix it by hand.")
mirrors = conf.setdefault("registry-mirrors", [])
if mirror.rstrip("/") not in (m.rstrip("/") for m in mirrors):
    mirrors.append(mirror)
    tmp = path + ".imgopt-tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(conf, fh, indent=2)
        fh.write("\n")
    os.replace(tmp, path)
    print("changed")
PY
}

# The pid of the running dockerd if this script started it, else nothing.
our_dockerd() {
  local pid
  pid=$(pgrep -xo dockerd) || return 0
  if [ "$(cat "$ENGINE_PIDFILE" 2>/dev/null)" = "$pid" ] \
     || [ "$(readlink "/proc/$pid/fd/2" 2>/dev/null)" = "$LOG" ]; then
    echo "$pid"
  fi
}

ensure_mirror() {
  mirror_active && return 0
  local pid
  pid=$(our_dockerd)
  if [ -z "$pid" ]; then
    say "warning: the running engine was not started by imgopt, so its registry mirrors are left alone; to pull docker.io names through the local registry add \"registry-mirrors\": [\"$MIRROR\"] to its daemon.json"
    return 0
  fi
  [ -w "$(dirname "$DAEMON_JSON")" ] || [ -w "$DAEMON_JSON" ] || { say "warning: cannot write $DAEMON_JSON; registry mirror not set"; return 0; }
  write_mirror >/dev/null
  say "engine started by imgopt: reloading $DAEMON_JSON (SIGHUP to dockerd $pid) for registry mirror $MIRROR"
  kill -HUP "$pid"
  for _ in $(seq 1 40); do
    mirror_active && return 0
    sleep 0.25
  done
  say "warning: dockerd did not take registry mirror $MIRROR after SIGHUP; see $LOG"
}

if engine_up; then
  ensure_compose
  buildx_ok || say "warning: the running engine has no buildx plugin; imgopt falls back to the classic builder"
  ensure_mirror
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
  say "installing docker.io and docker-buildx from Debian 13 (trixie), pinned; nothing else comes from trixie"
  add_trixie "docker.io 26+ and docker-buildx"
  apt-get install -y -qq --no-install-recommends docker.io/trixie docker-buildx/trixie docker-cli/trixie \
    iptables >/dev/null
}

v=$(dockerd_version || true)
if [ -z "$v" ] || [ "$v" -lt 26 ]; then
  install_engine
fi
v=$(dockerd_version || true)
[ -n "$v" ] && [ "$v" -ge 26 ] || die "dockerd 26+ is still missing after the install; see apt's output above."
ensure_compose

# A dockerd that is running but not answering yet (e.g. started a moment ago) is waited for, not doubled.
if ! pgrep -x dockerd >/dev/null; then
  mkdir -p "$(dirname "$LOG")"
  [ -n "$MIRROR" ] && [ -n "$(write_mirror)" ] && say "registry mirror $MIRROR written to $DAEMON_JSON"
  say "starting dockerd (log: $LOG)"
  # A session of its own: a Ctrl-C (or a signal to the process group) of whatever ran this script
  # must not stop the engine. The shell writes its pid, then becomes dockerd.
  rm -f "$ENGINE_PIDFILE"
  setsid sh -c 'echo $$ >"$0"; exec dockerd' "$ENGINE_PIDFILE" >>"$LOG" 2>&1 </dev/null &
  disown || true
  sleep 0.5  # until the shell has become dockerd, which the wait below looks for
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
