"""Run folder rows and metadata, and tying history entries to instructions (no engine)."""

from __future__ import annotations

from pathlib import Path

import pytest

from imgopt.bench.results import COLUMNS, RunFolder, load_run
from imgopt.bench.sizes import (
    base_image_ref,
    normalize_created_by,
    shipped_instructions,
    tie_layers,
)
from imgopt.dockerfile import parse
from imgopt.errors import InputError

DOCKERFILE = """\
FROM python:3.11 AS build
RUN pip wheel -w /wheels flask
FROM build AS test
RUN pytest
FROM debian:bookworm-slim AS final
COPY --from=build /wheels /wheels
RUN --mount=type=cache,target=/root/.cache pip install /wheels/*
COPY app.py /app/
WORKDIR /app
"""


def test_rows_are_durable_typed_and_load_with_one_call(tmp_path: Path) -> None:
    folder = RunFolder(tmp_path / "run")
    folder.create({"run_id": "r1", "status": "running"})
    folder.append(
        [
            {
                "run_id": "r1",
                "row": "build",
                "variant": "a",
                "kind": "cold",
                "repetition": 0,
                "seconds": 1.5,
            }
        ]
    )
    folder.append(
        [
            {
                "run_id": "r1",
                "row": "layer",
                "variant": "a",
                "layer_index": 0,
                "base": True,
                "size_bytes": 10,
            },
            {
                "run_id": "r1",
                "row": "variant",
                "variant": "a",
                "verified": False,
                "efficiency": 0.5,
            },
        ]
    )
    with pytest.raises(ValueError):
        folder.append([{"nope": 1}])
    df = load_run(tmp_path / "run")
    assert list(df.columns) == list(COLUMNS)
    assert list(df.row) == ["build", "layer", "variant"]
    assert df.seconds.iloc[0] == 1.5 and str(df.repetition.dtype) == "Int64"
    assert bool(df.base.iloc[1]) is True and bool(df.verified.iloc[2]) is False
    assert df.verified.isna().iloc[0]
    # A write torn by a crash is dropped, the rows before it kept.
    with open(tmp_path / "run" / "results.csv", "a") as fh:
        fh.write("r1,build,b,")
    assert [r["row"] for r in folder.rows()] == ["build", "layer", "variant"]
    # The folder holds a run: creating another there is refused; resuming it works.
    with pytest.raises(InputError, match="already holds a run"):
        RunFolder(tmp_path / "run").create({})
    folder.release()
    assert RunFolder(tmp_path / "run").open_existing()["run_id"] == "r1"


def test_a_live_lock_keeps_a_second_writer_out(tmp_path: Path) -> None:
    first = RunFolder(tmp_path)
    first.create({"run_id": "r"})
    with pytest.raises(InputError, match="being written"):
        RunFolder(tmp_path).open_existing()
    first.release()


@pytest.mark.parametrize(
    ("created_by", "expected"),
    [
        ("RUN /bin/sh -c apt-get update # buildkit", "RUN apt-get update"),
        ("RUN |2 A=1 B=two words /bin/sh -c make # buildkit", "RUN make"),
        ("COPY app.py /app/ # buildkit", "COPY app.py /app/"),
        ("WORKDIR /app", "WORKDIR /app"),
        ("/bin/sh -c #(nop) COPY file:0123abcd in /app/ ", "COPY file:0123abcd in /app/"),
        ("|1 V=1 /bin/sh -c echo $V", "RUN echo $V"),
        ("/bin/sh -c #(nop) WORKDIR /app", "WORKDIR /app"),
    ],
)
def test_history_entries_normalise_to_instructions(created_by: str, expected: str) -> None:
    assert normalize_created_by(created_by) == expected


def test_shipped_instructions_follow_the_final_stage_only() -> None:
    df = parse(DOCKERFILE)
    assert base_image_ref(df) == "debian:bookworm-slim"
    assert base_image_ref(df, "test") == "python:3.11"
    texts = [i.keyword for i in shipped_instructions(df)]
    assert texts == ["COPY", "RUN", "COPY", "WORKDIR"]
    assert [i.line for i in shipped_instructions(df, "test")] == [2, 4]
    assert base_image_ref(parse("FROM scratch\nCOPY x /\n")) is None


def test_tie_layers_by_text_not_position() -> None:
    df = parse(DOCKERFILE)
    own = shipped_instructions(df)
    # BuildKit history: RUN recorded without its --mount flag; WORKDIR made no layer here.
    created = ["COPY /wheels /wheels", "RUN pip install /wheels/*", "COPY app.py /app/"]
    tied = tie_layers(created, own)
    assert [t.line if t else None for t in tied] == [6, 7, 8]
    # Classic builder history names COPY by content hash: tied by keyword between neighbours.
    classic = [
        "COPY dir:abc in /wheels",
        "RUN pip install /wheels/*",
        "COPY file:def in /app/",
        "WORKDIR /app",
    ]
    assert [t.line if t else None for t in tie_layers(classic, own)] == [6, 7, 8, 9]
    # A layer nothing explains stays unmatched without shifting the rest.
    odd = ["COPY /wheels /wheels", "RUN something else entirely", "RUN pip install /wheels/*"]
    assert [t.line if t else None for t in tie_layers(odd, own)] == [6, None, 7]
