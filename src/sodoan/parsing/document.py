"""A text as the scanner and the resolver see it, computed once: the folded text, its time
phrases, the spans that are not figures (document numbers, list markers, dates), the level
phrases and indicator aliases it contains, and its structure: sentences, parenthesised groups
and the clauses of each.

Clauses are the parts of a group between ``,`` ``;`` ``:`` (and ``và`` when a new figure
follows); a parenthesised part is a group of its own, which sees its enclosing group but is not
seen by it.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from sodoan.model.target import AdminLevel
from sodoan.parsing.indicators import AliasIndex
from sodoan.parsing.lexicon import lexicon
from sodoan.parsing.text import alternation, fold, vi
from sodoan.parsing.when import When, find_whens
from sodoan.period import Period

__all__ = ["Document", "Group"]

#: Parentheses nested deeper than this are read as plain characters.
_MAX_NESTING: Final = 8

_DOCUMENT_NUMBER_RE: Final = re.compile(
    r"(?<![\w/])[0-9]{1,5}(?:/[0-9]{2,4})*(?:[-/]\s?[A-ZĐ][\wĐđ]*)+"
)
_FIRST_WORD_RE: Final = re.compile(r"[\s\-–•+*]*\S+")
_SENTENCE_END_RE: Final = re.compile(r"\n|[.!?…]+(?=\s|$)")


@dataclass(frozen=True)
class _Patterns:
    blocked: tuple[re.Pattern[str], ...]
    levels: tuple[tuple[re.Pattern[str], AdminLevel | None], ...]
    named_areas: tuple[tuple[re.Pattern[str], AdminLevel], ...]
    separator: re.Pattern[str]
    title_word: re.Pattern[str]
    continuation: re.Pattern[str]
    heading: re.Pattern[str]


@functools.cache
def _patterns() -> _Patterns:
    words = lexicon()
    blocked = tuple(
        vi(p, re.MULTILINE)
        for p in (
            # list markers at the start of a line: "1.", "2.1.", "3)", "- 1.2."
            # (one run of blanks, then a bullet and its blanks: "[ \t]*[-+•*]?[ \t]*" would try
            # every split of a long run of blanks between its two halves, quadratic work)
            r"^[ \t]*(?:[-+•*][ \t]*)?\(?[0-9]{1,2}(?:\.[0-9]{1,2}){0,3}[.)](?=\s|$)",
            # "(1)", "[4]" anywhere
            r"\(\s{0,2}[0-9]{1,2}\s{0,2}\)|\[[0-9]{1,3}\]",
            # clock times and 24/7
            r"(?<![0-9])(?:24/7|24/24|[0-9]{1,2}\s?(?:h|giờ)\s?[0-9]{2}|[0-9]{1,2}:[0-9]{2})"
            r"(?![0-9])",
            # dates without a year: "ngày 10/12", and month/year "6/2025"
            r"ngày\s{1,3}[0-9]{1,2}\s{0,2}/\s{0,2}[0-9]{1,2}(?!\s{0,2}/?\s{0,2}[0-9])",
            r"(?<![0-9/.,])[0-9]{1,2}/(?:19|20|21)[0-9]{2}(?![0-9])",
            # bare years (a 4-digit number from 1900 to 2199 with no unit): in the scanner
        )
    )
    joiner_cue = r"(?:" + alternation(words.joiner_cue_words) + r"\s{1,3}){0,3}"
    separator = (
        r"[,;:]|\svới\s{1,3}(?="
        + alternation(words.total_words)
        + r"\s)|\s"
        + alternation(words.clause_joiners)
        + r"\s(?="
        + joiner_cue
        + r"[0-9]|"
        + alternation(words.joiner_time_words)
        + r"?\s{0,3}năm\s)"
    )
    return _Patterns(
        blocked=blocked,
        levels=tuple(
            (vi(r"(?<!\w)(?:" + p + r")(?!\w)"), level) for p, level in words.level_patterns
        ),
        named_areas=tuple(
            (vi(r"(?<!\w)(?:" + p + r")\s{1,3}(?=\w)"), level)
            for p, level in words.named_area_patterns
        ),
        separator=vi(separator),
        title_word=vi(r"(?<=\S\s)" + alternation(words.title_words) + r"(?!\w)"),
        continuation=vi(r"[,\s]{0,3}" + alternation(words.title_continuation_words) + r"(?!\w)"),
        heading=vi(
            r"^(?:[ivxl]+\.|[0-9]{1,2}(?:\.[0-9]{1,2})*\.?\s|\([0-9]{1,2}\)|[a-zđ]\)|"
            + alternation(words.heading_words)
            + r"\s)"
        ),
    )


@dataclass(eq=False)
class Group:
    """A sentence, or a parenthesised part of one (which may be left open at the sentence end)."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    parent: Group | None
    sentence: int
    children: list[Group] = field(default_factory=list)
    child_starts: list[int] = field(default_factory=list)
    chunks: list[tuple[int, int]] = field(default_factory=list)
    chunk_starts: list[int] = field(default_factory=list)

    def ancestors(self) -> Iterable[Group]:
        group: Group | None = self
        while group is not None:
            yield group
            group = group.parent


#: An alias found in the text: start, end, (indicator id, where a gap alias's last part starts).
AliasMatch = tuple[int, int, tuple[str, int | None]]


class Document:
    """A text with everything the figure scanner and the context rules need, computed once."""

    def __init__(self, text: str, locale: str, index: AliasIndex) -> None:
        self.src = unicodedata.normalize("NFC", text)
        self.low = fold(self.src)
        self.locale = locale
        self.index = index
        self.patterns = _patterns()
        self.blocked = bytearray(len(self.low))
        self.whens: list[When] = find_whens(self.low, self.blocked)
        self._block_references()
        self.levels = self._find_levels()
        self.aliases = self._find_aliases()
        self.protected = self._protect()
        self.sentences = self._find_groups()
        self.sentence_starts = [g.outer_start for g in self.sentences]
        self._mark_titles()
        self._heading_years = self._find_heading_years()
        self._heading_starts = [start for start, _ in self._heading_years]

    # -- spans -------------------------------------------------------------------------------

    def free(self, start: int, end: int) -> bool:
        """Whether no character of ``start:end`` is part of a date or a reference."""
        return not any(self.blocked[start:end])

    def _block(self, start: int, end: int) -> None:
        self.blocked[start:end] = b"\x01" * (end - start)

    def _block_references(self) -> None:
        for match in _DOCUMENT_NUMBER_RE.finditer(self.src):
            self._block(match.start(), match.end())
        for pattern in self.patterns.blocked:
            for match in pattern.finditer(self.low):
                self._block(match.start(), match.end())

    def _find_levels(self) -> list[tuple[int, int, AdminLevel | None]]:
        found: list[tuple[int, int, AdminLevel | None]] = []
        taken = bytearray(len(self.low))
        for pattern, level in self.patterns.levels:
            for match in pattern.finditer(self.low):
                if any(taken[match.start() : match.end()]):
                    continue
                taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
                found.append((match.start(), match.end(), level))
        for pattern, area_level in self.patterns.named_areas:
            for match in pattern.finditer(self.low):
                if any(taken[match.start() : match.end()]) or not self.src[match.end()].isupper():
                    continue
                found.append((match.start(), match.end(), area_level))
        found.sort()
        return found

    def _find_aliases(self) -> list[AliasMatch]:
        """Alias matches: start, end, indicator id and, for a gap alias ("A ... B"), where its
        last part B starts."""
        found: list[AliasMatch] = []
        for alias in self.index.aliases:
            if alias.anchor not in self.low:
                continue
            found.extend(
                (m.start(), m.end(), (alias.indicator, m.start("tail") if alias.gap else None))
                for m in alias.pattern.finditer(self.low)
            )
        found.sort()
        return found

    def _protect(self) -> bytearray:
        """Level phrases and whole aliases, where no clause is cut."""
        protected = bytearray(len(self.low))
        for start, end, _ in self.levels:
            protected[start:end] = b"\x01" * (end - start)
        for start, end, (_, tail) in self.aliases:
            if tail is None:
                protected[start:end] = b"\x01" * (end - start)
        return protected

    # -- sentences, parentheses and clauses ----------------------------------------------------

    def _find_groups(self) -> list[Group]:
        sentences: list[Group] = []
        start = 0
        bounds = [m.end() for m in _SENTENCE_END_RE.finditer(self.low)]
        if not bounds or bounds[-1] != len(self.low):
            bounds.append(len(self.low))
        for end in bounds:
            if end <= start:
                continue
            sentences.append(self._sentence(start, end, len(sentences)))
            start = end
        return sentences

    def _sentence(self, start: int, end: int, number: int) -> Group:
        """The group of a sentence, with its parenthesised groups, each cut into clauses."""
        sentence = Group(start, end, start, end, None, number)
        stack = [sentence]
        groups = [sentence]
        for position in range(start, end):
            char = self.low[position]
            if char == "(" and len(stack) <= _MAX_NESTING:
                child = Group(position + 1, end, position, end, stack[-1], number)
                stack[-1].children.append(child)
                stack.append(child)
                groups.append(child)
            elif char == ")" and len(stack) > 1:
                child = stack.pop()
                child.end = position
                child.outer_end = position + 1
        for group in groups:
            group.child_starts = [c.outer_start for c in group.children]
            self._split(group)
        return sentence

    def _cuts(self, start: int, end: int) -> Iterable[tuple[int, int]]:
        """The clause separators in ``start:end`` outside protected text and numbers."""
        low = self.low
        for match in self.patterns.separator.finditer(low, start, end):
            position = match.start()
            if self.protected[position]:
                continue
            if (
                match.group() in ",:"
                and 0 < position < len(low) - 1
                and low[position - 1].isdigit()
                and low[position + 1].isdigit()
            ):
                continue  # a decimal mark or a clock time
            yield match.start(), match.end()

    def _split(self, group: Group) -> None:
        """Cut a group into clauses at separators outside its parentheses and protected text."""
        gaps: list[tuple[int, int]] = []
        lo = group.start
        for child in group.children:
            gaps.append((lo, child.outer_start))
            lo = child.outer_end
        gaps.append((lo, group.end))
        lo = group.start
        for gap_start, gap_end in gaps:
            for cut_start, cut_end in self._cuts(gap_start, gap_end):
                group.chunks.append((lo, cut_start))
                lo = cut_end
        group.chunks.append((lo, group.end))
        group.chunk_starts = [c[0] for c in group.chunks]

    def locate(self, position: int) -> tuple[Group, int]:
        """The innermost group holding ``position`` and the index of its chunk."""
        index = max(0, bisect.bisect_right(self.sentence_starts, position) - 1)
        group = self.sentences[index]
        while group.children:
            at = bisect.bisect_left(group.child_starts, position) - 1
            if at < 0 or not position < group.children[at].outer_end:
                break
            group = group.children[at]
        return group, max(0, bisect.bisect_right(group.chunk_starts, position) - 1)

    # -- titles and headings -------------------------------------------------------------------

    def _in_title(self, when: When, titles: list[int]) -> bool:
        """Whether a cited document's title starts in the time phrase's clause before it."""
        group, chunk = self.locate(when.start)
        lo = group.chunks[chunk][0]
        first_word = _FIRST_WORD_RE.match(self.low, lo)
        after_lead = first_word.end() if first_word else lo
        at = bisect.bisect_left(titles, after_lead)
        return at < len(titles) and titles[at] < when.start

    def _mark_titles(self) -> None:
        """Years in the title of a cited document are not the figures' years: "Chương trình
        Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030; phấn đấu 80% ..."."""
        titles = [
            m.start()
            for m in self.patterns.title_word.finditer(self.low)
            if self.src[m.start()].isupper()
        ]
        titles += [m.start() for m in _DOCUMENT_NUMBER_RE.finditer(self.src)]
        titles.sort()
        previous: When | None = None
        for index, when in enumerate(self.whens):
            if when.role == "at" and (
                self._in_title(when, titles) or self._continues(previous, when)
            ):
                self.whens[index] = when = When(when.start, when.end, when.period, "doc")
            previous = when

    def _continues(self, previous: When | None, when: When) -> bool:
        """Whether ``when`` continues a cited title's years (", định hướng đến năm 2030")."""
        return (
            previous is not None
            and previous.role == "doc"
            and when.start - previous.end <= 3
            and self.patterns.continuation.match(self.low, when.start) is not None
        )

    def _find_heading_years(self) -> list[tuple[int, Period | None]]:
        """(line start, year of the heading in force) for every line."""
        result: list[tuple[int, Period | None]] = []
        current: Period | None = None
        starts = [w.start for w in self.whens]
        start = 0
        for line in self.low.split("\n"):
            result.append((start, current))
            stripped = line.strip()
            if stripped.endswith(":"):
                first = bisect.bisect_left(starts, start)
                last = bisect.bisect_left(starts, start + len(line))
                years = [w.period for w in self.whens[first:last] if w.role == "at" and w.period]
                current = years[-1] if years else None
            elif self.patterns.heading.match(stripped):
                current = None
            start += len(line) + 1
        return result

    def heading_year(self, position: int) -> Period | None:
        """The year of the heading (a line ending in ":") that ``position`` stands under."""
        index = bisect.bisect_right(self._heading_starts, position) - 1
        return self._heading_years[index][1] if index >= 0 else None
