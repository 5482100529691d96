"""What PATH means, the output folder (never a user's files), and --apply."""

from __future__ import annotations

from pathlib import Path

import pytest
from analyze_fakes import DOCKERFILE, analysed

from imgopt.analyze.apply import apply
from imgopt.analyze.targets import resolve_source
from imgopt.analyze.workspace import (
    ignore_line,
    own_ignore_file,
    prepare_out,
    release_out,
    write_plan,
)
from imgopt.errors import ConfigError, InputError
from imgopt.variants import plan_variants

COMPOSE = "services:\n  web:\n    build: .\n  db:\n    image: postgres:15\n"


def app(tmp_path: Path, *, compose: bool = False, dockerfile: bool = True) -> Path:
    folder = tmp_path / "app"
    folder.mkdir()
    if dockerfile:
        (folder / "Dockerfile").write_text(DOCKERFILE)
    (folder / "main.py").write_text("print('hi')\n")
    if compose:
        (folder / "docker-compose.yml").write_text(COMPOSE)
    return folder


# -- PATH -----------------------------------------------------------------------------------------


def test_a_folder_is_a_build_context(tmp_path: Path) -> None:
    folder = app(tmp_path)
    source = resolve_source(folder)
    assert source.kind == "dockerfile" and source.notes == ()
    (target,) = source.targets
    assert (target.name, target.dockerfile, target.context) == (
        "app",
        folder / "Dockerfile",
        folder,
    )


def test_a_dockerfile_s_folder_is_its_context(tmp_path: Path) -> None:
    folder = app(tmp_path)
    (target,) = resolve_source(folder / "Dockerfile").targets
    assert target.context == folder


def test_dash_f_is_taken_as_given_then_inside_the_context(tmp_path: Path) -> None:
    folder = app(tmp_path)
    (folder / "prod.Dockerfile").write_text(DOCKERFILE)
    (target,) = resolve_source(folder, Path("prod.Dockerfile")).targets
    assert target.dockerfile == folder / "prod.Dockerfile" and target.context == folder
    (target,) = resolve_source(folder, folder / "prod.Dockerfile").targets
    assert target.dockerfile == folder / "prod.Dockerfile"


def test_a_folder_with_both_is_the_dockerfile_with_a_note(tmp_path: Path) -> None:
    folder = app(tmp_path, compose=True)
    source = resolve_source(folder)
    assert source.kind == "dockerfile"
    assert "docker-compose.yml" in source.notes[0] and "every service" in source.notes[0]


def test_a_compose_file_or_a_folder_with_only_one(tmp_path: Path) -> None:
    folder = app(tmp_path, compose=True)
    source = resolve_source(folder / "docker-compose.yml")
    assert source.kind == "compose" and source.services == ("web", "db")
    assert [t.name for t in source.targets] == ["web"]
    assert [s.name for s in source.image_services] == ["db"]
    (folder / "Dockerfile").rename(folder / "Dockerfile.web")
    (folder / "docker-compose.yml").write_text(
        "services:\n  web:\n    build:\n      context: .\n      dockerfile: Dockerfile.web\n"
    )
    source = resolve_source(folder)
    assert source.kind == "compose" and source.targets[0].dockerfile.name == "Dockerfile.web"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda f: f / "missing", "no such file or directory"),
        (lambda f: f.parent / "empty", "holds no Dockerfile and no Compose file"),
    ],
)
def test_bad_paths(tmp_path: Path, make: object, message: str) -> None:
    folder = app(tmp_path)
    (tmp_path / "empty").mkdir()
    assert callable(make)
    with pytest.raises(InputError, match=message):
        resolve_source(make(folder))


def test_dash_f_with_a_file_or_a_missing_dockerfile(tmp_path: Path) -> None:
    folder = app(tmp_path)
    with pytest.raises(InputError, match="is a file"):
        resolve_source(folder / "Dockerfile", Path("Dockerfile"))
    with pytest.raises(InputError, match="no such Dockerfile"):
        resolve_source(folder, Path("nope.Dockerfile"))


def test_compose_service_with_a_missing_dockerfile(tmp_path: Path) -> None:
    folder = app(tmp_path, dockerfile=False)
    compose = folder / "compose.yaml"
    compose.write_text("services:\n  web:\n    build: .\n")
    with pytest.raises(InputError, match=r"services.web: Dockerfile .* is missing"):
        resolve_source(compose)
    compose.write_text("services:\n  web:\n    build: ./nowhere\n")
    with pytest.raises(InputError, match=r"services.web: build context .* is missing"):
        resolve_source(compose)
    compose.write_text("services: [")
    with pytest.raises(ConfigError):
        resolve_source(compose)


# -- the output folder ----------------------------------------------------------------------------


def test_prepare_out_creates_and_replaces_only_its_own(tmp_path: Path) -> None:
    from imgopt.userfiles import MARKER, write_text

    context = app(tmp_path)
    out = tmp_path / "out"
    prepare_out(out, [context])
    assert out.is_dir() and (out / MARKER).is_file()
    # What the previous analysis wrote (its marker lists it) is replaced...
    for rel in ("analysis.json", "run.json", "report/report.md", "web/run.json"):
        write_text(out / rel, "old")
    # ...but a file the user put there, even under imgopt's names, is kept.
    (out / "report" / "q3.md").write_text("mine")
    (out / "dockerfiles" / "hygiene").mkdir(parents=True)
    (out / "dockerfiles" / "hygiene" / "notes.md").write_text("mine too")
    release_out(out)
    prepare_out(out, [context])
    left = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert left == [
        ".imgopt-out",
        ".imgopt-out.lock",
        "dockerfiles/hygiene/notes.md",
        "report/q3.md",
    ]
    release_out(out)
    # A folder without imgopt's marker stops it before a file is touched.
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "analysis.json").write_text("old")
    with pytest.raises(InputError, match="did not write"):
        prepare_out(foreign, [context])
    assert (foreign / "analysis.json").read_text() == "old"


def test_prepare_out_never_holds_the_context(tmp_path: Path) -> None:
    context = app(tmp_path)
    for out in (context, tmp_path):
        with pytest.raises(InputError, match="would hold the build context"):
            prepare_out(out, [context])
    assert (context / "Dockerfile").exists()


def test_write_plan_builds_the_original_from_the_users_file_when_out_is_outside(
    tmp_path: Path,
) -> None:
    context = app(tmp_path)
    plan = plan_variants(DOCKERFILE, context_dir=context)
    out = tmp_path / "out" / "dockerfiles"
    files = write_plan(plan, out, dockerfile=context / "Dockerfile", context=context, exclude=None)
    assert files["original"] == context / "Dockerfile"
    assert files["hygiene"] == out / "hygiene" / "Dockerfile"
    assert files["hygiene"].read_text() == plan.get("hygiene").dockerfile  # type: ignore[union-attr]
    assert (out / "hygiene.diff").read_text().startswith("--- a/Dockerfile")
    assert (out / "summary.json").is_file()
    # No ignore file is needed when the context's own serves every variant.
    assert not (out / "hygiene" / "Dockerfile.dockerignore").exists()


def test_write_plan_leaves_an_inner_out_folder_out_of_every_build(tmp_path: Path) -> None:
    context = app(tmp_path)
    (context / ".dockerignore").write_text(".git\n")
    out = context / "imgopt-analysis"
    line = ignore_line(out, context)
    assert line == "imgopt-analysis"
    assert ignore_line(tmp_path / "elsewhere", context) is None
    plan = plan_variants(DOCKERFILE, context_dir=context)
    files = write_plan(
        plan, out / "dockerfiles", dockerfile=context / "Dockerfile", context=context, exclude=line
    )
    for name, path in files.items():
        assert path.parent.parent == out / "dockerfiles", name  # the original's copy too
        ignore = (path.parent / "Dockerfile.dockerignore").read_text()
        assert ignore.splitlines()[-1] == "imgopt-analysis"
        assert ".git" in ignore  # the user's own entries are kept
    assert files["original"].read_text() == DOCKERFILE


def test_a_dockerfile_s_own_ignore_file_is_what_its_variants_build_with(tmp_path: Path) -> None:
    context = app(tmp_path)
    (context / ".dockerignore").write_text("*.md\n")
    (context / "Dockerfile.dockerignore").write_text("secret\n")
    path, text = own_ignore_file(context / "Dockerfile", context)
    assert path == context / "Dockerfile.dockerignore" and text == "secret\n"
    plan = plan_variants(DOCKERFILE, context_dir=context)
    files = write_plan(
        plan, tmp_path / "d", dockerfile=context / "Dockerfile", context=context, exclude=None
    )
    for name, f in files.items():
        if name != "original" and plan.get(name).dockerignore is None:  # type: ignore[union-attr]
            assert (f.parent / "Dockerfile.dockerignore").read_text() == "secret\n"


# -- --apply --------------------------------------------------------------------------------------


def test_apply_writes_only_dockerfile_imgopt_and_its_own_dockerignore(tmp_path: Path) -> None:
    context = app(tmp_path)
    done = apply(analysed(context, "slim-base", dockerignore=".git\n"))
    specific = context / "Dockerfile.imgopt.dockerignore"
    assert done.applied == (context / "Dockerfile.imgopt", specific)
    assert (context / "Dockerfile.imgopt").read_text().startswith("FROM debian:bookworm-slim")
    assert (context / "Dockerfile").read_text() == DOCKERFILE  # the user's file is untouched
    # Never the context's .dockerignore: it would change how the user's own Dockerfile builds.
    assert not (context / ".dockerignore").exists()
    assert specific.read_text() == ".git\n"


def test_apply_never_overwrites_the_users_dockerignore(tmp_path: Path) -> None:
    context = app(tmp_path)
    (context / ".dockerignore").write_text("mine\n")
    done = apply(analysed(context, "slim-base", dockerignore=".git\n"))
    assert (context / ".dockerignore").read_text() == "mine\n"
    # BuildKit reads <Dockerfile>.dockerignore for -f Dockerfile.imgopt: built as measured.
    assert done.applied[1] == context / "Dockerfile.imgopt.dockerignore"
    assert done.applied[1].read_text() == ".git\n"


def test_apply_writes_nothing_when_the_original_is_kept(tmp_path: Path) -> None:
    context = app(tmp_path)
    done = apply(analysed(context, "original"))
    assert done.applied == ()
    assert sorted(p.name for p in context.iterdir()) == ["Dockerfile", "main.py"]
