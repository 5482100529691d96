from __future__ import annotations

from imgopt.gate.attribution import Attributor, FindingRef, added_files, match_layers

from .fakes import Entry, FakeFiles, image, layer

BASE = layer(0, "COPY / /", 75_000_000, compressed=29_000_000, base=True)


def _changes(old: list, new: list) -> list[tuple[str, str | None, str | None, int | None]]:  # type: ignore[type-arg]
    return [
        (
            m.change,
            m.baseline.created_by if m.baseline else None,
            m.current.created_by if m.current else None,
            m.delta("size"),
        )
        for m in match_layers(old, new)
    ]


def test_inserted_layer_does_not_misalign_the_ones_below() -> None:
    old = [BASE, layer(1, "WORKDIR /app", 0), layer(2, "COPY . /app", 500),
           layer(3, "RUN make", 1000), layer(4, "RUN strip bin", 10)]  # fmt: skip
    new = [BASE, layer(1, "WORKDIR /app", 0), layer(2, "COPY big.bin /data/", 30_000_000),
           layer(3, "COPY . /app", 500), layer(4, "RUN make", 1000),
           layer(5, "RUN strip bin", 10)]  # fmt: skip
    assert _changes(old, new) == [
        ("unchanged", "COPY / /", "COPY / /", 0),
        ("unchanged", "WORKDIR /app", "WORKDIR /app", 0),
        ("new", None, "COPY big.bin /data/", 30_000_000),
        ("unchanged", "COPY . /app", "COPY . /app", 0),
        ("unchanged", "RUN make", "RUN make", 0),
        ("unchanged", "RUN strip bin", "RUN strip bin", 0),
    ]


def test_edited_run_next_to_a_new_copy_is_paired_by_keyword() -> None:
    old = [BASE, layer(1, "COPY app.txt /app/", 6), layer(2, "RUN echo v1 > /v", 2_000_000)]
    new = [BASE, layer(1, "COPY app.txt /app/", 6), layer(2, "COPY big.bin /data/", 30_000_000),
           layer(3, "RUN echo v2 > /v", 3_000_000)]  # fmt: skip
    assert _changes(old, new) == [
        ("unchanged", "COPY / /", "COPY / /", 0),
        ("unchanged", "COPY app.txt /app/", "COPY app.txt /app/", 0),
        ("new", None, "COPY big.bin /data/", 30_000_000),
        ("changed", "RUN echo v1 > /v", "RUN echo v2 > /v", 1_000_000),
    ]


def test_most_alike_run_is_paired_and_removed_layers_are_reported() -> None:
    old = [layer(0, "RUN apt-get install -y gcc", 100), layer(1, "RUN pip install flask", 50)]
    new = [layer(0, "RUN pip install flask==3", 60)]
    assert _changes(old, new) == [
        ("removed", "RUN apt-get install -y gcc", None, -100),
        ("changed", "RUN pip install flask", "RUN pip install flask==3", 10),
    ]


def test_same_instruction_other_content_is_rebuilt() -> None:
    old = [layer(0, "COPY . /app", 100, content="a")]
    new = [layer(0, "COPY . /app", 400, content="b")]
    assert _changes(old, new) == [("rebuilt", "COPY . /app", "COPY . /app", 300)]


def test_repeated_instructions_match_in_order() -> None:
    old = [layer(0, "RUN true", 1), layer(1, "RUN true", 2)]
    new = [layer(0, "RUN x", 5), layer(1, "RUN true", 1), layer(2, "RUN true", 2)]
    assert [m.change for m in match_layers(old, new)] == ["new", "unchanged", "unchanged"]


def test_grown_layers_with_files_and_findings() -> None:
    old_run = layer(2, "RUN echo v1 > /v", 2_000_000, compressed=2_000_100, line=3)
    new_copy = layer(2, "COPY big.bin /data/", 30_000_000, compressed=30_010_000, line=3)
    new_run = layer(3, "RUN echo v2 > /v", 3_000_000, compressed=3_000_100, line=4)
    baseline = image([BASE, layer(1, "WORKDIR /app", 0, compressed=80), old_run], ref="old")
    current = image([BASE, layer(1, "WORKDIR /app", 0, compressed=80), new_copy, new_run])
    files = FakeFiles(
        {
            new_copy.diff_id: [Entry("data", 0, "5"), Entry("data/big.bin", 30_000_000)],
            new_run.diff_id: [Entry("v", 3), Entry("app/blob", 3_000_000),
                              Entry("app/.wh.old", 0), Entry("app/same", 10)],
            old_run.diff_id: [Entry("v", 3), Entry("app/blob", 2_000_000),
                              Entry("app/same", 10)],
        }
    )  # fmt: skip
    findings = {4: [FindingRef("IMG999", "x", 4, "something on the RUN")]}
    attributor = Attributor(current, baseline, files=files, findings=findings)
    grown = attributor.grown("size")
    assert [(g.instruction, g.change, g.delta_bytes) for g in grown] == [
        ("COPY big.bin /data/", "new", 30_000_000),
        ("RUN echo v2 > /v", "changed", 1_000_000),
    ]
    copy, run = grown
    assert copy.files_basis == "new-layer"
    assert [(f.path, f.delta_bytes) for f in copy.files] == [("/data/big.bin", 30_000_000)]
    assert copy.findings == ()
    assert run.files_basis == "compared"
    assert [(f.path, f.size_bytes, f.delta_bytes) for f in run.files] == [
        ("/app/blob", 3_000_000, 1_000_000)
    ]
    assert run.baseline_instruction == "RUN echo v1 > /v"
    assert [f.code for f in run.findings] == ["IMG999"]
    assert attributor.delta_metric("compressed") == "compressed"
    assert [g.delta_bytes for g in attributor.grown("compressed")] == [30_010_000, 1_000_000]


def test_compressed_falls_back_to_size_when_the_baseline_lacks_it() -> None:
    baseline = image([layer(0, "RUN a", 10)], compressed=False)
    current = image([layer(0, "RUN a", 20, compressed=5)])
    attributor = Attributor(current, baseline)
    assert attributor.delta_metric("compressed") == "size"
    assert [g.delta_bytes for g in attributor.grown("compressed")] == [10]
    assert attributor.grown("compressed")[0].files_basis == "unavailable"


def test_files_when_the_baseline_layer_cannot_be_listed() -> None:
    files, basis = added_files(
        [Entry("a", 5), Entry("b", 50), Entry("c", 0)], None, new_layer=False
    )
    assert basis == "layer"
    assert [(f.path, f.delta_bytes) for f in files] == [("/b", None), ("/a", None)]


def test_no_baseline_no_matches() -> None:
    current = image([BASE, layer(1, "RUN a", 10), layer(2, "RUN b", 99)])
    attributor = Attributor(current, None)
    assert attributor.matches == []
    assert [la.created_by for la in attributor.largest("size")] == ["RUN b", "RUN a"]


def test_rule_findings_are_keyed_by_the_instructions_first_line() -> None:
    from imgopt.dockerfile import parse
    from imgopt.gate.measure import rule_findings

    df = parse(
        "FROM debian:bookworm\n"
        "RUN apt-get update && \\\n"
        "    apt-get install -y curl\n"
        "ADD notes.txt /notes.txt\n"
    )
    found = rule_findings(df, None)
    assert {"IMG101", "IMG102"} <= {f.code for f in found[2]}
    assert [f.code for f in found[4]] == ["IMG405"]
    assert all(line in (1, 2, 4) for line in found)
