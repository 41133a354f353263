"""XLIFF and TMX: one Document per translated unit, findings placed inside the unit's target."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from audit.config import Settings
from audit.document import Document
from audit.engine import check_document
from audit.findings import Finding
from audit.readers import InputError, Source, read_source
from audit.rules import select_rules

PAGES = Path(__file__).parent / "fixtures" / "pages"
XLIFF_1, XLIFF_2, TMX = PAGES / "units-1.2.xlf", PAGES / "units-2.0.xliff", PAGES / "memory.tmx"


def _findings(document: Document) -> list[Finding]:
    settings = Settings()
    return check_document(document, select_rules(settings.select, settings.ignore), settings)


def _at(path: Path, line: int, column: int) -> str:
    """The file's text from (line, column) to the end of that line."""
    return path.read_text(encoding="utf-8").split("\n")[line - 1][column - 1 :]


def _between(path: Path, finding: Finding) -> str:
    lines = path.read_text(encoding="utf-8").split("\n")
    assert finding.line == finding.end_line
    return lines[finding.line - 1][finding.column - 1 : finding.end_column - 1]


def test_xliff_1_units_carry_source_target_id_and_languages() -> None:
    documents = read_source(Source(str(XLIFF_1)))
    # p4 has no target yet and p5 is marked translate="no": neither is audited.
    assert [d.id for d in documents] == ["p1", "p2", "p3"]
    second = documents[1]
    assert second.text == "Officials said. the army has opened three camps & kitchens."
    assert second.source == "अधिकारियों ने कहा कि सेना ने तीन शिविर खोले हैं।"
    assert second.meta == {"source_lang": "hi-IN", "target_lang": "en"}
    assert second.record_line == 13
    # Native codes inside <bpt>, <ept> and <ph> are left out of both sides.
    assert documents[2].text == "Near the river 41 villages are cut off."
    assert documents[2].source == "नदी के पास 14 गांव कटे हुए हैं।"


def test_xliff_1_findings_point_inside_the_target_and_name_the_unit() -> None:
    documents = read_source(Source(str(XLIFF_1)))
    found = {(f.doc_id, f.rule): f for d in documents for f in _findings(d)}
    lakh = found[("p1", "MT101")]
    assert (lakh.line, lakh.column) == (8, 34)
    assert _between(XLIFF_1, lakh) == "1 lakh"
    boundary = found[("p2", "MT210")]
    assert documents[1].text_span(boundary.start, boundary.end) is None  # it crosses a tag
    # The span crosses the <g> start tag: it covers it in the file.
    assert _between(XLIFF_1, boundary) == '. <g id="1">the'
    # The source-aware rules see the unit's source.
    mismatch = found[("p3", "MT801")]
    assert _between(XLIFF_1, mismatch) == "41"


def test_xliff_2_with_prefixed_namespace_joins_segments_of_a_unit() -> None:
    documents = read_source(Source(str(XLIFF_2)))
    assert [d.id for d in documents] == ["u-headline", "u-body"]
    body = documents[1]
    assert body.text == "The camp holds 300 people. They say. water is short… for now."
    assert body.source == "शिविर में 300 लोग हैं। वे कहते हैं कि पानी कम है।"
    assert body.meta["target_lang"] == "en-GB"
    found = {(f.doc_id, f.rule): f for d in documents for f in _findings(d)}
    assert _between(XLIFF_2, found[("u-headline", "MT101")]) == "Rs 2 crore"
    boundary = found[("u-body", "MT210")]
    assert (boundary.line, boundary.column) == (20, 27)
    assert _at(XLIFF_2, boundary.line, boundary.column).startswith('. <x:pc id="1">water')


def test_xliff_reference_to_a_character_covers_the_whole_reference() -> None:
    body = read_source(Source(str(XLIFF_2)))[1]
    ellipsis = body.text.index("…")
    line, column = body.position(ellipsis)
    end_line, end_column = body.position(ellipsis + 1, end=True)
    text = XLIFF_2.read_text(encoding="utf-8").split("\n")[line - 1]
    assert (line, end_line) == (20, 20)
    assert text[column - 1 : end_column - 1] == "&#8230;"


def test_tmx_reads_source_target_and_a_third_language_as_reference() -> None:
    documents = read_source(Source(str(TMX)), {"reference": "en-GB"})
    assert [d.id for d in documents] == ["tu-1", "tu-2"]  # tu-3 has no English
    first = documents[0]
    assert first.text == "Rs 5 crore was spent on relief. and more is promised."
    assert first.source == "राहत पर 5 करोड़ रुपये खर्च हुए।"
    assert first.reference == "Rs 50 million was spent on relief, and more is promised."
    assert documents[1].reference is None
    found = {(f.doc_id, f.rule): f for d in documents for f in _findings(d)}
    assert _between(TMX, found[("tu-1", "MT101")]) == "Rs 5 crore"
    assert _between(TMX, found[("tu-1", "MT210")]) == ". and"


def test_tmx_target_language_can_be_named() -> None:
    documents = read_source(Source(str(TMX)), {"target": "EN-gb"})
    assert [d.text for d in documents] == [
        "Rs 50 million was spent on relief, and more is promised."
    ]
    assert documents[0].meta == {"source_lang": "hi", "target_lang": "EN-gb"}


def test_xml_units_get_length_ratio_statistics_of_their_file() -> None:
    documents = read_source(Source(str(XLIFF_1)))
    assert documents[0].file_stats["length_ratio_count"] == 3.0


_BOMB = """<?xml version="1.0"?>
<!DOCTYPE xliff [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
  <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<xliff version="1.2"><file><body>
<trans-unit id="1"><source>a</source><target>&g;</target></trans-unit>
</body></file></xliff>
"""


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("bomb.xlf", _BOMB, "line 3: refused XML with an entity declaration"),
        ("empty.xliff", "", "line 1, column 1: malformed XML (no element found)"),
        (
            "cut.xlf",
            '<xliff version="1.2"><file><body>\n<trans-unit id="1"><target>x</trans-unit>',
            "line 2, column 31: malformed XML (mismatched tag)",
        ),
        ("other.tmx", "<html><p>hi</p></html>", "line 1: not a TMX file"),
        ("page.xlf", "<tmx/>", "line 1: not an XLIFF file"),
        (
            "external.tmx",
            '<!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/hostname">]>\n<tmx>&secret;</tmx>',
            "line 1: refused XML with an entity declaration",
        ),
        ("undefined.xlf", "<xliff>&nbsp;</xliff>", "line 1, column 8: malformed XML"),
    ],
)
def test_bad_xml_is_a_one_line_input_error_naming_the_file_and_line(
    tmp_path: Path, name: str, content: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_source(Source(str(path)))
    message = str(caught.value)
    assert message.startswith(f"{path}: {reason}")
    assert "\n" not in message


def test_a_doctype_naming_the_tmx_dtd_is_read_without_fetching_it(tmp_path: Path) -> None:
    path = tmp_path / "with-dtd.tmx"
    content = TMX.read_text(encoding="utf-8")
    path.write_text(
        content.replace("<tmx ", '<!DOCTYPE tmx SYSTEM "http://example.invalid/tmx14.dtd">\n<tmx '),
        encoding="utf-8",
    )
    assert [d.id for d in read_source(Source(str(path)))] == ["tu-1", "tu-2"]


def test_entity_bomb_does_not_stop_the_rest_of_the_batch(tmp_path: Path) -> None:
    (tmp_path / "a-bomb.xlf").write_text(_BOMB, encoding="utf-8")
    shutil.copy(XLIFF_1, tmp_path / "b-units.xlf")
    result = subprocess.run(
        [sys.executable, "-m", "audit", "check", "-f", "jsonl", str(tmp_path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "a-bomb.xlf: line 3: refused XML" in result.stderr
    assert {json.loads(line)["doc_id"] for line in result.stdout.splitlines()} == {"p1", "p2", "p3"}


def test_check_on_a_folder_mixing_every_format(mtaudit, tmp_path: Path) -> None:
    for fixture in PAGES.iterdir():
        shutil.copy(fixture, tmp_path / fixture.name)
    (tmp_path / "brief.txt").write_text("Relief camps\n\nTrucks arrived. and left.\n", "utf-8")
    result = mtaudit("check", "-f", "jsonl", str(tmp_path))
    assert result.returncode == 1, result.stderr
    found = [json.loads(line) for line in result.stdout.splitlines()]
    by_file = {Path(f["path"]).name for f in found}
    assert by_file == {
        "article.html",
        "units-1.2.xlf",
        "units-2.0.xliff",
        "memory.tmx",
        "brief.txt",
    }
    assert ("units-1.2.xlf", "p1", 8) in {
        (Path(f["path"]).name, f["doc_id"], f["line"]) for f in found
    }
    # Same input, same output, whatever the number of workers.
    parallel = mtaudit("check", "-f", "jsonl", "--jobs", "2", str(tmp_path))
    assert parallel.stdout == result.stdout


@pytest.mark.parametrize("version", ["2.0", "2.1"])
def test_xliff_2_in_the_default_namespace_reads_the_same(tmp_path: Path, version: str) -> None:
    content = XLIFF_2.read_text(encoding="utf-8")
    content = content.replace("<x:", "<").replace("</x:", "</").replace("xmlns:x=", "xmlns=")
    content = content.replace("document:2.0", f"document:{version}")
    path = tmp_path / "default.xlf"
    path.write_text(content, encoding="utf-8")
    documents = read_source(Source(str(path)))
    assert [d.text for d in documents] == [d.text for d in read_source(Source(str(XLIFF_2)))]
    boundary = next(f for f in _findings(documents[1]) if f.rule == "MT210")
    assert _at(path, boundary.line, boundary.column).startswith('. <pc id="1">water')


def test_xliff_2_code_point_element_is_read_as_its_character(tmp_path: Path) -> None:
    path = tmp_path / "cp.xlf"
    path.write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="hi" '
        'trgLang="en"><file id="f"><unit id="u"><segment><source>a</source>'
        '<target>Tab<cp hex="0009"/>stop</target></segment></unit></file></xliff>',
        encoding="utf-8",
    )
    assert read_source(Source(str(path)))[0].text == "Tab\tstop"


def test_an_empty_target_awaiting_translation_is_not_an_empty_translation(tmp_path: Path) -> None:
    path = tmp_path / "pending.xlf"
    path.write_text(
        '<xliff version="1.2"><file source-language="hi" target-language="en"><body>\n'
        '<trans-unit id="new"><source>अभी नहीं</source><target state="new"/></trans-unit>\n'
        '<trans-unit id="lost"><source>खो गया</source><target state="translated"></target>'
        "</trans-unit>\n</body></file></xliff>",
        encoding="utf-8",
    )
    documents = read_source(Source(str(path)))
    assert [d.id for d in documents] == ["lost"]
    empty = _findings(documents[0])
    # The empty translation is reported at its <target> in the file.
    assert [(f.rule, f.line) for f in empty] == [("MT001", 3)]
