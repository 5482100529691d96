"""Verify a variant against the original without needing a spec: discover, probe, learn, compare.

1. **Discover** (:mod:`imgopt.verify.discover`): run the original, gated and traced
   (:mod:`imgopt.verify.closure`), until it exits (a one-shot command) or answers HTTP on a port it
   listens on (a service).
2. **Derive probes**: ``GET /``, the HEALTHCHECK's URL and the parameter-free routes in the app's
   sources (:mod:`imgopt.verify.routes`), at most :data:`~imgopt.verify.routes.MAX_ROUTES` + 2 in
   all; the HEALTHCHECK command itself; a one-shot's own command. A spec's checks are added to
   these, never put in their place. The derived probes run once in the traced container.
3. **Learn what varies**: the whole spec runs again on the original, in a fresh container; what
   differed between the two runs (:mod:`imgopt.verify.variance`) is left out of the comparison.
4. **Compare** each variant: same status, Content-Type, body (and exit code, output) as the
   original, except what varied; and every file of the original's runtime closure present.
   Two runs can agree by chance where an app varies (a debug toolbar's timings, a cache's hit
   count): when a variant that passed its checks differs where the original's runs agreed, the
   original runs once more (same dependencies, a fresh container, up to
   :data:`MAX_ORIGINAL_RUNS` runs in all), what differs between its runs now is left out too,
   and the variant is judged against that wider template. What the original never varies in
   must still match.
"""

from __future__ import annotations

import dataclasses
import json
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from imgopt.engine.containers import (
    ContainerStartError,
    RunningContainer,
    Sandbox,
    image_facts,
    running_container,
)
from imgopt.engine.filesystem import open_image_files, runtime_facts
from imgopt.engine.images import inspect_image
from imgopt.engine.sidecar import INIT_PID, engine_elsewhere
from imgopt.errors import InputError
from imgopt.verify import closure as closure_mod
from imgopt.verify.closure import ABSENT_REASONS, Closure, ClosureFacts
from imgopt.verify.deps import NO_DEPENDENCIES, Dependencies, app_in_place
from imgopt.verify.discover import (
    ONE_SHOT_LINES,
    Discovery,
    exited,
    spec_draft,
    tcp_checks,
    watch_start,
)
from imgopt.verify.remote import SidecarTracer, sidecar_gate
from imgopt.verify.result import CheckResult, SmokeResult, start_error
from imgopt.verify.routes import find_routes, healthcheck_argv, healthcheck_target
from imgopt.verify.run import exec_check, probe_http, run_smoke
from imgopt.verify.spec import CommandCheck, HttpCheck, SmokeSpec, StatusRange
from imgopt.verify.variance import Template, learn

DISCOVERY_DEADLINE_S = 60.0
PROBE_STARTUP_S = 20.0
PROBE_TIMEOUT_S = 10.0
ANY_STATUS = StatusRange(100, 599)
DRAFT_NAME = "smoke.toml"
#: The original's second profiling run waits this long after the app first answers before its
#: recorded probes, so an uptime or a timestamp in seconds cannot match the first run by chance.
SECOND_RUN_SETTLE_S = 1.1
#: At most this many runs of the original's probes (the two of profiling, then one more each time
#: a variant differs where the runs so far agreed) make the template a variant is judged by.
MAX_ORIGINAL_RUNS = 4
#: A variant's proof names at most this many of the closure files it lacks but does not need (the
#: first, in path order; ``absent_optional`` is their total); text output names the first 3.
ABSENT_LISTED = 50
ABSENT_SHOWN = 3


@dataclass(frozen=True)
class Proof:
    """How strong a verification was: what was compared with the original.

    Attributes:
        probes: HTTP probes compared (status, Content-Type, body).
        tcp_probes: TCP probes of a service that speaks no HTTP (the port accepts; what the app
            says first is compared).
        commands: commands compared (exit code, output).
        closure_files: files of the original's runtime closure checked in the variant (None: no
            closure was recorded).
        closure_bytes: their total size in the original.
        image_bytes: the total size of the closure files the checked image holds (the
            original: ``closure_bytes``; a variant: what it holds of them, wherever): the app's
            floor in that image, beside the image's size.
        dependencies: services started for the app (names).
        masked: probes or commands of which a part that varied was left out.
        closure_note: why the closure is missing or incomplete.
        absent_optional: closure files the variant does not have that it does not need either
            (reported, not failed: see :mod:`imgopt.verify.closure`).
        absent_files: the first :data:`ABSENT_LISTED` of them, each with why it is not required
            (a :data:`imgopt.verify.closure.ABSENT_REASONS` code), in path order.
        strict_closure: the literal closure rule (``--strict-closure``, the default) was
            applied: every closure file the variant lacks fails it, but for what is not a loss by
            construction; False: the required-files rule, which names the others with why.
        original_runs: how many runs of the original's probes the template of what varies came
            from (2 from profiling, more when a variant's differences made it probe the original
            again; 0: not recorded).
    """

    probes: int = 0
    commands: int = 0
    tcp_probes: int = 0
    closure_files: int | None = None
    closure_bytes: int | None = None
    image_bytes: int | None = None
    dependencies: tuple[str, ...] = ()
    masked: int = 0
    closure_note: str | None = None
    absent_optional: int = 0
    original_runs: int = 0
    absent_files: tuple[tuple[str, str], ...] = ()
    strict_closure: bool = True

    def describe(self) -> str:
        """``3 HTTP probes, 1 command, 761 closure files (103.0 MB), no dependencies``."""
        parts = [_count(self.probes, "HTTP probe"), _count(self.commands, "command")]
        if self.tcp_probes:
            parts.insert(1, _count(self.tcp_probes, "TCP probe"))
        if self.closure_files is not None:
            mb = (self.closure_bytes or 0) / 1e6
            text = f"{_count(self.closure_files, 'closure file')} ({mb:.1f} MB)"
            if self.strict_closure:
                text += ", every one required (strict)"
                if self.absent_optional:  # under the literal rule: only what nothing can read
                    text += " but " + _not_a_loss(self.absent_optional, self.absent_files)
            elif self.absent_optional:
                text += f", of which {_count(self.absent_optional, 'file')} absent but not required"
            parts.append(text)
        else:
            parts.append(f"no file closure ({self.closure_note or 'not recorded'})")
        deps = ", ".join(self.dependencies) if self.dependencies else "none"
        parts.append(f"dependencies started: {deps}")
        if self.original_runs:
            parts.append(f"compared with {_count(self.original_runs, 'run')} of the original")
        return ", ".join(parts)

    def absent_line(self, shown: int = ABSENT_SHOWN) -> str | None:
        """``absent but not required: /etc/ssl/openssl.cnf (configuration or data), ... and 2
        more``: the first ``shown`` names, for text output; None when nothing is absent."""
        return absent_line(self.absent_optional, self.absent_files, shown)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``absent_files`` as ``{"path", "reason"}`` objects)."""
        data = {**dataclasses.asdict(self), "summary": self.describe()}
        data["absent_files"] = [{"path": p, "reason": why} for p, why in self.absent_files]
        return data


@dataclass(frozen=True)
class Profile:
    """Everything learned from the original, against which variants are compared."""

    image: str
    discovery: Discovery
    spec: SmokeSpec
    result: SmokeResult  # the second run of the whole spec on the original
    templates: Mapping[str, Template]  # check name -> what its body / output must match
    varying_status: frozenset[str]
    varying_type: frozenset[str]
    closure: Closure | None
    closure_facts: ClosureFacts | None
    reason: str | None  # why the original cannot be verified; None when it can
    proof: Proof
    draft: str = ""  # a smoke.toml of what was discovered
    #: check name -> its body (or output) in each run of the original, the first run's first: the
    #: templates are learnt from these, and widened when the original runs again.
    samples: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    runs: int = 2  # runs of the original's probes behind the templates

    @property
    def passed(self) -> bool:
        """Whether the original could be verified: variants can be compared with it."""
        return self.reason is None


@dataclass(frozen=True)
class Verdict:
    """Whether a variant works like the original, and how strong that proof is."""

    verified: bool
    reason: str | None
    log_tail: str | None
    proof: Proof
    result: SmokeResult | None = None
    differences: tuple[str, ...] = field(default_factory=tuple)
    absent_optional: tuple[str, ...] = ()  # closure files the variant lacks and does not need


@dataclass(frozen=True)
class _Plan:
    """What discovery runs and probes, read from the image, its sources and the user's spec."""

    argv: tuple[str, ...]
    env: dict[str, str]
    hints: tuple[int, ...]
    routes: tuple[str, ...]
    health: tuple[str, ...] | None
    target: tuple[int | None, str] | None
    user: SmokeSpec | None


class Verifier:
    """Profiles the original once and checks each variant against it."""

    def __init__(
        self,
        *,
        run_id: str,
        context: Path | None = None,
        spec: SmokeSpec | None = None,
        labels: Mapping[str, str] | None = None,
        out_dir: Path | None = None,
        trace: bool = True,
        dependencies: Dependencies | None = None,
        strict_closure: bool | None = None,
    ) -> None:
        self.run_id = run_id
        self.context = context
        self.user_spec = spec
        self.labels = dict(labels or {})
        self.out_dir = out_dir
        self.trace = trace
        self.deps = dependencies or NO_DEPENDENCIES
        self.dependencies = self.deps.names
        #: The literal closure rule applies: as asked here (``--strict-closure`` True,
        #: ``--lenient-closure`` False), else as the user's spec's ``[closure] strict`` says, else
        #: it does: the literal rule is the default (:func:`imgopt.verify.closure.strict_rule`).
        self.strict_closure = closure_mod.strict_rule(
            strict_closure, spec.closure_strict if spec is not None else None
        )
        # id of a profile given to check() -> (that profile, its template widened by more runs)
        self._widened: dict[int, tuple[Profile, Profile]] = {}

    # -- the original ----------------------------------------------------------------------

    def profile(self, image: str, *, base_image: str | None = None) -> Profile:
        """Discover, probe twice and record the closure of the original ``image``, with its
        dependencies started (see :meth:`_profile`).

        Raises:
            InputError: when the engine has no such image; DependencyError when a dependency
                cannot be started.
            EngineError: when the engine fails.
        """
        with app_in_place(self.deps, run_id=self.run_id, labels=self.labels):
            return self._profile(image, base_image=base_image)

    def _profile(self, image: str, *, base_image: str | None = None) -> Profile:
        """Discover, probe twice and record the closure of the original ``image``.

        ``base_image`` (the final stage's ``FROM``) tells the closure which files the
        Dockerfile's own layers added; without it every closure file counts as the app's own.

        Raises:
            InputError: when the engine has no such image.
            EngineError: when the engine fails.
        """
        facts = image_facts(image)
        extra = runtime_facts(image)
        user = self.user_spec
        env = dict(user.env) if user else {}
        hints = _hints(facts.exposed_tcp_ports, {**extra.env, **env}, user)
        argv = tuple(facts.entrypoint or ()) + tuple(facts.cmd or ())
        routes = find_routes(self.context) if self.context else ()
        health = healthcheck_argv(extra.healthcheck)
        target = healthcheck_target(extra.healthcheck)

        plan = _Plan(argv, env, hints, routes, health, target, user)
        discovery, first, traced, closure = self._discover(image, plan)
        derived = _derived_spec(discovery, first, routes, target, health, user, image)
        draft = spec_draft(discovery, tuple(c.path for c in derived.http), image)
        if discovery.reason is not None and user is None:
            return self._failed(image, discovery, derived, closure, discovery.reason, draft)
        spec = _merge_specs(derived, user)
        second = run_smoke(
            image, spec, run_id=self.run_id, labels=self.labels, settle_s=SECOND_RUN_SETTLE_S
        )
        templates: dict[str, Template] = {}
        varying_status: set[str] = set()
        varying_type: set[str] = set()
        samples: dict[str, tuple[str, ...]] = {}
        by_name = {c.name: c for c in first}
        masked = 0
        for check in second.checks:
            before = by_name.get(check.name)
            if before is None:
                continue  # a spec check: compared exactly where the spec asks
            samples[check.name] = (_text(before), _text(check))
            template = learn(*samples[check.name])
            templates[check.name] = template
            masked += template.masked
            if before.status != check.status or before.exit_code != check.exit_code:
                varying_status.add(check.name)
            if before.content_type != check.content_type:
                varying_type.add(check.name)
        facts_closure = (
            self._closure_facts(image, closure, base_image) if closure and closure.files else None
        )
        reason = None if second.passed else f"the original failed: {second.reason}"
        if discovery.reason is not None and reason is None and not user:
            reason = discovery.reason
        proof = Proof(
            probes=sum(1 for c in spec.http if not c.tcp),
            tcp_probes=sum(1 for c in spec.http if c.tcp),
            commands=len(spec.commands),
            closure_files=len(facts_closure.files) if facts_closure else None,
            closure_bytes=facts_closure.bytes if facts_closure else None,
            image_bytes=facts_closure.bytes if facts_closure else None,
            dependencies=self.dependencies,
            masked=masked,
            closure_note=None if facts_closure else _closure_note(closure, traced),
            original_runs=2,
            strict_closure=self.strict_closure,
        )
        profile = Profile(
            image=image,
            discovery=discovery,
            spec=spec,
            result=second,
            templates=templates,
            varying_status=frozenset(varying_status),
            varying_type=frozenset(varying_type),
            closure=closure,
            closure_facts=facts_closure,
            reason=reason,
            proof=proof,
            draft=draft,
            samples=samples,
        )
        self._record(profile)
        return profile

    def _discover(
        self, image: str, plan: _Plan
    ) -> tuple[Discovery, list[CheckResult], bool, Closure | None]:
        if not plan.argv:
            return Discovery(kind="unknown", reason="the image has no command"), [], False, None
        caps = plan.user.capabilities if plan.user else "auto"
        found = self._discover_gated(image, plan, drop_caps=caps != "default")
        if found[0].reason is not None and found[0].listening == () and caps == "auto":
            # As run_smoke does: an app that failed without any capability (nginx, postgres
            # change users at start) gets one more run with Docker's default set.
            again = self._discover_gated(image, plan, drop_caps=False)
            if again[0].reason is None:
                return again
        return found

    def _discover_gated(
        self, image: str, plan: _Plan, *, drop_caps: bool
    ) -> tuple[Discovery, list[CheckResult], bool, Closure | None]:
        problem = closure_mod.tracer_problem() if self.trace else "tracing is off"
        if problem is not None and self.trace and engine_elsewhere():
            problem = None  # its sidecar traces there: this machine needs neither strace nor root
        # The image's own /bin/sh gates its start; an image without one (distroless, scratch)
        # gets the host's shell mounted in; only when neither starts does it run ungated.
        gates: list[closure_mod.Gate | str | None] = [None]
        if problem is None:
            # On an engine of another machine the sidecar image lends its shell, not this host.
            lent = "sidecar" if engine_elsewhere() else closure_mod.host_gate()
            gates[:0] = [closure_mod.IMAGE_GATE, lent]
        last_error = ""
        for gate in dict.fromkeys(gates):
            try:
                if isinstance(gate, str):
                    with sidecar_gate(self.run_id, self.labels) as borrowed:
                        return self._discover_once(image, plan, gate=borrowed, drop_caps=drop_caps)
                return self._discover_once(image, plan, gate=gate, drop_caps=drop_caps)
            except ContainerStartError as exc:
                last_error = start_error(exc)  # no /bin/sh for the gate: the next one
        reason = f"the original's container did not start: {last_error}"
        return Discovery(kind="unknown", hints=plan.hints, reason=reason), [], False, None

    def _discover_once(
        self, image: str, plan: _Plan, *, gate: closure_mod.Gate | None, drop_caps: bool
    ) -> tuple[Discovery, list[CheckResult], bool, Closure | None]:
        user, hints = plan.user, plan.hints
        sandbox = Sandbox(
            memory=user.memory if user else "1g",
            pids_limit=user.pids_limit if user else 512,
            drop_all_capabilities=drop_caps,
            lifetime_s=DISCOVERY_DEADLINE_S + 40 * PROBE_TIMEOUT_S,
        )
        with tempfile.TemporaryDirectory(prefix="imgopt-trace-") as tmp:
            trace_file = Path(tmp) / "trace.txt"
            with running_container(
                image,
                run_id=self.run_id,
                entrypoint=gate.entrypoint if gate else None,
                command=plan.argv if gate else None,
                mounts=gate.mounts if gate else (),
                env=plan.env,
                ports=hints,
                sandbox=sandbox,
                labels=self.labels,
            ) as container:
                remote = container.remote  # reached through a sidecar (imgopt.verify.remote)
                pid = (INIT_PID if container.state().running else None) if remote else container.pid
                tracer: closure_mod.Tracer | SidecarTracer | None = None
                complete = False
                if gate is not None and pid is not None:
                    if remote and any(m.kind == "bind" for m in gate.mounts):
                        # The host's shell is this machine's file: not on the remote engine.
                        raise ContainerStartError("a shell of this machine cannot gate it there")
                    if not remote and closure_mod.tracer_problem() is not None:
                        # engine_elsewhere() guessed wrong: run it ungated, as without a tracer.
                        raise ContainerStartError(closure_mod.tracer_problem() or "")
                    tracer = (
                        SidecarTracer(container.sidecar())
                        if remote
                        else closure_mod.Tracer(pid, trace_file)
                    )
                    complete = tracer.wait_attached()
                    tracer.release_gate()
                started = time.monotonic()
                try:
                    discovery = (
                        watch_start(
                            container,
                            pid=pid,
                            hints=hints,
                            deadline_s=user.http[0].startup_timeout_s
                            if user and user.http
                            else DISCOVERY_DEADLINE_S,
                            started=started,
                        )
                        if pid is not None
                        else exited(
                            container, container.state().exit_code, None, hints, ONE_SHOT_LINES
                        )
                    )
                    first = _first_probes(
                        container, discovery, plan.routes, plan.target, plan.health
                    )
                finally:
                    if tracer is not None:
                        tracer.stop()
                closure = None
                if tracer is not None and pid is not None:
                    closure = closure_mod.closure_from_trace(tracer.read(), pid, complete=complete)
        return discovery, first, gate is not None, closure

    def _closure_facts(self, image: str, closure: Closure, base_image: str | None) -> ClosureFacts:
        hashes = closure_mod.context_hashes(self.context, {Path(p).name for p in closure.files})
        wanted = closure_mod.app_candidates(closure, hashes)
        # The files the Dockerfile's own layers added keep their content too; which ones those
        # are is known once the layers are read, so every such candidate is hashed.
        wanted |= {p for p in closure.files if closure_mod.content_kept(p, closure.executables)}
        index = open_image_files(
            image, run_id=self.run_id, labels=self.labels, hash_wanted=wanted.__contains__
        )
        base_layers = None
        if base_image is not None:
            try:
                base_layers = len(inspect_image(base_image).diff_ids)
            except InputError:
                base_layers = None  # not here (a scratch or unpullable base): all count as own
        return closure_mod.measure(closure, index, hashes, base_layers)

    def _failed(
        self,
        image: str,
        discovery: Discovery,
        spec: SmokeSpec,
        closure: Closure | None,
        reason: str,
        draft: str,
    ) -> Profile:
        empty = SmokeResult(
            image=image,
            spec_source=spec.source,
            passed=False,
            checks=(),
            reason=reason,
            log_tail=discovery.output,
            capabilities="drop-all",
            duration_s=0.0,
        )
        profile = Profile(
            image=image,
            discovery=discovery,
            spec=spec,
            result=empty,
            templates={},
            varying_status=frozenset(),
            varying_type=frozenset(),
            closure=closure,
            closure_facts=None,
            reason=reason,
            proof=Proof(dependencies=self.dependencies, strict_closure=self.strict_closure),
            draft=draft,
        )
        self._record(profile)
        return profile

    def _record(self, profile: Profile) -> None:
        if self.out_dir is None:
            return
        self.out_dir.mkdir(parents=True, exist_ok=True)
        data = {
            "image": profile.image,
            "discovery": profile.discovery.to_dict(),
            "checks": list(profile.spec.check_names),
            "varying": {
                name: t.gaps if not t.too_variable else "all"
                for name, t in profile.templates.items()
                if t.masked
            },
            "proof": profile.proof.to_dict(),
            "closure": {
                "mechanism": closure_mod.MECHANISM,
                "complete": profile.closure.complete if profile.closure else False,
                "files": list(profile.closure_facts.files) if profile.closure_facts else [],
                "bytes": profile.closure_facts.bytes if profile.closure_facts else None,
                "app_files": sorted(profile.closure_facts.app_files)
                if profile.closure_facts
                else [],
            },
            "original_runs": profile.runs,
            "verified": profile.passed,
            "reason": profile.reason,
        }
        from imgopt.userfiles import write_text

        # Through userfiles: inside imgopt's output folder, its marker lists what was written.
        write_text(self.out_dir / "discovery.json", json.dumps(data, indent=2) + "\n")
        if not profile.passed and profile.draft:
            write_text(self.out_dir / DRAFT_NAME, profile.draft + "\n")

    # -- a variant -------------------------------------------------------------------------

    def check(self, profile: Profile, image: str) -> Verdict:
        """Run the original's checks on ``image`` and compare; check the closure's files.

        Raises:
            InputError: when the engine has no such image.
            EngineError: when the engine fails.
        """
        if not profile.passed:
            why = f"the original could not be verified ({profile.reason})"
            return Verdict(False, why, None, profile.proof, differences=(why,))
        given = profile
        known = self._widened.get(id(given))
        if known is not None and known[0] is given:
            profile = known[1]  # an earlier variant made the original run again: learnt from it
        with app_in_place(self.deps, run_id=self.run_id, labels=self.labels):
            result = run_smoke(image, profile.spec, run_id=self.run_id, labels=self.labels)
            differences = compare(profile, result)
            if differences and result.passed and profile.runs < MAX_ORIGINAL_RUNS:
                # Where the original's runs agreed by chance, the variant is not to blame: run the
                # original once more, in the same dependencies' company, and learn from it too.
                again = run_smoke(
                    profile.image,
                    profile.spec,
                    run_id=self.run_id,
                    labels=self.labels,
                    settle_s=SECOND_RUN_SETTLE_S,
                )
                wider = widen(profile, again)
                if wider is not None:
                    self._widened[id(given)] = (given, wider)
                    self._record(wider)
                    profile = wider
                    differences = compare(profile, result)
        absent: tuple[str, ...] = ()
        listed: tuple[tuple[str, str], ...] = ()
        held: int | None = None
        if profile.closure_facts is not None:
            wanted = {*profile.closure_facts.app_files, *profile.closure_facts.own_hashes}
            index = open_image_files(
                image, run_id=self.run_id, labels=self.labels, hash_wanted=wanted.__contains__
            )
            files = closure_mod.check_variant(
                profile.closure_facts, index, strict=self.strict_closure
            )
            differences += files.problems
            absent = files.absent_optional
            listed = absent_listing(files)
            held = files.bytes
        same = not differences
        reason = None if same else "; ".join(differences)
        tail = None if same else result.log_tail
        proof = dataclasses.replace(
            profile.proof,
            absent_optional=len(absent),
            absent_files=listed,
            image_bytes=held,
            strict_closure=self.strict_closure,
        )
        return Verdict(same, reason, tail, proof, result, tuple(differences), absent)


def _not_a_loss(total: int, listed: tuple[tuple[str, str], ...]) -> str:
    """What the literal rule accepted (:data:`imgopt.verify.closure.NOT_A_LOSS`), for
    :meth:`Proof.describe`: ``1 shared library file that nothing could load (no dynamic
    loader)``, or ``3 files absent and not a loss (the entry points of ...)``."""
    from imgopt.verify.closure import ABSENT_REASONS

    kinds = sorted({why for _, why in listed})
    if kinds in ([], ["library-without-loader"]):
        return f"{_count(total, 'shared library file')} that nothing could load (no dynamic loader)"
    words = "; ".join(ABSENT_REASONS.get(k, k) for k in kinds)
    return f"{_count(total, 'file')} absent and not a loss ({words})"


def absent_line(
    total: int, listed: Sequence[tuple[str, str]], shown: int = ABSENT_SHOWN
) -> str | None:
    """What :meth:`Proof.absent_line` says, from a proof's ``absent_optional`` (``total``) and
    ``absent_files`` (``listed``, as ``(path, reason code)``), as run.json records them."""
    if not total:
        return None
    names = [f"{path} ({ABSENT_REASONS.get(why, why)})" for path, why in listed[:shown]]
    more = total - len(names)
    if not names:
        return f"{_count(total, 'file')} absent but not required (names not recorded)"
    return "absent but not required: " + ", ".join(names) + (f" and {more} more" if more else "")


def recorded_absent(proof: Mapping[str, Any]) -> tuple[tuple[tuple[str, str], ...], int | None]:
    """The closure files a proof as run.json records it (:meth:`Proof.to_dict`) names as absent
    but not required: its ``(path, reason code)`` pairs (entries without a path left out) and its
    ``absent_optional`` total (None when missing or not a count)."""
    listed = tuple(
        (f["path"], str(f.get("reason") or ""))
        for f in proof.get("absent_files") or ()
        if isinstance(f, dict) and isinstance(f.get("path"), str)
    )
    total = proof.get("absent_optional")
    return listed, total if isinstance(total, int) and not isinstance(total, bool) else None


def recorded_absent_line(proof: Mapping[str, Any]) -> str | None:
    """:func:`absent_line` of a proof as run.json records it (:func:`recorded_absent`); None when
    it records nothing absent, or is malformed."""
    listed, total = recorded_absent(proof)
    return None if total is None else absent_line(total, listed)


def absent_listing(check: closure_mod.ClosureCheck) -> tuple[tuple[str, str], ...]:
    """The first :data:`ABSENT_LISTED` (in path order) of the closure files a variant lacks but
    does not need, each with its reason code: what its :class:`Proof` names."""
    pairs = zip(check.absent_optional, check.reasons, strict=True)
    return tuple(sorted(pairs))[:ABSENT_LISTED]


def widen(profile: Profile, again: SmokeResult) -> Profile | None:
    """``profile`` with one more run of the original (``again``) learnt: each derived check's
    template leaves out what differed between any of the original's runs, and a status, exit code
    or Content-Type that differed from the profiled run's is no longer compared. None when that
    run failed (nothing can be learnt from it), or when there are no earlier texts to learn with.
    """
    if not again.passed or not profile.samples:
        return None
    templates = dict(profile.templates)
    samples = dict(profile.samples)
    varying_status = set(profile.varying_status)
    varying_type = set(profile.varying_type)
    before_by_name = {c.name: c for c in profile.result.checks}
    for check in again.checks:
        seen = samples.get(check.name)
        before = before_by_name.get(check.name)
        if seen is None or before is None:
            continue  # a spec check: compared exactly where the spec asks
        samples[check.name] = (*seen, _text(check))
        templates[check.name] = learn(*samples[check.name])
        if before.status != check.status or before.exit_code != check.exit_code:
            varying_status.add(check.name)
        if _media(before) != _media(check):
            varying_type.add(check.name)
    runs = profile.runs + 1
    masked = sum(1 for t in templates.values() if t.masked)
    return dataclasses.replace(
        profile,
        templates=templates,
        samples=samples,
        varying_status=frozenset(varying_status),
        varying_type=frozenset(varying_type),
        runs=runs,
        proof=dataclasses.replace(profile.proof, masked=masked, original_runs=runs),
    )


def compare(profile: Profile, variant: SmokeResult) -> list[str]:
    """Every way ``variant``'s results differ from the original's, beyond what varied."""
    differences: list[str] = []
    if not variant.passed:
        differences.append(f"the variant failed its checks ({variant.reason})")
    after_by_name = {c.name: c for c in variant.checks}
    for before in profile.result.checks:
        after = after_by_name.get(before.name)
        if after is None:
            differences.append(f"{before.name}: not run on the variant")
            continue
        template = profile.templates.get(before.name)
        if before.kind == "http":
            if before.name not in profile.varying_status and before.status != after.status:
                differences.append(
                    f"{before.name}: status {after.status}, the original answered {before.status}"
                )
                continue
            if before.name not in profile.varying_type and _media(before) != _media(after):
                differences.append(
                    f"{before.name}: Content-Type {after.content_type}, "
                    f"the original's was {before.content_type}"
                )
            text_before, text_after, what = before.body, after.body, "body"
        else:
            if before.name not in profile.varying_status and before.exit_code != after.exit_code:
                differences.append(
                    f"{before.name}: exit code {after.exit_code}, "
                    f"the original exited {before.exit_code}"
                )
                continue
            text_before, text_after, what = before.output, after.output, "output"
        if template is not None:
            if not template.matches(text_after or ""):
                where = template.first_difference(text_after or "")
                differences.append(f"{before.name}: {what} differs from the original's ({where})")
        elif before.compare_content and text_before != text_after:
            differences.append(f"{before.name}: {what} differs from the original's")
    return differences


def _text(result: CheckResult) -> str:
    """What a check's template is learnt from: an HTTP body (a TCP greeting), a command's output."""
    return (result.body if result.kind == "http" else result.output) or ""


def _media(result: CheckResult) -> str | None:
    if result.content_type is None:
        return None
    return result.content_type.split(";")[0].strip().lower()


def _first_probes(
    container: RunningContainer,
    discovery: Discovery,
    routes: tuple[str, ...],
    target: tuple[int | None, str] | None,
    health: tuple[str, ...] | None,
) -> list[CheckResult]:
    """Run the derived probes once in the discovery container (the first of the two runs)."""
    results: list[CheckResult] = []
    if discovery.kind == "service" and (discovery.port is not None or discovery.not_http):
        for check in _http_checks(discovery.port, routes, target) + _tcp_checks(discovery):
            results.append(probe_http(container, check)[0])
        if health is not None:
            results.append(exec_check(container, _health_check(health, None)))
    elif discovery.kind == "one-shot":
        results.append(
            CheckResult(
                name="default command",
                kind="command",
                passed=True,
                duration_s=discovery.ready_s or 0.0,
                exit_code=discovery.exit_code,
                output=discovery.output,
            )
        )
    return results


def _tcp_checks(discovery: Discovery) -> list[HttpCheck]:
    return tcp_checks(discovery, PROBE_STARTUP_S, PROBE_TIMEOUT_S)


def _http_checks(
    port: int | None, routes: tuple[str, ...], target: tuple[int | None, str] | None
) -> list[HttpCheck]:
    if port is None:
        return []  # no port answered HTTP (a TCP service: _tcp_checks)
    paths: list[str] = ["/"]
    if target is not None and target[0] in (None, port) and target[1] not in paths:
        paths.append(target[1])
    paths += [r for r in routes if r not in paths]
    return [
        HttpCheck(
            name=f"GET {path}",
            port=port,
            path=path,
            status=ANY_STATUS,
            startup_timeout_s=PROBE_STARTUP_S,
            request_timeout_s=PROBE_TIMEOUT_S,
        )
        for path in paths
    ]


def _health_check(argv: tuple[str, ...], exit_code: int | None) -> CommandCheck:
    return CommandCheck(
        name="HEALTHCHECK",
        command=argv,
        mode="exec",
        exit_code=exit_code if exit_code is not None else 0,
        timeout_s=30.0,
    )


def _derived_spec(
    discovery: Discovery,
    first: list[CheckResult],
    routes: tuple[str, ...],
    target: tuple[int | None, str] | None,
    health: tuple[str, ...] | None,
    user: SmokeSpec | None,
    image: str,
) -> SmokeSpec:
    """The checks derived from discovery, expecting what the first run showed."""
    source = f"derived from running {image}" + (f" and {user.source}" if user else "")
    http: list[HttpCheck] = []
    commands: list[CommandCheck] = []
    if discovery.kind == "service" and (discovery.port is not None or discovery.not_http):
        # A derived probe the original itself did not answer (a route that hangs, or wants a
        # POST and resets) proves nothing: it is left out rather than failing the original.
        answered = {r.name for r in first if r.status is not None}
        http = [
            c for c in _http_checks(discovery.port, routes, target)
            if c.path == "/" or c.name in answered
        ]  # fmt: skip
        # A TCP service (no HTTP): each port it listens on, where it accepted in the first run.
        accepted = {r.name for r in first if r.passed}
        http += [c for c in _tcp_checks(discovery) if c.name in accepted]
        seen = next((r for r in first if r.name == "HEALTHCHECK"), None)
        if health is not None and seen is not None and seen.exit_code is not None:
            commands.append(_health_check(health, seen.exit_code))
    elif discovery.kind == "one-shot" and discovery.exit_code == 0:
        timeout = max(60.0, 3 * (discovery.ready_s or 0.0))
        commands.append(
            CommandCheck(name="default command", exit_code=discovery.exit_code, timeout_s=timeout)
        )
    env = user.env if user else ()
    return SmokeSpec(
        source=source, http=tuple(http), commands=tuple(commands), env=env, inferred=True
    )


def _merge_specs(derived: SmokeSpec, user: SmokeSpec | None) -> SmokeSpec:
    """The derived checks plus every check of the user's spec (which keeps its limits)."""
    if user is None:
        return derived
    names = set(user.check_names)
    return dataclasses.replace(
        user,
        source=derived.source,
        http=tuple(c for c in derived.http if c.name not in names) + user.http,
        commands=tuple(c for c in derived.commands if c.name not in names) + user.commands,
    )


def _hints(
    exposed: tuple[int, ...], env: Mapping[str, str], user: SmokeSpec | None
) -> tuple[int, ...]:
    hints: list[int] = []
    if user is not None:
        hints += [c.port for c in user.http]
    port = env.get("PORT", "")
    if port.isdigit():
        hints.append(int(port))
    hints += list(exposed)
    return tuple(dict.fromkeys(hints))


def _closure_note(closure: Closure | None, traced: bool) -> str:
    if closure is not None:
        return closure.note or "the trace saw no file of the image"
    if not traced:
        problem = closure_mod.tracer_problem()
        return (
            problem or "neither the image's /bin/sh nor a shell from the host could gate its start"
        )
    return "not recorded"


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


__all__ = ["MAX_ORIGINAL_RUNS", "Profile", "Proof", "Verdict", "Verifier", "compare", "widen"]
