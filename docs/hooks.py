"""Hooks of the documentation site (see mkdocs.yml).

- ``on_page_markdown``: a page that is only ``--8<-- "NAME.md"`` (``contributing.md``,
  ``changelog.md``) shows that file of the repository's root, with its links into ``docs/``
  made relative to the site; the file reads well on its own and in the site. A ``python``
  block of ``>>>`` examples is highlighted as a console session (``pycon``), so that its
  output is not coloured as code.
- ``DocstringMarkdown`` (a griffe extension, loaded by mkdocstrings): sodoan's docstrings are
  written for ``help()``; their ``>>>`` examples become ``pycon`` code blocks (Markdown would
  read ``['gt']`` as a link) and a reST literal-block marker (``Rewrite them with::``) a colon.
- ``on_page_content``: a Sphinx role before a code span (``:func:`assess```) is dropped,
  leaving the code (``~sodoan.UnitError`` shows as ``UnitError``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import griffe

_INCLUDE = re.compile(r'\A--8<-- "([A-Z]+\.md)"\s*\Z')
_SESSION = re.compile(r"^(\s*)```python\n(?=\1>>> )", re.M)
_DOCS_LINK = re.compile(r"\]\(docs/")
#: A role and the code it marks; ``~a.b.C`` shows as ``C``, as Sphinx shows it.
_ROLE = re.compile(r":(?:func|class|meth|attr|data|mod|exc|obj|const):<code>(?:~(?:\w+\.)*)?")
_ROOT = Path(__file__).resolve().parent.parent


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    """The included root file for a page that is only an include line; doctest blocks as
    console sessions."""
    include = _INCLUDE.match(markdown)
    if include is not None:
        text = (_ROOT / include.group(1)).read_text(encoding="utf-8")
        markdown = _DOCS_LINK.sub("](", text)
    return _SESSION.sub(r"\1```pycon\n", markdown)


def on_page_content(html: str, **kwargs: Any) -> str:
    """Drop the Sphinx role before each code span of a page's HTML."""
    return _ROLE.sub("<code>", html)


def markdown_docstring(text: str) -> str:
    """``text`` with its doctest examples fenced and its ``::`` literal markers as ``:``."""
    lines = text.split("\n")
    result: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.lstrip().startswith(">>> "):
            indent = line[: len(line) - len(line.lstrip())]
            block = []
            while index < len(lines) and lines[index].strip():
                block.append(lines[index][len(indent) :])
                index += 1
            result += [f"{indent}```pycon", *(indent + b for b in block), f"{indent}```"]
            continue
        if line.rstrip().endswith("::") and line.strip() != "::":
            line = line.rstrip()[:-1]
        result.append(line)
        index += 1
    return "\n".join(result)


class DocstringMarkdown(griffe.Extension):
    """Rewrite each docstring for Markdown once the object tree is loaded."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = markdown_docstring(obj.docstring.value)
