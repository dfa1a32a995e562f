"""Text in Vietnamese and English."""

from __future__ import annotations

from sodoan._base import Record
from sodoan._types import LongText, ShortText

__all__ = ["Definition", "LocalizedText", "Names"]


class Names(Record):
    """A name in Vietnamese and English (both required: codelist entries are read by both)."""

    vi: ShortText
    """Vietnamese, as official documents write it (``Sở Khoa học và Công nghệ``)."""

    en: ShortText
    """English (``Department of Science and Technology``)."""

    def localized(self, locale: str = "vi") -> str:
        """The name in ``locale`` (``en``), Vietnamese otherwise."""
        return self.en if locale == "en" else self.vi


class LocalizedText(Record):
    """A title or label as written in Vietnamese, with an English translation when known."""

    vi: ShortText
    """Vietnamese, as written in the source."""

    en: ShortText | None = None
    """English translation, if any."""

    def localized(self, locale: str = "vi") -> str:
        """The text in ``locale`` when available, Vietnamese otherwise."""
        return self.en if locale == "en" and self.en else self.vi


class Definition(Record):
    """A definition in Vietnamese and English."""

    vi: LongText
    """Vietnamese."""

    en: LongText
    """English."""

    def localized(self, locale: str = "vi") -> str:
        """The definition in ``locale`` (``en``), Vietnamese otherwise."""
        return self.en if locale == "en" else self.vi
