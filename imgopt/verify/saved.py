"""The original's verification profile, kept in the run folder for a resumed run.

A resumed run (``--resume``: ``imgopt analyze`` resumes an engine's part of a split target once
per further variant it takes) has no profile of the original in memory. Profiling it again runs
the app's discovery again (ports, probes, the traced closure): that costs time, and a second
discovery may differ from the first, so variants of one run would be compared with different
references. So the profile is written to ``verify/profile.json`` when it is made
(:func:`save_profile`) and read back on resume (:func:`load_profile`) when it was made for the
same image id, the same smoke spec and the same dependencies; otherwise the original is profiled
again, and the caller says why.

What is written is everything :meth:`imgopt.verify.Verifier.check` and the closure rules read:
the original's results and templates (what varied between its runs), the derived checks, the
closure and its facts, the proof. Never a secret's value:

- the smoke spec's ``env`` values (the app's, each check's, each ``[[service]]``'s) are not
  written: the derived checks are, and the spec is merged again from the smoke.toml read at
  resume, which must be the same as when the profile was made, but for its env values (a changed
  value is not detected: nothing about it is written);
- what the app printed that is not compared (its log tails, failure reasons, the draft
  smoke.toml) has each secret value replaced (:func:`imgopt.userfiles.redact_values`);
- a profile whose compared answers hold one (an app that answers with a build argument's or an
  env value: its bodies, outputs and what varied in them) is not written at all, and a resumed
  run profiles again.

Secrets are the build arguments' values (as everywhere imgopt writes) and the spec's env values;
like :func:`~imgopt.userfiles.redact_values`, values shorter than 3 characters are not secrets.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from imgopt.errors import ImgoptError
from imgopt.userfiles import read_text, redact_values, write_text
from imgopt.verify.spec import SmokeSpec
from imgopt.verify.verifier import Profile, _merge_specs

#: The file in the run folder's ``verify/`` that holds the original's profile.
PROFILE_FILE = "profile.json"
#: Bumped when what is written changes so that an older file cannot be read as a profile.
FORMAT = 1


class UnreadableProfile(ValueError):
    """A saved profile that is not what :func:`profile_to_dict` writes."""


# -- encoding ---------------------------------------------------------------------------------


def _encode(value: Any) -> Any:
    """JSON-ready data of a profile's values (dataclasses, tuples, frozensets, mappings)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (frozenset, set)):
        return sorted(_encode(v) for v in value)
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _encode(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot save a {type(value).__name__} in a profile")


def _decode(hint: Any, value: Any) -> Any:
    """``value`` (as :func:`_encode` wrote it) as the type ``hint``; UnreadableProfile if not."""
    origin, args = get_origin(hint), get_args(hint)
    if hint is Any:
        return value
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        for arg in (a for a in args if a is not type(None)):
            try:
                return _decode(arg, value)
            except UnreadableProfile:
                continue
        raise UnreadableProfile(f"{value!r} is none of {hint}")
    if origin is Literal:
        if value in args:
            return value
        raise UnreadableProfile(f"{value!r} is not one of {args}")
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise UnreadableProfile(f"{hint.__name__}: not an object")
        hints = typing.get_type_hints(hint)
        given = {}
        for f in dataclasses.fields(hint):
            if f.name in value:
                given[f.name] = _decode(hints[f.name], value[f.name])
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise UnreadableProfile(f"{hint.__name__}: no {f.name}")
        return hint(**given)
    if origin is tuple:
        if not isinstance(value, list):
            raise UnreadableProfile(f"{value!r} is not a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in value)
        if len(args) != len(value):
            raise UnreadableProfile(f"{value!r} is not {len(args)} values")
        return tuple(_decode(a, v) for a, v in zip(args, value, strict=True))
    if origin in (frozenset, set):
        if not isinstance(value, list):
            raise UnreadableProfile(f"{value!r} is not a list")
        return frozenset(_decode(args[0], v) for v in value)
    if origin in (Mapping, dict):
        if not isinstance(value, dict):
            raise UnreadableProfile(f"{value!r} is not an object")
        return {str(k): _decode(args[1], v) for k, v in value.items()}
    if hint is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if hint is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if hint in (str, bool) and isinstance(value, hint):
        return value
    raise UnreadableProfile(f"{value!r} is not a {hint}")


# -- what is secret ---------------------------------------------------------------------------


def spec_secrets(spec: SmokeSpec | None) -> tuple[str, ...]:
    """Every env value a smoke spec gives (the app's, each check's, each service's)."""
    if spec is None:
        return ()
    envs = [spec.env, *(c.env for c in spec.http), *(c.env for c in spec.commands)]
    envs += [s.env for s in spec.services]
    return tuple(dict.fromkeys(value for env in envs for _, value in env))


def _without_env_values(spec: SmokeSpec | None) -> Any:
    """``spec`` as data with each env value left out (its names kept): what must not change
    between the profile and its use, and may be written."""
    if spec is None:
        return None
    data = _encode(spec)

    def names(env: list[list[str]]) -> list[str]:
        return [name for name, _ in env]

    data["env"] = names(data["env"])
    for key in ("http", "commands", "services"):
        for item in data[key]:
            item["env"] = names(item["env"])
    return data


def _secrets(user: SmokeSpec | None, secrets: Iterable[str]) -> list[str]:
    values = {*secrets, *spec_secrets(user)}
    return sorted((v for v in values if len(v) >= 3), key=len, reverse=True)


def _holds(text: str, secrets: list[str]) -> bool:
    """Whether JSON ``text`` holds any of ``secrets`` (as is, or escaped as JSON escapes it)."""
    return any(s in text or json.dumps(s)[1:-1] in text for s in secrets)


# -- the profile ------------------------------------------------------------------------------


def profile_to_dict(
    profile: Profile, *, user: SmokeSpec | None, secrets: Iterable[str] = ()
) -> dict[str, Any]:
    """``profile`` as JSON-ready data, without a secret's value (see the module's docstring).

    Args:
        profile: the original's profile.
        user: the smoke spec it was made with (None: none).
        secrets: values never to write besides the spec's env values (build arguments').

    Raises:
        ValueError: the profile holds a secret's value where it cannot be replaced.
    """
    hidden = _secrets(user, secrets)

    def redact(text: str | None) -> str | None:
        return None if text is None else redact_values(text, hidden)

    derived = {c.name for c in profile.spec.http} | {c.name for c in profile.spec.commands}
    derived -= set(user.check_names if user else ())
    spec = profile.spec
    if user is None and spec.env:
        raise ValueError("a profile made without a smoke spec has an env")
    discovery = dataclasses.replace(
        profile.discovery,
        output=redact(profile.discovery.output) or "",
        reason=redact(profile.discovery.reason),
    )
    result = dataclasses.replace(
        profile.result,
        reason=redact(profile.result.reason),
        log_tail=redact(profile.result.log_tail) or "",
        checks=tuple(
            dataclasses.replace(c, reason=redact(c.reason)) for c in profile.result.checks
        ),
    )
    proof = dataclasses.replace(profile.proof, closure_note=redact(profile.proof.closure_note))
    data = {
        "format": FORMAT,
        "image": profile.image,
        "user_spec": _without_env_values(user),
        "spec": {
            "source": spec.source,
            "http": [_encode(c) for c in spec.http if c.name in derived],
            "commands": [_encode(c) for c in spec.commands if c.name in derived],
        },
        "discovery": _encode(discovery),
        "result": _encode(result),
        "templates": _encode(profile.templates),
        "varying_status": _encode(profile.varying_status),
        "varying_type": _encode(profile.varying_type),
        "closure": _encode(profile.closure),
        "closure_facts": _encode(profile.closure_facts),
        "reason": redact(profile.reason),
        "proof": _encode(proof),
        "draft": redact(profile.draft),
        "samples": _encode(profile.samples),
        "runs": profile.runs,
    }
    # What the app answered, as the variants' answers are compared with it: not redacted.
    answers = [data["result"]["checks"], data["templates"], data["samples"]]
    if _holds(json.dumps(answers, ensure_ascii=False), hidden):
        raise ValueError(
            "an answer of the app that variants are compared with holds the value of a build "
            "argument or of the smoke spec's env"
        )
    return data


def profile_from_dict(data: Mapping[str, Any], *, user: SmokeSpec | None) -> Profile:
    """The profile :func:`profile_to_dict` wrote, its spec merged again with ``user``.

    Raises:
        UnreadableProfile: ``data`` is not such a profile, or was made with another smoke spec.
    """
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        raise UnreadableProfile("written by another version of imgopt")
    if data.get("user_spec") != _without_env_values(user):
        raise UnreadableProfile("the smoke spec changed since")
    hints = typing.get_type_hints(Profile)
    hints_spec = typing.get_type_hints(SmokeSpec)
    raw = data.get("spec")
    if not isinstance(raw, Mapping):
        raise UnreadableProfile("no spec")
    derived = SmokeSpec(
        source=_decode(str, raw.get("source")),
        http=_decode(hints_spec["http"], raw.get("http")),
        commands=_decode(hints_spec["commands"], raw.get("commands")),
        env=user.env if user else (),
        inferred=True,
    )
    if any(c.env for c in derived.http) or any(c.env for c in derived.commands):
        raise UnreadableProfile("a derived check with an env")
    fields = {}
    for f in dataclasses.fields(Profile):
        if f.name == "spec":
            continue
        if f.name not in data:
            raise UnreadableProfile(f"no {f.name}")
        fields[f.name] = _decode(hints[f.name], data[f.name])
    return Profile(spec=_merge_specs(derived, user), **fields)


def save_profile(
    folder: Path, profile: Profile, *, user: SmokeSpec | None, secrets: Iterable[str] = ()
) -> str | None:
    """Write ``profile`` to ``folder/profile.json``; None when written, else why it was not (an
    older file is then removed: it describes another profile).

    Args:
        folder: the run folder's ``verify/``.
        profile: the original's profile.
        user: the smoke spec it was made with.
        secrets: values never to write besides the spec's env values (build arguments').
    """
    path = folder / PROFILE_FILE
    try:
        data = profile_to_dict(profile, user=user, secrets=secrets)
        write_text(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    except (ValueError, TypeError, ImgoptError) as err:
        path.unlink(missing_ok=True)
        return str(err)
    return None


def load_profile(
    folder: Path, *, image: str, user: SmokeSpec | None, dependencies: tuple[str, ...]
) -> tuple[Profile | None, str]:
    """The profile in ``folder/profile.json`` if it was made for ``image``, with the smoke spec
    ``user`` and the same ``dependencies`` (names) started.

    Returns:
        (the profile, "") or (None, why it cannot be used).
    """
    path = folder / PROFILE_FILE
    if not path.is_file():
        return None, f"no {PROFILE_FILE} in the run folder"
    try:
        data = json.loads(read_text(path, what="the original's profile"))
        if not isinstance(data, dict):
            raise UnreadableProfile("not a JSON object")
        if data.get("image") != image:
            return None, f"{PROFILE_FILE} was made for image {str(data.get('image'))[:19]}"
        profile = profile_from_dict(data, user=user)
    except (ImgoptError, json.JSONDecodeError) as err:
        return None, f"{PROFILE_FILE} cannot be read ({err})"
    except UnreadableProfile as err:
        return None, f"{PROFILE_FILE} cannot be used: {err}"
    if profile.proof.dependencies != tuple(dependencies):
        return None, f"{PROFILE_FILE} was made with other dependencies started"
    return profile, ""


__all__ = [
    "FORMAT",
    "PROFILE_FILE",
    "UnreadableProfile",
    "load_profile",
    "profile_from_dict",
    "profile_to_dict",
    "save_profile",
    "spec_secrets",
]
