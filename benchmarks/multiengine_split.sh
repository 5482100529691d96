#!/usr/bin/env bash
# One target (sample_apps/go-http, 3 variants) over two engines (split into a part per engine)
# and over the main engine alone, one after the other. Run as root (it starts engine 2).
set -u
cd "$(dirname "$0")/.."
OUT=/tmp/imgopt-split-bench
rm -rf "$OUT"; mkdir -p "$OUT"
VARIANTS=hygiene,multistage-slim,distroless
echo "# $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD); load: $(cut -d' ' -f1-3 /proc/loadavg)"
E2=$(bash scripts/setup-engine2.sh start | head -1)
echo "# engine 2: $E2"
for run in two one; do
  if [ "$run" = two ]; then engines=(--engine default --engine "$E2"); else engines=(--engine default); fi
  cmd=(.venv/bin/python -m imgopt analyze sample_apps/go-http --variants "$VARIANTS" "${engines[@]}" --out "$OUT/$run")
  echo "## \$ ${cmd[*]}"
  start=$(date +%s.%N)
  "${cmd[@]}" 2>"$OUT/$run.stderr"
  rc=$?
  end=$(date +%s.%N)
  echo "## rc=$rc wall=$(echo "$end - $start" | bc) s load=$(cut -d' ' -f1-3 /proc/loadavg)"
  if [ -f "$OUT/$run/engines.json" ]; then cat "$OUT/$run/engines.json"; fi
  for f in "$OUT/$run"/*/run.json "$OUT/$run"/run.json; do
    [ -f "$f" ] || continue
    .venv/bin/python - "$f" <<'PY'
import csv, json, sys
from pathlib import Path
run = Path(sys.argv[1]).parent
meta = json.loads((run / "run.json").read_text())
print(f"### {run.name}: engine {meta['engine']['name']} id {meta['engine']['id'][:12]}; phases {meta.get('phases')}")
for row in csv.DictReader((run / "results.csv").open()):
    if row["row"] in ("variant", "build"):
        print("   ", row["row"], row["variant"], row.get("kind") or "", row.get("seconds") or "",
              row.get("size_bytes") or "", row.get("verified") or "", row["engine"])
PY
  done
done
bash scripts/setup-engine2.sh stop 2>&1 | tail -1
echo "# $(date -u +%FT%TZ) done"
