"""A resumed run compares its new variants with the original's profile saved by the first session
(verify/profile.json), without profiling the original again, and gets the verdicts that session
would have given; it profiles again, and says why, when the saved profile was made for another
image."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from imgopt.bench.runner import BenchOptions, BenchRun, QuietObserver, Variant, make_variants
from imgopt.verify import Verifier
from imgopt.verify.saved import PROFILE_FILE

from .conftest import write_tree
from .test_bench_run import BROKEN, ORIGINAL, SLIM


class _Phases(QuietObserver):
    def __init__(self) -> None:
        self.lines: list[str] = []

    def phase(self, message: str) -> None:
        self.lines.append(message)


def _variants(app: Path, names: list[str]) -> list[Variant]:
    files = [app / ("Dockerfile" if n == "original" else f"{n}.Dockerfile") for n in names]
    return make_variants(app, files, names)


@pytest.mark.engine
def test_resumed_run_reads_the_saved_profile(
    tmp_path: Path, base_image: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = write_tree(
        tmp_path / "app",
        {
            "Dockerfile": ORIGINAL,
            "slim.Dockerfile": SLIM,
            "slim2.Dockerfile": SLIM,
            "slim3.Dockerfile": SLIM,
            "broken.Dockerfile": BROKEN,
            "broken2.Dockerfile": BROKEN,
            "main.sh": "echo hello\n",
        },
    )
    profiled: list[str] = []
    real = Verifier.profile

    def counted(self: Verifier, image: str, **kwargs: object) -> object:
        profiled.append(image)
        return real(self, image, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Verifier, "profile", counted)
    out = tmp_path / "run"
    options = BenchOptions(repeat=1, warm=False)
    names = ["original", "slim", "broken"]
    first = BenchRun(_variants(app, names), options, out).run()
    assert first.status == "complete"
    assert len(profiled) == 1
    saved = json.loads((out / "verify" / PROFILE_FILE).read_text())
    assert saved["image"] == profiled[0]
    verdicts = {v.name: (v.verified, v.verify_reason) for v in first.variants}
    assert verdicts["slim"][0] is True and verdicts["broken"][0] is False

    # Resumed with two more variants, copies of slim and broken: no profiling, same verdicts.
    names += ["slim2", "broken2"]
    phases = _Phases()
    resumed = BenchRun(_variants(app, names), options, out, resume=True, observer=phases).run()
    assert resumed.status == "complete"
    assert len(profiled) == 1, phases.lines
    assert "original: profile of an earlier session (verify/profile.json)" in phases.lines
    again = {v.name: (v.verified, v.verify_reason) for v in resumed.variants}
    assert again["slim2"] == verdicts["slim"]
    assert again["broken2"] == verdicts["broken"]

    # A profile made for another image is not used: the original is profiled again, the run
    # says why, and the profile saved is the new one.
    saved["image"] = "sha256:" + "0" * 64
    (out / "verify" / PROFILE_FILE).write_text(json.dumps(saved))
    names += ["slim3"]
    phases = _Phases()
    third = BenchRun(_variants(app, names), options, out, resume=True, observer=phases).run()
    assert third.status == "complete"
    assert len(profiled) == 2 and profiled[1] == profiled[0]  # rebuilt from the cache: same id
    assert any(
        line.startswith("original: profiled again (profile.json was made for image sha256:0000")
        for line in phases.lines
    ), phases.lines
    assert {v.name: v.verified for v in third.variants}["slim3"] is True
    assert json.loads((out / "verify" / PROFILE_FILE).read_text())["image"] == profiled[0]
