"""Reading targets and results straight from Vietnamese plan text.

:func:`parse_target` turns a sentence of a plan into typed targets, :func:`parse_actual` a
sentence of a report into typed results, so that adding a province is reviewing parsed output,
not retyping numbers:

>>> [(t.comparator, str(t.value), t.due) for t in parse_target("Đến năm 2030, tối thiểu 90% ...")]
[('ge', '90 percent', Period(2030))]

The parser reads the phrase grammar of these documents rather than particular sentences:

* **Figures**: a number (Vietnamese format: ``.`` groups thousands, ``,`` is the decimal mark)
  with a unit phrase of ``data/units.json`` (``%``, ``%/năm``, ``điểm phần trăm``, ``triệu đồng``,
  ``tỷ đồng``, ``lần/năm``, ``bậc``, ...), a rank (``xếp thứ 38``, ``nằm trong nhóm 20 tỉnh``,
  ``top 20``), a range (``từ 2 ÷ 3%``, ``23-25%``, ``10,5% – 11%``) or a bare whole number
  followed by the thing counted (``01 trung tâm dữ liệu``, ``1.899 thủ tục``).
* **Not figures**: years and dates, document numbers (``60/KH-UBND``, ``42/2022/NĐ-CP``),
  ``4G/5G``, ``chợ 4.0``, list markers (``(1)``, ``2.1.``), footnotes (``[4]``), section numbers
  (``mục 2``, ``Phụ lục 02``), ages (``15 tuổi``), durations and service levels (``mức độ 4``).
* **Comparators and qualifiers** from the words just before the figure (``trên``, ``tối thiểu``,
  ``không quá``, ``dưới``, ``khoảng``, ``gần``, ...) and after it (``trở lên``, ``trở xuống``).
* **Context** from the clause: the year a figure is due or refers to, the administrative level
  (``cấp tỉnh``, ``cấp huyện``, ``cấp xã``, ``thôn``) and the indicator, matched against the
  aliases of the bundled indicator catalogue: whole words, the noun right after the figure
  first, then the longest alias. An alias ``A ... B`` is A followed by B within 80 characters;
  when B is the noun right after the figure, A may stand in an earlier clause of the sentence
  ("cáp quang phủ 100% xã, phường, thị trấn và trên 80% hộ gia đình").

Clauses are the parts of a sentence between ``,`` ``;`` ``:`` (and ``và`` when a new figure
follows); a parenthesised part is a clause of its own, which sees its enclosing clause but is not
seen by it, so "80% hồ sơ công việc cấp huyện (năm 2030 đạt 90%)" gives a target for the default
year and one for 2030, both at district level.

The word lists (cue words, words that show a number is not a count, level phrases, time
words, ...) are data, in ``data/lexicon.json``; unit phrases are in ``data/units.json`` and the
indicators' aliases in ``data/indicators.json``, or in the ``catalogue`` given.

The package, from the bottom up: :mod:`~sodoan.parsing.lexicon` (the word lists),
:mod:`~sodoan.parsing.text` (folding, word patterns), :mod:`~sodoan.parsing.when` (time
phrases), :mod:`~sodoan.parsing.indicators` (alias index of a catalogue),
:mod:`~sodoan.parsing.document` (sentences, clauses, spans that are not figures),
:mod:`~sodoan.parsing.scanner` (numbers, units, ranges -> figures), :mod:`~sodoan.parsing.cues`
(the words around a figure), :mod:`~sodoan.parsing.resolver` (the indicator, level and period
of a figure) and :mod:`~sodoan.parsing.api` (the parsers and their results).

When the parser is unsure it returns nothing rather than a guess: every value it returns is a
number written in the text.

Limits: the input is at most :data:`MAX_TEXT_LENGTH` characters (longer text raises
:class:`ParseError`; split a document into paragraphs first). Offsets (``start``, ``end``) index
the NFC form of the input, which is the input itself for ordinary (NFC) text.
"""

from sodoan.errors import ParseError
from sodoan.parsing.api import (
    MAX_TEXT_LENGTH,
    IndicatorCatalogue,
    ParsedActual,
    ParsedTarget,
    parse_actual,
    parse_target,
)
from sodoan.parsing.extract import extract
from sodoan.parsing.review import Extraction, ReviewItem

__all__ = [
    "MAX_TEXT_LENGTH",
    "Extraction",
    "IndicatorCatalogue",
    "ParseError",
    "ParsedActual",
    "ParsedTarget",
    "ReviewItem",
    "extract",
    "parse_actual",
    "parse_target",
]
