#!/usr/bin/env bash
# Can a container on a Docker network reach a TCP port the host listens on (0.0.0.0)?
# Tried for an `internal` network, and for an internal network whose bridge has no host address
# (com.docker.network.bridge.inhibit_ipv4), which is what imgopt's isolated_network() creates.
# Usage: bash benchmarks/probe_internal_network.sh > benchmarks/results/probe_internal_network-DATE.txt
set -euo pipefail
IMAGE=${IMAGE:-debian:bookworm-slim}
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("",0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 0.0.0.0 >/dev/null 2>&1 &
SERVER=$!
LABEL="imgopt.probe=$$"
cleanup() { kill "$SERVER" 2>/dev/null || true; docker network rm probe-int-$$ probe-inh-$$ >/dev/null 2>&1 || true; }
trap cleanup EXIT
sleep 1
echo "docker $(docker version -f '{{.Server.Version}}'), host listener on 0.0.0.0:$PORT"
docker network create --internal --label "$LABEL" probe-int-$$ >/dev/null
docker network create --internal -o com.docker.network.bridge.inhibit_ipv4=true --label "$LABEL" probe-inh-$$ >/dev/null
for net in probe-int-$$ probe-inh-$$; do
  gw=$(docker network inspect "$net" -f '{{(index .IPAM.Config 0).Gateway}}')
  opts=$(docker network inspect "$net" -f '{{json .Options}}')
  echo "network $net options=$opts gateway=$gw"
  docker run --rm --network "$net" --label "$LABEL" "$IMAGE" bash -c "
    for h in $gw 172.17.0.1 \$(getent hosts deb.debian.org | cut -d' ' -f1); do
      timeout 3 bash -c \"echo > /dev/tcp/\$h/$PORT\" 2>/dev/null && echo \"  REACHED \$h:$PORT\" || echo \"  blocked \$h:$PORT\"
    done"
done
