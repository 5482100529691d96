from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from imgopt.engine.builders import (
    BuildFailure,
    BuildKitBuilder,
    BuildRequest,
    BuildResult,
    ClassicBuilder,
    SecretSpec,
    get_builder,
    parse_step_name,
)
from imgopt.engine.builders.base import scrub
from imgopt.engine.builders.rawjson import RawJsonParser
from imgopt.errors import InputError

from .conftest import TEST_LABELS, ImageJanitor, write_tree

SECRET_VALUE = "s3cr3t-value-never-recorded"

DOCKERFILE = """\
FROM debian:bookworm-slim AS base
ARG GREETING=none
COPY . /ctx/
RUN test ! -e /ctx/ignored.txt && test -e /ctx/kept.txt && echo "$GREETING" > /greeting
RUN --mount=type=secret,id=tok echo "token is $(cat /run/secrets/tok)"

FROM base AS final
RUN echo final > /final

FROM base AS other
RUN echo other > /other
"""


def _history(image_id: str) -> list[str]:
    out = subprocess.run(
        ["docker", "image", "history", "--no-trunc", "--format", "{{json .CreatedBy}}", image_id],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("buildproj")
    write_tree(
        root / "ctx",
        {"kept.txt": "kept\n", "ignored.txt": "ignored\n", ".dockerignore": "ignored.txt\n"},
    )
    write_tree(root / "docker", {"app.Dockerfile": DOCKERFILE})
    (root / "secret.txt").write_text(SECRET_VALUE)
    return root


@pytest.fixture(scope="module")
def buildkit_builds(
    project: Path, base_image: str, janitor: ImageJanitor
) -> Iterator[tuple[BuildResult, BuildResult]]:
    builder = BuildKitBuilder()
    request = BuildRequest(
        context=project / "ctx",
        dockerfile=project / "docker" / "app.Dockerfile",
        build_args={"GREETING": "hello-from-arg"},
        target="final",
        secrets=(SecretSpec.parse(f"id=tok,src={project / 'secret.txt'}"),),
        labels=TEST_LABELS,
        no_cache=True,
    )
    cold = builder.build(request)
    janitor.add(cold.image_id)
    warm = builder.build(BuildRequest(**{**request.__dict__, "no_cache": False}))
    janitor.add(warm.image_id)
    yield cold, warm


@pytest.mark.engine
def test_buildkit_honours_file_args_target_and_dockerignore(
    buildkit_builds: tuple[BuildResult, BuildResult],
) -> None:
    cold, _ = buildkit_builds
    assert cold.builder == "buildkit"
    assert cold.builder_version.startswith("buildx ")
    assert cold.engine_version
    history = "\n".join(_history(cold.image_id))
    # The build arg reached the RUN (BuildKit records it in the history), the RUN that checks the
    # .dockerignore passed (else no image), and --target picked "final", not "other".
    assert "GREETING=hello-from-arg" in history
    assert "echo final" in history
    assert "echo other" not in history
    names = [s.instruction for s in cold.instruction_steps]
    assert any(n.startswith("RUN test ! -e /ctx/ignored.txt") for n in names)
    assert all(s.seconds >= 0 for s in cold.steps)
    assert cold.cached_steps == 0


@pytest.mark.engine
def test_buildkit_secret_passes_through_and_is_never_recorded(
    buildkit_builds: tuple[BuildResult, BuildResult],
) -> None:
    cold, warm = buildkit_builds
    # The step printed the secret (so it did reach the build) ...
    assert "token is ***" in cold.log_tail
    # ... and its value is nowhere in what the results keep.
    for result in (cold, warm):
        assert SECRET_VALUE not in repr(result)
    assert SECRET_VALUE not in "\n".join(_history(cold.image_id))


@pytest.mark.engine
def test_buildkit_rebuild_hits_the_cache(buildkit_builds: tuple[BuildResult, BuildResult]) -> None:
    cold, warm = buildkit_builds
    assert warm.run_steps == cold.run_steps > 0
    assert warm.cached_steps == warm.run_steps
    assert all(s.seconds == 0 or s.cached for s in warm.instruction_steps if s.cached)


@pytest.mark.engine
def test_failing_build_names_the_step_and_keeps_the_log_tail(
    tmp_path: Path, base_image: str
) -> None:
    write_tree(
        tmp_path,
        {"Dockerfile": f"FROM {base_image}\nRUN echo about-to-fail && exit 3\nRUN echo never\n"},
    )
    with pytest.raises(BuildFailure) as info:
        get_builder().build(BuildRequest(context=tmp_path, labels=TEST_LABELS))
    err = info.value
    assert err.step == "RUN echo about-to-fail && exit 3"
    assert "exit code: 3" in err.message
    assert "\n" not in err.message
    assert "about-to-fail" in err.log_tail
    assert int(err.exit_code) == 3


@pytest.mark.engine
def test_classic_builder_builds_and_says_so(tmp_path: Path, janitor: ImageJanitor) -> None:
    write_tree(
        tmp_path,
        {"Dockerfile": "FROM scratch\nCOPY a.txt /a.txt\n", "a.txt": "a\n", ".dockerignore": "x"},
    )
    builder = ClassicBuilder()
    result = builder.build(BuildRequest(context=tmp_path, labels=TEST_LABELS, no_cache=True))
    janitor.add(result.image_id)
    assert result.builder == "classic"
    assert "classic" in result.builder_version
    assert [s.instruction for s in result.instruction_steps][:2] == [
        "FROM scratch",
        "COPY a.txt /a.txt",
    ]
    again = builder.build(BuildRequest(context=tmp_path, labels=TEST_LABELS))
    assert again.image_id == result.image_id
    assert again.cached_steps >= 1


def test_classic_builder_refuses_secrets(tmp_path: Path) -> None:
    write_tree(tmp_path, {"Dockerfile": "FROM scratch\n"})
    request = BuildRequest(context=tmp_path, secrets=(SecretSpec.parse("id=x,env=HOME"),))
    with pytest.raises(InputError, match="BuildKit"):
        ClassicBuilder().build(request)


def test_missing_context_is_one_line_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a directory"):
        BuildKitBuilder().build(BuildRequest(context=tmp_path / "nope"))


def test_buildx_command_names_secret_sources_not_values(tmp_path: Path) -> None:
    secret = tmp_path / "s"
    secret.write_text(SECRET_VALUE)
    request = BuildRequest(
        context=tmp_path,
        dockerfile=tmp_path / "x.Dockerfile",
        build_args={"A": "1"},
        target="t",
        secrets=(SecretSpec.parse(f"id=s,src={secret}"),),
        labels={"imgopt.run": "r1"},
        no_cache=True,
    )
    cmd = BuildKitBuilder().command(request, tmp_path / "iid")
    joined = " ".join(cmd)
    assert "--progress=rawjson" in cmd
    assert f"-f {tmp_path / 'x.Dockerfile'}" in joined
    assert "--build-arg A=1" in joined and "--target t" in joined and "--no-cache" in cmd
    assert f"--secret id=s,src={secret}" in joined
    assert "--label imgopt.run=r1" in joined
    assert SECRET_VALUE not in joined
    assert request.secret_values() == [SECRET_VALUE]


def test_secret_spec_parsing() -> None:
    assert SecretSpec.parse("id=a,src=/x") == SecretSpec(id="a", src=Path("/x"))
    assert SecretSpec.parse("id=a,env=B") == SecretSpec(id="a", env="B")
    assert SecretSpec.parse("id=TOKEN") == SecretSpec(id="TOKEN", env="TOKEN")
    with pytest.raises(InputError):
        SecretSpec.parse("src=/x")
    with pytest.raises(InputError):
        SecretSpec.parse("id=a,colour=blue")
    assert scrub("a hunter2 b hunter2", ["hunter2"]) == "a *** b ***"


def test_step_names() -> None:
    assert parse_step_name("[builder 2/7] RUN make") == ("builder", 2, 7, "RUN make")
    assert parse_step_name("[3/3] COPY . .") == (None, 3, 3, "COPY . .")
    assert parse_step_name("exporting to image") == (None, None, None, "exporting to image")


RAW = """\
{
  "vertexes": [
    {
      "digest": "sha256:a",
      "name": "[1/2] FROM docker.io/library/debian:bookworm-slim"
    }
  ]
}
{
  "vertexes": [
    {
      "digest": "sha256:a",
      "name": "[1/2] FROM docker.io/library/debian:bookworm-slim",
      "started": "2026-01-01T00:00:00.100000000Z",
      "completed": "2026-01-01T00:00:00.200000000Z",
      "cached": true
    },
    {
      "digest": "sha256:b",
      "name": "[2/2] RUN make",
      "started": "2026-01-01T00:00:01.000000001Z"
    }
  ]
}
{"logs": [{"vertex": "sha256:b", "stream": 1, "data": "YnVpbGRpbmcK"}]}
{
  "vertexes": [
    {
      "digest": "sha256:b",
      "name": "[2/2] RUN make",
      "started": "2026-01-01T00:00:01.000000001Z",
      "completed": "2026-01-01T00:00:03.500000000Z",
      "error": "exit code: 2"
    }
  ]
}
ERROR: failed to solve: exit code: 2
"""


@pytest.mark.parametrize("chunk", [1, 7, 64, len(RAW)])
def test_rawjson_parser_survives_any_chunking(chunk: int) -> None:
    parser = RawJsonParser()
    done: list[str] = []
    for i in range(0, len(RAW), chunk):
        done += parser.feed(RAW[i : i + chunk])
    parser.close()
    assert done == ["sha256:a", "sha256:b"]
    steps = parser.steps()
    assert [s.instruction for s in steps] == [
        "FROM docker.io/library/debian:bookworm-slim",
        "RUN make",
    ]
    assert steps[0].cached and not steps[1].cached
    assert steps[1].seconds == pytest.approx(2.5, abs=1e-5)
    failed = parser.failed()
    assert failed is not None and failed[0].instruction == "RUN make" and failed[1] == ["building"]
    assert parser.text_lines == ["ERROR: failed to solve: exit code: 2"]
    assert parser.instruction_total() == 2 and parser.instructions_done() == 2
