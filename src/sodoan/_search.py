"""Finding entries by what people type: ids, Vietnamese or English names, with or without
diacritics ("Tuyên Quang", "tuyen quang", "Tra Vinh", "digital economy", "kinh te so").

Text is folded before it is compared: Unicode NFD with the combining marks removed, ``đ`` read
as ``d``, case folded, and every run of other characters than letters and digits made one
space. An entry matches in tiers, best first:

0. its id, as given (``dti-rank``) or folded (``dti rank``);
1. one of its names, folded (``tuyen quang`` is Tuyên Quang);
2. its id or a name starts with the query (``dti`` finds ``dti-rank``, ``dti-score``);
3. its id or a name holds the query's words in a row (``kinh te so``);
4. every word of the query starts a word of its id or names (``economy digital``);
5. every word of the query starts a word of its other texts (aliases);
6. its id or a name is close to the query (difflib ratio of at least 0.75: ``tuyen qang``).

Within a tier from 2 on, entries with a shorter name come first (the query is more of it);
otherwise they keep the order they are given in.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Generic, TypeVar

__all__ = ["EXACT_TIERS", "Entry", "fold", "named", "rank", "tier"]

T = TypeVar("T")

#: Tiers of a match that names the entry itself (its id or one of its names).
EXACT_TIERS: Final = 1
#: How close (difflib ratio) a misspelt id or name must be to match.
CLOSE: Final = 0.75
_SEPARATORS: Final = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """``text`` without diacritics, case or punctuation: ``Tuyên Quang`` -> ``tuyen quang``,
    ``Đắk Lắk`` -> ``dak lak``, ``dti-rank`` -> ``dti rank``."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return _SEPARATORS.sub(" ", plain).strip()


@dataclass(frozen=True)
class Entry(Generic[T]):
    """What a search compares for one entry: its id, names, and other texts (aliases)."""

    item: T
    id: str
    names: tuple[str, ...]
    others: tuple[str, ...] = ()


def _words(texts: Iterable[str]) -> list[str]:
    return [word for text in texts for word in fold(text).split()]


def _starts_words(query: Sequence[str], words: Sequence[str]) -> bool:
    return bool(query) and all(any(w.startswith(q) for w in words) for q in query)


def tier(entry: Entry[T], query: str) -> int | None:
    """The tier (0 best) at which ``entry`` matches ``query``, or None."""
    folded = fold(query)
    if not folded:
        return None
    own = [fold(entry.id), *(fold(n) for n in entry.names)]
    if query == entry.id or folded == own[0]:
        return 0
    if folded in own[1:]:
        return 1
    if any(text.startswith(folded) for text in own):
        return 2
    if any(f" {folded} " in f" {text} " for text in own):
        return 3
    words = folded.split()
    if _starts_words(words, _words([entry.id, *entry.names])):
        return 4
    if entry.others and _starts_words(words, _words(entry.others)):
        return 5
    matcher = difflib.SequenceMatcher(a=folded)
    for text in own:
        matcher.set_seq2(text)
        if matcher.quick_ratio() >= CLOSE and matcher.ratio() >= CLOSE:
            return 6
    return None


def rank(entries: Iterable[Entry[T]], query: str, best: int | None = None) -> list[T]:
    """The items of ``entries`` that match ``query``, best first (see the module's tiers);
    only tiers up to ``best`` when given. An empty query matches every entry, in order."""
    if not fold(query):
        return [entry.item for entry in entries]
    found = []
    for index, entry in enumerate(entries):
        level = tier(entry, query)
        if level is not None and (best is None or level <= best):
            length = min(len(n) for n in entry.names) if level > EXACT_TIERS else 0
            found.append((level, length, index, entry.item))
    found.sort(key=lambda x: x[:3])
    return [x[3] for x in found]


def named(entries: Iterable[Entry[T]], query: str, key: Callable[[T], str]) -> list[T]:
    """The items whose id or one of whose names is ``query`` (folded), without repeats."""
    seen: dict[str, T] = {}
    for item in rank(entries, query, best=EXACT_TIERS):
        seen.setdefault(key(item), item)
    return list(seen.values())
