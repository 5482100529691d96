"""Node: install and build in a throw-away stage, ship production dependencies and the output.

The build stage is the original stage up to its last build step (``npm ci``/``npm install`` --
whichever the original uses, so a project without ``package-lock.json`` still builds -- then
``npm run build``), followed by ``npm prune --omit=dev``. The runtime stage copies the pruned
application directory (production ``node_modules``, the build output, the sources) in one
``COPY --from``, where the last build step was, and replays every other instruction. The copy
replaces the context COPYs into that directory that came before it, so no byte is shipped twice;
npm's cache and the devDependencies stay behind.

When the dependencies are installed before the sources are copied (manifests first) and a build
step follows, the dependencies get stages of their own so that a code edit re-runs only the
build: ``prod-deps`` prunes the installed dependencies before any source arrives, ``app-build``
copies the sources and builds, and the runtime copies ``prod-deps``'s app directory, then what
``app-build`` hands over: its app directory without ``node_modules``. The same files end up in the
image (unless the build itself writes into ``node_modules``), in two layers: after an edit the
dependency layer stays cached and only the small second layer is rebuilt and pushed (measured in
benchmarks/bench_rebuild.py).

The hand-over is a copy of the app directory, ``node_modules`` left out, into a directory of its
own (:data:`HANDOVER`, ``cp -a`` of each entry, appended to the build's own ``RUN`` when it is a
shell command and mounts nothing in the way (:func:`_mounts_in_the_way`): a ``RUN`` of its own
costs every rebuild a container start and a snapshot). To key
a ``COPY --from``'s cache, BuildKit checksums the source path, and the first time it sees a
snapshot it scans the *parent* of that path: for ``/app``, the whole root filesystem of the build
stage (34,000 entries on node:18): 0.8 s of every warm rebuild in which no step runs
(benchmarks/results/bench_rebuild-2026-12-05-s8-idle.txt; the scan's cost against the stage's
size: copy_from_scan-2026-12-05-s9-scan.txt). The hand-over's parent holds only the copy. It
also replaces ``rm -rf node_modules``, which unlinked every installed file (a whiteout each) on
every rebuild, with a copy of the sources and the build output. Where the build runs as another
user than root the copy could not keep the files' owners: there the build still drops
``node_modules`` and the runtime copies the app directory itself.

An app can read a devDependency at run time (``debug`` loads ``supports-color`` when it finds
one). When the built original's runtime file closure shows that, and its lockfile says the prune
drops those packages (:mod:`imgopt.variants.npm_closure`, read by :mod:`imgopt.analyze.evidence`
into ``facts.evidence.npm``), the prune gets a stage of its own (``prod-deps``) and the runtime
copies exactly those package folders from the unpruned build stage, after the pruned app
directory. Without that evidence (``propose``, ``analyze --no-build``) nothing changes.

On distroless nodejs the image's ENTRYPOINT is ``node``: ``CMD ["npm", "start"]`` becomes the
``start`` script's ``node`` arguments (there is no npm there), ``CMD ["node", "x.js"]`` becomes
``CMD ["x.js"]``.
"""

from __future__ import annotations

import posixpath
import shlex

from imgopt.dockerfile import Edit, Instruction
from imgopt.knowledge import apt_build_only, native_package, parse_tag
from imgopt.variants.analysis import Cmd, StageFacts, npm_action
from imgopt.variants.model import Change
from imgopt.variants.npm_closure import DEV, NpmTree, kept_paths, package_name, tree_for
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
    sibling_of_kind,
    simple_shell_words,
)

#: Names of the stages the split adds when the dependencies are installed before the sources.
_PROD_DEPS = "prod-deps"
_APP_BUILD = "app-build"
#: Where ``app-build`` puts its app directory (without ``node_modules``) for the runtime to copy:
#: a directory whose parent holds nothing else, so that BuildKit's checksum of the COPY's source
#: scans only the copy (see the module's docstring). Under /tmp, which every image has.
HANDOVER = "/tmp/app-build/app"


def _is_node_build(c: Cmd) -> bool:
    return is_apt(c) or c.program in ("npm", "npx", "yarn", "pnpm", "node", "corepack")


def _can_append_to(ins: Instruction) -> bool:
    """Whether `` && more`` can end ``ins`` (a shell-form RUN whose line ends a command)."""
    body = ins.body.rstrip()
    return (
        ins.keyword == "RUN"
        and not ins.is_exec_form
        and not ins.heredocs
        and "#" not in body
        and bool(body)
        and not body.endswith(("&", ";", "|", "\\"))
    )


def _handover(app_dir: str, dest: str = HANDOVER) -> str:
    """The shell command that copies ``app_dir`` without ``node_modules`` to ``dest``.

    One ``cp -a`` per entry (modes, owners, times, symlinks kept), found by ``find``: GNU and
    busybox both have ``-mindepth``/``-maxdepth``; dotfiles are included. The directory itself is
    made by ``mkdir``: a COPY into an existing directory keeps that directory's mode and owner.
    """
    src, to = shlex.quote(app_dir), shlex.quote(dest)
    return (
        f"mkdir -p {to} && find {src} -mindepth 1 -maxdepth 1 ! -name node_modules "
        f"-exec cp -a {{}} {to}/ \\;"
    )


def _mounts_in_the_way(facts: StageFacts, ins: Instruction, app_dir: str) -> bool:
    """Whether a ``--mount`` of ``ins`` would change what the hand-over copies in its RUN.

    A mount inside the app directory (``--mount=type=cache,target=/app/.next/cache``) would be
    copied with it, though it is no part of the stage's files; one over the hand-over directory
    (a tmpfs on /tmp) would take the copy away with it. Then the copy gets a RUN of its own.
    """
    for m in ins.mounts:
        if not m.target:
            continue
        target = posixpath.normpath(posixpath.join(facts.workdir_at(ins), m.target))
        if _inside(target, app_dir) or _inside(app_dir, target) or _inside(HANDOVER, target):
            return True
    return False


def _keep_lines(keep: tuple[str, ...], stage: str, flag: str, app_dir: str) -> list[str]:
    """COPYs of the kept packages from the unpruned build stage, one per package folder."""
    return [
        f"COPY --from={stage}{flag} {posixpath.join(app_dir, p)} {posixpath.join(app_dir, p)}"
        for p in keep
    ]


def _keep_change(
    source: str, tree: NpmTree, keep: tuple[str, ...], prune: str, lines: tuple[int, int] | None
) -> Change:
    """The change that says which packages the runtime keeps, and why."""
    names = ", ".join(dict.fromkeys(package_name(p) for p in sorted(tree.dropped)))
    by_reason: dict[str, list[str]] = {}
    for path, why in sorted(tree.dropped.items()):
        by_reason.setdefault(why, []).append(package_name(path))
    reasons = "; ".join(f"{', '.join(dict.fromkeys(n))}: {why}" for why, n in by_reason.items())
    kind = "devDependencies" if set(by_reason) == {DEV} else "packages"
    return Change(
        source,
        f"Keep {kind} {names}: the original read them at run time",
        f"The original's processes opened files of {names} while it was verified (its runtime "
        f"file closure). By {tree.lockfile or 'its lockfile'}, as the built original holds it, "
        f"`{prune.removeprefix('RUN ')}` removes them ({reasons}). The runtime stage copies "
        f"exactly {', '.join(keep)} from the unpruned build stage.",
        SAFE,
        lines,
    )


def _inside(path: str, directory: str) -> bool:
    return path == directory or path.startswith(directory.rstrip("/") + "/")


class NodeStrategy(Strategy):
    """Prune devDependencies in a build stage; ship the pruned app directory."""

    id = "node-prune"
    ecosystem = "Node"

    def detect(self, facts: StageFacts) -> bool:
        return any(npm_action(c.cmd) in ("install", "ci") for c in facts.commands)

    def propose(self, facts: StageFacts, target: Target) -> Draft:
        stage = facts.stage
        if stage.image is None:
            raise NotApplicable("the stage starts FROM another stage")
        managers = {c.program for c in facts.commands if npm_action(c.cmd) is not None}
        if managers - {"npm", "npx"}:
            raise NotApplicable(
                f"{', '.join(sorted(managers - {'npm', 'npx'}))} projects are not split yet "
                "(only npm)"
            )
        installs = [c for c in facts.commands if npm_action(c.cmd) in ("install", "ci")]
        for c in installs:
            if c.cmd.has_flag("-g", "--global", "--location=global"):
                raise NotApplicable(
                    f"npm install -g at line {c.ins.line} installs outside the app directory"
                )
        app_dir = facts.workdir_at(installs[0].ins)
        if app_dir == "/":
            raise NotApplicable("npm installs into / (no WORKDIR): the app directory is the root")
        for c in facts.commands:
            if npm_action(c.cmd) is not None and facts.workdir_at(c.ins) != app_dir:
                raise NotApplicable(
                    f"npm runs in {facts.workdir_at(c.ins)} at line {c.ins.line} and in {app_dir}"
                )
            if c.program == "cd" and npm_action(c.cmd) is None:
                raise NotApplicable(f"RUN at line {c.ins.line} changes directory before npm")
        roles = classify_runs(facts, _is_node_build)
        changes: list[Change] = []
        split = Split(facts, roles, runtime_image="")
        runtime, base_change = self._runtime_image(facts, target)
        split.runtime_image = runtime
        changes.append(base_change)
        last = split.last_build()
        assert last is not None
        pkg = facts.package_json
        builds = any(npm_action(c.cmd) in ("build", "run", "exec") for c in facts.commands)
        build_only_apt = [p for p in facts.apt_packages if apt_build_only(p) or p.endswith("-dev")]
        if (
            target is Target.MULTISTAGE
            and pkg is not None
            and not pkg.get("devDependencies")
            and not builds
            and not build_only_apt
        ):
            raise NotApplicable(
                f"nothing to leave behind on {stage.base_resolved}: no devDependencies, no build "
                "step, no build tools"
            )

        # -- build stage: drop devDependencies once the build is done ---------------------------
        prune = self._prune_command(facts)
        dev = bool(pkg and pkg.get("devDependencies"))
        # Packages the original read at run time that the prune would drop: copied from the
        # unpruned build stage (evidence from the built original's closure and lockfile).
        tree = tree_for(facts.evidence.npm, app_dir) if facts.evidence is not None else None
        keep = kept_paths(tree) if tree is not None and (pkg is None or dev) else ()
        unpruned = split.build_name
        sources = self._sources_after_install(facts, roles, installs[-1].ins, last, app_dir)
        built = app_dir  # what the runtime copies from app-build
        if sources is not None:
            # The dependencies get stages of their own, cut before the sources come: a code
            # edit then re-runs only the build, never the prune, and the runtime's dependency
            # layer stays cached (nothing to push for it).
            deps = split.build_name
            if pkg is None or dev:
                split.build_before[sources.index] = [
                    "",
                    "# production dependencies: pruned before the sources come, so a code "
                    "edit keeps them cached",
                    f"FROM {split.build_name} AS {_PROD_DEPS}",
                    prune,
                    "",
                ]
                deps = _PROD_DEPS
                changes.append(
                    Change(
                        self.id,
                        f"Run `{prune.removeprefix('RUN ')}` in a stage of its own, before the "
                        "sources are copied",
                        "devDependencies (compilers like typescript, test runners, linters) are "
                        "only needed to build; pruning them in a stage that only the dependency "
                        "manifests reach leaves production dependencies for the runtime stage, "
                        "and a code edit never re-runs the prune.",
                        SAFE,
                        lines_of(last),
                    )
                )
            else:
                split.build_before[sources.index] = [""]
            split.build_before[sources.index].append(f"FROM {split.build_name} AS {_APP_BUILD}")
            # A copy keeps the files' owners only when root makes it (see the docstring).
            user = facts.user_at(last)
            handover = user is None or user.split(":", 1)[0] in ("root", "0")
            after = _handover(app_dir) if handover else f"rm -rf {app_dir}/node_modules"
            appended = _can_append_to(last) and not (
                handover and _mounts_in_the_way(facts, last, app_dir)
            )
            if appended:
                # In the build's own RUN: a RUN of its own costs a container start and a
                # snapshot on every rebuild, which made the variant's rebuild slower than the
                # original's (benchmarks/results/bench_rebuild-2026-12-05-node.txt).
                split.build_edits.append(Edit(last.body_end, last.body_end, f" && {after}"))
            else:
                split.build_append.append(f"RUN {after}")
            built = HANDOVER if handover else app_dir
            changes.append(
                Change(
                    self.id,
                    "Build the sources in a stage of their own and ship the dependencies in a "
                    "layer of their own",
                    "The runtime stage copies the dependencies, then the sources and build "
                    "output (the app directory without node_modules"
                    + (
                        f", copied to {HANDOVER} in the build's own RUN where it is a shell "
                        "command: to key a COPY --from, BuildKit scans the source's parent "
                        "directory on every rebuild, and the parent of /app is the whole build "
                        "image"
                        if handover
                        else ", removed in the build's own RUN where it is a shell command, so "
                        "a rebuild runs no extra step"
                    )
                    + "): after a code edit only the last layer is rebuilt and pushed, and the "
                    "same files end up in the image.",
                    SAFE,
                    (sources.line, last.end_line) if appended else lines_of(sources),
                )
            )
        elif (pkg is None or dev) and keep:
            # The prune gets a stage of its own, so that the unpruned build stage stays there
            # to copy the kept packages from.
            deps = _PROD_DEPS if _PROD_DEPS not in {s.name for s in facts.df.stages} else "pruned"
            split.build_append.extend(["", f"FROM {split.build_name} AS {deps}", prune])
            changes.append(
                Change(
                    self.id,
                    f"Run `{prune.removeprefix('RUN ')}` in a stage of its own, after the build",
                    "devDependencies (compilers like typescript, test runners, linters) are only "
                    "needed to build; pruning them in a stage after the build leaves production "
                    "dependencies for the runtime stage, and the unpruned build stage to copy "
                    "the packages the app reads at run time from.",
                    SAFE,
                    lines_of(last),
                )
            )
        elif pkg is None or dev:
            split.build_append.append(prune)
            changes.append(
                Change(
                    self.id,
                    f"Run `{prune.removeprefix('RUN ')}` after the build",
                    "devDependencies (compilers like typescript, test runners, linters) are only "
                    "needed to build; pruning them in the build stage leaves production "
                    "dependencies for the runtime stage.",
                    SAFE,
                    lines_of(last),
                )
            )

        # -- runtime stage ---------------------------------------------------------------------
        chown = None
        for ins in stage.body:
            if (
                roles.get(ins.index) is Role.CONTEXT
                and ins.index < last.index
                and _inside(facts.copy_destination(ins), app_dir)
            ):
                split.runtime_lines[ins.index] = []
                chown = ins.flag("chown") or chown
        flag = f" --chown={chown}" if chown else ""
        lines: list[str] = []
        pkgs, mapping = self._runtime_packages(facts, roles)
        if target is Target.DISTROLESS:
            pkgs = [p for p in pkgs if p not in DISTROLESS_HAS]
        if pkgs:
            if target is Target.DISTROLESS:
                raise NotApplicable(
                    f"the app needs {', '.join(pkgs)} at run time and {runtime} has no package "
                    "manager"
                )
            lines.append(apt_install_run(pkgs))
            changes.append(
                Change(
                    self.id,
                    f"Install only {' '.join(pkgs)} in the runtime stage",
                    "Build tools stay in the build stage; the runtime gets the libraries the "
                    "native modules load" + (f" ({'; '.join(mapping)})" if mapping else "") + ".",
                    UNSAFE,
                    None,
                )
            )
        if sources is not None:
            lines.append(f"COPY --from={deps}{flag} {app_dir} {app_dir}")
            lines.extend(_keep_lines(keep, unpruned, flag, app_dir))
            lines.append(f"COPY --from={_APP_BUILD}{flag} {built} {app_dir}")
        elif keep:
            lines.append(f"COPY --from={deps}{flag} {app_dir} {app_dir}")
            lines.extend(_keep_lines(keep, unpruned, flag, app_dir))
        else:
            lines.append(f"COPY --from={split.build_name}{flag} {app_dir} {app_dir}")
        if keep and tree is not None:
            changes.append(_keep_change(self.id, tree, keep, prune, lines_of(last)))
        split.runtime_lines[last.index] = lines
        if target is Target.DISTROLESS:
            check_distroless_runtime(facts, roles, runtime, ("node", "nodejs", "/nodejs/bin/node"))
            if stage.find("ENTRYPOINT"):
                raise NotApplicable(
                    f"the original sets its own ENTRYPOINT; {runtime}'s ENTRYPOINT is node"
                )
            cmd_lines, cmd_changes = exec_command_lines(
                facts, entrypoint_reset=False, translate=lambda argv: self._node_args(facts, argv)
            )
            split.runtime_lines.update(cmd_lines)
            changes.extend(cmd_changes)
        split.runtime_comment = "runtime: production dependencies and the build output only"
        changes.insert(
            0,
            Change(
                self.id,
                "Install and build in a throw-away stage",
                f"npm's cache and the devDependencies stay in the build stage; the runtime copies "
                f"the pruned {app_dir} once, in place of the context COPYs before the build, and "
                "keeps every run-time instruction.",
                UNSAFE,
                lines_of(installs[0].ins),
            ),
        )
        return Draft(render_split(split), tuple(changes))

    def _sources_after_install(
        self,
        facts: StageFacts,
        roles: dict[int, Role],
        install: Instruction,
        last: Instruction,
        app_dir: str,
    ) -> Instruction | None:
        """The first context COPY into the app directory between the last install and the
        last build step, when the dependencies can get stages of their own; else None.

        Not with an ARG in the stage (a ``FROM build AS ...`` stage does not inherit it), nor
        when a stage already bears one of the new stage names.
        """
        if last.index <= install.index or any(i.keyword == "ARG" for i in facts.stage.body):
            return None
        names = {s.name for s in facts.df.stages if s.name}
        if names & {_PROD_DEPS, _APP_BUILD}:
            return None
        for ins in facts.stage.body:
            if (
                install.index < ins.index < last.index
                and roles.get(ins.index) is Role.CONTEXT
                and _inside(facts.copy_destination(ins), app_dir)
            ):
                return ins
        return None

    def _prune_command(self, facts: StageFacts) -> str:
        image = facts.stage.image
        version = parse_tag(image.tag if image is not None else None).version or ""
        major = version.split(".", 1)[0]
        if major.isdigit() and int(major) < 16:
            return "RUN npm prune --production"  # npm 6 has no --omit
        return "RUN npm prune --omit=dev"

    def _runtime_image(self, facts: StageFacts, target: Target) -> tuple[str, Change]:
        stage = facts.stage
        base = stage.base_resolved
        if target is Target.MULTISTAGE:
            return stage.base, Change(
                self.id,
                f"Run on {base}, without what was only needed to build",
                "The runtime stage starts from the same image as the original: same Node, same "
                "system libraries.",
                SAFE,
                lines_of(stage.from_instruction),
            )
        kind = "slim" if target is Target.MULTISTAGE_SLIM else "distroless"
        sib = sibling_of_kind(stage, kind)
        if sib is None:
            raise NotApplicable(
                f"{base} has no {kind} sibling"
                + (" (it is already slim: `multistage` runs on it)" if "slim" in base else "")
            )
        return image_text(stage, sib.ref), Change(
            self.id,
            f"Run on {sib.ref}",
            f"{sib.note}. Nothing is built in the runtime stage.",
            UNSAFE,
            lines_of(stage.from_instruction),
        )

    def _runtime_packages(
        self, facts: StageFacts, roles: dict[int, Role]
    ) -> tuple[list[str], list[str]]:
        programs = runtime_programs(facts, roles)
        # node-gyp's Python is a build tool here.
        pkgs, mapping = runtime_apt_packages(
            facts, programs, skip=lambda p: p in ("python3", "python-is-python3", "python3-minimal")
        )
        deps = (facts.package_json or {}).get("dependencies") or {}
        for name in deps if isinstance(deps, dict) else ():
            rt = native_package("node", name)
            if rt:
                pkgs.extend(rt)
                mapping.append(f"{name} -> {', '.join(rt)}")
        return list(dict.fromkeys(pkgs)), mapping

    def _node_args(self, facts: StageFacts, argv: list[str]) -> list[str]:
        """The arguments for distroless's ``node`` ENTRYPOINT."""
        prog = posixpath.basename(argv[0])
        if prog in ("node", "nodejs"):
            return argv[1:]
        if prog == "npm" and argv[1:] in (["start"], ["run", "start"], ["run-script", "start"]):
            scripts = (facts.package_json or {}).get("scripts") or {}
            script = scripts.get("start") if isinstance(scripts, dict) else None
            words = simple_shell_words(script) if isinstance(script, str) else None
            if script is None and facts.package_json is not None:
                words = ["node", "server.js"]  # npm's default start script
            if words and posixpath.basename(words[0]) == "node":
                return words[1:]
            raise NotApplicable(
                "`npm start` runs a script that is not a plain `node ...` command, and "
                "distroless has no npm"
            )
        raise NotApplicable(f"the command `{' '.join(argv)}` needs npm or a shell")
