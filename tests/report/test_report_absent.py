"""`imgopt report` names the closure files a variant lacks but does not need, with why (issue 11,
item 4): a short list under what was checked in Markdown, collapsed in HTML when long, every
recorded one in JSON.

``fixtures/absent`` is a real run folder: ``imgopt bench sample_apps/go-port --variants <imgopt
propose's output> --repeat 1 --no-warm`` on this project's engine (the raw output is
benchmarks/results/closure_absent-2026-12-05.txt). Its distroless variant is a static build on
distroless/static: it lacks the C library the original's dynamically linked program read, which is
not required in a variant with no dynamic loader. ``fixtures/absent-flask`` is the same for
``sample_apps/flask-tutorial``'s original and distroless variant: the variant lacks Debian's
configuration and locale data and setuptools' start-up hook, which the original's ``apt-get``
installed.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from imgopt.cli.app import app
from imgopt.report import absent
from imgopt.report.data import VariantResult

from .conftest import FIXTURES

runner = CliRunner()
ABSENT = FIXTURES / "absent"
PROOF = json.loads((ABSENT / "run.json").read_text("utf-8"))["verification"]
LIBC = "/usr/lib/x86_64-linux-gnu/libc.so.6"
WHY = "a shared library, in a variant with no dynamic loader"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The fixture's report in each format, rendered once for the module."""
    out = tmp_path_factory.mktemp("absent-report")
    texts = {}
    for fmt in ("md", "html", "json"):
        args = ["report", str(ABSENT), "-o", str(out / fmt), "--format", fmt]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        texts[fmt] = (out / fmt / f"report.{fmt}").read_text("utf-8")
    return texts


def test_the_run_folder_recorded_the_names_and_reasons() -> None:
    assert PROOF["distroless"]["absent_optional"] == 1
    assert PROOF["distroless"]["absent_files"] == [
        {"path": LIBC, "reason": "library-without-loader"}
    ]
    assert PROOF["hygiene"]["absent_files"] == []


def test_markdown_lists_them_under_what_was_checked(reports: dict[str, str]) -> None:
    md = reports["md"]
    checked = md[md.index("## What was checked") :]
    assert f"**distroless**: 1 closure file absent but not required:\n- `{LIBC}` ({WHY})" in (
        checked
    )
    assert "**hygiene**" not in checked  # nothing absent, nothing said


def test_html_lists_them_too(reports: dict[str, str]) -> None:
    page = html.unescape(reports["html"])
    assert f"<li><code>{LIBC}</code> ({WHY})</li>" in page
    assert "<details>" not in page  # one file: not collapsed


def test_json_has_every_recorded_one(reports: dict[str, str]) -> None:
    data = json.loads(reports["json"])
    variants = {v["name"]: v for v in data["variants"]}
    assert variants["distroless"]["absent_not_required"] == 1
    assert variants["distroless"]["absent_files"] == [
        {"path": LIBC, "reason": "library-without-loader", "why": WHY}
    ]
    assert variants["multistage-slim"]["absent_files"] == []


def test_flask_tutorials_distroless_names_each_file_with_its_reason(tmp_path: Path) -> None:
    out = tmp_path / "flask"
    args = ["report", str(FIXTURES / "absent-flask"), "-o", str(out), "--format", "md"]
    assert runner.invoke(app, args).exit_code == 0
    md = (out / "report.md").read_text("utf-8")
    hack = "/usr/lib/python3/dist-packages/_distutils_hack/__pycache__/__init__.cpython-311.pyc"
    assert "**distroless**: 4 closure files absent but not required:\n" in md
    for path, why in (
        ("/etc/ssl/openssl.cnf", "configuration or data"),
        ("/usr/lib/locale/C.utf8/LC_CTYPE", "configuration or data"),
        (hack, "a third-party package the app never imported directly"),
        ("/usr/lib/python3/dist-packages/distutils-precedence.pth", "configuration or data"),
    ):
        assert f"- `{path}` ({why})\n" in md


def _variant(n: int, listed: int) -> VariantResult:
    files = tuple((f"/usr/share/locale/f{i:02d}", "config-or-data") for i in range(listed))
    return VariantResult(name="slim", absent_files=files, absent_total=n)


def test_a_long_list_is_short_in_markdown_and_collapsed_in_html() -> None:
    md = absent.markdown([_variant(120, 50)])
    assert md.count("\n- `") == absent.SHOWN
    assert "- and 115 more (`imgopt report --format json` lists up to 50)" in md
    page = absent.html([_variant(120, 50)])
    assert page.startswith("<details><summary><strong>slim</strong>: 120 closure files")
    assert page.count("<li><code>") == 50
    assert "<li>and 70 more, not recorded</li>" in page
    assert absent.markdown([_variant(0, 0)]) == absent.html([_variant(0, 0)]) == ""


def test_a_run_recorded_before_the_names_reads_as_a_count_only() -> None:
    meta = {"verification": {"slim": {"absent_optional": 3}}}
    assert absent.absent_files(meta, "slim") == ((), 3)
    assert absent.absent_files({}, "slim") == ((), 0)
    older = VariantResult(name="slim", absent_total=3)
    assert absent.markdown([older]) == (
        f"**slim**: 3 closure files absent but not required:\n- {absent.NOT_RECORDED}\n"
    )
    assert absent.NOT_RECORDED in absent.html([older])


def test_benchs_summary_names_the_first_three_under_the_proof() -> None:
    from imgopt.cli.bench import _absent_lines

    assert _absent_lines(ABSENT) == {"distroless": f"absent but not required: {LIBC} ({WHY})"}
    flask = _absent_lines(FIXTURES / "absent-flask")["distroless"]
    assert flask.startswith("absent but not required: /etc/ssl/openssl.cnf (configuration or")
    assert flask.endswith("(a third-party package the app never imported directly) and 1 more")
    # a run recorded before the names: the count, and that they are not known
    older = _absent_lines(FIXTURES / "verified")
    assert older == {"distroless": "1 file absent but not required (names not recorded)"}
    assert _absent_lines(FIXTURES / "no-such-run") == {}
