"""Markdown articles: only the prose is audited, and every finding points into the file."""

from __future__ import annotations

import pytest

from audit import Settings
from audit.engine import check_document
from audit.readers import READERS
from audit.readers.markdown import read
from audit.rules import select_rules

ARTICLE = """---
title: Relief fund reaches 5 lakh families
tags: [floods, 2 crore]
---

# Flood relief reaches 3 lakh families ##

The state paid out `7 lakh` rupees and [4 lakh people](https://example.org/9-lakh "9 lakh")
returned home; ![8 lakh](chart-6-lakh.png) officials said 2 lakh more &amp; their
families would follow.

<!-- 11 lakh in a comment -->
<div class="aside">12 lakh in raw HTML</div>

    13 lakh in an indented code block

```text
14 lakh in a fenced code block
```

> The minister said 15 lakh
> tents had been sent.

- 16 lakh meals a day
- Schools reopen on Monday.

| district | families |
|---|---|
| North | 17 lakh |

[ref]: https://example.org/18-lakh
"""


def _findings(text: str, path: str = "flood.md") -> list:
    document = read(path, text)[0]
    return check_document(document, select_rules(["MT101"]), Settings())


def test_markdown_reader_is_used_for_md_and_markdown() -> None:
    assert READERS[".md"] is read
    assert READERS[".markdown"] is read


def test_inline_code_stands_as_a_placeholder_word_and_maps_to_the_code() -> None:
    text = "Open the `settings.toml`, then click on `Save`.\n"
    document = read("a.md", text)[0]
    assert document.text == "Open the Xxxxxxxxxxxxxxx, then click on Xxxxxx."
    start = document.text.index("Xxxxxx.")
    assert document.file_span(start, start + 6) == (text.index("`Save`"), text.rindex("."))
    findings = check_document(document, select_rules(), Settings())
    assert findings == []


def test_only_prose_is_audited_not_front_matter_code_html_or_targets() -> None:
    flagged = [ARTICLE[f.start : f.end] for f in _findings(ARTICLE)]
    assert flagged == ["3 lakh", "4 lakh", "2 lakh", "15 lakh", "16 lakh", "17 lakh"]


def test_offsets_lines_and_columns_point_into_the_original_file() -> None:
    lines = ARTICLE.split("\n")
    for finding in _findings(ARTICLE):
        assert ARTICLE[finding.start : finding.end] == finding.excerpt
        line = lines[finding.line - 1]
        assert line[finding.column - 1 :].startswith(finding.excerpt)
        assert finding.end_line == finding.line
        assert finding.end_column - finding.column == len(finding.excerpt)


def test_a_span_across_a_line_break_and_an_entity_cuts_the_file_text() -> None:
    text = "Prices rose.\n\nThe fund grew &amp; grew\nand grew and grew and grew.\n"
    document = read("a.md", text)[0]
    start = document.text.index("&amp;")
    end = document.text.index("and grew and")
    file_start, file_end = document.file_span(start, end)
    assert text[file_start:file_end] == "&amp; grew\n"


def test_first_heading_is_the_headline_even_after_front_matter() -> None:
    document = read("a.md", ARTICLE)[0]
    assert document.headline is not None
    assert document.text[slice(*document.headline)] == "Flood relief reaches 3 lakh families"


def test_markdown_without_a_heading_has_no_headline() -> None:
    document = read("a.md", "Talks resumed on Monday\n\nThe envoys met at noon.\n")[0]
    assert document.headline is None


def test_blocks_are_separate_paragraphs() -> None:
    document = read("a.md", "# Title\n\n- one item\n- two item\n\n> a quote\n")[0]
    assert [document.text[s:e] for s, e in document.paragraphs] == [
        "Title",
        "one item",
        "two item",
        "a quote",
    ]


def test_link_text_is_prose_and_emphasis_marks_are_not() -> None:
    document = read("a.md", "Read *the* **full** [report](https://x.org/a_b) now.\n")[0]
    assert document.text == "Read the full report now."


@pytest.mark.parametrize(
    "text",
    ["", "---\ntitle: only front matter\n---\n", "```\ncode only\n```\n", "<!-- c -->\n"],
)
def test_a_file_without_prose_is_an_empty_article(text: str) -> None:
    document = read("a.md", text)[0]
    assert document.text == ""
    findings = check_document(document, select_rules(["MT001"]), Settings())
    assert [f.rule for f in findings] == ["MT001"]


def test_toml_front_matter_is_skipped() -> None:
    text = '+++\ntitle = "5 lakh"\n+++\n\nAbout 6 lakh people came.\n'
    assert [text[f.start : f.end] for f in _findings(text)] == ["6 lakh"]


def test_windows_line_endings_are_normalised_before_reading(tmp_path) -> None:
    from audit.readers import Source, read_source

    path = tmp_path / "a.md"
    path.write_bytes(b"# Title\r\n\r\nAbout 1 lakh people came.\r\n")
    document = read_source(Source(str(path)))[0]
    findings = check_document(document, select_rules(["MT101"]), Settings())
    assert [(f.line, f.column) for f in findings] == [(3, 7)]


def test_text_span_maps_a_finding_back_to_audited_text_only_within_one_run() -> None:
    text = "Read the `code` and 5 lakh [more](https://x.org).\n"
    document = read("a.md", text)[0]
    start = text.index("5 lakh")
    span = document.text_span(start, start + len("5 lakh"))
    assert span is not None and document.text[span[0] : span[1]] == "5 lakh"
    # A file span across skipped markup has no single counterpart in the audited text.
    assert document.text_span(text.index("the"), text.index("and")) is None
    assert document.text_span(text.index("https"), text.index("https") + 5) is None


@pytest.mark.parametrize(
    ("markdown", "prose"),
    [
        ("Title\n=====\n\nText *em* _u_ __strong__ end.\n", "Title\n\nText em u strong end."),
        ("- a\n  - nested *b*\n    continued\n- c\n", "a\n\nnested b\ncontinued\n\nc"),
        (
            "See [a (b) c](http://x.org/a_(b)) and [ref][r], <http://auto.link> ok.\n\n"
            "[r]: http://r\n",
            "See a (b) c and ref,  ok.",
        ),
        ("Hard break\\\nnext line.\n", "Hard break\nnext line."),
        ("> quote\nlazy line\n", "quote\nlazy line"),
        ("Text with `` code ` inside `` and more.\n", "Text with X" + "x" * 18 + " and more."),
        ("Click on `Save`, then `a` `b`.\n", "Click on Xxxxxx, then Xxxxxxx."),
        ("* item\n\n  second paragraph\n\n* another\n", "item\n\nsecond paragraph\n\nanother"),
        ("foo<!-- note -->bar <b>bold</b>.\n", "foobar bold."),
    ],
)
def test_prose_of_common_constructs(markdown: str, prose: str) -> None:
    assert read("a.md", markdown)[0].text == prose


def test_every_audited_character_comes_from_its_mapped_file_offset() -> None:
    import random

    rnd = random.Random(7)
    alphabet = [*"ab *_`[]()!<>#-|\\&;\n\n  >1.", "&amp;", "lakh", "<!--", "-->", "```"]
    for _ in range(500):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 60)))
        document = read("a.md", text)[0]
        for offset, char in enumerate(document.text):
            mapped = document.file_offset(offset)
            # Only the line breaks between blocks and the letters masking inline code are not
            # the file's own characters.
            assert text[mapped : mapped + 1] == char or char in "\nXx", (text, offset)
