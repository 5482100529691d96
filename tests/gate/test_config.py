from __future__ import annotations

from pathlib import Path

import pytest

from imgopt.errors import ConfigError
from imgopt.gate.config import discover_config, load_config_file, resolve_config


def test_imgopt_toml(tmp_path: Path) -> None:
    (tmp_path / "imgopt.toml").write_text(
        '[gate]\nchecks = ["size:+5%", "compressed:120MB"]\nbaseline = ".imgopt/base.json"\n'
    )
    cfg = discover_config(tmp_path)
    assert cfg is not None
    assert [c.expr for c in cfg.checks] == ["size:+5%", "compressed:120MB"]
    assert cfg.checks[0].source == f"{tmp_path / 'imgopt.toml'}: gate.checks[0]"
    assert cfg.baseline == (tmp_path / ".imgopt/base.json").resolve()


def test_pyproject_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.imgopt.gate]\nchecks = ["layers:20"]\n'
    )
    cfg = discover_config(tmp_path)
    assert cfg is not None and [c.expr for c in cfg.checks] == ["layers:20"]


def test_discovery_order_and_pyproject_without_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (tmp_path / ".dive-ci").write_text("rules:\n  lowestEfficiency: 0.8\n")
    cfg = discover_config(tmp_path)
    assert cfg is not None and cfg.sources == (tmp_path / ".dive-ci",)
    (tmp_path / "imgopt.toml").write_text('[gate]\nchecks = ["size:1GB"]\n')
    cfg = discover_config(tmp_path)
    assert cfg is not None and [c.expr for c in cfg.checks] == ["size:1GB"]


def test_command_line_checks_replace_discovery_but_add_to_config(tmp_path: Path) -> None:
    (tmp_path / "imgopt.toml").write_text('[gate]\nchecks = ["size:1GB"]\n')
    assert [c.expr for c in resolve_config(["layers:9"], None, tmp_path).checks] == ["layers:9"]
    both = resolve_config(["layers:9", "size:1GB"], tmp_path / "imgopt.toml", tmp_path)
    assert [c.expr for c in both.checks] == ["size:1GB", "layers:9"]  # duplicates once
    assert [c.expr for c in resolve_config([], None, tmp_path).checks] == ["size:1GB"]


def test_no_checks_anywhere_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no checks"):
        resolve_config([], None, tmp_path)


@pytest.mark.parametrize(
    ("name", "text", "says"),
    [
        ("imgopt.toml", '[gate]\nchecks = ["size:lots"]\n', "gate.checks[0]"),
        ("imgopt.toml", '[gate]\nchecks = "size:+5%"\n', "gate.checks: expected a list"),
        ("imgopt.toml", "[gate]\nchecks = [5]\n", "gate.checks[0]: expected a string"),
        ("imgopt.toml", '[gate]\nchekcs = ["size:1GB"]\n', "gate.chekcs: unknown key"),
        ("imgopt.toml", "[gate]\nbaseline = 3\n", "gate.baseline: expected a file path"),
        ("imgopt.toml", "[gate\nchecks = 1\n", "not valid TOML"),
        ("imgopt.toml", "[other]\n", "no [gate] table"),
        ("pyproject.toml", '[tool.imgopt.gate]\nchecks = ["size:+5"]\n',
         "tool.imgopt.gate.checks[0]"),
        (".dive-ci", "rules:\n  lowestEfficiency: 2\n", "rules.lowestEfficiency"),
    ],
)  # fmt: skip
def test_malformed_config_names_file_and_key(
    tmp_path: Path, name: str, text: str, says: str
) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        load_config_file(path)
    assert str(path) in info.value.message
    assert says in info.value.message


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_config_file(tmp_path / "nope.toml")
