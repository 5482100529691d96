"""Run ``imgopt analyze`` on every sample app once per test session, and share the results.

``imgopt analyze`` builds every proposed variant of an app cold and warm, measures and verifies
it: the most expensive thing the test suite does. So it runs once per app and session, on first
use, and every engine test that needs built variants asserts on these runs (tests/analyze) or on
the images they kept (tests/variants through ``tests/_variants_fixture.py``): each variant is
built once per CI run. ``tests/conftest.py`` registers the session fixture ``sample_analyses``
(a :class:`SampleAnalyses`).

How each app is analysed, exactly as a user would:

- ``flask-tutorial``: the README's main command (``make demo``, read from the README's "Two
  commands" block and run by the shell from the repository root), which writes ``out/demo/``.
  It removes its images, as a user's run does; ``_variants_fixture`` rebuilds what it needs from
  the build cache the demo filled (seconds, no step runs again).
- ``compose-tutorial``: its Compose file (both services listed, ``web`` analysed).
- every other app: ``imgopt analyze sample_apps/<app> --out <tmp> --format json --keep-images``.

Every image a run kept carries its run label (``imgopt.run=<run id>``) and is removed when the
session ends, with any container of those runs; ``out/demo/`` is removed if this session made it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SAMPLE_APPS = REPO / "sample_apps"
DEMO_APP = "flask-tutorial"
DEMO_OUT = REPO / "out" / "demo"
COMPOSE_APP = "compose-tutorial"
COMPOSE_FILE = SAMPLE_APPS / COMPOSE_APP / "docker-compose.yml"
TIMEOUT_S = 3600


def readme_main_command() -> str:
    """The README's main command: the first line of the "Two commands" code block, without
    its comment (``make demo``)."""
    text = (REPO / "README.md").read_text("utf-8")
    section = text.split("## Two commands", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None, "README: no sh code block under 'Two commands'"
    first = block.group(1).strip().splitlines()[0]
    return first.split("#", 1)[0].strip()


@dataclass(frozen=True)
class AppAnalysis:
    """One ``imgopt analyze`` run of one sample app.

    Attributes:
        app: the sample app's folder name.
        command: what was run (a shell command line for the README's command).
        returncode: its exit code.
        stdout: its standard output.
        stderr: its standard error (progress).
        out: the output folder.
        doc: ``analysis.json`` from the output folder (empty when it was not written).
        seconds: wall time.
        images_kept: the run kept its images (``--keep-images``).
        volumes_left: anonymous volumes that appeared during the run and that no container uses
            (an image's VOLUME whose container was removed without its volumes).
    """

    app: str
    command: str
    returncode: int
    stdout: str
    stderr: str
    out: Path
    doc: dict[str, Any]
    seconds: float
    images_kept: bool
    volumes_left: frozenset[str] = frozenset()

    @property
    def target(self) -> dict[str, Any]:
        """The analysis of the app's own Dockerfile (for the Compose app: the service built from
        it, ``web``)."""
        if self.doc.get("kind") != "compose":
            return self.doc
        own = (SAMPLE_APPS / self.app / "Dockerfile").resolve()
        for service in self.doc["services"]:
            if service.get("analysed") and Path(service["dockerfile"]).resolve() == own:
                return service
        raise AssertionError(f"{self.app}: no service is built from {own}")

    def run_ids(self) -> list[str]:
        """The bench run ids of every analysed Dockerfile."""
        targets = [s for s in self.doc.get("services", []) if s.get("analysed")] or [self.doc]
        return [t["run_id"] for t in targets if t.get("run_id")]

    def explain(self) -> str:
        """What to show when an assertion on this run fails."""
        return (
            f"{self.command} exited {self.returncode}\n--- stdout ---\n{self.stdout[-4000:]}"
            f"\n--- stderr ---\n{self.stderr[-4000:]}"
        )


class SampleAnalyses:
    """Analyses of the sample apps, each run on first use.

    Args:
        workdir: where the output folders go (a session temp folder).
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self._done: dict[str, AppAnalysis] = {}
        self._made_demo_out = False

    @staticmethod
    def apps() -> list[str]:
        """Sample app folders that have a Dockerfile and a smoke spec."""
        return sorted(
            p.name
            for p in SAMPLE_APPS.iterdir()
            if (p / "Dockerfile").is_file() and (p / "smoke.toml").is_file()
        )

    def get(self, app: str) -> AppAnalysis:
        """The analysis of ``app`` (run now if this session has not run it yet)."""
        if app not in self._done:
            self._done[app] = self._run(app)
        return self._done[app]

    def done(self) -> list[AppAnalysis]:
        """The analyses run so far."""
        return list(self._done.values())

    def _run(self, app: str) -> AppAnalysis:
        if app == DEMO_APP:
            self._made_demo_out = self._made_demo_out or not DEMO_OUT.exists()
            command = readme_main_command()
            return self._execute(app, command, command, DEMO_OUT, shell=True, kept=False)
        out = self.workdir / app
        path = COMPOSE_FILE if app == COMPOSE_APP else SAMPLE_APPS / app
        argv = [
            sys.executable, "-m", "imgopt", "analyze", str(path),
            "--out", str(out), "--format", "json", "--keep-images",
        ]  # fmt: skip
        shown = "imgopt " + " ".join(argv[3:])
        return self._execute(app, argv, shown, out, shell=False, kept=True)

    def _execute(
        self, app: str, cmd: str | list[str], shown: str, out: Path, *, shell: bool, kept: bool
    ) -> AppAnalysis:
        from _volumes import anonymous_volumes, left_behind

        before = anonymous_volumes()
        started = time.monotonic()
        proc = subprocess.run(
            cmd, shell=shell, cwd=REPO, capture_output=True, text=True, timeout=TIMEOUT_S
        )
        seconds = time.monotonic() - started
        volumes = frozenset(left_behind(before))
        try:
            doc = json.loads((out / "analysis.json").read_text("utf-8"))
        except (OSError, ValueError):
            doc = {}
        return AppAnalysis(
            app, shown, proc.returncode, proc.stdout, proc.stderr, out, doc, seconds, kept, volumes
        )

    def close(self) -> None:
        """Remove every image and container the analyses kept, and the demo's output."""
        import shutil

        for analysis in self._done.values():
            for run_id in analysis.run_ids():
                label = f"label=imgopt.run={run_id}"
                for listing, remove in (("ps -aq", "rm -f -v"), ("images -q", "rmi -f")):
                    ids = subprocess.run(
                        ["docker", *listing.split(), "--filter", label],
                        capture_output=True,
                        text=True,
                        check=False,
                    ).stdout.split()
                    if ids:
                        cmd = ["docker", *remove.split(), *dict.fromkeys(ids)]
                        subprocess.run(cmd, capture_output=True, check=False)
        if self._made_demo_out:
            shutil.rmtree(DEMO_OUT, ignore_errors=True)
        self._done.clear()
