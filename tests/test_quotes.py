"""Quotation pairing shared by the quotation rules, and the house style for quotation marks."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from audit import Settings
from audit.config import ConfigError, load_settings
from audit.document import Document
from audit.engine import check_document
from audit.rules import _quotes, find_rule
from audit.rules._quotes import quotation_marks


def _findings(code: str, text: str, settings: Settings | None = None) -> list[tuple[str, str]]:
    rule = find_rule(code)
    assert rule is not None
    doc = Document(id="t", text=text)
    return [
        (doc.text[f.start : f.end], f.severity)
        for f in check_document(doc, [rule], settings or Settings())
    ]


def test_pairing_is_computed_once_per_document_and_shared() -> None:
    doc = Document(id="t", text="“We will win,” she said. He called it “a turning point.")
    assert quotation_marks(doc) is quotation_marks(doc)
    assert quotation_marks(Document(id="t", text=doc.text)) is not quotation_marks(doc)


def test_whole_sentences_left_open_to_the_paragraph_end_are_a_warning() -> None:
    text = "The mayor said: “We will rebuild the bridge. It will take two years.\n\nTalks follow."
    assert _findings("MT202", text) == [
        ("“We will rebuild the bridge. It will take two years.", "warning")
    ]


def test_a_speech_verb_after_the_unclosed_mark_keeps_it_an_error() -> None:
    text = "“This is pure terror against the people of the city, he said."
    assert _findings("MT202", text) == [(text, "error")]


def test_an_unclosed_mark_in_mid_sentence_is_an_error() -> None:
    text = "He called it “a turning point and left the room."
    assert _findings("MT202", text) == [("“a turning point and left the room.", "error")]


def test_quote_style_any_is_the_default_and_reports_nothing() -> None:
    assert Settings().quote_style == "any"
    assert _findings("MT232", '"We will win," she said. “Curly,” he said.') == []


@pytest.mark.parametrize("style", ["typographic", "straight", "any"])
def test_quote_style_is_read_from_the_configuration(tmp_path: Path, style: str) -> None:
    config = tmp_path / "mtaudit.toml"
    config.write_text(f'quote-style = "{style}"\n', encoding="utf-8")
    assert load_settings(config).quote_style == style


def test_an_unknown_quote_style_names_the_file_and_the_choices(tmp_path: Path) -> None:
    config = tmp_path / "mtaudit.toml"
    config.write_text('quote-style = "curly"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"mtaudit\.toml: 'quote-style' must be one of any, "):
        load_settings(config)


def test_quote_style_on_the_command_line(mtaudit, tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text('Headline\n\n"We will win," she said.\n', encoding="utf-8")
    typographic = mtaudit(
        "check", "--isolated", "-f", "jsonl", "--quote-style", "typographic", str(article)
    )
    assert [line.count('"rule": "MT232"') for line in typographic.stdout.splitlines()] == [1, 1]
    default = mtaudit("check", "--isolated", "-f", "jsonl", str(article))
    assert "MT232" not in default.stdout
    wrong = mtaudit("check", "--quote-style", "curly", str(article))
    assert wrong.returncode == 2


def test_clean_articles_written_one_sentence_a_line_give_no_finding(mtaudit) -> None:
    result = mtaudit("check", "-f", "jsonl", "--fail-on", "info", "corpora/clean-segments")
    assert result.stdout == ""
    assert result.returncode == 0


def test_marks_found_by_paragraph_are_those_of_a_scan_of_each_paragraph() -> None:
    # The analysis finds mark characters with str.find and reads them as _MARK reads them.
    rng = random.Random(3)
    pieces = [*"\"'“”‘’„«»", "''", '""', "'''", *"ab .\n", "\n\n", " \n \n", "x'", "5' 10\""]
    doubled = 0
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        # The document's paragraphs, and arbitrary spans that may cut a doubled mark in two.
        cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, 6)))
        arbitrary = tuple(zip(cuts[::2], cuts[1::2], strict=False))
        for paragraphs in (Document(id="t", text=text).paragraphs, arbitrary):
            expected = [
                [m.span() for m in _quotes._MARK.finditer(text, start, end)]
                for start, end in paragraphs
            ]
            found = list(_quotes._marks_by_paragraph(text, paragraphs))
            assert found == expected, (text, paragraphs)
            doubled += any(j - i == 2 for spans in found for i, j in spans)
    assert doubled > 1000
