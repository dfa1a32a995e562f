"""The context of each figure: its year, administrative level and indicator, from its clause.

A figure looks first in its own clause (up to the neighbouring figures), then in the clauses
without figures just after and before it, then in the enclosing group. The indicator is the
catalogue alias nearest the figure, preferring the noun right after it, then the longest alias;
when two indicators tie there is none. A clause that holds nothing but the figure, a time and
cue words continues the previous figure's subject.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from sodoan.model.indicator import Indicator
from sodoan.model.target import AdminLevel
from sodoan.parsing.document import Document, Group
from sodoan.parsing.indicators import fits
from sodoan.parsing.lexicon import lexicon
from sodoan.parsing.scanner import Figure
from sodoan.parsing.text import NUMBER_RE, alternation, fold, folded_words, vi
from sodoan.parsing.when import When
from sodoan.period import Period

__all__ = ["Resolver", "Subjects"]

#: How far after a figure the noun it counts may start (past the determiners).
_NOUN_REACH: Final = 20

_Window = tuple[Group, tuple[int, int], int, int]
#: (-length, distance, indicator id, after the figure) of an alias near a figure.
_Score = tuple[int, int, str, bool]


@dataclass(frozen=True)
class _Words:
    ellipsis: frozenset[str]
    population: re.Pattern[str]
    determiners: re.Pattern[str]


@functools.cache
def _words() -> _Words:
    words = lexicon()
    cue_words = {word for phrase in words.cue_words for word in fold(phrase).split()}
    return _Words(
        ellipsis=frozenset(cue_words) | folded_words(words.ellipsis_words),
        population=vi(
            r"\s*(?:"
            + alternation(words.population_words)
            + r"\s{1,3}){0,2}(?:"
            + alternation(words.population_nouns)
            + r"\s{1,3})?"
        ),
        determiners=vi(r"\s{0,3}(?:" + alternation(words.determiners) + r"\s{1,3})?"),
    )


class Resolver:
    """Finds the year, level and indicator of each figure from its clause."""

    def __init__(self, doc: Document, figures: list[Figure]) -> None:
        self.doc = doc
        self.index = doc.index
        self.words = _words()
        # figures by group, in order: (core start, core end) and the chunks holding one
        self.cores: dict[int, list[tuple[int, int]]] = {}
        self.figure_chunks: dict[int, set[int]] = {}
        for figure in figures:
            figure.group, figure.chunk = doc.locate(figure.core_start)
            self.cores.setdefault(id(figure.group), []).append((figure.core_start, figure.core_end))
            self.figure_chunks.setdefault(id(figure.group), set()).add(figure.chunk)
        self.core_starts = {key: [c[0] for c in cores] for key, cores in self.cores.items()}
        self.alias_starts = [a[0] for a in doc.aliases]
        # gap aliases by where their last part starts, and where every figure starts
        self.gap_tails = sorted(
            (tail, start, end, indicator_id)
            for start, end, (indicator_id, tail) in doc.aliases
            if tail is not None
        )
        self.figure_starts = sorted(f.core_start for f in figures)
        self.level_starts = [lv[0] for lv in doc.levels]
        self.when_starts = [w.start for w in doc.whens]
        self.when_groups = [doc.locate(w.start)[0] for w in doc.whens]
        # the usable time phrases of each group, in text order (indexes into doc.whens)
        self.usable_in: dict[int, list[int]] = {}
        for index, group in enumerate(self.when_groups):
            if self._usable(index):
                self.usable_in.setdefault(id(group), []).append(index)

    # -- windows -----------------------------------------------------------------------------

    def _window(self, group: Group, chunk: int, ref_start: int, ref_end: int) -> tuple[int, int]:
        """The part of a chunk that belongs to the figure at ref: up to the neighbouring figures
        of the same group."""
        lo, hi = group.chunks[chunk]
        cores = self.cores.get(id(group), [])
        starts = self.core_starts.get(id(group), [])
        before = bisect.bisect_left(starts, ref_start) - 1
        while before >= 0 and cores[before][1] > ref_start:
            before -= 1
        if before >= 0:
            lo = max(lo, cores[before][1])
        after = bisect.bisect_left(starts, ref_end)
        if after < len(cores):
            hi = min(hi, cores[after][0])
        return lo, hi

    def _empty_chunks(self, group: Group, chunk: int, step: int) -> list[int]:
        """The chunks without figures next to ``chunk``, after it (step 1) or before it (-1)."""
        with_figures = self.figure_chunks.get(id(group), set())
        found: list[int] = []
        index = chunk + step
        while 0 <= index < len(group.chunks) and index not in with_figures:
            found.append(index)
            index += step
        return found

    def _windows(
        self, group: Group, chunk: int, ref_start: int, ref_end: int, forward_first: bool
    ) -> Iterable[_Window]:
        """Where to look, in order: the figure's own chunk, the chunks without figures just
        after and before it, then the enclosing group: as seen from the figure before the
        parenthesis in its clause ("98,26% (tăng 0,11% ...)"), or else the chunk holding it."""
        yield group, self._window(group, chunk, ref_start, ref_end), ref_start, ref_end
        after = self._empty_chunks(group, chunk, 1)
        before = self._empty_chunks(group, chunk, -1)
        for index in (after + before) if forward_first else (before + after):
            yield group, group.chunks[index], ref_start, ref_end
        yield from self._enclosing(group, forward_first)

    def _enclosing(self, group: Group, forward_first: bool) -> Iterable[_Window]:
        parent = group.parent
        if parent is None:
            return
        ref_start, ref_end = group.outer_start, group.outer_end
        chunk = max(0, bisect.bisect_right(parent.chunk_starts, ref_start) - 1)
        cores = self.cores.get(id(parent), [])
        at = bisect.bisect_left(self.core_starts.get(id(parent), []), ref_start) - 1
        if at >= 0 and cores[at][0] >= parent.chunks[chunk][0]:
            # the parenthesis is about the figure before it in its clause
            yield from self._windows(parent, chunk, *cores[at], forward_first)
            return
        yield parent, self._window(parent, chunk, ref_start, ref_end), ref_start, ref_end
        yield from self._enclosing(parent, forward_first)

    @staticmethod
    def _in_window(group: Group, window: tuple[int, int], start: int, end: int) -> bool:
        """Whether a mention lies in the window and outside the group's parentheses."""
        lo, hi = window
        if start < lo or end > hi:
            return False
        at = bisect.bisect_left(group.child_starts, end)
        return not (at > 0 and group.children[at - 1].outer_end > start)

    # -- level -------------------------------------------------------------------------------

    def _level_in(self, window: _Window) -> tuple[int, AdminLevel | None] | None:
        """The level phrase nearest the figure in the window: its distance and level (None
        when the level word is the thing counted: "100% các thôn")."""
        group, (lo, hi), ref_start, ref_end = window
        best: tuple[int, AdminLevel | None] | None = None
        first = bisect.bisect_left(self.level_starts, lo)
        for start, end, level in itertools.islice(self.doc.levels, first, None):
            if start >= hi:
                break
            if not self._in_window(group, (lo, hi), start, end):
                continue
            distance = start - ref_end if start >= ref_end else max(0, ref_start - end)
            if best is not None and distance >= best[0]:
                continue
            counted = start >= ref_end and self.words.population.fullmatch(
                self.doc.low, ref_end, start
            )
            best = (distance, None if counted else level)
        return best

    def level(self, figure: Figure) -> AdminLevel | None:
        """The administrative level stated nearest the figure, looking outwards."""
        assert figure.group is not None
        for window in self._windows(
            figure.group, figure.chunk, figure.core_start, figure.core_end, forward_first=False
        ):
            best = self._level_in(window)
            if best is not None:
                return best[1]
        return None

    # -- indicator ---------------------------------------------------------------------------

    def _noun_aliases(self, figure: Figure) -> list[tuple[int, int, str]]:
        """Gap aliases ("A ... B") that name the noun right after the figure, read across
        clause separators (which cut a figure's clause but not a gap) though not past the next
        figure or out of the sentence: one that starts with that noun ("237 doanh nghiệp, cơ
        sở sản xuất kinh doanh ... “Mỗi xã một sản phẩm”"), or one whose last part B is that
        noun, its first part A earlier in the sentence ("cáp quang phủ 100% xã, phường, thị
        trấn và trên 80% hộ gia đình", "Tổ công nghệ số cộng đồng với tổng số 10.257 thành
        viên")."""
        assert figure.group is not None
        low, ref_end = self.doc.low, figure.core_end
        sentence = self.doc.sentences[figure.group.sentence]
        following = bisect.bisect_left(self.figure_starts, ref_end)
        stop = sentence.outer_end
        if following < len(self.figure_starts):
            stop = min(stop, self.figure_starts[following])

        def noun_at(position: int) -> bool:
            return position >= ref_end and bool(
                self.words.determiners.fullmatch(low, ref_end, position)
            )

        found: list[tuple[int, int, str]] = []
        first = bisect.bisect_left(self.alias_starts, ref_end)
        for start, end, (indicator_id, tail) in itertools.islice(self.doc.aliases, first, None):
            if start > ref_end + _NOUN_REACH:
                break
            if tail is not None and noun_at(start) and end <= stop:
                found.append((start, end, indicator_id))
        found.extend(
            (start, end, indicator_id)
            for tail, start, end, indicator_id in self._tails_near(ref_end)
            if noun_at(tail) and start >= sentence.outer_start and end <= stop
        )
        return found

    def _tails_near(self, position: int) -> Iterable[tuple[int, int, int, str]]:
        """Gap aliases whose last part starts from ``position`` to :data:`_NOUN_REACH` after."""
        first = bisect.bisect_left(self.gap_tails, (position,))
        return itertools.takewhile(
            lambda entry: entry[0] <= position + _NOUN_REACH,
            itertools.islice(self.gap_tails, first, None),
        )

    def _scores_in(self, window: _Window, unit: str, change: bool) -> tuple[list[_Score], bool]:
        """The aliases in the window that fit the figure's unit, scored; and whether one of
        them is the noun phrase right after the figure."""
        group, (lo, hi), ref_start, ref_end = window
        scored: list[_Score] = []
        number_first = False
        first = bisect.bisect_left(self.alias_starts, lo)
        for start, end, (indicator_id, _) in itertools.islice(self.doc.aliases, first, None):
            if start >= hi:
                break
            if not self._in_window(group, (lo, hi), start, end):
                continue
            if not fits(self.index.indicators[indicator_id], unit, change):
                continue
            after = start >= ref_end
            distance = start - ref_end if after else max(0, ref_start - end)
            if after and self.words.determiners.fullmatch(self.doc.low, ref_end, start):
                number_first = True  # "10.257 thành viên", "90% hộ gia đình có ..."
            scored.append((-(end - start), distance, indicator_id, after))
        return scored, number_first

    def _best(self, scored: list[_Score], number_first: bool) -> tuple[bool, Indicator | None]:
        """Whether anything was scored, and the best-scored indicator (None on a tie)."""
        if number_first:
            # the noun phrase after the number says what it counts: read only that phrase
            scored = [s for s in scored if s[3]]
        if not scored:
            return False, None
        scored.sort()
        best = scored[0]
        rivals = {s[2] for s in scored if s[:2] == best[:2]}
        return True, None if len(rivals) > 1 else self.index.indicators[best[2]]

    def indicator(self, figure: Figure, change: bool) -> Indicator | None:
        """The indicator whose alias is nearest the figure, preferring the noun right after
        it, then the longest alias; None when two indicators tie. A bare number followed by
        no noun is vouched for only by an alias in its own clause. Aliases are matched as
        whole words; a gap alias ("A ... B") must lie in the figure's clause, unless it names
        the noun right after the figure (:meth:`_noun_aliases`)."""
        assert figure.group is not None
        unit = figure.value.unit
        windows = list(
            self._windows(
                figure.group, figure.chunk, figure.core_start, figure.core_end, forward_first=True
            )
        )
        # the first window also holds the nouns read across clause separators
        nouns: list[_Score] = [
            (-(end - start), 0, indicator_id, True)
            for start, end, indicator_id in self._noun_aliases(figure)
            if fits(self.index.indicators[indicator_id], unit, change)
        ]
        for window in windows if figure.counted else windows[:1]:
            scored, number_first = self._scores_in(window, unit, change)
            found, best = self._best(nouns + scored, number_first or bool(nouns))
            nouns = []
            if found:
                return best
        return None

    def elliptical(self, figure: Figure) -> bool:
        """Whether the figure's clause names nothing but the figure, a time and cue words, so
        that it continues the previous figure's subject: "... đạt 80%, đến năm 2030 đạt 95%",
        "20% GRDP vào năm 2025 và 30% vào năm 2030"."""
        assert figure.group is not None
        lo, hi = self._window(figure.group, figure.chunk, figure.core_start, figure.core_end)
        text = list(self.doc.low[lo:hi])
        blanks = [(figure.start, figure.end)]
        for index in range(bisect.bisect_left(self.when_starts, lo - 80), len(self.doc.whens)):
            when = self.doc.whens[index]
            if when.start >= hi:
                break
            blanks.append((when.start, when.end))
        for start, end in blanks:
            for position in range(max(lo, start), min(hi, end)):
                text[position - lo] = " "
        words = re.findall(r"[^\W\d_]+", "".join(text))
        return all(word in self.words.ellipsis for word in words)

    # -- periods -----------------------------------------------------------------------------

    def _visible(self, figure: Figure, index: int) -> bool:
        """Whether the figure sees the time phrase: it is in the figure's group or around it."""
        assert figure.group is not None
        group = self.when_groups[index]
        return any(g is group for g in figure.group.ancestors())

    def _usable(self, index: int) -> bool:
        when = self.doc.whens[index]
        return when.role == "at" and when.period is not None

    def _earlier(self, figure: Figure) -> When | None:
        """The nearest usable time phrase before the figure in its sentence that it sees: the
        last one, over the figure's group and the groups around it, that ends before it (a
        look-up per group, not a walk over every time phrase of the sentence)."""
        assert figure.group is not None
        whens = self.doc.whens
        here = bisect.bisect_left(self.when_starts, figure.start)
        best = -1
        for group in figure.group.ancestors():
            indexes = self.usable_in.get(id(group), [])
            at = bisect.bisect_left(indexes, here) - 1
            while at >= 0 and whens[indexes[at]].end > figure.start:
                at -= 1
            if at >= 0:
                best = max(best, indexes[at])
        return whens[best] if best >= 0 else None

    def _later(self, figure: Figure, hi: int) -> When | None:
        """The first usable time phrase after the figure in its own clause ("đạt 20% vào năm
        2025")."""
        here = bisect.bisect_left(self.when_starts, figure.start)
        for index in range(here, len(self.doc.whens)):
            when = self.doc.whens[index]
            if when.start >= hi:
                break
            if (
                when.start >= figure.end
                and when.end <= hi
                and self._usable(index)
                and self.when_groups[index] is figure.group
            ):
                return when
        return None

    def period(self, figure: Figure) -> Period | None:
        """The year or day stated for the figure: before it in its own clause, else after it in
        its own clause ("đạt 20% vào năm 2025"), else earlier in the sentence outside any
        parenthesis the figure is not in, else in the heading its list item stands under."""
        assert figure.group is not None
        lo, hi = self._window(figure.group, figure.chunk, figure.core_start, figure.core_end)
        earlier = self._earlier(figure)
        if earlier is not None and earlier.start >= lo:
            return earlier.period
        later = self._later(figure, hi)
        if later is not None:
            return later.period
        if earlier is not None:
            return earlier.period
        closing = self._closing(figure)
        if closing is not None:
            return closing.period
        return self.doc.heading_year(figure.start)

    def _closing(self, figure: Figure) -> When | None:
        """A time phrase that closes the figure's sentence and that the figure sees: it is due
        then with the other figures of the sentence ("phủ trên 90% hộ gia đình, 100% xã vào
        năm 2025")."""
        assert figure.group is not None
        sentence = self.doc.sentences[figure.group.sentence]
        here = bisect.bisect_left(self.when_starts, figure.end)
        closing: When | None = None
        for index in range(here, len(self.doc.whens)):
            when = self.doc.whens[index]
            if when.start >= sentence.outer_end:
                break
            if self._usable(index) and self._visible(figure, index):
                closing = when
        if closing is None:
            return None
        rest = self.doc.low[closing.end : sentence.outer_end]
        return closing if not rest.strip(" .;…!?\n") else None

    def since(self, figure: Figure) -> Period | None:
        """The period of ``so với năm 2023`` right after the figure, if any."""
        low = self.doc.low
        index = bisect.bisect_left(self.when_starts, figure.end)
        for when in itertools.islice(self.doc.whens, index, None):
            if when.start > figure.end + 60:
                break
            if when.role != "since":
                continue
            between = low[figure.end : when.start]
            if NUMBER_RE.search(between) or any(c in between for c in ";()\n"):
                return None
            return when.period
        return None


class Subjects:
    """The indicator and level of each figure, carried over to an elliptical clause from the
    figure before it in the same sentence ("Kinh tế số chiếm 20% GRDP vào năm 2025 và 30% vào
    năm 2030")."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.last: dict[int, tuple[Indicator | None, AdminLevel | None]] = {}

    def of(self, figure: Figure, change: bool) -> tuple[Indicator | None, AdminLevel | None]:
        """The figure's indicator and level, carried over when its clause is elliptical."""
        assert figure.group is not None
        indicator = self.resolver.indicator(figure, change=change)
        level = self.resolver.level(figure)
        previous = self.last.get(figure.group.sentence)
        if previous is not None and self.resolver.elliptical(figure):
            earlier_indicator, earlier_level = previous
            if (
                indicator is None
                and earlier_indicator is not None
                and fits(earlier_indicator, figure.value.unit, change)
            ):
                indicator = earlier_indicator
            if level is None:
                level = earlier_level
        self.last[figure.group.sentence] = (indicator, level)
        return indicator, level
