"""Verify that an image works: discover how it runs, probe it, compare a variant with the original.

A smaller image that no longer works must never be recommended. Every image is run in a sandbox
(see :mod:`imgopt.engine.containers`). :class:`Verifier` needs no spec (:mod:`.verifier`):

1. it runs the original and discovers whether it is a service (the TCP ports its processes
   listen on, read from the container's network namespace; which one answered HTTP; when it was
   ready) or a one-shot command (its exit code and output) (:mod:`.discover`);
2. it derives probes: ``GET /``, the HEALTHCHECK's URL, the parameter-free routes in the app's
   sources (:mod:`.routes`), the HEALTHCHECK command, a one-shot's own command; a ``smoke.toml``
   adds its checks to these;
3. it runs them twice on the original and leaves out of the comparison only what differed
   between those runs (:mod:`.variance`); when a variant differs where those runs agreed, the
   original runs once more and what differs between its runs then is left out too;
4. it records the runtime file closure of the original, every file its processes opened from
   their first exec through the probes (:mod:`.closure`);
5. a variant is verified when it answers every probe like the original (status, Content-Type,
   body; exit code, output) and holds every file of the closure. :class:`Proof` says what was
   checked.

Smoke spec format (``smoke.toml``, TOML; every key except the checks is optional)::

    # Container settings (defaults shown); a repository's spec may go up to imgopt's ceilings
    # (imgopt.verify.spec.CEILINGS), beyond them only with --trust-spec-limits
    startup_timeout = 60        # seconds an HTTP check waits for the app to answer at all
    memory = "1g"               # memory limit ("512m", "1g"); swap is disabled
    pids_limit = 512
    cpus = 1                    # CPU cores
    capabilities = "auto"       # "auto" | "drop-all" | "default" (see imgopt.verify.run)
    env = { APP_MODE = "smoke" }  # environment of the app's container

    [[service]]                 # a dependency started first (imgopt.verify.deps)
    image = "postgres:15"
    alias = "db"                # default: the image's name
    env = { POSTGRES_PASSWORD = "x" }
    port = 5432                 # ready when it accepts (default: lowest EXPOSEd port)

    [[http]]                    # GET a path of the container started with the image's own CMD
    name = "index"              # default: "GET <path> on port <port>"; names are unique
    port = 5000                 # container port (required)
    path = "/"                  # default "/"
    status = 200                # 200 | "2xx" | "<500"; default 200
    body_contains = "Hello"     # optional substring of the body
    same_body = true            # body is deterministic: a variant must return the same bytes
    env = { DEBUG = "0" }       # optional; checks with different env get their own container
    startup_timeout = 90        # optional, overrides the top-level value
    request_timeout = 10        # seconds for one request

    [[command]]                 # run a command in the image
    name = "imports"            # default: the command line
    command = ["python3", "-c", "import flask"]  # list, or one string split like a shell would
                                # (no shell runs it); omit to run the image's own command
    entrypoint = ["/bin/sh", "-c"]  # optional: replace the image's ENTRYPOINT
    mode = "run"                # "run": a fresh container with this command instead of CMD;
                                # "exec": inside the app's running container, after its HTTP checks
    exit_code = 0               # default 0
    output_contains = "ok"      # optional substring of stdout+stderr
    same_output = false         # output is deterministic: a variant must print the same
    timeout = 60                # seconds before the command counts as hung
    env = { X = "1" }

    [closure]                   # the runtime file closure (imgopt.verify.closure)
    strict = true               # the default: the literal rule, every file the original
                                # opened; false: only required files fail, others are named
                                # (a command-line flag wins)

Without a spec file, :func:`infer_spec` (used by :func:`run_smoke` callers that want a spec of the
old kind) assumes: an image that EXPOSEs a TCP port answers HTTP on its lowest such port at ``/``
with any status below 500; otherwise its own command exits 0 within 60 seconds. :class:`Verifier`
does not use it: it discovers instead.

Public API::

    Verifier(*, run_id, context=None, spec=None, labels=None, out_dir=None, trace=True,
             dependencies=None, strict_closure=None)  # dependencies: imgopt.verify.deps
             # strict_closure: None = the spec's [closure] strict, else True (literal)
        .profile(image, *, base_image=None) -> Profile   # the original: discovery, probes, closure
        .check(profile, image) -> Verdict            # a variant against it
    Profile.discovery -> Discovery                   # .describe(): "service, listens on ..."
    saved.save_profile(folder, profile, *, user, secrets=()) -> str | None  # verify/profile.json
    saved.load_profile(folder, *, image, user, dependencies) -> (Profile | None, why)  # --resume
    Profile.passed, Profile.reason, Profile.draft    # draft: a smoke.toml of what was found
    Verdict.verified, Verdict.reason, Verdict.proof -> Proof   # Proof.describe()
    Proof.absent_files, Proof.absent_line()          # closure files absent but not required
    find_routes(context) -> tuple[str, ...]
    listening_ports(pid) -> tuple[int, ...]
    keep_ends(text, limit=600) -> str                # shortens, keeping head and tail

    find_spec(directory) -> Path | None
    load_spec(path) -> SmokeSpec                      # ConfigError naming file and key
    parse_spec(text, *, source="<string>") -> SmokeSpec
    infer_spec(image) -> SmokeSpec
    spec_from_facts(facts: ImageFacts, *, image) -> SmokeSpec
    resolve_spec(image, directory=None) -> SmokeSpec  # the file if present, else inferred
    run_smoke(image, spec, *, run_id, labels=None) -> SmokeResult
    compare_results(original: SmokeResult, variant: SmokeResult) -> Comparison
"""

from __future__ import annotations

from imgopt.verify.discover import Discovery, listening_ports
from imgopt.verify.result import CheckResult, Comparison, SmokeResult, compare_results, keep_ends
from imgopt.verify.routes import find_routes
from imgopt.verify.run import run_smoke
from imgopt.verify.spec import (
    SPEC_FILENAME,
    CommandCheck,
    HttpCheck,
    ImageFacts,
    SmokeSpec,
    StatusRange,
    find_spec,
    infer_spec,
    load_spec,
    parse_spec,
    resolve_spec,
    spec_from_facts,
)
from imgopt.verify.verifier import Profile, Proof, Verdict, Verifier

__all__ = [
    "SPEC_FILENAME",
    "CheckResult",
    "CommandCheck",
    "Comparison",
    "Discovery",
    "HttpCheck",
    "ImageFacts",
    "Profile",
    "Proof",
    "SmokeResult",
    "SmokeSpec",
    "StatusRange",
    "Verdict",
    "Verifier",
    "compare_results",
    "find_routes",
    "find_spec",
    "infer_spec",
    "keep_ends",
    "listening_ports",
    "load_spec",
    "parse_spec",
    "resolve_spec",
    "run_smoke",
    "spec_from_facts",
]
