"""Text as the parser matches it: folded to one spelling, and patterns for folded phrases.

Folding lower-cases the text, turns white space other than a newline into a space, moves old
tone-mark placements to the new one (``hoá`` -> ``hóa``) and spells ``tỉ`` as ``tỷ``, all
without changing the length of the text, so that offsets into the folded text are offsets
into the input.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Final

from sodoan.parsing.lexicon import lexicon

__all__ = [
    "NUMBER_RE",
    "alternation",
    "fold",
    "folded_words",
    "phrase_pattern",
    "vi",
    "words_pattern",
]

#: A number as written: digits, with "." or "," between groups (the locale decides which is
#: the decimal mark).
NUMBER_RE: Final = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


@functools.cache
def _spelling_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = lexicon()
    tones = re.compile("|".join(re.escape(old) for old in words.tone_fixes))
    spellings = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(old) for old in words.word_spellings) + r")(?!\w)"
    )
    return tones, spellings


def _lower_char(char: str) -> str:
    lowered = char.lower()
    if len(lowered) != 1:
        return char
    if lowered.isspace() and lowered != "\n":
        return " "
    if lowered == "％":
        return "%"
    return lowered


def _respell(text: str) -> str:
    words = lexicon()
    tones, spellings = _spelling_patterns()
    text = tones.sub(lambda m: words.tone_fixes[m.group()], text)
    return spellings.sub(lambda m: words.word_spellings[m.group()], text)


def fold(text: str) -> str:
    """``text`` lower-cased and spelling-folded for matching, with the same length."""
    return _respell("".join(_lower_char(c) for c in text))


def vi(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A regex whose Vietnamese literals are spelled as :func:`fold` spells the text (lower
    case, new tone placement: ``khoảng`` is matched as ``khỏang``)."""
    return re.compile(_respell(pattern), flags)


def folded_words(words: Iterable[str]) -> frozenset[str]:
    """The folded forms of ``words`` (each a word or a phrase of single-spaced words)."""
    return frozenset(fold(word) for word in words)


def phrase_pattern(phrase: str) -> str:
    """A regex for a phrase of the lexicon: its words (escaped) separated by 1-3 spaces."""
    return r"\s{1,3}".join(re.escape(word) for word in phrase.split())


def alternation(phrases: Iterable[str]) -> str:
    """``(?:a|b|...)`` of :func:`phrase_pattern` of each phrase, in the order given."""
    return "(?:" + "|".join(phrase_pattern(p) for p in phrases) + ")"


def words_pattern(phrase: str, *, glued: bool = False) -> str:
    """A regex for a folded phrase: words separated by 1-3 spaces, symbols by 0-3; the phrase
    starts a word unless ``glued`` (a unit may follow its number directly: ``10Gb/s``)."""
    parts: list[str] = []
    for token in re.findall(r"\w+|[^\w\s]", fold(" ".join(phrase.split()))):
        if parts:
            word_to_word = token[0].isalnum() and parts[-1][-1].isalnum()
            parts.append(r"\s{1,3}" if word_to_word else r"\s{0,3}")
        parts.append(re.escape(token))
    pattern = "".join(parts)
    if phrase[:1].isalnum() and not glued:
        pattern = r"(?<!\w)" + pattern
    if phrase[-1:].isalnum():
        pattern += r"(?!\w)"
    return pattern
