"""The Node split's app-build stage: node_modules dropped in the build's own RUN when it can be.

A ``RUN rm -rf /app/node_modules`` of its own costs every warm rebuild a container start and a
snapshot (node-build's multistage-slim rebuilt slower than the original:
benchmarks/results/bench_rebuild-2026-12-05-node.txt). Appending `` && rm -rf`` to the build's
shell command removes the same files in the same stage; where that could change the command
(exec form, a comment, a line ending in an operator) the separate RUN stays.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from imgopt.variants.planner import plan_variants

HEAD = """\
FROM node:18
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
"""
TAIL = """\
EXPOSE 8080
CMD ["node", "dist/server.js"]
"""
PACKAGE = '{"name": "x", "scripts": {"build": "tsc"}, "devDependencies": {"typescript": "5"}}'


def _app_build(tmp_path: Path, build: str) -> list[str]:
    (tmp_path / "package.json").write_text(PACKAGE)
    (tmp_path / "package-lock.json").write_text("{}")
    variants = plan_variants(HEAD + build + "\n" + TAIL, context_dir=tmp_path).variants
    v = next(v for v in variants if v.name == "multistage")
    lines = v.dockerfile.splitlines()
    start = lines.index("FROM build AS app-build")
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("FROM "))
    return [x for x in lines[start + 1 : end] if x.strip() and not x.startswith("#")]


def test_shell_form_build_drops_node_modules_in_the_same_run(tmp_path: Path) -> None:
    assert _app_build(tmp_path, "RUN npm run build") == [
        "COPY . .",
        "RUN npm run build && rm -rf /app/node_modules",
    ]


@pytest.mark.parametrize(
    "build",
    [
        'RUN ["npm", "run", "build"]',  # exec form: no shell to run `&&`
        "RUN npm run build # compile",  # `&& rm` would be part of the comment
        "RUN npm run build;",  # `; && rm` is a syntax error
    ],
)
def test_a_build_command_that_cannot_take_more_gets_a_run_of_its_own(
    tmp_path: Path, build: str
) -> None:
    assert _app_build(tmp_path, build) == ["COPY . .", build, "RUN rm -rf /app/node_modules"]
