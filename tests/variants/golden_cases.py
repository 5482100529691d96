"""Golden cases for the variant planner: loading, planning and rendering them.

A case is ``golden/<name>/``: either ``input/`` (a Dockerfile and its build context) or a file
``SOURCE`` naming a folder of the repository (a sample app). Its expectations are
``expected/<variant>.Dockerfile`` (a missing file means "equal to the input"),
``expected/<variant>.dockerignore`` when a variant proposes one, and ``expected/summary.txt``:
every variant, proposed or skipped with its reason, and every change.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from imgopt.variants import VARIANT_NAMES, Plan, plan_file

GOLDEN = Path(__file__).parent / "golden"
REPO = Path(__file__).resolve().parents[2]

#: The images that exist on the project's machines (the stand-ins); everything else does not.
#: The golden plans are made against this list, so they show what `propose` does here.
AVAILABLE = frozenset(
    {
        "debian:bookworm",
        "debian:bookworm-slim",
        "buildpack-deps:bookworm",
        "python:3.11",
        "python:3.11-slim",
        "node:18",
        "node:18-slim",
        "golang:1.19",
        "gcr.io/distroless/static-debian12",
        "gcr.io/distroless/python3-debian12",
    }
)


def available_here(ref: str) -> bool:
    """The fake ``image_available`` of the golden tests."""
    return ref in AVAILABLE


@dataclass(frozen=True)
class Case:
    """One golden case."""

    name: str
    folder: Path

    @property
    def context(self) -> Path:
        source = self.folder / "SOURCE"
        if source.is_file():
            return REPO / source.read_text("utf-8").strip()
        return self.folder / "input"

    @property
    def dockerfile(self) -> Path:
        return self.context / "Dockerfile"

    @property
    def expected(self) -> Path:
        return self.folder / "expected"

    def input_text(self) -> str:
        return self.dockerfile.read_bytes().decode("utf-8")

    def plan(self) -> Plan:
        return plan_file(self.dockerfile, context_dir=self.context, image_available=available_here)


def cases() -> list[Case]:
    """Every golden case, sorted by name."""
    return [Case(p.name, p) for p in sorted(GOLDEN.iterdir()) if p.is_dir()]


def summary_text(plan: Plan) -> str:
    """The plan as reviewable text: each variant and its changes, or why it was skipped."""
    out: list[str] = []
    skipped = {s.name: s for s in plan.skipped}
    for name in VARIANT_NAMES:
        v = plan.get(name)
        if v is not None:
            extra = " +.dockerignore" if v.dockerignore is not None else ""
            out.append(f"{name}: proposed ({v.safety}){extra}")
            for c in v.changes:
                where = f"{c.lines[0]}-{c.lines[1]}" if c.lines else "new"
                out.append(f"  {c.source} [{where}] {c.safety}: {c.title}")
        elif name in skipped:
            out.append(f"{name}: skipped: {skipped[name].reason}")
        else:
            out.append(f"{name}: not planned")
    return "\n".join(out) + "\n"


def write_expected(case: Case, plan: Plan) -> None:
    """Rewrite the case's expected files from ``plan`` (``--update-golden``)."""
    exp = case.expected
    exp.mkdir(exist_ok=True)
    for old in exp.iterdir():
        old.unlink()
    original = case.input_text()
    for v in plan.variants:
        if v.dockerfile != original:
            (exp / f"{v.name}.Dockerfile").write_bytes(v.dockerfile.encode("utf-8"))
        if v.dockerignore is not None:
            (exp / f"{v.name}.dockerignore").write_bytes(v.dockerignore.encode("utf-8"))
    (exp / "summary.txt").write_text(summary_text(plan), "utf-8")
