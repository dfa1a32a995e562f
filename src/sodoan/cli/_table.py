"""Tables for the terminal that keep every figure, at any width.

A table is laid out in columns when every column fits: figures, dates, statuses and sources
keep their whole text on one line, headers are never split, and only the long texts
(indicator names, document names) wrap at word boundaries. When the terminal is too narrow for
that, each row becomes a block of ``header  value`` lines (a stacked layout), so nothing is cut
or dropped. Lines never end in spaces, whether shown on a terminal or piped.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from rich.cells import cell_len
from rich.text import Text

from sodoan.cli._safe import safe

__all__ = ["Column", "render"]

_GAP: Final = 2
#: Narrowest a wrapping column may become.
_MIN_WRAP: Final = 12


@dataclass(frozen=True)
class Column:
    """A column: the key of the cell in each row, its header, and whether its text may wrap."""

    key: str
    header: str
    wrap: bool = False


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for part in (safe(p) for p in text.split("\n")):
        lines += textwrap.wrap(part, width, break_long_words=True, break_on_hyphens=False) or [""]
    return lines


def _lines(text: str) -> list[str]:
    return [safe(line) for line in text.split("\n")]


def _longest_word(text: str) -> int:
    return max((cell_len(w) for w in text.split()), default=0)


def _widths(
    columns: Sequence[Column], rows: Sequence[Mapping[str, str]], width: int
) -> list[int] | None:
    """Column widths that fit ``width``, or None if the columns cannot all fit."""
    need: list[int] = []
    natural: list[int] = []
    for column in columns:
        cells = [row.get(column.key, "") for row in rows]
        lines = [line for cell in cells for line in _lines(cell)]
        longest = max((cell_len(line) for line in lines), default=0)
        header = cell_len(column.header)
        if column.wrap:
            need.append(max(header, min(_MIN_WRAP, longest), *(_longest_word(c) for c in cells)))
            natural.append(max(header, longest))
        else:
            need.append(max(header, longest))
            natural.append(need[-1])
    total = sum(need) + _GAP * (len(columns) - 1)
    if total > width:
        return None
    spare = width - total
    widths = list(need)
    for index, column in enumerate(columns):  # give the wrapping columns what is left
        if column.wrap and spare > 0:
            extra = min(spare, natural[index] - widths[index])
            widths[index] += extra
            spare -= extra
    return widths


def _styled(text: str, style: str | None) -> Text:
    return Text(text, style=style or "")


def render(
    columns: Sequence[Column],
    rows: Sequence[Mapping[str, str]],
    width: int,
    styles: Sequence[Mapping[str, str]] | None = None,
    title: str | None = None,
) -> list[Text]:
    """The lines of a table of ``rows`` (cell texts by column key) at most ``width`` cells wide.

    ``styles`` gives, per row, a rich style per column key (colour on a terminal only).
    """
    width = max(width, 20)
    lines: list[Text] = []
    if title:
        lines += [Text(line, style="bold") for line in _wrap(title, width)]
    widths = _widths(columns, rows, width)
    if widths is None:
        return lines + _stacked(columns, rows, width, styles)
    header = "".join(
        c.header.ljust(w + _GAP) if i < len(columns) - 1 else c.header
        for i, (c, w) in enumerate(zip(columns, widths, strict=True))
    )
    lines.append(Text(header.rstrip(), style="bold"))
    lines.append(Text((" " * _GAP).join("─" * w for w in widths)))
    for index, row in enumerate(rows):
        style = styles[index] if styles else {}
        cells = [
            _wrap(row.get(c.key, ""), w) if c.wrap else _lines(row.get(c.key, ""))
            for c, w in zip(columns, widths, strict=True)
        ]
        for number in range(max(len(cell) for cell in cells)):
            line = Text()
            for position, (column, cell, w) in enumerate(zip(columns, cells, widths, strict=True)):
                text = cell[number] if number < len(cell) else ""
                line.append_text(_styled(text, style.get(column.key)))
                if position < len(columns) - 1:
                    line.append(" " * (w - cell_len(text) + _GAP))
            line.rstrip()
            lines.append(line)
    return lines


def _stacked(
    columns: Sequence[Column],
    rows: Sequence[Mapping[str, str]],
    width: int,
    styles: Sequence[Mapping[str, str]] | None,
) -> list[Text]:
    """Each row as a block: its first column as a heading, then ``header  value`` lines."""
    first, rest = columns[0], columns[1:]
    label = max((cell_len(c.header) for c in rest), default=0)
    indent = 2
    room = max(width - indent - label - _GAP, 10)
    lines: list[Text] = []
    for index, row in enumerate(rows):
        style = styles[index] if styles else {}
        if index:
            lines.append(Text())
        lines += [
            _styled(line, style.get(first.key) or "bold")
            for line in _wrap(row.get(first.key, ""), width)
        ]
        for column in rest:
            value = row.get(column.key, "")
            if not value:
                continue
            for number, text in enumerate(_wrap(value, room)):
                head = column.header if number == 0 else ""
                line = Text(" " * indent + head.ljust(label + _GAP))
                line.append_text(_styled(text, style.get(column.key)))
                line.rstrip()
                lines.append(line)
    return lines
