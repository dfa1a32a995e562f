"""The bulk reader's compiled acceptor (sodoan._accept), with its key proof, accepts only what
the models accept.

The acceptor and the proof only ever say "valid"; everything else goes to the models. So the
one property that matters is soundness: a line they take, ``Actual`` accepts. It is checked on valid
documents, on the testing module's broken documents, and on documents with one field replaced
by a value chosen to sit on a rule's edge. Completeness (it takes the common lines, which is
where the speed comes from) and its duplicate-key proof are checked too, and the reports of
validate_jsonl with and without it are the same.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError, model_validator

from sodoan import Actual, Catalogue, Target, testing
from sodoan._accept import COMPILED_VALIDATORS, actual_acceptor
from sodoan._guards import no_repeated_keys as no_duplicate_keys
from sodoan.bulk import validate_jsonl, validate_record
from sodoan.model._refs import bundled_codes
from tests.documents import ACTUAL
from tests.strategies import scaled

ACCEPT = actual_acceptor(Actual, bundled_codes())

#: The shared actual, with colons in its clause and quote (the key proof must discount them).
GOOD: dict[str, Any] = {
    **ACTUAL,
    "source": {**ACTUAL["source"], "clause": "Phần I: mục 2", "quote": "xem https://x.vn/a:b"},
}

#: Values on the edges of the rules an Actual's fields obey (years, days, shares, ranks,
#: signs, exact decimals, units, ids, texts), and values of the wrong type.
EDGES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1,
    100,
    101,
    1944,
    1945,
    2025,
    2100,
    2101,
    10**15 - 1,
    10**15,
    -(10**15) + 1,
    2025.0,
    98.26,
    1e400,
    "",
    " ",
    "x",
    "2025",
    "2024-Q4",
    "2025-Q2",
    "2025-Q3",
    "2025-06",
    "2025-07",
    "2025-06-30",
    "2025-07-01",
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "1944-12-31",
    "2100-12-31",
    "0",
    "0.0",
    "-0",
    "-0.0",
    "1",
    "100",
    "100.0",
    "100.000000000000000000000000000",
    "100.5",
    "100.0000000000000000000000000001",
    "99.999",
    "-5",
    "-0.5",
    "0.5",
    "1.0",
    "007",
    "1e5",
    "98,26",
    "+5",
    "1" * 30,
    "1" * 31,
    "0." + "1" * 30,
    "0." + "1" * 31,
    "NaN",
    "percent",
    "percentage_point",
    "rank",
    "count",
    "VND",
    "million_VND",
    "USD",
    "percent_per_year",
    "online-filing-rate",
    "dti-rank",
    "viet-nam",
    "tuyen-quang",
    "ha-giang",
    "tra-vinh",
    "not-an-id",
    "Tuyen-Quang",
    "exact",
    "approximately",
    "province",
    "commune",
    "https://example.vn/a:b",
    "http://x",
    "ftp://x",
    "https://a b",
    "e\u0302\u0300",
    "\u202e",
    "a\u0000b",
    "Phần I: mục 2",
    "x" * 300,
    "x" * 301,
    "x" * 1000,
    "x" * 1001,
    "60/KH-UBND",
    "003_3af9811e5cc25df9.txt",
    "../etc/passwd",
    [],
    {},
    {"value": "1", "unit": "count"},
    {"value": "50", "unit": "percent"},
    {"value": "3", "unit": "rank"},
    {"value": "-3", "unit": "rank_places"},
    {"value": "12", "unit": "percent_per_year"},
    {"value": 5, "unit": "percent"},
    {"value": "5", "unit": "percent", "x": 1},
    {"numerator": 1, "denominator": 2},
]

#: Where a value may be put: top-level fields, a measure's and a source's.
PATHS: list[tuple[str, ...]] = [
    *((name,) for name in Actual.model_fields),
    ("value", "value"),
    ("value", "unit"),
    *(("source", name) for name in ("document", "clause", "quote", "file", "cites", "url")),
    ("source", "start"),
    ("source", "end"),
    ("unexpected",),
    ("source", "unexpected"),
]


def accepts(raw: bytes) -> bool:
    """Whether the bulk reader takes ``raw`` without the models: the acceptor returns a record
    and the key proof holds (the acceptor ignores unknown keys; the proof finds them)."""
    try:
        record = ACCEPT(raw)  # type: ignore[misc]
    except ValidationError:
        return False
    return no_duplicate_keys(raw, record)


def models_accept(raw: bytes) -> bool:
    return validate_record(raw) == []


@st.composite
def edged(draw: st.DrawFn) -> dict[str, Any]:
    """A valid Actual in JSON form with one to three fields replaced, removed or added."""
    document = json.loads(json.dumps(draw(testing.documents("actual"))))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        target = document
        for key in path[:-1]:
            if not isinstance(target.get(key), dict):
                break
            target = target[key]
        else:
            if draw(st.booleans()) and path[-1] in target:
                del target[path[-1]]
            else:
                target[path[-1]] = json.loads(json.dumps(draw(st.sampled_from(EDGES))))
    return document


def dumped(document: Any, ascii_only: bool) -> bytes:
    return json.dumps(document, ensure_ascii=ascii_only).encode()


class TestSound:
    """A line the acceptor takes, the models take."""

    @given(edged(), st.booleans())
    @settings(max_examples=scaled(2000))
    def test_edges(self, document: dict[str, Any], ascii_only: bool) -> None:
        raw = dumped(document, ascii_only)
        if accepts(raw):
            assert models_accept(raw), raw

    @given(testing.broken_documents("actual"))
    @settings(max_examples=scaled(400))
    def test_broken_documents_are_never_accepted(self, broken: testing.Broken) -> None:
        assert not accepts(dumped(broken.document, False)), str(broken)

    @pytest.mark.parametrize("value", ["100.5", "-1", "101", 101, -1])
    def test_share_rules(self, value: object) -> None:
        """online-filing-rate is a share of a whole: 0 to 100 percent, never more."""
        document = {**GOOD, "value": {"value": value, "unit": "percent"}}
        assert not accepts(dumped(document, False))
        assert not models_accept(dumped(document, False))

    @pytest.mark.parametrize(
        ("period", "accepted"),
        [(2025, True), ("2025-06-30", True), (2026, False), ("2025-07-01", False)],
    )
    def test_ended_province(self, period: object, accepted: bool) -> None:
        """Hà Giang ended on 2025-06-30: a figure for a period that starts later is not its."""
        raw = dumped({**GOOD, "province": "ha-giang", "period": period}, False)
        assert accepts(raw) is accepted
        assert models_accept(raw) is accepted

    def test_left_to_the_models(self) -> None:
        """Changes, fractions, quote offsets, floats and a quarter of an ended province are not
        the acceptor's to take; the models take them."""
        for document in [
            {**GOOD, "change_from": 2023, "value": {"value": "-1.5", "unit": "percentage_point"}},
            {**GOOD, "fraction": {"numerator": 7, "denominator": 7}},
            {**GOOD, "source": {**GOOD["source"], "start": 0, "end": 5}},
            {**GOOD, "value": {"value": 98.26, "unit": "percent"}},
            {**GOOD, "period": 2024.0},
            {**GOOD, "province": "ha-giang", "period": "2025-Q2"},
        ]:
            raw = dumped(document, False)
            assert not accepts(raw), document
            assert models_accept(raw), document


def _own_catalogue() -> Catalogue:
    """The bundled catalogue, plus an indicator of the caller's own (a count) and a province
    that ended on another day than the 2025 merger (2020-12-31)."""
    bundled = Catalogue.bundled()
    return bundled.extend(
        indicators=[
            {
                **bundled.indicator("portal-dx-article-count").model_dump(),
                "id": "my-article-count",
                "aliases": [],
            }
        ],
        provinces=[
            {
                "id": "old-town",
                "name": {"vi": "Thị xã Cũ", "en": "Old Town"},
                "kind": "province",
                "valid_to": "2020-12-31",
            }
        ],
    )


OWN = _own_catalogue()
OWN_ACCEPT = actual_acceptor(Actual, OWN)


class TestOwnCatalogue:
    """An acceptor is compiled for the caller's catalogue: its ids, its facts, its last days."""

    @given(
        st.sampled_from(["my-article-count", "online-filing-rate", "not-an-id"]),
        st.sampled_from(["old-town", "tuyen-quang", "ha-giang", "nowhere"]),
        st.sampled_from([2019, 2020, 2021, 2025, "2020-12-31", "2021-01-01", "2020-Q4"]),
        st.sampled_from(
            [("5", "count"), ("-5", "count"), ("5.5", "count"), ("50", "percent"), (7, "count")]
        ),
    )
    def test_sound(
        self, indicator: str, province: str, period: object, value: tuple[object, str]
    ) -> None:
        document = {
            **GOOD,
            "indicator": indicator,
            "province": province,
            "period": period,
            "value": {"value": value[0], "unit": value[1]},
        }
        raw = dumped(document, False)
        try:
            record = OWN_ACCEPT(raw)  # type: ignore[misc]
        except ValidationError:
            return
        if no_duplicate_keys(raw, record):
            assert validate_record(raw, catalogue=OWN) == [], raw

    def test_takes_its_own_ids(self) -> None:
        document = {
            **GOOD,
            "indicator": "my-article-count",
            "province": "old-town",
            "period": 2020,
            "value": {"value": "12", "unit": "count"},
        }
        raw = dumped(document, False)
        assert OWN_ACCEPT(raw)["indicator"] == "my-article-count"  # type: ignore[misc]
        assert validate_record(raw, catalogue=OWN) == []
        with pytest.raises(ValidationError):
            ACCEPT(raw)  # type: ignore[misc]  # not in the bundled catalogue
        with pytest.raises(ValidationError):
            OWN_ACCEPT(dumped({**document, "period": 2021}, False))  # type: ignore[misc]


class TestComplete:
    """The acceptor takes the common lines (else it would save nothing)."""

    @given(testing.documents("actual"), st.booleans())
    @settings(max_examples=scaled(400))
    def test_valid_documents_in_its_scope(self, document: dict[str, Any], ascii_only: bool) -> None:
        source = document["source"]
        province_ended = bundled_codes().ended(document["province"]) is not None
        in_scope = (
            document.get("change_from") is None
            and document.get("fraction") is None
            and source.get("start") is None
            and source.get("end") is None
            # a province that has ended: years and days only
            and not (
                province_ended
                and isinstance(document["period"], str)
                and len(document["period"]) != 10
            )
        )
        raw = dumped(document, ascii_only)
        assert models_accept(raw)
        if in_scope:
            assert accepts(raw), raw

    def test_for_every_catalogue(self) -> None:
        """A catalogue of the caller's own gets an acceptor of its own ids."""
        catalogue = Catalogue.bundled()
        assert actual_acceptor(Actual, catalogue) is not None


class TestUnknownKeys:
    """The acceptor leaves unknown keys out of its record; the key proof never takes a line
    that has one, at any level, whatever it holds."""

    @pytest.mark.parametrize("where", ["{", '"value": {', '"source": {'])
    @pytest.mark.parametrize(
        "pair",
        ['"x": 1, ', '"x": "a:b", ', '"x": {"y": {"z": []}}, ', '"change": null, ', '"x:y": 0, '],
    )
    def test_never_taken(self, where: str, pair: str) -> None:
        raw = dumped(GOOD, False).decode().replace(where, where + pair, 1).encode()
        record = ACCEPT(raw)  # type: ignore[misc]
        assert "x" not in record
        assert "change" not in record
        assert not no_duplicate_keys(raw, record)
        assert not models_accept(raw)
        assert validate_jsonl(raw + b"\n").errors[0].type == "extra_forbidden"


class TestOnlyForTheModelsItKnows:
    """No acceptor for a model with a rule it has not compiled: the models then decide."""

    def test_other_kinds(self) -> None:
        assert actual_acceptor(Target, bundled_codes()) is None

    def test_a_subclass_with_a_rule_of_its_own(self) -> None:
        class Stricter(Actual):
            @model_validator(mode="after")
            def _rule(self) -> Stricter:
                return self

        assert actual_acceptor(Stricter, bundled_codes()) is None

    def test_the_validators_compiled_are_the_models(self) -> None:
        """When a model gains a validator, the acceptor is gone until it is compiled too."""
        for model, names in COMPILED_VALIDATORS.items():
            found = model.__pydantic_decorators__
            own = {*found.field_validators, *found.model_validators}
            assert own == names, model.__name__


class TestKeyProof:
    """no_duplicate_keys never proves a line with a repeated key, and proves every other."""

    @given(
        testing.documents("actual").filter(lambda d: d.get("change_from") is None), st.booleans()
    )
    @settings(max_examples=scaled(300))
    def test_proves_lines_without_repeats(self, document: dict[str, Any], ascii_only: bool) -> None:
        document = {k: v for k, v in document.items() if k != "fraction"}
        document["source"] = {
            k: v for k, v in document["source"].items() if k not in ("start", "end")
        }
        if bundled_codes().ended(document["province"]) is not None:
            document["period"] = 2024
        raw = dumped(document, ascii_only)
        assert no_duplicate_keys(raw, ACCEPT(raw))  # type: ignore[misc]

    @given(
        st.sampled_from(
            [("{", key) for key in ("id", "indicator", "province", "period", "value", "source")]
            + [('"value": {', key) for key in ("value", "unit")]
            + [('"source": {', key) for key in ("document", "clause", "quote")]
        ),
        st.sampled_from(
            ['"a"', '"x:y"', '"https://x"', '"\\u003a"', '"\\u003A\\u003a"', '": :"', "5"]
        ),
        st.sampled_from(["", " ", "\t"]),
    )
    def test_never_proves_a_repeat(self, place: tuple[str, str], first: str, blank: str) -> None:
        """A key given twice (the first value, dropped by the reader, perhaps holding colons or
        escaped colons, or a blank before its colon) is never taken for a line without."""
        where, key = place
        raw = dumped(GOOD, False).decode()
        assert where in raw
        repeated = raw.replace(where, f'{where}"{key}"{blank}:{first}, ', 1).encode()
        try:
            record = ACCEPT(repeated)  # type: ignore[misc]
        except ValidationError:
            return
        assert not no_duplicate_keys(repeated, record), repeated


class TestSameReports:
    """validate_jsonl reports the same with the acceptor as by the models alone."""

    @given(st.lists(edged() | testing.documents("actual"), min_size=1, max_size=12), st.data())
    @settings(max_examples=scaled(150))
    def test_same_report(self, documents: list[dict[str, Any]], data: st.DataObject) -> None:
        """(collect=True keeps models, so it never uses the acceptor.)"""
        lines = [dumped(d, False) for d in documents]
        lines += [lines[data.draw(st.integers(0, len(lines) - 1))] for _ in range(2)]  # repeats
        raw = b"\n".join(lines) + b"\n"
        fast, slow = validate_jsonl(raw), validate_jsonl(raw, collect=True)
        assert (fast.records, fast.valid, fast.errors, fast.error_count) == (
            slow.records,
            slow.valid,
            slow.errors,
            slow.error_count,
        )
