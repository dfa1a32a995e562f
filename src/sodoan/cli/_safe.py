"""Output that input cannot attack: terminals, spreadsheets and JSON readers.

Text from documents and from the files being validated reaches the terminal (tables, error
messages), CSV files and JSON. Control characters (ESC starts terminal escape sequences; C1
has its own) and bidirectional marks (which reorder what a reader sees) are shown escaped,
and a CSV cell that a spreadsheet would run as a formula is made text.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

__all__ = ["csv_cell", "json_text", "safe"]

#: Characters that would act on a terminal or hide what a reader sees: C0 and C1 controls (ESC
#: starts escape sequences), DEL, and the bidirectional marks, embeddings, overrides and
#: isolates (they reorder text on screen).
_UNSAFE: Final = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: A CSV cell that a spreadsheet would read as a formula starts with one of these.
_FORMULA_START: Final = ("=", "+", "-", "@")
_PLAIN_NUMBER: Final = re.compile(r"-?[0-9]+(\.[0-9]+)?")
#: What json.dumps leaves unescaped but a terminal would act on (it escapes C0 itself, and the
#: newlines of the indentation are structure).
_UNSAFE_IN_JSON: Final = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(value: str) -> str:
    """``value`` with every control character and bidirectional mark shown escaped (``\\x1b``,
    ``\\u202e``): text from the input can then neither drive the terminal nor disguise itself."""
    return _UNSAFE.sub(_escape, value)


def csv_cell(value: str) -> str:
    """A CSV cell: :func:`safe`, and a cell a spreadsheet would run as a formula (``=``,
    ``+``, ``-``, ``@`` first) is made text with a leading ``'``; plain numbers (``-5.2``) are
    kept as they are."""
    cell = safe(value)
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def json_text(document: Any) -> str:
    """``document`` as JSON (UTF-8, indented) with control characters and bidirectional marks
    written as ``\\u`` escapes: the same data, safe to print."""
    dumped = json.dumps(document, ensure_ascii=False, indent=2)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
