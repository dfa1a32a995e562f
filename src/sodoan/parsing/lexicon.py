"""The parser's word lists, read from ``data/lexicon.json`` and checked on load.

Every Vietnamese word the parser reacts to (cue words and what they say, words that show a
number is not a count or is a reference, level phrases, time words, ...) is data, as
``units.txt`` is: the file says what each list is for under its ``"about"`` key. The words are
stored as written; :mod:`sodoan.parsing.text` folds them for matching.
"""

from __future__ import annotations

import functools
import re
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from sodoan._resources import read_json
from sodoan.errors import DataError
from sodoan.model.plan import FundingSource
from sodoan.model.target import AdminLevel

__all__ = ["LEXICON_FILE", "CueKind", "Lexicon", "lexicon"]

LEXICON_FILE: Final = "lexicon.json"

#: What a word just before a figure says about it (see ``cue_words`` in the data file).
CueKind = Literal[
    "gt",
    "ge",
    "le",
    "lt",
    "approx",
    "nearly",
    "from",
    "up",
    "down",
    "to_level",
    "down_to",
    "average",
    "plain",
    "filler",
]

_Words = list[str]


class Lexicon(BaseModel):
    """The word lists of ``data/lexicon.json``; see the file's ``"about"`` for each."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    about: dict[str, str]
    tone_fixes: dict[str, str]
    word_spellings: dict[str, str]
    cue_words: dict[str, CueKind]
    ellipsis_words: _Words
    not_counted_words: _Words
    not_counted_pairs: _Words
    reference_words: _Words
    reference_pairs: _Words
    not_reference_pairs: _Words
    rank_prefixes: _Words
    level_patterns: list[tuple[str, AdminLevel | None]]
    named_area_patterns: list[tuple[str, AdminLevel]]
    population_words: _Words
    population_nouns: _Words
    determiners: _Words
    time_lead_words: _Words
    month_end_words: _Words
    bare_year_lead_words: _Words
    span_lead_words: _Words
    since_words: _Words
    same_period_words: _Words
    quarter_numerals: dict[str, int]
    title_words: _Words
    title_continuation_words: _Words
    heading_words: _Words
    clause_joiners: _Words
    joiner_cue_words: _Words
    joiner_time_words: _Words
    total_words: _Words
    group_rank_verbs: _Words
    group_rank_words: _Words
    group_rank_context: _Words
    post_cues: dict[str, Literal["ge", "le"]]
    post_cue_marker: _Words
    range_separators: _Words
    compared_words: _Words
    per_year_words: _Words
    score_words: _Words
    sign_characters: _Words
    money_scales: dict[str, Literal["thousand", "million", "billion", "thousand_billion"]]
    plan_words: _Words
    not_rank_before: _Words
    result_heading_words: _Words
    target_heading_words: _Words
    target_cue_words: _Words
    result_cue_words: _Words
    now_words: _Words
    present_words: _Words
    budget_words: _Words
    funding_words: dict[str, FundingSource]

    @field_validator("sign_characters")
    @classmethod
    def _single_characters(cls, value: list[str]) -> list[str]:
        """A sign is one character."""
        for sign in value:
            if len(sign) != 1:
                raise ValueError(f"{sign!r} is not one character")
        return value

    @field_validator("*", mode="after")
    @classmethod
    def _phrases(cls, value: object) -> object:
        """Every word or phrase is non-empty and has no white space around it."""
        words: list[str] = []
        if isinstance(value, list):
            words = [v if isinstance(v, str) else v[0] for v in value]
        elif isinstance(value, dict):
            words = list(value)
        for word in words:
            if not word or word != word.strip() or "  " in word:
                raise ValueError(f"{word!r} is empty or has extra white space")
        return value

    @field_validator("tone_fixes", "word_spellings")
    @classmethod
    def _same_length(cls, value: dict[str, str]) -> dict[str, str]:
        """Folding keeps offsets: a spelling and its replacement have the same length."""
        for old, new in value.items():
            if len(old) != len(new):
                raise ValueError(f"{old!r} -> {new!r} changes the length of the text")
        return value

    @field_validator("level_patterns", "named_area_patterns")
    @classmethod
    def _compiles(cls, value: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
        """Every pattern is a valid regular expression."""
        for pattern, _ in value:
            _check_pattern(pattern)
        return value

    @model_validator(mode="after")
    def _documented(self) -> Lexicon:
        """``about`` explains every list, and nothing else."""
        lists = set(type(self).model_fields) - {"about"}
        missing, extra = lists - set(self.about), set(self.about) - lists
        if missing or extra:
            raise ValueError(
                f"'about' must explain each list: missing {sorted(missing)}, "
                f"unknown {sorted(extra)}"
            )
        return self


def _check_pattern(pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"{pattern!r} is not a regular expression: {error}") from None


@functools.cache
def lexicon() -> Lexicon:
    """The bundled word lists, read and checked once. Raises :class:`~sodoan.DataError` naming
    the file and each malformed entry when the file is malformed."""
    return load_lexicon(read_json(LEXICON_FILE))


def load_lexicon(raw: object, file: str = LEXICON_FILE) -> Lexicon:
    """Check parsed JSON as a lexicon; :class:`~sodoan.DataError` if it is malformed."""
    try:
        return Lexicon.model_validate(raw)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg']}" for e in error.errors()
        )
        raise DataError(file, f"malformed word lists: {problems}") from None
