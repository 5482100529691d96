# Every target installs what it needs first (scripts/bootstrap.sh is idempotent and quick when
# everything is present), so `make demo` and `make test` work on a fresh Debian machine.
.PHONY: dev engine standins demo test lint bench report publish-real clean

VENV := .venv/bin

dev:            ## virtual environment with imgopt and its dev tools
	bash scripts/bootstrap.sh --no-engine

engine standins: ## Docker engine + buildx, and the offline stand-in base images
	bash scripts/bootstrap.sh

demo:           ## the main job on the tutorial's Flask app
	bash scripts/bootstrap.sh
	bash scripts/demo.sh

lint: dev       ## ruff (lint + format check), mypy, and the import contracts (pyproject.toml)
	$(VENV)/ruff check .
	$(VENV)/ruff format --check .
	$(VENV)/mypy
	$(VENV)/lint-imports --no-cache

test:           ## everything CI runs: set-up, lint, then the whole test suite on the real engine
	bash scripts/bootstrap.sh
	$(MAKE) --no-print-directory lint
	$(VENV)/pytest

bench:          ## benchmark scripts (timings live here, never in tests)
	bash scripts/bootstrap.sh
	$(VENV)/python benchmarks/run_all.py

report:         ## re-render reports/ (per-app reports, index, README table) from the committed run tables
	bash scripts/bootstrap.sh --no-engine
	$(VENV)/python benchmarks/publish_report.py --render-only

publish-real:   ## the published benchmark on real apps (benchmarks/real/ -> reports/real/); slow, resumable
	bash scripts/bootstrap.sh
	-$(VENV)/python standins/build.py --group real-deps --group real-bases  # aliases.toml's stand-ins; one that fails is reported per app
	$(VENV)/python benchmarks/publish_real.py --frozen  # from a worktree of HEAD: one commit measures every app

clean:          ## remove images, containers, networks and volumes imgopt runs left behind (by label)
	-docker ps -aq --filter label=imgopt.run | xargs -r docker rm -f -v
	-docker images -q --filter label=imgopt.run | xargs -r docker rmi -f
	-docker network ls -q --filter label=imgopt.run | xargs -r docker network rm
	-docker volume ls -q --filter label=imgopt.run | xargs -r docker volume rm -f
