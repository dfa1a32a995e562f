"""From a whole plan or report to a :class:`~sodoan.Plan`: :func:`extract`.

The document's outline (:mod:`~sodoan.parsing.outline`) gives every line its clause path and
what its headings say (results or targets, and the year); each sentence is then read by the
sentence parser, with the heading's year as the default. A line outside any such heading is
read by the words in it: the nearest target word ("mục tiêu", "phấn đấu") or result word
("đã", "hiện có") before a figure decides, else what most of the document's figures are.

A result needs a period: its own ("năm 2024", "Đến hết ngày 31/12/2024"), else "đến nay" (the
document's date), else an earlier sentence of its paragraph, else its heading's year, else
``as_of``. A target whose text and headings state no year is kept without a due date (the
source does not say). Budget statements ("Tổng kinh phí ... là: 92.013,235 triệu đồng, trong
đó:") become budgets, with the money lines that follow them as lines.

Nothing is guessed: a figure without an indicator, a result without a year, a figure that is
not a level ("đạt 79% kế hoạch"), and a record the models reject go to the review list with
the reason, the quote and the offsets.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from pydantic import ValidationError

from sodoan.catalogue import Catalogue
from sodoan.errors import ParseError
from sodoan.measure import Measure
from sodoan.model.plan import Plan
from sodoan.parsing.api import (
    MAX_TEXT_LENGTH,
    ParsedActual,
    ParsedTarget,
    Reading,
    read_figures,
)
from sodoan.parsing.budgets import BudgetReader
from sodoan.parsing.facts import as_of_period, plan_facts, province_of, slug
from sodoan.parsing.lexicon import lexicon
from sodoan.parsing.outline import Block, Mode, document_date, outline
from sodoan.parsing.review import Extraction, ReviewItem, ReviewReason
from sodoan.parsing.text import alternation, fold, vi
from sodoan.parsing.when import find_whens
from sodoan.period import Period

__all__ = ["extract"]

#: A quote longer than this is cut to the clause (between ";") holding the figure.
_MAX_QUOTE: Final = 300
_SENTENCE_END_RE: Final = re.compile(r"[.!?…]+(?=\s|$)")
_SKIPPED: Final[dict[str, ReviewReason]] = {
    "compared": "not-a-level",
    "bare": "no-unit",
    "range": "range",
    "quoted-target": "quoted-target",
}


@dataclass
class _Cues:
    targets: re.Pattern[str]
    results: re.Pattern[str]
    now: re.Pattern[str]
    present: re.Pattern[str]


def _cues() -> _Cues:
    words = lexicon()

    def pattern(phrases: Sequence[str]) -> re.Pattern[str]:
        return vi(r"(?<!\w)" + alternation(phrases) + r"(?!\w)")

    return _Cues(
        pattern(words.target_cue_words),
        pattern(words.result_cue_words),
        pattern(words.now_words),
        pattern(words.present_words),
    )


def _titles() -> re.Pattern[str]:
    """Capitalised words that begin the name of a cited document."""
    words = [w[0].upper() + w[1:] for w in lexicon().title_words]
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


@dataclass
class _Sentence:
    """A sentence of a block: its span in the document and the year carried into it."""

    start: int
    end: int
    carried: Period | None


@dataclass
class _Found:
    """A figure read (as a target, a result, or both until its mode is known), before it
    becomes a record or a review item."""

    mode: Mode | None
    readings: dict[Mode, Reading]
    block: Block
    sentence: _Sentence

    @property
    def reading(self) -> Reading:
        if self.mode is not None and self.mode in self.readings:
            return self.readings[self.mode]
        return self.readings.get("actual") or self.readings["target"]


@dataclass
class _Extractor:
    text: str
    low: str
    province: str
    document: str
    plan_id: str
    file: str | None
    as_of: Period | None
    stated_as_of: bool
    catalogue: Catalogue
    cues: _Cues = field(default_factory=_cues)
    titles: re.Pattern[str] = field(default_factory=lambda: _titles())
    review: list[ReviewItem] = field(default_factory=list)
    counters: Counter[str] = field(default_factory=Counter)

    # -- reading ---------------------------------------------------------------------------

    def sentences(self, block: Block) -> list[_Sentence]:
        """The sentences of a block, each with the last year an earlier one stated."""
        found: list[_Sentence] = []
        start = block.start
        carried: Period | None = None
        bounds = [m.end() for m in _SENTENCE_END_RE.finditer(self.text, block.start, block.end)]
        for end in [*bounds, block.end]:
            if end <= start:
                continue
            for piece_start in range(start, end, MAX_TEXT_LENGTH):
                piece_end = min(end, piece_start + MAX_TEXT_LENGTH)
                if self.text[piece_start:piece_end].strip():
                    found.append(_Sentence(piece_start, piece_end, carried))
            years = [
                w.period
                for w in find_whens(self.low[start:end], bytearray(end - start))
                if w.role == "at" and w.period is not None and not self.in_title(start + w.start)
            ]
            if years:
                carried = Period(years[-1].year)
            start = end
        return found

    def in_title(self, position: int) -> bool:
        """Whether a year stands in the name of a cited document ("Kế hoạch phát triển
        Thương mại điện tử giai đoạn 2020-2025"): a capitalised title word before it in its
        clause."""
        lo = max(self.text.rfind(c, max(0, position - 120), position) for c in ",;:.\n")
        return self.titles.search(self.text, max(lo, position - 120), position) is not None

    def read(
        self, block: Block, sentence: _Sentence, mode: Mode, prefix: str = ""
    ) -> list[Reading]:
        """The figures of a sentence; ``prefix`` is context read before it (the clause a
        footnote explains, the sentence before), whose own figures are not returned."""
        default = sentence.carried or block.year
        readings = read_figures(
            prefix + self.text[sentence.start : sentence.end],
            mode,
            default_year=default.year if mode == "target" and default else None,
            catalogue=self.catalogue,
        )
        shift = sentence.start - len(prefix)
        return [
            Reading(r.start + shift, r.end + shift, r.item, r.skipped)
            for r in readings
            if r.start >= len(prefix)
        ]

    def context(self, block: Block, sentence: _Sentence, previous: _Sentence | None) -> str:
        """What a sentence continues: the sentence before it in its line, or for a footnote
        the clause of the body that cites it; numbers blanked, so it adds words, not figures."""
        if previous is not None:
            start, end = previous.start, previous.end
        elif block.cited is not None:
            start, end = block.cited
        else:
            return ""
        words = re.sub(r"[0-9]", " ", self.text[start:end]).replace("\n", " ")
        return re.sub(r"[.!?…;]+\s*$", "", words.rstrip()) + ", "

    def resolved(
        self, block: Block, sentence: _Sentence, previous: _Sentence | None, mode: Mode
    ) -> list[Reading]:
        """The figures of a sentence; those without an indicator are read again with the
        sentence's context before them ("... xếp hạng chuyển đổi số của tỉnh đã tăng 10 bậc.
        Năm 2021 xếp thứ 58")."""
        readings = self.read(block, sentence, mode)
        if all(r.item is None or r.item.indicator is not None for r in readings):
            return readings
        prefix = self.context(block, sentence, previous)
        if not prefix:
            return readings
        again = {r.end: r for r in self.read(block, sentence, mode, prefix)}
        return [
            again[r.end]
            if r.item is not None
            and r.item.indicator is None
            and r.end in again
            and again[r.end].item is not None
            else r
            for r in readings
        ]

    def cue_mode(self, block: Block, position: int) -> Mode | None:
        """The mode the nearest target or result word before ``position`` in its line says."""
        window = self.low[block.start : position]
        best: tuple[int, Mode] | None = None
        for pattern, mode in ((self.cues.targets, "target"), (self.cues.results, "actual")):
            for match in pattern.finditer(window):
                if best is None or match.start() >= best[0]:
                    best = (match.start(), mode)  # type: ignore[assignment]
        return best[1] if best else None

    def figures(self, blocks: Sequence[Block], skip: set[int]) -> list[_Found]:
        found: list[_Found] = []
        for block in blocks:
            if block.repeated:
                continue
            previous: _Sentence | None = None
            for sentence in self.sentences(block):
                before, previous = previous, sentence
                mode = block.mode
                if mode is not None:
                    found.extend(
                        _Found(mode, {mode: reading}, block, sentence)
                        for reading in self.resolved(block, sentence, before, mode)
                    )
                    continue
                targets = {r.end: r for r in self.resolved(block, sentence, before, "target")}
                for reading in self.resolved(block, sentence, before, "actual"):
                    readings: dict[Mode, Reading] = {"actual": reading}
                    if reading.end in targets:
                        readings["target"] = targets.pop(reading.end)
                    mode = self.cue_mode(block, reading.start)
                    found.append(_Found(mode, readings, block, sentence))
                for reading in targets.values():  # read as a target only (a range)
                    mode = self.cue_mode(block, reading.start)
                    found.append(_Found(mode, {"target": reading}, block, sentence))
        found.sort(key=lambda f: f.reading.start)
        return [f for f in found if f.reading.end not in skip]

    # -- periods of results ------------------------------------------------------------------

    def result_period(self, item: ParsedActual, found: _Found) -> Period | None:
        if item.period is not None:
            return item.period
        before = self.low[found.sentence.start : found.reading.start]
        if self.cues.now.search(before) and self.as_of is not None:
            return self.as_of
        if found.sentence.carried is not None:
            return found.sentence.carried
        if found.block.year is not None:
            return found.block.year
        if self.as_of is not None and (self.stated_as_of or self.cues.present.search(before)):
            return self.as_of
        return None

    # -- records -----------------------------------------------------------------------------

    def quote(self, found: _Found) -> tuple[str, int, int]:
        """The sentence holding the figure (its clause, when the sentence is long), trimmed."""
        start, end = found.sentence.start, found.sentence.end
        if end - start > _MAX_QUOTE:
            left = max(self.text.rfind(";", start, found.reading.start) + 1, start)
            right = self.text.find(";", found.reading.end, end)
            start, end = left, right if right != -1 else end
        if end - start > _MAX_QUOTE:
            start = max(start, found.reading.start - _MAX_QUOTE // 2)
            end = min(end, found.reading.end + _MAX_QUOTE // 2)
            while start > found.sentence.start and not self.text[start - 1].isspace():
                start += 1
            while end < found.sentence.end and not self.text[end].isspace():
                end -= 1
        while start < end and (self.text[start].isspace() or self.text[start] in "-–•+*;,"):
            start += 1
        while end > start and self.text[end - 1] in " \t;,":
            end -= 1
        return self.text[start:end], start, end

    def source(self, found: _Found) -> dict[str, Any]:
        quote, start, end = self.quote(found)
        source: dict[str, Any] = {
            "document": self.document,
            "clause": found.block.clause,
            "quote": quote,
            "start": start,
            "end": end,
        }
        if self.file:
            source["file"] = self.file
        return source

    def record_id(self, kind: str, indicator: str | None, period: Period | None) -> str:
        prefix = f"{self.plan_id}-{kind}-{indicator or 'unknown'}-{period.year if period else 'na'}"
        self.counters[prefix] += 1
        return f"{prefix}-{self.counters[prefix]}"

    def leave(
        self,
        found: _Found,
        reason: ReviewReason,
        kind: str,
        detail: str | None = None,
        period: Period | None = None,
    ) -> None:
        item = found.reading.item
        quote, _, _ = self.quote(found)
        self.review.append(
            ReviewItem(
                kind=kind,
                reason=reason,
                clause=found.block.clause,
                quote=quote,
                start=found.reading.start,
                end=found.reading.end,
                text=" ".join(self.text[found.reading.start : found.reading.end].split()),
                value=item.value if item is not None else None,
                indicator=item.indicator if item is not None else None,
                year=period.year if period is not None else None,
                detail=detail,
            )
        )

    def build(self, found: _Found) -> tuple[str, dict[str, Any]] | None:
        item = found.reading.item
        kind = {"target": "target", "actual": "actual", None: "figure"}[found.mode]
        if item is None:
            reason = _SKIPPED[found.reading.skipped or "bare"]
            self.leave(found, reason, kind)
            return None
        if found.mode is None:
            self.leave(found, "target-or-result", kind)
            return None
        if isinstance(item, ParsedTarget):
            return self.target(found, item)
        assert isinstance(item, ParsedActual)
        return self.actual(found, item)

    def target(self, found: _Found, item: ParsedTarget) -> tuple[str, dict[str, Any]] | None:
        if item.indicator is None:
            self.leave(found, "no-indicator", "target", period=item.due)
            return None
        record: dict[str, Any] = {
            "id": self.record_id("t", item.indicator, item.due),
            "indicator": item.indicator,
            "province": self.province,
            "comparator": item.comparator,
            "value": item.value,
            "source": self.source(found),
        }
        extra = {"upper": item.upper, "due": item.due, "level": item.level}
        record.update({k: v for k, v in extra.items() if v is not None})
        return "target", record

    def actual(self, found: _Found, item: ParsedActual) -> tuple[str, dict[str, Any]] | None:
        period = self.result_period(item, found)
        if item.indicator is None:
            self.leave(found, "no-indicator", "actual", period=period)
            return None
        if period is None:
            self.leave(found, "no-year", "actual")
            return None
        record: dict[str, Any] = {
            "id": self.record_id("a", item.indicator, period),
            "indicator": item.indicator,
            "province": self.province,
            "period": period,
            "qualifier": item.qualifier,
            "value": item.value,
            "source": self.source(found),
        }
        extra = {"change_from": item.change_from, "fraction": item.fraction, "level": item.level}
        record.update({k: v for k, v in extra.items() if v is not None})
        return "actual", record


# -- the entry point -------------------------------------------------------------------------------


def extract(
    text: str,
    *,
    province: str | None = None,
    document: str | None = None,
    as_of: int | dt.date | Period | None = None,
    file: str | None = None,
    catalogue: Catalogue | None = None,
) -> Extraction:
    """Read a whole plan or report: a :class:`~sodoan.Plan` with every target, result and
    budget it could place, and the figures left for review.

    >>> result = extract("Phần II. MỤC TIÊU NĂM 2025\\n- Tỷ trọng kinh tế số chiếm trên 18% "
    ...                  "GRDP của tỉnh.", province="tuyen-quang", document="kh-2025")
    >>> [(t.indicator, t.comparator, str(t.value), str(t.due)) for t in result.plan.targets]
    [('digital-economy-share-grdp', 'gt', '18 percent', '2025')]
    >>> result.plan.targets[0].source.clause
    'Phần II'

    ``province``: the province id; None reads it from the text ("tỉnh Tuyên Quang", the one
    named most often). ``document``: the id of the document in the sources (default: made from
    the province and the document's number). ``as_of``: when the document speaks from (a
    year, a date or a :class:`~sodoan.Period`): the period of results stated as current ("đến
    nay", "hiện có") and of results that state no year under no dated heading; default: the
    date the document states for itself ("Tuyên Quang, ngày 26 tháng 3 năm 2025"), used for
    "đến nay" only. ``file``: the file name recorded in each source. ``catalogue``: where
    indicators and provinces are looked up (default: the bundled one).

    Raises :class:`~sodoan.ParseError` when the text is not a string, names no province and
    none is given, or ``as_of`` is not a year or a date; :class:`~sodoan.UnknownIdError` for an
    unknown province id.
    """
    if not isinstance(text, str):
        raise ParseError(f"expected text (str), got {type(text).__name__}")
    cat = catalogue if catalogue is not None else Catalogue.bundled()
    src = unicodedata.normalize("NFC", text)
    stated = as_of_period(as_of)
    date = document_date(src)
    province_id, basis = province_of(src, province, cat)
    facts = plan_facts(src, date)
    number = facts.get("number")
    doc_id = document or slug(f"{province_id} {number or 'document'}")[:120].strip("-")
    extractor = _Extractor(
        text=src,
        low=fold(src),
        province=province_id,
        document=doc_id,
        plan_id=doc_id,
        file=file,
        as_of=stated or date,
        stated_as_of=stated is not None,
        catalogue=cat,
    )
    blocks = outline(src)
    budgets = BudgetReader(extractor, blocks)
    found = extractor.figures(blocks, budgets.consumed)
    _settle_modes(found)
    targets: list[dict[str, Any]] = []
    actuals: list[dict[str, Any]] = []
    for item in found:
        built = extractor.build(item)
        if built is None:
            continue
        kind, record = built
        (targets if kind == "target" else actuals).append(record)
    issued = facts.get("issued")
    plan = {
        "id": doc_id,
        "province": province_id,
        "province_basis": basis,
        "documents": [doc_id],
        **facts,
        "targets": _valid(extractor, "target", targets, issued),
        "actuals": _valid(extractor, "actual", actuals, None),
        "budgets": budgets.budgets,
    }
    extractor.review.extend(budgets.review)
    extractor.review.sort(key=lambda r: r.start)
    return Extraction(
        plan=Plan.model_validate(plan, context={"catalogue": cat}), review=extractor.review
    )


def _settle_modes(found: list[_Found]) -> None:
    """Figures outside any heading with no cue word take the mode of most cued figures."""
    counts = Counter(f.mode for f in found if f.mode is not None and f.block.mode is None)
    if not counts:
        return
    ranked = counts.most_common()
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return
    default = ranked[0][0]
    for item in found:
        if item.mode is None:
            item.mode = default


def _valid(
    extractor: _Extractor, kind: str, records: Iterable[dict[str, Any]], issued: object
) -> list[Any]:
    """The records the models accept; the others go to review with the models' message."""
    from sodoan.model.actual import Actual
    from sodoan.model.target import Target

    model: Any = Target if kind == "target" else Actual
    kept: list[Any] = []
    for record in records:
        try:
            validated = model.model_validate(record, context={"catalogue": extractor.catalogue})
        except ValidationError as error:
            problem = "; ".join(
                f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
            )
            _leave_record(extractor, kind, record, problem)
            continue
        if (
            isinstance(issued, dt.date)
            and kind == "target"
            and validated.due is not None
            and validated.due.end < issued
        ):
            _leave_record(
                extractor, kind, record, f"due {validated.due} is before the plan's issue date"
            )
            continue
        kept.append(validated)
    return kept


def _leave_record(extractor: _Extractor, kind: str, record: dict[str, Any], detail: str) -> None:
    source = record["source"]
    value = record["value"]
    period = record.get("due") or record.get("period")
    extractor.review.append(
        ReviewItem(
            kind=kind,
            reason="invalid",
            clause=source["clause"],
            quote=source["quote"],
            start=source["start"],
            end=source["end"],
            text=source["quote"],
            value=value if isinstance(value, Measure) else None,
            indicator=record.get("indicator"),
            year=period.year if isinstance(period, Period) else None,
            detail=detail[:4000],
        )
    )
