"""Markdown, HTML and JSON show the same facts, rounded the same way, from one Report."""

from __future__ import annotations

import base64
import json
import re
from html.parser import HTMLParser

import pytest

from imgopt.errors import InputError
from imgopt.report.model import Report, build_report
from imgopt.report.renderers import get_renderer

from .sample import sample_run


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(sample_run(), regenerate="make report")


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.imgs: list[dict[str, str | None]] = []
        self.urls: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        if tag == "img":
            self.imgs.append(a)
        for key in ("src", "href"):
            if a.get(key):
                self.urls.append(a[key] or "")


def test_markdown_has_every_section(report: Report) -> None:
    md = get_renderer("md").render(report)
    for heading in ("# imgopt report: flask-tutorial", "## Recommendation", "## Variants",
                    "## Plots", "## What it changes", "## Diff: `multistage` against the original",
                    "## Environment"):  # fmt: skip
        assert heading in md
    assert md.count("1 MB = 10^6 bytes") == 1  # said once
    assert "| multistage (recommended) | 301.0 | 118.0 | −46.6 % | 88.4 s (80.1–97.0) |" in md
    assert "![" in md and "(figures/size_vs_build.png)" in md
    assert "| IMG102 | 2 | Add --no-install-recommends | safe |" in md
    assert (
        "```diff\n--- original: Dockerfile\n+++ multistage: variants/multistage/Dockerfile\n" in md
    )
    assert "| Base images | debian:bookworm (stand-in built locally from Debian packages);" in md
    assert "Regenerate with one command, from the raw tables: `make report`" in md


def test_html_is_self_contained_and_images_decode(report: Report) -> None:
    html = get_renderer("html").render(report)
    parser = _Collect()
    parser.feed(html)
    assert len(parser.imgs) == len(report.figures) == 4
    for img in parser.imgs:
        src = img["src"] or ""
        assert src.startswith("data:image/png;base64,")
        assert base64.b64decode(src.split(",", 1)[1]).startswith(b"\x89PNG\r\n\x1a\n")
        assert img.get("alt")
    external = [u for u in parser.urls if re.match(r"^(https?:)?//", u)]
    assert external == []  # nothing is fetched when the page is opened
    assert "script" not in parser.tags and "link" not in parser.tags
    assert "default-src 'none'" in html  # and the page forbids it


def test_html_and_markdown_print_the_same_figures(report: Report) -> None:
    md = get_renderer("md").render(report)
    html = get_renderer("html").render(report)
    for row in report.summary.rows:
        for cell in row:
            assert cell in md and cell in html


def test_notes_are_visible_in_every_format() -> None:
    run = sample_run()
    from dataclasses import replace

    noted = build_report(replace(run, notes=("The run was interrupted: partial.",)), figures=False)
    assert "The run was interrupted: partial." in get_renderer("md").render(noted)
    html = get_renderer("html").render(noted)
    assert 'class="notes"' in html and "The run was interrupted: partial." in html
    assert json.loads(get_renderer("json").render(noted))["notes"] == [
        "The run was interrupted: partial."
    ]


def test_json_holds_raw_numbers_and_the_recommendation(report: Report) -> None:
    data = json.loads(get_renderer("json").render(report))
    assert data["schema"] == "imgopt.report/1"
    assert data["recommendation"]["variant"] == "multistage"
    assert data["recommendation"]["tradeoff"] == "slim-base"
    assert {e["name"] for e in data["recommendation"]["excluded"]} == {"distroless", "alpine"}
    original = data["variants"][0]
    assert original["size_bytes"] == 612_345_678  # unrounded
    assert original["cold_build_s"] == {"median": 61.2, "min": 58.9, "max": 65.0, "n": 3}
    assert data["diff"].startswith("--- original: Dockerfile")


def test_markdown_escapes_pipes_in_cells() -> None:
    from dataclasses import replace

    run = sample_run()
    variants = list(run.variants)
    variants[-1] = replace(variants[-1], error="a | b")
    md = get_renderer("md").render(
        build_report(replace(run, variants=tuple(variants)), figures=False)
    )
    assert "`alpine`: broken: a \\| b" in md


def test_diff_fence_is_longer_than_any_backtick_run_in_it() -> None:
    from dataclasses import replace

    run = sample_run()
    variants = list(run.variants)
    variants[3] = replace(variants[3], dockerfile_text="FROM x\nRUN echo '```'\n")
    md = get_renderer("md").render(
        build_report(replace(run, variants=tuple(variants)), figures=False)
    )
    assert "````diff\n" in md


def test_no_diff_when_the_original_is_kept() -> None:
    from dataclasses import replace

    run = sample_run()
    only = replace(run, variants=run.variants[:1])
    report = build_report(only, figures=False)
    assert report.diff is None and report.diff_note is not None
    assert "The original is kept" in get_renderer("md").render(report)


def test_unknown_format_is_an_input_error() -> None:
    with pytest.raises(InputError, match="unknown report format 'pdf'"):
        get_renderer("pdf")
