"""Budget statements of a document: a stated total and its lines by funding source.

A budget statement is a sentence with a budget word ("Tổng kinh phí", "Tổng nguồn vốn") and a
sum of money after it: that sum is the total. The other sums of its sentence ("trong đó: ngân
sách tỉnh 50 tỷ đồng, xã hội hóa 20 tỷ đồng") and those of the bullet lines right after it
("- Nguồn kinh phí sự nghiệp: 68.673,618 triệu đồng;") are its lines; a line's funding source is
the longest funding word its label holds ("sự nghiệp" is recurrent), else it goes to review.
The lines are kept as written, even when they do not add up to the total.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any, Final, Protocol

from pydantic import ValidationError

from sodoan.model.plan import Budget, BudgetLine
from sodoan.parsing.api import ParsedActual, Reading, read_figures
from sodoan.parsing.lexicon import lexicon
from sodoan.parsing.outline import Block
from sodoan.parsing.review import ReviewItem
from sodoan.parsing.text import alternation, fold, vi
from sodoan.period import Period
from sodoan.units import dimension

__all__ = ["BudgetReader", "DocumentContext"]


class DocumentContext(Protocol):
    """What the budget reader needs of the document being extracted."""

    text: str
    low: str
    document: str
    plan_id: str
    file: str | None
    catalogue: Any


_BULLET: Final = re.compile(r"\s*[-–•+*]\s+")
_MONEY: Final = frozenset({"[currency_vnd]", "[currency_usd]"})
_LABEL_TRIM: Final = " \t-–•+*:;,.()"


@functools.cache
def _budget_words() -> re.Pattern[str]:
    return vi(r"(?<!\w)" + alternation(lexicon().budget_words) + r"(?!\w)")


@functools.cache
def _funding() -> list[tuple[str, str]]:
    words = lexicon().funding_words
    return sorted(((fold(k), v) for k, v in words.items()), key=lambda kv: -len(kv[0]))


def _money(reading: Reading) -> bool:
    item = reading.item
    return isinstance(item, ParsedActual) and dimension(item.value.unit) in _MONEY


class BudgetReader:
    """The budgets of a document's blocks; ``consumed`` holds the end offsets of their sums."""

    def __init__(self, extractor: DocumentContext, blocks: Sequence[Block]) -> None:
        self.x = extractor
        self.budgets: list[Budget] = []
        self.review: list[ReviewItem] = []
        self.consumed: set[int] = set()
        for index, block in enumerate(blocks):
            if not block.repeated:
                self._statement(blocks, index)

    def _readings(self, block: Block) -> list[Reading]:
        text = self.x.text[block.start : block.end][:10_000]
        return [
            Reading(r.start + block.start, r.end + block.start, r.item, r.skipped)
            for r in read_figures(text, "actual", catalogue=self.x.catalogue)
            if _money(r)
        ]

    def _statement(self, blocks: Sequence[Block], index: int) -> None:
        block = blocks[index]
        match = _budget_words().search(self.x.low, block.start, block.end)
        if match is None:
            return
        money = [r for r in self._readings(block) if r.start >= match.end()]
        if not money:
            return
        total, rest = money[0], money[1:]
        assert isinstance(total.item, ParsedActual)
        period = total.item.period or _year_in(self.x.low[match.start() : total.start])
        period = period or block.year
        lines: list[tuple[Block, Reading, int]] = []
        previous = total.end
        for reading in rest:
            lines.append((block, reading, self._label_start(previous, reading.start)))
            previous = reading.end
        for following in blocks[index + 1 :]:
            if following.repeated or not _BULLET.match(self.x.text, following.start):
                break
            lines.extend((following, r, following.start) for r in self._readings(following))
        quote_start = match.start()
        source = self._source(block, quote_start, total.end)
        self.consumed.add(total.end)
        self.consumed.update(reading.end for _, reading, _ in lines)
        if period is None:
            self._leave(block, total, "no-year", source)
            return
        purpose = self.x.text[match.end() : total.start].strip(_LABEL_TRIM)
        purpose = re.sub(r"\s+(?:là|đạt|khoảng)\s*:?$", "", purpose).strip(_LABEL_TRIM)
        record: dict[str, Any] = {
            "id": f"{self.x.plan_id}-budget-{period.year}-{len(self.budgets) + 1}",
            "period": period,
            "purpose": " ".join((purpose or match.group()).split())[:300],
            "total": total.item.value,
            "lines": [],
            "source": source,
        }
        for line_block, reading, label_start in lines:
            line = self._line(line_block, reading, label_start)
            if line is not None:
                record["lines"].append(line)
        try:
            self.budgets.append(
                Budget.model_validate(record, context={"catalogue": self.x.catalogue})
            )
        except ValidationError as error:
            self._leave(block, total, "invalid", source, str(error))

    def _label_start(self, previous: int, figure: int) -> int:
        """Where a line's label starts: after the last separator before its sum."""
        cut = max(self.x.text.rfind(c, previous, figure) for c in ",;:(")
        return cut + 1 if cut >= 0 else previous

    def _line(self, block: Block, reading: Reading, label_start: int) -> BudgetLine | None:
        item = reading.item
        assert isinstance(item, ParsedActual)
        head = self.x.text[label_start : reading.start]
        label = " ".join(head.split(":")[0].strip(_LABEL_TRIM).split())
        label = re.sub(r"^(?:trong đó|gồm|bao gồm)\s*:?\s*", "", label, flags=re.I)
        source = self._source(block, label_start, reading.end)
        folded = fold(label)
        funding = next(
            (
                kind
                for word, kind in _funding()
                if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", folded)
            ),
            None,
        )
        if funding is None or not label:
            self._leave(block, reading, "no-funding", source)
            return None
        return BudgetLine.model_validate(
            {"funding": funding, "label": label[:300], "amount": item.value, "source": source}
        )

    def _source(self, block: Block, start: int, end: int) -> dict[str, Any]:
        while start < end and (self.x.text[start].isspace() or self.x.text[start] in "-–•+*"):
            start += 1
        source: dict[str, Any] = {
            "document": self.x.document,
            "clause": block.clause,
            "quote": self.x.text[start:end][:1000],
            "start": start,
            "end": min(end, start + 1000),
        }
        if self.x.file:
            source["file"] = self.x.file
        return source

    def _leave(
        self,
        block: Block,
        reading: Reading,
        reason: Any,
        source: dict[str, Any],
        detail: str | None = None,
    ) -> None:
        item = reading.item
        self.review.append(
            ReviewItem(
                kind="budget",
                reason=reason,
                clause=block.clause,
                quote=source["quote"],
                start=reading.start,
                end=reading.end,
                text=" ".join(self.x.text[reading.start : reading.end].split()),
                value=item.value if item is not None else None,
                detail=detail[:4000] if detail else None,
            )
        )


def _year_in(low: str) -> Period | None:
    from sodoan.parsing.when import find_whens

    years = [w.period for w in find_whens(low, bytearray(len(low))) if w.role == "at" and w.period]
    return Period(years[-1].year) if years else None
