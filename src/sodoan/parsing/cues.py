"""Cue words: what the words around a figure say about it.

Before a figure, up to three words at a time are looked up in the lexicon's ``cue_words``
(``trên`` gt, ``tối thiểu`` ge, ``khoảng`` approx, ``tăng`` up, ...), nearest first; after it,
``trở lên`` / ``trở xuống``. A comparator before the first of two figures joined by ``và``
applies to the second when it has none.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from sodoan.model.target import Comparator
from sodoan.parsing.lexicon import CueKind, lexicon
from sodoan.parsing.scanner import Figure, measure
from sodoan.parsing.text import NUMBER_RE, alternation, fold, vi

__all__ = ["attach_cues", "change_sign", "nearest_comparator"]

_MAX_CUE_WORDS: Final = 3
#: How far before a figure cue words are read, in characters.
_CUE_REACH: Final = 80
_OPENERS: Final = "(-–•+"

CUE_COMPARATORS: Final[Mapping[CueKind, Comparator]] = {
    "gt": "gt",
    "ge": "ge",
    "le": "le",
    "lt": "lt",
    "down_to": "le",
}
#: Cues that a second figure joined by "và" inherits from the first.
_SHARED_CUES: Final = frozenset({"gt", "ge", "le", "lt", "approx", "nearly"})


@dataclass(frozen=True)
class _Patterns:
    cue_words: Mapping[str, CueKind]
    post_cue: re.Pattern[str]
    post_cues: Mapping[str, Literal["ge", "le"]]
    joiner: re.Pattern[str]


@functools.cache
def _patterns() -> _Patterns:
    words = lexicon()
    return _Patterns(
        cue_words={fold(k): v for k, v in words.cue_words.items()},
        post_cue=vi(
            r"\s{0,3}(?:[^\W\d_]+\s{1,3}){0,3}?"
            + alternation(words.post_cue_marker)
            + r"\s{1,3}("
            + "|".join(re.escape(fold(w)) for w in words.post_cues)
            + r")(?!\w)"
        ),
        post_cues={fold(k): v for k, v in words.post_cues.items()},
        joiner=vi(r"\s" + alternation(words.clause_joiners) + r"\s"),
    )


# -- before a figure ---------------------------------------------------------------------------

_Word = tuple[int, int, str]


def _words_before(low: str, lo: int, start: int) -> list[_Word]:
    """The words between ``lo`` and ``start`` in the last :data:`_CUE_REACH` characters."""
    window_start = max(lo, start - _CUE_REACH)
    words = [
        (window_start + m.start(), window_start + m.end(), m.group())
        for m in re.finditer(r"\S+", low[window_start:start])
    ]
    if words and words[0][0] == window_start and window_start > lo:
        words = words[1:]  # cut by the window
    return words


def _cue_ending_at(words: Sequence[_Word], index: int) -> tuple[int, CueKind] | None:
    """The longest cue phrase (up to three words) that ends with ``words[index - 1]``: its
    size in words and kind. A phrase may start with an opening bracket or a list dash."""
    cue_words = _patterns().cue_words
    for size in range(min(_MAX_CUE_WORDS, index), 0, -1):
        chunk = words[index - size : index]
        if any(c in w for _, _, w in chunk for c in ",;:)"):
            continue
        phrase = " ".join([chunk[0][2].lstrip(_OPENERS), *(w for _, _, w in chunk[1:])])
        kind = cue_words.get(phrase)
        if kind is not None:
            return size, kind
    return None


def cues_before(low: str, lo: int, start: int) -> tuple[int, tuple[CueKind, ...]]:
    """The cue words just before ``start`` (nearest first) and where the first meaningful one
    starts; reading stops at a word that is not a cue or after an opening parenthesis."""
    words = _words_before(low, lo, start)
    kinds: list[CueKind] = []
    span_start = start
    index = len(words)
    while index > 0:
        found = _cue_ending_at(words, index)
        if found is None:
            break
        size, kind = found
        first = words[index - size]
        opened = first[2][:1] in _OPENERS
        kinds.append(kind)
        if kind != "filler":
            span_start = first[0] + (1 if opened else 0)
        index -= size
        if opened:
            break
    return span_start, tuple(kinds)


# -- all figures -------------------------------------------------------------------------------


def _read_cues(figure: Figure, low: str, after: int) -> None:
    """Set the figure's cues and post cue, widening its span to the words read; the words
    read start at ``after`` at the earliest (where the figure before it ends: "98,26% trở
    lên 13/17" has no cue "lên" before 13/17, it is the first figure's)."""
    assert figure.group is not None
    lo, hi = figure.group.chunks[figure.chunk]
    span_start, cues = cues_before(low, max(lo, after), figure.core_start)
    figure.start = min(figure.start, span_start)
    figure.cues = cues
    post = _patterns().post_cue.match(low, figure.core_end, hi)
    if post is not None and not NUMBER_RE.search(low, figure.core_end, post.end()):
        figure.post = _patterns().post_cues[post.group(1)]
        figure.end = post.end()


def _share_cues(figures: Sequence[Figure], low: str) -> None:
    """A comparator or qualifier before the first of two figures joined by ``và`` applies to
    the second when it has none: "khoảng 150.000 văn bản được gửi và 515.000 văn bản nhận"."""
    previous: dict[int, Figure] = {}
    for figure in figures:
        key = id(figure.group)
        before = previous.get(key)
        previous[key] = figure
        if before is None or not _without_cues(figure) or not _joined(before, figure, low):
            continue
        inherited = tuple(k for k in before.cues if k in _SHARED_CUES)
        if inherited and before.value.unit == figure.value.unit:
            figure.cues = (*figure.cues, inherited[0])


def _without_cues(figure: Figure) -> bool:
    """Whether nothing but fillers and plain level words stand before and after the figure."""
    if figure.group_rank or figure.post is not None:
        return False
    return all(k in ("filler", "plain") for k in figure.cues)


def _joined(before: Figure, figure: Figure, low: str) -> bool:
    """Whether only ``và`` (or ``hoặc``), no clause mark, stands between the two figures."""
    between = low[before.core_end : figure.start]
    return bool(_patterns().joiner.search(between)) and not any(c in between for c in ",;:()\n")


def _average_growth(figure: Figure) -> None:
    """An average growth is a rate per year: "năng suất lao động tăng bình quân 7%"."""
    if not (
        figure.value.unit == "percent"
        and change_sign(figure.cues) == 1
        and "average" in figure.cues
    ):
        return
    rate = measure(figure.value.value, "percent_per_year")
    upper = measure(figure.upper.value, "percent_per_year") if figure.upper else None
    if rate is not None:
        figure.value, figure.upper = rate, upper


def attach_cues(figures: Sequence[Figure], low: str) -> None:
    """Read the cue words of every figure (all located in their groups)."""
    previous_end = 0
    for figure in figures:
        if not figure.group_rank:
            _read_cues(figure, low, previous_end)
        previous_end = max(previous_end, figure.end)
    _share_cues(figures, low)
    for figure in figures:
        _average_growth(figure)


def change_sign(cues: Sequence[CueKind]) -> Literal[1, -1] | None:
    """1 for ``tăng``, -1 for ``giảm``, None for no change or a level reached (``tăng lên``,
    ``giảm xuống còn``)."""
    for kind in cues:
        if kind == "up":
            return 1
        if kind == "down":
            return -1
        if kind in ("to_level", "down_to"):
            return None
    return None


def nearest_comparator(cues: Sequence[CueKind]) -> Comparator | None:
    """The comparator of the cue word nearest the figure, if any ("đạt trên" is gt)."""
    return next((CUE_COMPARATORS[k] for k in cues if k in CUE_COMPARATORS), None)
