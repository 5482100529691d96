"""Minimal edits: what an edit touches changes, every other byte stays identical."""

from __future__ import annotations

from pathlib import Path

import pytest

from imgopt.dockerfile import (
    Edit,
    EditConflictError,
    Editor,
    apply_edits,
    exec_form,
    parse,
    parse_file,
    render_stage,
    run_commands,
)

CASES = Path(__file__).parent / "cases"

SRC = (
    "# syntax=docker/dockerfile:1\n"
    "FROM python:3.11\n"
    "WORKDIR /app\n"
    "# imgopt: ignore=IMG101 kept\n"
    "RUN apt-get update \\\n"
    "    && apt-get install -y gcc\n"
    "COPY . .\n"
    'CMD ["python", "app.py"]\n'
)


def test_no_edits_render_the_source() -> None:
    df = parse(SRC)
    assert Editor(df).render() == SRC


def test_replace_and_insert_in_body() -> None:
    df = parse(SRC)
    st = df.stages[0]
    run = st.find("RUN")[0]
    install = run_commands(run)[1]
    ed = Editor(df)
    ed.replace(st.from_instruction, "FROM python:3.11-slim")
    ed.insert_at(run.source_offset(install.words[1].end), " --no-install-recommends")
    ed.insert_at(run.source_offset(install.end), " \\\n    && rm -rf /var/lib/apt/lists/*")
    assert ed.render() == SRC.replace("FROM python:3.11\n", "FROM python:3.11-slim\n").replace(
        "    && apt-get install -y gcc\n",
        "    && apt-get install --no-install-recommends -y gcc \\\n"
        "    && rm -rf /var/lib/apt/lists/*\n",
    )


def test_insert_before_keeps_pragma_with_its_instruction() -> None:
    df = parse(SRC)
    run = df.stages[0].find("RUN")[0]
    out = Editor(df).insert_before(run, "ENV PIP_NO_CACHE_DIR=1").render()
    assert "WORKDIR /app\nENV PIP_NO_CACHE_DIR=1\n# imgopt: ignore=IMG101 kept\nRUN apt-get" in out
    reparsed = parse(out)
    assert reparsed.stages[0].find("RUN")[0].suppressed_codes() == {"IMG101"}


def test_insert_after_and_delete() -> None:
    df = parse(SRC)
    st = df.stages[0]
    _workdir, run, copy, _ = st.body
    out = Editor(df).insert_after(copy, "USER nobody").delete(run).render()
    assert out == (
        "# syntax=docker/dockerfile:1\n"
        "FROM python:3.11\n"
        "WORKDIR /app\n"
        "COPY . .\n"
        "USER nobody\n"
        'CMD ["python", "app.py"]\n'
    )
    kept = Editor(df).delete(run, with_comments=False).render()
    assert "# imgopt: ignore=IMG101 kept\nCOPY . .\n" in kept


def test_replace_text_and_replace_in() -> None:
    df = parse(SRC)
    run = df.stages[0].find("RUN")[0]
    out = Editor(df).replace_text(run, "gcc", "gcc libpq-dev").render()
    assert "apt-get install -y gcc libpq-dev\n" in out
    out2 = Editor(df).replace_in(run, 4, 18, "apt-get -q update").render()
    assert "RUN apt-get -q update \\\n" in out2
    with pytest.raises(ValueError):
        Editor(df).replace_text(run, "not there", "x")


def test_crlf_files_stay_crlf_and_untouched_lines_identical() -> None:
    df = parse_file(CASES / "crlf.Dockerfile")
    copy = df.stages[0].find("COPY")[1]
    out = Editor(df).insert_after(copy, "RUN a \\\n    && b").render()
    assert "COPY . .\r\nRUN a \\\r\n    && b\r\n" in out
    assert "\n" not in out.replace("\r\n", "")
    assert out.replace("RUN a \\\r\n    && b\r\n", "") == df.text


def test_append_to_file_without_final_newline() -> None:
    df = parse_file(CASES / "no_trailing_newline.Dockerfile")
    out = Editor(df).append("USER 65532").render()
    assert out == df.text + "\nUSER 65532\n"
    parse(out)


def test_delete_last_instruction_without_newline() -> None:
    df = parse("FROM a\nRUN b")
    assert Editor(df).delete(df.instructions[1]).render() == "FROM a\n"


def test_insert_before_first_instruction_keeps_bom_and_directives() -> None:
    df = parse("\ufeff# syntax=docker/dockerfile:1\nFROM a\n")
    out = Editor(df).insert_before(df.instructions[0], "ARG BASE=a").render()
    assert out == "\ufeff# syntax=docker/dockerfile:1\nARG BASE=a\nFROM a\n"
    df2 = parse("\ufeffFROM a\n")
    assert Editor(df2).insert_before(df2.instructions[0], "ARG X").render() == (
        "\ufeffARG X\nFROM a\n"
    )


def test_indentation_is_copied() -> None:
    df = parse("FROM a\n    RUN x\n")
    assert Editor(df).insert_after(df.instructions[1], "RUN y").render() == (
        "FROM a\n    RUN x\n    RUN y\n"
    )


def test_heredoc_instruction_is_replaced_whole() -> None:
    df = parse_file(CASES / "heredoc_run.Dockerfile")
    run = df.stages[0].find("RUN")[0]
    out = Editor(df).replace(run, "RUN echo replaced").render()
    reparsed = parse(out)
    assert [i.keyword for i in reparsed.instructions] == ["FROM", "RUN", "COPY", "CMD"]
    assert reparsed.stages[0].find("RUN")[0].raw == "RUN echo replaced"


def test_overlapping_edits_raise() -> None:
    df = parse(SRC)
    run = df.stages[0].find("RUN")[0]
    ed = Editor(df).replace(run, "RUN x").replace_text(run, "gcc", "g++")
    with pytest.raises(EditConflictError):
        ed.render()
    with pytest.raises(EditConflictError):
        Editor(df).replace_range(0, len(SRC) + 1, "")


def test_apply_edits_orders_insertions_stably() -> None:
    edits = [Edit(3, 3, "b"), Edit(0, 1, "X"), Edit(3, 3, "c"), Edit(3, 4, "D")]
    assert apply_edits("abcdef", edits) == "Xbcbc" + "D" + "ef"


def test_render_stage_and_exec_form() -> None:
    stage = render_stage(
        "gcr.io/distroless/static-debian12",
        ["COPY --from=build /bin/app /app", f"ENTRYPOINT {exec_form(['/app'])}"],
        name="runtime",
        platform="$TARGETPLATFORM",
        comment="runtime: only the static binary",
        newline="\r\n",
    )
    assert stage == (
        "# runtime: only the static binary\r\n"
        "FROM --platform=$TARGETPLATFORM gcr.io/distroless/static-debian12 AS runtime\r\n"
        "COPY --from=build /bin/app /app\r\n"
        'ENTRYPOINT ["/app"]\r\n'
    )
    df = parse(stage)
    assert df.stages[0].name == "runtime"
    assert df.stages[0].find("ENTRYPOINT")[0].exec_args == ("/app",)


def test_appending_a_rendered_stage_gives_a_valid_multistage_file() -> None:
    df = parse(SRC)
    final = df.stages[0]
    ed = Editor(df).replace(final.from_instruction, "FROM python:3.11 AS build")
    ed.append(render_stage("python:3.11-slim", ["COPY --from=build /app /app", 'CMD ["python"]']))
    text = ed.render()
    assert text.endswith('COPY --from=build /app /app\nCMD ["python"]\n')  # no blank line
    out = parse(text)
    assert [s.name for s in out.stages] == ["build", None]
    assert out.stages[0].used_by == (1,)
