"""Malformed input raises DockerfileParseError with the right 1-based line, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from imgopt.dockerfile import parse, parse_file
from imgopt.errors import DockerfileParseError, InputError


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("FROM a\nRUN <<EOF\necho hi\n", 2, "unterminated heredoc"),
        ("FROM a\nRUN x\n\nCOPY <<EOF /x\nbody\nEOT\n", 4, "unterminated heredoc"),
        ("FROM a\nRUN echo\nFOO bar\n", 3, "unknown instruction 'FOO'"),
        ("FROM a\n  RUNN echo\n", 2, "unknown instruction 'RUNN'"),
        ("FROM\n", 1, "FROM needs a base image"),
        ("ARG X\n\nFROM   \n", 3, "FROM needs a base image"),
        ("FROM a b\n", 1, "malformed FROM"),
        ("FROM a AS\n", 1, "malformed FROM"),
        ("FROM a FOR b\n", 1, "malformed FROM"),
        ("# syntax=docker/dockerfile:1\nRUN echo\nFROM a\n", 2, "RUN before the first FROM"),
        ("ARG A=1\nENV B=2\nFROM a\n", 2, "ENV before the first FROM"),
        ("ARG A=1\nARG B\n", 2, "no FROM instruction"),
        ("", 1, "no instructions"),
        ("# only a comment\n\n", 1, "no instructions"),
        ("FROM a\nONBUILD FROM b\n", 2, "not allowed after ONBUILD"),
        ("FROM a\nONBUILD\n", 2, "ONBUILD needs an instruction"),
        ("FROM a\n\\\n", 2, "expected an instruction"),
        ("# escape=x\nFROM a\n", 1, "invalid escape directive"),
        ("# escape=`\n# escape=\\\nFROM a\n", 2, "escape"),
    ],
)
def test_error_line_and_message(text: str, line: int, fragment: str) -> None:
    with pytest.raises(DockerfileParseError) as info:
        parse(text, path="Dockerfile")
    err = info.value
    assert err.line == line, err
    assert fragment in err.detail
    assert str(err).startswith(f"Dockerfile:{line}: ")
    assert isinstance(err, InputError)


def test_unterminated_heredoc_hint_names_the_delimiter() -> None:
    with pytest.raises(DockerfileParseError) as info:
        parse("FROM a\nRUN <<-'END' bash\n\techo\n")
    assert info.value.line == 2
    assert info.value.hint is not None and "'END'" in info.value.hint


def test_unknown_instruction_hint_lists_keywords() -> None:
    with pytest.raises(DockerfileParseError) as info:
        parse("FROM a\nCOPPY a b\n")
    assert info.value.hint is not None and "COPY" in info.value.hint


def test_unreadable_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "Dockerfile"
    with pytest.raises(DockerfileParseError) as info:
        parse_file(missing)
    assert info.value.line == 1
    assert info.value.path == str(missing)
    assert "cannot read" in info.value.detail
    with pytest.raises(DockerfileParseError):
        parse_file(tmp_path)  # a directory


def test_syntax_directive_alone_is_fine() -> None:
    df = parse("# syntax=docker/dockerfile:1\nFROM a\n")
    assert df.directives[0].value == "docker/dockerfile:1"


def test_non_str_input_is_a_parse_error() -> None:
    with pytest.raises(DockerfileParseError):
        parse(b"FROM a\n")  # type: ignore[arg-type]
