"""Parse Dockerfile text into the lossless model.

BuildKit's own Go parser (the ``dockerfile`` package) decides instruction boundaries, heredocs,
flags and line spans; this module maps them back onto the exact source text, builds stages, and
validates what BuildKit leaves to build time (unknown keywords, FROM without an image,
instructions before the first FROM).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from imgopt.dockerfile.model import Dockerfile


def parse(
    text: str,
    *,
    path: str | Path | None = None,
    build_args: Mapping[str, str] | None = None,
) -> Dockerfile:
    """Parse Dockerfile text.

    Args:
        text: the whole file as a ``str`` (CRLF, BOM and a missing final newline are kept).
        path: where it came from, for error messages and :attr:`Dockerfile.path`.
        build_args: ``--build-arg`` values, overriding the defaults of ARGs before FROM when
            resolving base images and stage names.

    Raises:
        DockerfileParseError: the text is not a valid Dockerfile; carries the 1-based line.

    Example:
        >>> df = parse("ARG PY=3.11\\nFROM python:${PY}-slim AS app\\nRUN pip install flask\\n")
        >>> st = df.stages[0]
        >>> (st.base, st.base_resolved, st.name, st.is_final, st.image.tag)
        ('python:${PY}-slim', 'python:3.11-slim', 'app', True, '3.11-slim')
        >>> df.render() == df.text
        True
    """
    raise NotImplementedError


def parse_file(path: str | Path, *, build_args: Mapping[str, str] | None = None) -> Dockerfile:
    """Read and parse a Dockerfile.

    The file is decoded as UTF-8 with ``surrogateescape``, so bytes that are not UTF-8 survive a
    round trip: write the result back with :func:`write_dockerfile`.

    Raises:
        DockerfileParseError: the file is unreadable (line 1) or malformed.
    """
    raise NotImplementedError


def write_dockerfile(path: str | Path, text: str) -> None:
    """Write Dockerfile text exactly (no newline translation; surrogate-escaped bytes restored)."""
    Path(path).write_bytes(text.encode("utf-8", "surrogateescape"))
