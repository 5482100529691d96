"""The original's profile, written to the run folder and read back by a resumed run: the same
profile (so the same verdicts), never a secret's value, and not used when made for another image,
smoke spec or set of dependencies."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from imgopt.verify.closure import Closure, ClosureFacts
from imgopt.verify.discover import Discovery
from imgopt.verify.result import CheckResult, SmokeResult
from imgopt.verify.saved import (
    PROFILE_FILE,
    load_profile,
    profile_from_dict,
    profile_to_dict,
    save_profile,
)
from imgopt.verify.spec import HttpCheck, SmokeSpec, parse_spec
from imgopt.verify.variance import learn
from imgopt.verify.verifier import (
    ANY_STATUS,
    Profile,
    Proof,
    _derived_spec,
    _merge_specs,
    compare,
)

USER = parse_spec(
    """
env = { API_TOKEN = "tok-0123456789", MODE = "smoke" }
[[service]]
image = "postgres:15"
alias = "db"
env = { POSTGRES_PASSWORD = "pw-s3cret-value" }
[[http]]
name = "health"
port = 5000
path = "/health"
body_contains = "ok"
""",
    source="smoke.toml",
)


def _profile(user: SmokeSpec | None, *, log: str = "listening on 5000", body: str = "") -> Profile:
    image = "sha256:" + "ab" * 32
    discovery = Discovery(
        kind="service", listening=(5000,), port=5000, ready_s=1.25, output=log, hints=(5000,)
    )
    derived = _derived_spec(discovery, [], (), None, None, user, image)
    derived = dataclasses.replace(
        derived,
        http=(
            HttpCheck(name="GET /", port=5000, path="/", status=ANY_STATUS),
            HttpCheck(name="GET /time", port=5000, path="/time", status=ANY_STATUS),
        ),
    )
    spec = _merge_specs(derived, user)
    first = ("<h1>Hello</h1>" + body, "now: 12:00:01")
    second = ("<h1>Hello</h1>" + body, "now: 12:00:07")
    checks = (
        CheckResult("GET /", "http", True, 0.01, status=200, body=second[0],
                    content_type="text/html; charset=utf-8"),
        CheckResult("GET /time", "http", True, 0.02, status=200, body=second[1],
                    content_type="text/plain"),
        CheckResult("health", "http", True, 0.01, status=200, body="ok",
                    content_type="text/plain"),
    )  # fmt: skip
    result = SmokeResult(image, spec.source, True, checks, None, log, "drop-all", 2.5)
    facts = ClosureFacts(
        files=("/app/app.py", "/usr/bin/python3.11", "/usr/lib/libc.so.6"),
        bytes=4_000_123,
        sizes={"/app/app.py": 123, "/usr/bin/python3.11": 3_000_000, "/usr/lib/libc.so.6": 10**6},
        app_files={"/app/app.py": "cd" * 32},
        own=frozenset({"/app/app.py"}),
        programs=frozenset({"/usr/bin/python3.11"}),
        required=frozenset({"/app/app.py", "/usr/bin/python3.11", "/usr/lib/libc.so.6"}),
        own_hashes={"/app/app.py": "cd" * 32},
    )
    return Profile(
        image=image,
        discovery=discovery,
        spec=spec,
        result=result,
        templates={"GET /": learn(first[0], second[0]), "GET /time": learn(first[1], second[1])},
        varying_status=frozenset({"GET /time"}),
        varying_type=frozenset(),
        closure=Closure(files=facts.files, executables=("/usr/bin/python3.11",), complete=True),
        closure_facts=facts,
        reason=None,
        proof=Proof(probes=3, closure_files=3, closure_bytes=4_000_123, dependencies=("db",),
                    masked=1, original_runs=2, absent_files=(("/x", "doc"),)),
        draft="[[http]]\nport = 5000\n",
        samples={"GET /": first, "GET /time": (first[1], second[1])},
    )  # fmt: skip


@pytest.mark.parametrize("user", [None, USER], ids=["no spec", "smoke.toml"])
def test_round_trip_gives_the_same_profile_and_verdicts(user: SmokeSpec | None) -> None:
    profile = _profile(user)
    if user is None:
        proof = dataclasses.replace(profile.proof, dependencies=())
        profile = dataclasses.replace(profile, proof=proof)
    data = json.loads(json.dumps(profile_to_dict(profile, user=user)))
    loaded = profile_from_dict(data, user=user)
    assert loaded == profile
    # A variant is judged the same against either: one that answers like the original, and one
    # whose body differs where the original's runs agreed.
    same = profile.result
    other = dataclasses.replace(
        same,
        checks=tuple(
            dataclasses.replace(c, body="<h1>Bye</h1>") if c.name == "GET /" else c
            for c in same.checks
        ),
    )
    for variant in (same, other):
        assert compare(loaded, variant) == compare(profile, variant)
    assert compare(loaded, same) == [] and compare(loaded, other) != []


def test_no_secret_value_is_written(tmp_path: Path) -> None:
    """The spec's env values (app's and service's) and a build argument's never reach the file:
    env names are kept, the values come from the smoke.toml at resume; a log that echoes one is
    redacted."""
    log = "token tok-0123456789 accepted; db password pw-s3cret-value; arg build-arg-secret"
    profile = _profile(USER, log=log)
    assert save_profile(tmp_path, profile, user=USER, secrets=("build-arg-secret",)) is None
    text = (tmp_path / PROFILE_FILE).read_text()
    for secret in ("tok-0123456789", "pw-s3cret-value", "build-arg-secret"):
        assert secret not in text
    assert "API_TOKEN" in text and "POSTGRES_PASSWORD" in text
    loaded, why = load_profile(tmp_path, image=profile.image, user=USER, dependencies=("db",))
    assert loaded is not None, why
    # The spec the variants run with has the values again, from the smoke.toml.
    assert loaded.spec == profile.spec
    assert dict(loaded.spec.env)["API_TOKEN"] == "tok-0123456789"
    assert loaded.spec.services[0].env == (("POSTGRES_PASSWORD", "pw-s3cret-value"),)
    assert "tok-0123456789" not in loaded.discovery.output  # redacted, not compared


def test_a_secret_in_a_compared_answer_is_not_written(tmp_path: Path) -> None:
    """Redacting an answer the variants are compared with would change the verdicts: such a
    profile is not written, and an older file is removed."""
    (tmp_path / PROFILE_FILE).write_text("{}\n")
    profile = _profile(USER, body=" token=tok-0123456789")
    why = save_profile(tmp_path, profile, user=USER)
    assert why is not None and "an answer of the app" in why
    assert not (tmp_path / PROFILE_FILE).exists()
    loaded, why = load_profile(tmp_path, image=profile.image, user=USER, dependencies=("db",))
    assert loaded is None and "no profile.json" in why


def test_another_image_spec_or_dependencies_is_not_used(tmp_path: Path) -> None:
    profile = _profile(USER)
    assert save_profile(tmp_path, profile, user=USER) is None
    found, why = load_profile(
        tmp_path, image="sha256:" + "ef" * 32, user=USER, dependencies=("db",)
    )
    assert found is None and "made for image sha256:abababab" in why
    changed = dataclasses.replace(USER, memory="2g")
    found, why = load_profile(tmp_path, image=profile.image, user=changed, dependencies=("db",))
    assert found is None and "the smoke spec changed" in why
    found, why = load_profile(tmp_path, image=profile.image, user=None, dependencies=("db",))
    assert found is None and "the smoke spec changed" in why
    found, why = load_profile(tmp_path, image=profile.image, user=USER, dependencies=())
    assert found is None and "other dependencies" in why
    # Only an env value changed: nothing about it was written, so the profile is used.
    rotated = dataclasses.replace(USER, env=(("API_TOKEN", "tok-rotated-99"), ("MODE", "smoke")))
    found, why = load_profile(tmp_path, image=profile.image, user=rotated, dependencies=("db",))
    assert found is not None and dict(found.spec.env)["API_TOKEN"] == "tok-rotated-99"
    (tmp_path / PROFILE_FILE).write_text(json.dumps({"format": 1, "image": profile.image}))
    found, why = load_profile(tmp_path, image=profile.image, user=USER, dependencies=("db",))
    assert found is None and "cannot be used" in why
    (tmp_path / PROFILE_FILE).write_text("not json")
    found, why = load_profile(tmp_path, image=profile.image, user=USER, dependencies=("db",))
    assert found is None and "cannot be read" in why
