#!/usr/bin/env bash
# Make sure a container registry answers on 127.0.0.1:$IMGOPT_REGISTRY_PORT (default 5959): Debian's
# `docker-registry` (the CNCF distribution registry 2.8), started without systemd.
#
# - Data under /var/lib/imgopt-registry, configuration /etc/imgopt/registry.yml, log
#   $IMGOPT_REGISTRY_LOG (/var/log/imgopt-registry.log), pid file /run/imgopt-registry.pid: the
#   pid file marks the registry this script started; nothing else is ever restarted or reconfigured.
# - A registry that already answers on the port (ours or not) is used as it is.
# - Plain HTTP on loopback: the engine treats 127.0.0.0/8 as an insecure registry by default, so no
#   `insecure-registries` entry is needed (scripts/setup-engine.sh adds it as docker.io's mirror).
#
# Usage: scripts/setup-registry.sh [--url]   (--url: print the registry's URL and do nothing else)
# Idempotent: a second run while the registry is up changes nothing and takes well under a second.
set -euo pipefail

PORT=${IMGOPT_REGISTRY_PORT:-5959}
ADDR=127.0.0.1:$PORT
URL=http://$ADDR
DATA=${IMGOPT_REGISTRY_DATA:-/var/lib/imgopt-registry}
CONF=${IMGOPT_REGISTRY_CONF:-/etc/imgopt/registry.yml}
LOG=${IMGOPT_REGISTRY_LOG:-/var/log/imgopt-registry.log}
PIDFILE=${IMGOPT_REGISTRY_PIDFILE:-/run/imgopt-registry.pid}
WAIT_S=${IMGOPT_REGISTRY_WAIT:-30}
say() { echo "setup-registry: $*" >&2; }
die() { echo "setup-registry: error: $*" >&2; exit 1; }

[ "${1:-}" = "--url" ] && { echo "$URL"; exit 0; }

# The registry's API root answers 200 with this header (distribution spec, "API version check").
# python3, not curl: a fresh Debian machine has the one (bootstrap needs it) but not always the other.
answers() {
  python3 - "$URL/v2/" <<'PY' 2>/dev/null
import sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=2) as resp:
    sys.exit(resp.headers.get("Docker-Distribution-Api-Version") != "registry/2.0")
PY
}
# Whether anything at all accepts connections on the port.
listening() {
  python3 -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 2)' "$PORT" 2>/dev/null
}
ours() { [ -r "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null; }

if answers; then
  ours || say "a registry we did not start answers at $URL; using it as it is"
  exit 0
fi
if ours; then
  # Started a moment ago and not answering yet: wait for it rather than starting a second one.
  :
else
  [ "$(id -u)" = 0 ] || die "no registry answers at $URL and starting one needs root (or set IMGOPT_REGISTRY_PORT to a registry's port)."
  if ! command -v docker-registry >/dev/null; then
    command -v apt-get >/dev/null || die "no registry answers at $URL and this is not a Debian machine: run a registry there (e.g. distribution's registry:2) or set IMGOPT_REGISTRY_PORT."
    say "installing Debian's docker-registry"
    log=/tmp/imgopt-registry-apt.log
    export DEBIAN_FRONTEND=noninteractive
    # The package's postinst tries to start its systemd service; where there is none that fails
    # harmlessly (policy-rc.d / no runlevel) and the service's own :5000 registry never runs.
    if ! apt-get install -y -q --no-install-recommends docker-registry >"$log" 2>&1; then
      { apt-get update -q && apt-get install -y -q --no-install-recommends docker-registry; } >>"$log" 2>&1 \
        || { echo "setup-registry: error: installing docker-registry failed; last lines of $log:" >&2; tail -n 20 "$log" >&2; exit 1; }
    fi
  fi
  if listening; then
    die "something that is not a registry listens on $ADDR; set IMGOPT_REGISTRY_PORT to a free port."
  fi
  mkdir -p "$DATA" "$(dirname "$CONF")" "$(dirname "$LOG")" "$(dirname "$PIDFILE")"
  cat > "$CONF" <<CONF
# Written by imgopt's scripts/setup-registry.sh: a plain-HTTP registry on loopback only.
version: 0.1
log:
  level: info
  accesslog:
    disabled: false
storage:
  filesystem:
    rootdirectory: $DATA
  delete:
    enabled: true
  cache:
    blobdescriptor: inmemory
http:
  addr: $ADDR
  headers:
    X-Content-Type-Options: [nosniff]
CONF
  say "starting docker-registry on $ADDR (data: $DATA, log: $LOG)"
  rm -f "$PIDFILE"
  # A session of its own, like the engine's: a Ctrl-C of the caller must not stop the registry.
  setsid sh -c 'echo $$ >"$0"; exec docker-registry serve "$1"' "$PIDFILE" "$CONF" \
    >>"$LOG" 2>&1 </dev/null &
  disown || true
fi

for _ in $(seq 1 "$((WAIT_S * 4))"); do
  if answers; then
    say "registry ready at $URL"
    exit 0
  fi
  [ -r "$PIDFILE" ] && { ours || break; }  # written by the registry's shell a moment after start
  sleep 0.25
done
echo "setup-registry: error: the registry did not answer at $URL within ${WAIT_S}s; last lines of $LOG:" >&2
tail -n 20 "$LOG" >&2 || true
exit 1
