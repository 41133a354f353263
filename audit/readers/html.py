"""HTML pages: the article's prose, with every offset pointing back into the page's source.

What is audited: headings, paragraphs, list items, block quotes, captions, table cells and any
other text of the article, each block a paragraph of the audited text (blocks are joined by a
blank line). Where the page has a ``<main>``, its first one is the article; else its first
outermost ``<article>``; else the whole body, less the page's ``<header>``, ``<footer>`` and
``<aside>``. Never audited as prose: ``script``, ``style``, ``template``, ``noscript``, ``nav``,
forms and their controls, embedded media and graphics, elements marked ``hidden``, comments.
Furniture left *inside* the article (a "Leave a Reply" heading, an "Also read" paragraph) is
audited: that is what machine-translation pipelines leak.

The first ``<h1>`` of the article comes first in the audited text as its headline; a page with
no ``<h1>`` takes its ``<title>``, less a trailing site name (``Story title | The Daily``).
Suppression comments (``<!-- mtaudit: ignore MT101 -->``, ``disable`` … ``enable``) are resolved
as in Markdown, by :mod:`audit.filters.suppressions`.

The parser is the standard library's :class:`html.parser.HTMLParser`, run with
``convert_charrefs=False``: it reports the source position of every tag and text run and hands
each character reference over on its own, so that each audited character maps to its exact
stretch of the file (a decoded ``’`` to the whole ``&#8217;``). lxml and selectolax build better
trees from broken markup but report at most a line per element, not where its text starts or
how references were decoded. The reader needs no tree: a block boundary ends a paragraph,
and a stack of open elements (closed as an HTML5 parser closes them, up to the matching start
tag) says whether the text is inside the article or inside something never audited.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser

from audit.document import Document, ProseBuilder, line_starts
from audit.filters.suppressions import find_directives
from audit.readers._markup import marked_up_document

# Elements whose start or end closes the paragraph being read.
_BLOCKS = frozenset(
    """address article aside blockquote body caption center dd details dialog div dl dt
    fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html legend
    li main menu nav ol p pre section summary table tbody td tfoot th thead tr ul""".split()
)
# Elements whose content is never prose of the article.
_NEVER_PROSE = frozenset(
    """applet audio button canvas datalist embed form head iframe input map math nav noscript
    object option script select style svg template textarea video""".split()
)
# Page furniture when it stands outside the article.
_PAGE_FURNITURE = frozenset({"header", "footer", "aside"})
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# ASCII white space, which HTML collapses (a no-break space is text, not white space).
_COLLAPSIBLE = frozenset(" \t\n\r\f")
# "Story title | The Daily", "Story title – Daily Herald": a short site name after the last
# separator (found by scanning separators left to right, which stays linear).
_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")
_SITE_WORDS = 5


@dataclass(frozen=True)
class _Context:
    never_prose: bool
    main: int | None  # index of the outermost <main> around the text
    article: int | None  # index of the outermost <article> around the text
    furniture: bool  # inside a header/footer/aside that is outside any main or article
    headline: bool  # inside an <h1>
    pre: bool


_NO_CONTEXT = _Context(False, None, None, False, False, False)


@dataclass
class _Open:
    tag: str
    context: _Context  # the context of the text inside this element


# A run of text as read: (text, file_start, file_end, copied from the file as it is).
_Run = tuple[str, int, int, bool]
# A <br> is read as a run "\n" not copied from the file (as is "&#10;", which browsers show as
# a space: a harmless difference).
_LINE_BREAK = "\n"


@dataclass
class _Block:
    context: _Context
    runs: list[_Run] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self, content: str) -> None:
        super().__init__(convert_charrefs=False)
        self._content = content
        self._lines = line_starts(content)
        self._unfinished = _unfinished_tail(content)
        self._stack: list[_Open] = []
        # How many elements of each name are open: an end tag with none open costs nothing.
        self._open: Counter[str] = Counter()
        self._elements = 0
        self._context = _NO_CONTEXT
        self._block: _Block | None = None
        self._in_title = False
        self.blocks: list[_Block] = []
        self.title: list[_Run] = []
        # Suppression comments: (file span, verb, codes).
        self.directives: list[tuple[tuple[int, int], str, tuple[str, ...]]] = []

    # -- positions ---------------------------------------------------------------------------

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._lines[line - 1] + column

    # -- elements ----------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush()
        if tag == "br":
            self._line_break()
        # The page's title, not an SVG image's.
        if tag == "title" and not self._in_title and not self.title and not self._open["svg"]:
            self._in_title = True
        if tag in _VOID:
            return
        if tag in ("p", "li", "dt", "dd") and self._stack and self._stack[-1].tag == tag:
            self._close(len(self._stack) - 1)  # an unclosed <p> or <li> ends at the next one
        hidden = any(
            name == "hidden" or (name == "aria-hidden" and value == "true") for name, value in attrs
        )
        self._context = _inside(self._context, tag, self._elements, hidden)
        self._stack.append(_Open(tag, self._context))
        self._open[tag] += 1
        self._elements += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <img/>: a void element; <div/> or <span/>: taken as opened and closed at once,
        # which keeps the stack of open elements balanced on XHTML-style markup.
        if tag in _BLOCKS:
            self._flush()
        if tag == "br":
            self._line_break()

    def _line_break(self) -> None:
        start = self._offset()
        if start < self._unfinished and not self._in_title:
            self._add((_LINE_BREAK, start, start + len(self.get_starttag_text() or ""), False))

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()
        if tag == "title":
            self._in_title = False
        if not self._open[tag]:
            return  # an end tag with no open element is ignored, as an HTML5 parser does
        # The search stops at the innermost open element of that name, and everything it passes
        # is closed with it: each element is passed once, so the parse stays linear.
        depth = len(self._stack) - 1
        while self._stack[depth].tag != tag:
            depth -= 1
        self._close(depth)

    def _close(self, depth: int) -> None:
        """Close the element at ``depth`` and every element still open inside it."""
        for element in self._stack[depth:]:
            self._open[element.tag] -= 1
        del self._stack[depth:]
        self._context = self._stack[-1].context if self._stack else _NO_CONTEXT

    # -- text --------------------------------------------------------------------------------

    # -- constructs the standard parser reads in quadratic time, read as HTML5 does -----------

    def parse_comment(self, i: int, report: bool = True) -> int:
        end = super().parse_comment(i, report)
        if end >= 0:
            return end
        # An unclosed comment runs to the end of the page. (The standard parser would search
        # for its end again from every later "<!--".)
        if report:
            self.handle_comment(self.rawdata[i + 4 :])
        return len(self.rawdata)

    def parse_marked_section(self, i: int, report: bool = True) -> int:
        # <![CDATA[ … in HTML content is a bogus comment up to the next ">".
        end = self.rawdata.find(">", i + 3)
        return end + 1 if end >= 0 else len(self.rawdata)

    def handle_comment(self, data: str) -> None:
        self.directives.extend(find_directives(f"<!--{data}-->", self._offset()))

    def handle_data(self, data: str) -> None:
        start = self._offset()
        if start >= self._unfinished:
            return
        # The parser reads a copy of the page in which some characters were neutralised
        # (see _parseable); the text is the page's own, at the same offsets.
        end = min(start + len(data), self._unfinished)
        self._add((self._content[start:end], start, end, True))

    def handle_charref(self, name: str) -> None:
        self._reference(f"&#{name}")

    def handle_entityref(self, name: str) -> None:
        self._reference(f"&{name}")

    def _reference(self, written: str) -> None:
        start = self._offset()
        end = start + len(written)
        if self._content.startswith(";", end):
            end += 1
        source = self._content[start:end]
        decoded = html.unescape(source)
        self._add((decoded, start, end, decoded == source))

    def _add(self, run: _Run) -> None:
        if self._in_title:
            self.title.append(run)
            return
        if self._context.never_prose:
            return
        if self._block is not None and self._block.context != self._context:
            self._flush()
        if self._block is None:
            self._block = _Block(self._context)
        self._block.runs.append(run)

    def _flush(self) -> None:
        if self._block is not None and _has_text(self._block.runs):
            self.blocks.append(self._block)
        self._block = None

    def close(self) -> None:
        super().close()
        self._flush()


# A character reference as the standard parser reads one; any other "&#" is text.
_CHARREF = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]")
_MARKUP_START = re.compile(r"<[A-Za-z/!?]")


def _unfinished_tail(content: str) -> int:
    """Where the markup left unfinished at the end of the page begins (its length if none).

    After the last ">", a "<" that opens a tag, comment or declaration never ends: HTML5 drops it
    and what follows. The standard parser would instead search for a ">" to the end of the
    page from every such "<", in quadratic time.
    """
    match = _MARKUP_START.search(content, content.rfind(">") + 1)
    return match.start() if match else len(content)


def _parseable(content: str, unfinished: int) -> str:
    """The page as the standard parser can read it in linear time, offsets and lines unchanged.

    An "&#" that is not a character reference becomes a space: the standard parser stops at
    one and, at the second, would take the rest of the page as text. The unfinished tail
    becomes white space.
    """

    def neutral(match: re.Match[str]) -> str:
        return match[0] if _CHARREF.match(content, match.start()) else " #"

    parseable = re.sub(r"&#", neutral, content[:unfinished])
    return parseable + re.sub(r"[^\n]", " ", content[unfinished:])


def _inside(outer: _Context, tag: str, index: int, hidden: bool) -> _Context:
    """The context of text inside a new element ``tag`` opened in ``outer``."""
    main, article = outer.main, outer.article
    if tag == "main" and main is None:
        main = index
    elif tag == "article" and article is None:
        article = index
    return _Context(
        never_prose=outer.never_prose or tag in _NEVER_PROSE or hidden,
        main=main,
        article=article,
        furniture=outer.furniture
        or (tag in _PAGE_FURNITURE and outer.main is None and outer.article is None),
        headline=outer.headline or tag == "h1",
        pre=outer.pre or tag in ("pre", "textarea"),
    )


def _has_text(runs: list[_Run]) -> bool:
    return any(not _COLLAPSIBLE.issuperset(text) for text, *_ in runs)


def read(path: str, content: str, fields: Mapping[str, str] | None = None) -> list[Document]:
    """One document: the page's article (``fields`` does not apply)."""
    parser = _PageParser(content)
    parser.feed(_parseable(content, parser._unfinished))
    parser.close()
    blocks = _article(parser.blocks)
    headline = next((b for b in blocks if b.context.headline), None)
    ordered: list[tuple[list[_Run], bool]] = []
    if headline is not None:
        ordered.append((headline.runs, headline.context.pre))
    elif parser.title:
        ordered.append((_without_site_name(parser.title), False))
    ordered.extend((b.runs, b.context.pre) for b in blocks if b is not headline)

    builder = ProseBuilder(content)
    blocks = []  # the file span of each block, for the suppression comments
    for runs, pre in ordered:
        if len(builder):
            builder.insert("\n\n", runs[0][1])
        _write_block(builder, runs, pre=pre)
        blocks.append((runs[0][1], runs[-1][2]))
    return marked_up_document(path, content, builder, parser.directives, blocks)


def _article(blocks: list[_Block]) -> list[_Block]:
    """The blocks of the article: the first <main>, else the first outermost <article>, else all
    but the page's header, footer and asides."""
    main = next((b.context.main for b in blocks if b.context.main is not None), None)
    if main is not None:
        return [b for b in blocks if b.context.main == main]
    article = next((b.context.article for b in blocks if b.context.article is not None), None)
    if article is not None:
        return [b for b in blocks if b.context.article == article]
    return [b for b in blocks if not b.context.furniture]


def _without_site_name(runs: list[_Run]) -> list[_Run]:
    """The title's runs up to a trailing " | Site name", when what is left still reads as a title."""
    text = "".join(r[0] for r in runs)
    separators = list(_TITLE_SEPARATOR.finditer(text))
    match = separators[-1] if separators else None
    if match is None or len(text[match.end() :].split()) > _SITE_WORDS:
        return runs
    if len(text[: match.start()].split()) < 3:
        return runs
    kept: list[_Run] = []
    remaining = match.start()
    for run in runs:
        if remaining <= 0:
            break
        if len(run[0]) <= remaining:
            kept.append(run)
        elif run[3]:
            kept.append((run[0][:remaining], run[1], run[1] + remaining, True))
        else:
            kept.append(run)
        remaining -= len(run[0])
    return kept


def _write_block(builder: ProseBuilder, runs: list[_Run], *, pre: bool) -> None:
    """Write one block, white space collapsed as a browser shows it (kept as it is in <pre>)."""
    if pre:
        for text, start, end, copied in _trim(runs):
            if copied:
                builder.copy(start, start + len(text))
            else:
                builder.replace(text, start, end)
        return
    writer = _Collapsed(builder)
    for text, start, end, copied in runs:
        if not copied:
            if text == _LINE_BREAK:
                writer.line_break(start, end)
            elif _COLLAPSIBLE.issuperset(text):
                writer.space(start, end)
            else:
                writer.word(text, start, end, copied=False)
            continue
        index = 0
        while index < len(text):
            stop = index
            if text[index] in _COLLAPSIBLE:
                while stop < len(text) and text[stop] in _COLLAPSIBLE:
                    stop += 1
                writer.space(start + index, start + stop)
            else:
                while stop < len(text) and text[stop] not in _COLLAPSIBLE:
                    stop += 1
                writer.word(text[index:stop], start + index, start + stop, copied=True)
            index = stop


class _Collapsed:
    """Writes a block's words one space apart, and its <br> as line breaks between words."""

    def __init__(self, builder: ProseBuilder) -> None:
        self._builder = builder
        self._space: tuple[int, int] | None = None  # white space not yet written
        self._breaks: list[tuple[int, int]] = []  # line breaks not yet written
        self._line_has_text = False
        self._block_has_text = False

    def space(self, start: int, end: int) -> None:
        self._space = (self._space[0] if self._space else start, end)

    def line_break(self, start: int, end: int) -> None:
        self._breaks.append((start, end))
        self._space = None

    def word(self, text: str, start: int, end: int, *, copied: bool) -> None:
        # Breaks and spaces are written only between words: none at a block's or line's ends.
        if self._breaks and self._block_has_text:
            for break_start, break_end in self._breaks:
                self._builder.replace("\n", break_start, break_end)
        elif self._space and self._line_has_text:
            space_start, space_end = self._space
            if self._builder.original[space_start:space_end] == " ":
                # A single space is the file's own: the words around it stay one copied run.
                self._builder.copy(space_start, space_end)
            else:
                self._builder.replace(" ", space_start, space_end)
        if self._breaks:
            self._line_has_text = False
        self._breaks.clear()
        self._space = None
        if copied:
            self._builder.copy(start, start + len(text))
        else:
            self._builder.replace(text, start, end)
        self._line_has_text = self._block_has_text = True


def _trim(runs: list[_Run]) -> list[_Run]:
    """Runs without the white space at the block's two ends (for text kept as it is)."""
    first, last = 0, len(runs)
    while first < last and _COLLAPSIBLE.issuperset(runs[first][0]):
        first += 1
    while last > first and _COLLAPSIBLE.issuperset(runs[last - 1][0]):
        last -= 1
    runs = runs[first:last]
    if runs and runs[0][3]:
        text, start, end, _ = runs[0]
        cut = len(text) - len(text.lstrip(" \t\n\r\f"))
        runs[0] = (text[cut:], start + cut, end, True)
    if runs and runs[-1][3]:
        text, start, end, _ = runs[-1]
        kept = len(text.rstrip(" \t\n\r\f"))
        runs[-1] = (text[:kept], start, start + kept, True)
    return runs
