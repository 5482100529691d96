"""Every variant the planner proposes for every sample app, built once per test session.

Engine tests of several packages need these images (the variants' own tests, bench, analyze);
building them once and sharing them keeps CI time down. ``tests/conftest.py`` registers the
session fixture ``sample_variants`` (a :class:`SampleVariants`); images are made lazily, on the
first request for an (app, variant), and all are removed when the session ends.

The images come from the session's ``imgopt analyze`` runs (``tests/_analyze_fixture.py``),
which build every variant anyway: an image an analysis kept is tagged and used as it is, so no
variant is built twice in a CI run. Only when an analysis did not keep its images (the README's
``make demo`` removes them, as a user's run does) is the variant built here, from the build
cache that analysis filled (no step runs again).

Example (in a test marked ``engine``)::

    def test_x(sample_variants):
        plan = sample_variants.plan("flask-tutorial")
        built = sample_variants.get("flask-tutorial", "multistage-slim")
        assert built.error is None and built.size < sample_variants.get(
            "flask-tutorial", "original").size

Images are tagged ``imgopt-test/variant-<app>:<variant>`` and labelled ``imgopt.test=1``; their
sizes are ``docker image inspect --format {{.Size}}``.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from imgopt.variants import Plan, plan_file

if TYPE_CHECKING:
    from _analyze_fixture import SampleAnalyses

REPO = Path(__file__).resolve().parent.parent
SAMPLE_APPS = REPO / "sample_apps"
LABEL = "imgopt.test=1"


@dataclass(frozen=True)
class BuiltVariant:
    """One variant of one sample app, built (or not).

    Attributes:
        app: the sample app's folder name.
        variant: the variant name.
        tag: the image tag.
        dockerfile: the Dockerfile built.
        image_id: the image id, None when the build failed.
        size: ``docker image inspect`` Size in bytes, None when the build failed.
        seconds: wall time of the build.
        error: the tail of the build log when it failed, else None.
    """

    app: str
    variant: str
    tag: str
    dockerfile: str
    image_id: str | None
    size: int | None
    seconds: float
    error: str | None


def image_available(ref: str) -> bool | None:
    """Whether the local engine has ``ref`` (None when the engine cannot tell)."""
    try:
        proc = subprocess.run(
            ["docker", "image", "inspect", "--format", "{{.Id}}", ref],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode == 0:
        return True
    return False if "No such image" in proc.stderr or "not found" in proc.stderr else None


def image_size(ref: str) -> int:
    """``docker image inspect --format {{.Size}}``, in bytes."""
    out = subprocess.run(
        ["docker", "image", "inspect", "--format", "{{.Size}}", ref],
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout
    return int(out.strip())


class SampleVariants:
    """The sample apps' variants: plans, and images built on first use.

    Args:
        workdir: where the variant Dockerfiles are written (a session temp folder).
        analyses: the session's ``imgopt analyze`` runs, whose images are used when they were
            kept; None builds every variant here.
    """

    def __init__(self, workdir: Path, analyses: SampleAnalyses | None = None) -> None:
        self.workdir = workdir
        self.analyses = analyses
        self._plans: dict[str, Plan] = {}
        self._built: dict[tuple[str, str], BuiltVariant] = {}

    @staticmethod
    def apps() -> list[str]:
        """Sample app folders that have a Dockerfile and a smoke spec."""
        return sorted(
            p.name
            for p in SAMPLE_APPS.iterdir()
            if (p / "Dockerfile").is_file() and (p / "smoke.toml").is_file()
        )

    def plan(self, app: str) -> Plan:
        """The planner's plan for ``app``, with image availability asked of the engine."""
        if app not in self._plans:
            self._plans[app] = plan_file(
                SAMPLE_APPS / app / "Dockerfile", image_available=image_available
            )
        return self._plans[app]

    def get(self, app: str, variant: str) -> BuiltVariant:
        """Build ``variant`` of ``app`` (once per session) and return it.

        Raises:
            KeyError: the planner does not propose that variant.
        """
        key = (app, variant)
        if key not in self._built:
            v = self.plan(app).get(variant)
            if v is None:
                raise KeyError(
                    f"{app} has no {variant} variant: {self.plan(app).skip_reason(variant)}"
                )
            built = self._from_analysis(app, variant, v.dockerfile)
            if built is None:
                built = self._build(app, variant, v.dockerfile, v.dockerignore)
            self._built[key] = built
        return self._built[key]

    def _from_analysis(self, app: str, variant: str, dockerfile: str) -> BuiltVariant | None:
        """The variant as the session's analysis of ``app`` built it; None when that analysis
        did not keep the image or built a different Dockerfile."""
        if self.analyses is None:
            return None
        analysis = self.analyses.get(app)
        if not analysis.doc:
            return None
        entry = next((v for v in analysis.target["variants"] if v["name"] == variant), None)
        if entry is None:
            return None
        recorded = Path(entry["dockerfile"])
        recorded = recorded if recorded.is_absolute() else REPO / recorded
        try:
            if recorded.read_text("utf-8") != dockerfile:
                return None
        except OSError:
            return None
        tag = f"imgopt-test/variant-{app}:{variant}"
        if entry["image_id"] is None:
            error = entry["error"] or entry["verify_reason"] or "not built"
            return BuiltVariant(app, variant, tag, dockerfile, None, None, 0.0, error)
        if not analysis.images_kept or image_available(entry["image_id"]) is not True:
            return None
        subprocess.run(["docker", "tag", entry["image_id"], tag], check=True, capture_output=True)
        seconds = entry["cold_build_s"] or 0.0
        return BuiltVariant(
            app, variant, tag, dockerfile, entry["image_id"], image_size(tag), seconds, None
        )

    def all(self, app: str) -> list[BuiltVariant]:
        """Every proposed variant of ``app``, built, ``original`` first."""
        return [self.get(app, v.name) for v in self.plan(app).variants]

    def _build(
        self, app: str, variant: str, dockerfile: str, dockerignore: str | None
    ) -> BuiltVariant:
        folder = self.workdir / app / variant
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "Dockerfile"
        path.write_bytes(dockerfile.encode("utf-8"))
        if dockerignore is not None:
            # BuildKit reads <Dockerfile>.dockerignore next to a -f Dockerfile first.
            (folder / "Dockerfile.dockerignore").write_text(dockerignore, "utf-8")
        tag = f"imgopt-test/variant-{app}:{variant}"
        cmd = [
            "docker", "buildx", "build", "--load", "--progress=plain", "--label", LABEL,
            "-t", tag, "-f", str(path), str(SAMPLE_APPS / app),
        ]  # fmt: skip
        started = time.monotonic()
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
        seconds = time.monotonic() - started
        if proc.returncode != 0:
            tail = "\n".join(proc.stderr.strip().splitlines()[-25:])
            return BuiltVariant(app, variant, tag, dockerfile, None, None, seconds, tail)
        image_id = subprocess.run(
            ["docker", "image", "inspect", "--format", "{{.Id}}", tag],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return BuiltVariant(app, variant, tag, dockerfile, image_id, image_size(tag), seconds, None)

    def close(self) -> None:
        """Remove every image built this session."""
        tags = [b.tag for b in self._built.values() if b.image_id is not None]
        if tags:
            subprocess.run(["docker", "rmi", "-f", *tags], capture_output=True, check=False)
        self._built.clear()
