"""Python: build a virtualenv in a throw-away stage, run it on a slimmer image.

The build stage is the original stage up to its last ``pip install``, with a virtualenv created
before the first one (so every ``pip`` lands in it) and the compilers and ``-dev`` packages it
already installed. The runtime stage copies only the virtualenv and the app, installs the runtime
libraries the ``-dev`` packages and natively built requirements need (``libpq-dev`` and
``psycopg2`` -> ``libpq5``), and keeps every run-time instruction.

Where the interpreter comes from decides the runtime images:

- a ``python`` image: the same image (``multistage``), its slim sibling (``multistage-slim``), or
  distroless python3 when the versions match (the virtualenv's interpreter link is pointed at
  distroless's ``/usr/bin/python3.11``, and ``pyvenv.cfg``'s ``home`` follows);
- Debian's own ``python3`` from apt (``FROM debian:bookworm`` + ``apt-get install python3``): the
  build keeps Debian's interpreter and the runtime installs just ``python3`` on the same image or
  on ``debian:bookworm-slim``; distroless python3-debian12 *is* Debian 12's Python 3.11, so the
  virtualenv runs there unchanged. Switching to the ``python`` images instead would change the
  interpreter build the app runs on, and their slim image is not smaller than Debian slim plus
  ``python3``.
"""

from __future__ import annotations

import posixpath
import re

from imgopt.dockerfile import Edit, Instruction
from imgopt.knowledge import (
    DistroPython,
    distro_of,
    distro_python,
    family_of,
    siblings,
)
from imgopt.variants.analysis import Cmd, StageFacts, pip_args, pip_install_parts
from imgopt.variants.model import Change
from imgopt.variants.split import Role, Split, render_split
from imgopt.variants.strategies.base import (
    DISTROLESS_HAS,
    SAFE,
    UNSAFE,
    Draft,
    NotApplicable,
    Strategy,
    Target,
    apt_install_run,
    check_distroless_runtime,
    classify_runs,
    exec_command_lines,
    image_text,
    is_apt,
    lines_of,
    runtime_apt_packages,
    runtime_programs,
)

VENV = "/opt/venv"
_PYTHON = re.compile(r"python(3(\.\d+)?)?\Z")
_APT_PYTHON = re.compile(r"python3(\.\d+)?\Z")
# Debian packages that are Python's own tooling (not libraries an app imports).
_PY_TOOLING = re.compile(r"python3(\.\d+)?-(dev|pip|venv|setuptools|wheel|distutils|minimal)\Z")


def _venv_target(c: Cmd) -> str | None:
    """The directory of ``python -m venv DIR`` / ``virtualenv DIR``, else None."""
    argv = c.cmd.effective_argv
    if not argv:
        return None
    prog = argv[0].rsplit("/", 1)[-1]
    rest = list(argv[1:])
    if prog == "virtualenv":
        pos = [a for a in rest if not a.startswith("-")]
        return pos[-1] if pos else None
    if (
        _PYTHON.match(prog)
        and len(rest) >= 2
        and rest[0] == "-m"
        and rest[1] in ("venv", "virtualenv")
    ):
        pos = [a for a in rest[2:] if not a.startswith("-")]
        return pos[-1] if pos else None
    return None


#: What names setuptools' run-time half: an app (or a requirement) that imports them needs it.
_USES_SETUPTOOLS = re.compile(rb"\b(pkg_resources|setuptools)\b")


def _install_tools(facts: StageFacts) -> list[str]:
    """The packaging tools to uninstall from the virtualenv before it is copied: pip always;
    setuptools (which brings ``pkg_resources``, 9 MB of a real app's 13 MB venv) and wheel too,
    unless a requirement names setuptools or a Python file of the context mentions
    ``pkg_resources``/``setuptools`` (read up to 2,000 files; more, or none readable: kept)."""
    if "setuptools" in facts.pip_requirements:
        return ["pip"]
    if facts.context_dir is None:
        return ["pip", "setuptools", "wheel"]
    for n, f in enumerate(facts.context_dir.rglob("*.py")):
        if n >= 2000:
            return ["pip"]
        try:
            if _USES_SETUPTOOLS.search(f.read_bytes()):
                return ["pip"]
        except OSError:
            return ["pip"]
    return ["pip", "setuptools", "wheel"]


class PythonStrategy(Strategy):
    """Split ``pip install`` into a virtualenv built in a throw-away stage."""

    id = "python-venv"
    ecosystem = "Python"

    def detect(self, facts: StageFacts) -> bool:
        return bool(facts.pip_installs)

    def propose(self, facts: StageFacts, target: Target) -> Draft:
        stage = facts.stage
        if stage.image is None:
            raise NotApplicable("the stage starts FROM another stage")
        dp = self._interpreter(facts)
        from_apt = dp is not None
        venv, created_at = self._existing_venv(facts)
        self._check_pip(facts, venv)
        roles = classify_runs(
            facts,
            lambda c: is_apt(c) or pip_args(c.cmd) is not None or _venv_target(c) is not None,
            is_setup=lambda c: bool(_PYTHON.match(c.program)),
        )
        first_pip = facts.pip_installs[0].ins
        programs = runtime_programs(facts, roles)
        changes: list[Change] = []
        split = Split(facts, roles, runtime_image="")

        # -- the runtime image ----------------------------------------------------------------
        runtime, base_change = self._runtime_image(facts, target, dp, from_apt)
        split.runtime_image = runtime
        changes.append(base_change)

        # -- runtime libraries -----------------------------------------------------------------
        pkgs, mapping = self._runtime_packages(facts, programs, from_apt)
        system_libs = [p for p in facts.apt_packages if _is_python_lib(p)]
        left_behind = [p for p in facts.apt_packages if p not in pkgs]
        if target is Target.MULTISTAGE and not left_behind and not facts.native_python_runtime:
            raise NotApplicable(
                f"nothing to leave behind on {stage.base_resolved}: the stage installs no "
                "compilers or -dev packages, and hygiene already drops pip's cache"
            )
        if target is Target.DISTROLESS:
            needed = [p for p in pkgs if not _APT_PYTHON.match(p) and p not in DISTROLESS_HAS]
            if needed:
                why = f" ({'; '.join(mapping)})" if mapping else ""
                raise NotApplicable(
                    f"the app needs {', '.join(needed)} at run time{why}, "
                    f"and {runtime} has no package manager to install them"
                )
            pkgs = []
            check_distroless_runtime(
                facts, roles, runtime, ("python", "python3", "python3.11", f"{venv}/bin/python")
            )
        elif not from_apt:
            pkgs = [p for p in pkgs if not _APT_PYTHON.match(p)]
        if pkgs:
            changes.append(
                Change(
                    self.id,
                    f"Install only {' '.join(pkgs)} in the runtime stage",
                    "The compilers and -dev headers stay in the build stage; the runtime gets "
                    "only what the built code and the app load at run time"
                    + (f" ({'; '.join(mapping)})" if mapping else "")
                    + ", without recommends and without apt's lists.",
                    UNSAFE,
                    lines_of(facts.apt_installs[0][0].ins) if facts.apt_installs else None,
                )
            )

        # -- the virtualenv in the build stage --------------------------------------------------
        copy_at = first_pip if created_at is None else min(created_at, first_pip, key=_idx)
        if created_at is None:
            self._insert_venv(facts, split, dp if from_apt else None, bool(system_libs), changes)
            tools = _install_tools(facts)
            split.build_append.append(f"RUN python3 -m pip uninstall -y {' '.join(tools)}")
            kept = (
                ""
                if "setuptools" in tools
                else " setuptools (and pkg_resources) stay: the requirements or the app's code "
                "name them."
            )
            changes.append(
                Change(
                    self.id,
                    f"Leave {', '.join(tools)} out of the virtualenv that ships",
                    "They are only needed to install; the copied virtualenv runs without them "
                    "(the runtime image keeps its own pip, if it has one)." + kept,
                    UNSAFE,
                    None,
                )
            )
        if target is Target.DISTROLESS:
            if system_libs:
                raise NotApplicable(
                    f"the app imports Debian's {', '.join(system_libs)} from the system "
                    "site-packages, which distroless does not have"
                )
            dl = distro_python(distro_of(stage.image))
            if dl is None or dl.distroless is None:
                raise NotApplicable("no distroless image carries the build stage's Python")
            split.build_append.append(_relink(venv, dl))
            changes.append(
                Change(
                    self.id,
                    f"Point the virtualenv at {dl.binary}",
                    f"{runtime} runs Debian's Python {dl.version} at {dl.binary} with no shell "
                    "or pip: the virtualenv's interpreter links and pyvenv.cfg's home are "
                    "pointed there, so its console scripts and `python` work unchanged.",
                    UNSAFE,
                    None,
                )
            )

        # -- the runtime stage -----------------------------------------------------------------
        apt_at = next(
            (c.ins for c, _ in facts.apt_installs if c.ins.index < copy_at.index), copy_at
        )
        if created_at is None and not self._installs_local_code(facts):
            # The virtualenv depends on nothing the app's files provide: copy it in before them,
            # so a code change rebuilds only the layers after it.
            copy_at = apt_at
        if pkgs:
            split.runtime_lines.setdefault(apt_at.index, []).append(apt_install_run(pkgs))
        venv_lines = [f"COPY --from={split.build_name} {venv} {venv}"]
        if created_at is None:
            venv_lines.append(f'ENV PATH="{venv}/bin:$PATH"')
        split.runtime_lines.setdefault(copy_at.index, []).extend(venv_lines)
        self._drop_requirement_copies(facts, split)
        if target is Target.DISTROLESS:
            cmd_lines, cmd_changes = exec_command_lines(
                facts, entrypoint_reset=True, translate=lambda argv: argv
            )
            split.runtime_lines.update(cmd_lines)
            changes.extend(cmd_changes)
        split.runtime_comment = "runtime: the virtualenv and the app, nothing used only to build"
        changes.insert(
            0,
            Change(
                self.id,
                "Build the dependencies into a virtualenv in a throw-away stage",
                "pip's build tools, caches, compilers and -dev headers stay in the build stage "
                f"(`{split.build_name}`); the runtime stage copies only {venv} and the app's "
                "files, and keeps every run-time instruction (CMD, ENV, EXPOSE, USER, ...).",
                UNSAFE,
                lines_of(first_pip),
            ),
        )
        return Draft(render_split(split), tuple(changes))

    # -- pieces ------------------------------------------------------------------------------

    def _interpreter(self, facts: StageFacts) -> DistroPython | None:
        """None for a ``python`` image; the distro's Python for apt's ``python3``."""
        stage = facts.stage
        fam = family_of(stage.image) if stage.image is not None else None
        if fam is not None and fam.name == "python":
            return None
        if not any(_APT_PYTHON.match(p) or _PY_TOOLING.match(p) for p in facts.apt_packages):
            raise NotApplicable(
                f"cannot tell which Python {stage.base_resolved} runs pip with (neither a "
                "python image nor Debian's python3 from apt)"
            )
        distro = distro_of(stage.image) if stage.image is not None else None
        dp = distro_python(distro)
        if dp is None:
            raise NotApplicable(
                f"the Python version of {stage.base_resolved}'s python3 is not known"
            )
        return dp

    def _drop_requirement_copies(self, facts: StageFacts, split: Split) -> None:
        """A COPY of only requirements files is not replayed when a later ``COPY .`` into the
        same directory ships them anyway (the bytes would be in the image twice)."""
        req_names: set[str] = set()
        for c in facts.pip_installs:
            files, _, _ = pip_install_parts(c.cmd)
            req_names.update(posixpath.basename(f) for f in files)
        body = facts.stage.body
        for i, ins in enumerate(body):
            if split.roles.get(ins.index) is not Role.CONTEXT or ins.index in split.runtime_lines:
                continue
            sources = facts.copy_sources(ins)
            if not sources or any(posixpath.basename(x) not in req_names for x in sources):
                continue
            dest = facts.copy_destination(ins)
            for later in body[i + 1 :]:
                if (
                    split.roles.get(later.index) is Role.CONTEXT
                    and facts.copy_sources(later) in (["."], ["./"])
                    and (
                        dest == facts.copy_destination(later)
                        or dest.startswith(facts.copy_destination(later).rstrip("/") + "/")
                    )
                ):
                    split.runtime_lines[ins.index] = []
                    break

    def _installs_local_code(self, facts: StageFacts) -> bool:
        """``pip install .`` / ``-e .``: the virtualenv then refers to the app's files."""
        for c in facts.pip_installs:
            _, packages, editable = pip_install_parts(c.cmd)
            if editable or any(p.startswith((".", "/")) for p in packages):
                return True
        return False

    def _existing_venv(self, facts: StageFacts) -> tuple[str, Instruction | None]:
        for c in facts.commands:
            target = _venv_target(c)
            if target is not None:
                if not target.startswith("/"):
                    target = facts.workdir_at(c.ins).rstrip("/") + "/" + target
                return target.rstrip("/"), c.ins
        return VENV, None

    def _check_pip(self, facts: StageFacts, venv: str) -> None:
        for c in facts.pip_installs:
            if c.cmd.has_flag("--user"):
                raise NotApplicable(
                    f"pip install --user (line {c.ins.line}) installs outside a virtualenv"
                )
            if c.cmd.has_flag("--target", "-t", "--prefix", "--root"):
                raise NotApplicable(
                    f"pip install at line {c.ins.line} installs into a chosen directory"
                )
            prog = c.cmd.effective_argv[0]
            if "/" in prog and not prog.startswith(venv + "/"):
                raise NotApplicable(
                    f"line {c.ins.line} calls {prog} by its path, which bypasses a virtualenv"
                )

    def _runtime_image(
        self, facts: StageFacts, target: Target, dp: DistroPython | None, from_apt: bool
    ) -> tuple[str, Change]:
        stage = facts.stage
        assert stage.image is not None
        base = stage.base_resolved
        if target is Target.MULTISTAGE:
            return stage.base, Change(
                self.id,
                f"Run on {base}, without what was only needed to build",
                "The runtime stage starts from the same image as the original, so the app "
                "runs on the same interpreter and system libraries.",
                SAFE,
                lines_of(stage.from_instruction),
            )
        kinds = ("slim",) if target is Target.MULTISTAGE_SLIM else ("distroless",)
        cands = [s for s in siblings(stage.image) if s.kind in kinds]
        if target is Target.MULTISTAGE_SLIM:
            if not cands:
                raise NotApplicable(
                    f"{base} has no slim sibling"
                    + (" (it is already slim: `multistage` runs on it)" if "slim" in base else "")
                )
            sib = max(cands, key=lambda s: (len(s.lacks), -cands.index(s)))
            if dp is not None:
                other = distro_python(distro_of(sib.ref))
                if other is None or other.version != dp.version:
                    raise NotApplicable(
                        f"the virtualenv is built for Python {dp.version} and {sib.ref}'s "
                        f"python3 is {other.version if other else 'unknown'}"
                    )
            why = (
                f"{sib.note}. The build stage keeps the full image; only the runtime moves."
                if not from_apt
                else f"{sib.note}. The runtime installs only Debian's python3 (the same "
                f"{dp.version if dp else ''} interpreter the original runs, at the same path, "
                "so the virtualenv works unchanged); that is smaller than moving to "
                "python:*-slim, which would also change the interpreter build."
            )
            return image_text(stage, sib.ref), Change(
                self.id, f"Run on {sib.ref}", why, UNSAFE, lines_of(stage.from_instruction)
            )
        ref = cands[0].ref if cands else (dp.distroless if dp is not None else None)
        if ref is None:
            raise NotApplicable(
                f"no distroless image carries the Python of {base} (distroless python3-debian12 "
                "is Debian 12's Python 3.11)"
            )
        return ref, Change(
            self.id,
            f"Run on {ref}",
            "distroless python3 is Debian 12's Python 3.11 with no shell, no pip and no package "
            "manager: only the interpreter, the virtualenv and the app ship.",
            UNSAFE,
            lines_of(stage.from_instruction),
        )

    def _runtime_packages(
        self, facts: StageFacts, programs: frozenset[str], from_apt: bool
    ) -> tuple[list[str], list[str]]:
        pkgs, mapping = runtime_apt_packages(
            facts, programs, skip=lambda p: bool(_APT_PYTHON.match(p)) and not from_apt
        )
        for name, rt in facts.native_python_runtime:
            if rt:
                pkgs.extend(rt)
                mapping.append(f"{name} -> {', '.join(rt)}")
        return list(dict.fromkeys(pkgs)), mapping

    def _insert_venv(
        self,
        facts: StageFacts,
        split: Split,
        dp: DistroPython | None,
        system_site: bool,
        changes: list[Change],
    ) -> None:
        body = facts.stage.body
        first_pip = facts.pip_installs[0]
        anchor: Instruction | None = None
        for c, _ in facts.apt_installs:
            if c.ins.index <= first_pip.ins.index:
                anchor = c.ins
        if anchor is not None and anchor is first_pip.ins and dp is not None:
            raise NotApplicable(
                f"line {anchor.line} installs Python and runs pip in the same RUN; the virtualenv "
                "cannot be created in between"
            )
        if anchor is None:
            pos = 0
        elif anchor is first_pip.ins:
            pos = body.index(anchor)  # the image has Python: create the venv before this RUN
        else:
            pos = body.index(anchor) + 1
        for ins in body[pos : body.index(first_pip.ins)]:
            if (
                ins.keyword == "USER"
                and ins.args
                and ins.args[0].split(":")[0] not in ("root", "0")
            ):
                raise NotApplicable(
                    f"USER {ins.args[0]} (line {ins.line}) is in effect for pip install; the "
                    f"virtualenv in {VENV} would not be writable"
                )
        if facts.user_at(body[pos]) not in (None, "root", "0"):
            raise NotApplicable("pip runs as a non-root USER; the virtualenv would not be writable")
        flag = " --system-site-packages" if system_site else ""
        split.build_before.setdefault(body[pos].index, []).extend(
            [f"RUN python3 -m venv{flag} {VENV}", f'ENV PATH="{VENV}/bin:$PATH"']
        )
        if dp is not None and not any(
            re.match(r"python3(\.\d+)?-venv\Z", p) for p in facts.apt_packages
        ):
            # Debian's python3 cannot create a virtualenv with pip without python3-venv.
            for c, pkgs in facts.apt_installs:
                if any(_APT_PYTHON.match(p.split("=")[0]) for p in pkgs):
                    if c.cmd.script != 0 or c.ins.is_exec_form or not c.cmd.words:
                        raise NotApplicable(
                            f"python3-venv must be added to the apt-get install at line "
                            f"{c.ins.line}, which is not a plain shell RUN"
                        )
                    at = c.ins.source_offset(c.cmd.words[-1].end)
                    split.build_edits.append(Edit(at, at, " python3-venv"))
                    break
            changes.append(
                Change(
                    self.id,
                    "Install python3-venv in the build stage",
                    "Debian's python3 needs python3-venv (ensurepip) to create a virtualenv "
                    "with pip; it stays in the build stage.",
                    SAFE,
                    lines_of(facts.apt_installs[0][0].ins) if facts.apt_installs else None,
                )
            )


def _idx(ins: Instruction) -> int:
    return ins.index


def _is_python_lib(pkg: str) -> bool:
    """A Debian-packaged Python library (``python3-numpy``), not tooling or the interpreter."""
    return pkg.startswith("python3-") and not _PY_TOOLING.match(pkg) and not _APT_PYTHON.match(pkg)


def _relink(venv: str, dp: DistroPython) -> str:
    return (
        f"# {dp.distroless} runs Debian's {dp.binary}: point the virtualenv there\n"
        f"RUN cd {venv}/bin \\\n"
        f"    && ln -sf {dp.binary} python \\\n"
        "    && ln -sf python python3 \\\n"
        f"    && ln -sf python python{dp.version} \\\n"
        f"    && sed -i 's|^home = .*|home = {dp.binary.rsplit('/', 1)[0]}|' {venv}/pyvenv.cfg"
    )
