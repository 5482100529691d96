"""What the model says about stages, instructions, flags, heredocs, directives and pragmas."""

from __future__ import annotations

from pathlib import Path

import pytest

from imgopt.dockerfile import Dockerfile, parse, parse_file, parse_image_ref, parse_mount

CASES = Path(__file__).parent / "cases"


def case(name: str, **kwargs: dict[str, str]) -> Dockerfile:
    return parse_file(CASES / f"{name}.Dockerfile", **kwargs)  # type: ignore[arg-type]


def test_arg_before_from_resolves_base_with_defaults() -> None:
    df = case("arg_before_from")
    assert [a.line for a in df.global_args] == [1, 2, 3]
    base = df.stages[0]
    assert base.base == "${REGISTRY:-docker.io/library}/python:${PYTHON_VERSION}-${VARIANT}"
    assert base.base_resolved == "docker.io/library/python:3.11-slim"
    assert base.image is not None
    assert (base.image.registry, base.image.repository, base.image.tag) == (
        "docker.io",
        "library/python",
        "3.11-slim",
    )
    assert base.image.family == "python"
    assert df.arg_values == {"PYTHON_VERSION": "3.11", "VARIANT": "slim", "REGISTRY": None}
    # FROM base: the second stage builds on the first.
    assert df.stages[1].base_stage == 0
    assert df.stages[1].image is None
    assert df.stages[0].used_by == (1,)
    assert not df.stages[0].is_final and df.stages[1].is_final
    # FROM base: the first stage's layers are in the final image.
    assert df.stages[0].in_final_image and df.stages[1].in_final_image


def test_build_args_override_arg_defaults() -> None:
    df = case("arg_before_from", build_args={"PYTHON_VERSION": "3.12", "REGISTRY": "ghcr.io/x"})
    assert df.stages[0].base_resolved == "ghcr.io/x/python:3.12-slim"


def test_arg_defaults_see_earlier_args() -> None:
    df = parse('ARG V=1\nARG IMG="app:${V}"\nFROM $IMG AS ${NAME:-Built}\n')
    assert df.stages[0].base_resolved == "app:1"
    assert df.stages[0].name == "built"
    assert df.stages[0].name_as_written == "${NAME:-Built}"


def test_automatic_platform_args_resolve_stage_names() -> None:
    text = (
        "FROM scratch AS app-linux-amd64\n"
        "FROM scratch AS app-linux-arm64\n"
        "FROM app-linux-${TARGETARCH} AS app-linux\n"
        "FROM app-${TARGETOS}\n"
    )
    df = parse(text, build_args={"TARGETARCH": "arm64"})
    assert [s.base_stage for s in df.stages] == [None, None, 1, 2]
    assert df.stages[3].base_resolved == "app-linux"
    assert "TARGETARCH" not in df.arg_values  # not declared: not a global ARG
    assert [s.in_final_image for s in df.stages] == [False, True, True, True]


def test_multistage_dependencies_and_mounts() -> None:
    df = case("multistage_mounts")
    build, test, final = df.stages
    assert (build.name, test.name, final.name) == ("build", "test", "final")
    assert build.platform == "$BUILDPLATFORM"
    assert test.base_stage == 0 and test.depends_on == (0,)
    assert final.depends_on == (0,)
    assert build.used_by == (1, 2)
    assert not test.is_used and not test.is_final
    assert final.is_final
    assert [s.in_final_image for s in df.stages] == [False, False, True]
    assert final.image is not None and final.image.registry == "gcr.io"
    run = build.find("RUN")[1]
    mounts = run.mounts
    assert [m.type for m in mounts] == ["cache", "cache", "bind"]
    assert mounts[0].target == "/go/pkg/mod"
    assert mounts[2].target == "." and mounts[2].source is None
    assert run.body.strip().startswith("CGO_ENABLED=0 go build")
    test_run = test.find("RUN")[0]
    assert test_run.mounts[0].from_ == "build"
    copy = final.find("COPY")[0]
    assert copy.flag("from") == "build"
    assert copy.flag("chown") == "nonroot:nonroot"
    assert copy.flag("chmod") == "0755"
    assert copy.flag("link") is None
    assert [f.raw for f in copy.flags] == [
        "--from=build",
        "--chown=nonroot:nonroot",
        "--chmod=0755",
    ]


def test_copy_from_index_and_external_image() -> None:
    df = case("copy_from_index_image")
    assert df.stages[1].depends_on == (0,)
    assert df.stages[2].depends_on == (1,)  # --from=nginx:latest is an image, not a stage
    assert df.stage("build") is df.stages[1]
    assert df.stage(0) is df.stages[0]
    assert df.stage("nope") is None


def test_bare_flag_and_link() -> None:
    df = parse("FROM a\nCOPY --link --from=b x y\nRUN --network=none --security=insecure true\n")
    copy, run = df.stages[0].body
    assert copy.has_flag("link") and copy.flag("link") == ""
    assert copy.flags[0].value is None
    assert run.flag("network") == "none" and run.flag("security") == "insecure"


def test_mount_parsing_normalises_aliases() -> None:
    m = parse_mount("type=secret,id=npmrc,dst=/root/.npmrc,ro")
    assert m.type == "secret" and m.id == "npmrc" and m.target == "/root/.npmrc"
    assert m.get("readonly") == "true"
    assert parse_mount("target=/x").type == "bind"
    assert parse_mount('type=bind,src="a,b",target=/y').source == "a,b"


def test_heredocs() -> None:
    df = case("heredoc_strip_tabs_multiple")
    run1, run2, run3, copy = df.stages[0].body
    (doc,) = run1.heredocs
    assert doc.name == "EOT" and doc.strip_tabs and not doc.quoted
    assert doc.content == '\tset -e\n\tapk add --no-cache curl\n\techo "done"\n'
    assert doc.script == 'set -e\napk add --no-cache curl\necho "done"\n'
    assert run1.end_line == 6
    assert [d.name for d in run2.heredocs] == ["A", "B"]
    assert [d.content for d in run2.heredocs] == ["first\n", "second\n"]
    assert run3.heredocs[0].quoted
    assert [d.name for d in copy.heredocs] == ["one", "two"]
    assert copy.end_line == 19


def test_heredoc_run_instruction_span_covers_body() -> None:
    df = case("heredoc_run")
    run = df.stages[0].find("RUN")[0]
    assert (run.line, run.end_line) == (3, 8)
    assert run.raw.endswith("\nEOF")
    assert df.directives[0].name == "syntax"
    assert df.directives[0].value == "docker/dockerfile:1.7"


def test_exec_and_shell_forms() -> None:
    df = case("exec_forms")
    shell, run1, _run2, entry, cmd, _volume, stop = df.stages[0].body
    assert shell.is_exec_form and shell.exec_args == ("/bin/bash", "-o", "pipefail", "-c")
    assert run1.exec_args == ("npm", "ci", "--omit=dev")
    assert run1.shell_body is None
    assert entry.exec_args == ("node",) and cmd.exec_args == ("server.js",)
    assert not stop.is_exec_form and stop.args == ("SIGTERM",)
    shell_form = parse("FROM a\nRUN echo a \\\n  && echo b\n").stages[0].body[0]
    assert not shell_form.is_exec_form
    assert shell_form.shell_body == "echo a   && echo b"


def test_onbuild_healthcheck_maintainer() -> None:
    df = case("onbuild_healthcheck")
    ob_copy, ob_run, hc1, hc2, hc3, maint = df.stages[0].body
    assert ob_copy.keyword == "ONBUILD" and ob_copy.sub_keyword == "COPY"
    assert ob_copy.effective_keyword == "COPY"
    assert ob_copy.flag("chown") == "app:app"
    assert ob_run.shell_body == "bundle install --without development test"
    assert hc1.flag("interval") == "30s" and hc1.flag("timeout") == "3s"
    assert hc1.shell_body == "curl -f http://localhost:3000/health || exit 1"
    assert hc2.is_exec_form and hc2.exec_args == ("curl", "-f", "http://localhost/")
    assert hc3.args == ("NONE",) and hc3.shell_body is None
    assert maint.keyword == "MAINTAINER"


def test_crlf_bom_no_final_newline_and_escape() -> None:
    crlf = case("crlf")
    assert crlf.newline == "\r\n"
    run = crlf.stages[0].find("RUN")[0]
    assert run.raw == "RUN pip install \\\r\n    -r requirements.txt"
    assert run.span.end_line == 5
    bom = case("bom")
    assert bom.has_bom and bom.instructions[0].span.start == 1
    assert bom.instructions[0].span.start_col == 1
    nofinal = case("no_trailing_newline")
    assert nofinal.instructions[-1].raw == 'CMD ["/hello"]'
    assert nofinal.stages[0].image is not None and nofinal.stages[0].image.is_scratch
    win = case("backtick_escape_windows")
    assert win.escape == "`"
    run = win.stages[0].find("RUN")[0]
    assert (run.line, run.end_line) == (6, 7)
    assert run.body.strip() == "New-Item -ItemType Directory C:\\data ;     Write-Host done"


def test_parser_directives_and_comments() -> None:
    df = case("parser_directives")
    assert [(d.name, d.value) for d in df.directives] == [
        ("syntax", "docker/dockerfile:1.7-labs"),
        ("check", "skip=JSONArgsRecommended;error=true"),
        ("escape", "\\"),
    ]
    assert df.comments[-1].body == "a normal comment after the directives"
    # Directly above FROM: attached to it; the directives (after a blank line) are not.
    assert [c.line for c in df.stages[0].from_instruction.comments] == [5]


def test_comments_inside_continuations_are_dropped_from_the_body() -> None:
    df = case("comments_in_continuation")
    run = df.stages[0].find("RUN")[0]
    assert "#" not in run.body
    assert (run.line, run.end_line) == (2, 10)
    assert "libpq5" in run.body and "curl" in run.body
    assert df.comments[-1].text == "# trailing comment"


def test_pragmas_apply_to_the_next_instruction_only() -> None:
    df = case("pragmas")
    run1, run2, run3 = df.stages[0].find("RUN")
    assert run1.suppressed_codes() == {"IMG101", "IMG102"}
    assert run1.suppression_reason("IMG101") == "the lists are needed by a later step"
    assert run2.suppressed_codes() == {"IMG110"}
    assert run2.suppression_reason("IMG110") is None
    assert len(run2.comments) == 2
    assert run3.suppressed_codes() == frozenset()


def test_indented_lowercase_keywords_and_stage_names() -> None:
    df = case("indented_lowercase")
    assert [i.keyword for i in df.instructions][:4] == ["FROM", "WORKDIR", "COPY", "RUN"]
    assert df.stages[0].name == "build" and df.stages[0].name_as_written == "Build"
    assert df.stages[1].depends_on == (0,)
    frm = df.stages[0].from_instruction
    assert frm.indent == "  " and frm.span.start_col == 3


def test_env_label_arg_key_values() -> None:
    df = case("env_label_forms")
    env1, env2, label, arg = df.stages[0].find("ENV", "LABEL", "ARG")
    assert env1.key_values() == [("PIP_NO_CACHE_DIR", "1"), ("PYTHONDONTWRITEBYTECODE", "1")]
    assert env2.key_values() == [("LEGACY", "value with spaces")]
    assert label.key_values() == [
        ("org.opencontainers.image.title", "my app"),
        ("org.opencontainers.image.version", "1.0"),
    ]
    assert arg.key_values() == [("A", "1"), ("B", "two words")]
    add = df.stages[0].find("ADD")[1]
    assert add.flag("checksum") == "sha256:0123"


def test_instruction_lookup_helpers() -> None:
    df = case("comments_in_continuation")
    assert df.instruction_at(5) is df.instructions[1]
    assert df.instruction_at(11) is None
    assert df.stage_of(df.instructions[1]) is df.stages[0]
    assert df.line_text(2) == "RUN apt-get update \\"
    assert list(df) == list(df.instructions)


@pytest.mark.parametrize(
    ("ref", "registry", "repository", "tag", "digest", "name"),
    [
        ("python:3.11-slim", None, "python", "3.11-slim", None, "python"),
        (
            "gcr.io/distroless/static-debian12",
            "gcr.io",
            "distroless/static-debian12",
            None,
            None,
            "static-debian12",
        ),
        ("node@sha256:abcd", None, "node", None, "sha256:abcd", "node"),
        ("scratch", None, "scratch", None, None, "scratch"),
        ("localhost:5000/app:1", "localhost:5000", "app", "1", None, "app"),
        ("library/nginx:1.27@sha256:ff", None, "library/nginx", "1.27", "sha256:ff", "nginx"),
        ("docker.io/bitnami/redis", "docker.io", "bitnami/redis", None, None, "redis"),
    ],
)
def test_image_refs(
    ref: str,
    registry: str | None,
    repository: str,
    tag: str | None,
    digest: str | None,
    name: str,
) -> None:
    img = parse_image_ref(ref)
    assert (img.registry, img.repository, img.tag, img.digest, img.name) == (
        registry,
        repository,
        tag,
        digest,
        name,
    )
    assert img.render() == ref


def test_image_ref_helpers() -> None:
    img = parse_image_ref("python:3.11")
    assert img.is_official and img.is_docker_hub and not img.is_scratch
    assert img.with_tag("3.11-slim").raw == "python:3.11-slim"
    assert parse_image_ref("node").effective_tag == "latest"
    assert parse_image_ref("scratch").is_scratch
    assert parse_image_ref("gcr.io/distroless/base").with_repository("distroless/static").raw == (
        "gcr.io/distroless/static"
    )
    assert parse_image_ref("app:${TAG}").has_variables
