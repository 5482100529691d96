"""The published benchmark: every sample app proposed, built, measured, verified and reported.

For each app in sample_apps/ this script:

1. analyses the app with ``imgopt analyze``'s Python API into ``reports/<app>/run/``: the
   proposed variants (``dockerfiles/``, one folder per variant, its diff, and ``summary.json``
   with every change and its rule code), planned again with evidence from the built original
   (what a slimmer base lacks carried, ``carry.json``), then the original and every variant
   built, measured and verified under the default rule, each built cold for real ``--repeat``
   times (analyze's estimated cold times are not used here): ``results.csv``, one row per build,
   layer and variant, and ``run.json``, the run's metadata (the raw tables, committed);
3. renders ``reports/<app>/report.md`` and ``report.html`` from that run folder, and
   ``reports/index.md``/``index.html`` with the cross-app table and plot;
4. rewrites the cross-app table in README.md (between the ``imgopt:benchmark`` markers) from the
   same figures, so the README cannot drift from the committed tables.

Re-measuring replaces an app's run folder only when the new run succeeds; an app whose original
does not build keeps its previous run and says so.

Run (from the repository root):

    make report                                              # re-render from the committed tables
    .venv/bin/python benchmarks/publish_report.py            # re-measure every app, then render
    .venv/bin/python benchmarks/publish_report.py --apps go-http --repeat 1   # one app, quickly
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE_APPS = REPO / "sample_apps"
REPORTS = REPO / "reports"
README = REPO / "README.md"
RUN_DIR = "run"

#: The one command that regenerates every report from the committed raw tables.
REGENERATE = "make report"
#: The command that re-measures everything first (slow: every variant built 2 x repeat times).
REMEASURE = ".venv/bin/python benchmarks/publish_report.py"

README_START = "<!-- imgopt:benchmark:start (written by benchmarks/publish_report.py) -->"
README_END = "<!-- imgopt:benchmark:end -->"


class _Log:
    """Bench progress as plain lines on stderr (a log that reads well in CI too)."""

    def __init__(self, app: str) -> None:
        self.app = app
        self.current = ""

    def build_started(self, variant: str, kind: str, repetition: int, repeat: int) -> None:
        self.current = f"{self.app}: {variant} {kind} {repetition + 1}/{repeat}"

    def build_step(self, step: object, done: int, total: int) -> None:
        pass

    def build_finished(self, seconds: float | None, error: str | None) -> None:
        result = f"{seconds:.1f} s" if seconds is not None else f"failed: {error}"
        print(f"  {self.current}: {result}", file=sys.stderr, flush=True)

    def phase(self, message: str) -> None:
        print(f"  {self.app}: {message}", file=sys.stderr, flush=True)


def sample_apps(only: list[str]) -> list[Path]:
    """The sample apps (folders with a Dockerfile), sorted; only those named, when any are."""
    apps = sorted(p.parent for p in SAMPLE_APPS.glob("*/Dockerfile"))
    if only:
        unknown = sorted(set(only) - {a.name for a in apps})
        if unknown:
            raise SystemExit(f"publish_report: unknown app(s): {', '.join(unknown)}")
        apps = [a for a in apps if a.name in only]
    return apps


class _AnalyzeLog(_Log):
    """:class:`_Log` plus analyze's stages."""

    def stage_started(self, target: str, stage: str) -> None:
        pass

    def stage_finished(self, target: str, stage: str, seconds: float, summary: str) -> None:
        print(f"  {self.app}: {stage} {seconds:.1f} s: {summary}", file=sys.stderr, flush=True)


def measure(app: Path, repeat: int) -> str | None:
    """Analyse ``app`` into ``reports/<app>/run``; None on success, else why not.

    What ``imgopt analyze`` does, with every variant built cold for real ``repeat`` times (no
    estimated cold times): the variants proposed, planned again with evidence from the built
    original (the files a slimmer base lacks carried, npm's devDependencies kept where the app
    reads them), benched and verified under the default rule. The previous run folder is kept
    aside and put back when the new run fails.
    """
    from imgopt.analyze.pipeline import AnalyzeOptions, analyze
    from imgopt.errors import ImgoptError

    run_dir = REPORTS / app.name / RUN_DIR
    backup = run_dir.with_name(RUN_DIR + ".previous")
    if backup.exists():
        shutil.rmtree(backup)
    if run_dir.exists():
        run_dir.rename(backup)
    try:
        started = time.perf_counter()
        options = AnalyzeOptions(
            # Paths relative to the repository root, so run.json reads the same on every machine.
            out=run_dir.relative_to(REPO),
            repeat=repeat,
            report_formats=(),  # rendered below, with the index
            estimate_cold=False,
        )
        result = analyze(app.relative_to(REPO), options=options, observer=_AnalyzeLog(app.name))
        error = next((t.error for t in result.targets if t.error), None)
        if error is not None:
            raise RuntimeError(error)
        print(f"{app.name}: measured in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        for marker in (".imgopt-out", ".imgopt-out.lock"):  # analyze's own; not published
            (run_dir / marker).unlink(missing_ok=True)
    except BaseException as err:  # Ctrl-C too: the previous run folder comes back
        if run_dir.exists():
            failed = run_dir.with_name(RUN_DIR + ".failed")
            shutil.rmtree(failed, ignore_errors=True)
            run_dir.rename(failed)
        if backup.exists():
            backup.rename(run_dir)
        if not isinstance(err, ImgoptError | RuntimeError | OSError):
            raise
        return str(getattr(err, "message", err))
    finally:
        shutil.rmtree(backup, ignore_errors=True)
    shutil.rmtree(run_dir.with_name(RUN_DIR + ".failed"), ignore_errors=True)
    return None


def render(apps: list[Path]) -> list[Path]:
    """Render every app's report and the index from the run folders under reports/."""
    from imgopt.report import load_run_data, write_reports

    runs, subdirs, missing = [], [], []
    for app in apps:
        run_dir = REPORTS / app.name / RUN_DIR
        if not (run_dir / "results.csv").is_file():
            print(f"{app.name}: no run folder under reports/; not in the report", file=sys.stderr)
            missing.append(app.name)
            continue
        runs.append(load_run_data(run_dir.relative_to(REPO)))
        subdirs.append(app.name)
    if not runs:
        raise SystemExit("publish_report: no run folders to report on (measure first)")
    notes = (
        [f"Not measured for this report yet: {', '.join(missing)} (no run folder in reports/)."]
        if missing
        else []
    )
    return write_reports(
        runs,
        REPORTS,
        ("md", "html"),
        regenerate=REGENERATE,
        remeasure=REMEASURE,
        subdirs=subdirs,
        notes=notes,
        caller_owns_out=True,  # the project's own reports/, not a user's folder
    )


def readme_block() -> str:
    """The README's benchmark section body: the index's table with links into reports/."""
    lines = (REPORTS / "index.md").read_text("utf-8").splitlines()
    # The index's first table is the cross-app table (its environment box comes later).
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
    table = "\n".join(lines[start:end]).replace("](", "](reports/")
    note = next((line for line in lines if line.startswith("Sizes are in MB")), "")
    pending = next((line for line in lines if "Not measured for this report yet" in line), "")
    pending = pending.removeprefix("> - ")
    return (
        f"{README_START}\n{table}\n\n{note}\n\n"
        + (f"{pending}\n\n" if pending else "")
        + "Full report with plots, per-app reports, diffs and the raw tables: "
        "[reports/index.md](reports/index.md) ([HTML](reports/index.html)). "
        f"Regenerate from the committed tables with `{REGENERATE}`; "
        f"re-measure with `{REMEASURE}`.\n{README_END}"
    )


def update_readme() -> bool:
    """Replace the README's benchmark block; False when the markers are missing."""
    text = README.read_text("utf-8")
    pattern = re.compile(re.escape(README_START) + r".*?" + re.escape(README_END), re.S)
    if not pattern.search(text):
        return False
    README.write_text(pattern.sub(lambda _: readme_block(), text), "utf-8")
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", default="", help="comma-separated app names (default: all)")
    parser.add_argument("--repeat", type=int, default=3, help="cold and warm builds per variant")
    parser.add_argument(
        "--render-only",
        action="store_true",
        help="re-render from the committed run folders; build nothing",
    )
    args = parser.parse_args()
    os.chdir(REPO)  # run.json records paths relative to the repository root
    apps = sample_apps([a for a in args.apps.split(",") if a])
    problems: dict[str, str] = {}
    if not args.render_only:
        for app in apps:
            print(f"{app.name}: analysing (repeat {args.repeat})", file=sys.stderr)
            problem = measure(app, args.repeat)
            if problem:
                problems[app.name] = problem
                print(f"{app.name}: not measured: {problem}", file=sys.stderr)
    # The index always covers every app with a committed run, not only the ones re-measured.
    written = render(sample_apps([]))
    for path in written:
        if path.suffix in (".md", ".html"):
            print(path.relative_to(REPO))
    if update_readme():
        print("README.md")
    else:
        print(f"README.md has no {README_START!r} marker; not updated", file=sys.stderr)
    print(f"regenerate with one command: {REGENERATE}", file=sys.stderr)
    for name, problem in problems.items():
        print(f"warning: {name} was not re-measured: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
