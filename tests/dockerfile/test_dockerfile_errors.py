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
        # Arity errors BuildKit reports at parse time ("dockerfile parse error on line N").
        ("FROM a\nCOPY app.py\n", 2, "COPY requires at least two arguments"),
        ("FROM a\nADD \\\n  app.tar.gz\n", 2, "ADD requires at least two arguments"),
        ("FROM a\nCOPY --from=b /x\n", 2, "the destination is missing"),
        ("FROM a\nCOPY\n", 2, "none were provided"),
        ("FROM a\nWORKDIR\n", 2, "WORKDIR requires exactly one argument"),
        ("FROM a\nUSER\n", 2, "USER requires exactly one argument"),
        ("FROM a\nSTOPSIGNAL\n", 2, "STOPSIGNAL requires exactly one argument"),
        ("FROM a\nMAINTAINER\n", 2, "MAINTAINER requires exactly one argument"),
        ("FROM a\nEXPOSE\n", 2, "EXPOSE requires at least one argument"),
        ("FROM a\nVOLUME []\n", 2, "VOLUME requires at least one argument"),
        ('FROM a\nVOLUME ["/a", " "]\n', 2, "can not be an empty string"),
        ("ARG\nFROM a\n", 1, "ARG requires at least one argument"),
        ("FROM a\nLABEL\n", 2, "LABEL requires at least one argument"),
        ("FROM a\nSHELL /bin/bash -c\n", 2, "JSON form"),
        ("FROM a\nSHELL []\n", 2, "SHELL requires at least one argument"),
        ("FROM a\nHEALTHCHECK\n", 2, "HEALTHCHECK requires at least one argument"),
        ("FROM a\nHEALTHCHECK NONE x\n", 2, "HEALTHCHECK NONE takes no arguments"),
        ("FROM a\nHEALTHCHECK --interval=5s CMD\n", 2, "missing command"),
        ("FROM a\nHEALTHCHECK curl x\n", 2, "unknown type"),
        ("FROM a AS 1st\n", 1, "invalid name for build stage"),
        ("FROM a AS b@c\n", 1, "invalid name for build stage"),
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


@pytest.mark.parametrize(
    "text",
    [
        "FROM a AS Build.Stage_1\nCOPY <<EOF /x\nhi\nEOF\n",
        "FROM a\nONBUILD COPY app\n",  # ONBUILD triggers are checked when a child runs them
        'FROM a\nSHELL ["/bin/bash", "-c"]\nHEALTHCHECK NONE\nHEALTHCHECK CMD ["true"]\n',
        'FROM a\nCOPY ["entrypoint.sh","/home/user/entrypoint.sh"]\nCOPY\ta\tb\n',
        "ARG N=x\nFROM a AS ${N}\n",
    ],
)
def test_arity_accepts_what_docker_accepts(text: str) -> None:
    parse(text)


def test_arity_error_is_exit_2_with_file_and_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from imgopt.cli.app import app

    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM debian:bookworm\nCOPY app.py\n")
    result = CliRunner().invoke(app, ["lint", str(dockerfile)])
    assert result.exit_code == 2, result.output
    assert f"{dockerfile}:2: error: COPY requires at least two arguments" in result.output
    assert "Traceback" not in result.output
