"""A repository's smoke spec may loosen limits only within imgopt's ceilings (issue 12).

Beyond a ceiling the user must pass --trust-spec-limits; some values are refused even then.
Every refusal is a ConfigError naming the file and the key.
"""

from __future__ import annotations

import pytest

from imgopt.errors import ConfigError, ExitCode
from imgopt.verify.spec import CEILINGS, TRUST_FLAG, ServiceSpec, parse_spec

CHECK = "[[http]]\nport = 80\n"


def spec(text: str, *, trusted: bool = False):  # type: ignore[no-untyped-def]
    return parse_spec(text + "\n" + CHECK, source="repo/smoke.toml", trusted=trusted)


def refused(text: str, key: str, *, trusted: bool = False) -> str:
    with pytest.raises(ConfigError) as info:
        spec(text, trusted=trusted)
    assert info.value.message.startswith(f"repo/smoke.toml: {key}: "), info.value.message
    assert info.value.exit_code == ExitCode.USAGE
    return info.value.message


def test_defaults_and_loosening_within_the_ceilings() -> None:
    default = spec("")
    assert (default.memory, default.pids_limit, default.cpus) == ("1g", 512, 1.0)
    loose = spec('memory = "2g"\npids_limit = 4096\ncpus = 2\nstartup_timeout = 300')
    assert (loose.memory, loose.pids_limit, loose.cpus) == ("2g", 4096, 2.0)
    assert loose.http[0].startup_timeout_s == 300.0


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('memory = "0"', "memory"),  # 0 would mean no limit at all
        ('memory = "8g"', "memory"),
        ("pids_limit = 4194304", "pids_limit"),
        ('capabilities = "default"', "capabilities"),
        ("cpus = 8", "cpus"),
        ("startup_timeout = 3600", "startup_timeout"),
    ],
)
def test_a_repository_cannot_lift_a_limit(text: str, key: str) -> None:
    message = refused(text, key)
    if key != "memory" or "8g" in text:
        assert TRUST_FLAG in message


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('memory = "8g"', "memory"),
        ('capabilities = "default"', "capabilities"),
        ("cpus = 8", "cpus"),
    ],
)
def test_the_user_can_lift_a_limit_with_the_flag(text: str, key: str) -> None:
    refused(text, key)
    spec(text, trusted=True)


@pytest.mark.parametrize("value", ["1e300", "0", "-5", "nan", "inf", "-inf", "true", '"60"'])
def test_timeouts_must_be_finite_positive_numbers_even_when_trusted(value: str) -> None:
    refused(f"startup_timeout = {value}", "startup_timeout", trusted=True)
    with pytest.raises(ConfigError, match=r"repo/smoke.toml: http#1.request_timeout: "):
        parse_spec(f"[[http]]\nport = 1\nrequest_timeout = {value}\n", source="repo/smoke.toml")
    with pytest.raises(ConfigError, match=r"repo/smoke.toml: command#1.timeout: "):
        parse_spec(f'[[command]]\ncommand = "true"\ntimeout = {value}\n', source="repo/smoke.toml")


def test_command_timeout_ceiling() -> None:
    text = f'[[command]]\ncommand = "true"\ntimeout = {CEILINGS.command_timeout_s + 1}\n'
    with pytest.raises(ConfigError, match=TRUST_FLAG):
        parse_spec(text, source="s")
    assert parse_spec(text, source="s", trusted=True).commands[0].timeout_s > 600


def test_services() -> None:
    parsed = spec(
        '[[service]]\nimage = "postgres:15"\nenv = { POSTGRES_PASSWORD = "x" }\nalias = "db"\n'
        '[[service]]\nimage = "registry.example/cache/redis:7"\nname = "cache"\nport = 6379\n'
    )
    assert parsed.services == (
        ServiceSpec(
            name="postgres",
            image="postgres:15",
            aliases=("postgres", "db"),
            env=(("POSTGRES_PASSWORD", "x"),),
        ),
        ServiceSpec(
            name="cache", image="registry.example/cache/redis:7", aliases=("cache",), port=6379
        ),
    )
    refused('[[service]]\nname = "x"', "service#1.image")
    refused('[[service]]\nimage = "a"\nalias = "no spaces"', "service#1.alias")
    refused('[[service]]\nimage = "a"\nvolumes = []', "service#1.volumes")
    many = "".join(f'[[service]]\nimage = "a"\nname = "n{i}"\n' for i in range(5))
    refused(many, "service")
