"""Write the bad-input corpus: one file per case (exact bytes) and ``cases.json``.

Run from the repository root: ``python tests/bad_inputs/generate.py``. Each case below is a
valid reference document with one thing broken. Every expectation in the table (error type and
path from :func:`sodoan.bulk.validate_record`, and the ``jsonschema`` verdict) was found by
running the code and is checked by ``tests/test_bad_inputs.py``; edit the table, rerun this
script, and run that test. Files are written with Python so that invalid UTF-8, byte-order marks
and duplicate keys are byte-exact.

``jsonschema`` is one of:

* ``reject``: Draft 2020-12 validation of the parsed document (with format checking) fails;
* ``parse-error``: a strict JSON parser fails (Python's ``json.loads`` with NaN and the
  infinities refused, as RFC 8259 and JavaScript's ``JSON.parse`` refuse them);
* ``not-expressible``: JSON Schema cannot state the rule (a cross-field rule, a duplicate key,
  the number of significant digits of a JSON number).
"""

from __future__ import annotations

import copy
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

# -- reference documents (each is valid) ---------------------------------------------------

SOURCE: dict[str, Any] = {
    "document": "tuyen-quang-60-kh-ubnd-2025-text",
    "clause": "Phần I, mục 2",
    "quote": "tỷ lệ hồ sơ nộp trực tuyến toàn trình và một phần đạt 98,26%",
}
MEASURE: dict[str, Any] = {"value": "98.26", "unit": "percent"}
ACTUAL: dict[str, Any] = {
    "id": "tuyen-quang-a-online-filing-rate-2024",
    "indicator": "online-filing-rate",
    "province": "tuyen-quang",
    "period": 2024,
    "value": {"value": "98.26", "unit": "percent"},
    "source": SOURCE,
}
TARGET: dict[str, Any] = {
    "id": "tuyen-quang-t-online-filing-rate-2025",
    "indicator": "online-filing-rate",
    "province": "tuyen-quang",
    "comparator": "ge",
    "value": {"value": "80", "unit": "percent"},
    "due": 2025,
    "source": {**SOURCE, "quote": "80% hồ sơ thủ tục hành chính được xử lý trực tuyến"},
}
INDICATOR: dict[str, Any] = {
    "id": "online-filing-rate",
    "name": {
        "vi": "Tỷ lệ hồ sơ thủ tục hành chính nộp, xử lý trực tuyến",
        "en": "Share of administrative dossiers filed or processed online",
    },
    "pillar": "digital-government",
    "unit": "percent",
    "kind": "ratio",
    "direction": "higher_is_better",
    "definition": {
        "vi": "Tỷ lệ hồ sơ được nộp hoặc xử lý trực tuyến trên tổng số hồ sơ.",
        "en": "Share of dossiers filed or processed online, over all dossiers.",
    },
    "aliases": ["hồ sơ nộp trực tuyến"],
}
BUDGET: dict[str, Any] = {
    "id": "tuyen-quang-budget-2024",
    "period": 2024,
    "purpose": "thực hiện các nhiệm vụ chuyển đổi số năm 2024",
    "total": {"value": "92013.235", "unit": "million_VND"},
    "lines": [
        {
            "funding": "recurrent",
            "label": "Nguồn kinh phí sự nghiệp",
            "amount": {"value": "68673.618", "unit": "million_VND"},
            "source": {**SOURCE, "quote": "Nguồn kinh phí sự nghiệp: 68.673,618 triệu đồng"},
        }
    ],
    "source": {**SOURCE, "quote": "Tổng kinh phí năm 2024 là: 92.013,235 triệu đồng"},
}
PLAN: dict[str, Any] = {
    "id": "tuyen-quang-60-kh-ubnd-2025",
    "kind": "plan",
    "number": "60/KH-UBND",
    "title": {"vi": "Kế hoạch chuyển đổi số năm 2025 trên địa bàn tỉnh Tuyên Quang"},
    "province": "tuyen-quang",
    "province_basis": "named-in-text",
    "issuer": "tuyen-quang-ubnd",
    "signer": "Nguyễn Văn Sơn",
    "issued": "2025-03-26",
    "effective": "2025-03-26",
    "period": {"start": 2025, "end": 2025},
    "implements": ["48-NQ/TU", "411/QĐ-TTg"],
    "pillars": ["digital-government", "digital-economy"],
    "documents": ["tuyen-quang-60-kh-ubnd-2025-text"],
    "targets": [TARGET],
    "actuals": [ACTUAL],
    "responsibilities": [
        {
            "agency": "tuyen-quang-van-phong-ubnd",
            "role": "lead",
            "task": "Duy trì hiệu quả hoạt động của Trung tâm Phục vụ hành chính công tỉnh",
            "partners": ["tuyen-quang-so-khoa-hoc-va-cong-nghe"],
            "source": SOURCE,
        }
    ],
    "budgets": [BUDGET],
}
REFERENCE: dict[str, dict[str, Any]] = {
    "measure": MEASURE,
    "actual": ACTUAL,
    "target": TARGET,
    "plan": PLAN,
    "indicator": INDICATOR,
}

# -- building documents --------------------------------------------------------------------


@dataclass(frozen=True)
class Raw:
    """JSON text written as is in place of a value (numbers no JSON encoder writes)."""

    text: str


DELETE = object()


def dump(data: Any) -> bytes:
    """The document as UTF-8 JSON, indented, with Vietnamese unescaped."""
    return json.dumps(data, ensure_ascii=False, indent=2).encode()


def doc(kind: str, changes: dict[tuple[Any, ...], Any] | None = None) -> bytes:
    """The reference ``kind`` document with each path set to a value, a Raw text, or DELETE."""
    data = copy.deepcopy(REFERENCE[kind])
    raws: dict[str, str] = {}
    for path, value in (changes or {}).items():
        node = data
        for key in path[:-1]:
            node = node[key]
        if value is DELETE:
            del node[path[-1]]
        elif isinstance(value, Raw):
            marker = f"@@raw{len(raws)}@@"
            raws[f'"{marker}"'] = value.text
            node[path[-1]] = marker
        else:
            node[path[-1]] = value
    text = dump(data)
    for marker, raw in raws.items():
        assert text.count(marker.encode()) == 1
        text = text.replace(marker.encode(), raw.encode())
    return text


def replace_once(document: bytes, old: bytes, new: bytes) -> bytes:
    """``document`` with the single occurrence of ``old`` replaced by ``new``."""
    assert document.count(old) == 1, old
    return document.replace(old, new)


def measure(value: Any, unit: str = "percent") -> dict[str, Any]:
    """A measure object."""
    return {"value": value, "unit": unit}


CYRILLIC_E = "\u0435"  # looks like Latin "e"
NFD_QUOTE = "tỷ lệ hồ sơ đạt 98,26%".replace("ạ", "a\u0323").replace("ỷ", "y\u0309")
NFD_NAME = "Tỷ lệ hồ sơ trực tuyến".replace("ỷ", "y\u0309").replace("ự", "u\u031b\u0323")

# -- the cases -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    kind: str
    why: str
    data: bytes
    error: tuple[str, str]
    jsonschema: str


def cases() -> list[Case]:
    """The corpus, in order: one line per case, so the table is not reformatted."""
    # fmt: off
    c: list[Case] = []

    def add(
        name: str, kind: str, why: str, data: bytes, error: tuple[str, str], jsonschema: str
    ) -> None:
        c.append(Case(name, kind, why, data, error, jsonschema))

    # -- measure: malformed and locale-confused numbers ------------------------------------
    v = ("value",)
    for name, text, why, js in [
        ("comma-decimal", '"98,26"', 'Vietnamese decimal comma in "98,26"', "reject"),
        ("vi-grouping", '"1.234,5"', 'Vietnamese grouping and decimal comma "1.234,5"', "reject"),
        ("exponent-string", '"1e5"', 'exponent in the string form "1e5"', "reject"),
        ("nan-string", '"NaN"', 'the string "NaN"', "reject"),
        ("infinity-string", '"Infinity"', 'the string "Infinity"', "reject"),
        ("negative-zero-string", '"-0"', 'negative zero "-0"', "reject"),
        ("negative-zero-fraction-string", '"-0.0"', 'negative zero "-0.0"', "reject"),
        ("leading-space", '" 98.26"', 'a space before the number " 98.26"', "reject"),
        ("trailing-space", '"98.26 "', 'a space after the number "98.26 "', "reject"),
        ("plus-sign-string", '"+5"', 'a plus sign "+5"', "reject"),
        ("leading-dot-string", '".5"', 'no digit before the point ".5"', "reject"),
        ("trailing-dot-string", '"5."', 'no digit after the point "5."', "reject"),
        ("leading-zeros-string", '"007"', 'leading zeros "007"', "reject"),
        ("percent-sign-string", '"98.26%"', 'a percent sign in the value "98.26%"', "reject"),
        ("empty-string", '""', "an empty value string", "reject"),
        ("31-integer-digits", '"1' + "0" * 30 + '"', "31 digits before the point", "reject"),
        ("31-fraction-digits", '"0.' + "1" * 31 + '"', "31 digits after the point", "reject"),
        ("number-1e999", "1e999", "JSON number 1e999 overflows a double (infinity)", "reject"),
        ("number-1e15", "1e15", "JSON number 1e15, at the exactness limit 10^15", "reject"),
        ("number-2-pow-53", "9007199254740993", "JSON number >= 10^15 (2^53 + 1)", "reject"),
        ("number-too-precise", "0.1234567890123456789", "JSON number with 19 significant digits", "not-expressible"),
        ("number-16-digits-rounded", "98.26000000000001", "JSON number with 16 significant digits that a double reads as 98.26", "not-expressible"),
        ("number-underflow", "1e-400", "JSON number 1e-400, which a double reads as 0", "not-expressible"),
        ("number-31-fraction-digits", "1e-31", "JSON number 1e-31, 31 digits after the point", "not-expressible"),
        ("number-denormal", "5e-324", "JSON number 5e-324 (the smallest double)", "not-expressible"),
        ("nan-literal", "NaN", "NaN literal (not JSON)", "parse-error"),
        ("infinity-literal", "Infinity", "Infinity literal (not JSON)", "parse-error"),
        ("negative-infinity-literal", "-Infinity", "-Infinity literal (not JSON)", "parse-error"),
        ("plus-number", "+5", "JSON number with a plus sign +5 (not JSON)", "parse-error"),
        ("leading-dot-number", ".5", "JSON number .5 without a leading digit (not JSON)", "parse-error"),
        ("hex-number", "0x1F", "hexadecimal 0x1F (not JSON)", "parse-error"),
        ("value-true", "true", "a boolean for the value", "reject"),
        ("value-null", "null", "null for the required value", "reject"),
        ("value-array", '["98.26"]', "an array for the value", "reject"),
        ("value-object", '{"amount": "98.26"}', "an object for the value", "reject"),
    ]:
        if js == "parse-error":
            error = ("json_invalid", "(record)")
        elif name in ("number-too-precise", "number-16-digits-rounded", "number-underflow"):
            error = ("json_number", "value")  # checked against the JSON text, before the model
        else:
            error = ("decimal_format", "value")
        add(f"measure-{name}", "measure", why, doc("measure", {v: Raw(text)}), error, js)

    # -- measure: units and value rules -----------------------------------------------------
    for name, value, why, error in [
        ("unit-typo", measure("98.26", "percnt"), 'unknown unit "percnt"', ("literal_error", "unit")),
        ("unit-scale-word", measure("92", "million"), 'scale word "million" as a unit', ("literal_error", "unit")),
        ("unit-vietnamese", measure("92013.235", "triệu đồng"), 'Vietnamese words "triệu đồng" as a unit code', ("literal_error", "unit")),
        ("unit-symbol", measure("98.26", "%"), 'the symbol "%" as a unit code', ("literal_error", "unit")),
        ("unit-uppercase", measure("98.26", "PERCENT"), "unit code in uppercase", ("literal_error", "unit")),
        ("rank-zero", measure("0", "rank"), "rank 0 (ranks start at 1)", ("value_not_allowed_for_unit", "value")),
        ("rank-fraction", measure("20.5", "rank"), "fractional rank 20.5", ("value_not_allowed_for_unit", "value")),
        ("rank-negative", measure("-3", "rank"), "negative rank -3", ("value_not_allowed_for_unit", "value")),
        ("count-fraction", measure("2.5", "count"), "fractional count 2.5", ("value_not_allowed_for_unit", "value")),
        ("count-trailing-zero", measure("3.0", "count"), 'count written "3.0" (not a whole-number string)', ("value_not_allowed_for_unit", "value")),
    ]:
        add(f"measure-{name}", "measure", why, dump(value), error, "reject")
    add("measure-rank-number-fraction", "measure", "rank as the JSON number 20.5",
        doc("measure", {("value",): Raw("20.5"), ("unit",): "rank"}), ("value_not_allowed_for_unit", "value"), "reject")
    add("measure-missing-unit", "measure", "no unit", doc("measure", {("unit",): DELETE}), ("missing", "unit"), "reject")
    add("measure-missing-value", "measure", "no value", doc("measure", {("value",): DELETE}), ("missing", "value"), "reject")
    add("measure-extra-field", "measure", 'extra field "scale"', doc("measure", {("scale",): "million"}), ("extra_forbidden", "scale"), "reject")
    add("measure-unit-null", "measure", "null unit", doc("measure", {("unit",): None}), ("literal_error", "unit"), "reject")
    add("measure-unit-number", "measure", "a number for the unit", doc("measure", {("unit",): 1}), ("literal_error", "unit"), "reject")
    add("measure-top-level-array", "measure", "an array instead of an object", dump([MEASURE]), ("model_type", "(record)"), "reject")
    add("measure-trailing-newline", "measure", 'value "98.26\\n" with a trailing newline', doc("measure", {("value",): "98.26\n"}), ("decimal_format", "value"), "reject")
    add("measure-top-level-string", "measure", "a string instead of an object", dump("98.26 percent"), ("model_type", "(record)"), "reject")

    # -- actual ------------------------------------------------------------------------------
    def actual(changes: dict[tuple[Any, ...], Any]) -> bytes:
        return doc("actual", changes)

    quote = ("source", "quote")
    for name, changes, why, error, js in [
        ("negative-share", {("value",): measure("-5")}, "negative share of dossiers (-5%)", ("value_not_allowed_for_indicator", "value"), "reject"),
        ("negative-count", {("indicator",): "edoc-sent-count", ("value",): measure("-3", "count")}, "negative count of documents sent", ("value_not_allowed_for_indicator", "value"), "reject"),
        ("vnd-for-percent", {("value",): measure("98.26", "million_VND")}, "a share of dossiers in million_VND", ("unit_not_allowed_for_indicator", "value"), "reject"),
        ("percent-for-count", {("indicator",): "edoc-sent-count", ("value",): measure("50")}, "a count indicator in percent", ("unit_not_allowed_for_indicator", "value"), "reject"),
        ("usd-for-vnd", {("indicator",): "dx-spending", ("value",): measure("5", "million_USD")}, "a VND amount in million_USD (no silent currency conversion)", ("unit_not_allowed_for_indicator", "value"), "reject"),
        ("rank-zero", {("indicator",): "dti-rank", ("value",): measure("0", "rank")}, "DTI rank 0", ("value_not_allowed_for_unit", "value.value"), "reject"),
        ("rank-fraction", {("indicator",): "dti-rank", ("value",): measure("20.5", "rank")}, "DTI rank 20.5", ("value_not_allowed_for_unit", "value.value"), "reject"),
        ("count-fraction", {("indicator",): "edoc-sent-count", ("value",): measure("12.5", "count")}, "12.5 documents sent", ("value_not_allowed_for_unit", "value.value"), "reject"),
        ("comma-decimal", {("value", "value"): "98,26"}, 'value "98,26" with a decimal comma', ("decimal_format", "value.value"), "reject"),
        ("too-precise-number", {("value", "value"): Raw("12.345678901234567")}, "JSON number with 17 significant digits", ("json_number", "value.value"), "not-expressible"),
        ("unknown-indicator", {("indicator",): "online-filing"}, "indicator id not in the catalogue", ("unknown_id", "indicator"), "reject"),
        ("unknown-province", {("province",): "tuyen-qang"}, "misspelt province id", ("unknown_id", "province"), "reject"),
        ("cyrillic-province", {("province",): f"tuy{CYRILLIC_E}n-quang"}, "province id with a Cyrillic е (U+0435) for Latin e", ("unknown_id", "province"), "reject"),
        ("uppercase-province", {("province",): "Tuyen-Quang"}, "province id in uppercase", ("unknown_id", "province"), "reject"),
        ("underscore-province", {("province",): "tuyen_quang"}, "province id with an underscore", ("unknown_id", "province"), "reject"),
        ("vietnamese-province", {("province",): "Tuyên Quang"}, "province name instead of its id", ("unknown_id", "province"), "reject"),
        ("uppercase-id", {("id",): "TQ-A-2024"}, "record id in uppercase", ("string_pattern_mismatch", "id"), "reject"),
        ("underscore-id", {("id",): "tq_a_2024"}, "record id with underscores", ("string_pattern_mismatch", "id"), "reject"),
        ("cyrillic-id", {("id",): f"tuy{CYRILLIC_E}n-quang-a"}, "record id with a Cyrillic е", ("string_pattern_mismatch", "id"), "reject"),
        ("empty-id", {("id",): ""}, "empty record id", ("string_too_short", "id"), "reject"),
        ("long-id", {("id",): "a" * 121}, "record id of 121 characters (limit 120)", ("string_too_long", "id"), "reject"),
        ("period-1800", {("period",): 1800}, "year 1800, before 1945", ("period", "period"), "reject"),
        ("period-2200", {("period",): 2200}, "year 2200, after 2100", ("period", "period"), "reject"),
        ("period-feb-30", {("period",): "2025-02-30"}, "30 February", ("period", "period"), "reject"),
        ("period-feb-29-non-leap", {("period",): "2025-02-29"}, "29 February in a non-leap year", ("period", "period"), "reject"),
        ("period-month-13", {("period",): "2025-13"}, "month 13", ("period", "period"), "reject"),
        ("period-q5", {("period",): "2025-Q5"}, "quarter 5", ("period", "period"), "reject"),
        ("period-q0", {("period",): "2025-Q0"}, "quarter 0", ("period", "period"), "reject"),
        ("period-datetime", {("period",): "2025-03-26T00:00:00"}, "a datetime instead of a date", ("period", "period"), "reject"),
        ("period-vi-date", {("period",): "31/12/2024"}, "a date written the Vietnamese way 31/12/2024", ("period", "period"), "reject"),
        ("period-fractional-year", {("period",): Raw("2024.5")}, "year 2024.5", ("period", "period"), "reject"),
        ("period-year-1800-date", {("period",): "1800-01-01"}, "a date in 1800", ("period", "period"), "reject"),
        ("period-null", {("period",): None}, "null for the required period", ("period", "period"), "reject"),
        ("period-boolean", {("period",): True}, "a boolean for the period", ("period", "period"), "reject"),
        ("change-from-same-period", {("change_from",): 2024, ("value",): measure("0.11", "percentage_point")}, "change_from equal to the period (a change is from an earlier period)", ("change_from_not_before_period", "change_from"), "not-expressible"),
        ("change-from-after-period", {("change_from",): 2025, ("value",): measure("0.11", "percentage_point")}, "change_from after the period", ("change_from_not_before_period", "change_from"), "not-expressible"),
        ("qualifier-unknown", {("qualifier",): "about"}, 'unknown qualifier "about"', ("literal_error", "qualifier"), "reject"),
        ("level-unknown", {("level",): "ward"}, 'unknown administrative level "ward"', ("literal_error", "level"), "reject"),
        ("fraction-zero-denominator", {("fraction",): {"numerator": 7, "denominator": 0}}, "fraction with denominator 0", ("int_out_of_range", "fraction.denominator"), "reject"),
        ("fraction-part-larger-than-whole", {("fraction",): {"numerator": 13, "denominator": 7}}, "fraction 13/7: a part larger than its whole", ("fraction_exceeds_whole", "fraction"), "not-expressible"),
        ("fraction-fractional-numerator", {("fraction",): {"numerator": 6.5, "denominator": 7}}, "fraction with numerator 6.5", ("int_type", "fraction.numerator"), "reject"),
        ("fraction-string-numerator", {("fraction",): {"numerator": "7", "denominator": 7}}, 'fraction with the string "7" as numerator', ("int_type", "fraction.numerator"), "reject"),
        ("extra-top-level", {("comment",): "checked"}, 'extra field "comment" at the top level', ("extra_forbidden", "comment"), "reject"),
        ("extra-nested-measure", {("value", "scale"): "million"}, 'extra field "scale" in the measure', ("extra_forbidden", "value.scale"), "reject"),
        ("extra-nested-source", {("source", "page"): 3}, 'extra field "page" in the source', ("extra_forbidden", "source.page"), "reject"),
        ("missing-indicator", {("indicator",): DELETE}, "no indicator", ("missing", "indicator"), "reject"),
        ("missing-source", {("source",): DELETE}, "no source", ("missing", "source"), "reject"),
        ("missing-nested-quote", {quote: DELETE}, "source without its quote", ("missing", "source.quote"), "reject"),
        ("missing-nested-unit", {("value", "unit"): DELETE}, "measure without its unit", ("missing", "value.unit"), "reject"),
        ("string-for-object", {("source",): "60/KH-UBND"}, "a string for the source object", ("model_type", "source"), "reject"),
        ("number-for-string", {("indicator",): 5}, "a number for the indicator id", ("unknown_id", "indicator"), "reject"),
        ("number-for-id", {("id",): 5}, "a number for the record id", ("string_type", "id"), "reject"),
        ("null-required", {("indicator",): None}, "null for the required indicator", ("unknown_id", "indicator"), "reject"),
        ("boolean-for-number", {("value", "value"): True}, "a boolean for the value", ("decimal_format", "value.value"), "reject"),
        ("array-for-object", {("value",): ["98.26", "percent"]}, "an array for the measure object", ("model_type", "value"), "reject"),
        ("quote-empty", {quote: ""}, "empty quote", ("string_too_short", "source.quote"), "reject"),
        ("quote-too-long", {quote: "đạt " * 251}, "quote of 1004 characters (limit 1000)", ("string_too_long", "source.quote"), "reject"),
        ("quote-nfd", {quote: NFD_QUOTE}, "quote in NFD (decomposed) Vietnamese", ("string_pattern_mismatch", "source.quote"), "reject"),
        ("quote-bell", {quote: "đạt\u000798,26%"}, "U+0007 (bell) escaped inside the quote", ("string_pattern_mismatch", "source.quote"), "reject"),
        ("quote-escaped-newline", {quote: "đạt\n98,26%"}, "an escaped newline \\n inside the quote", ("string_pattern_mismatch", "source.quote"), "reject"),
        ("quote-delete-char", {quote: "đạt\u007f98,26%"}, "U+007F (delete) inside the quote", ("string_pattern_mismatch", "source.quote"), "reject"),
        ("url-javascript", {("source", "url"): "javascript:alert(1)"}, "a javascript: URL", ("string_pattern_mismatch", "source.url"), "reject"),
        ("url-with-space", {("source", "url"): "https://example.vn/a b"}, "a URL with a space", ("string_pattern_mismatch", "source.url"), "reject"),
        ("file-path-traversal", {("source", "file"): "../../etc/passwd"}, "a file name that is a path out of the directory", ("string_pattern_mismatch", "source.file"), "reject"),
        ("document-uppercase", {("source", "document"): "TQ-60"}, "source document id in uppercase", ("string_pattern_mismatch", "source.document"), "reject"),
        ("cites-not-a-number", {("source", "cites"): "kế hoạch 60"}, "cites is not a document number", ("string_pattern_mismatch", "source.cites"), "reject"),
        ("url-next-line", {("source", "url"): "https://example.vn/a\u0085b"}, "a URL with U+0085 (next line), a Unicode space", ("string_pattern_mismatch", "source.url"), "reject"),
        ("id-trailing-newline", {("id",): "tuyen-quang-a-2024\n"}, "record id with a trailing newline", ("string_pattern_mismatch", "id"), "reject"),
        ("quote-trailing-newline", {quote: "đạt 98,26%\n"}, "quote ending in an escaped newline", ("string_pattern_mismatch", "source.quote"), "reject"),
        ("period-trailing-newline", {("period",): "2024-Q4\n"}, "period with a trailing newline", ("period", "period"), "reject"),
        ("file-trailing-newline", {("source", "file"): "003.txt\n"}, "file name with a trailing newline", ("string_pattern_mismatch", "source.file"), "reject"),
    ]:
        add(f"actual-{name}", "actual", why, actual(changes), error, js)

    # -- target ------------------------------------------------------------------------------
    def target(changes: dict[tuple[Any, ...], Any]) -> bytes:
        return doc("target", changes)

    dti = {("indicator",): "dti-rank", ("comparator",): "le"}
    for name, changes, why, error, js in [
        ("comparator-gte", {("comparator",): "gte"}, 'comparator "gte" (the code is "ge")', ("literal_error", "comparator"), "reject"),
        ("comparator-symbol", {("comparator",): ">="}, 'comparator ">=" (the code is "ge")', ("literal_error", "comparator"), "reject"),
        ("comparator-vietnamese", {("comparator",): "tối thiểu"}, 'comparator in words "tối thiểu"', ("literal_error", "comparator"), "reject"),
        ("comparator-null", {("comparator",): None}, "null comparator", ("literal_error", "comparator"), "reject"),
        ("missing-comparator", {("comparator",): DELETE}, "no comparator", ("missing", "comparator"), "reject"),
        ("between-without-upper", {("comparator",): "between"}, "between without upper", ("upper_required", "upper"), "reject"),
        ("between-upper-null", {("comparator",): "between", ("upper",): None}, "between with a null upper", ("upper_required", "upper"), "reject"),
        ("between-reversed", {("comparator",): "between", ("value",): measure("90"), ("upper",): measure("80")}, "between with lower 90% > upper 80%", ("range_reversed", "upper"), "not-expressible"),
        ("between-reversed-across-scales", {("indicator",): "dx-spending", ("comparator",): "between", ("value",): measure("2", "billion_VND"), ("upper",): measure("1500", "million_VND")}, "between 2 tỷ and 1.500 triệu đồng (lower > upper after conversion)", ("range_reversed", "upper"), "not-expressible"),
        ("upper-on-ge", {("upper",): measure("90")}, "upper on a ge target", ("upper_not_allowed", "upper"), "reject"),
        ("between-upper-wrong-unit", {("comparator",): "between", ("upper",): measure("90", "VND")}, "between with an upper bound in VND for a share", ("unit_not_allowed_for_indicator", "upper"), "reject"),
        ("rank-zero", {**dti, ("value",): measure("0", "rank")}, "top-0 DTI rank", ("value_not_allowed_for_unit", "value.value"), "reject"),
        ("rank-fraction", {**dti, ("value",): measure("20.5", "rank")}, "DTI rank 20.5", ("value_not_allowed_for_unit", "value.value"), "reject"),
        ("rank-in-percent", {**dti, ("value",): measure("20")}, "DTI rank target in percent", ("unit_not_allowed_for_indicator", "value"), "reject"),
        ("negative-share", {("value",): measure("-80")}, "negative share target", ("value_not_allowed_for_indicator", "value"), "reject"),
        ("vnd-for-percent", {("value",): measure("80", "VND")}, "share target in VND", ("unit_not_allowed_for_indicator", "value"), "reject"),
        ("percent-for-vnd", {("indicator",): "dx-spending", ("value",): measure("80")}, "spending target (VND) in percent", ("unit_not_allowed_for_indicator", "value"), "reject"),
        ("negative-spending", {("indicator",): "dx-spending", ("value",): measure("-100", "million_VND")}, "negative spending target", ("value_not_allowed_for_indicator", "value"), "reject"),
        ("count-fraction", {("indicator",): "station-5g-count", ("value",): measure("150.5", "count")}, "150.5 5G stations", ("value_not_allowed_for_unit", "value.value"), "reject"),
        ("growth-baseline-rate", {("indicator",): "labour-productivity-growth", ("value",): measure("7", "percent_per_year"), ("baseline",): {"value": measure("5", "percent_per_year"), "period": 2020}}, "growth target whose baseline is a rate, not a level", ("baseline_is_a_rate", "baseline"), "reject"),
        ("growth-in-percent", {("indicator",): "labour-productivity-growth", ("value",): measure("7")}, "growth-rate target in percent instead of percent_per_year", ("unit_not_allowed_for_indicator", "value"), "reject"),
        ("baseline-negative", {("baseline",): {"value": measure("-1"), "period": 2020}}, "negative baseline share", ("value_not_allowed_for_indicator", "baseline"), "reject"),
        ("due-1800", {("due",): 1800}, "due in 1800", ("period", "due"), "reject"),
        ("due-2200", {("due",): 2200}, "due in 2200", ("period", "due"), "reject"),
        ("due-datetime", {("due",): "2025-06-30T00:00:00"}, "due as a datetime", ("period", "due"), "reject"),
        ("due-feb-30", {("due",): "2025-02-30"}, "due on 30 February", ("period", "due"), "reject"),
        ("due-string-words", {("due",): "năm 2025"}, 'due in words "năm 2025"', ("period", "due"), "reject"),
        ("unknown-indicator", {("indicator",): "online-filing-share"}, "indicator id not in the catalogue", ("unknown_id", "indicator"), "reject"),
        ("cyrillic-indicator", {("indicator",): f"onlin{CYRILLIC_E}-filing-rate"}, "indicator id with a Cyrillic е", ("unknown_id", "indicator"), "reject"),
        ("underscore-indicator", {("indicator",): "online_filing_rate"}, "indicator id with underscores", ("unknown_id", "indicator"), "reject"),
        ("unknown-province", {("province",): "ha-noi-city"}, "province id not in the codelist", ("unknown_id", "province"), "reject"),
        ("level-unknown", {("level",): "ward"}, 'unknown administrative level "ward"', ("literal_error", "level"), "reject"),
        ("extra-top-level", {("status",): "achieved"}, 'extra field "status"', ("extra_forbidden", "status"), "reject"),
        ("extra-nested-baseline", {("baseline",): {"value": measure("70"), "period": 2020, "note": "x"}}, 'extra field "note" in the baseline', ("extra_forbidden", "baseline.note"), "reject"),
        ("missing-nested-value", {("value", "value"): DELETE}, "threshold without its value", ("missing", "value.value"), "reject"),
        ("baseline-missing-period", {("baseline",): {"value": measure("70")}}, "baseline without its period", ("missing", "baseline.period"), "reject"),
        ("value-string", {("value",): "80%"}, 'a string "80%" for the threshold object', ("model_type", "value"), "reject"),
        ("source-array", {("source",): [SOURCE]}, "an array for the source object", ("model_type", "source"), "reject"),
        ("note-number", {("note",): 80}, "a number for the note", ("string_type", "note"), "reject"),
        ("clause-nfd", {("source", "clause"): "Phần II".replace("ầ", "a\u0302\u0300")}, "clause in NFD (decomposed) Vietnamese", ("string_pattern_mismatch", "source.clause"), "reject"),
    ]:
        add(f"target-{name}", "target", why, target(changes), error, js)

    # -- plan --------------------------------------------------------------------------------
    def plan(changes: dict[tuple[Any, ...], Any]) -> bytes:
        return doc("plan", changes)

    t0, a0, b0, r0 = ("targets", 0), ("actuals", 0), ("budgets", 0), ("responsibilities", 0)
    other_target = {**TARGET, "id": "tuyen-quang-t-online-filing-rate-2030", "due": 2030}
    for name, changes, why, error, js in [
        ("due-before-issued", {(*t0, "due"): 2024}, "a target due in 2024 in a plan issued on 2025-03-26", ("due_before_issued", "(record)"), "not-expressible"),
        ("due-day-before-issued", {(*t0, "due"): "2025-03-25"}, "a target due the day before the plan was issued", ("due_before_issued", "(record)"), "not-expressible"),
        ("effective-before-issued", {("effective",): "2025-03-01"}, "effective 2025-03-01 before issued 2025-03-26", ("effective_before_issued", "(record)"), "not-expressible"),
        ("target-other-province", {(*t0, "province"): "tra-vinh"}, "a target for Trà Vinh in Tuyên Quang's plan", ("province_mismatch", "(record)"), "not-expressible"),
        ("actual-other-province", {(*a0, "province"): "nam-dinh"}, "an actual for Nam Định in Tuyên Quang's plan", ("province_mismatch", "(record)"), "not-expressible"),
        ("duplicate-target-ids", {("targets",): [TARGET, {**other_target, "id": TARGET["id"]}]}, "two targets with the same id", ("duplicate_id", "(record)"), "not-expressible"),
        ("duplicate-actual-ids", {("actuals",): [ACTUAL, {**ACTUAL, "period": 2023}]}, "two actuals with the same id", ("duplicate_id", "(record)"), "not-expressible"),
        ("period-reversed", {("period",): {"start": 2025, "end": 2021}}, "plan period 2025-2021 (start after end)", ("range_reversed", "period"), "not-expressible"),
        ("period-year-1800", {("period",): {"start": 1800, "end": 2025}}, "plan period starting in 1800", ("int_out_of_range", "period.start"), "reject"),
        ("period-fractional-year", {("period",): {"start": 2021, "end": 2025.5}}, "plan period ending in 2025.5", ("int_type", "period.end"), "reject"),
        ("issued-1800", {("issued",): "1800-01-01", ("effective",): "1800-01-01"}, "issued in 1800", ("date_out_of_range", "issued"), "reject"),
        ("issued-2200", {("issued",): "2200-01-01", ("effective",): DELETE, ("targets",): []}, "issued in 2200", ("date_out_of_range", "issued"), "reject"),
        ("issued-feb-30", {("issued",): "2025-02-30"}, "issued on 30 February", ("date_invalid", "issued"), "reject"),
        ("issued-month-13", {("issued",): "2025-13-01"}, "issued in month 13", ("date_format", "issued"), "reject"),
        ("issued-datetime", {("issued",): "2025-03-26T00:00:00"}, "issued as a datetime", ("date_format", "issued"), "reject"),
        ("issued-vi-date", {("issued",): "26/03/2025"}, "issued written the Vietnamese way 26/03/2025", ("date_format", "issued"), "reject"),
        ("issued-unpadded", {("issued",): "2025-3-26"}, "issued without zero padding 2025-3-26", ("date_format", "issued"), "reject"),
        ("period-year-string", {("period",): {"start": "2025", "end": 2025}}, 'plan period start as the string "2025"', ("int_type", "period.start"), "reject"),
        ("duplicate-budget-ids", {("budgets",): [BUDGET, BUDGET]}, "two budgets with the same id", ("duplicate_id", "(record)"), "not-expressible"),
        ("issued-year-only", {("issued",): 2025}, "issued as a bare year", ("date_format", "issued"), "reject"),
        ("unknown-issuer", {("issuer",): "tuyen-quang-ubnd-tinh"}, "issuing agency not in the codelist", ("unknown_id", "issuer"), "reject"),
        ("unknown-agency-in-responsibility", {(*r0, "agency"): "tuyen-quang-so-tttt"}, "responsible agency not in the codelist", ("unknown_id", "responsibilities.0.agency"), "reject"),
        ("unknown-partner", {(*r0, "partners"): ["tuyen-quang-so-khoa-hoc"]}, "partner agency not in the codelist", ("unknown_id", "responsibilities.0.partners.0"), "reject"),
        ("unknown-pillar", {("pillars",): ["digital-government", "digital-economics"]}, "pillar id not in the codelist", ("unknown_id", "pillars.1"), "reject"),
        ("cyrillic-province", {("province",): f"tuy{CYRILLIC_E}n-quang"}, "plan province with a Cyrillic е", ("unknown_id", "province"), "reject"),
        ("role-unknown", {(*r0, "role"): "chủ trì"}, 'role in words "chủ trì" (the code is "lead")', ("literal_error", "responsibilities.0.role"), "reject"),
        ("kind-unknown", {("kind",): "ke-hoach"}, 'plan kind "ke-hoach"', ("literal_error", "kind"), "reject"),
        ("number-with-space", {("number",): "60 / KH-UBND"}, "document number with spaces", ("string_pattern_mismatch", "number"), "reject"),
        ("number-trailing-newline", {("number",): "60/KH-UBND\n"}, "document number with a trailing newline", ("string_pattern_mismatch", "number"), "reject"),
        ("documents-empty", {("documents",): []}, "no source documents", ("too_short", "documents"), "reject"),
        ("budget-line-in-percent", {(*b0, "lines", 0, "amount"): measure("74.6")}, "a budget line in percent instead of VND", ("money_unit_required", "budgets.0.lines.0.amount"), "reject"),
        ("budget-total-in-count", {(*b0, "total"): measure("92013", "count")}, "a budget total as a count", ("money_unit_required", "budgets.0.total"), "reject"),
        ("negative-budget-line", {(*b0, "lines", 0, "amount", "value"): "-68673.618"}, "a negative budget line", ("money_negative", "budgets.0.lines.0.amount"), "reject"),
        ("negative-budget-total", {(*b0, "total", "value"): "-92013.235"}, "a negative budget total", ("money_negative", "budgets.0.total"), "reject"),
        ("budget-amount-vi-decimal", {(*b0, "lines", 0, "amount", "value"): "68.673,618"}, 'budget amount "68.673,618" in Vietnamese notation', ("decimal_format", "budgets.0.lines.0.amount.value"), "reject"),
        ("budget-funding-unknown", {(*b0, "lines", 0, "funding"): "ngân sách"}, 'funding source in words "ngân sách"', ("literal_error", "budgets.0.lines.0.funding"), "reject"),
        ("title-string", {("title",): "Kế hoạch chuyển đổi số"}, "a string for the title object", ("model_type", "title"), "reject"),
        ("title-nfd", {("title", "vi"): NFD_NAME}, "title in NFD (decomposed) Vietnamese", ("string_pattern_mismatch", "title.vi"), "reject"),
        ("targets-object", {("targets",): TARGET}, "an object for the targets array", ("list_type", "targets"), "reject"),
        ("nested-target-missing-value", {(*t0, "value"): DELETE}, "a target without its threshold", ("missing", "targets.0.value"), "reject"),
        ("nested-extra-field", {(*b0, "lines", 0, "currency"): "VND"}, 'extra field "currency" in a budget line', ("extra_forbidden", "budgets.0.lines.0.currency"), "reject"),
        ("nested-target-comparator", {(*t0, "comparator"): ">="}, 'a target comparator ">="', ("literal_error", "targets.0.comparator"), "reject"),
        ("nested-actual-nan-string", {(*a0, "value", "value"): "NaN"}, 'an actual value "NaN"', ("decimal_format", "actuals.0.value.value"), "reject"),
        ("missing-province", {("province",): DELETE}, "no province", ("missing", "province"), "reject"),
        ("null-province-basis", {("province_basis",): None}, "null province_basis", ("literal_error", "province_basis"), "reject"),
    ]:
        add(f"plan-{name}", "plan", why, plan(changes), error, js)

    # -- indicator ---------------------------------------------------------------------------
    def indicator(changes: dict[tuple[Any, ...], Any]) -> bytes:
        return doc("indicator", changes)

    for name, changes, why, error, js in [
        ("unknown-pillar", {("pillar",): "e-government"}, "pillar id not in the codelist", ("unknown_id", "pillar"), "reject"),
        ("cyrillic-pillar", {("pillar",): f"digital-gov{CYRILLIC_E}rnment"}, "pillar id with a Cyrillic е", ("unknown_id", "pillar"), "reject"),
        ("uppercase-id", {("id",): "Online-Filing-Rate"}, "indicator id in uppercase", ("string_pattern_mismatch", "id"), "reject"),
        ("underscore-id", {("id",): "online_filing_rate"}, "indicator id with underscores", ("string_pattern_mismatch", "id"), "reject"),
        ("trailing-hyphen-id", {("id",): "online-filing-rate-"}, "indicator id ending in a hyphen", ("string_pattern_mismatch", "id"), "reject"),
        ("unit-typo", {("unit",): "percnt"}, 'unknown unit "percnt"', ("literal_error", "unit"), "reject"),
        ("unit-kind-mismatch", {("unit",): "million_VND"}, "a ratio indicator measured in million_VND", ("unit_kind_mismatch", "(record)"), "reject"),
        ("rank-in-percent", {("kind",): "rank", ("direction",): "lower_is_better"}, "a rank indicator with the unit percent", ("unit_kind_mismatch", "(record)"), "reject"),
        ("kind-unknown", {("kind",): "share"}, 'indicator kind "share"', ("literal_error", "kind"), "reject"),
        ("direction-unknown", {("direction",): "up"}, 'direction "up"', ("literal_error", "direction"), "reject"),
        ("name-nfd", {("name", "vi"): NFD_NAME}, "Vietnamese name in NFD (decomposed) form", ("string_pattern_mismatch", "name.vi"), "reject"),
        ("name-missing-en", {("name", "en"): DELETE}, "name without its English form", ("missing", "name.en"), "reject"),
        ("definition-string", {("definition",): "Tỷ lệ hồ sơ"}, "a string for the definition object", ("model_type", "definition"), "reject"),
        ("missing-definition", {("definition",): DELETE}, "no definition", ("missing", "definition"), "reject"),
        ("alias-empty", {("aliases",): [""]}, "an empty alias", ("string_too_short", "aliases.0"), "reject"),
        ("alias-control-char", {("aliases",): ["hồ sơ\u0007"]}, "U+0007 in an alias", ("string_pattern_mismatch", "aliases.0"), "reject"),
        ("aliases-string", {("aliases",): "hồ sơ nộp trực tuyến"}, "a string for the aliases array", ("list_type", "aliases"), "reject"),
        ("parts-uppercase", {("parts",): ["Full-Online"]}, "a part id in uppercase", ("string_pattern_mismatch", "parts.0"), "reject"),
        ("extra-nested", {("name", "zh"): "在线"}, 'extra field "zh" in the names', ("extra_forbidden", "name.zh"), "reject"),
    ]:
        add(f"indicator-{name}", "indicator", why, indicator(changes), error, js)

    # -- Unicode and encoding ------------------------------------------------------------------
    actual_doc = doc("actual")
    quote_bytes = json.dumps(SOURCE["quote"], ensure_ascii=False).encode()
    for kind, name, data, why, error, js in [
        ("actual", "lone-high-surrogate", replace_once(actual_doc, quote_bytes, b'"\\ud800 98,26%"'), 'lone surrogate escape "\\ud800" in the quote', ("json_invalid", "(record)"), "not-expressible"),
        ("actual", "lone-low-surrogate", replace_once(actual_doc, quote_bytes, b'"\\udc00"'), 'lone low surrogate escape "\\udc00" in the quote', ("json_invalid", "(record)"), "not-expressible"),
        ("actual", "raw-control-char", replace_once(actual_doc, quote_bytes, '"đạt\x0798,26%"'.encode()), "a raw U+0007 byte inside a string (not JSON)", ("json_invalid", "(record)"), "parse-error"),
        ("actual", "raw-tab", replace_once(actual_doc, quote_bytes, '"đạt\t98,26%"'.encode()), "a raw tab inside a string (not JSON)", ("json_invalid", "(record)"), "parse-error"),
        ("actual", "nul-byte", replace_once(actual_doc, quote_bytes, b'"\x00"'), "a raw NUL byte inside a string (not JSON)", ("json_invalid", "(record)"), "parse-error"),
        ("actual", "empty-document", b"", "an empty document", ("json_empty", "(record)"), "parse-error"),
        ("measure", "whitespace-only-document", b"  \t ", "a document of blanks only", ("json_empty", "(record)"), "parse-error"),
        ("actual", "raw-newline-in-string", replace_once(actual_doc, quote_bytes, '"đạt\n98,26%"'.encode()), "a raw newline inside a string (not JSON)", ("json_invalid", "(record)"), "parse-error"),
        ("actual", "bom", b"\xef\xbb\xbf" + actual_doc, "a UTF-8 byte-order mark before the document", ("json_bom", "(record)"), "not-expressible"),
        ("measure", "bom", b"\xef\xbb\xbf" + doc("measure"), "a UTF-8 byte-order mark before the document", ("json_bom", "(record)"), "not-expressible"),
        ("actual", "invalid-utf8", replace_once(actual_doc, quote_bytes, b'"\xff\xfe 98,26%"'), "invalid UTF-8 bytes FF FE inside the quote", ("json_invalid", "(record)"), "parse-error"),
        ("actual", "latin1-encoded", replace_once(actual_doc, quote_bytes, '"đạt 98,26%"'.encode().replace("đ".encode(), b"\xf0")), "a Latin-1 byte F0 (not UTF-8) inside the quote", ("json_invalid", "(record)"), "parse-error"),
        ("actual", "overlong-utf8", replace_once(actual_doc, quote_bytes, b'"\xc0\xae"'), "overlong UTF-8 encoding C0 AE of '.'", ("json_invalid", "(record)"), "parse-error"),
        ("actual", "utf8-encoded-surrogate", replace_once(actual_doc, quote_bytes, b'"\xed\xa0\x80"'), "a surrogate encoded in UTF-8 (ED A0 80, CESU-8)", ("json_invalid", "(record)"), "not-expressible"),
        ("target", "utf16", json.dumps(TARGET, ensure_ascii=False).encode("utf-16"), "the document in UTF-16 (with its BOM)", ("json_invalid", "(record)"), "not-expressible"),
        ("indicator", "name-control-char", doc("indicator", {("name", "en"): "Share\u0007"}), "U+0007 in the English name", ("string_pattern_mismatch", "name.en"), "reject"),
    ]:
        add(f"{kind}-{name}", kind, why, data, error, js)

    # -- JSON syntax ------------------------------------------------------------------------------
    target_doc, plan_doc = doc("target"), doc("plan")
    for kind, name, data, why, error, js in [
        ("measure", "duplicate-key", b'{"value": "98.26", "unit": "percent", "value": "9.826"}', "duplicate key value at the top level", ("duplicate_key", "(record)"), "not-expressible"),
        ("actual", "duplicate-key-top", replace_once(actual_doc, b'"period": 2024,', b'"period": 2024,\n  "period": 2023,'), "duplicate key period at the top level", ("duplicate_key", "(record)"), "not-expressible"),
        ("actual", "duplicate-key-nested", replace_once(actual_doc, b'"unit": "percent"', b'"unit": "million_VND",\n    "unit": "percent"'), "duplicate key unit in the measure (million_VND, then percent)", ("duplicate_key", "(record)"), "not-expressible"),
        ("target", "duplicate-key-comparator", replace_once(target_doc, b'"comparator": "ge",', b'"comparator": "le",\n  "comparator": "ge",'), "duplicate key comparator (le, then ge)", ("duplicate_key", "(record)"), "not-expressible"),
        ("plan", "duplicate-key-nested", replace_once(plan_doc, b'"due": 2025,', b'"due": 2025,\n      "due": 2030,'), "duplicate key due inside a target of the plan", ("duplicate_key", "(record)"), "not-expressible"),
        ("indicator", "duplicate-key", replace_once(doc("indicator"), b'"kind": "ratio",', b'"kind": "count",\n  "kind": "ratio",'), "duplicate key kind (count, then ratio)", ("duplicate_key", "(record)"), "not-expressible"),
        ("actual", "truncated", actual_doc[: len(actual_doc) // 2], "the document cut off in the middle", ("json_invalid", "(record)"), "parse-error"),
        ("plan", "truncated", plan_doc[:-1], "the plan without its final brace", ("json_invalid", "(record)"), "parse-error"),
        ("measure", "truncated-in-string", b'{"value": "98.2', "the document cut off inside a string", ("json_invalid", "(record)"), "parse-error"),
        ("actual", "trailing-garbage", actual_doc + b" xyz", "text after the document", ("json_invalid", "(record)"), "parse-error"),
        ("target", "two-documents", target_doc + target_doc, "two documents one after the other", ("json_invalid", "(record)"), "parse-error"),
        ("measure", "trailing-comma", b'{"value": "98.26", "unit": "percent",}', "a trailing comma", ("json_invalid", "(record)"), "parse-error"),
        ("measure", "single-quotes", b"{'value': '98.26', 'unit': 'percent'}", "single-quoted strings (not JSON)", ("json_invalid", "(record)"), "parse-error"),
        ("measure", "comment", b'{"value": "98.26", // ty le\n "unit": "percent"}', "a // comment (not JSON)", ("json_invalid", "(record)"), "parse-error"),
        ("measure", "unquoted-key", b'{value: "98.26", unit: "percent"}', "unquoted keys (not JSON)", ("json_invalid", "(record)"), "parse-error"),
        ("actual", "top-level-array", dump([ACTUAL]), "an array of actuals instead of one actual", ("model_type", "(record)"), "reject"),
        ("target", "top-level-array", dump([TARGET]), "an array of targets instead of one target", ("model_type", "(record)"), "reject"),
        ("plan", "top-level-array", dump([PLAN]), "an array holding the plan instead of the plan", ("model_type", "(record)"), "reject"),
        ("indicator", "top-level-array", dump([INDICATOR]), "the catalogue form (an array) instead of one indicator", ("model_type", "(record)"), "reject"),
        ("actual", "top-level-null", b"null", "null instead of an object", ("model_type", "(record)"), "reject"),
        ("target", "empty-object", b"{}", "an empty object", ("missing", "id"), "reject"),
    ]:
        add(f"{kind}-{name}", kind, why, data, error, js)
    # fmt: on
    return c


def write() -> None:
    """Write every case's file and cases.json; remove files of cases no longer in the table."""
    table = cases()
    names = [case.name for case in table]
    assert len(set(names)) == len(names), "case names must be unique"
    wanted = {f"{case.name}.json" for case in table}
    for stale in HERE.glob("*.json"):
        if stale.name != "cases.json" and stale.name not in wanted:
            stale.unlink()
    entries = []
    for case in table:
        file = f"{case.name}.json"
        (HERE / file).write_bytes(case.data)
        entries.append(
            {
                "name": case.name,
                "kind": case.kind,
                "file": file,
                "error": {"type": case.error[0], "path": case.error[1]},
                "jsonschema": case.jsonschema,
                "why": case.why,
            }
        )
    text = json.dumps(entries, ensure_ascii=False, indent=2) + "\n"
    (HERE / "cases.json").write_text(text, encoding="utf-8")
    print(f"{len(entries)} cases written to {HERE}", file=sys.stderr)


if __name__ == "__main__":
    write()
