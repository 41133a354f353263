"""HTML pages: what is audited as the article, and where findings land in the page's source."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from audit.config import Settings
from audit.document import Document
from audit.engine import check_document
from audit.filters import filter_findings
from audit.filters.suppressions import apply_suppressions
from audit.findings import Finding
from audit.readers import InputError, Source, read_source
from audit.readers import html as html_reader
from audit.rules import select_rules

PAGES = Path(__file__).parent / "fixtures" / "pages"
ARTICLE = PAGES / "article.html"


def _page(markup: str) -> Document:
    return html_reader.read("page.html", markup)[0]


def _findings(document: Document) -> list[Finding]:
    """The findings as ``mtaudit check`` reports them: suppression comments applied."""
    settings = Settings()
    rules = select_rules(settings.select, settings.ignore)
    return filter_findings(document, check_document(document, rules, settings), settings)


def _file_offset(content: str, line: int, column: int) -> int:
    return sum(len(text) + 1 for text in content.split("\n")[: line - 1]) + column - 1


def _as_read(source_markup: str) -> str:
    """File text as a reader of the page sees it: tags dropped, references decoded, spaces one."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", source_markup)).split())


def test_article_blocks_become_paragraphs_with_the_h1_as_headline() -> None:
    document = read_source(Source(str(ARTICLE)))[0]
    paragraphs = [document.text[s:e] for s, e in document.paragraphs]
    assert paragraphs[0] == "Flood relief reaches 1\xa0lakh families in Barmer’s villages"
    assert document.headline == document.paragraphs[0]
    assert paragraphs[1] == "Rajasthan"
    assert "Drinking water: 40 tankers a day" in paragraphs
    assert "Families wait for food at a camp near Sindhari." in paragraphs
    assert ["Block", "Villages cut off", "Sindhari", "14"] == paragraphs[-5:-1]
    # Furniture inside the article is audited; the form and everything outside is not.
    assert paragraphs[-1] == "Leave a Reply"


@pytest.mark.parametrize(
    "outside",
    [
        "Home",  # nav
        "Trending",
        "Share this:",  # footer outside the article
        "Also read",  # script, comment, template
        "Read more",  # noscript
        "Your email address",  # form
        "Post Comment",  # button
        "text-transform",  # style
        "The Evening Ledger",  # title, when the page has an h1
    ],
)
def test_furniture_outside_the_prose_is_not_audited(outside: str) -> None:
    document = read_source(Source(str(ARTICLE)))[0]
    assert outside not in document.text


def test_every_finding_cuts_its_text_and_points_at_it_in_the_page() -> None:
    content = ARTICLE.read_text(encoding="utf-8")
    document = read_source(Source(str(ARTICLE)))[0]
    findings = _findings(document)
    assert {f.rule for f in findings} >= {"MT101", "MT210", "MT301"}
    settings = Settings()
    hits = {}  # each rule's hits on the audited text, by the file span they map to
    for current in select_rules(settings.select, settings.ignore):
        for hit in current.check(document, settings):
            hits[(current.code, document.file_span(hit.start, hit.end))] = hit
    for finding in findings:
        hit = hits[(finding.rule, (finding.start, finding.end))]
        audited = document.text[hit.start : hit.end]
        start = _file_offset(content, finding.line, finding.column)
        end = _file_offset(content, finding.end_line, finding.end_column)
        assert (start, end) == (finding.start, finding.end), finding.rule
        assert _as_read(content[start:end]) == " ".join(audited.split()), finding.rule


def test_a_finding_over_a_character_reference_covers_the_whole_reference() -> None:
    content = ARTICLE.read_text(encoding="utf-8")
    document = read_source(Source(str(ARTICLE)))[0]
    lakh = next(f for f in _findings(document) if f.rule == "MT101")
    assert content[lakh.start : lakh.end] == "1&nbsp;lakh"
    assert document.text_span(lakh.start, lakh.end) == (
        document.text.index("1\xa0lakh"),
        document.text.index("1\xa0lakh") + len("1\xa0lakh"),
    )
    start = _file_offset(content, lakh.line, lakh.column)
    end = _file_offset(content, lakh.end_line, lakh.end_column)
    assert content[start:end] == "1&nbsp;lakh"
    assert (lakh.line, lakh.column) == (17, 32)


def test_a_decoded_apostrophe_maps_to_its_numeric_reference() -> None:
    markup = "<p>Top</p>\n<p>Barmer&#8217;s camps &amp;\n  kitchens</p>"
    document = _page(markup)
    assert document.text == "Top\n\nBarmer’s camps & kitchens"
    apostrophe = document.text.index("’")
    assert document.position(apostrophe) == (2, 10)
    assert document.position(apostrophe + 1, end=True) == (2, 17)
    start, end = document.file_span(apostrophe, apostrophe + 1)
    assert markup[start:end] == "&#8217;"
    ampersand = document.text.index("&")
    start, end = document.file_span(ampersand, ampersand + 1)
    assert markup[start:end] == "&amp;"
    # A finding that ends on the last word of a block ends there, not at the next tag.
    last = document.text.index("kitchens")
    assert document.position(last + len("kitchens"), end=True) == (3, 11)


def test_main_is_the_article_and_the_page_header_is_not() -> None:
    document = _page(
        "<header><h1>The Evening Ledger</h1></header>"
        "<main><h2>Relief reaches Sindhari</h2><p>Trucks arrived on Tuesday.</p></main>"
        "<aside><p>Trending</p></aside>"
    )
    assert document.text == "Relief reaches Sindhari\n\nTrucks arrived on Tuesday."


def test_without_article_or_main_the_body_less_header_footer_and_aside_is_read() -> None:
    document = _page(
        "<header><p>Menu</p></header><div>Trucks arrived on Tuesday.<br>Camps opened.</div>"
        "<aside>Trending</aside><footer>Share this:</footer>"
    )
    assert document.text == "Trucks arrived on Tuesday.\nCamps opened."


def test_a_line_break_stays_in_its_paragraph_and_two_make_a_new_one() -> None:
    document = _page("<h1>Camps open</h1><p>One line <br/>\n  next line</p><div>A.<br><br>B.</div>")
    assert document.text == "Camps open\n\nOne line\nnext line\n\nA.\n\nB."
    assert [document.text[s:e] for s, e in document.paragraphs][1] == "One line\nnext line"


def test_nested_articles_are_read_as_the_outermost_one() -> None:
    document = _page(
        "<article><h1>Camps open</h1><p>Body text.</p>"
        "<article><p>Leave a Reply</p></article></article>"
        "<article><p>Another story</p></article>"
    )
    assert document.text == "Camps open\n\nBody text.\n\nLeave a Reply"


def test_the_title_stands_in_for_a_missing_h1_without_the_site_name() -> None:
    markup = "<title>Relief reaches Barmer villages | Evening Ledger</title><p>Body text.</p>"
    document = _page(markup)
    assert document.text == "Relief reaches Barmer villages\n\nBody text."
    assert document.position(0) == (1, 8)


def test_hostile_pages_read_without_error() -> None:
    assert _page("").text == ""
    assert _page("<p>No body or html element.</p>").text == "No body or html element."
    assert _page("<div><p>Unclosed <b>tags <i>everywhere").text == "Unclosed tags everywhere"
    assert _page("<script>never closed <p>1 lakh</p>").text == ""
    assert _page("</div></p><p>Stray end tags.</p></span>").text == "Stray end tags."
    assert _page("<p>A &bogus; &#xZZ; & ampersand</p>").text == "A &bogus; &#xZZ; & ampersand"
    assert _page('<p hidden>Hidden</p><p aria-hidden="true">Also</p><p>Shown</p>').text == "Shown"


def test_an_empty_page_reports_the_empty_translation_at_its_start() -> None:
    findings = _findings(_page("<html><body>\n</body></html>"))
    assert [(f.rule, f.line, f.column) for f in findings] == [("MT001", 1, 1)]


def test_invalid_utf8_page_is_a_one_line_input_error(tmp_path: Path) -> None:
    page = tmp_path / "latin1.html"
    page.write_bytes("<p>Caf\xe9</p>".encode("latin-1"))
    with pytest.raises(InputError, match="invalid UTF-8"):
        read_source(Source(str(page)))


def test_check_reports_html_findings_at_the_page_line(mtaudit, tmp_path: Path) -> None:
    shutil.copy(ARTICLE, tmp_path / "article.htm")
    result = mtaudit("check", "-f", "jsonl", str(tmp_path))
    assert result.returncode == 1, result.stderr
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert {(f["rule"], f["line"]) for f in found} >= {("MT101", 17), ("MT301", 31)}
    assert all(Path(f["path"]).name == "article.htm" for f in found)


_SUPPRESSED = """<article>
<h1>Relief for 2 lakh families</h1>
<!-- mtaudit: ignore MT101 -->
<p>Trucks carried 1 lakh food packets. and water.</p>
<p>Another 3 lakh packets are on the way.</p>
<!-- mtaudit: disable -->
<p>Leave a Reply</p>
<p>Also read: Camps open in Sindhari</p>
<!-- mtaudit: enable -->
<p>Share this:</p>
<!-- mtaudit: ignore MT3 -->
</article>"""


def test_suppression_comments_silence_the_next_block_or_a_range() -> None:
    document = _page(_SUPPRESSED)
    found = [(f.rule, _as_read(_SUPPRESSED[f.start : f.end])) for f in _findings(document)]
    assert ("MT101", "1 lakh") not in found  # ignore MT101 on the next block only
    assert ("MT210", ". and") in found  # a rule it does not name
    assert ("MT101", "3 lakh") in found and ("MT101", "2 lakh") in found
    assert not any(
        text in ("Leave a Reply", "Also read: Camps open in Sindhari") for _, text in found
    )
    assert ("MT301", "Share this:") in found  # after the enable


def test_each_suppression_comment_keeps_its_place_in_the_page() -> None:
    document = _page(_SUPPRESSED)

    def blocks_covered(covers: tuple[int, int]) -> int:
        starts = [document.file_span(*paragraph)[0] for paragraph in document.paragraphs]
        return sum(covers[0] <= start < covers[1] for start in starts)

    placed = [
        (
            _SUPPRESSED[s.comment[0] : s.comment[1]],
            s.codes,
            *document.file_position(s.comment[0]),
            blocks_covered(s.covers),
        )
        for s in document.suppressions
    ]
    assert placed == [
        ("<!-- mtaudit: ignore MT101 -->", ("MT101",), 3, 1, 1),
        ("<!-- mtaudit: disable -->", (), 6, 1, 2),
        # An ignore with nothing after it covers nothing: a report can call it unused.
        ("<!-- mtaudit: ignore MT3 -->", ("MT3",), 11, 1, 0),
    ]


def test_an_unused_suppression_comment_is_reported_as_in_markdown() -> None:
    document = _page(_SUPPRESSED)
    settings = Settings(report_unused_suppressions=True)
    rules = select_rules(settings.select, settings.ignore)
    found = filter_findings(document, check_document(document, rules, settings), settings)
    unused = [(f.line, f.column) for f in found if f.rule == "MT009"]
    assert unused == [(11, 1)]
    _, unused_suppressions = apply_suppressions(
        check_document(document, rules, settings), document.suppressions
    )
    assert [s.verb for s in unused_suppressions] == ["ignore"]


def test_ordinary_comments_and_lookalikes_are_not_directives() -> None:
    document = _page(
        "<!-- mtaudit is run on every page --><!-- mtaudit: ignoreMT101 --><p>Text 1 lakh.</p>"
    )
    assert document.suppressions == ()


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        # An "&#" that is no reference is text, and the markup after it is still markup.
        ("<p>a &#; b</p><p>c &#; d</p><script>x</script><p>e</p>", "a &#; b\n\nc &#; d\n\ne"),
        # An unclosed comment runs to the end of the page, as in HTML5.
        ("<p>Before</p><!-- never closed <p>After</p>", "Before"),
        # A tag left open at the end of the page is not text.
        ("<p>Done</p><p>Tail <a href", "Done\n\nTail"),
        ("<p>x<![CDATA[ hidden ]]>y</p>", "xy"),
        ("<p>Rates rose 3% &lt; 5% &#8217</p>", "Rates rose 3% < 5% ’"),
    ],
)
def test_broken_markup_is_read_as_a_browser_reads_it(markup: str, text: str) -> None:
    assert _page(markup).text == text
