"""The README's rules table is generated and current."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "gen_rule_docs.py"


def _module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("gen_rule_docs", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_rule_docs"] = module
    spec.loader.exec_module(module)
    return module


def test_readme_rules_table_is_current() -> None:
    gen = _module()
    readme = gen.README.read_text("utf-8")
    assert gen.render(readme) == readme, "run: python scripts/gen_rule_docs.py"


def test_table_lists_every_rule() -> None:
    from imgopt.rules import all_rules

    table = _module().rules_table()
    for rule in all_rules():
        assert f"| {rule.code} | `{rule.name}` |" in table
