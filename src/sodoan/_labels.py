"""Every word sodoan shows people, in Vietnamese and English, from one data file.

``data/labels.json`` maps a section (``status``, ``comparator``, ``header``, ...) and a key to
``{"vi": ..., "en": ...}``; templates hold ``{name}`` fields filled with :meth:`str.format`
(never evaluated). :func:`label` looks one up; a missing label is a bug, so it raises KeyError.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping
from typing import Any, Final

from sodoan._resources import read_json

__all__ = ["collation_key", "label", "labels"]


@functools.cache
def labels() -> Mapping[str, Mapping[str, Mapping[str, str]]]:
    """The whole label table (read once)."""
    table: dict[str, Any] = read_json("labels.json")
    table.pop("about", None)
    return table


def label(section: str, key: str, locale: str = "vi", /, **fields: Any) -> str:
    """The ``section``/``key`` label in ``locale`` (``vi`` or ``en``), with ``fields`` filled."""
    text = labels()[section][key][locale]
    return text.format(**fields) if fields else text


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; the
# tone marks (sắc, huyền, hỏi, ngã, nặng) order words that are otherwise equal.
_LETTER_VARIANTS: Final = {"\u0306": 1, "\u0302": 2, "\u031b": 3}  # breve, circumflex, horn
_TONES: Final = {"\u0301": 1, "\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}


def collation_key(text: str) -> tuple[tuple[tuple[str, int], ...], tuple[int, ...]]:
    """A sort key that orders Vietnamese words as a Vietnamese reader expects (``Bạc Liêu``
    before ``Bình Định``, ``Cà Mau`` before ``Cao Bằng``, ``Đà Nẵng`` after ``Dak``),
    case-insensitively: letters first (with ă, â, đ, ê, ô, ơ, ư as letters of their own), tone
    marks only between words that are otherwise equal."""
    letters: list[tuple[str, int]] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFD", text.casefold()):
        if char in _LETTER_VARIANTS and letters:
            letters[-1] = (letters[-1][0], _LETTER_VARIANTS[char])
        elif char in _TONES and tones:
            tones[-1] = _TONES[char]
        else:
            letters.append(("d", 4) if char == "đ" else (char, 0))
            tones.append(0)
    return tuple(letters), tuple(tones)
