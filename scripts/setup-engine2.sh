#!/usr/bin/env bash
# A SECOND Docker engine on this machine, for the two-engine test (tests/multiengine/):
#
#   scripts/setup-engine2.sh start    # idempotent; prints the engine's URLs on stdout: its unix
#                                     # socket, then its loopback TCP listener (when enabled)
#   scripts/setup-engine2.sh kill     # SIGKILL its dockerd: an engine dying mid-run
#   scripts/setup-engine2.sh stop     # tear down: processes, mounts, bridge, rules, data
#   scripts/setup-engine2.sh status
#
# It shares nothing with the main engine (/var/run/docker.sock), which it never restarts,
# reconfigures or stops:
# - its own socket ($SOCK), data root, exec root, pid file, log, daemon config file (never
#   /etc/docker/daemon.json), containerd (dockerd's managed one, under its exec root, in its own
#   namespaces);
# - its OWN bridge: $BRIDGE, created here with its own subnet ($SUBNET) and given to dockerd with
#   --bridge, so docker0 is never touched (a second dockerd left with the default bridge, or
#   `--bridge none`, fought over docker0 and broke the main engine in an earlier session);
#   networks it creates take their subnets from $POOL, never from the main engine's ranges;
# - no iptables rules of dockerd's: it runs with --iptables=false, so it never touches the
#   DOCKER chains that the main engine manages. RUN steps still need the network (pip, apt), so
#   this script adds the three rules they need, each tagged with the comment "$TAG": NAT for
#   $SUBNET, and FORWARD accept for what leaves $BRIDGE and what answers it. `stop` deletes
#   exactly the rules with that comment. Networks of $POOL get no forwarding: the FORWARD
#   policy (DROP) keeps them isolated.
# - a TCP listener on 127.0.0.1:$TCP_PORT only (IMGOPT_ENGINE2_TCP_PORT; empty: none), so that
#   `--engine tcp://127.0.0.1:PORT` is tested for real. It is unencrypted and unauthenticated: any
#   local process may use it (what the unix socket allows root only). dockerd 26.1 starts such a
#   listener with a deprecation notice ("in future versions this will be a hard failure"; measured:
#   it starts as fast with or without --tls=false); the script says --tls=false explicitly, which
#   is what later dockerd versions require for it. Always 127.0.0.1, never another address.
# - bases: docker.io names through the local registry (registry-mirrors, as the main engine);
#   the gcr.io stand-ins (not mirrorable) are copied from the main engine with save | load.
set -euo pipefail

SOCK=${IMGOPT_ENGINE2_SOCK:-/run/imgopt-engine2.sock}
DATA=${IMGOPT_ENGINE2_DATA:-/var/lib/imgopt-engine2}
EXEC=${IMGOPT_ENGINE2_EXEC:-/run/imgopt-engine2}
PIDFILE=${IMGOPT_ENGINE2_PIDFILE:-/run/imgopt-engine2.pid}
LOG=${IMGOPT_ENGINE2_LOG:-/var/log/imgopt-engine2.log}
CONF=${IMGOPT_ENGINE2_CONFIG:-/etc/imgopt/engine2.json}
BRIDGE=imgopt-br2
SUBNET=10.213.0.0/24
GATEWAY=10.213.0.1/24
POOL=10.214.0.0/16
TAG=imgopt-engine2
MIRROR=${IMGOPT_REGISTRY_MIRROR-http://127.0.0.1:${IMGOPT_REGISTRY_PORT:-5959}}
WAIT_S=${IMGOPT_ENGINE2_WAIT:-60}
URL=unix://$SOCK
TCP_PORT=${IMGOPT_ENGINE2_TCP_PORT-23750}
TCP_URL=${TCP_PORT:+tcp://127.0.0.1:$TCP_PORT}

say() { echo "setup-engine2: $*" >&2; }
die() { echo "setup-engine2: error: $*" >&2; exit 1; }
d2() { docker -H "$URL" "$@"; }
up() { d2 info >/dev/null 2>&1; }
pid_of() { [ -s "$PIDFILE" ] && cat "$PIDFILE" 2>/dev/null || true; }

# The three rules, as `iptables` arguments after the table and the -A/-D/-C verb.
rules() {
  echo "nat POSTROUTING -s $SUBNET ! -o $BRIDGE -m comment --comment $TAG -j MASQUERADE"
  echo "filter FORWARD -i $BRIDGE ! -o $BRIDGE -m comment --comment $TAG -j ACCEPT"
  echo "filter FORWARD -o $BRIDGE -m conntrack --ctstate RELATED,ESTABLISHED -m comment --comment $TAG -j ACCEPT"
}

add_rules() {
  local table chain rest
  while read -r table chain rest; do
    # shellcheck disable=SC2086
    iptables -t "$table" -C "$chain" $rest 2>/dev/null || iptables -t "$table" -I "$chain" 1 $rest
  done < <(rules)
}

del_rules() {
  local table chain rest
  while read -r table chain rest; do
    # shellcheck disable=SC2086
    while iptables -t "$table" -C "$chain" $rest 2>/dev/null; do
      iptables -t "$table" -D "$chain" $rest
    done
  done < <(rules)
}

make_bridge() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
  fi
  ip addr show dev "$BRIDGE" | grep -q "inet ${GATEWAY%/*}/" || ip addr add "$GATEWAY" dev "$BRIDGE"
  ip link set "$BRIDGE" up
}

write_config() {
  mkdir -p "$(dirname "$CONF")"
  local mirrors="[]"
  [ -n "$MIRROR" ] && mirrors="[\"$MIRROR\"]"
  cat > "$CONF" <<JSON
{
  "registry-mirrors": $mirrors,
  "default-address-pools": [{"base": "$POOL", "size": 24}]
}
JSON
}

# The stand-ins no registry mirror can serve (gcr.io/...), copied from the main engine.
copy_unmirrored() {
  local refs
  refs=$(docker images --filter label=org.imgopt.standin=true --format '{{.Repository}}:{{.Tag}}' \
    | grep -v '^<none>' | grep -E '^[^/]+\.[^/]+/' | grep -v '^127\.0\.0\.1' || true)
  [ -n "$refs" ] || return 0
  # shellcheck disable=SC2086
  docker save $refs | d2 load -q >/dev/null
}

start() {
  command -v dockerd >/dev/null || die "dockerd is not installed (run scripts/setup-engine.sh first)"
  command -v iptables >/dev/null || die "iptables is not installed"
  if [ -n "$TCP_PORT" ] && ! [[ "$TCP_PORT" =~ ^[0-9]{1,5}$ ]]; then
    die "IMGOPT_ENGINE2_TCP_PORT=$TCP_PORT is not a port number"
  fi
  if up; then
    urls
    return 0
  fi
  docker info >/dev/null 2>&1 || die "the main engine does not answer (run scripts/setup-engine.sh)"
  make_bridge
  add_rules
  write_config
  mkdir -p "$DATA" "$EXEC"
  rm -f "$SOCK"
  say "starting a second dockerd on $URL (bridge $BRIDGE $SUBNET, data $DATA, log $LOG)"
  # setsid: a Ctrl-C to the caller's process group does not stop it (as scripts/setup-engine.sh).
  local tcp=()
  [ -n "$TCP_URL" ] && tcp=(--host "$TCP_URL" --tls=false)
  setsid dockerd \
    --host "$URL" \
    "${tcp[@]}" \
    --data-root "$DATA" \
    --exec-root "$EXEC" \
    --pidfile "$PIDFILE" \
    --config-file "$CONF" \
    --bridge "$BRIDGE" \
    --iptables=false \
    --containerd-namespace "$TAG" \
    --containerd-plugins-namespace "$TAG-plugins" \
    >>"$LOG" 2>&1 </dev/null &
  local waited=0
  until up; do
    sleep 1
    waited=$((waited + 1))
    if [ "$waited" -ge "$WAIT_S" ]; then
      tail -n 20 "$LOG" >&2 || true
      die "the second dockerd did not answer within ${WAIT_S}s (log: $LOG)"
    fi
  done
  if [ -n "$TCP_URL" ] && ! docker -H "$TCP_URL" info >/dev/null 2>&1; then
    die "the second dockerd does not answer on $TCP_URL (log: $LOG)"
  fi
  copy_unmirrored
  say "up after ${waited}s"
  urls
}

urls() {
  echo "$URL"
  if [ -n "$TCP_URL" ]; then echo "$TCP_URL"; fi
}

# Every process of this engine: its dockerd, and any process whose command line names its exec
# root or its containerd namespace (containerd, shims). Matched by id, never by a broad name.
engine_pids() {
  local pid cmd
  pid=$(pid_of)
  [ -n "$pid" ] && [ -d "/proc/$pid" ] && echo "$pid"
  for proc in /proc/[0-9]*; do
    cmd=$(tr '\0' ' ' 2>/dev/null <"$proc/cmdline" || true)
    case "$cmd" in
      *"$EXEC/"* | *"--exec-root $EXEC "* | *"-namespace $TAG "* | *"--host $URL "*) echo "${proc#/proc/}" ;;
    esac
  done | sort -u
}

kill_engine() {
  local pid
  pid=$(pid_of)
  [ -n "$pid" ] || die "no pid file $PIDFILE: the second engine is not running"
  kill -9 "$pid"
  say "killed dockerd $pid"
}

stop() {
  local pid pids waited=0
  pid=$(pid_of)
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" || true
    while kill -0 "$pid" 2>/dev/null && [ "$waited" -lt 20 ]; do sleep 1; waited=$((waited + 1)); done
  fi
  pids=$(engine_pids | grep -vx "$$" || true)
  if [ -n "$pids" ]; then
    # shellcheck disable=SC2086
    kill -9 $pids 2>/dev/null || true
    sleep 1
  fi
  # Mounts left by a killed engine (overlay layers, network namespaces), deepest first.
  awk -v d="$DATA" -v e="$EXEC" '$2 ~ "^"d || $2 ~ "^"e {print $2}' /proc/self/mounts \
    | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  del_rules
  if ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link del "$BRIDGE"
  fi
  rm -rf "$DATA" "$EXEC"
  rm -f "$SOCK" "$PIDFILE" "$CONF"
  say "torn down (bridge $BRIDGE, rules tagged $TAG, $DATA, $EXEC)"
}

status() {
  if up; then echo "up $URL"; else echo "down"; fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  kill) kill_engine ;;
  status) status ;;
  *) die "usage: $0 start|stop|kill|status" ;;
esac
