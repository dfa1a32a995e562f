"""Provenance: where a figure was read (Source) and the documents read (SourceDocument)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from sodoan._base import Record
from sodoan._types import (
    DocumentNumber,
    FileName,
    LongText,
    Quote,
    ShortText,
    Slug,
    Url,
    WholeCount,
)
from sodoan.model._refs import ProvinceId
from sodoan.period import Period

__all__ = ["Source", "SourceDocument"]


class Source(Record):
    """Where a figure was read: the document, the clause, and the exact words.

    ``quote`` is copied verbatim from the source text (only runs of whitespace may differ), so
    anyone can find it. When the quoted text is a news article about a plan, ``document`` is the
    article and ``cites`` the plan it reports on: the article's words are not the plan's.
    """

    document: Slug
    """Id of the document quoted (an entry of the bundled documents list, or the caller's own)."""

    clause: ShortText
    """Where in the document: ``Phần II, mục 2.2`` for a plan, ``đoạn 3`` for an article."""

    quote: Quote
    """A short quote copied exactly from the document, holding the figure."""

    file: FileName | None = None
    """File name of the source text the quote was copied from, when it is a local file."""

    cites: DocumentNumber | None = None
    """Number of the document a secondary source (an article) reports on: ``105/KH-UBND``."""

    url: Url | None = None
    """Web address of the document, when known (never fetched by sodoan)."""

    start: WholeCount | None = None
    """Offset of the quote's first character in the document's text (NFC), when known: what
    :func:`sodoan.extract` records, so that ``text[start:end] == quote``."""

    end: WholeCount | None = None
    """Offset just after the quote's last character, when known (at or after ``start``)."""

    @model_validator(mode="after")
    def _offsets(self) -> Source:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise PydanticCustomError(
                "offsets_reversed",
                "end ({end}) is before start ({start})",
                {"start": self.start, "end": self.end},
            )
        return self


class SourceDocument(Record):
    """A document that figures were read from: an official text or a news article."""

    id: Slug
    """Stable id, used by :attr:`Source.document`."""

    kind: Literal["official-table", "official-text", "news-article"]
    """``official-table`` (a ranking or statistics table published by the body that measures,
    such as the ministry's DTI ranking), ``official-text`` (the plan or report itself) or
    ``news-article`` (a report about it). When two sources state the same figure differently,
    this is the order of precedence (see :meth:`sodoan.Dataset.check`)."""

    number: DocumentNumber | None = None
    """The document's own number (``02/KH-UBND``, ``1403/QĐ-BTTTT``), when it has one."""

    issuer: ShortText | None = None
    """The body that issued the document, as printed (``Bộ Thông tin và Truyền thông``)."""

    title: ShortText | None = None
    """Title as published, when the text has one."""

    publisher: ShortText | None = None
    """Publisher (newspaper, portal), when known."""

    author: ShortText | None = None
    """Author or signer of the article, as printed."""

    published: Period | None = None
    """When it was published (a year or month when the day is unknown)."""

    url: Url | None = None
    """Web address, when known."""

    file: FileName | None = None
    """File name of the local copy of the text."""

    province: ProvinceId
    """Province whose plan or results the document is about."""

    province_basis: Literal["named-in-text", "publisher"]
    """How the province was established: named in the text, or known only from the publisher."""

    reports_on: list[DocumentNumber] = Field(default_factory=list, max_length=50)
    """Numbers of the plans or resolutions the document is about."""

    note: LongText | None = None
    """What a reader should know about this document (cut-off passages, repetitions, ...)."""

    def __repr__(self) -> str:
        return f"<SourceDocument {self.id}>"
