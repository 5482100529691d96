from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from imgopt.errors import InputError
from imgopt.gate.attribution import Attributor, FindingRef
from imgopt.gate.expr import parse_check
from imgopt.gate.record import BuildRecord, WasteRecord
from imgopt.gate.render import FORMATS, get_renderer
from imgopt.gate.runner import GateReport, plan, run_gate

from .fakes import Entry, FakeFiles, image, layer


def _report() -> GateReport:
    base = layer(0, "COPY / /", 75_000_000, compressed=29_000_000, base=True)
    old_run = layer(1, "RUN echo v1 | tee /v", 2_000_000, compressed=2_000_000, line=2)
    new_copy = layer(1, "COPY big.bin /data/", 30_000_000, compressed=30_000_000, line=2)
    new_run = layer(2, "RUN echo v2 | tee /v", 3_000_000, compressed=3_000_000, line=3)
    old = image([base, old_run], ref="baseline.json")
    new = image(
        [base, new_copy, new_run],
        waste=WasteRecord(0.95, 100, 0.01, 0, 0),
        build=BuildRecord("buildkit", "v", "26", 3.0, False),
    )
    files = FakeFiles({new_copy.diff_id: [Entry("data/big.bin", 30_000_000)]})
    attributor = Attributor(
        new, old, files=files, findings={3: [FindingRef("IMG101", "n", 3, "apt lists | kept")]}
    )
    exprs = ["size:+5%", "layers:10", "efficiency:0.9", "build-time:+10%"]
    checks, _ = plan([parse_check(e) for e in exprs], have_baseline=True)
    return run_gate(checks, new, old, attributor=attributor, baseline_source="baseline.json")


def test_json_has_the_documented_fields() -> None:
    doc = json.loads(get_renderer("json").render(_report()))
    assert doc["passed"] is False
    assert [c["expr"] for c in doc["checks"]] == [
        "size:+5%",
        "layers:10",
        "efficiency:0.9",
        "build-time:+10%",
    ]
    assert [c["status"] for c in doc["checks"]] == ["FAIL", "PASS", "PASS", "SKIP"]
    size = doc["checks"][0]
    assert set(size) >= {"expr", "status", "value", "threshold", "layers"}
    assert size["value"] == 108_000_000 and size["threshold"] == 80_850_000
    assert [(la["instruction"], la["delta_bytes"]) for la in size["layers"]] == [
        ("COPY big.bin /data/", 30_000_000),
        ("RUN echo v2 | tee /v", 1_000_000),
    ]
    assert size["layers"][0]["largest_files"][0]["path"] == "/data/big.bin"
    assert size["layers"][1]["findings"][0]["code"] == "IMG101"
    assert doc["summary"] == {"passed": 2, "failed": 1, "skipped": 1}
    assert "layers" not in doc["checks"][2]  # only size checks carry layers
    assert doc["warnings"] and "build-time:+10%" in doc["warnings"][0]


def test_markdown_tables() -> None:
    text = get_renderer("markdown").render(_report())
    lines = text.splitlines()
    assert lines[0] == "### ❌ imgopt gate: FAIL"
    assert "| Check | Result | Value | Threshold | Details |" in lines
    header = lines.index("| Check | Result | Value | Threshold | Details |")
    assert lines[header + 1].startswith("| --- |")
    rows = [ln for ln in lines[header + 2 :] if ln.startswith("| `")]
    assert len(rows) >= 4
    assert all(row.count(" | ") >= 4 for row in rows[:4])
    assert any("`COPY big.bin /data/`" in ln and "+30.0 MB" in ln for ln in lines)
    # A pipe in an instruction or message must not break the table.
    run_row = next(ln for ln in lines if "RUN echo v2" in ln)
    assert "\\|" in run_row and "apt lists \\| kept" in run_row


def test_junit_parses() -> None:
    root = ET.fromstring(get_renderer("junit").render(_report()))
    assert root.tag == "testsuites"
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("4", "1", "1")
    cases = {c.get("name"): c for c in suite.iter("testcase")}
    failure = cases["size:+5%"].find("failure")
    assert failure is not None and "COPY big.bin /data/" in (failure.text or "")
    assert cases["build-time:+10%"].find("skipped") is not None
    assert cases["layers:10"].find("failure") is None


def test_text() -> None:
    text = get_renderer("text").render(_report())
    assert "FAIL  size:+5%" in text
    assert "+30.0 MB  new      COPY big.bin /data/ (line 2)" in text
    assert "was: RUN echo v1 | tee /v" in text
    assert "IMG101 apt lists | kept" in text
    assert text.rstrip().endswith("Result: FAIL (2 passed, 1 failed, 1 skipped)")


def test_every_format_renders() -> None:
    report = _report()
    assert set(FORMATS) == {"text", "json", "markdown", "junit"}
    for name in FORMATS:
        assert get_renderer(name).render(report).strip()
    with pytest.raises(InputError):
        get_renderer("html")
