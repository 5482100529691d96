"""Renderers: one module per output format, all behind :class:`~.base.Renderer`."""

from __future__ import annotations

from imgopt.report.renderers.base import FORMATS, Renderer, get_renderer

__all__ = ["FORMATS", "Renderer", "get_renderer"]
