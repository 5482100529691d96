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
from _volumes import anonymous_volumes, left_behind

from imgopt.engine.containers import remove_run_containers
from imgopt.verify import Verifier, infer_spec, load_spec, run_smoke
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


def _left_behind() -> dict[str, list[str]]:
    """This run's containers, networks and volumes still in the engine (by its label only)."""
    label = f"label=imgopt.run={RUN_ID}"
    commands = {
        "containers": ["docker", "ps", "-aq", "--filter", label],
        "networks": ["docker", "network", "ls", "-q", "--filter", label],
        "volumes": ["docker", "volume", "ls", "-q", "--filter", label],
    }
    found = {}
    for kind, command in commands.items():
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
        if out:
            found[kind] = out
    return found


@pytest.fixture(scope="module", autouse=True)
def no_container_left_behind() -> Iterator[None]:
    before = anonymous_volumes()
    yield
    left = _left_behind()
    anonymous = left_behind(before)  # an image's VOLUME: no label, found by name
    if anonymous:
        left["anonymous volumes"] = sorted(anonymous)
    if left.get("containers"):
        remove_run_containers(RUN_ID)
    assert left == {}, f"run {RUN_ID} left behind: {left}"


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


# --- verified without a spec: discovery, derived probes, what varies, the file closure ---------


def _base_image(dockerfile: Path) -> str:
    """The final stage's FROM (what the closure counts as the base image's)."""
    froms = re.findall(r"^FROM\s+(?:--\S+\s+)?(\S+)", dockerfile.read_text(), re.M | re.I)
    return froms[-1]


def _verifier(app: SampleApp, tmp_path: Path) -> Verifier:
    """A verifier for ``app`` as a user without a smoke.toml has it: the app copied without one."""
    import shutil

    folder = app.context if app.context.parent == SAMPLE_APPS else app.context.parent
    copy = tmp_path / folder.name
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("smoke.toml", "node_modules"))
    context = copy / app.context.relative_to(folder)
    assert not (context / "smoke.toml").exists()
    deps = find_dependencies(context, context / app.dockerfile.name)
    return Verifier(
        run_id=RUN_ID,
        context=context,
        labels=LABELS,
        out_dir=tmp_path / "verify",
        dependencies=deps,
    )


@pytest.mark.engine
@pytest.mark.parametrize("app", APPS, ids=[a.id for a in APPS])
def test_sample_app_verifies_with_its_smoke_spec_removed(
    app: SampleApp, built: Callable[[SampleApp], str], tmp_path: Path
) -> None:
    image = built(app)
    verifier = _verifier(app, tmp_path)
    profile = verifier.profile(image, base_image=_base_image(app.dockerfile))
    assert profile.passed, f"{app.id}: {profile.reason}\n{profile.result.log_tail}"
    assert profile.discovery.kind == "service" and profile.discovery.port is not None
    assert profile.proof.probes >= 2, profile.spec.check_names  # / and a route of its sources
    assert profile.proof.closure_files, profile.proof.closure_note
    assert (tmp_path / "verify" / "discovery.json").is_file()
    # The original itself, run once more, is verified against its own profile.
    verdict = verifier.check(profile, image)
    assert verdict.verified, f"{app.id}: {verdict.reason}"


def _planted(original: str, broken: str) -> str:
    tag = f"imgopt-test/planted:{uuid.uuid4().hex[:8]}"
    proc = subprocess.run(
        [
            *BUILD,
            "-t",
            tag,
            "--build-arg",
            f"ORIGINAL={original}",
            "--build-arg",
            f"BROKEN={broken}",
            str(REPO / "tests" / "verify" / "planted"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return tag


PYTHON_FILES = next(a for a in APPS if a.id == "python-files")


@pytest.mark.engine
@pytest.mark.parametrize(
    ("broken", "probe"),
    [("/app/templates/page.html", "GET /page"), ("/usr/bin/jq", "GET /count")],
    ids=["missing-template", "missing-binary"],
)
def test_planted_broken_variant_passes_the_old_check_and_fails_the_new(
    broken: str, probe: str, built: Callable[[SampleApp], str], tmp_path: Path
) -> None:
    original = built(PYTHON_FILES)
    variant = _planted(original, broken)
    try:
        # Today's status-only check: GET / on the lowest exposed port answers below 500.
        old = run_smoke(variant, infer_spec(variant), run_id=RUN_ID, labels=LABELS)
        assert old.passed, old.reason
        verifier = _verifier(PYTHON_FILES, tmp_path)
        profile = verifier.profile(original, base_image=_base_image(PYTHON_FILES.dockerfile))
        verdict = verifier.check(profile, variant)
    finally:
        subprocess.run(["docker", "rmi", "-f", variant], capture_output=True)
    assert "HEALTHCHECK" in profile.spec.check_names  # its command is run, and compared
    assert not verdict.verified
    assert f"variant lacks {broken}, which the original read" in verdict.differences
    assert any(d.startswith(f"{probe}: status 500") for d in verdict.differences)
    if broken == "/usr/bin/jq":  # the HEALTHCHECK requests /count, which needs jq
        assert "HEALTHCHECK: exit code 1, the original exited 0" in verdict.differences


GO_PORT = next(a for a in APPS if a.id == "go-port")


@pytest.mark.engine
def test_a_service_without_expose_is_found_and_its_timestamps_never_flake(
    built: Callable[[SampleApp], str], tmp_path: Path
) -> None:
    image = built(GO_PORT)
    verifier = _verifier(GO_PORT, tmp_path)
    profile = verifier.profile(image, base_image=_base_image(GO_PORT.dockerfile))
    assert profile.passed, profile.reason
    assert profile.discovery.kind == "service"
    assert profile.discovery.listening == (9090,) and profile.discovery.port == 9090
    assert "service, listens on 9090/tcp, ready after" in profile.discovery.describe()
    # The time, the request id and the uptime differ between the original's two runs: the second
    # run probes a second later, so even an uptime in milliseconds cannot match by chance.
    assert profile.templates["GET /time"].gaps >= 3
    for attempt in range(5):
        verdict = verifier.check(profile, image)
        assert verdict.verified, f"attempt {attempt + 1}: {verdict.reason}"
