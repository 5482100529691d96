"""Every rewrite of a fixed sample of real Dockerfiles keeps the invariants of
``benchmarks/corpus_check.py`` (issue 13): it re-parses, keeps the final stage's runtime settings,
references no missing stage or file, installs no apt package after removing the lists, runs no
command in another directory, and installs only packages that exist in its Debian release (by a
committed snapshot of Debian's real index, so CI downloads nothing)."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

HERE = Path(__file__).parent
SCRIPT = HERE.parent.parent / "benchmarks" / "corpus_check.py"


def _harness() -> ModuleType:
    # Importable by name, from sys.path: worker processes started with spawn or forkserver
    # (once the parent has loaded the Go parser) re-import the module of check_file.
    if str(SCRIPT.parent) not in sys.path:
        sys.path.insert(0, str(SCRIPT.parent))
    return importlib.import_module("corpus_check")


@pytest.fixture(scope="module")
def summary() -> dict[str, object]:
    harness = _harness()
    snapshot = json.loads((HERE / "package_index.json").read_text())
    result: dict[str, object] = harness.run(
        [str(HERE / "dockerfiles")], index=harness.PackageIndex(snapshot)
    )
    return result


def test_sample_is_what_the_readme_says() -> None:
    files = sorted((HERE / "dockerfiles").glob("*.Dockerfile"))
    listed = [line.split("\t")[0] for line in (HERE / "index.tsv").read_text().splitlines()]
    assert [f.name for f in files] == listed
    assert len(files) == 323


def test_no_invariant_violation(summary: dict[str, object]) -> None:
    violations = summary["violations"]
    assert violations == [], json.dumps(violations, indent=1)[:4000]


def test_every_file_parses_and_most_get_a_variant(summary: dict[str, object]) -> None:
    assert summary["not_parsed"] == []
    assert summary["parsed"] == 323
    # Measured when the sample was taken: 247 of 323 files get at least one variant. A planner
    # that silently stops proposing would pass the invariants; this catches it.
    assert isinstance(summary["with_variant"], int) and summary["with_variant"] >= 200


def test_packages_were_checked_against_the_snapshot(summary: dict[str, object]) -> None:
    assert summary["not_in_snapshot"] == [], (
        "regenerate tests/corpus/package_index.json (see tests/corpus/README.md)"
    )
    assert isinstance(summary["packages_checked"], int) and summary["packages_checked"] > 0


ORIGINAL = """\
FROM ubuntu:16.04
WORKDIR /src
RUN apt-get update && apt-get install -y curl
RUN cd sub && make
RUN rm -rf build
COPY app /app
ENV A=1 PATH=/opt/bin:$PATH
EXPOSE 80
CMD ["/app/run"]
"""


@pytest.mark.parametrize(
    ("invariant", "old", "new"),
    [
        ("reparse", "COPY app /app", "COPY app"),
        ("runtime", "EXPOSE 80", "EXPOSE 8080"),
        ("runtime", "ENV A=1 PATH=/opt/bin:$PATH", "ENV A=1"),
        ("runtime", 'CMD ["/app/run"]', 'CMD ["/app/other"]'),
        ("missing-ref", "COPY app /app", "COPY --from=builder app /app"),
        ("missing-ref", "COPY app /app", "COPY app secrets /app/"),
        (
            "apt-lists",
            "RUN cd sub && make",
            "RUN rm -rf /var/lib/apt/lists/*\nRUN apt-get install -y git\nRUN cd sub && make",
        ),
        ("cwd", "RUN cd sub && make\nRUN rm -rf build", "RUN cd sub && make && rm -rf build"),
        ("apt-package", "FROM ubuntu:16.04", "FROM debian:bookworm-slim"),
    ],
)
def test_each_invariant_catches_its_breakage(invariant: str, old: str, new: str) -> None:
    from imgopt.dockerfile import parse

    harness = _harness()
    original = ORIGINAL.replace("apt-get install -y curl", "apt-get install -y python-pip")
    df = parse(original)
    base = harness.facts(df)
    broken = original.replace(old, new)
    assert broken != original
    found, got = harness.check_output(df, base, broken, None)
    if invariant == "apt-package":
        # The package check runs in the parent on what check_output collects.
        new_packages = got.packages - base.packages
        assert new_packages == {("bookworm", "python-pip")}
        index = harness.PackageIndex({"bookworm": {"python-pip": False}})
        assert index.has("bookworm", "python-pip") is False
        return
    assert invariant in [inv for inv, _ in found], found
    assert harness.check_output(df, base, original, None)[0] == []


def test_dockerignore_hiding_a_copied_file_is_a_missing_ref() -> None:
    from imgopt.dockerfile import parse

    harness = _harness()
    df = parse(ORIGINAL)
    found, _ = harness.check_output(df, harness.facts(df), ORIGINAL, "app\n")
    assert ("missing-ref", "app is hidden by the proposed .dockerignore") in found
