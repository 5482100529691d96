"""Every table imgopt prints, written once: as Markdown, or as text drawn by rich.

A :class:`Table` holds cells already formatted by :mod:`imgopt.results.units`, so the Markdown
report, the terminal and a CI summary show the very same strings. Figures are right-aligned.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Table:
    """A table of formatted cells; ``align`` holds ``"l"`` or ``"r"`` per column (left if absent).

    Attributes:
        headers: the column names.
        rows: the cells, one tuple per row.
        align: ``"l"`` or ``"r"`` per column.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...] = ()

    def justify(self, column: int) -> str:
        """``"right"`` or ``"left"`` for column ``column``."""
        return "right" if column < len(self.align) and self.align[column] == "r" else "left"


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: a pipe would end the cell and a newline the row."""
    return " ".join(text.split("\n")).replace("|", "\\|")


def markdown(t: Table) -> str:
    """A GitHub-flavoured Markdown table, numbers right-aligned; ends with a newline."""
    rule = ["---:" if t.justify(i) == "right" else "---" for i in range(len(t.headers))]
    lines = ["| " + " | ".join(cell(h) for h in t.headers) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in t.rows]
    return "\n".join(lines) + "\n"


def text(t: Table, *, title: str | None = None, indent: int = 0, width: int = 160) -> str:
    """The table as plain text drawn by rich (no colour, no lines), each line indented by
    ``indent`` spaces; ends with a newline."""
    import io

    from rich.console import Console
    from rich.table import Table as RichTable

    table = RichTable(title=title, box=None, pad_edge=False, title_justify="left")
    for i, header in enumerate(t.headers):
        table.add_column(header, justify="right" if t.justify(i) == "right" else "left")
    for row in t.rows:
        table.add_row(*row)
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, color_system=None, highlight=False, emoji=False, markup=False
    )
    console.print(table)
    lines = [line.rstrip() for line in buffer.getvalue().splitlines()]
    return "".join(f"{' ' * indent}{line}\n" if line else "\n" for line in lines)
