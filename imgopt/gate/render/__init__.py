"""Output formats of ``imgopt gate``, behind one interface (:class:`.base.Renderer`).

- :mod:`.text_report`: plain text (default).
- :mod:`.json_report`: one JSON document (``passed``, ``checks`` with ``expr``, ``status``,
  ``value``, ``threshold`` and, for size checks, the ``layers`` that grew).
- :mod:`.markdown_report`: GitHub-flavoured Markdown (what goes to ``$GITHUB_STEP_SUMMARY``).
- :mod:`.junit_report`: JUnit XML.
"""

from __future__ import annotations

from imgopt.errors import InputError
from imgopt.gate.render.base import Renderer, report_dict
from imgopt.gate.render.json_report import JsonRenderer
from imgopt.gate.render.junit_report import JunitRenderer
from imgopt.gate.render.markdown_report import MarkdownRenderer
from imgopt.gate.render.text_report import TextRenderer

RENDERERS: dict[str, type[Renderer]] = {
    "text": TextRenderer,
    "json": JsonRenderer,
    "markdown": MarkdownRenderer,
    "junit": JunitRenderer,
}
FORMATS = tuple(RENDERERS)


def get_renderer(name: str) -> Renderer:
    """The renderer for ``name``.

    Raises:
        InputError: for an unknown format.
    """
    try:
        return RENDERERS[name]()
    except KeyError:
        raise InputError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}") from None


__all__ = ["FORMATS", "RENDERERS", "Renderer", "get_renderer", "report_dict"]
