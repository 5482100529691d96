#!/usr/bin/env bash
# A split part resumed with one more variant, as imgopt/analyze/many.py runs it: a first analyze of
# flask-tutorial with hygiene, then the same --out resumed with slim-base added. Prints each run's
# bench phases (run.json, cumulative over the resume): check_variant growing in the resumed run
# shows the library check ran for the added variant (against libraries.json); verify shows what
# the resumed run still spends rebuilding and profiling the original. Raw output:
# benchmarks/results/libcheck_resume-2026-12-05.txt. Run from the repository root:
#   bash benchmarks/libcheck_resume.sh [WORKDIR]
set -u
cd "$(dirname "$0")/.."
W=${1:-$(mktemp -d)}; mkdir -p "$W"; O=$W/out
echo "== first part: original + hygiene ($(date -u +%T), load $(cut -d' ' -f1-3 /proc/loadavg))"
/usr/bin/time -f "wall %e s" .venv/bin/imgopt analyze sample_apps/flask-tutorial --variants hygiene --out $O --format json > $W/first.json 2> $W/first.err
echo "exit $?"; tail -1 $W/first.err
ls $O | grep -E "libraries|evidence"
.venv/bin/python -c "import json;m=json.load(open('$O/run.json'));print('phases', {k:round(v,1) for k,v in (m.get('phases') or {}).items()})"
echo "== resumed part: one more variant, slim-base ($(date -u +%T), load $(cut -d' ' -f1-3 /proc/loadavg))"
/usr/bin/time -f "wall %e s" .venv/bin/imgopt analyze sample_apps/flask-tutorial --variants hygiene,slim-base --out $O --resume --format json > $W/second.json 2> $W/second.err
echo "exit $?"; tail -1 $W/second.err
.venv/bin/python -c "import json;m=json.load(open('$O/run.json'));print('phases', {k:round(v,1) for k,v in (m.get('phases') or {}).items()})"
grep -E "slim-base|original" $W/second.err | head -20
echo "== end $(date -u +%T), load $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$O"
