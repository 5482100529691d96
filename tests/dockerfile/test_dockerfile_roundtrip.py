"""Every fixture (and every sample app Dockerfile) parses and renders back byte for byte, and every
position the model reports points at the text it claims to."""

from __future__ import annotations

from pathlib import Path

import pytest

from imgopt.dockerfile import Dockerfile, Instruction, Span, parse, parse_file

CASES = Path(__file__).parent / "cases"
CASE_FILES = sorted(CASES.glob("*.Dockerfile"))
REPO = Path(__file__).resolve().parents[2]
SAMPLE_DOCKERFILES = sorted(
    p
    for pattern in ("Dockerfile", "*.Dockerfile", "Dockerfile.*")
    for p in (REPO / "sample_apps").rglob(pattern)
    if p.is_file()
)
#: Real public Dockerfiles (benchmark input, benchmarks/corpus/public/SOURCES.md): every one of
#: them hadolint parses, so imgopt must too.
PUBLIC_DOCKERFILES = sorted((REPO / "benchmarks" / "corpus" / "public").glob("*/Dockerfile"))


@pytest.mark.parametrize("path", PUBLIC_DOCKERFILES, ids=lambda p: p.parent.name)
def test_public_dockerfiles_parse_round_trip_and_plan(path: Path) -> None:
    from imgopt.variants import plan_variants

    df = parse_file(path)
    check_positions(df)
    plan = plan_variants(df, context_dir=path.parent)
    assert plan.variants[0].dockerfile == df.text


def test_public_corpus_is_there() -> None:
    assert len(PUBLIC_DOCKERFILES) >= 35


def check_positions(df: Dockerfile) -> None:
    """The invariants every parse must satisfy."""
    text = df.text
    assert df.render() == text
    assert "".join(item.raw for item in df.items) == text
    offset = 0
    lines = text.split("\n")
    for item in df.items:
        assert item.span.start == offset
        assert text[item.span.start : item.span.end] == item.raw
        offset = item.span.end
        check_span(text, lines, item.span, df.has_bom)
    assert offset == len(text)
    for ins in df.instructions:
        check_instruction(df, ins)
    for comment in df.comments:
        assert text[comment.span.start : comment.span.end] == comment.text
        assert comment.text.startswith("#")


def check_span(text: str, lines: list[str], span: Span, has_bom: bool) -> None:
    if span.end <= span.start or (has_bom and span.start == 0):
        return  # empty, or the BOM itself (it sits before column 1)
    first = lines[span.start_line - 1]
    bom = 1 if has_bom and span.start_line == 1 else 0
    line_start = sum(len(x) + 1 for x in lines[: span.start_line - 1]) + bom
    assert span.start == line_start + span.start_col - 1
    assert first[bom + span.start_col - 1 :].startswith(text[span.start : span.end].split("\n")[0])
    last_start = sum(len(x) + 1 for x in lines[: span.end_line - 1])
    last_bom = 1 if has_bom and span.end_line == 1 else 0
    assert span.end == last_start + last_bom + span.end_col - 1


def check_instruction(df: Dockerfile, ins: Instruction) -> None:
    text = df.text
    assert ins.keyword == ins.keyword.upper()
    assert ins.raw[: len(ins.keyword)].upper() == ins.keyword or ins.raw.startswith(df.escape)
    offsets = ins.body_offsets  # computed from the segments on each access
    assert len(ins.body) == len(offsets)
    for i, ch in enumerate(ins.body):
        assert text[offsets[i]] == ch
    assert ins.span.start <= ins.source_offset(0) <= ins.span.end
    assert ins.source_offset(len(ins.body)) <= ins.span.end
    for flag in ins.flags:
        assert text[flag.span.start : flag.span.end] == flag.raw
        assert flag.raw.startswith("--")
    for doc in ins.heredocs:
        body_src = text[doc.body_span.start : doc.body_span.end]
        assert body_src == doc.content  # BuildKit keeps the CR of CRLF bodies
        assert text[doc.delimiter_span.start : doc.delimiter_span.end].lstrip("\t") == doc.name


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.name)
def test_fixture_round_trips_byte_for_byte(path: Path) -> None:
    df = parse_file(path)
    assert df.text.encode("utf-8", "surrogateescape") == path.read_bytes()
    check_positions(df)


def test_there_are_enough_fixtures() -> None:
    assert len(CASE_FILES) >= 15


@pytest.mark.parametrize("path", SAMPLE_DOCKERFILES, ids=lambda p: str(p.relative_to(REPO)))
def test_sample_app_dockerfile_parses(path: Path) -> None:
    df = parse_file(path)
    check_positions(df)
    assert df.stages


@pytest.mark.parametrize(
    "text",
    [
        "FROM a",
        "FROM a\n",
        "FROM a\r\n",
        "FROM a\r",
        "\ufeffFROM a\r\nRUN x\r\n",
        "\n\n  # c\n\tFROM a\n\n",
        "FROM a\nRUN x \\\n\n  # c\n  y\n# tail",
        "FROM a\nRUN a \\",
        "FROM a\nRUN a \\   \n",
        "FROM a\nRUN <<EOF\nEOF\n",
        "FROM a\nRUN <<EOF\r\nx\r\nEOF",
        "FROM a\nRUN bad\x00byte\n",
        "FROM \udc80\nRUN \udcff\n",
        "FROM a\n  \\\nRUN x\n",
        "FROM a\nENV A=1 \u2028 B=2\n",
    ],
)
def test_edge_texts_round_trip(text: str) -> None:
    check_positions(parse(text))


def test_non_utf8_bytes_survive_parse_file_and_write(tmp_path: Path) -> None:
    from imgopt.dockerfile import write_dockerfile

    raw = b'FROM alpine\nLABEL note="caf\xe9"\nRUN echo \xff\n'
    src = tmp_path / "Dockerfile"
    src.write_bytes(raw)
    df = parse_file(src)
    check_positions(df)
    out = tmp_path / "out"
    write_dockerfile(out, df.render())
    assert out.read_bytes() == raw
