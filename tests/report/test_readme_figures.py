"""Every measured figure in the README comes from a committed raw output (issue 15).

A README passage with figures sits between ``<!-- figures: benchmarks/results/FILE -->`` (or
several files, separated by spaces) and ``<!-- /figures -->``: every figure in it must be a number
that FILE (one of the files) holds, and every line of a
code block in it (a command's output) must be a line of FILE. Outside those passages, the
generated benchmark block (tests/report/test_published.py) and the generated rules table, the
sections listed in CHECKED may hold no measured-looking figure at all (sizes, percentages, ratios,
rates, times): one written by hand, with no command behind it, fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text("utf-8")
REGION = re.compile(r"<!-- figures: (?P<src>\S+(?: \S+)*) -->(?P<body>.*?)<!-- /figures -->", re.S)
GENERATED = re.compile(
    r"<!-- imgopt:benchmark:start.*?<!-- imgopt:benchmark:end -->|<!-- rules:start.*?"
    r"<!-- rules:end -->",
    re.S,
)
FENCE = re.compile(r"```[a-z]*\n(?P<code>.*?)```", re.S)
INLINE_CODE = re.compile(r"`[^`\n]+`")
NUMBER = re.compile(r"(?<![\w.^])\d[\d,]*(?:\.\d+)?")
#: A number followed by a unit: what a measurement looks like (findall returns the whole match).
MEASURED = re.compile(
    r"(?<![\w.^])\d[\d,]*(?:\.\d+)?\s?(?:%|MB|GB|kB|x\b|files/s|minutes?\b|s\b|tests?\b)"
)


def numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in NUMBER.findall(text)}


def regions() -> list[tuple[str, str]]:
    return [(m["src"], m["body"]) for m in REGION.finditer(README)]


def test_the_readme_names_its_raw_outputs() -> None:
    assert regions(), "the README has no <!-- figures: ... --> passages"


@pytest.mark.parametrize(("src", "body"), regions(), ids=[s for s, _ in regions()])
def test_each_figure_is_in_the_raw_output_it_names(src: str, body: str) -> None:
    raw = ""
    for one in src.split():  # a passage may draw on several raw outputs: each must exist
        raw_path = REPO / one
        assert raw_path.is_file() and one.startswith("benchmarks/results/"), one
        raw += raw_path.read_text("utf-8") + "\n"
    raw_lines = {line.rstrip() for line in raw.splitlines()}
    for block in FENCE.finditer(body):
        for line in block["code"].splitlines():
            if line.strip() and line.strip() != "...":
                assert line.rstrip() in raw_lines, f"not a line of {src}: {line!r}"
    prose = FENCE.sub("", body)
    prose = INLINE_CODE.sub("", prose)
    missing = sorted(
        m.group(0) for m in MEASURED.finditer(prose) if not numbers(m.group(0)) <= numbers(raw)
    )
    assert not missing, f"figures not in {src}: {missing}"


THREAT_MODEL = "Threat model: what an untrusted Dockerfile can and cannot do during `analyze`"

#: README sections that may hold no figure outside a traced passage, except the configured limits
#: and deadlines :func:`configured` reads from the code.
CHECKED = (
    "",
    "Two commands",
    "Commands",
    "Engine and base images",
    "Registries",
    "Sample apps",
    "Verification",
    THREAT_MODEL,
    "Benchmark: the sample apps",
    "Layout",
    "Rules",
    "Speed of `lint` and `propose`",
)


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:g} minutes"


def configured() -> dict[str, set[str]]:
    """Per section, the figures that are settings, not measurements, as the code holds them: a
    README figure that no longer matches its constant fails like an untraced one."""
    from imgopt.bench.runner import DEFAULT_VERIFY_WATCHDOG_S
    from imgopt.engine.client import (
        CONNECT_TIMEOUT_S,
        DEFAULT_BUILD_IDLE_TIMEOUT_S,
        DEFAULT_IDLE_TIMEOUT_S,
    )
    from imgopt.engine.containers import LOG_FILE_BYTES
    from imgopt.results.recommend import MIN_GAIN_BYTES, MIN_GAIN_FRACTION
    from imgopt.verify.discover import NOT_HTTP_AFTER_S
    from imgopt.verify.spec import Ceilings
    from imgopt.verify.verifier import SECOND_RUN_SETTLE_S

    ceilings = Ceilings()
    log = re.fullmatch(r"(\d+)m", LOG_FILE_BYTES)
    assert log is not None, LOG_FILE_BYTES
    # tests/reliability/test_sandbox.py makes a container print this much
    flood = re.search(
        r"size = (\d+) \* 1000 \* 1000",
        (REPO / "tests" / "reliability" / "test_sandbox.py").read_text("utf-8"),
    )
    assert flood is not None, "tests/reliability/test_sandbox.py: the flood's size moved"
    # tests/registry asserts imgopt's compressed size and the registry's agree within this
    tolerance = re.search(
        r'abs\(pushed\["difference"\]\) < (0\.\d+)',
        (REPO / "tests" / "registry" / "test_registry_push.py").read_text("utf-8"),
    )
    assert tolerance is not None, "tests/registry/test_registry_push.py: the tolerance moved"
    return {
        "Commands": {
            f"{CONNECT_TIMEOUT_S:g} s",
            f"{DEFAULT_IDLE_TIMEOUT_S:g} s",
            _minutes(DEFAULT_BUILD_IDLE_TIMEOUT_S),
            _minutes(DEFAULT_VERIFY_WATCHDOG_S),
        },
        THREAT_MODEL: {
            f"{log.group(1)} MB",  # Docker's "8m" log size: its own MB
            f"{flood.group(1)} MB",
            f"{ceilings.startup_timeout_s:g} s",
            f"{ceilings.request_timeout_s:g} s",
            f"{ceilings.command_timeout_s:g} s",
        },
        "Registries": {f"{float(tolerance.group(1)) * 100:g} %"},
        "Verification": {f"{NOT_HTTP_AFTER_S:g} s", f"{SECOND_RUN_SETTLE_S:g} s"},
        "Benchmark: the sample apps": {
            f"{MIN_GAIN_FRACTION * 100:g} %",
            f"{MIN_GAIN_BYTES / 1e6:g} MB",
        },
    }


def sections(text: str) -> dict[str, str]:
    """The README's ``## `` sections by title (the text before the first is under ``""``)."""
    parts = re.split(r"^## (.*)$", text, flags=re.M)
    return {"": parts[0], **{t.strip(): b for t, b in zip(parts[1::2], parts[2::2], strict=True)}}


def test_no_measured_figure_outside_a_traced_passage() -> None:
    stray = {}
    settings = configured()
    for title, body in sections(GENERATED.sub("", REGION.sub("", README))).items():
        if title in CHECKED:
            found = MEASURED.findall(INLINE_CODE.sub("", FENCE.sub("", body)))
            found = [f for f in found if f not in settings.get(title, set())]
            if found:
                stray[title] = found
    assert not stray, f"figures with no raw output behind them: {stray}"


def test_the_checked_sections_still_exist() -> None:
    assert set(CHECKED) <= set(sections(README))
