"""Results of smoke checks, and the comparison of a variant's results with the original's."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from imgopt.errors import keep_ends as keep_ends  # shared with the engine's messages

CheckKind = Literal["http", "command"]


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check."""

    name: str
    kind: CheckKind
    passed: bool
    duration_s: float
    reason: str | None = None  # why it failed; None when it passed
    status: int | None = None  # HTTP status, when an answer came
    body: str | None = None  # HTTP body (first 64 KiB, UTF-8 with replacements)
    exit_code: int | None = None  # command's exit code, when it exited
    output: str | None = None  # command's output (last 64 KiB)
    compare_content: bool = False  # body/output is deterministic: compared between variants
    content_type: str | None = None  # HTTP Content-Type header, when an answer came


@dataclass(frozen=True)
class SmokeResult:
    """The outcome of a smoke spec run against one image."""

    image: str
    spec_source: str
    passed: bool
    checks: tuple[CheckResult, ...]
    reason: str | None  # the first failure, "check name: why"; None when passed
    log_tail: str  # last lines of the log of the failing container, else of the app's container
    capabilities: Literal["drop-all", "default"]  # the capability set of the run reported here
    duration_s: float
    user: str = ""  # the user it ran as: "" for the image's own, else a non-root uid:gid

    def check(self, name: str) -> CheckResult:
        """The result of the check called ``name``.

        Raises:
            KeyError: when there is no such check.
        """
        for result in self.checks:
            if result.name == name:
                return result
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (for result tables and ``--format json``)."""
        return asdict(self)


@dataclass(frozen=True)
class Comparison:
    """Whether a variant behaves like the original, and every way in which it does not."""

    same: bool
    differences: tuple[str, ...]

    @property
    def reason(self) -> str | None:
        """All differences in one line; None when there are none."""
        return "; ".join(self.differences) if self.differences else None


def compare_results(original: SmokeResult, variant: SmokeResult) -> Comparison:
    """Compare a variant's smoke results with the original's.

    The variant behaves like the original when it passed, and every check of the original has a
    result in the variant with the same HTTP status (or exit code), and the same body (or output)
    where the check marks it deterministic (``same_body`` / ``same_output`` in the spec). A check
    whose original result failed cannot vouch for anything, so an original that failed makes the
    comparison fail too: there is nothing trustworthy to be the same as.
    """
    differences: list[str] = []
    if not original.passed:
        differences.append(f"the original failed its smoke checks ({original.reason})")
    if not variant.passed:
        differences.append(f"the variant failed its smoke checks ({variant.reason})")
    variant_checks = {c.name: c for c in variant.checks}
    for before in original.checks:
        after = variant_checks.get(before.name)
        if after is None:
            differences.append(f"{before.name}: not run on the variant")
            continue
        if before.kind == "http":
            if before.status != after.status:
                differences.append(
                    f"{before.name}: status {_show(after.status)}, "
                    f"the original answered {_show(before.status)}"
                )
            elif before.compare_content and before.body != after.body:
                differences.append(f"{before.name}: body differs from the original's")
        else:
            if before.exit_code != after.exit_code:
                differences.append(
                    f"{before.name}: exit code {_show(after.exit_code)}, "
                    f"the original exited {_show(before.exit_code)}"
                )
            elif before.compare_content and before.output != after.output:
                differences.append(f"{before.name}: output differs from the original's")
    return Comparison(same=not differences, differences=tuple(differences))


def start_error(exc: BaseException) -> str:
    """Why a container did not start, with the runtime's own message kept to its end."""
    cause = exc.__cause__
    detail = str(getattr(cause, "explanation", None) or cause or exc)
    return keep_ends(detail)


def _show(value: int | None) -> str:
    return "none" if value is None else str(value)
