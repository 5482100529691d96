"""``--services``: a part of a Compose project, the way one is split over engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from imgopt.analyze.many import compose_services
from imgopt.analyze.pipeline import AnalyzeOptions, analyze
from imgopt.errors import InputError

pytestmark = pytest.mark.engine  # reading a Compose file takes `docker compose` (as tests/analyze)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for name in ("api", "worker"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "Dockerfile").write_text(
            f'FROM debian:bookworm-slim\nCOPY . /{name}\nCMD ["/{name}/run"]\n'
        )
    compose = tmp_path / "compose.yaml"
    compose.write_text(
        "services:\n"
        "  api: {build: ./api}\n"
        "  worker: {build: ./worker}\n"
        "  again: {build: ./api}\n"  # the same image as api: analysed once, as api
        "  db: {image: postgres:15}\n"
    )
    return compose


def test_the_services_a_compose_project_is_split_by(project: Path) -> None:
    assert compose_services(project) == ["api", "worker"]
    assert compose_services(project.parent / "api") == []


def test_only_the_named_services_are_analysed(project: Path, tmp_path: Path) -> None:
    options = AnalyzeOptions(out=tmp_path / "out", build=False, services=("worker",))
    result = analyze(project, None, options)
    assert [t.target.name for t in result.targets] == ["worker"]
    everything = analyze(project, None, AnalyzeOptions(out=tmp_path / "all", build=False))
    assert [t.target.name for t in everything.targets] == ["api", "worker"]


def test_an_unknown_service_or_a_dockerfile_is_bad_input(project: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="db: no service") as err:
        analyze(project, None, AnalyzeOptions(out=tmp_path / "o1", build=False, services=("db",)))
    assert err.value.hint is not None and "api, worker" in err.value.hint
    with pytest.raises(InputError, match="not one"):
        analyze(
            project.parent / "api",
            None,
            AnalyzeOptions(out=tmp_path / "o2", build=False, services=("api",)),
        )
