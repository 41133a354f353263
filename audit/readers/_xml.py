"""What the XML readers (XLIFF, TMX) share: a safe parse that keeps source positions.

The parser is the standard library's expat behind defusedxml: a file that declares entities
(the "billion laughs" bomb), or refers to external ones, is refused before anything expands.
Parsing keeps, for every text run, the stretch of the file it came from, so that a finding in
a translation unit points at the line and column of the offending text inside ``<target>``,
and a decoded ``&amp;`` covers the whole reference.
"""

from __future__ import annotations

import xml.parsers.expat
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from audit.document import ProseBuilder
from audit.document import Run as MapRun
from audit.readers.jsonl import RecordError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# A run of text: (text, file_start, file_end, copied from the file as it is).
Run = tuple[str, int, int, bool]


@dataclass
class Element:
    """An element with the file offset and line of its start tag, and its content in order."""

    namespace: str
    name: str
    attrib: dict[str, str]
    line: int
    start: int
    content: list[Element | Run] = field(default_factory=list)

    def children(self, *names: str) -> Iterator[Element]:
        for item in self.content:
            if isinstance(item, Element) and (not names or item.name in names):
                yield item

    def child(self, name: str) -> Element | None:
        return next(self.children(name), None)

    def iter(self, name: str) -> Iterator[Element]:
        """This element and its descendants named ``name``, in document order."""
        # A stack, not recursion: a hostile file may nest elements thousands deep.
        stack: list[Element] = [self]
        while stack:
            element = stack.pop()
            if element.name == name:
                yield element
            stack.extend(reversed(list(element.children())))


class _TreeBuilder:
    """Target of the defused parser: builds :class:`Element` trees with file offsets."""

    def __init__(self, data: bytes, content: str) -> None:
        self._data = data
        self._content = content
        self._byte = 0
        self._char = 0
        self._stack: list[Element] = []
        self.root: Element | None = None
        self.expat: xml.parsers.expat.XMLParserType | None = None

    def _offset(self) -> int:
        """Character offset of the current event (expat counts bytes of the UTF-8 input)."""
        assert self.expat is not None
        index = self.expat.CurrentByteIndex
        if index >= self._byte:
            self._char += len(self._data[self._byte : index].decode("utf-8"))
        else:
            self._char = len(self._data[:index].decode("utf-8"))
        self._byte = index
        return self._char

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        namespace, _, name = tag[1:].partition("}") if tag.startswith("{") else ("", "", tag)
        assert self.expat is not None
        element = Element(namespace, name, attrib, self.expat.CurrentLineNumber, self._offset())
        if self._stack:
            self._stack[-1].content.append(element)
        else:
            self.root = element
        self._stack.append(element)

    def end(self, tag: str) -> None:
        self._stack.pop()

    def data(self, text: str) -> None:
        if not self._stack:
            return
        start = self._offset()
        if self._content.startswith(text, start):
            run: Run = (text, start, start + len(text), True)
        elif self._content.startswith("&", start):
            # A character or entity reference, delivered by expat on its own.
            run = (text, start, self._content.index(";", start) + 1, False)
        else:
            run = (text, start, start, False)
        self._stack[-1].content.append(run)

    def close(self) -> Element | None:
        return self.root


def parse(content: str) -> Element:
    """The root element of an XML document; RecordError naming the line for bad or unsafe XML."""
    data = content.encode("utf-8")
    builder = _TreeBuilder(data, content)
    # The text was decoded as UTF-8 already: the encoding named in the declaration is moot.
    parser = DefusedXMLParser(
        target=builder,
        encoding="utf-8",
        forbid_dtd=False,
        forbid_entities=True,
        forbid_external=True,
    )
    builder.expat = parser.parser
    # One event per text run and per reference, so that each maps to its place in the file.
    parser.parser.buffer_text = False
    try:
        parser.feed(data)
        parser.close()
    except ParseError as error:
        line, column = error.position
        message = xml.parsers.expat.ErrorString(error.code)
        raise RecordError(f"line {line}, column {column + 1}: malformed XML ({message})") from None
    except DefusedXmlException as error:
        line = parser.parser.CurrentLineNumber
        raise RecordError(
            f"line {line}: refused XML with {_refusal(error)} (entity expansion is not allowed)"
        ) from None
    if builder.root is None:
        raise RecordError("line 1: no XML element")
    return builder.root


def _refusal(error: DefusedXmlException) -> str:
    kind = type(error).__name__
    if kind == "EntitiesForbidden":
        return "an entity declaration"
    if kind.startswith("External"):
        return "a reference to an external resource"
    return "a forbidden construct"


@dataclass(frozen=True)
class InlineMarkup:
    """How a format's inline elements are read: which carry native codes to leave out, and
    which stand for one character (XLIFF 2's ``<cp hex="…"/>``)."""

    codes: frozenset[str]
    code_point: str | None = None


def _text_runs(element: Element, markup: InlineMarkup) -> Iterator[Run]:
    """The translatable text of ``element`` as runs: the text of inline elements that wrap text
    (``<g>``, ``<pc>``, ``<mrk>``, ``<hi>``) is kept, their tags dropped; native codes (``<ph>``,
    ``<bpt>``, ``<ept>``, ``<x/>``…) are left out."""
    # Items still to write, last first: a stack, not recursion, for deeply nested markup.
    pending: list[Element | Run] = list(reversed(element.content))
    while pending:
        item = pending.pop()
        if isinstance(item, Element):
            if item.name in markup.codes:
                continue
            if item.name == markup.code_point:
                character = _code_point(item.attrib.get("hex", ""))
                if character:
                    yield character, item.start, item.start, False
                continue
            pending.extend(reversed(item.content))
            continue
        yield item


def _code_point(hex_value: str) -> str:
    try:
        return chr(int(hex_value, 16))
    except (ValueError, OverflowError):
        return ""


def plain_text(element: Element | None, markup: InlineMarkup) -> str | None:
    """The translatable text of an element (no positions), or None when there is no element."""
    if element is None:
        return None
    return "".join(text for text, *_ in _text_runs(element, markup))


def mapped_text(
    elements: list[Element], markup: InlineMarkup, content: str
) -> tuple[str, tuple[MapRun, ...]]:
    """The translatable text of ``elements`` joined, with its position map in the file
    ``content`` (see :class:`audit.document.Document`)."""
    builder = ProseBuilder(content)
    for element in elements:
        for text, start, end, copied in _text_runs(element, markup):
            if copied:
                builder.copy(start, end)
            else:
                builder.replace(text, start, end)
    return builder.build(anchor=elements[0].start if elements else 0)


__all__ = ["XML_LANG", "Element", "InlineMarkup", "mapped_text", "parse"]
