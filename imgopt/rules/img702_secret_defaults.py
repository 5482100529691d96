"""IMG702: a secret-looking default value in ARG or ENV, kept in the image's metadata.

Besides the rule, this module holds the one test of "looks like a secret" that imgopt uses
everywhere it writes a Dockerfile's text (reports, diffs): :func:`redact_secrets`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.userfiles import REDACTED

# Names that say "secret": whole underscore-separated words, so PASSWORD and DB_PASSWORD match
# and PASSTHROUGH, TOKENIZERS_PARALLELISM or GPG_KEY (a public fingerprint) do not.
_SECRET_NAME = re.compile(
    r"(?:^|_)(?:PASSWORD|PASSWD|PASSPHRASE|SECRET|SECRETS|TOKEN|API_?KEY|ACCESS_?KEY|"
    r"SECRET_?KEY|PRIVATE_?KEY|CLIENT_SECRET|CREDENTIALS?|AUTH_TOKEN)(?:_|$)",
    re.IGNORECASE,
)
# Values that are secrets whatever their name: well-known token formats, private keys, and
# credentials inside URLs.
_SECRET_VALUE = re.compile(
    r"AKIA[0-9A-Z]{16}"
    r"|gh[pousr]_[A-Za-z0-9]{30,}"
    r"|github_pat_[A-Za-z0-9_]{20,}"
    r"|glpat-[A-Za-z0-9_\-]{20,}"
    r"|xox[abprs]-[A-Za-z0-9\-]{10,}"
    r"|sk-[A-Za-z0-9_\-]{20,}"
    r"|AIza[0-9A-Za-z_\-]{35}"
    r"|npm_[A-Za-z0-9]{36}"
    r"|-----BEGIN [A-Z ]*PRIVATE KEY-----"
    r"|(?<=://)[^/\s:@'\"]+:[^/\s@'\"]+(?=@)"
)
_HARMLESS = frozenset({"", "true", "false", "yes", "no", "none", "null", "0", "1"})
_REFERENCE = re.compile(r"\$\{?[A-Za-z_][A-Za-z0-9_]*(?::?[-+?][^}]*)?\}?")


def looks_secret(name: str, value: str | None) -> bool:
    """Whether ``name=value`` holds a secret: a secret-like name with a real value, or a value
    in a known secret format."""
    if value is None:
        return False
    v = value.strip().strip("'\"")
    if v.lower() in _HARMLESS or _REFERENCE.fullmatch(v):
        return False
    return bool(_SECRET_NAME.search(name)) or bool(_SECRET_VALUE.search(v))


# One ARG/ENV line, also as a diff line (leading "+", "-" or " ").
_LINE = re.compile(r"^(?P<lead>[ +\-]?[ \t]*)(?P<kw>ARG|ENV)(?P<rest>[ \t].*)$", re.I | re.M)
_PAIR = re.compile(
    r"(?P<name>[A-Za-z_][A-Za-z0-9_.\-]*)=(?P<value>\"(?:[^\"\\]|\\.)*\"|'[^']*'|\S*)"
)


def _redact_line(m: re.Match[str]) -> str:
    rest = m.group("rest")
    pairs = list(_PAIR.finditer(rest))
    if pairs:

        def one(p: re.Match[str]) -> str:
            if looks_secret(p.group("name"), p.group("value")):
                return f"{p.group('name')}={REDACTED}"
            return p.group(0)

        rest = _PAIR.sub(one, rest)
    else:  # legacy `ENV NAME value with spaces`
        parts = rest.strip().split(None, 1)
        if len(parts) == 2 and looks_secret(parts[0], parts[1]):
            rest = rest[: rest.index(parts[0]) + len(parts[0])] + f" {REDACTED}"
    return f"{m.group('lead')}{m.group('kw')}{rest}"


def redact_secrets(text: str) -> str:
    """``text`` (a Dockerfile, a diff of one, a report) with secret-looking ARG/ENV default
    values and known secret formats replaced by :data:`~imgopt.userfiles.REDACTED`."""
    text = _LINE.sub(_redact_line, text)
    return _SECRET_VALUE.sub(REDACTED, text)


class SecretDefaults(Rule):
    """A secret-looking default value in `ARG` or `ENV`.

    What it does:
        Flags `ARG NAME=value` and `ENV NAME=value` whose name says it holds a secret
        (`PASSWORD`, `TOKEN`, `SECRET`, `API_KEY`, `ACCESS_KEY`, `PRIVATE_KEY`, ...) and whose
        value is a real value (not empty, not a `$VARIABLE`), and any ARG or ENV value in a
        well-known secret format (AWS access key ids, GitHub, GitLab, Slack, npm tokens,
        private keys, `user:password@` in a URL), in every stage.

    Why it matters:
        An `ENV` value is stored in the image's configuration and an `ARG` value in its build
        history (`docker history`), in every image built from the Dockerfile and every layer
        pushed to a registry, even from a build stage that is thrown away when a later stage
        inherits it. Whoever can pull the image can read the secret. imgopt replaces such values
        by `<redacted>` in its reports and diffs, but the images keep them.

    Example:
        ```dockerfile
        FROM python:3.11-slim
        ARG PIP_INDEX_TOKEN=s3cr3t-t0ken
        ENV DATABASE_PASSWORD=hunter22
        ```

    Fixed example:
        ```dockerfile
        FROM python:3.11-slim
        ARG PIP_INDEX_TOKEN
        RUN --mount=type=secret,id=db_password ./configure
        ```
        with the values passed at build or run time (`--secret`, environment, a secret store).

    Fix safety:
        No automatic fix: removing the value changes what the build and the app receive, and
        the value must also be rotated, since every image built so far holds it.

    Equivalents:
        BuildKit's check SecretsUsedInArgOrEnv (names only); no hadolint rule.
    """

    code = "IMG702"
    name = "secret-in-arg-env-default"
    summary = "secret-looking default value in ARG or ENV is stored in the image"
    fix_title = "Pass the secret at build or run time (RUN --mount=type=secret), not as a default"
    fixable = "no"

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for stage in ctx.dockerfile.stages:
            for ins in stage.find("ARG", "ENV"):
                for name, value in ins.key_values():
                    if looks_secret(name, value):
                        yield self.finding(
                            ctx,
                            ins,
                            f"`{ins.keyword} {name}` has a secret-looking default value, stored "
                            "in every image built from this Dockerfile",
                        )
