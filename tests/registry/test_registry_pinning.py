"""A base pinned by digest stays pinned (issue 14): the original's digests are kept, a proposed
sibling is pinned to the digest the registry reports, and the change says so; without a digest
from a registry the variant is not proposed."""

from __future__ import annotations

from pathlib import Path

from imgopt.variants import plan_variants

OLD = "sha256:" + "a" * 64
NEW = "sha256:" + "b" * 64
DOCKERFILE = f"""FROM python:3.11@{OLD}
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "app.py"]
"""


class Registry:
    """A fake ``image_available`` that, like ImageAvailability, reports digests."""

    def __init__(self, digests: dict[str, str], *, present: tuple[str, ...] = ()) -> None:
        self.digests = digests
        self.present = present  # available (e.g. local only) without a registry digest
        self.asked: list[str] = []

    def __call__(self, ref: str) -> bool | None:
        return ref in self.digests or ref in self.present or ref.startswith("python:3.11@")

    def digest(self, ref: str) -> str | None:
        self.asked.append(ref)
        return self.digests.get(ref)


def _context(tmp_path: Path) -> Path:
    (tmp_path / "requirements.txt").write_text("flask==3.0.0\n")
    (tmp_path / "app.py").write_text("print('ok')\n")
    return tmp_path


def test_a_proposed_sibling_is_pinned_to_the_registry_digest(tmp_path: Path) -> None:
    registry = Registry({"python:3.11-slim": NEW})
    plan = plan_variants(
        DOCKERFILE, context_dir=_context(tmp_path), image_available=registry, only=["slim-base"]
    )
    assert plan.original == DOCKERFILE
    assert plan.get("original") is not None and plan.get("original").dockerfile == DOCKERFILE  # type: ignore[union-attr]
    slim = plan.get("slim-base")
    assert slim is not None, plan.skipped
    assert slim.dockerfile.splitlines()[0] == f"FROM python:3.11-slim@{NEW}"
    assert slim.images == (f"python:3.11-slim@{NEW}",)
    (pin,) = [c for c in slim.changes if c.source == "pin-digest"]
    assert NEW in pin.title and "python:3.11-slim" in pin.rationale
    assert registry.asked == ["python:3.11-slim"]


def test_the_original_digest_stays_in_every_stage_that_had_it(tmp_path: Path) -> None:
    registry = Registry({"python:3.11-slim": NEW})
    plan = plan_variants(DOCKERFILE, context_dir=_context(tmp_path), image_available=registry)
    for v in plan.variants:
        for line in v.dockerfile.splitlines():
            if line.startswith("FROM python:3.11 ") or line == "FROM python:3.11":
                raise AssertionError(f"{v.name} dropped the original's digest: {line}")
        assert all("@sha256:" in ref for ref in v.images if ref.startswith("python")), v


def test_without_a_digest_from_a_registry_the_variant_is_not_proposed(tmp_path: Path) -> None:
    plan = plan_variants(
        DOCKERFILE, context_dir=_context(tmp_path),
        image_available=Registry({}, present=("python:3.11-slim",)), only=["slim-base"],
    )  # fmt: skip
    assert plan.get("slim-base") is None
    reason = plan.skip_reason("slim-base") or ""
    assert "pins its base by digest" in reason and "python:3.11-slim" in reason


def test_an_unpinned_base_gets_no_pin(tmp_path: Path) -> None:
    text = DOCKERFILE.replace(f"@{OLD}", "")
    plan = plan_variants(
        text, context_dir=_context(tmp_path), image_available=Registry({"python:3.11-slim": NEW}),
        only=["slim-base"],
    )  # fmt: skip
    slim = plan.get("slim-base")
    assert slim is not None and slim.dockerfile.splitlines()[0] == "FROM python:3.11-slim"
    assert not [c for c in slim.changes if c.source == "pin-digest"]
