"""Every variant proposed for a sample app builds on the engine, passes the app's smoke spec the
way the original does, and is smaller than the original (``docker image inspect`` Size).

The images come from the session fixture ``sample_variants`` (tests/_variants_fixture.py), so
other engine tests reuse them instead of building them again.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from _variants_fixture import SAMPLE_APPS, SampleVariants

from imgopt.engine.containers import remove_run_containers
from imgopt.verify import compare_results, load_spec, run_smoke
from imgopt.verify.deps import app_in_place, find_dependencies
from imgopt.verify.result import SmokeResult

pytestmark = pytest.mark.engine
APPS = SampleVariants.apps()
RUN_ID = f"test-variants-{uuid.uuid4().hex[:8]}"
LABELS = {"imgopt.test": "1"}


@pytest.fixture(scope="module", autouse=True)
def _no_containers_left() -> Iterator[None]:
    yield
    remove_run_containers(RUN_ID)


def smoke(app: str, tag: str) -> SmokeResult:
    """The app's smoke spec against ``tag``, in the app's place: its Compose dependencies
    (compose-tutorial's database) started first, as verification does."""
    context = SAMPLE_APPS / app
    spec = load_spec(context / "smoke.toml")
    deps = find_dependencies(context, context / "Dockerfile", spec.services)
    with app_in_place(deps, run_id=RUN_ID, labels=LABELS):
        return run_smoke(tag, spec, run_id=RUN_ID, labels=LABELS)


@pytest.mark.parametrize("app", APPS)
def test_every_variant_builds_works_and_is_smaller(
    app: str, sample_variants: SampleVariants
) -> None:
    plan = sample_variants.plan(app)
    original = sample_variants.get(app, "original")
    assert original.error is None, f"the original {app} does not build:\n{original.error}"
    assert original.size is not None
    base = smoke(app, original.tag)
    assert base.passed, f"the original {app} fails its smoke spec: {base.reason}"
    problems: list[str] = []
    for v in plan.variants[1:]:
        built = sample_variants.get(app, v.name)
        if built.error is not None or built.size is None:
            problems.append(f"{v.name}: build failed:\n{built.error}")
            continue
        result = smoke(app, built.tag)
        if not result.passed:
            problems.append(f"{v.name}: smoke failed: {result.reason}\n{result.log_tail}")
            continue
        same = compare_results(base, result)
        if not same.same:
            problems.append(f"{v.name}: behaves differently from the original: {same.reason}")
        # A safe fix can be a no-op on a given base image (pip's cache, where the base's pip
        # writes none): the hygiene variant must not be larger; every other must be smaller.
        if built.size > original.size or (built.size == original.size and v.name != "hygiene"):
            problems.append(f"{v.name}: {built.size} bytes, not smaller than {original.size}")
    assert not problems, f"{app}:\n" + "\n".join(problems)
