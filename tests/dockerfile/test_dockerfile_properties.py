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


def _go_or_error(text: str, *, chunked: bool) -> object:
    """BuildKit's commands for ``text`` with absolute lines, whole or through the chunk cache,
    or the error's type name."""
    import dockerfile as go

    from imgopt.dockerfile import parser

    text = parser._SURROGATES.sub("\ufffd", text)  # what the parser hands to BuildKit
    try:
        if not chunked:
            return [tuple(c) for c in go.parse_string(text)]
        p = parser._Parser(text, None, {})
        p.n_directives = len(p.directives())
        return [
            tuple(c._replace(start_line=c.start_line + k, end_line=c.end_line + k))
            for c, k, _ in p.go_commands(text)
        ]
    except Exception as exc:  # the type is what is compared
        return type(exc).__name__


@SETTINGS
@given(dockerfiles(), dockerfiles(), st.sampled_from(["", "\n", "RUN x \\\n"]))
def test_chunked_parse_is_buildkits_whole_parse(a: str, b: str, glue: str) -> None:
    """Parsing only unseen instructions (the chunk cache) gives exactly what BuildKit gives for
    the whole text, whatever was parsed before; and so does the model built from it."""
    from imgopt.dockerfile import parser

    for text in (b, a, a + glue + b, b + glue + a):
        assert _go_or_error(text, chunked=True) == _go_or_error(text, chunked=False), text
    parser._parse_cached.cache_clear()
    for text in (b, a, b + glue):  # their instructions are then known, moved in what follows
        _model_or_error(text)
    parser._parse_cached.cache_clear()
    warm = _model_or_error(a + glue + b)
    parser._GO_CHUNKS.clear()
    parser._INSTRUCTIONS.clear()
    parser._parse_cached.cache_clear()
    assert _model_or_error(a + glue + b) == warm


GARBAGE = st.text(alphabet=st.sampled_from(list("FROMRUN a\\`\n\r\t#-\"'[],=$")), max_size=200)


@SETTINGS
@given(GARBAGE, GARBAGE, st.sampled_from(["\n", "\\\n", "# c\n"]))
def test_chunked_parse_of_garbage_is_buildkits(a: str, b: str, glue: str) -> None:
    test_chunked_parse_is_buildkits_whole_parse.hypothesis.inner_test(a, b, glue)  # type: ignore[attr-defined]


def _model_or_error(text: str) -> object:
    try:
        df = parse(text)
    except DockerfileParseError as err:
        return err.message
    import dataclasses

    stages = [tuple(getattr(st, f.name) for f in dataclasses.fields(st)) for st in df.stages]
    return (df.items, df.comments, df.directives, df.global_args, stages, df.arg_values)
