"""``imgopt gate`` and ``imgopt baseline save`` on a real engine, as a CI job runs them.

A tiny app on ``debian:bookworm-slim`` is built and saved as the baseline; its next version adds
a 30 MB file in a new layer (an ADD, inserted above the changed one, so matching by position would
misalign) and changes a ``RUN`` to write 1 MB more. Every image is built once per session by the
commands under test, labelled ``imgopt.test=1``, and removed at the end.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.engine

BASE = "debian:bookworm-slim"
LABELS = ["--label", "imgopt.test=1", "--label", "imgopt.test.suite=gate"]
BIG = 30_000_000
V1_TAG = "imgopt-test/gate-v1:session"

V1 = f"""\
FROM {BASE}
WORKDIR /app
COPY app.txt /app/
RUN echo v1 > /app/version && head -c 2000000 /dev/urandom > /app/blob
CMD ["cat", "/app/version"]
"""
# The new layer sits above the changed RUN: by position, the RUN would be compared with it. It is
# an ADD of a plain file, which rule IMG405 reports: the attribution must name that finding.
V2 = f"""\
FROM {BASE}
WORKDIR /app
COPY app.txt /app/
ADD big.bin /data/big.bin
RUN echo v2 > /app/version && head -c 3000000 /dev/urandom > /app/blob
CMD ["cat", "/app/version"]
"""
WASTEFUL = f"""\
FROM {BASE}
RUN head -c 5000000 /dev/urandom > /junk
RUN rm /junk
"""


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


class Session:
    """Runs imgopt as CI does, and remembers every image it built to remove them at the end."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.images: list[str] = []
        self.env = {**os.environ, "IMGOPT_CACHE_DIR": str(root / "cache")}
        self.env.pop("GITHUB_STEP_SUMMARY", None)

    def run(self, *args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
        proc = subprocess.run(
            [sys.executable, "-m", "imgopt", *args],
            capture_output=True,
            text=True,
            env={**self.env, **(env or {})},
            cwd=cwd or self.root,
            timeout=600,
            check=False,
        )
        return Run(proc.returncode, proc.stdout, proc.stderr)

    def keep(self, image_id: str) -> str:
        self.images.append(image_id)
        return image_id


def _wait_for_base(timeout_s: float = 900) -> None:
    """The stand-in base may still be being built by another process (nothing is pulled)."""
    deadline = time.monotonic() + timeout_s
    while subprocess.run(["docker", "image", "inspect", BASE], capture_output=True).returncode:
        if time.monotonic() > deadline:
            pytest.fail(f"{BASE} is missing; run `make standins`", pytrace=False)
        time.sleep(5)


@pytest.fixture(scope="session")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    _wait_for_base()
    s = Session(tmp_path_factory.mktemp("gate"))
    yield s
    leftovers = subprocess.run(
        ["docker", "images", "-q", "--filter", "label=imgopt.test.suite=gate"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    ids = list(dict.fromkeys([*s.images, *leftovers]))
    if ids:
        subprocess.run(["docker", "rmi", "-f", *ids], capture_output=True, check=False)


def _project(root: Path, name: str, dockerfile: str, files: dict[str, bytes]) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "Dockerfile").write_text(dockerfile)
    for rel, data in files.items():
        (folder / rel).write_bytes(data)
    return folder


@pytest.fixture(scope="session")
def apps(session: Session) -> dict[str, Path]:
    return {
        "v1": _project(session.root, "v1", V1, {"app.txt": b"hello\n"}),
        "v2": _project(session.root, "v2", V2, {"app.txt": b"hello\n", "big.bin": os.urandom(BIG)}),
        "wasteful": _project(session.root, "wasteful", WASTEFUL, {}),
    }


@pytest.fixture(scope="session")
def baseline(session: Session, apps: dict[str, Path]) -> tuple[Path, dict[str, Any]]:
    """v1 built and saved as the baseline (one build)."""
    path = session.root / "baseline" / "v1.json"
    result = session.run(
        "baseline", "save", str(apps["v1"]), "-o", str(path), "--tag", V1_TAG, *LABELS
    )
    assert result.code == 0, result.stderr
    doc = json.loads(path.read_text())
    session.keep(doc["image"]["id"])
    return path, doc


@pytest.fixture(scope="session")
def v2_gate(session: Session, apps: dict[str, Path], baseline: tuple[Path, Any]) -> Run:
    """v2 built by the gate and checked against the baseline (one build)."""
    result = session.run(
        "gate", str(apps["v2"]), "--baseline", str(baseline[0]),
        "--check", "size:+5%", "--check", "compressed:+5%", "--check", "layers:10",
        "--check", "build-time:+100000%", "--format", "json", *LABELS,
    )  # fmt: skip
    if result.stdout:
        session.keep(result.json()["image"]["id"])
    return result


def _check(doc: dict[str, Any], expr: str) -> dict[str, Any]:
    return next(c for c in doc["checks"] if c["expr"] == expr)


def test_baseline_file_records_sizes_layers_machine_and_builder(
    baseline: tuple[Path, dict[str, Any]],
) -> None:
    path, doc = baseline
    assert path.stat().st_size < 8000  # small enough to commit
    image = doc["image"]
    assert image["base_image"] == BASE and image["base_layers"] >= 1
    assert image["compressed_bytes"] > 0 and image["compressed_bytes"] < image["size_bytes"]
    own = [la for la in doc["layers"] if not la["base"]]
    assert [la["instruction"] for la in own] == [
        "WORKDIR /app",
        "COPY app.txt /app/",
        "RUN echo v1 > /app/version && head -c 2000000 /dev/urandom > /app/blob",
    ]
    assert [la["line"] for la in own] == [2, 3, 4]
    assert sum(la["size_bytes"] for la in doc["layers"]) == image["size_bytes"]
    assert sum(la["compressed_bytes"] for la in doc["layers"]) == image["compressed_bytes"]
    assert doc["build"]["builder"] in {"buildkit", "classic"} and doc["build"]["seconds"] > 0
    assert doc["machine"]["cpu_count"] == os.cpu_count()
    assert doc["machine"]["engine_version"]


def test_growth_fails_naming_exactly_the_changed_and_the_new_layer(v2_gate: Run) -> None:
    assert v2_gate.code == 1, v2_gate.stderr
    doc = v2_gate.json()
    assert doc["passed"] is False
    size = _check(doc, "size:+5%")
    assert size["status"] == "FAIL"
    assert size["value"] > size["threshold"] > size["baseline_value"]
    layers = {la["instruction"]: la for la in size["layers"]}
    assert set(layers) == {
        "ADD big.bin /data/big.bin",
        "RUN echo v2 > /app/version && head -c 3000000 /dev/urandom > /app/blob",
    }
    copy = layers["ADD big.bin /data/big.bin"]
    assert (copy["change"], copy["delta_bytes"], copy["line"]) == ("new", BIG, 4)
    assert [f["code"] for f in copy["findings"]] == ["IMG405"]
    assert copy["largest_files"][0] == {
        "path": "/data/big.bin",
        "size_bytes": BIG,
        "delta_bytes": BIG,
    }
    run = layers["RUN echo v2 > /app/version && head -c 3000000 /dev/urandom > /app/blob"]
    assert (run["change"], run["delta_bytes"], run["line"]) == ("changed", 1_000_000, 5)
    assert run["baseline_instruction"].startswith("RUN echo v1")
    assert run["findings"] == []
    # The baseline's layer is in this machine's layer cache: files are compared, not guessed.
    assert run["files_basis"] == "compared"
    assert run["largest_files"][0] == {
        "path": "/app/blob",
        "size_bytes": 3_000_000,
        "delta_bytes": 1_000_000,
    }
    # Compressed: random bytes do not compress, so the same two layers, in gzip bytes.
    compressed = _check(doc, "compressed:+5%")
    assert compressed["status"] == "FAIL" and compressed["delta_metric"] == "compressed"
    assert {la["instruction"] for la in compressed["layers"]} == set(layers)
    assert _check(doc, "layers:10")["status"] == "PASS"


def test_build_time_is_compared_on_the_same_machine(v2_gate: Run) -> None:
    check = _check(v2_gate.json(), "build-time:+100000%")
    assert check["status"] == "PASS", check["message"]
    assert check["value"] > 0 and check["baseline_value"] > 0


def test_unchanged_image_passes(session: Session, apps: dict[str, Path], baseline: Any) -> None:
    path, _ = baseline
    result = session.run(
        "gate", V1_TAG, "-f", str(apps["v1"] / "Dockerfile"), "--baseline", str(path),
        "-c", "size:+5%", "-c", "compressed:+5%", "-c", "layers:+0", "-c", "build-time:+10%",
    )  # fmt: skip
    assert result.code == 0, result.stdout + result.stderr
    assert "Result: PASS (3 passed, 0 failed, 1 skipped)" in result.stdout
    # A ready-made image has no build time: warned and skipped, never failed.
    assert "warning: build-time:+10%: skipped" in result.stderr


def test_every_output_format_parses(
    session: Session, apps: dict[str, Path], baseline: Any, v2_gate: Run
) -> None:
    image_id = v2_gate.json()["image"]["id"]
    common = ["gate", image_id, "-f", str(apps["v2"] / "Dockerfile"), "-b", str(baseline[0]),
              "-c", "size:+5%", "-c", "efficiency:0.5"]  # fmt: skip
    summary = session.root / "step-summary.md"
    outputs: dict[str, str] = {}
    for fmt in ("text", "json", "markdown", "junit"):
        env = {"GITHUB_STEP_SUMMARY": str(summary)} if fmt == "json" else None
        result = session.run(*common, "--format", fmt, env=env)
        assert result.code == 1, result.stderr
        outputs[fmt] = result.stdout
    assert "FAIL  size:+5%" in outputs["text"] and "ADD big.bin /data/big.bin" in outputs["text"]
    doc = json.loads(outputs["json"])
    assert [(c["expr"], c["status"]) for c in doc["checks"]] == [
        ("size:+5%", "FAIL"),
        ("efficiency:0.5", "PASS"),
    ]
    assert "| Check | Result | Value | Threshold | Details |" in outputs["markdown"]
    assert "`ADD big.bin /data/big.bin` (line 4)" in outputs["markdown"]
    suite = ET.fromstring(outputs["junit"]).find("testsuite")
    assert suite is not None and suite.get("failures") == "1"
    assert summary.read_text().startswith("### ❌ imgopt gate: FAIL")


def test_baseline_image_matches_by_instruction_without_a_dockerfile(
    session: Session, apps: dict[str, Path], baseline: Any, v2_gate: Run
) -> None:
    result = session.run(
        "gate", v2_gate.json()["image"]["id"], "-f", str(apps["v2"] / "Dockerfile"),
        "--baseline-image", baseline[1]["image"]["id"], "-c", "size:+20MB", "--format", "json",
    )  # fmt: skip
    assert result.code == 1, result.stderr
    grown = _check(result.json(), "size:+20MB")["layers"]
    assert sorted((la["change"], la["delta_bytes"]) for la in grown) == [
        ("changed", 1_000_000),
        ("new", BIG),
    ]


def test_dive_ci_rules_on_a_wasteful_image(session: Session, apps: dict[str, Path]) -> None:
    dive_ci = session.root / ".dive-ci"
    dive_ci.write_text(
        "rules:\n  lowestEfficiency: disabled\n  highestWastedBytes: 4MB\n"
        "  highestUserWastedPercent: disabled\n"
    )
    built = session.run(
        "gate", str(apps["wasteful"]), "--config", str(dive_ci), "--format", "json", *LABELS
    )
    assert built.stdout, built.stderr
    doc = built.json()
    session.keep(doc["image"]["id"])
    assert built.code == 1
    (check,) = doc["checks"]
    # dive counts both records of /junk: the 5 MB file and its deletion.
    assert (check["expr"], check["status"], check["value"]) == ("wasted:4MB", "FAIL", 5_000_000)
    again = session.run(
        "gate", doc["image"]["id"], "-c", "wasted:5MB", "-c", "user-wasted:99%", "--format", "json"
    )
    assert [c["status"] for c in again.json()["checks"]] == ["PASS", "FAIL"]


def test_failing_build_exits_3(session: Session) -> None:
    folder = _project(session.root, "broken", f"FROM {BASE}\nRUN exit 7\n", {})
    result = session.run("gate", str(folder), "-c", "size:1GB", *LABELS)
    assert result.code == 3, result.stderr
    assert "Traceback" not in result.stderr
    assert "imgopt: error:" in result.stderr
