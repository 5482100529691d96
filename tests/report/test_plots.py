"""Plot functions draw on the Axes they get, return their artists, and never show or save."""

from __future__ import annotations

from collections.abc import Iterator

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from imgopt.report import plots
from imgopt.report.recommend import recommend

from .sample import sample_run


@pytest.fixture()
def ax() -> Iterator[Axes]:
    fig = Figure(figsize=(8, 5))
    yield fig.add_subplot()


@pytest.fixture(autouse=True)
def never_saves_or_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a plot function must not show or save")

    monkeypatch.setattr(plt, "show", refuse)
    monkeypatch.setattr(plt, "savefig", refuse)


def texts(artists: list[object]) -> list[str]:
    return [a.get_text() for a in artists if isinstance(a, Text)]


def test_size_vs_build_draws_points_front_and_crosses(ax: Axes) -> None:
    run = sample_run()
    rec = recommend(run)
    artists = plots.plot_size_vs_build(ax, run.variants, rec.pareto)
    assert artists
    front = [
        a for a in artists if isinstance(a, Line2D) and a.get_label() == "Pareto front (verified)"
    ]
    assert len(front) == 1
    # the staircase passes through the verified front's points, compressed MB against cold s
    assert list(front[0].get_xdata()) == [40.5, 43.3, 88.4]
    assert list(front[0].get_ydata()) == [160.5, 139.0, 118.0]
    crosses = [
        a for a in artists if isinstance(a, Line2D) and a.get_marker() == "x" and len(a.get_xdata())
    ]
    assert [(c.get_xdata()[0], c.get_ydata()[0]) for c in crosses] == [(35.0, 50.0)]  # distroless
    assert any("not measured: alpine (broken)" in t for t in texts(artists))
    assert ax.get_ylabel() == "compressed image size (MB)"
    assert not plt.get_fignums()  # no pyplot figure was opened


def test_every_variant_has_its_own_marker_not_just_a_colour() -> None:
    names = [v.name for v in sample_run().variants]
    looks = plots.styles(names)
    assert len({s.marker for s in looks.values()}) == len(names)
    assert len({s.color for s in looks.values()}) == len(names)
    assert all(c in plots.PALETTE for c in (s.color for s in looks.values()))


def test_layers_labels_the_largest_layers_with_their_instruction(ax: Axes) -> None:
    run = sample_run()
    artists = plots.plot_layers(ax, run.variants, run.layers)
    labels = texts(artists)
    biggest = [t for t in labels if t.endswith("\n352.0 MB")]
    assert len(biggest) == 1 and biggest[0].startswith("RUN apt-get update")
    assert "612.3 MB" in labels  # the total of the original's layers
    # alpine has no layers: no bar; distroless is marked broken on its tick
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    assert ticks == ["original", "hygiene", "slim-base", "multistage", "distroless\n(broken)"]
    hatched = [p for p in artists if getattr(p, "get_hatch", lambda: None)() == "//"]
    assert len(hatched) == 5  # one base-image segment per variant with layers


def test_cold_warm_bars_carry_values_and_whiskers(ax: Axes) -> None:
    run = sample_run()
    artists = plots.plot_cold_warm(ax, run.variants)
    labels = texts(artists)
    assert "61.2" in labels and "38.0" in labels and "–" in labels  # alpine never built
    hatches = {getattr(a, "get_hatch", lambda: None)() for a in artists}
    assert {"", "//"} <= hatches  # cold and warm differ by hatch, not only by colour


def test_compression_bars(ax: Axes) -> None:
    artists = plots.plot_compression(ax, sample_run().variants)
    labels = texts(artists)
    assert "612.3" in labels and "221.0" in labels


def test_reduction_across_apps(ax: Axes) -> None:
    rows = [
        plots.AppReduction("flask", "multistage", -0.466),
        plots.AppReduction("lean", "Dockerfile", 0.0, kept_original=True),
        plots.AppReduction("none", None, None),
    ]
    labels = texts(plots.plot_reduction(ax, rows))
    assert labels[:3] == ["46.6 % smaller (multistage)", "original kept", "no verified variant"]
    assert max(ax.get_xticks()) <= 100


def test_render_figures_gives_png_and_svg() -> None:
    run = sample_run()
    figures = plots.render_figures(run, recommend(run).pareto)
    assert [f.name for f in figures] == ["size_vs_build", "layers", "build_times", "compression"]
    for f in figures:
        assert f.png.startswith(b"\x89PNG\r\n\x1a\n")
        assert b"<svg" in f.svg[:500]
        assert f.alt and f.title
    again = plots.render_figures(run, recommend(run).pareto)
    assert [f.svg for f in again] == [f.svg for f in figures]  # reproducible: no dates or ids churn
    assert not plt.get_fignums()


def test_a_run_over_two_engines_gets_its_time_figures_per_engine() -> None:
    """The recorded go-http split over two engines: no figure puts one engine's build times on
    an axis with the other's; the size figures hold every variant."""
    from pathlib import Path

    from imgopt.report import load_runs

    split = Path(__file__).parent / "fixtures" / "split"
    (run,) = load_runs([split / "go-http.part1", split / "go-http.part2"])
    figures = plots.render_figures(run, recommend(run).pareto)
    assert [f.name for f in figures] == [
        "size_vs_build_1",
        "size_vs_build_2",
        "layers",
        "build_times_1",
        "build_times_2",
        "compression",
    ]
    by_name = {f.name: f for f in figures}
    assert "on engine default" in by_name["build_times_1"].title
    assert "on engine tcp://127.0.0.1:23750" in by_name["size_vs_build_2"].title
    # Each time figure draws only its engine's variants (their names are the tick labels/notes).
    assert b"multistage-slim" not in by_name["build_times_1"].svg
    assert b"multistage-slim" in by_name["build_times_2"].svg
    assert b"hygiene" not in by_name["size_vs_build_2"].svg
