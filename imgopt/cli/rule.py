"""``imgopt rule``: a rule's documentation, or the list of every rule."""

from __future__ import annotations

from typing import Annotated

import typer

from imgopt.errors import InputError


def rule_command(
    code: Annotated[
        str | None, typer.Argument(help="A rule code, e.g. IMG101.", show_default=False)
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="List every rule with a one-line summary.")
    ] = False,
) -> None:
    """Print a rule's documentation (what it checks, why, examples, fix safety)."""
    _rule(code, all_)


def _rule(code: str | None, all_: bool) -> None:
    from imgopt.rules import all_rules, get_rule

    if all_:
        from imgopt.results.tables import Table, text

        rows = tuple((r.code, r.name, r.fixable, r.summary) for r in all_rules())
        typer.echo(text(Table(("code", "name", "fix", "what it flags"), rows)), nl=False)
        return
    if code is None:
        raise InputError("give a rule code", hint="`imgopt rule IMG101`, or `imgopt rule --all`")
    rule = get_rule(code)  # UnknownRuleError (exit 2, with a hint) for an unknown code
    typer.echo(f"{rule.code} {rule.name}\n")
    typer.echo(rule.documentation())
    typer.echo(f"\nFix: {rule.fixable}")
