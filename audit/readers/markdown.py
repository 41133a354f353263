"""Markdown (CommonMark, with tables): the prose of the file is one article.

Audited: headings, paragraphs, list items, block quotes and table cells, each its own paragraph.
Not audited: YAML (``---``) or TOML (``+++``) front matter, fenced and indented code, inline code,
link and image targets (a link's text is audited, an image is skipped whole), HTML comments,
raw HTML, and the emphasis marks themselves. The file's first heading is the headline.

The document's text is the prose cut out of the file, with a position map back to it (see
:class:`audit.document.Document`), so that findings point into the file. A block whose source
the parser rewrote beyond recognition (tabs expanded, say) is skipped rather than mis-placed.
``<!-- mtaudit: … -->`` comments become the document's suppressions.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Mapping, Sequence
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from audit.document import Document, ProseBuilder, Span
from audit.filters.suppressions import find_directives
from audit.readers._markup import marked_up_document

_FRONT_MATTER = re.compile(
    r"\A(?:---\n.*?\n(?:---|\.\.\.)|\+\+\+\n.*?\n\+\+\+)[ \t]*(?:\n|\Z)", re.S
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_MARKS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}
_BLOCKS = {"heading_open", "paragraph_open", "th_open", "td_open"}
# A run of prose is copied from the file; inline code is masked: it stands in the sentence as
# one word of placeholder letters, so that removing it leaves no " ," or "on." behind.
_COPY, _MASK = "copy", "mask"
Run = tuple[int, int, str]


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def read(path: str, content: str, fields: Mapping[str, str] | None = None) -> list[Document]:
    """One document: the file's prose, mapped back to the file (``fields`` does not apply)."""
    front = _FRONT_MATTER.match(content)
    # Front matter becomes blank lines, so the parser's line numbers are still the file's.
    masked = (
        content if front is None else "\n" * front.group(0).count("\n") + content[front.end() :]
    )
    lines = _line_starts(content)
    prose = ProseBuilder(content)
    blocks: list[Span] = []
    directives = []
    headline: Span | None = None
    row_cursor = 0
    tokens = _parser().parse(masked)
    for index, token in enumerate(tokens):
        if token.type == "tr_open" and token.map:
            row_cursor = lines[token.map[0]]
        elif token.type in ("html_block", "html_inline") or (
            token.type == "inline" and any(c.type == "html_inline" for c in token.children or ())
        ):
            for piece in _html_pieces(token):
                at = content.find(piece, lines[token.map[0]] if token.map else 0)
                if at >= 0:
                    directives.extend(find_directives(piece, at))
        if token.type != "inline" or not token.map or tokens[index - 1].type not in _BLOCKS:
            continue
        parent = tokens[index - 1]
        if parent.type in ("th_open", "td_open"):
            runs, row_cursor = _cell_runs(content, token, row_cursor)
        else:
            runs = _inline_runs(content, lines, token)
        if not any(kind == _COPY for _, _, kind in runs):
            continue
        prose.separate()
        text_start = prose.length
        for start, end, kind in runs:
            if kind == _COPY:
                prose.copy(start, end)
            else:
                prose.mask(start, end)
        blocks.append((runs[0][0], runs[-1][1]))
        if parent.type == "heading_open" and headline is None:
            headline = (text_start, prose.length)
    return marked_up_document(
        path,
        content,
        prose,
        directives,
        blocks,
        marked_headline=headline,
        headline_from_layout=False,
    )


def _line_starts(content: str) -> list[int]:
    return [0, *(m.end() for m in re.finditer(r"\n", content)), len(content) + 1]


def _html_pieces(token: Token) -> list[str]:
    if token.type == "inline":
        return [c.content for c in token.children or () if c.type == "html_inline"]
    return [token.content]


def _inline_runs(content: str, lines: Sequence[int], token: Token) -> list[Run]:
    """File spans of the prose of a heading or paragraph, or [] when it cannot be placed."""
    assert token.map is not None
    starts = []  # file offset of each line of the inline content
    for number, piece in enumerate(token.content.split("\n")):
        line_index = token.map[0] + number
        if line_index + 1 >= len(lines):
            return []
        line = content[lines[line_index] : lines[line_index + 1] - 1]
        at = _place(line, piece)
        if at is None:
            return []
        starts.append(lines[line_index] + at)
    return _to_file(token, starts)


def _cell_runs(content: str, token: Token, cursor: int) -> tuple[list[Run], int]:
    """File spans of a table cell's prose, found after ``cursor`` in its row."""
    end_of_row = content.find("\n", cursor)
    end_of_row = len(content) if end_of_row < 0 else end_of_row
    at = content.find(token.content, cursor, end_of_row) if token.content else -1
    if at < 0 or "\n" in token.content:
        return [], cursor
    return _to_file(token, [at]), at + len(token.content)


def _place(line: str, piece: str) -> int | None:
    """Where a line of a block's content sits in its source line (after the block marks)."""
    bare_line, bare_piece = line.rstrip(), piece.rstrip()
    if bare_piece and bare_line.endswith(bare_piece):
        at = len(bare_line) - len(bare_piece)
    else:
        at = line.find(piece)
    if at < 0 or line[at : at + len(piece)] != piece:
        return None
    return at


def _to_file(token: Token, starts: Sequence[int]) -> list[Run]:
    """The prose runs of an inline token, as file spans, given where each content line starts."""
    content = token.content
    runs = _prose_runs(content, token.children or [])
    if runs is None:
        return []
    line_starts = [0, *(m.end() for m in re.finditer(r"\n", content))]
    spans: list[Run] = []
    for start, end, kind in runs:
        while start < end:
            number = _line_of(line_starts, start)
            line_end = content.find("\n", start)
            line_end = len(content) if line_end < 0 else line_end
            if start == line_end:  # the line break itself: the file's own newline after the line
                newline = starts[number] + (line_end - line_starts[number])
                spans.append((newline, newline + 1, _COPY))
                start += 1
                continue
            stop = min(end, line_end)
            offset = starts[number] + (start - line_starts[number])
            spans.append((offset, offset + stop - start, kind))
            start = stop
    return _merge(spans)


def _line_of(line_starts: Sequence[int], offset: int) -> int:
    return bisect.bisect_right(line_starts, offset) - 1


def _merge(spans: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for start, end, kind in spans:
        if merged and merged[-1][1] == start and merged[-1][2] == kind:
            merged[-1] = (merged[-1][0], end, kind)
        else:
            merged.append((start, end, kind))
    return merged


def _prose_runs(content: str, children: Sequence[Token]) -> list[Run] | None:
    """Runs of ``content`` (an inline token's source) that are prose or masked code; None when
    the children cannot be matched against it."""
    runs: list[Run] = []
    pos = 0
    in_autolink = False
    for child in children:
        kind = child.type
        if kind in ("text", "text_special"):
            if in_autolink:
                continue
            end = _align(content, pos, child.content)
            if end is None:
                return None
            runs.append((pos, end, _COPY))
            pos = end
        elif kind in ("softbreak", "hardbreak"):
            newline = content.find("\n", pos)
            if newline < 0:
                return None
            runs.append((newline, newline + 1, _COPY))
            pos = newline + 1
            while pos < len(content) and content[pos] in " \t":
                pos += 1
        elif kind in _MARKS:
            pos = _after(content, child.markup, pos)
        elif kind == "code_inline":
            opening = content.find(child.markup, pos)
            pos = _after(content, child.markup, _after(content, child.markup, pos))
            if pos >= 0:
                # Code next to code with only white space between is one placeholder word.
                if (
                    len(runs) >= 2
                    and runs[-2][2] == _MASK
                    and not content[runs[-1][0] : runs[-1][1]].strip()
                ):
                    runs[-1] = (runs[-1][0], runs[-1][1], _MASK)
                runs.append((opening, pos, _MASK))
        elif kind == "html_inline":
            pos = _after(content, child.content, pos)
        elif kind == "link_open" and child.markup == "autolink":
            pos = _after(content, ">", pos)
            in_autolink = True
        elif kind == "link_open":
            pos = _after(content, "[", pos)
        elif kind == "link_close" and in_autolink:
            in_autolink = False
        elif kind == "link_close":
            pos = _skip_target(content, _after(content, "]", pos))
        elif kind == "image":
            opening = _after(content, "![", pos)
            pos = _skip_target(content, _after_bracket(content, opening))
        else:
            return None
        if pos < 0:
            return None
    return _merge([(s, e, k) for s, e, k in runs if s < e])


def _after(content: str, mark: str, pos: int) -> int:
    """The offset after the next ``mark`` from ``pos`` (-1 when there is none)."""
    if pos < 0:
        return -1
    at = content.find(mark, pos)
    return -1 if at < 0 else at + len(mark)


def _after_bracket(content: str, pos: int) -> int:
    """The offset after the ``]`` that closes a bracket opened just before ``pos``."""
    if pos < 0:
        return -1
    return _after_closing(content, pos, "[]", depth=1)


def _after_closing(content: str, pos: int, pair: str, depth: int) -> int:
    """The offset after the closing mark of ``pair`` that brings ``depth`` open marks to none,
    scanning from ``pos`` and skipping backslash escapes; -1 when the text ends first."""
    steps = {pair[0]: 1, pair[1]: -1}
    while pos < len(content):
        char = content[pos]
        if char == "\\":
            pos += 2
            continue
        depth += steps.get(char, 0)
        pos += 1
        if depth == 0:
            return pos
    return -1


def _skip_target(content: str, pos: int) -> int:
    """The offset after a link's ``(target "title")`` or ``[label]``, if one follows ``pos``."""
    if pos < 0 or pos >= len(content):
        return pos
    if content[pos] == "[":
        return _after(content, "]", pos)
    if content[pos] != "(":
        return pos
    return _after_closing(content, pos, "()", depth=0)


def _align(content: str, pos: int, text: str) -> int | None:
    """Where the source of a text token that starts at ``pos`` ends: the token's text is the
    source with backslash escapes and entities decoded."""
    if content.startswith(text, pos):  # the usual case: nothing was decoded
        return pos + len(text)
    index = 0
    while index < len(text):
        entity = _ENTITY.match(content, pos) if content.startswith("&", pos) else None
        if entity and text.startswith(html.unescape(entity.group(0)), index):
            index += len(html.unescape(entity.group(0)))
            pos = entity.end()
        elif content.startswith("\\", pos) and content[pos + 1 : pos + 2] == text[index]:
            pos += 2
            index += 1
        elif pos < len(content) and content[pos] == text[index]:
            pos += 1
            index += 1
        else:
            return None
    return pos
