"""Property tests: for any text, parse either round-trips byte for byte with consistent positions,
or raises DockerfileParseError with a line >= 1. Nothing else may escape."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_dockerfile_roundtrip import check_positions

from imgopt.dockerfile import Editor, parse, run_commands, split_commands
from imgopt.errors import DockerfileParseError

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

words = st.sampled_from(
    [
        "a",
        "python:3.11-slim",
        "${PY:-3.11}",
        "$X",
        "--mount=type=cache,target=/root/.cache",
        "--from=build",
        "--chown=1:1",
        "--link",
        "--platform=$BUILDPLATFORM",
        "AS",
        "build",
        "&&",
        "||",
        ";",
        "|",
        "'q u'",
        '"d q"',
        "\\",
        "`",
        "#",
        '["a", "b"]',
        "[",
        "<<EOF",
        "<<-EOF",
        "<<'X'",
        "2>&1",
        "C:\\app",
        "é",
        "\u2028",
        "\x0b",
        "\x00",
    ]
)
keywords = st.sampled_from(
    [
        "FROM",
        "RUN",
        "COPY",
        "ADD",
        "ARG",
        "ENV",
        "CMD",
        "ENTRYPOINT",
        "ONBUILD",
        "HEALTHCHECK",
        "LABEL",
        "WORKDIR",
        "USER",
        "EXPOSE",
        "SHELL",
        "from",
        "run",
        "BOGUS",
        "",
    ]
)
indent = st.sampled_from(["", " ", "  ", "\t"])
instruction_line = st.builds(
    lambda i, k, ws: i + " ".join([k, *ws]), indent, keywords, st.lists(words, max_size=6)
)
other_line = st.sampled_from(
    [
        "",
        "   ",
        "# comment",
        "  # imgopt: ignore=IMG101 why",
        "# syntax=docker/dockerfile:1",
        "# escape=`",
        "EOF",
        "\tEOF",
        "X",
        "\\",
        "  && more \\",
        "`",
    ]
)
line = st.one_of(instruction_line, instruction_line, other_line)
newline = st.sampled_from(["\n", "\r\n"])


@st.composite
def dockerfiles(draw: st.DrawFn) -> str:
    nl = draw(newline)
    body = draw(st.lists(line, max_size=14))
    head = ["FROM a"] if draw(st.booleans()) else []
    text = nl.join(head + body)
    if draw(st.booleans()):
        text += nl
    if draw(st.integers(0, 9)) == 0:
        text = "\ufeff" + text
    return text


def parse_or_error(text: str) -> None:
    try:
        df = parse(text)
    except DockerfileParseError as err:
        assert err.line >= 1
        assert err.detail
        return
    check_positions(df)
    for ins in df.instructions:
        run_commands(ins)
        ins.suppressed_codes()
        ins.key_values()
        _ = ins.mounts
    assert Editor(df).render() == text


@SETTINGS
@given(dockerfiles())
def test_grammar_generated_dockerfiles(text: str) -> None:
    parse_or_error(text)


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_text(text: str) -> None:
    parse_or_error(text)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("FROMRUN a\\`\n\r\t#<-EOF\"'[],=$")), max_size=200))
def test_dockerfile_alphabet_garbage(text: str) -> None:
    parse_or_error(text)


@SETTINGS
@given(st.binary(max_size=200))
def test_arbitrary_bytes_decoded_like_parse_file(data: bytes) -> None:
    parse_or_error("FROM a\n" + data.decode("utf-8", "surrogateescape"))


@SETTINGS
@given(st.text(max_size=200))
def test_shell_splitter_never_raises_and_spans_are_in_range(script: str) -> None:
    for cmd in split_commands(script):
        assert 0 <= cmd.start <= cmd.end <= len(script)
        assert cmd.words
        for word in cmd.words:
            assert script[word.start : word.end] == word.raw
