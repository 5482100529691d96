#!/usr/bin/env bash
# The README's main command (`make demo` runs scripts/bootstrap.sh, then this): imgopt analyze on
# the tutorial's Flask app. It lints the Dockerfile, proposes smaller variants, builds each one
# cold and warm, measures and verifies it against the app's smoke check, and prints the
# recommendation; the report, the proposed Dockerfiles and analysis.json go to out/demo/
# (outside the app, so nothing is written into sample_apps/). Extra arguments are passed on
# (e.g. `bash scripts/demo.sh --format json`).
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/imgopt analyze sample_apps/flask-tutorial --out out/demo "$@"
