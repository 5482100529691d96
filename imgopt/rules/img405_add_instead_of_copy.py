"""IMG405: ADD where COPY is meant."""

from __future__ import annotations

import re
from collections.abc import Iterator

from imgopt.dockerfile import Editor
from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.rules.helpers import copy_parts, is_url

# Local archives ADD unpacks (so ADD is meant): tar, optionally compressed.
_TAR = re.compile(
    r"\.(tar|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar\.zst|tzst|tar\.lz|tar\.lzma|tlz)\Z",
    re.IGNORECASE,
)
_ADD_ONLY_FLAGS = frozenset({"checksum", "keep-git-dir", "unpack"})


class AddInsteadOfCopy(Rule):
    """`ADD` where `COPY` is meant.

    What it does:
        Flags `ADD` of local files or folders that are not tar archives (or sources written
        with variables or globs that cannot be told apart) in any stage.

    Why it matters:
        `ADD` also fetches URLs and unpacks local tar archives. Used for plain files it does
        exactly what `COPY` does, but a later change (a `.tar.gz` dropped into the folder)
        silently unpacks into the image and changes its size and content. `COPY` says what is
        meant and can be cached and linked (`--link`) the same way.

    Example:
        ```dockerfile
        ADD requirements.txt /app/
        ```

    Fixed example:
        ```dockerfile
        COPY requirements.txt /app/
        ```

    Fix safety:
        Safe: for sources that are neither URLs nor tar archives, `ADD` and `COPY` copy the
        same bytes. Not offered with ADD-only flags (`--checksum`, `--keep-git-dir`).

    Equivalents:
        hadolint DL3020; Parfum "ADD instead of COPY".
    """

    code = "IMG405"
    name = "add-instead-of-copy"
    summary = "ADD of local files that are not archives (use COPY)"
    fix_title = "Use COPY"
    fixable = "safe"
    hadolint = ("DL3020",)

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for stage in ctx.dockerfile.stages:
            for ins in stage.find("ADD"):
                parts = copy_parts(ins)
                if parts is None:
                    continue
                sources = [s.strip("\"'") for s in parts[0]]
                if any(is_url(s) or _TAR.search(s) or "$" in s for s in sources):
                    continue
                if any(f.name in _ADD_ONLY_FLAGS for f in ins.flags):
                    continue
                word = "copy" if ins.raw[:3].islower() else "COPY"
                ed = Editor(ctx.dockerfile).replace_in(ins, 0, 3, word)
                yield self.finding(
                    ctx,
                    ins,
                    "`ADD` of local files does what `COPY` does, plus surprises",
                    fix=self.make_fix(ed),
                )
