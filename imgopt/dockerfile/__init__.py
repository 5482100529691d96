"""The lossless Dockerfile model: parse, inspect, split RUN bodies, and edit minimally.

Example:
    >>> from imgopt.dockerfile import parse, run_commands
    >>> df = parse("FROM python:3.11\\nRUN apt-get update && apt-get install -y gcc\\n")
    >>> run = df.final_stage.find("RUN")[0]
    >>> [c.argv[:2] for c in run_commands(run)]
    [('apt-get', 'update'), ('apt-get', 'install')]
"""

from __future__ import annotations

from imgopt.dockerfile.edit import (
    Edit,
    EditConflictError,
    Editor,
    apply_edits,
    exec_form,
    render_stage,
)
from imgopt.dockerfile.imageref import ImageRef, parse_image_ref
from imgopt.dockerfile.model import (
    KEYWORDS,
    RUNTIME_KEYWORDS,
    Comment,
    Directive,
    Dockerfile,
    Flag,
    Heredoc,
    Instruction,
    Mount,
    Span,
    Stage,
    Trivia,
    parse_mount,
)
from imgopt.dockerfile.parser import parse, parse_file, write_dockerfile
from imgopt.dockerfile.shell import SimpleCommand, Word, run_commands, split_commands
from imgopt.dockerfile.variables import expand, unquote

__all__ = [
    "KEYWORDS",
    "RUNTIME_KEYWORDS",
    "Comment",
    "Directive",
    "Dockerfile",
    "Edit",
    "EditConflictError",
    "Editor",
    "Flag",
    "Heredoc",
    "ImageRef",
    "Instruction",
    "Mount",
    "SimpleCommand",
    "Span",
    "Stage",
    "Trivia",
    "Word",
    "apply_edits",
    "exec_form",
    "expand",
    "parse",
    "parse_file",
    "parse_image_ref",
    "parse_mount",
    "render_stage",
    "run_commands",
    "split_commands",
    "unquote",
    "write_dockerfile",
]
