"""IMG401: files deleted in a later layer than the one that added them."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass

from imgopt.dockerfile import Instruction
from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.rules.context import DockerIgnore
from imgopt.rules.helpers import (
    apt_subcommand,
    commands_with_cwd,
    copies_whole_context,
    copy_parts,
    downloads,
    is_url,
    path_covers,
    resolve,
    rm_targets,
    workdir_at,
)


@dataclass(frozen=True, slots=True)
class Added:
    """Something an instruction put into its layer.

    Attributes:
        path: absolute path.
        tree: a directory whose content came from the build context (``COPY . /app``).
        ins: the instruction that added it.
        what: for the message.
    """

    path: str
    tree: bool
    ins: Instruction
    what: str


def added_by(ctx: LintContext, ins: Instruction) -> list[Added]:
    """What an instruction adds that a later ``rm`` could try to take back."""
    out: list[Added] = []
    if ins.keyword in ("COPY", "ADD"):
        parts = copy_parts(ins)
        if parts is None:
            return out
        sources, dest = parts
        dest_abs = resolve(workdir_at(ctx, ins), dest.strip("\"'"))
        if "$" in dest_abs:
            return out
        if copies_whole_context(ins):
            return [Added(dest_abs, True, ins, f"{ins.keyword} of the build context")]
        d = dest.strip("\"'")
        into_dir = (
            d.endswith("/")
            or d in (".", "..")
            or len(sources) > 1
            or dest_abs == workdir_at(ctx, ins)
        )
        for s in sources:
            s = s.strip("\"'")
            name = posixpath.basename(s.rstrip("/")) if not is_url(s) else s.rsplit("/", 1)[-1]
            path = posixpath.join(dest_abs, name) if into_dir else dest_abs
            out.append(Added(path, False, ins, f"{ins.keyword} {s}"))
        return out
    if ins.keyword != "RUN":
        return out
    for cmd, cwd in commands_with_cwd(ctx, ins):
        for p in downloads(cmd, cwd):
            if not ctx.has_cache_mount(ins, p):
                out.append(Added(p, False, ins, f"the download of {posixpath.basename(p)}"))
        if apt_subcommand(cmd) == "update" and not ctx.has_cache_mount(ins, "/var/lib/apt/lists"):
            out.append(Added("/var/lib/apt/lists", False, ins, "apt-get update"))
    return out


def _adjacent_runs(a: Instruction, b: Instruction, ctx: LintContext) -> bool:
    body = ctx.dockerfile.instructions
    return a.keyword == b.keyword == "RUN" and b.index == a.index + 1 and body[b.index] is b


class DeletedInLaterLayer(Rule):
    """Files are deleted in a later layer than the one that added them.

    What it does:
        Flags `rm` in a `RUN` (in a stage that ships) of a path that an earlier instruction
        added: a `COPY`/`ADD` target, a file `curl`/`wget` downloaded, the apt lists. Paths
        inside a copied build context (`COPY . /app` then `rm -rf /app/tests`) are flagged
        when the build context shows the path really came from it. A deletion in the very
        next `RUN` is left to IMG403, which merges the two.

    Why it matters:
        Every instruction adds a read-only layer; a later deletion only hides the file with a
        whiteout entry. The bytes are still downloaded, stored and pulled with the image:
        the deletion saves nothing and costs a layer.

    Example:
        ```dockerfile
        COPY dist/app.tar.gz /tmp/
        RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
        ```

    Fixed example:
        ```dockerfile
        RUN --mount=type=bind,source=dist/app.tar.gz,target=/tmp/app.tar.gz \
            tar -xzf /tmp/app.tar.gz -C /opt
        ```

    Fix safety:
        No automatic fix: moving a deletion into another layer, or replacing a `COPY` with a
        bind mount or a `.dockerignore` entry, depends on what the files are for.

    Equivalents:
        No hadolint rule; Parfum "file removed in a later layer"; dive's "wasted space".
    """

    code = "IMG401"
    name = "deleted-in-later-layer"
    summary = "rm in a later layer does not remove the bytes an earlier layer added"
    fix_title = "Delete it in the layer that adds it, or keep it out of the image"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for stage in ctx.dockerfile.stages:
            if not ctx.ships(stage):
                continue
            added: list[Added] = []
            ignore: DockerIgnore | None = None
            for ins in ctx.layers_of(stage):
                if ins.keyword == "RUN" and ins.stage_index == stage.index:
                    for cmd, cwd in commands_with_cwd(ctx, ins):
                        for target in rm_targets(cmd):
                            if not cwd or "$" in target:
                                continue
                            t = resolve(cwd, target)
                            hit = self._match(ctx, added, t, ins, ignore)
                            if hit is None:
                                continue
                            if _adjacent_runs(hit.ins, ins, ctx):
                                continue
                            yield self.finding(
                                ctx,
                                ins,
                                f"`rm {target}` cannot shrink the image: {hit.what} "
                                f"(line {hit.ins.line}) already stored it in its layer",
                            )
                            break
                        else:
                            continue
                        break
                if ignore is None and ctx.context_dir is not None:
                    ignore = DockerIgnore(ctx.dockerignore)
                added.extend(added_by(ctx, ins))

    @staticmethod
    def _match(
        ctx: LintContext,
        added: list[Added],
        target: str,
        ins: Instruction,
        ignore: DockerIgnore | None,
    ) -> Added | None:
        for a in reversed(added):
            if a.ins is ins:
                continue
            if path_covers(target, a.path):
                return a
            if a.tree and target.startswith(a.path.rstrip("/") + "/") and ignore is not None:
                rel = target[len(a.path.rstrip("/")) + 1 :].rstrip("/*")
                top = rel.split("/", 1)[0]
                if "*" in top or not ctx.context_has(top):
                    continue
                if not ignore.excludes(rel):
                    return a
        return None
