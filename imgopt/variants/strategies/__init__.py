"""Multi-stage strategies, one module per ecosystem, tried in this order.

Each is a :class:`~imgopt.variants.strategies.base.Strategy`: ``detect(facts)`` says whether the
stage builds something it handles, ``propose(facts, target)`` returns the complete two-stage
Dockerfile for a target (``multistage``, ``multistage-slim``, ``distroless``) or raises
:class:`~imgopt.variants.strategies.base.NotApplicable` with the reason the user sees.
"""

from __future__ import annotations

from imgopt.variants.strategies.base import Strategy
from imgopt.variants.strategies.compiled import CompiledStrategy
from imgopt.variants.strategies.go import GoStrategy
from imgopt.variants.strategies.node import NodeStrategy
from imgopt.variants.strategies.python import PythonStrategy

#: The strategies, most specific first (a stage that runs pip and make is a Python app).
STRATEGIES: tuple[Strategy, ...] = (
    PythonStrategy(),
    NodeStrategy(),
    GoStrategy(),
    CompiledStrategy(),
)

__all__ = ["STRATEGIES"]
