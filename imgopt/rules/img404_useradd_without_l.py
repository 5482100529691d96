"""IMG404: useradd with a high UID and without -l."""

from __future__ import annotations

from collections.abc import Iterator

from imgopt.dockerfile import Editor
from imgopt.rules.base import Finding, LintContext, Rule
from imgopt.rules.helpers import insert_option, prog, short_value, word_index


class UseraddWithoutL(Rule):
    """`useradd` with a high UID and without `-l`.

    What it does:
        Flags `useradd -u <uid>` with a UID of six or more digits and without `-l`
        (`--no-log-init`) in a stage that ships, as hadolint does.

    Why it matters:
        Without `-l`, `useradd` writes the new user's record into `/var/log/lastlog` and
        `/var/log/faillog` at an offset proportional to the UID. On disk they are sparse, but
        image layers store them in full: a UID of 123456789 makes a lastlog of about 32 GB.
        (Debian 12's `useradd` no longer fills these files; older bases and other
        distributions do.)

    Example:
        ```dockerfile
        RUN useradd -u 123456 -m app
        ```

    Fixed example:
        ```dockerfile
        RUN useradd -l -u 123456 -m app
        ```

    Fix safety:
        Safe: `-l` only skips the login records, which a container never reads.

    Equivalents:
        hadolint DL3046; Parfum "useradd without -l".
    """

    code = "IMG404"
    name = "useradd-without-l"
    summary = "useradd with a high UID and without -l writes a huge sparse lastlog"
    fix_title = "Add -l (--no-log-init)"
    fixable = "safe"
    hadolint = ("DL3046",)

    def check(self, ctx: LintContext) -> Iterator[Finding]:
        for stage in ctx.dockerfile.stages:
            if not ctx.ships(stage):
                continue
            for ins in ctx.runs(stage):
                for cmd in ctx.commands(ins):
                    if prog(cmd) != "useradd":
                        continue
                    if cmd.has_flag("-l", "--no-log-init"):
                        continue
                    uid = short_value(cmd, "u", "--uid") or ""
                    if not (uid.isdigit() and len(uid) > 5):
                        continue
                    ed = Editor(ctx.dockerfile)
                    idx = word_index(cmd, cmd.effective_argv[0])
                    ok = idx is not None and insert_option(ctx, ed, ins, cmd, idx, "-l")
                    yield self.finding(
                        ctx,
                        ins,
                        f"`useradd -u {uid}` without -l writes a lastlog sized by the UID",
                        fix=self.make_fix(ed) if ok else None,
                    )
