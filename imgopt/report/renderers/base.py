"""The renderer interface: a report or an index in, the text of one file out.

Renderers lay out what :mod:`imgopt.report.model` computed; they never compute a figure
themselves, so Markdown, HTML and JSON cannot disagree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from imgopt.errors import InputError

if TYPE_CHECKING:
    from imgopt.report.model import Index, Report

#: Every format, in the order ``imgopt report`` writes them.
FORMATS = ("md", "html", "json")


class Renderer(Protocol):
    """Renders reports and indexes to one file format."""

    #: the format's name on the command line (``md``)
    name: str
    #: the file suffix (``.md``)
    suffix: str
    #: the renderer refers to figure files beside the report (so they must be written)
    needs_figure_files: bool

    def render(self, report: Report) -> str:
        """The text of one run's report."""
        ...

    def render_index(self, index: Index) -> str:
        """The text of the cross-app index."""
        ...


def get_renderer(name: str) -> Renderer:
    """The renderer for ``name`` (one of :data:`FORMATS`).

    Raises:
        InputError: for an unknown format.
    """
    if name == "md":
        from imgopt.report.renderers.markdown import MarkdownRenderer

        return MarkdownRenderer()
    if name == "html":
        from imgopt.report.renderers.html import HtmlRenderer

        return HtmlRenderer()
    if name == "json":
        from imgopt.report.renderers.json import JsonRenderer

        return JsonRenderer()
    raise InputError(f"unknown report format {name!r}; choose one of {', '.join(FORMATS)}")
