"""Parse ``docker buildx build --progress=rawjson`` output into steps, logs and errors.

buildx writes BuildKit's ``SolveStatus`` messages to stderr as a stream of pretty-printed JSON
objects (not one per line), each with optional ``vertexes``, ``statuses``, ``logs`` and
``warnings``. A vertex is reported several times as it starts, completes, or errors; the last
report wins. Plain text (the final ``ERROR: failed to solve: ...``) may follow the JSON.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from imgopt.engine.builders.base import BuildStep, parse_step_name


@dataclass
class _Vertex:
    digest: str
    name: str = ""
    started: datetime | None = None
    completed: datetime | None = None
    cached: bool = False
    error: str | None = None
    order: int = 0
    inputs: tuple[str, ...] = ()
    logs: list[str] = field(default_factory=list)


def _ts(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    # Go's RFC 3339 has up to 9 fractional digits; Python takes 6.
    text = value.replace("Z", "+00:00")
    if "." in text:
        head, _, rest = text.partition(".")
        frac = ""
        i = 0
        while i < len(rest) and rest[i].isdigit():
            frac += rest[i]
            i += 1
        text = f"{head}.{frac[:6].ljust(6, '0')}{rest[i:]}"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


class RawJsonParser:
    """Incremental parser: feed stderr text as it arrives, read steps at any time."""

    def __init__(self) -> None:
        self._buf = ""
        self._vertices: dict[str, _Vertex] = {}
        self.text_lines: list[str] = []  # non-JSON output (buildx's own error lines)
        self.warnings: list[str] = []

    def feed(self, text: str) -> list[str]:
        """Consume output; return the digests of vertices that completed in this chunk."""
        self._buf += text
        done: list[str] = []
        while self._skip_text() is not None:
            obj = self._take_object()
            if obj is None:
                break
            if isinstance(obj, dict):
                done.extend(self._apply(obj))
        return done

    def _take_object(self) -> object | None:
        """Remove and return the JSON object at the start of the buffer; None if incomplete.

        buildx pretty-prints each message, so a top-level object ends at a line holding only
        ``}``; a compact one-line object is accepted too. Text that only looks like JSON is moved
        to ``text_lines`` (and an empty dict returned) so parsing never stalls on it.
        """
        first, nl, rest = self._buf.partition("\n")
        if nl and first.rstrip().endswith("}"):
            try:
                obj: object = json.loads(first)
            except json.JSONDecodeError:
                pass
            else:
                self._buf = rest
                return obj
        end = self._buf.find("\n}\n")
        if end < 0:
            return None
        try:
            obj = json.loads(self._buf[: end + 2])
        except json.JSONDecodeError:
            self.text_lines.append(first)
            self._buf = rest
            return {}
        self._buf = self._buf[end + 3 :]
        return obj

    def close(self) -> None:
        """Parse what is left (a last object without a newline), the rest as text."""
        self._buf += "\n"
        self.feed("")
        for line in self._buf.splitlines():
            if line.strip():
                self.text_lines.append(line)
        self._buf = ""

    def _skip_text(self) -> int | None:
        """Move plain text lines before the next JSON object to ``text_lines``."""
        while self._buf:
            stripped = self._buf.lstrip()
            if not stripped:
                self._buf = ""
                return None
            if stripped.startswith("{"):
                self._buf = stripped
                return 0
            line, nl, rest = stripped.partition("\n")
            if not nl:
                return None  # partial text line: wait for its end
            self.text_lines.append(line)
            self._buf = rest
        return None

    def _apply(self, obj: dict[str, Any]) -> list[str]:
        done: list[str] = []
        for v in obj.get("vertexes") or []:
            digest = v.get("digest")
            if not digest:
                continue
            vx = self._vertices.get(digest)
            if vx is None:
                vx = _Vertex(digest=digest, order=len(self._vertices))
                self._vertices[digest] = vx
            vx.name = v.get("name") or vx.name
            inputs = v.get("inputs")
            if isinstance(inputs, list) and inputs:
                vx.inputs = tuple(str(i) for i in inputs)
            started = _ts(v.get("started"))
            if started is not None and (vx.started is None or started < vx.started):
                vx.started = started
            completed = _ts(v.get("completed"))
            if completed is not None:
                if vx.completed is None:
                    done.append(digest)
                if vx.completed is None or completed > vx.completed:
                    vx.completed = completed
            if v.get("cached"):
                vx.cached = True
            if v.get("error"):
                vx.error = str(v["error"])
        for log in obj.get("logs") or []:
            vx = self._vertices.get(log.get("vertex", ""))
            if vx is None:
                continue
            try:
                data = base64.b64decode(log.get("data") or "").decode("utf-8", "replace")
            except (binascii.Error, ValueError):
                continue
            vx.logs.extend(data.splitlines())
            del vx.logs[:-200]  # only the tail is ever reported
        for w in obj.get("warnings") or []:
            short = w.get("short")
            if short:
                with contextlib.suppress(binascii.Error, ValueError):
                    self.warnings.append(base64.b64decode(short).decode("utf-8", "replace"))
        return done

    def step(self, digest: str) -> BuildStep:
        """The step for one vertex."""
        return _to_step(self._vertices[digest])

    def steps(self) -> list[BuildStep]:
        """Every vertex seen, as steps, in the order they started."""
        ordered = sorted(
            self._vertices.values(),
            key=lambda v: (v.started is None, v.started or datetime.min, v.order),
        )
        return [_to_step(v) for v in ordered]

    def failed(self) -> tuple[BuildStep, list[str]] | None:
        """The first step that failed and its log lines, or None."""
        for vx in self._vertices.values():
            if vx.error and "context canceled" not in vx.error:
                return _to_step(vx), list(vx.logs)
        for vx in self._vertices.values():
            if vx.error:
                return _to_step(vx), list(vx.logs)
        return None

    def log_lines(self) -> list[str]:
        """Every step's log lines, in step order, then the plain text."""
        lines: list[str] = []
        for vx in sorted(self._vertices.values(), key=lambda v: v.order):
            if vx.logs:
                lines.append(f"#{vx.order} {vx.name}")
                lines.extend(vx.logs)
        lines.extend(self.text_lines)
        return lines

    def instruction_total(self) -> int:
        """Instruction steps announced so far (sum of each stage's ``N/M`` totals)."""
        totals: dict[str | None, int] = {}
        for vx in self._vertices.values():
            stage, _, total, _ = parse_step_name(vx.name)
            if total is not None:
                totals[stage] = total
        return sum(totals.values())

    def instructions_done(self) -> int:
        """Instruction steps completed so far."""
        return sum(
            1
            for vx in self._vertices.values()
            if vx.completed is not None and parse_step_name(vx.name)[1] is not None
        )


def _to_step(vx: _Vertex) -> BuildStep:
    stage, index, total, text = parse_step_name(vx.name)
    seconds = 0.0
    if vx.started is not None and vx.completed is not None:
        seconds = max(0.0, (vx.completed - vx.started).total_seconds())
    return BuildStep(
        name=vx.name,
        instruction=text,
        stage=stage,
        index=index,
        total=total,
        cached=vx.cached,
        seconds=seconds,
        error=vx.error,
        digest=vx.digest,
        inputs=vx.inputs,
        started=vx.started.timestamp() if vx.started is not None else None,
        completed=vx.completed.timestamp() if vx.completed is not None else None,
    )
