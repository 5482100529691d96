"""The examples in the docstrings of imgopt.dockerfile run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "imgopt.dockerfile",
    "imgopt.dockerfile.edit",
    "imgopt.dockerfile.imageref",
    "imgopt.dockerfile.model",
    "imgopt.dockerfile.parser",
    "imgopt.dockerfile.shell",
    "imgopt.dockerfile.variables",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
    assert result.attempted > 0
