"""The cross-app index merges the runs' environment boxes without misleading anyone."""

from __future__ import annotations

from imgopt.report.model import _common_environment


def _box(base: str, engine: str = "26.1.5", date: str = "2026-11-26T16:00") -> tuple:
    return (("Machine", "x86_64"), ("Engine", engine), ("Base images", base), ("Date", date))


def test_rows_that_differ_per_app_say_so_instead_of_showing_the_first_app() -> None:
    merged = dict(
        _common_environment([_box("python:3.11"), _box("golang:1.19", date="2026-11-26T17:00")])
    )
    assert merged["Base images"] == "differs per app: see each app's report"
    assert merged["Engine"] == "26.1.5"
    assert merged["Date"] == "2026-11-26T16:00 to 2026-11-26T17:00"


def test_identical_boxes_merge_to_the_same_box() -> None:
    assert _common_environment([_box("python:3.11"), _box("python:3.11")]) == _box("python:3.11")
