"""The GitHub Action, the example CI files and the pre-commit hook: syntax and references."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
ACTION = REPO / "action.yml"
WORKFLOW = REPO / "examples" / "ci" / "github-workflow.yml"
GITLAB = REPO / "examples" / "ci" / "gitlab-ci.yml"
HOOKS = REPO / ".pre-commit-hooks.yaml"
_EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


def _expressions(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [e for v in node.values() for e in _expressions(v)]
    if isinstance(node, list):
        return [e for v in node for e in _expressions(v)]
    return _EXPR.findall(node) if isinstance(node, str) else []


def test_action_is_a_composite_whose_steps_use_only_declared_inputs() -> None:
    action = _load(ACTION)
    assert action["runs"]["using"] == "composite"
    inputs = set(action["inputs"])
    steps = action["runs"]["steps"]
    used = {m for e in _expressions(steps) for m in re.findall(r"inputs\.([A-Za-z0-9_-]+)", e)}
    assert used, "the steps read no inputs"
    assert used <= inputs, f"undeclared inputs: {used - inputs}"
    # Every input is used (an input that does nothing is a bug too).
    assert inputs <= used, f"unused inputs: {inputs - used}"
    for step in steps:
        if "run" in step:
            assert step.get("shell") == "bash"  # composite run steps must name a shell
            # Inputs go through env, never pasted into the script (script injection).
            assert "inputs." not in step["run"]
    outputs = action["outputs"]
    step_ids = {s.get("id") for s in steps}
    for out in outputs.values():
        for expr in _EXPR.findall(out["value"]):
            step_id = re.match(r"steps\.([\w-]+)\.outputs\.", expr)
            assert step_id and step_id.group(1) in step_ids


def test_action_runs_imgopt_gate_with_real_options() -> None:
    import typer.main

    from imgopt.cli.app import app

    script = next(s["run"] for s in _load(ACTION)["runs"]["steps"] if s.get("id") == "gate")
    assert "imgopt " in script and "args=(gate " in script
    options = set(re.findall(r"(--[a-z][a-z-]+)", script))
    command = typer.main.get_command(app).commands["gate"]  # type: ignore[attr-defined]
    known = {opt for p in command.params for opt in p.opts}
    assert options <= known, options - known


def test_action_step_script_is_valid_bash() -> None:
    script = next(s["run"] for s in _load(ACTION)["runs"]["steps"] if s.get("id") == "gate")
    proc = subprocess.run(["bash", "-n"], input=script, text=True, capture_output=True)
    assert proc.returncode == 0, proc.stderr


def test_example_workflow_uses_the_actions_inputs() -> None:
    workflow = _load(WORKFLOW)
    inputs = set(_load(ACTION)["inputs"])
    required = {k for k, v in _load(ACTION)["inputs"].items() if v.get("required")}
    uses = [
        step
        for job in workflow["jobs"].values()
        for step in job["steps"]
        if "imgopt" in str(step.get("uses", "")).lower() and "upload" not in step["uses"]
    ]
    assert uses, "the example never uses the action"
    for step in uses:
        given = set(step.get("with", {}))
        assert given <= inputs, given - inputs
        assert required <= given
    # `on` parses as True in YAML 1.1; the triggers are there either way.
    assert workflow.get("on", workflow.get(True))


def test_gitlab_snippet_runs_imgopt_gate_with_a_junit_report() -> None:
    jobs = _load(GITLAB)
    job = jobs["imgopt-gate"]
    script = " ".join(job["script"])
    assert "imgopt gate" in script and "--format junit" in script
    assert job["artifacts"]["reports"]["junit"] in script


def test_pre_commit_hook_runs_imgopt_lint_on_dockerfiles() -> None:
    hooks = _load(HOOKS)
    hook = next(h for h in hooks if h["id"] == "imgopt-lint")
    assert hook["entry"].split()[:2] == ["imgopt", "lint"]
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    for name in ["Dockerfile", "app/Dockerfile", "Dockerfile.prod", "docker/api.Dockerfile",
                 "Containerfile", "build/x.dockerfile", "Dockerfile-dev"]:  # fmt: skip
        assert files.search(name), name
    for name in ["README.md", "dockerfile_utils.py", "Dockerfiles/readme.txt"]:
        assert not files.search(name), name


def test_the_hooks_command_exists() -> None:
    from typer.testing import CliRunner

    from imgopt.cli.app import app

    result = CliRunner().invoke(app, ["lint", "--help"])
    assert result.exit_code == 0


@pytest.mark.parametrize("path", [ACTION, WORKFLOW, GITLAB, HOOKS])
def test_yaml_loads(path: Path) -> None:
    assert _load(path)
