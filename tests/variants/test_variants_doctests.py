"""The examples in the docstrings of imgopt.variants (and the knowledge it added) run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "imgopt.variants",
    "imgopt.variants.planner",
    "imgopt.variants.npm_closure",
    "imgopt.knowledge",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
    assert result.attempted > 0
