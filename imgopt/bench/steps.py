"""Cold build times from build steps: every distinct step is built once, not once per variant.

A run's variants share steps whose inputs are identical: the same base image and the same
instructions before them (a hygiene variant shares the original's ``FROM`` and ``WORKDIR``;
multistage, multistage-slim and distroless often share their whole builder stage). A cold build
of every variant runs those steps again and again. Instead, :class:`~imgopt.bench.runner.BenchRun`
(with ``estimate_cold``) builds the original cold, then builds each variant *with* the build
cache: a step another build of the run already executed comes from the cache, every other step
runs, cold (its cache mounts are the variant's own, empty: :mod:`imgopt.bench.cold`). The
variant's cold time is then estimated from its steps (:meth:`StepTimes.estimate`), each step's
time being its real uncached duration in whichever build executed it.

**How a step is recognised across builds.** BuildKit's vertex digest cannot be the key: the build
context is a new vertex in every build (its digest includes the build's session), so every step
after a ``COPY`` has a new digest in every build, shared or not (measured on this engine: BuildKit
26.1, ``--progress=rawjson``). A step's key (:func:`step_keys`) is therefore the hash of its
instruction text (without BuildKit's ``[stage n/m]`` prefix, which changes with the number of
steps) and of its inputs' keys, the build context counting as one fixed input. Cache mounts are
left out of the text, as BuildKit leaves them out of its cache key: a variant's ``RUN
--mount=type=cache,... go build`` is the original's ``RUN go build`` to BuildKit, and is reused
from it (measured on this engine), whatever the mount's id. What a step's name does not show,
BuildKit's cache key still holds: an ``ENV CGO_ENABLED=0`` before ``RUN go build`` makes another
step with the same name. So the ``ENV``, ``ARG``, ``USER`` and ``SHELL`` instructions before each
step (in its stage and the stages it is built ``FROM``) are part of its text
(:func:`hidden_inputs`). Whether two steps
really had equal inputs (file contents included) is BuildKit's business: it reports a step as
``cached`` only then; the key only says which earlier execution that was.

**Parallel stages: the critical path, not the sum.** BuildKit runs independent stages at the same
time, so a multi-stage build takes as long as its longest chain of dependent steps, not the sum
of all steps. The estimate is: the build's own wall time, minus the span its solve took (first
step start to last step end, so buildx's start-up, loading the Dockerfile and base-image
metadata stay as measured), plus the critical path through the step graph with every step at
its uncached duration (measured at idle: flask-tutorial's multistage-slim +1.4 % by the path,
+41.7 % by the sum). ``serial_seconds`` (the sum instead) is kept beside it, so benchmarks can
show which agrees with real cold builds (benchmarks/analyze_stages.py). Two stages that really
ran at once on 2 cores slowed each other; their durations, when measured in that same build,
already say so. Two steps holding one cache mount with ``sharing=locked`` (apt's, in a build
stage and a runtime stage) do not run at once: the second waits for the first, and BuildKit
counts that wait in its duration. A step's time is kept without the wait (:func:`lock_waits`),
so a variant that reuses it alone does not pay it, and the critical path puts the wait back
where two such steps meet, as the mean over the orders they can take (:func:`critical_path`):
python-native's hygiene reused a 4.1 s apt-get whose own time was 2.1 s (estimate +22.3 %).
The export is the one part of the build's own time that a cold build spends
differently: it writes every layer of the image, where a build from the cache writes only the
layers its own steps made (flask-tutorial's hygiene: 2.04 s against 0.01 s). So the export
counts at the rate the run's ``--no-cache`` build of the original exported at, per byte of
image (:attr:`StepTimes.export_rate`), when that is more than the build's own.

**Where durations live.** In memory for the run, and on disk in the user's cache
(``$IMGOPT_CACHE_DIR/steps/``, one small JSON file per step key, written atomically), so a step
that an earlier imgopt run on this machine executed (and that BuildKit still has cached) keeps
its measured duration. That duration was measured on the machine as it was then, busier or
idler: each step keeps its last executions, each with the run that timed it and the load
average then, and counts the median of them, each scaled to the machine as it is now: by the
ratio of :func:`slowdown` now and then (a step of 31.8 s at a load of 5.4 took 11.0 s at 1.4),
else by how that run timed the steps this run executed too (:meth:`StepTimes.speed`). The
median, as one execution of a step may have stalled on a download (76.6 s among 10 to 13 s),
and a step BuildKit keeps cached is never timed again. An execution stored by an imgopt from
before histories (no run, no load) counts only when nothing else times the step, the same
instruction's executions on other inputs included: one 19.3 s and one 26.6 s of those made
flask-tutorial's hygiene 41.9 s where the real cold build took 25.7 s. BuildKit
also reuses a step whose inputs changed but whose input *files* did not (a ``COPY
--from=build /app/server`` after a ``go build`` that ran again and wrote the same binary): such
a step has a key no build executed, and takes the durations of the executions of the same
instruction text (:attr:`Estimate.similar`). A
cached step whose duration is known nowhere (the cache was filled by a ``docker build`` of the
user's) makes the estimate impossible: the caller then runs a real cold build. ``FROM`` steps
do no work of the user's; unknown, they count as 0 s. A cached ``WORKDIR`` counts 0 s whatever
an execution of it once took: a ``--no-cache`` build reports it cached too (measured on this
engine), and so with any step a ``--no-cache`` build of the run reported cached
(:attr:`Estimate.assumed`).

**Cache mounts must be filled as a cold build fills them** where the warm rebuild that follows
reads them: in a step that runs again after the code edit, one that comes after a ``COPY`` or
``ADD`` of the edited file (``edited``). Such a cached step is only reused when a build of this
run executed that very step with the same mount ids (the bench gives equal steps equal ids:
:func:`imgopt.bench.cold.namespaced_text` with ``by_prefix``); otherwise (the step was reused from
the original's step without mounts, or from an earlier run) its mounts would be empty where a
cold build fills them, so the estimate is refused and the variant built cold for real. A
dependency install before the sources are copied (``RUN --mount=type=cache,... pip install``
after ``COPY requirements.txt``) does not run again after the edit: its mounts do not matter.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from imgopt.dockerfile import Dockerfile
    from imgopt.engine.builders import BuildResult, BuildStep

T = TypeVar("T")

#: Vertices of the frontend, before the solve starts (their time stays as measured).
_PRELUDE = (
    "[internal] load build definition",
    "[internal] load .dockerignore",
    "[internal] load metadata for ",
    "[auth] ",
)
#: Vertices after the solve: the image export (their time stays as measured).
_EXPORT = ("exporting ", "writing image", "naming to ", "unpacking to ")
#: Instructions that do no work of the user's: unknown, they count as 0 s.
_TRIVIAL = ("FROM ", "WORKDIR ")
#: Instructions a ``--no-cache`` build reports cached when nothing before them ran (measured:
#: BuildKit 26.1, a ``WORKDIR`` right after ``FROM``): cached, they cost a cold build nothing,
#: whatever an execution of them once took (one that prepared the base image took 0.7 s).
_CACHED_WHEN_COLD = ("WORKDIR ",)
#: Instructions BuildKit makes a step of (numbered ``[stage n/m]``).
_STEP_KEYWORDS = frozenset({"FROM", "RUN", "COPY", "ADD", "WORKDIR"})
#: Instructions that change later steps without a step of their own.
_HIDDEN = frozenset({"ENV", "ARG", "USER", "SHELL"})
#: A ``--mount=type=cache,...`` flag as BuildKit names the step (not part of its cache key).
_CACHE_MOUNT = re.compile(r"(?<!\S)--mount=(?=\S*\btype=cache\b)\S+")


@dataclass(frozen=True)
class Estimate:
    """A cold build time estimated from a build's steps.

    Attributes:
        seconds: the estimate (critical path); None when a step's uncached time is unknown.
        serial_seconds: the same with the steps' times summed instead (None likewise).
        executed: steps this build ran.
        reused: cached steps whose time came from another build of this run.
        earlier: cached steps whose time came from an earlier run (the on-disk store).
        similar: cached steps timed by an execution of the same instruction on other inputs.
        assumed: cached steps counted as 0 s: ``FROM`` of unknown time, and steps a cold
            build reports cached too (``WORKDIR``; any a ``--no-cache`` build of the run did).
        unknown: cached steps of unknown time (their names).
        steps: per solve step, (name, seconds counted, where that time came from: ``executed``,
            ``run``, ``earlier``, ``text``, ``assumed``, and when it ran: POSIX start and end,
            for a step this run executed, else None), for benchmarks to compare step by step
            with a real cold build.
        overhead: the build's own seconds outside its steps (counted in ``seconds``).
        scaled: earlier runs' times scaled to the machine as it is now
            (:meth:`StepTimes.factor`).
        export: the seconds counted for exporting the image, within ``overhead``: a cold
            build's export (:attr:`StepTimes.export_rate`), else this build's.
        earlier_builds: where the seconds of the ``earlier`` steps were measured: per earlier
            cold build, (its run, the variant it built, the factor its times were scaled by,
            the seconds counted from it); a build stored before builds were named has None.
    """

    seconds: float | None
    serial_seconds: float | None
    executed: int
    reused: int
    earlier: int
    similar: int
    assumed: int
    unknown: tuple[str, ...]
    steps: tuple[tuple[str, float, str, float | None, float | None], ...] = ()
    overhead: float = 0.0
    scaled: int = 0
    export: float = 0.0
    earlier_builds: tuple[tuple[str | None, str | None, float | None, float], ...] = ()


def _kind(step: BuildStep) -> str:
    """``prelude``, ``export`` or ``solve`` (the step graph the critical path runs through)."""
    if step.name.startswith(_PRELUDE):
        return "prelude"
    if step.name.startswith(_EXPORT):
        return "export"
    return "solve"


def hidden_inputs(df: Dockerfile) -> dict[tuple[str | None, int], str]:
    """The instructions that change a step without showing in its name, by (stage label as
    BuildKit prints it, step number): the ``ENV``, ``ARG``, ``USER`` and ``SHELL`` lines before
    it, the ones of the stage it is built ``FROM`` included."""
    out: dict[tuple[str | None, int], str] = {}
    hidden: list[list[str]] = []
    for k, stage in enumerate(df.stages):
        mine = list(hidden[stage.base_stage]) if stage.base_stage is not None else []
        labels: set[str | None] = {stage.name_as_written, stage.name, f"stage-{k}"} - {None}
        if len(df.stages) == 1:
            labels.add(None)
        n = 0
        for ins in stage.instructions:
            if ins.keyword in _HIDDEN:
                mine.append(" ".join(ins.raw.split()))
            elif ins.keyword in _STEP_KEYWORDS:
                n += 1
                for label in labels:
                    out[(label, n)] = "\n".join(mine)
        hidden.append(mine)
    return out


Hidden = Mapping[tuple[str | None, int], str]


def step_keys(steps: Sequence[BuildStep], hidden: Hidden | None = None) -> dict[str, str]:
    """Each step's key (by its digest): a hash of its instruction text (with ``hidden``'s lines
    for it) and its inputs' keys.

    Steps without a digest (the classic builder) get none.
    """

    def key(step: BuildStep, inputs: list[str]) -> str:
        text = "\0".join([_text(step, hidden), *sorted(inputs)])
        return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32]

    # an input the stream never described: its digest is all there is to go by
    return _fold(steps, lambda digest: digest, key)


def _fold(
    steps: Sequence[BuildStep],
    leaf: Callable[[str], T],
    node: Callable[[BuildStep, list[T]], T],
) -> dict[str, T]:
    """``node(step, its inputs' values)`` for every step, inputs first; ``leaf(digest)`` for an
    input the stream did not describe."""
    by_digest = {s.digest: s for s in steps if s.digest}
    done: dict[str, T] = {}

    def visit(digest: str, depth: int = 0) -> T:
        if digest in done:
            return done[digest]
        step = by_digest.get(digest)
        if step is None or depth > 500:
            return leaf(digest)
        done[digest] = leaf(digest)  # a cycle (never in BuildKit's graph) must not recurse forever
        done[digest] = node(step, [visit(i, depth + 1) for i in step.inputs])
        return done[digest]

    for digest in by_digest:
        visit(digest)
    return done


def _text(step: BuildStep, hidden: Hidden | None = None) -> str:
    """The step's instruction as BuildKit's cache sees it: no cache mounts, spaces collapsed,
    the hidden instructions before it."""
    if step.instruction.startswith("[internal] load build context"):
        return "[internal] load build context"
    text = " ".join(_CACHE_MOUNT.sub(" ", step.instruction).split())
    extra = (hidden or {}).get((step.stage, step.index)) if step.index is not None else None
    return f"{extra}\n{text}" if extra else text


def plain_name(name: str) -> str:
    """A step's name without its cache mounts (their ids differ between builds of one step)."""
    return " ".join(_CACHE_MOUNT.sub(" ", name).split())


def after_edit(steps: Sequence[BuildStep], edited: str) -> dict[str, bool]:
    """By digest: whether the step runs again when ``edited`` changes (it comes after a ``COPY``
    or ``ADD`` from the build context whose sources take in that file)."""
    context = {s.digest for s in steps if s.instruction.startswith("[internal] load build context")}

    def node(step: BuildStep, inputs: list[bool]) -> bool:
        if any(inputs):
            return True
        from_context = any(i in context for i in step.inputs)
        return from_context and _copies(step.instruction, edited)

    return _fold(steps, lambda digest: False, node)


def _copies(instruction: str, edited: str) -> bool:
    """Whether a ``COPY``/``ADD`` instruction's sources take in the file ``edited``."""
    import fnmatch
    import shlex

    words = instruction.split(maxsplit=1)
    if len(words) < 2 or words[0].upper() not in ("COPY", "ADD"):
        return False
    try:
        args = shlex.split(words[1])
    except ValueError:
        return True  # cannot tell: assume it does
    if args and args[0].startswith("["):  # JSON form
        with contextlib.suppress(ValueError):
            args = [str(a) for a in json.loads(words[1])]
    sources = [a for a in args if not a.startswith("--")][:-1]
    path = edited.lstrip("./")
    for src in sources:
        s = src.strip().lstrip("./").rstrip("/")
        if not s or s == "." or path == s or path.startswith(s + "/") or fnmatch.fnmatch(path, s):
            return True
    return False


def _full_text(step: BuildStep, keys: Mapping[str, str]) -> str:
    """The step's instruction as written (cache mount ids included) and its key."""
    return f"{keys.get(step.digest or '', '')} {' '.join(step.instruction.split())}"


def text_key(step: BuildStep, hidden: Hidden | None = None) -> str:
    """A key of the instruction text alone (for a step reused on other inputs)."""
    text = _text(step, hidden)
    return "text-" + hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32]


def _duration(step: BuildStep) -> float | None:
    if step.started is None or step.completed is None:
        return None
    return max(0.0, step.completed - step.started)


def critical_path(steps: Sequence[BuildStep], seconds: Mapping[str, float]) -> tuple[float, float]:
    """(longest chain, sum) of ``seconds`` (by digest) over the steps' input graph.

    Steps that share a cache mount with ``sharing=locked`` (:func:`locked_ids`: apt's mounts in
    two stages) never run at once: BuildKit starts both, and the one that gets the lock second
    waits for the other to end. Which one is a race (measured on this engine, python-native's
    multistage-slim: the build stage's apt-get first in one build, the runtime's in another),
    so the chain is the mean over every order the steps' inputs allow of the longest chain with
    them run one after the other in that order.
    """
    locked = [s for s in steps if s.digest and s.digest in seconds and locked_ids(s.instruction)]
    if len(locked) < 2 or len(locked) > _MAX_LOCKED:
        return _longest(steps, seconds, {}) or 0.0, sum(seconds.values())
    import itertools

    chains: list[float] = []
    for order in itertools.permutations(locked):
        after: dict[str, list[str]] = {}  # digest -> the locked steps it waits for, this order
        for i, step in enumerate(order):
            mine = locked_ids(step.instruction)
            for earlier in order[:i]:
                if mine & locked_ids(earlier.instruction):
                    after.setdefault(step.digest or "", []).append(earlier.digest or "")
        chain = _longest(steps, seconds, after)
        if chain is not None:
            chains.append(chain)
    longest = sum(chains) / len(chains) if chains else _longest(steps, seconds, {})
    return longest or 0.0, sum(seconds.values())


#: More steps than this sharing locked cache mounts in one build: their orders are not averaged
#: (each is counted as if it ran alone).
_MAX_LOCKED = 6


def _longest(
    steps: Sequence[BuildStep], seconds: Mapping[str, float], after: Mapping[str, list[str]]
) -> float | None:
    """The longest chain of ``seconds`` over the steps' inputs and the ``after`` edges; None
    when ``after`` contradicts the inputs (an order of locked steps that cannot happen)."""
    by_digest = {s.digest: s for s in steps if s.digest}
    ends: dict[str, float] = {}
    visiting: set[str] = set()

    def end(digest: str) -> float | None:
        if digest in ends:
            return ends[digest]
        step = by_digest.get(digest)
        if step is None:
            return 0.0
        if digest in visiting:
            return None  # a cycle: the order puts a step before one it needs
        visiting.add(digest)
        start = 0.0
        for i in (*step.inputs, *after.get(digest, ())):
            e = end(i)
            if e is None:
                return None
            start = max(start, e)
        visiting.discard(digest)
        ends[digest] = start + seconds.get(digest, 0.0)
        return ends[digest]

    for digest in by_digest:
        if end(digest) is None:
            return None
    return max(ends.values(), default=0.0)


def locked_ids(instruction: str) -> frozenset[str]:
    """The ids of the cache mounts ``instruction`` holds with ``sharing=locked`` (a mount's id
    defaults to its target)."""
    from imgopt.dockerfile import parse_mount

    mounts = [
        parse_mount(flag.removeprefix("--mount=")) for flag in _CACHE_MOUNT.findall(instruction)
    ]
    return frozenset(m.get("id") or m.target or "" for m in mounts if m.get("sharing") == "locked")


def lock_waits(steps: Iterable[BuildStep]) -> dict[str, float]:
    """By digest: how long each executed step of one build waited for a locked cache mount
    (:func:`locked_ids`) that another of its steps held. The step that ends first held the lock
    (the other could not run until then): the second waited from its start to that end.
    Measured (python-native's multistage-slim): both apt-get steps started at 0.02 s, the build
    stage's ended at 2.20 s and the runtime's at 4.08 s, 1.88 s of its own."""
    held = [
        (s, locked_ids(s.instruction))
        for s in steps
        if not s.cached and s.digest and s.started is not None and s.completed is not None
    ]
    held = [(s, ids) for s, ids in held if ids]
    waits: dict[str, float] = {}
    for b, ids in held:
        assert b.started is not None and b.completed is not None
        free = b.started
        for a, other in held:
            assert a.completed is not None
            if a is not b and ids & other and b.started < a.completed < b.completed:
                free = max(free, a.completed)
        if free > b.started:
            waits[b.digest or ""] = free - b.started
    return waits


#: Executions of a step kept on disk (newest last), each with the run that timed it.
HISTORY = 8
#: An earlier run's times are scaled to this run's only when at least this many steps of at
#: least :data:`YARDSTICK_STEP_S` both executed ...
YARDSTICK_STEPS = 2
YARDSTICK_STEP_S = 0.5
#: ... and took the same share longer or shorter, within this factor (else: taken as they were).
YARDSTICK_AGREE = 1.5


class StepTimes:
    """Uncached step durations by step key: this run's, and earlier runs' from the disk.

    An earlier run's duration was measured on the machine as it was then: under another load
    (seen: a pip step timed at a load average of 5 to 23, used hours later on an idle machine,
    made an estimate 2.3x the real cold build). So each execution is kept with the run that
    timed it and the load average then, and scaled to the load now (:meth:`factor`); without a
    load, by how that run's times compare with this run's on the steps both executed
    (:meth:`speed`): every run builds the original cold, so its steps are the yardstick, when
    they agree (a download that stalled in one run does not).
    """

    def __init__(
        self,
        root: Path | None = None,
        *,
        disk: bool = True,
        run_id: str | None = None,
        load: Callable[[], float | None] | None = None,
        cores: int | None = None,
    ) -> None:
        from imgopt.bench.layers import cache_root

        self.dir = (root or cache_root()) / "steps"
        self.disk = disk
        #: The machine's load average (1 minute), read when a build's steps are recorded or
        #: estimated: after a build, as every stored execution's (None: unknown).
        self._load = load or load_average
        self.load: float | None = None
        #: The cores that load shares (:func:`slowdown`).
        self.cores = cores or os.cpu_count() or 1
        #: The run whose executions :meth:`record` stores (None: unnamed, never a yardstick).
        self.run_id = run_id
        self.run: dict[str, float] = {}
        #: The executions an earlier run stored of each key this run executed, as found.
        self.before: dict[str, list[dict[str, object]]] = {}
        #: When this run executed each step of ``run`` (POSIX start, end), by key.
        self.when: dict[str, tuple[float, float]] = {}
        #: Steps with cache mounts this run executed, by their full text (mount ids included).
        self.mounted: set[str] = set()
        #: Steps a ``--no-cache`` build of this run reported cached: 0 s in a cold build.
        self.cold_cached: set[str] = set()
        #: Seconds a cold build's export takes per byte of image, from this run's last
        #: ``--no-cache`` build (None: none recorded with its size).
        self.export_rate: float | None = None
        #: The variant whose cold build :meth:`record` is storing (its executions name it).
        self.build: str | None = None
        #: The earlier execution :meth:`lookup` last counted for each key, with its factor.
        self.picked: dict[str, tuple[dict[str, object], float | None]] = {}

    def record(
        self,
        result: BuildResult,
        hidden: Hidden | None = None,
        *,
        no_cache: bool = False,
        image_bytes: int | None = None,
        build: str | None = None,
    ) -> int:
        """Keep the duration of every step ``result`` executed (not cached); returns how many.

        Call it only for builds whose steps ran cold: a cold build, or a build with the cache
        whose cache mounts were empty (never a warm rebuild: its cache mounts were filled).
        ``no_cache``: ``result`` was a ``--no-cache`` build, so the steps it reports cached
        cost a cold build nothing (:attr:`cold_cached`), and its export wrote every layer:
        with ``image_bytes`` (the image's size) it gives :attr:`export_rate`. ``build``: the
        variant built, which each stored execution names (:attr:`Estimate.earlier_builds`).
        """
        keys = step_keys(result.steps, hidden)
        self.load = self._load()
        self.build = build
        if no_cache and image_bytes:
            self.export_rate = _export_seconds(result.steps) / image_bytes
        n = 0
        waits = lock_waits(result.steps)  # a step's own time, not another's hold on a mount
        for step in result.steps:
            seconds = _duration(step)
            if seconds is not None and step.digest in waits:
                seconds = max(0.0, seconds - waits[step.digest or ""])
            if no_cache and step.cached and step.digest in keys and _kind(step) == "solve":
                self.cold_cached.add(keys[step.digest])
            if step.cached or step.error or seconds is None or step.digest not in keys:
                continue
            if _kind(step) != "solve":
                continue
            if _CACHE_MOUNT.search(step.instruction):
                self.mounted.add(_full_text(step, keys))
            for key in (keys[step.digest], text_key(step, hidden)):
                if key not in self.run and key not in self.before:
                    self.before[key] = [
                        x for x in self._history(key) if x.get("run") != self.run_id
                    ]
                self.run[key] = seconds
                if step.started is not None and step.completed is not None:
                    self.when[key] = (step.started, step.completed)
                self._store(key, step.instruction, seconds)
            n += 1
        return n

    def speed(self, run_id: object) -> float | None:
        """How long this run's steps took against the same steps' times in run ``run_id``
        (the sum of one over the sum of the other, over every step both executed), when that
        says how fast the machine was: at least :data:`YARDSTICK_STEPS` steps of at least
        :data:`YARDSTICK_STEP_S` each, whose own ratios agree within :data:`YARDSTICK_AGREE`.
        None otherwise: one download that stalled in one run (seen: the same apt-get step 9 s
        and 55 s minutes apart) says nothing about the machine, and scaling by it was wrong."""
        if run_id is None:
            return None
        now = then = 0.0
        ratios: list[float] = []
        for key, samples in self.before.items():
            mine = [x for x in samples if x.get("run") == run_id]
            if mine and key in self.run and not key.startswith("text-"):
                a, b = self.run[key], float(mine[-1]["seconds"])  # type: ignore[arg-type]
                now, then = now + a, then + b
                if min(a, b) >= YARDSTICK_STEP_S:
                    ratios.append(a / b)
        if len(ratios) < YARDSTICK_STEPS or max(ratios) > YARDSTICK_AGREE * min(ratios):
            return None
        return now / then

    def get(self, key: str) -> tuple[float | None, bool]:
        """(duration, from this run) of ``key``; (None, False) when unknown."""
        value, ours, _ = self.lookup(key)
        return value, ours

    def lookup(self, key: str, *, legacy: bool = True) -> tuple[float | None, bool, float | None]:
        """(duration, from this run, the factor an earlier run's time was scaled by or None)
        of ``key``: this run's execution; else the median of the earlier executions, each
        scaled to the machine as it is now (:meth:`factor`); an execution of no known run
        (stored by an imgopt from before histories were kept, at a load nobody knows) only when
        there is no other, and never without ``legacy``."""
        if key in self.run:
            return self.run[key], True, None
        samples = self._history(key) if self.disk else []
        known = [x for x in samples if x.get("run") is not None]
        scaled: list[tuple[float, float | None]] = []
        for sample in known or (samples if legacy else []):
            factor = self.factor(sample)
            seconds = float(sample["seconds"])  # type: ignore[arg-type]
            scaled.append((seconds if factor is None else seconds * factor, factor))
        if not scaled:
            return None, False, None
        # the lower median: one execution's own figure (and factor), never an average of two
        chosen = sorted(
            zip(scaled, known or (samples if legacy else []), strict=True), key=lambda x: x[0][0]
        )[(len(scaled) - 1) // 2]
        (value, factor), sample = chosen
        self.picked[key] = (sample, factor)
        return round(value, 3), False, factor

    def _fallback(self, key: str, text: str) -> tuple[float, float | None, bool] | None:
        """(duration, factor, by its text) of a cached step no timed execution of its own key
        times: the same instruction's executions on other inputs (``text``), then an execution
        of no known run of its own key, then of its text. An execution of no known run was
        timed at a load nobody knows: measured, one such 19.3 s apt-get stood where the same
        instruction's executions with their loads said 10 to 12 s at this load, and one 26.6 s
        pip install made flask-tutorial's hygiene estimate 47.4 s against 34.5 s real."""
        for k, legacy in ((text, False), (key, True), (text, True)):
            value, _, factor = self.lookup(k, legacy=legacy)
            if value is not None:
                return value, factor, k == text
        return None

    def factor(self, sample: Mapping[str, object]) -> float | None:
        """How much longer an earlier execution ``sample`` would take on the machine as it is
        now: the ratio of the machine's slowdown now and then (:func:`slowdown`, from the load
        average when the step was stored and now), else the run's yardstick (:meth:`speed`),
        else None (taken as it was).

        The load first: measured on this machine's step store, executions of one step at load
        averages 4 to 6 took 2 to 3 times as long as at 1 to 1.5 (an apt-get 31.8 s at 5.4 and
        11.0 s at 1.4), which ``load / cores`` predicts (10.6 to 11.8 s), and a yardstick that
        agreed within 1.5x still scaled a pip install by 0.81 where 0.35 was right."""
        then = sample.get("load")
        if isinstance(then, int | float) and self.load is not None:
            return round(slowdown(self.load, self.cores) / slowdown(float(then), self.cores), 3)
        return self.speed(sample.get("run"))

    def _history(self, key: str) -> list[dict[str, object]]:
        """The executions of ``key`` on disk, oldest first (a file from before histories
        were kept is one execution of no known run)."""
        try:
            data = json.loads((self.dir / f"{key}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return []
        if not isinstance(data, dict):
            return []
        samples = data.get("history")
        if not isinstance(samples, list):
            samples = [{"seconds": data.get("seconds"), "run": None}]
        return [
            x
            for x in samples
            if isinstance(x, dict)
            and isinstance(x.get("seconds"), int | float)
            and 0 <= x["seconds"] < 1e7
        ]

    def estimate(
        self,
        result: BuildResult,
        hidden: Hidden | None = None,
        edited: str | None = None,
        *,
        image_bytes: int | None = None,
    ) -> Estimate:
        """The cold time of ``result``'s build (see the module docs); ``hidden``: from
        :func:`hidden_inputs` of the Dockerfile built; ``edited``: the file (relative to the
        context) the warm rebuild will change, None when there is no warm rebuild;
        ``image_bytes``: the image's size, for the export a cold build makes of it."""
        keys = step_keys(result.steps, hidden)
        self.load = self._load()  # earlier executions are scaled to the machine as it is now
        rerun = after_edit(result.steps, edited) if edited is not None else {}
        solve = [s for s in result.steps if _kind(s) == "solve" and s.digest]
        seconds: dict[str, float] = {}
        executed = reused = earlier = similar = assumed = scaled = 0
        unknown: list[str] = []
        source: dict[str, str] = {}
        when: dict[str, tuple[float, float]] = {}
        builds: dict[tuple[str | None, str | None, float | None], float] = {}
        on_base = _cached_when_cold(result.steps)
        waits = lock_waits(result.steps)  # counted again by the critical path, in every order
        for step in solve:
            assert step.digest is not None
            if not step.cached:
                seconds[step.digest] = max(
                    0.0, (_duration(step) or 0.0) - waits.get(step.digest, 0.0)
                )
                source[step.digest] = "executed"
                if step.started is not None and step.completed is not None:
                    when[step.digest] = (step.started, step.completed)
                executed += 1
                continue
            value, ours, factor = self.lookup(keys[step.digest], legacy=False)
            mounted = _CACHE_MOUNT.search(step.instruction) is not None
            if mounted and rerun.get(step.digest) and _full_text(step, keys) not in self.mounted:
                unknown.append(step.name)  # the warm rebuild reads mounts no build filled
            elif keys[step.digest] in self.cold_cached or on_base.get(step.digest):
                seconds[step.digest] = 0.0  # a cold build reports it cached too
                source[step.digest] = "cached when cold"
                assumed += 1
            elif value is not None:
                seconds[step.digest] = value
                source[step.digest] = "run" if ours else _earlier(factor)
                scaled += factor is not None
                if not ours:
                    sample = self.picked[keys[step.digest]][0]
                    where = (_str(sample.get("run")), _str(sample.get("build")), factor)
                    builds[where] = builds.get(where, 0.0) + value
                if keys[step.digest] in self.when:
                    when[step.digest] = self.when[keys[step.digest]]
                reused += ours
                earlier += not ours
            elif (found := self._fallback(keys[step.digest], text_key(step, hidden))) is not None:
                seconds[step.digest], factor, by_text = found
                source[step.digest] = ("text" if by_text else "earlier") + (
                    "" if factor is None else f" x{factor:.2f}"
                )
                similar += by_text
                earlier += not by_text
                scaled += factor is not None
            elif step.instruction.upper().startswith(_TRIVIAL):
                seconds[step.digest] = 0.0
                source[step.digest] = "assumed"
                assumed += 1
            else:
                unknown.append(step.name)
        if unknown:
            return Estimate(
                None,
                None,
                executed,
                reused,
                earlier,
                similar,
                assumed,
                tuple(unknown),
                scaled=scaled,
            )
        longest, total = critical_path(solve, seconds)
        # The build's own time outside its steps (context transfer, export). Only the steps this
        # build executed count for the span: a cached step may carry the times of the build that
        # first ran it, long before (seen: faas-watchdog's variants got negative estimates).
        overhead = min(
            max(result.seconds - span([s for s in solve if not s.cached]), 0.0), result.seconds
        )
        # A cold build exports every layer; this build, only those its own steps made (measured
        # on flask-tutorial's hygiene, 347 MB: 2.04 s in a --no-cache build, 0.01 s cached).
        exported = _export_seconds(result.steps)
        export = exported
        if self.export_rate is not None and image_bytes:
            export = max(exported, self.export_rate * image_bytes)
        overhead += export - exported
        return Estimate(
            seconds=round(overhead + longest, 3),
            serial_seconds=round(overhead + total, 3),
            executed=executed,
            reused=reused,
            earlier=earlier,
            similar=similar,
            assumed=assumed,
            unknown=(),
            steps=tuple(
                (s.name, round(seconds[s.digest], 3), source[s.digest], *_when(when, s.digest))
                for s in solve
                if s.digest is not None and s.digest in seconds
            ),
            overhead=round(overhead, 3),
            scaled=scaled,
            export=round(export, 3),
            earlier_builds=tuple((*k, round(v, 3)) for k, v in builds.items()),
        )

    def _store(self, key: str, instruction: str, seconds: float) -> None:
        if not self.disk:
            return
        sample = {
            "seconds": round(seconds, 3),
            "run": self.run_id,
            "load": self.load,
            "build": self.build,
        }
        kept = [x for x in self._history(key) if x.get("run") != self.run_id or x["run"] is None]
        history = [*kept, sample][-HISTORY:]
        with contextlib.suppress(OSError):  # an unwritable cache only costs a real build later
            self.dir.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.dir, prefix=".step-")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    record = {"seconds": round(seconds, 3), "step": instruction[:200]}
                    json.dump({**record, "history": history}, fh)
                os.replace(tmp, self.dir / f"{key}.json")
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise


def _export_seconds(steps: Iterable[BuildStep]) -> float:
    """How long a build's export took (its export vertices, summed)."""
    return sum(_duration(s) or 0.0 for s in steps if _kind(s) == "export")


def load_average() -> float | None:
    """The machine's 1-minute load average (None where the platform has none)."""
    with contextlib.suppress(OSError, AttributeError):
        return os.getloadavg()[0]
    return None


def slowdown(load: float, cores: int) -> float:
    """How many times longer a step takes at load average ``load`` on ``cores`` cores than
    alone: each of ``load`` runnable tasks gets ``cores / load`` of a core once there are more
    of them than cores (the build's own included, so an idle machine building is 1)."""
    return max(1.0, load / max(cores, 1))


def _cached_when_cold(steps: Sequence[BuildStep]) -> dict[str, bool]:
    """By digest: whether a ``--no-cache`` build reports the step cached: a ``WORKDIR`` right on
    a base image (or on such steps). After a step that runs, it runs too (its parent changed)."""

    def node(step: BuildStep, inputs: list[str]) -> str:
        if step.instruction.upper().startswith("FROM "):
            return "base"
        chained = bool(inputs) and all(i in ("base", "cached") for i in inputs)
        return (
            "cached" if chained and step.instruction.upper().startswith(_CACHED_WHEN_COLD) else ""
        )

    return {d: v == "cached" for d, v in _fold(steps, lambda digest: "", node).items()}


def _str(value: object) -> str | None:
    return None if value is None else str(value)


def _earlier(factor: float | None) -> str:
    return "earlier" if factor is None else f"earlier x{factor:.2f}"


def _when(
    when: Mapping[str, tuple[float, float]], digest: str
) -> tuple[float | None, float | None]:
    found = when.get(digest)
    return (None, None) if found is None else (round(found[0], 3), round(found[1], 3))


def span(steps: Iterable[BuildStep]) -> float:
    """First start to last end of ``steps`` (0 when none reported times)."""
    starts = [s.started for s in steps if s.started is not None]
    ends = [s.completed for s in steps if s.completed is not None]
    if not starts or not ends:
        return 0.0
    return max(0.0, max(ends) - min(starts))
