"""Every sample app builds from its own Dockerfile and passes its own smoke spec.

Apps are found in sample_apps/: a folder with a Dockerfile is one app; a folder with a Compose file
contributes each service that has a ``build`` (built from that build context, as Compose would),
with the smoke spec in the build context. Each image is built once per session and removed at the
end; every container is labelled with this session's run id, and none may be left behind.
"""

from __future__ import annotations

import re
import subprocess
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from imgopt.engine.containers import remove_run_containers
from imgopt.verify import load_spec, run_smoke
from imgopt.verify.deps import app_in_place, find_dependencies

REPO = Path(__file__).resolve().parent.parent
SAMPLE_APPS = REPO / "sample_apps"
COMPOSE_FILES = ("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml")
RUN_ID = f"test-sample-apps-{uuid.uuid4().hex[:8]}"
LABELS = {"imgopt.test": "1"}
BUILD = ("docker", "buildx", "build", "--load", "--label", "imgopt.test=1")


@dataclass(frozen=True)
class SampleApp:
    id: str  # folder name, or folder/service for a Compose service
    context: Path
    dockerfile: Path
    spec: Path


def discover() -> list[SampleApp]:
    apps: list[SampleApp] = []
    for folder in sorted(p for p in SAMPLE_APPS.iterdir() if p.is_dir()):
        compose = next((folder / n for n in COMPOSE_FILES if (folder / n).is_file()), None)
        if compose is not None:
            services = yaml.safe_load(compose.read_text())["services"]
            for name, service in services.items():
                build = service.get("build")
                if build is None:
                    continue
                if isinstance(build, str):
                    build = {"context": build}
                context = (folder / build.get("context", ".")).resolve()
                dockerfile = context / build.get("dockerfile", "Dockerfile")
                apps.append(
                    SampleApp(f"{folder.name}/{name}", context, dockerfile, context / "smoke.toml")
                )
        elif (folder / "Dockerfile").is_file():
            apps.append(
                SampleApp(folder.name, folder, folder / "Dockerfile", folder / "smoke.toml")
            )
    return apps


APPS = discover()


def test_there_are_at_least_seven_apps_each_with_a_spec_and_a_readme_line() -> None:
    assert len(APPS) >= 7, [a.id for a in APPS]
    readme = (SAMPLE_APPS / "README.md").read_text()
    for app in APPS:
        spec = load_spec(app.spec)  # a malformed spec fails here with file and key
        assert spec.http or spec.commands
        folder = app.id.split("/")[0]
        assert re.search(rf"^\| `{re.escape(folder)}`", readme, re.M), f"no README row for {folder}"


@pytest.mark.parametrize("app", APPS, ids=[a.id for a in APPS])
def test_dockerfile_needs_no_registry(app: SampleApp) -> None:
    # A `# syntax=` directive makes BuildKit pull a frontend image: impossible without a registry.
    text = app.dockerfile.read_text()
    assert not re.search(r"^#\s*syntax\s*=", text, re.M | re.I)


def instructions(path: Path) -> list[str]:
    lines = [ln for ln in path.read_text().splitlines() if ln.strip() and not ln.startswith("#")]
    return [" ".join(ln.split()) for ln in lines]


def test_flask_tutorial_is_the_tutorials_dockerfile() -> None:
    assert instructions(SAMPLE_APPS / "flask-tutorial" / "Dockerfile") == [
        "FROM debian:bookworm",
        "ENV DEBIAN_FRONTEND=noninteractive",
        "RUN apt-get update && apt-get install -y python3 python3-pip",
        "WORKDIR /app",
        "COPY . /app",
        # the one adaptation, explained in the Dockerfile: Debian 12's pip refuses (PEP 668)
        "RUN pip3 install --break-system-packages -r requirements.txt",
        "EXPOSE 5000",
        'CMD ["python3", "app.py"]',
    ]
    requirements = (SAMPLE_APPS / "flask-tutorial" / "requirements.txt").read_text()
    assert {ln.split("==")[0] for ln in requirements.split()} == {"flask", "requests", "pandas"}


def test_compose_tutorial_has_the_tutorials_services() -> None:
    compose = yaml.safe_load((SAMPLE_APPS / "compose-tutorial" / "docker-compose.yml").read_text())
    web, db = compose["services"]["web"], compose["services"]["db"]
    assert web["build"] == "."
    assert web["ports"] == ["5000:5000"]
    assert web["volumes"] and web["environment"]
    assert sorted(web["networks"]) == ["backend", "frontend"]
    assert db["image"].startswith("postgres")
    assert {"POSTGRES_USER", "POSTGRES_PASSWORD"} <= set(db["environment"])
    volume = db["volumes"][0].split(":")[0]
    assert volume in compose["volumes"]  # a named volume
    assert db["networks"] == ["backend"]
    assert set(compose["networks"]) == {"frontend", "backend"}


def test_optimized_app_is_multi_stage_slim_and_non_root() -> None:
    lines = instructions(SAMPLE_APPS / "python-optimized" / "Dockerfile")
    froms = [ln for ln in lines if ln.startswith("FROM ")]
    assert len(froms) == 2 and froms[-1] == "FROM python:3.11-slim"
    assert any("--no-cache-dir" in ln for ln in lines)
    assert lines[-1].startswith("CMD ") and any(ln == "USER app" for ln in lines)


# --- built for real --------------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def no_container_left_behind() -> Iterator[None]:
    yield
    left = subprocess.run(
        ["docker", "ps", "-aq", "--filter", f"label=imgopt.run={RUN_ID}"],
        capture_output=True,
        text=True,
    ).stdout.split()
    if left:
        remove_run_containers(RUN_ID)
    assert left == [], f"containers of run {RUN_ID} were left behind: {left}"


@pytest.fixture(scope="session")
def built() -> Iterator[Callable[[SampleApp], str]]:
    """Build an app's image on first use (once per session); remove them all at the end."""
    images: dict[str, str] = {}
    session = uuid.uuid4().hex[:8]

    def build(app: SampleApp) -> str:
        if app.id not in images:
            tag = f"imgopt-test/{app.id.replace('/', '-')}:{session}"
            proc = subprocess.run(
                [*BUILD, "-t", tag, "-f", str(app.dockerfile), str(app.context)],
                capture_output=True,
                text=True,
                timeout=1200,
            )
            assert proc.returncode == 0, f"{app.id} did not build:\n{proc.stderr[-4000:]}"
            images[app.id] = tag
        return images[app.id]

    yield build
    if images:
        subprocess.run(["docker", "rmi", "-f", *images.values()], capture_output=True)


@pytest.mark.engine
@pytest.mark.parametrize("app", APPS, ids=[a.id for a in APPS])
def test_sample_app_builds_and_passes_its_smoke_spec(
    app: SampleApp, built: Callable[[SampleApp], str]
) -> None:
    image = built(app)
    spec = load_spec(app.spec)
    # In the app's place: its Compose dependencies (compose-tutorial's database) started first.
    deps = find_dependencies(app.context, app.dockerfile, spec.services)
    with app_in_place(deps, run_id=RUN_ID, labels=LABELS):
        result = run_smoke(image, spec, run_id=RUN_ID, labels=LABELS)
    assert result.passed, f"{app.id}: {result.reason}\n--- log tail ---\n{result.log_tail}"
    assert [c.name for c in result.checks] == list(spec.check_names)
    assert all(c.passed for c in result.checks)
