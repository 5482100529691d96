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
        assert findings == [], [f"{f.code} {f.message}" for f in findings]
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


def test_hadolint_size_findings_are_covered() -> None:
    """Where hadolint reports DL3009/DL3015/DL3042 on a sample app, imgopt reports the same
    line (hadolint's output recorded from `hadolint sample_apps/*/Dockerfile`)."""
    expected = {
        ("flask-tutorial", 3): {"IMG101", "IMG102"},
        ("flask-tutorial", 9): {"IMG201"},
        ("python-native", 2): {"IMG101", "IMG102"},
        ("python-native", 5): {"IMG201"},
        ("compose-tutorial", 9): {"IMG201"},
    }
    for (name, line), codes in expected.items():
        app = SAMPLES / name
        if not (app / "Dockerfile").exists():
            pytest.skip(f"sample app {name} is gone")
        found = {
            f.code for f in lint(parse_file(app / "Dockerfile"), context_dir=app) if f.line == line
        }
        assert codes <= found, (name, line, found)
