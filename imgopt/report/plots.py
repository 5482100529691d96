"""The report's plots: every matplotlib import in imgopt lives in this module.

Each ``plot_*`` function takes an ``Axes`` and data, draws, and returns the artists it drew; it
never shows or saves (matplotlib's own advice), so the caller decides where a figure goes.
:func:`render_figures` is that caller for reports: it makes the figures of one run and saves each
as PNG and SVG bytes.

Readable in black and white and by colour-blind readers: colours come from the Okabe-Ito palette,
and every series is also told apart by a marker or a hatch, never by colour alone. Figures use the
same MB (10^6 bytes) and one-decimal rounding as the tables (:mod:`imgopt.report.units`).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from imgopt.errors import clip
from imgopt.report.data import Layer, RunData, VariantResult
from imgopt.report.recommend import ranked_size
from imgopt.results import units

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def preload() -> None:
    """Import what drawing and saving the figures needs (:func:`imgopt.report.writer.preload`)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.backends.backend_agg
    import matplotlib.backends.backend_svg
    import matplotlib.figure


#: Okabe & Ito (2008), safe for the common colour-vision deficiencies.
PALETTE = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
MARKERS = ("o", "s", "^", "D", "v", "P", "*", "h")
HATCHES = ("", "//", "\\\\", "xx", "..", "++", "oo", "--")
BASE_FACE = "#D9D9D9"
BROKEN = "#666666"


@dataclass(frozen=True, slots=True)
class Style:
    """How one variant looks in every plot of a report (the same in each)."""

    color: str
    marker: str
    hatch: str


def styles(names: Sequence[str]) -> dict[str, Style]:
    """A style per variant name, in run order, so a variant looks the same in every plot."""
    return {
        name: Style(PALETTE[i % len(PALETTE)], MARKERS[i % len(MARKERS)], HATCHES[i % len(HATCHES)])
        for i, name in enumerate(names)
    }


def _tick_label(v: VariantResult) -> str:
    return f"{v.name}\n(broken)" if v.broken else v.name


# --- size versus cold build time ------------------------------------------------------------


def plot_size_vs_build(
    ax: Axes, variants: Sequence[VariantResult], pareto: Sequence[str] = ()
) -> list[Artist]:
    """Image size against cold build time, one point per variant.

    The size is the one variants are ranked by (:func:`~imgopt.report.recommend.ranked_size`:
    compressed when measured), so the front drawn is the one the recommendation used. Horizontal
    whiskers span the fastest to the slowest repetition. The Pareto front of the
    verified variants (``pareto``, names in build-time order) is drawn as a dashed staircase;
    broken variants are drawn hollow and crossed out. Variants without a size or a cold build
    time are listed under the plot instead.

    Returns:
        The artists drawn (points, whiskers, front, crosses, labels).
    """
    artists: list[Artist] = []
    look = styles([v.name for v in variants])
    plotted = [v for v in variants if ranked_size(v) is not None and v.cold is not None]
    missing = [v for v in variants if v not in plotted]
    compressed = any(v.compressed_bytes is not None for v in plotted)
    for v in plotted:
        assert v.cold is not None
        st = look[v.name]
        x, y = v.cold.median, (ranked_size(v) or 0) / units.MB
        xerr = [[x - v.cold.low], [v.cold.high - x]]
        face = "white" if v.broken else st.color
        edge = BROKEN if v.broken else st.color
        container = ax.errorbar(
            [x],
            [y],
            xerr=xerr,
            fmt=st.marker,
            markersize=9,
            markerfacecolor=face,
            markeredgecolor=edge if v.broken else "black",
            markeredgewidth=1.0,
            ecolor=edge,
            elinewidth=1.2,
            capsize=4,
            label=f"{v.name} (broken)" if v.broken else v.name,
            zorder=3,
            clip_on=False,  # a tiny image sits on the axis: keep its whole marker visible
        )
        artists.extend(a for a in container.get_children())
        if v.broken:
            (cross,) = ax.plot(
                [x],
                [y],
                marker="x",
                markersize=16,
                markeredgewidth=2.5,
                color="black",
                linestyle="none",
                zorder=4,
            )
            artists.append(cross)
        artists.append(
            ax.annotate(
                v.name,
                (x, y),
                xytext=(12, 8) if v.broken else (7, 6),
                textcoords="offset points",
                fontsize=8,
                color=BROKEN if v.broken else "black",
            )
        )
    by_name = {v.name: v for v in plotted}
    front = [by_name[n] for n in pareto if n in by_name and not by_name[n].broken]
    if front:
        xs = [v.cold.median for v in front if v.cold is not None]
        ys = [(ranked_size(v) or 0) / units.MB for v in front]
        (line,) = ax.step(
            xs,
            ys,
            where="post",
            linestyle="--",
            color="black",
            linewidth=1.2,
            label="Pareto front (verified)",
            zorder=2,
        )
        artists.append(line)
    if any(v.broken for v in plotted):
        (proxy,) = ax.plot(
            [],
            [],
            marker="x",
            markersize=10,
            markeredgewidth=2,
            color="black",
            linestyle="none",
            label="broken: never recommended",
        )
        artists.append(proxy)
    if missing:
        text = "not measured: " + ", ".join(
            f"{v.name} ({'broken' if v.broken else 'no build'})" for v in missing
        )
        artists.append(
            ax.text(0.01, 0.02, text, transform=ax.transAxes, fontsize=8, color=BROKEN, va="bottom")
        )
    ax.set_xlabel("cold build time (s), median with min–max")
    ax.set_ylabel("compressed image size (MB)" if compressed else "image size (MB)")
    ax.set_xlim(left=0)
    ax.set_ylim(bottom=0)
    if plotted:
        ax.set_xlim(right=max((v.cold.high for v in plotted if v.cold), default=1) * 1.18)
        ax.set_ylim(top=max((ranked_size(v) or 0) for v in plotted) / units.MB * 1.12)
    ax.grid(True, linestyle=":", linewidth=0.6, color="#999999")
    if plotted:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return artists


# --- layers ---------------------------------------------------------------------------------

#: Own layers are coloured by the kind of instruction that made them (and keep black edges, so
#: two neighbouring layers of one kind stay apart in black and white too).
_KIND_FACES = {"RUN": "#56B4E9", "COPY": "#E69F00", "OTHER": "#F0E442"}
_KIND_LABELS = {
    "RUN": "own layers: RUN",
    "COPY": "own layers: COPY / ADD",
    "OTHER": "own layers: other",
}


def _kind(instruction: str) -> str:
    word = instruction.split(maxsplit=1)[0].upper() if instruction.strip() else ""
    if word == "RUN":
        return "RUN"
    if word in {"COPY", "ADD"}:
        return "COPY"
    return "OTHER"


def _fit(text: str, chars: int) -> str:
    return clip(text, chars, flatten=False)


def plot_layers(
    ax: Axes,
    variants: Sequence[VariantResult],
    layers: Sequence[Layer],
    *,
    label_top: int = 3,
) -> list[Artist]:
    """Per-variant horizontal stacked bars of layer sizes: base image first, then own layers.

    The base image's layers are one grey hatched segment; each of the Dockerfile's own layers is
    a segment of its own. The ``label_top`` largest own layers of each variant are labelled with
    their instruction and size when the segment is wide enough to hold a readable label.

    Returns:
        The bar patches and labels drawn.
    """
    artists: list[Artist] = []
    rows = [v for v in variants if any(la.variant == v.name for la in layers)]
    totals = {
        v.name: sum(la.size_bytes for la in layers if la.variant == v.name) / units.MB for v in rows
    }
    scale = max(totals.values(), default=1.0) or 1.0
    # Roughly how many characters of 7-point text fit per MB of bar, from the axes' width.
    root = ax.get_figure(root=True)
    fig_w = (root.get_figwidth() if root is not None else 8.0) * ax.get_position().width
    chars_per_mb = fig_w * 72 / 3.9 / scale
    kinds_seen: set[str] = set()
    for y, v in enumerate(rows):
        mine = sorted((la for la in layers if la.variant == v.name), key=lambda la: la.index)
        base = sum(la.size_bytes for la in mine if la.base) / units.MB
        left = 0.0
        if base > 0:
            artists.extend(
                ax.barh(
                    y,
                    base,
                    left=left,
                    height=0.6,
                    color=BASE_FACE,
                    edgecolor="black",
                    linewidth=0.6,
                    hatch="//",
                )
            )
            if base * chars_per_mb >= 12:
                artists.append(
                    ax.text(
                        left + base / 2,
                        y,
                        _fit("base image", int(base * chars_per_mb)),
                        ha="center",
                        va="center",
                        fontsize=7,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
                    )
                )
            left += base
        own = [la for la in mine if not la.base]
        biggest = {id(la) for la in sorted(own, key=lambda la: -la.size_bytes)[:label_top]}
        for la in own:
            width = la.size_bytes / units.MB
            if width <= 0:
                continue
            kinds_seen.add(_kind(la.instruction))
            artists.extend(
                ax.barh(
                    y,
                    width,
                    left=left,
                    height=0.6,
                    color=_KIND_FACES[_kind(la.instruction)],
                    edgecolor="black",
                    linewidth=0.6,
                )
            )
            room = int(width * chars_per_mb)
            if id(la) in biggest and room >= 14:
                size_txt = units.mb(la.size_bytes)
                label = _fit(la.instruction, room - len(size_txt) - 1) + "\n" + size_txt
                artists.append(
                    ax.text(
                        left + width / 2,
                        y,
                        label,
                        ha="center",
                        va="center",
                        fontsize=6.5,
                        linespacing=1.1,
                    )
                )
            left += width
        artists.append(
            ax.text(left + scale * 0.01, y, units.mb(left * units.MB), va="center", fontsize=8)
        )
    ax.set_yticks(range(len(rows)), [_tick_label(v) for v in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, scale * 1.14)
    ax.set_xlabel("layer sizes (MB), bottom layer first")
    ax.grid(True, axis="x", linestyle=":", linewidth=0.6, color="#999999")
    ax.set_axisbelow(True)
    from matplotlib.patches import Patch

    handles = [
        Patch(facecolor=BASE_FACE, edgecolor="black", hatch="//", label="base image layers"),
        *(
            Patch(facecolor=_KIND_FACES[k], edgecolor="black", label=_KIND_LABELS[k])
            for k in _KIND_FACES
            if k in kinds_seen
        ),
    ]
    # Below the axes: inside, it would cover a bar's end or its total.
    artists.append(
        ax.legend(
            handles=handles,
            loc="upper center",
            bbox_to_anchor=(0.5, -0.16),
            ncol=len(handles),
            fontsize=8,
            frameon=False,
        )
    )
    return artists


# --- grouped bars: cold vs warm, uncompressed vs compressed ---------------------------------


def _grouped(
    ax: Axes,
    names: list[str],
    series: list[tuple[str, list[float | None], list[tuple[float, float] | None], str, str]],
    value_fmt: Any,
) -> list[Artist]:
    """Bars grouped per variant.

    Each series is (label, values, (low, high) whiskers or None, colour, hatch).
    """
    artists: list[Artist] = []
    n = len(series)
    width = 0.8 / n
    for k, (label, values, spreads, color, hatch) in enumerate(series):
        xs = [i + (k - (n - 1) / 2) * width for i in range(len(names))]
        heights = [v if v is not None else 0.0 for v in values]
        yerr = None
        if any(s is not None for s in spreads):
            yerr = [
                [(h - s[0]) if s else 0.0 for h, s in zip(heights, spreads, strict=True)],
                [(s[1] - h) if s else 0.0 for h, s in zip(heights, spreads, strict=True)],
            ]
        bars = ax.bar(
            xs,
            heights,
            width=width * 0.95,
            color=color,
            edgecolor="black",
            linewidth=0.6,
            hatch=hatch,
            label=label,
            yerr=yerr,
            capsize=3,
            error_kw={"elinewidth": 1.0, "ecolor": "black"},
        )
        artists.extend(bars.patches)
        labels = [value_fmt(v) if v is not None else units.MISSING for v in values]
        artists.extend(ax.bar_label(bars, labels=labels, fontsize=7, padding=2))
    ax.set_xticks(range(len(names)), names, fontsize=8)
    ax.grid(True, axis="y", linestyle=":", linewidth=0.6, color="#999999")
    ax.set_axisbelow(True)
    ax.margins(y=0.15)
    # Below the axes: inside, it can cover a value label (bar_label sits above the whisker).
    artists.append(
        ax.legend(
            fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=n, frameon=False
        )
    )
    return artists


def plot_cold_warm(ax: Axes, variants: Sequence[VariantResult]) -> list[Artist]:
    """Cold build versus warm rebuild time per variant (medians, min–max whiskers).

    Returns:
        The bars, whiskers' labels and legend drawn.
    """
    cold = [v.cold for v in variants]
    warm = [v.warm for v in variants]
    artists = _grouped(
        ax,
        [_tick_label(v) for v in variants],
        [
            (
                "cold build (no cache)",
                [s.median if s else None for s in cold],
                [(s.low, s.high) if s else None for s in cold],
                PALETTE[0],
                "",
            ),
            (
                "warm rebuild (one-line change)",
                [s.median if s else None for s in warm],
                [(s.low, s.high) if s else None for s in warm],
                PALETTE[1],
                "//",
            ),
        ],
        lambda x: units.seconds(x, unit=False),
    )
    ax.set_ylabel("build time (s)")
    ax.set_ylim(bottom=0)
    return artists


def plot_compression(ax: Axes, variants: Sequence[VariantResult]) -> list[Artist]:
    """Uncompressed versus compressed (gzip, as a registry stores it) size per variant.

    Returns:
        The bars, labels and legend drawn.
    """
    artists = _grouped(
        ax,
        [_tick_label(v) for v in variants],
        [
            (
                "uncompressed",
                [v.size_bytes / units.MB if v.size_bytes is not None else None for v in variants],
                [None] * len(variants),
                PALETTE[4],
                "",
            ),
            (
                "compressed (gzip)",
                [
                    v.compressed_bytes / units.MB if v.compressed_bytes is not None else None
                    for v in variants
                ],
                [None] * len(variants),
                PALETTE[2],
                "\\\\",
            ),
        ],
        lambda x: units.mb(x * units.MB, unit=False),
    )
    ax.set_ylabel("image size (MB)")
    ax.set_ylim(bottom=0)
    return artists


# --- across apps ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AppReduction:
    """One app's line in the cross-app plot.

    Attributes:
        app: the app's name.
        variant: the recommended variant (None when none could be recommended).
        change: relative size change of the recommended variant against the original
            (``-0.8`` is 80 % smaller), None when unknown.
        kept_original: no verified variant beats the original, which is recommended as is.
    """

    app: str
    variant: str | None
    change: float | None
    kept_original: bool = False


def plot_reduction(ax: Axes, rows: Sequence[AppReduction]) -> list[Artist]:
    """Size reduction of each app's recommended variant against its original.

    Returns:
        The bars and their labels.
    """
    artists: list[Artist] = []
    reductions = [-(r.change or 0.0) * 100 for r in rows]
    bars = ax.barh(
        range(len(rows)),
        reductions,
        height=0.6,
        color=PALETTE[0],
        edgecolor="black",
        linewidth=0.6,
        hatch="//",
    )
    artists.extend(bars.patches)
    labels = []
    for r in rows:
        if r.variant is None:
            labels.append("no verified variant")
        elif r.change is None:
            labels.append(f"{r.variant}: {units.MISSING}")
        else:
            # The axis counts reduction upwards, so the label says "smaller", not "−".
            pct = units.percent(-r.change)
            labels.append("original kept" if r.kept_original else f"{pct} smaller ({r.variant})")
    artists.extend(ax.bar_label(bars, labels=labels, fontsize=8, padding=3))
    ax.set_yticks(range(len(rows)), [r.app for r in rows], fontsize=9)
    ax.invert_yaxis()
    top = max(reductions, default=0.0)
    ax.set_xlim(min(0.0, min(reductions, default=0.0)) * 1.1, max(top, 10.0) * 1.45)
    # Room on the right is for the labels; a reduction above 100 % cannot exist, so no ticks there.
    ax.set_xticks([t for t in ax.get_xticks() if 0 <= t <= 100 or t <= 100])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("size reduction of the recommended variant against the original (%)")
    ax.grid(True, axis="x", linestyle=":", linewidth=0.6, color="#999999")
    ax.set_axisbelow(True)
    return artists


# --- figures for a report -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FigureAsset:
    """One saved figure.

    Attributes:
        name: file stem (``"size_vs_build"``).
        title: a caption.
        alt: text alternative for readers who cannot see the image.
        png: the PNG bytes.
        svg: the SVG bytes.
    """

    name: str
    title: str
    alt: str
    png: bytes
    svg: bytes


def _new_figure(width: float, height: float) -> Figure:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    # Reproducible SVG ids, so a regenerated report only changes where the numbers changed.
    matplotlib.rcParams["svg.hashsalt"] = "imgopt"
    return Figure(figsize=(width, height), layout="constrained")


def save(fig: Figure, name: str, title: str, alt: str) -> FigureAsset:
    """Save ``fig`` as PNG and SVG bytes (no dates in either, so re-renders diff cleanly)."""
    png, svg = io.BytesIO(), io.BytesIO()
    fig.savefig(png, format="png", dpi=150, metadata={"Software": None})
    fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    return FigureAsset(name=name, title=title, alt=alt, png=png.getvalue(), svg=svg.getvalue())


def _drawn(
    size: tuple[float, float],
    plot: Callable[[Axes], object],
    title: str,
    asset: tuple[str, str, str],
) -> FigureAsset:
    """One figure: ``plot`` draws on its axes, ``title`` heads them; ``asset`` is the saved
    figure's name, heading and alt text (:func:`save`)."""
    fig = _new_figure(*size)
    ax = fig.add_subplot()
    plot(ax)
    ax.set_title(title, fontsize=10)
    return save(fig, *asset)


def render_figures(run: RunData, pareto: Sequence[str]) -> list[FigureAsset]:
    """The figures of one run's report, in the order the report shows them.

    A run whose rows come from several engines (a target split over engines) gets its time
    figures once per engine (``size_vs_build_1``, ``build_times_1``, ...): a build time compares
    only with times from the same engine, so no axis mixes them. Sizes do not depend on the
    engine and stay in one figure each.
    """
    out: list[FigureAsset] = []
    variants = list(run.variants)
    for suffix, where, timed in _by_engine(variants):
        if any(v.cold is not None and ranked_size(v) is not None for v in timed):
            out.append(
                _drawn(
                    (8.5, 4.8),
                    functools.partial(plot_size_vs_build, variants=timed, pareto=pareto),
                    f"{run.app}: image size against cold build time{where}",
                    (
                        f"size_vs_build{suffix}",
                        f"Size against cold build time{where}",
                        "Scatter of image size (MB) against cold build time (s) per variant, "
                        "with the Pareto front of verified variants; broken variants crossed "
                        f"out{where}.",
                    ),
                )
            )
    if run.layers:
        rows = sum(1 for v in variants if run.layers_of(v.name))
        out.append(
            _drawn(
                (10, 1.6 + 0.75 * rows),
                lambda ax: plot_layers(ax, variants, run.layers),
                f"{run.app}: where the bytes are",
                (
                    "layers",
                    "Layer sizes per variant",
                    "Stacked bars of each variant's layer sizes: base image layers hatched "
                    "grey, the Dockerfile's own layers coloured, the largest labelled.",
                ),
            )
        )
    for suffix, where, timed in _by_engine(variants):
        if any(v.cold is not None or v.warm is not None for v in timed):
            out.append(
                _drawn(
                    _bars_size(len(timed)),
                    functools.partial(plot_cold_warm, variants=timed),
                    f"{run.app}: cold build against warm rebuild{where}",
                    (
                        f"build_times{suffix}",
                        f"Cold build and warm rebuild{where}",
                        "Bars of cold build and warm rebuild time per variant, median with "
                        f"min–max whiskers{where}.",
                    ),
                )
            )
    if any(v.size_bytes is not None for v in variants):
        out.append(
            _drawn(
                _bars_size(len(variants)),
                lambda ax: plot_compression(ax, variants),
                f"{run.app}: uncompressed against compressed size",
                (
                    "compression",
                    "Uncompressed and compressed size",
                    "Bars of uncompressed and gzip-compressed image size per variant.",
                ),
            )
        )
    return out


def _bars_size(bars: int) -> tuple[float, float]:
    """A bar figure's size for ``bars`` variants."""
    return (max(6.0, 1.3 * max(bars, 1) + 2), 4.6)


def _by_engine(
    variants: Sequence[VariantResult],
) -> list[tuple[str, str, list[VariantResult]]]:
    """The variants whose times one figure may hold: all of them when one engine (or none
    recorded) built them, else one group per engine, as (name suffix, title words, variants)."""
    engines = list(dict.fromkeys(v.engine for v in variants if v.engine))
    if len(engines) < 2:
        return [("", "", list(variants))]
    return [
        (f"_{k}", f", on engine {engine}", [v for v in variants if v.engine == engine])
        for k, engine in enumerate(engines, 1)
    ]


def render_reduction_figure(rows: Sequence[AppReduction]) -> FigureAsset:
    """The index's cross-app figure."""
    return _drawn(
        (8.5, 1.2 + 0.55 * max(len(rows), 1)),
        lambda ax: plot_reduction(ax, rows),
        "Size reduction of the recommended variant, per app",
        (
            "reduction",
            "Reduction per app",
            "Horizontal bars: per app, how much smaller the recommended variant is than "
            "the original, in percent.",
        ),
    )
