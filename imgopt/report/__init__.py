"""Reports: turn saved bench runs into tables, plots, a recommendation and a diff.

The report only reads run folders; it never builds or measures, so an old run can be
re-rendered. This is the only package that imports matplotlib (in :mod:`imgopt.report.plots`,
lazily).

Example:
    >>> from imgopt.report import load_run_data, write_one  # doctest: +SKIP
    >>> run = load_run_data("imgopt-runs/20260101-120000-ab12cd")  # doctest: +SKIP
    >>> write_one(run, Path("out"))  # doctest: +SKIP
"""

from __future__ import annotations

from imgopt.report.data import ChangeInfo, Environment, Layer, RunData, Spread, VariantResult
from imgopt.report.loader import load as load_run_data
from imgopt.report.parts import load_runs
from imgopt.report.recommend import Recommendation, recommend
from imgopt.report.writer import write_one, write_reports

__all__ = [
    "ChangeInfo",
    "Environment",
    "Layer",
    "Recommendation",
    "RunData",
    "Spread",
    "VariantResult",
    "load_run_data",
    "load_runs",
    "recommend",
    "write_one",
    "write_reports",
]
