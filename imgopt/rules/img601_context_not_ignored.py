"""IMG601: COPY . sends VCS data, virtualenvs, caches and build outputs into the build."""

from __future__ import annotations

from collections.abc import Iterator

from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.rules.context import DockerIgnore, extend_dockerignore
from imgopt.rules.helpers import copies_whole_context, prog
from imgopt.rules.img502_single_stage_build import build_step

# (entry as scanned, pattern to propose, condition)
_ALWAYS = (
    (".git/", ".git"),
    (".hg/", ".hg"),
    (".svn/", ".svn"),
    (".pytest_cache/", ".pytest_cache"),
    (".mypy_cache/", ".mypy_cache"),
    (".ruff_cache/", ".ruff_cache"),
    (".tox/", ".tox"),
    (".nox/", ".nox"),
    (".nyc_output/", ".nyc_output"),
    (".coverage", ".coverage"),
    (".DS_Store", ".DS_Store"),
)
_VENVS = (".venv/", "venv/", "env/", ".env/")
# Build outputs: excluded only when the Dockerfile rebuilds them itself.
_OUTPUTS = (("dist/", "dist"), ("build/", "build"), ("target/", "target"), (".next/", ".next"))


class ContextNotIgnored(Rule):
    """`COPY .` sends VCS data, virtualenvs, caches and build outputs into the image.

    What it does:
        Flags the first `COPY . <dest>` (or `ADD .`) when the build context holds entries no
        image needs and `.dockerignore` does not exclude them: `.git`, virtual environments
        (`.venv`, `venv`, any folder with a `pyvenv.cfg`), `__pycache__` folders, test and
        type-checker caches, and build outputs (`dist`, `build`, `target`, `.next`) that the
        Dockerfile builds again itself. It looks at the context folder, not only the text;
        without a context it finds nothing. `node_modules` is IMG304's.

    Why it matters:
        Everything in the context is sent to the builder before the build starts, and
        `COPY .` puts it in a layer: a repository's `.git` is often larger than its working
        tree, and a local virtualenv is hundreds of MB of binaries for the wrong platform.
        Any change in them (every commit touches `.git`) also invalidates the `COPY` layer
        and everything after it.

    Example:
        ```dockerfile
        COPY . .
        ```
        with `.git/`, `.venv/` and `__pycache__/` in the context and no `.dockerignore`.

    Fixed example:
        ```dockerfile
        COPY . .
        ```
        with a `.dockerignore` listing `.git`, `.venv` and `**/__pycache__`.

    Fix safety:
        Safe: the fix proposes a `.dockerignore` (existing lines kept, the entries actually
        present appended). `.git` is left out of the proposal when the Dockerfile runs `git`
        (version from tags), and build outputs are proposed only when the Dockerfile builds
        them again.

    Equivalents:
        No hadolint rule; Parfum "missing .dockerignore"; dockershrink "add .dockerignore".
    """

    code = "IMG601"
    name = "context-not-ignored"
    summary = "COPY . with .git, virtualenvs, caches or build outputs not in .dockerignore"
    fix_title = "Exclude them in .dockerignore"
    fixable = "safe"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        if ctx.context_dir is None:
            return
        copy_all = next(
            (i for st in ctx.dockerfile.stages for i in st.body if copies_whole_context(i)),
            None,
        )
        if copy_all is None:
            return
        entries = ctx.context_entries
        commands = [
            c for st in ctx.dockerfile.stages for ins in ctx.runs(st) for c in ctx.commands(ins)
        ]
        uses_git = any(prog(c) == "git" for c in commands) or self._scm_version(ctx)
        builds = any(build_step(ctx, c) for c in commands)
        found: list[tuple[str, str]] = []
        for entry, pattern in _ALWAYS:
            if entry in entries and not (pattern == ".git" and uses_git):
                found.append((entry, pattern))
        for entry in sorted(entries):
            top = entry.split("/", 1)[0] + "/"
            if entry == top and (
                entry in _VENVS or ctx.read_context_file(entry + "pyvenv.cfg") is not None
            ):
                found.append((entry, entry.rstrip("/")))
        if any(e.rstrip("/").endswith("__pycache__") for e in entries):
            found.append(("__pycache__/", "**/__pycache__"))
        if builds:
            found += [(e, p) for e, p in _OUTPUTS if e in entries]
        ignore = DockerIgnore(ctx.dockerignore)
        missing: list[tuple[str, str]] = []
        for entry, pattern in dict.fromkeys(found):
            paths = (
                [entry]
                if pattern != "**/__pycache__"
                else [e for e in entries if e.rstrip("/").endswith("__pycache__")]
            )
            if any(not ignore.excludes(p) for p in paths):
                missing.append((entry, pattern))
        if not missing:
            return
        content = extend_dockerignore(ctx.dockerignore, [p for _, p in missing])
        names = ", ".join(e.rstrip("/") for e, _ in missing)
        yield self.finding(
            ctx,
            copy_all,
            f"`COPY .` sends {names} into the build: not excluded by .dockerignore",
            fix=self.make_fix([], dockerignore=content),
        )

    @staticmethod
    def _scm_version(ctx: LintContext) -> bool:
        text = ctx.read_context_file("pyproject.toml") or ""
        return "setuptools_scm" in text or "setuptools-scm" in text or "hatch-vcs" in text
