"""The outline of a whole plan or report: its lines, the clause path of each, and what the
headings above a line say about its figures.

A document is read line by line. A line may open with a numbering mark, which sets its place
in the document's own numbering: ``Phần I`` (a part), ``II.`` (a Roman section), ``2.1.`` (a
numbered item), ``a)`` (a lettered point), ``(1)`` (a numbered paragraph); a mark replaces the
marks at its own and deeper levels, so the clause path of a line is ``Phần II, mục II.2.1``. A
line ``[2] ...`` is a footnote: it takes its place from the line where ``[2]`` is first cited.
A document without numbering is cited by paragraph: ``đoạn 5`` is its fifth non-empty line.

What a heading says holds for the lines under it, until a heading of its level or a higher one:
whether its figures are results (``Phần I. Đánh giá kết quả thực hiện năm 2024``, ``a) Kết quả
đạt được``) or targets (``II. Mục tiêu``, ``Phần II. Kế hoạch triển khai năm 2025``), and the
year it names. A line ending in ``:`` ("Mục tiêu đến năm 2025:") speaks for the bullet lines
(``-``, ``•``, ``+``) right after it. Web copies repeat passages: a line that repeats an earlier
one word for word (40 characters or more) is marked ``repeated``; its figures are read once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from sodoan.parsing.lexicon import lexicon
from sodoan.parsing.text import alternation, fold, vi
from sodoan.parsing.when import find_whens
from sodoan.period import Period

__all__ = ["Block", "Mode", "document_date", "outline"]

Mode = Literal["target", "actual"]

#: Levels of the numbering, outermost first.
_PART, _ROMAN, _NUMBER, _LETTER, _PARAGRAPH, _COLON = range(6)
#: A heading is a line (or the part of it before ":") at most this long.
_MAX_HEADING: Final = 160
#: Lines at least this long that repeat an earlier line are repeats of a passage.
_MIN_REPEAT: Final = 40

_MARKS: Final = (
    (_PART, re.compile(r"(?i)\s*phần\s+(thứ\s+\w+|[IVXLC]{1,6}|[0-9]{1,2})\b[.:]?\s*[-–—:.]?\s*")),
    (_ROMAN, re.compile(r"\s*([IVXL]{1,6})[.)]\s+")),
    (
        _NUMBER,
        re.compile(
            r"\s*([0-9]{1,2}(?:\.[0-9]{1,2}){1,3})\.?\s+(?=\D)|\s*([0-9]{1,2})[.)]\s+(?=\D)"
        ),
    ),
    (_LETTER, re.compile(r"\s*([a-zđ])\)\s+")),
    (_PARAGRAPH, re.compile(r"\s*\(([0-9]{1,2})\)\s+")),
)
_FOOTNOTE_LINE: Final = re.compile(r"\s*\[([0-9]{1,3})\]\s*")
_FOOTNOTE_MARK: Final = re.compile(r"(?<=\S)\[([0-9]{1,3})\]")
_BULLET: Final = re.compile(r"\s*[-–•+*]\s+")


@dataclass(frozen=True)
class Block:
    """A line of the document, where it stands and what its headings say."""

    start: int
    """Offset of the line's text (after its numbering mark) in the document."""

    end: int
    """Offset just after the line."""

    clause: str
    """Where it stands, in the document's numbering: ``Phần I, mục 7.a``, ``Phần I, mục 3.a,
    chú thích [2]``, ``đoạn 5``."""

    mode: Mode | None
    """``actual`` under a results heading, ``target`` under a targets heading, else None."""

    year: Period | None
    """The year the headings above the line name (the nearest that names one)."""

    heading: bool = False
    """Whether the line is a heading (a short numbered line, or a line ending in ":")."""

    repeated: bool = False
    """Whether the line repeats an earlier line word for word."""

    footnote: str | None = None
    """``[2]`` for a footnote line."""

    cited: tuple[int, int] | None = None
    """For a footnote: the span of the clause that cites it (what the footnote explains)."""


@dataclass
class _Level:
    label: str
    mode: Mode | None = None
    year: Period | None = None
    carried: Mode | None = None  # a mode carried from the line that introduced the level


@dataclass
class _State:
    levels: dict[int, _Level] = field(default_factory=dict)

    def set(self, level: int, entry: _Level) -> None:
        """Open a level; a numbered line with no mode of its own takes the mode of the line
        that introduced its list ("Kế hoạch đề ra một số mục tiêu cụ thể như sau:") or that
        its predecessor took."""
        if entry.mode is None and level != _COLON:
            intro = self.levels.get(_COLON)
            same = self.levels.get(level)
            entry.carried = (intro.mode or intro.carried) if intro else None
            entry.carried = entry.carried or (same.carried if same else None)
            entry.mode = entry.carried
        for deeper in [k for k in self.levels if k >= level]:
            del self.levels[deeper]
        self.levels[level] = entry

    def clause(self, paragraph: int) -> str:
        parts: list[str] = []
        if _PART in self.levels:
            parts.append(f"Phần {self.levels[_PART].label}")
        path = [
            self.levels[k].label
            for k in (_ROMAN, _NUMBER, _LETTER)
            if k in self.levels and self.levels[k].label
        ]
        if path:
            parts.append("mục " + ".".join(path))
        if _PARAGRAPH in self.levels:
            parts.append(f"({self.levels[_PARAGRAPH].label})")
        return ", ".join(parts) if parts else f"đoạn {paragraph}"

    def mode(self) -> Mode | None:
        found = [self.levels[k].mode for k in sorted(self.levels) if self.levels[k].mode]
        return found[-1] if found else None

    def year(self) -> Period | None:
        found = [self.levels[k].year for k in sorted(self.levels) if self.levels[k].year]
        return found[-1] if found else None


@functools.cache
def _heading_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = lexicon()
    return (
        vi(r"(?<!\w)" + alternation(words.result_heading_words) + r"(?!\w)"),
        vi(r"(?<!\w)" + alternation(words.target_heading_words) + r"(?!\w)"),
    )


def _heading_mode(low: str) -> Mode | None:
    results, targets = _heading_words()
    if results.search(low):
        return "actual"
    if targets.search(low):
        return "target"
    return None


def _heading_year(low: str) -> Period | None:
    years = [w.period for w in find_whens(low, bytearray(len(low))) if w.role == "at" and w.period]
    return Period(years[-1].year) if years else None


def _mark(line: str) -> tuple[int, str, int] | None:
    """The numbering mark a line opens with: its level, label and length."""
    for level, pattern in _MARKS:
        match = pattern.match(line)
        if match is not None:
            label = next(g for g in match.groups() if g is not None)
            if level == _PART:
                label = label.upper() if not label[0].isdigit() else label
            return level, label, match.end()
    return None


def _heading_text(content: str) -> str | None:
    """The part of a line that is a heading: all of a short line, or what stands before its
    first ":" (when short); None for running text."""
    head, colon, _ = content.partition(":")
    if colon and len(head) <= _MAX_HEADING:
        return head + colon
    if len(content) <= _MAX_HEADING and not content.rstrip().endswith((".", ";")):
        return content
    return None


def _introduces(content: str) -> bool:
    """Whether an unnumbered line introduces the bullets after it ("Phấn đấu thực hiện các
    chỉ tiêu:"): short, ending in ":", with no number but years (a statement with figures,
    "Tổng kinh phí ... là: 92.013,235 triệu đồng, trong đó:", introduces its lines but sets
    nothing)."""
    stripped = content.rstrip()
    if not stripped.endswith(":") or len(stripped) > _MAX_HEADING:
        return False
    return (
        re.search(r"[0-9]", re.sub(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])", "", stripped)) is None
    )


def outline(text: str) -> list[Block]:
    """The blocks (lines with text) of ``text``, in order."""
    state = _State()
    blocks: list[Block] = []
    seen: set[str] = set()
    cited: dict[str, Block] = {}
    offset = 0
    paragraph = 0
    colon_open = False
    for raw in text.split("\n"):
        line_start, offset = offset, offset + len(raw) + 1
        if not raw.strip() or raw.strip() == "|":
            continue
        paragraph += 1
        footnote = _FOOTNOTE_LINE.match(raw)
        if footnote is not None:
            blocks.append(_footnote(footnote, raw, line_start, cited, paragraph))
            continue
        mark = _mark(raw)
        skip = mark[2] if mark else 0
        content = raw[skip:]
        low = fold(content)
        heading = _heading_text(content) if mark else None
        bullet = _BULLET.match(raw) is not None
        if mark is not None:
            level, label, _ = mark
            head_low = fold(heading) if heading else ""
            state.set(level, _Level(label, _heading_mode(head_low), _heading_year(head_low)))
            colon_open = False
        elif colon_open and not bullet:
            state.levels.pop(_COLON, None)
            colon_open = False
        if mark is None and _introduces(content):
            state.set(_COLON, _Level("", _heading_mode(low), _heading_year(low)))
            colon_open = True
            heading = content
        key = " ".join(content.split())
        repeated = len(key) >= _MIN_REPEAT and key in seen
        seen.add(key)
        block = Block(
            start=line_start + skip,
            end=line_start + len(raw),
            clause=state.clause(paragraph),
            mode=state.mode(),
            year=state.year(),
            heading=heading is not None,
            repeated=repeated,
        )
        blocks.append(block)
        for match in _FOOTNOTE_MARK.finditer(content):
            cited.setdefault(match.group(1), _citing(block, content, match))
    return blocks


def _citing(block: Block, content: str, mark: re.Match[str]) -> Block:
    """The block, with ``cited`` set to the clause around the footnote mark."""
    cuts = ",;:.()"
    lo = max(content.rfind(c, 0, mark.start()) for c in cuts) + 1
    his = [i for i in (content.find(c, mark.end()) for c in cuts) if i != -1]
    hi = min(his) if his else len(content)
    start = block.start
    return Block(
        start=block.start,
        end=block.end,
        clause=block.clause,
        mode=block.mode,
        year=block.year,
        cited=(start + lo, start + hi),
    )


def _footnote(
    match: re.Match[str], raw: str, line_start: int, cited: dict[str, Block], paragraph: int
) -> Block:
    number = match.group(1)
    where = cited.get(number)
    clause = f"{where.clause}, chú thích [{number}]" if where else f"chú thích [{number}]"
    return Block(
        start=line_start + match.end(),
        end=line_start + len(raw),
        clause=clause,
        mode=where.mode if where else None,
        year=where.year if where else None,
        footnote=f"[{number}]",
        cited=where.cited if where else None,
    )


# -- the document's own date -------------------------------------------------------------------

_DATE_PATTERNS: Final = (
    # "Tuyên Quang, ngày 26 tháng 3 năm 2025"
    re.compile(r"ngày\s+([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+((?:19|20)[0-9]{2})"),
    # "Ngày ban hành | 26/03/2025"
    re.compile(r"ngày ban hành\s*\|?\s*([0-9]{1,2})/([0-9]{1,2})/((?:19|20)[0-9]{2})"),
)
_STAMP: Final = re.compile(r"^\s*date\s+((?:19|20)[0-9]{2})-([0-9]{2})(?:-([0-9]{2}))?")


def document_date(text: str, lines: Sequence[str] | None = None) -> Period | None:
    """The date a document states for itself near its top: the place-and-date line of an
    official text ("Tuyên Quang, ngày 26 tháng 3 năm 2025"), its "Ngày ban hành" field, or a
    web copy's ``date 2022-08`` stamp on its first line; None if it states none."""
    head = text[:3000]
    low = fold(head)
    for pattern in _DATE_PATTERNS:
        match = pattern.search(low)
        if match is not None:
            try:
                return Period(
                    int(match.group(3)), month=int(match.group(2)), day=int(match.group(1))
                )
            except ValueError:
                continue
    stamp = _STAMP.match(low)
    if stamp is not None:
        year, month, day = int(stamp.group(1)), int(stamp.group(2)), stamp.group(3)
        try:
            return Period(year, month=month, day=int(day) if day else None)
        except ValueError:
            return None
    return None
