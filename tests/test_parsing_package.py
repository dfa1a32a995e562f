"""The parser's word lists (data/lexicon.json) and the indicator catalogue it reads."""

from __future__ import annotations

import copy
import gc
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest

from sodoan import DataError, Indicator, ParseError
from sodoan._resources import read_json
from sodoan.parsing import parse_actual, parse_target
from sodoan.parsing.indicators import bundled_index, index_of
from sodoan.parsing.lexicon import LEXICON_FILE, Lexicon, lexicon, load_lexicon


def _raw() -> dict[str, Any]:
    raw: dict[str, Any] = copy.deepcopy(read_json(LEXICON_FILE))
    return raw


class TestLexicon:
    """The word lists are data, checked on load."""

    def test_bundled_lexicon_loads_once(self) -> None:
        """The bundled file is valid and read once per process."""
        assert isinstance(lexicon(), Lexicon)
        assert lexicon() is lexicon()
        assert lexicon().cue_words["tối thiểu"] == "ge"
        assert lexicon().cue_words["khoảng"] == "approx"

    def test_about_explains_every_list(self) -> None:
        """Each list has an explanation under "about", and "about" names nothing else."""
        raw = _raw()
        assert set(raw["about"]) == set(raw) - {"about"}
        assert all(text.strip() for text in raw["about"].values())

    def test_unknown_cue_kind_is_a_data_error(self) -> None:
        """A cue word of an unknown kind is refused, naming the file and the entry."""
        raw = _raw()
        raw["cue_words"]["trên"] = "above"
        with pytest.raises(
            DataError, match=r"lexicon\.json: malformed word lists: cue_words\.trên"
        ):
            load_lexicon(raw)

    def test_missing_list_is_a_data_error(self) -> None:
        """A list that is missing is refused."""
        raw = _raw()
        del raw["not_counted_words"]
        with pytest.raises(DataError, match=r"not_counted_words: Field required"):
            load_lexicon(raw)

    def test_undocumented_list_is_a_data_error(self) -> None:
        """A list without its explanation in "about" is refused."""
        raw = _raw()
        del raw["about"]["rank_prefixes"]
        with pytest.raises(DataError, match=r"missing \['rank_prefixes'\]"):
            load_lexicon(raw)

    def test_unknown_list_is_a_data_error(self) -> None:
        """An unexpected key is refused (a typo would otherwise be ignored)."""
        raw = _raw()
        raw["cue_wrods"] = {}
        with pytest.raises(DataError, match=r"cue_wrods: Extra inputs are not permitted"):
            load_lexicon(raw)

    @pytest.mark.parametrize("word", ["", " trên", "trên ", "không  quá"])
    def test_badly_spaced_word_is_a_data_error(self, word: str) -> None:
        """Words are non-empty, with single spaces and none around them."""
        raw = _raw()
        raw["reference_words"].append(word)
        with pytest.raises(DataError, match=r"reference_words: Value error"):
            load_lexicon(raw)

    def test_tone_fix_changing_length_is_a_data_error(self) -> None:
        """A spelling fix must keep the length of the text (offsets index the input)."""
        raw = _raw()
        raw["tone_fixes"]["oá"] = "óaa"
        with pytest.raises(DataError, match=r"changes the length of the text"):
            load_lexicon(raw)

    def test_bad_pattern_is_a_data_error(self) -> None:
        """A level pattern that is not a regular expression is refused."""
        raw = _raw()
        raw["level_patterns"].append(["cấp (tỉnh", "province"])
        with pytest.raises(DataError, match=r"not a regular expression"):
            load_lexicon(raw)

    def test_unknown_level_is_a_data_error(self) -> None:
        """A level pattern names one of the four levels, or null."""
        raw = _raw()
        raw["level_patterns"].append(["cấp vùng", "region"])
        with pytest.raises(DataError, match=r"level_patterns"):
            load_lexicon(raw)

    def test_not_an_object_is_a_data_error(self) -> None:
        """A file that is not a JSON object is refused."""
        with pytest.raises(DataError, match=r"lexicon\.json"):
            load_lexicon(["trên"])


# -- the catalogue ---------------------------------------------------------------------------


def _indicator(**changes: Any) -> Indicator:
    data: dict[str, Any] = {
        "id": "fibre-village-share",
        "name": {"vi": "Tỷ lệ thôn có cáp quang", "en": "Share of villages with fibre"},
        "pillar": "digital-infrastructure",
        "unit": "percent",
        "kind": "ratio",
        "direction": "higher_is_better",
        "definition": {"vi": "Thôn có cáp quang.", "en": "Villages with fibre."},
        "aliases": ["thôn bản có cáp quang"],
    }
    data.update(changes)
    return Indicator.model_validate(data)


@dataclass
class _Catalogue:
    indicators: Sequence[Indicator]


class TestCatalogue:
    """parse_target and parse_actual look indicators up in the catalogue given."""

    TEXT = "phấn đấu 95% thôn bản có cáp quang và 100% hồ sơ công việc cấp tỉnh"

    def test_default_is_the_bundled_indicators(self) -> None:
        """catalogue=None reads the bundled indicators."""
        bundled = [t.indicator for t in parse_target(self.TEXT)]
        assert bundled == [None, "work-file-online-share"]
        assert index_of(None) is bundled_index()

    def test_own_catalogue(self) -> None:
        """A catalogue of one's own: its aliases are matched, the bundled ones are not."""
        catalogue = _Catalogue([_indicator()])
        targets = parse_target(self.TEXT, catalogue=catalogue)
        assert [(str(t.value.value), t.indicator) for t in targets] == [
            ("95", "fibre-village-share"),
            ("100", None),
        ]
        actuals = parse_actual("đạt 93% thôn bản có cáp quang", catalogue=catalogue)
        assert [(str(a.value.value), a.indicator) for a in actuals] == [
            ("93", "fibre-village-share")
        ]

    def test_empty_catalogue_names_no_indicator(self) -> None:
        """With no indicators, figures are read without an indicator."""
        targets = parse_target(self.TEXT, catalogue=_Catalogue([]))
        assert [(str(t.value.value), t.indicator) for t in targets] == [
            ("95", None),
            ("100", None),
        ]

    def test_index_is_built_once_per_catalogue(self) -> None:
        """The alias index is kept for the catalogue object, rebuilt when its indicators are
        replaced, and forgotten with the object."""
        catalogue = _Catalogue([_indicator()])
        first = index_of(catalogue)
        assert index_of(catalogue) is first
        catalogue.indicators = [_indicator(id="other-share")]
        second = index_of(catalogue)
        assert second is not first
        assert list(second.indicators) == ["other-share"]
        from sodoan.parsing import indicators as module

        key = id(catalogue)
        assert key in module._INDEXES
        del catalogue
        gc.collect()
        assert key not in module._INDEXES

    @pytest.mark.parametrize(
        "catalogue",
        [object(), _Catalogue("abc"), _Catalogue([{"id": "x"}])],  # type: ignore[list-item]
        ids=["no-attribute", "a-string", "not-indicators"],
    )
    def test_bad_catalogue_is_a_parse_error(self, catalogue: Any) -> None:
        """A catalogue without a sequence of Indicator objects raises ParseError."""
        with pytest.raises(ParseError, match="catalogue"):
            parse_target("đạt 50%", catalogue=catalogue)
        with pytest.raises(ParseError, match="catalogue"):
            parse_actual("đạt 50%", catalogue=catalogue)
