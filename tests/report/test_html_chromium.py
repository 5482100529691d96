"""The HTML report, looked at: headless Chromium opens it offline, screenshots it, and every
image in it decodes and shows.

Chromium is Debian's ``chromium`` (``scripts/bootstrap.sh`` installs it); without it these tests
skip on a developer machine and fail in CI. No network is used: host names resolve nowhere, and
the report's own Content-Security-Policy forbids fetching anything.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from imgopt.report.model import build_report
from imgopt.report.renderers import get_renderer
from imgopt.report.writer import write_one

from .conftest import FIXTURES, chromium_path
from .sample import sample_run

pytestmark = pytest.mark.browser

# Runs once the page has loaded: records every image that did not decode or takes no space, and
# how many tables and rows rendered, into a <pre> that --dump-dom prints.
_CHECK = """<script>
window.addEventListener('load', () => {
  const imgs = [...document.images];
  const out = {
    images: imgs.length,
    broken: imgs.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.alt),
    unseen: imgs.filter(i => i.getBoundingClientRect().width < 100).map(i => i.alt),
    tables: document.querySelectorAll('table').length,
    rows: document.querySelectorAll('tbody tr').length,
  };
  const pre = document.createElement('pre');
  pre.id = 'imgopt-check';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""
_CONTROL = '<img src="data:image/png;base64,AAAA" alt="deliberately broken control">'


def chromium(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = chromium_path()
    assert exe is not None
    cmd = [
        exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # no network: any host name fails to resolve
        f"--user-data-dir={tmp / 'profile'}", *args,
    ]  # fmt: skip
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)


PUBLISHED = sorted((Path(__file__).resolve().parents[2] / "reports").glob("*.html"))[:1]


@pytest.fixture(scope="module", params=["sample", "fixture", "published"])
def html_report(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML report of the flask-shaped sample run, of the real tiny run fixture, and the
    published index (reports/index.html, as committed)."""
    if request.param == "published":
        assert PUBLISHED, "reports/ holds no HTML: run benchmarks/publish_report.py"
        return PUBLISHED[0]
    out = tmp_path_factory.mktemp(f"html-{request.param}")
    if request.param == "sample":
        path = out / "report.html"
        path.write_text(get_renderer("html").render(build_report(sample_run())), "utf-8")
        return path
    from imgopt.report import load_run_data

    write_one(load_run_data(FIXTURES / "complete"), out, ["html"])
    return out / "report.html"


def test_screenshot_is_not_blank(html_report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    proc = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1280,2000",
                    html_report.as_uri())  # fmt: skip
    assert shot.is_file(), proc.stderr[-2000:]
    pixels = np.asarray(Image.open(shot).convert("L"), dtype=float)
    assert pixels.shape == (2000, 1280)
    assert pixels.std() > 20  # a blank or single-colour page has a spread near 0
    assert (pixels < 200).mean() > 0.03  # text, tables and plots darken a real share of it


def test_every_image_decodes_and_every_table_renders(html_report: Path, tmp_path: Path) -> None:
    html = html_report.read_text("utf-8")
    n_imgs = html.count("<img ")
    n_tables = html.count("<table>")
    # A test copy: the report's CSP forbids scripts, so it is dropped here to let the check run,
    # and one deliberately broken image proves the check can see a broken one.
    checked = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    checked = checked.replace("</body>", f"{_CONTROL}{_CHECK}</body>")
    page = tmp_path / "check.html"
    page.write_text(checked, "utf-8")
    proc = chromium(tmp_path, "--virtual-time-budget=10000", "--dump-dom", page.as_uri())
    found = re.search(r'<pre id="imgopt-check">([^<]*)</pre>', proc.stdout)
    assert found is not None, proc.stderr[-2000:]
    result = json.loads(found.group(1))
    assert result["images"] == n_imgs + 1 and n_imgs >= 1
    assert result["broken"] == ["deliberately broken control"]
    assert [a for a in result["unseen"] if a != "deliberately broken control"] == []
    assert result["tables"] == n_tables >= 2
    assert result["rows"] >= 3
