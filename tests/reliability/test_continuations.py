"""Long line continuations: linear time, and the same commands BuildKit gives.

``imgopt lint`` on an instruction continued over 200,000 lines took 100 s because BuildKit's
parser appends every continuation line to a string (quadratic). The parser now regroups such an
instruction into a few long lines before BuildKit sees it (:func:`_join_continuation`). These
tests pin that the regrouped text parses to exactly the command the original text parses to
(property-based, over lines with escapes, blanks, comments, tabs, CRLF and quotes), and that
the parse grows linearly: the time itself is measured in benchmarks/bench_continuations.py.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from imgopt.dockerfile import parse
from imgopt.dockerfile.parser import _JOIN_MIN_LINES, _go, _join_continuation


def _continued(n: int) -> str:
    body = "".join(f"  && echo {i} \\\n" for i in range(n))
    return f'FROM debian:bookworm-slim\nRUN echo start \\\n{body}  && true\nCMD ["true"]\n'


def _commands(text: str) -> list[Any] | str:
    """BuildKit's commands, or its error message."""
    try:
        return list(_go().parse_string(text))
    except _go().GoParseError as err:
        return str(err)


_piece = st.sampled_from(
    ["echo", " ", "\t", "&&", "a=b", '"q q"', "'x'", "[", "]", ",", "#", "\\\\", "$V", "é", "--f=1"]
)
_line = st.lists(_piece, max_size=6).map("".join)
_ending = st.sampled_from([" \\", "\\", "\\  ", "\\\t"])
_skipped = st.sampled_from(["", "   ", "# a comment", "  # indented comment \\", "\t"])


@st.composite
def _instruction(draw: st.DrawFn) -> str:
    keyword = draw(st.sampled_from(["RUN", "RUN --mount=type=cache,target=/c", "ENV", "CMD"]))
    n = draw(st.integers(_JOIN_MIN_LINES + 1, _JOIN_MIN_LINES + 40))
    lines = [f"{keyword} {draw(_line)}{draw(_ending)}"]
    for _ in range(n):
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(_skipped))
        lines.append(draw(_line) + draw(_ending))
    lines.append(draw(_line) + "x")
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    return newline.join(lines) + newline + "# after\n"


@settings(max_examples=100, deadline=None)
@given(_instruction())
def test_regrouped_continuations_parse_to_the_same_command(text: str) -> None:
    joined, merged = _join_continuation(text, 0)
    expected = _commands(text)
    got = _commands(joined)
    if isinstance(expected, str) or isinstance(got, str):
        assert got == expected  # the same error, or a bug
        return
    # The first command ends `merged` lines further down; later ones (an escaped escape ends
    # the instruction early, as in BuildKit) all move by as much.
    moved = [got[0]._replace(end_line=got[0].end_line + merged)]
    moved += [
        c._replace(start_line=c.start_line + merged, end_line=c.end_line + merged) for c in got[1:]
    ]
    assert moved == expected


def test_short_or_unfinished_continuations_are_left_to_buildkit() -> None:
    short = "RUN a \\\n b\n"
    assert _join_continuation(short, 0) == (short, 0)
    unfinished = "RUN a \\\n" + " b \\\n" * (_JOIN_MIN_LINES + 5)
    assert _join_continuation(unfinished, 0) == (unfinished, 0)


def test_a_long_continuation_parses_with_the_lines_of_the_original() -> None:
    n = 5_000
    df = parse(_continued(n))
    run = df.stages[0].instructions[1]
    assert run.keyword == "RUN"
    assert (run.span.start_line, run.span.end_line) == (2, n + 3)
    assert "echo 4999" in run.args[0]
    assert df.render() == _continued(n)
