"""Compose projects as ``imgopt analyze`` reads them: resolved by Compose v2 itself.

The resolution lives in :mod:`imgopt.engine.compose` (verification needs it too, to start a
service's dependencies, and sits below ``analyze``); this module is the name ``analyze`` uses.
"""

from __future__ import annotations

from imgopt.engine.compose import (
    COMPOSE_NAMES,
    BuildSpec,
    ComposeProject,
    ComposeService,
    find_compose_file,
    find_compose_for,
    load_compose,
    looks_like_compose,
)

__all__ = [
    "COMPOSE_NAMES",
    "BuildSpec",
    "ComposeProject",
    "ComposeService",
    "find_compose_file",
    "find_compose_for",
    "load_compose",
    "looks_like_compose",
]
