"""What bulk validation checks around the models, on the raw text of a line.

* **No duplicate keys** (pydantic's JSON reader keeps the last of two): :func:`count_keys`
  counts the keys a validated record was given and :func:`no_duplicate_keys` proves from the
  line's colons that the line had no more; when it cannot, the caller asks the strict reader.
* **No oversized structures**: :func:`oversized` scans a long line for an object or a list
  larger than any record allows, before anything is built (a line of a million unknown keys is
  one error, not a million, and costs no memory to speak of).
* **No repeated ids** across the lines of an input: :class:`SeenIds` keeps a 64-bit hash
  per id, the first 262,144 in a set, the rest in an open-addressing table (11 to 21 bytes a
  record); :class:`IdLog` collects a part's ids in a worker process for the caller to check
  in input order.

Nothing here builds an error record: the callers in :mod:`sodoan.bulk` do.
"""

from __future__ import annotations

import array
import functools
import json
import re
import sys
import types
import typing
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal

from sodoan._messages import error_path

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = [
    "MAX_ITEMS",
    "MAX_KEYS",
    "SMALL_IDS",
    "IdLog",
    "SeenIds",
    "count_keys",
    "no_duplicate_keys",
    "no_repeated_keys",
    "oversized",
]

#: No sodoan model has this many fields, nor a list this many items: a JSON object or array
#: beyond them is invalid whatever it holds, and is reported as one error.
MAX_KEYS: Final = 64
MAX_ITEMS: Final = 5000

# -- duplicate keys ----------------------------------------------------------------------------


def count_keys(value: Any) -> int:
    """How many keys the JSON form of a validated record has (models forbid extra keys, so a
    model's keys are the fields it was given).

    Only the fields that may hold an object or an array are visited (:func:`_nested`); a count
    that comes out low only sends the line to the strict reader, never lets a duplicate through.
    """
    if hasattr(value, "__pydantic_fields_set__"):  # a model
        return _counter(value.__class__)(value)
    if isinstance(value, list | tuple):
        return sum(count_keys(item) for item in value)
    if isinstance(value, dict):
        return len(value) + sum(count_keys(item) for item in value.values())
    return 0


@functools.cache
def _counter(model: type[BaseModel]) -> Callable[[Any], int]:
    """:func:`count_keys` for instances of ``model``, without a call per field that holds a model
    without nested fields (a Measure, a Source)."""
    nested = _nested(model)
    leaves = tuple(name for name, leaf in nested if leaf)
    others = tuple(name for name, leaf in nested if not leaf)

    def count(value: Any) -> int:
        given = value.__pydantic_fields_set__
        keys = len(given)
        fields = value.__dict__
        for name in leaves:
            if name in given:
                child = fields[name]
                if child is not None:
                    keys += len(child.__pydantic_fields_set__)
        for name in others:
            if name in given:
                keys += count_keys(fields[name])
        return keys

    return count


@functools.cache
def _nested(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of ``model`` whose values may be JSON objects or arrays, each with whether
    it holds at most a model without such fields (counted without a call)."""
    return tuple(
        (name, _leaf_model(info.annotation))
        for name, info in model.model_fields.items()
        if _may_nest(info.annotation)
    )


def _may_nest(annotation: Any) -> bool:
    from pydantic import BaseModel

    origin = typing.get_origin(annotation)
    if origin is Literal:
        return False
    if origin is Annotated:
        return _may_nest(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        return any(_may_nest(arg) for arg in typing.get_args(annotation))
    if origin is not None:
        return True  # list[...], dict[...], tuple[...]
    if isinstance(annotation, type):
        return issubclass(annotation, BaseModel | list | tuple | dict | set | frozenset)
    return annotation is not None  # unknown: visited


def _leaf_model(annotation: Any) -> bool:
    """Whether ``annotation`` is a model without nested fields, or such a model or None."""
    from pydantic import BaseModel

    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return len(args) == 1 and _leaf_model(args[0])
    return (
        isinstance(annotation, type)
        and issubclass(annotation, BaseModel)
        and not _nested(annotation)
    )


#: Where a key ends: its closing quote, blanks, the colon. Every key of a document matches once,
#: and matches do not overlap, so a document has at most as many keys as matches.
_KEY_END: Final = re.compile(rb'"[ \t\r\n]*:')
_TEXT_KEY_END: Final = re.compile('"[ \t\r\n]*:')


def no_duplicate_keys(raw: bytes | str, keys: int) -> bool:
    """Whether ``raw``, a document whose validated record has ``keys`` keys, provably has no
    duplicate key (pydantic's reader keeps the last of two; the record then has fewer keys than
    the document).

    Every key is followed by a colon, so a document with no more colons than the record has
    keys has no duplicate. Colons inside strings spoil that count; two cheap corrections
    remove most of them: a colon right before ``/`` (``https://``) never ends a key, and a
    colon that follows no closing quote (``Phần I: ...``) never does either. When neither
    count proves it, the caller asks the strict reader.
    """
    if isinstance(raw, bytes):
        colons = raw.count(b":")
        if colons == keys:
            return True
        return colons - raw.count(b":/") == keys or len(_KEY_END.findall(raw)) == keys
    colons = raw.count(":")
    if colons == keys or colons - raw.count(":/") == keys:
        return True
    return len(_TEXT_KEY_END.findall(raw)) == keys


def no_repeated_keys(raw: bytes | str, record: dict[str, Any]) -> bool:
    """Whether the line ``raw``, which the acceptor (:mod:`sodoan._accept`) read as ``record`` (an
    Actual as plain dicts), provably has no key that ``record`` does not hold: no unknown key
    (the acceptor leaves those out) and no
    duplicate key (the reader keeps the last of two, so ``record`` then has fewer keys than
    ``raw``).

    Every key of ``raw`` is followed by a colon, and the other colons are inside strings; the
    strings of ``record`` are some of those, written as they are, save that a colon may be
    written as an escape (``\\u003a``). So ``raw`` has at most (its colons, less the colons of
    any of ``record``'s texts, plus such escapes) keys; once that bound comes down to
    ``record``'s count of keys, ``raw`` has no other key. The texts are taken one at a time, the
    likeliest to hold a colon first (a URL), and the count stops as soon as it proves the line;
    a line it cannot prove (an unknown or repeated key, colons in a text not looked at) goes to
    the models.
    """
    if type(raw) is not bytes:
        raw = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else bytes(raw)
    source = record["source"]
    extra = raw.count(b":") - len(record) - len(record["value"]) - len(source)
    if not extra:
        return True
    url = source.get("url")
    if url is not None:
        extra -= url.count(":")
        if not extra and b"\\" not in raw:
            return True
    extra -= source["clause"].count(":")
    if not extra and b"\\" not in raw:
        return True
    extra -= source["quote"].count(":")
    for name in ("area", "note"):
        text = record.get(name)
        if text is not None:
            extra -= text.count(":")
    if extra > 0:
        return False
    if b"\\" in raw:  # a colon of a text may be written as an escape, not a colon
        extra += raw.count(b"\\u003a") + raw.count(b"\\u003A")
    return not extra


# -- oversized structures --------------------------------------------------------------------


#: The JSON tokens that give a document its shape: a whole string (skipped, escapes and all),
#: brackets, colons and commas.
_TOKENS: Final = re.compile(rb'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')


def oversized(raw: bytes | str) -> tuple[str, str, str] | None:
    """(path, message, error type) if a JSON object in ``raw`` has more keys, or an array more
    items, than any sodoan model allows: found by scanning the text, before anything is built,
    so that a line of a million keys costs neither a million errors nor the memory to hold its
    keys.

    The scan stops at the first such object or array; a malformed line is left to the strict
    reader, which reports it.
    """
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    # per open bracket: [is an object, members so far, the member's key or index]
    stack: list[list[Any]] = []
    string = b""
    for match in _TOKENS.finditer(data):
        token = match.group()
        first = token[:1]
        if first == b'"':
            string = token
        elif first == b"{" or first == b"[":
            stack.append([first == b"{", 0, 0])
        elif first == b"}" or first == b"]":
            if stack:
                stack.pop()
        elif stack and first == b":" and stack[-1][0]:
            stack[-1][1] += 1
            stack[-1][2] = _key(string)
            if stack[-1][1] > MAX_KEYS:
                return _too_many(stack, f"an object of more than {MAX_KEYS} keys")
        elif stack and first == b"," and not stack[-1][0]:
            stack[-1][1] += 1
            stack[-1][2] = stack[-1][1]
            if stack[-1][1] >= MAX_ITEMS:
                return _too_many(stack, f"a list of more than {MAX_ITEMS} items")
    return None


def _key(token: bytes) -> str:
    try:
        key = json.loads(token)
    except ValueError:  # pragma: no cover - a token matched as a JSON string
        return "?"
    return str(key)


def _too_many(stack: list[list[Any]], what: str) -> tuple[str, str, str]:
    path = tuple(entry[2] for entry in stack[:-1])
    kind = "too_many_keys" if stack[-1][0] else "too_many_items"
    return error_path(path), f"{what}: no sodoan record has one", kind


# -- repeated ids ----------------------------------------------------------------------------


#: Python's hash of a str, as an unsigned 64-bit number.
_MASK64: Final = (1 << 64) - 1


#: How many ids SeenIds keeps in a Python set (fast, about 70 bytes an id: under 20 MB)
#: before it moves them into its compact table.
SMALL_IDS: Final = 1 << 18


#: The table of SeenIds is cut into this many parts by the top bits of the hashes, each grown
#: on its own, so that growing it never holds two copies of more than a part.
_PARTS_BITS: Final = 4


class SeenIds:
    """The ids seen so far, kept as 64-bit hashes: the first ``small`` (:data:`SMALL_IDS`) in a
    set, the rest in an open-addressing table (``array``s of 64-bit slots, at most three
    quarters full: 11 to 21 bytes an id, whatever its length; cut into 16 parts that grow one
    at a time).

    Two different ids are taken for the same only when their hashes collide: about one chance
    in 30 million for a million ids. The hashes are Python's own (randomised per process), so the
    table belongs to the process that built it: worker processes send ids, not hashes.
    """

    __slots__ = ("_counts", "_limit", "_parts", "_small")

    def __init__(self, small: int = SMALL_IDS) -> None:
        self._limit = small
        self._small: set[int] | None = set() if small else None
        self._parts = [array.array("Q", bytes(8 * 16)) for _ in range(1 << _PARTS_BITS)]
        self._counts = [0] * (1 << _PARTS_BITS)

    def add(self, identifier: str, line: int = 0) -> bool:
        """Remember ``identifier`` (of the record at ``line``, which is not kept); False if it
        was seen before."""
        small = self._small
        if small is not None:
            code = hash(identifier)
            if code in small:
                return False
            small.add(code)
            if len(small) >= self._limit:
                self._move(small)
            return True
        return self._put((hash(identifier) & _MASK64) or 1)  # 0 marks an empty slot

    def add_all(self, identifiers: list[str]) -> list[int]:
        """Remember ``identifiers``, in order; the positions of those seen before (earlier in
        the list or before it). While the set holds the ids, a list without a repeat is
        checked and added by set operations, without a Python step per id."""
        small = self._small
        if small is not None and len(small) + len(identifiers) < self._limit:
            codes = set(map(hash, identifiers))
            if len(codes) == len(identifiers) and small.isdisjoint(codes):
                small |= codes
                return []
        if small is not None:
            add = self.add
            return [index for index, identifier in enumerate(identifiers) if not add(identifier)]
        repeats = []
        parts, counts = self._parts, self._counts
        for index, identifier in enumerate(identifiers):
            code = (hash(identifier) & _MASK64) or 1
            part = code >> (64 - _PARTS_BITS)
            slots = parts[part]
            mask = len(slots) - 1
            slot = code & mask
            if slots[slot]:  # taken: probe on
                if not self._put(code):
                    repeats.append(index)
                continue
            slots[slot] = code
            counts[part] += 1
            if 4 * counts[part] > 3 * mask:
                self._grow(part)
        return repeats

    def _move(self, small: set[int]) -> None:
        """From the set to the table, each part sized for twice its share."""
        self._small = None
        size = 1 << max(4, (2 * len(small) >> _PARTS_BITS).bit_length())
        self._parts = [array.array("Q", bytes(8 * size)) for _ in self._parts]
        for code in small:
            self._put((code & _MASK64) or 1)

    def _put(self, code: int) -> bool:
        part = code >> (64 - _PARTS_BITS)
        slots = self._parts[part]
        mask = len(slots) - 1
        index = code & mask
        held = slots[index]
        while held:
            if held == code:
                return False
            index = (index + 1) & mask
            held = slots[index]
        slots[index] = code
        count = self._counts[part] = self._counts[part] + 1
        if 4 * count > 3 * mask:
            self._grow(part)
        return True

    def _grow(self, part: int) -> None:
        """Twice the slots of one part; the old ones are read a slot at a time (no list of the
        codes, which would take more memory than both)."""
        old = self._parts[part]
        self._parts[part] = array.array("Q", bytes(16 * len(old)))
        self._counts[part] = 0
        for code in old:
            if code:
                self._put(code)

    @property
    def nbytes(self) -> int:
        """The memory the set or the table takes (a set's numbers included)."""
        if self._small is not None:
            return sys.getsizeof(self._small) + sum(sys.getsizeof(code) for code in self._small)
        return sum(part.buffer_info()[1] * part.itemsize for part in self._parts)


class IdLog:
    """The ids of the valid records of one part of an input, with their line numbers, as a
    worker process found them, for the caller to check in input order (:meth:`packed` is
    compact to send back)."""

    __slots__ = ("ids", "lines")

    def __init__(self) -> None:
        self.lines = array.array("Q")
        self.ids: list[str] = []

    def add(self, identifier: str, line: int) -> bool:
        """Note ``identifier`` at ``line`` (True: whether it repeats is for the caller to say)."""
        self.lines.append(line)
        self.ids.append(identifier)
        return True

    def packed(self) -> tuple[bytes, str]:
        """The line numbers as bytes and the ids joined by newlines (an id has none)."""
        return self.lines.tobytes(), "\n".join(self.ids)

    @staticmethod
    def unpacked(packed: tuple[bytes, str]) -> tuple[array.array[int], list[str]]:
        """The line numbers and the ids of a packed log."""
        lines = array.array("Q")
        if not packed[0]:
            return lines, []
        lines.frombytes(packed[0])
        return lines, packed[1].split("\n")
