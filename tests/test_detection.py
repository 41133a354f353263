"""Detection that holds beyond the tuning data: batch boilerplate, headline shape, house style."""

from __future__ import annotations

from pathlib import Path

from audit import Settings
from audit.boilerplate import boilerplate_lines, line_key
from audit.document import Document
from audit.engine import audit_paths, check_document
from audit.rules import find_rule

_TOWNS = ["Alder", "Birchmoor", "Cranfield", "Dunmore", "Eastwick", "Fallow"]
_PEOPLE = ["Ana Ruiz", "Tom Hale", "Maria Lind", "Kofi Mensah", "Lena Ortiz", "Ravi Menon"]
_PROMPT = "Get every update first on the Harbour app"


def _article(town: str, figure: int, tail: str = _PROMPT) -> str:
    person = _PEOPLE[_TOWNS.index(town)]
    return (
        f"{town} council approves {figure} new homes\n"
        f"{town.upper()}:\n"
        f"The council in {town} approved {figure} homes on a former {town} Quarry site, "
        f"and {person} of the planning board said work would start in {2020 + figure % 7}.\n"
        "(Harbour Wire)\n"
        f"{tail}\n"
    )


def test_a_short_line_under_many_different_articles_is_boilerplate() -> None:
    texts = [_article(town, 100 + 37 * i + i) for i, town in enumerate(_TOWNS)]
    assert line_key(_PROMPT) in boilerplate_lines(texts)


def test_datelines_and_wire_credits_repeated_across_articles_are_not_boilerplate() -> None:
    texts = [_article(town, 100 + 37 * i + i) for i, town in enumerate(_TOWNS)]
    texts = [
        text.replace("ALDER", "HARBOUR").replace(text.splitlines()[1], "HARBOUR:") for text in texts
    ]
    keys = boilerplate_lines(texts)
    assert line_key("HARBOUR:") not in keys
    assert line_key("(Harbour Wire)") not in keys


def test_one_article_translated_by_many_systems_is_counted_once() -> None:
    base = _article("Alder", 240, tail="The vote was unanimous")
    versions = [base.replace("approved", word) for word in ("passed", "backed", "cleared")]
    versions += [base.replace("would start", word) for word in ("will start", "could begin")]
    assert boilerplate_lines([base, *versions]) == frozenset()


def test_the_rule_reads_the_batch_count_only_when_selected(tmp_path: Path) -> None:
    for i, town in enumerate(_TOWNS):
        (tmp_path / f"{town}.txt").write_text(_article(town, 100 + 37 * i + i), encoding="utf-8")
    report = audit_paths([str(tmp_path)], Settings(select=("MT303",)))
    assert sorted({f.excerpt for f in report.findings}) == [_PROMPT]
    assert len(report.findings) == len(_TOWNS)
    pooled = audit_paths([str(tmp_path)], Settings(select=("MT303",), jobs=2))
    assert pooled.findings == report.findings
    alone = audit_paths([str(tmp_path / "Alder.txt")], Settings(select=("MT303",)))
    assert alone.findings == []
    others = audit_paths([str(tmp_path)], Settings(select=("MT301",)))
    assert all(f.rule == "MT301" for f in others.findings)


def test_a_transcript_that_opens_with_a_sentence_has_no_headline() -> None:
    doc = Document(id="t", text="So I want to tell you about a bridge.\nIt was built in a year.\n")
    assert doc.headline is None
    doc = Document(id="n", text="Bridge opens after a year of work\nThe bridge opened today.\n")
    assert doc.headline == (0, 33)


def test_subheadings_are_found_only_in_one_line_a_paragraph_articles() -> None:
    lines = [
        "Port traffic recovers after the storm",
        "Shipping lines reported a return to normal schedules on Tuesday, the port said.",
        "New Berths Open In The South Harbour",
        "Two new berths were opened on Wednesday, adding capacity for six more vessels.",
    ]
    doc = Document(id="s", text="\n".join(lines))
    assert [doc.text[s:e] for s, e in doc.subheadings] == [lines[2]]
    assert Document(id="b", text="\n\n".join(lines)).subheadings == ()


def test_closed_up_units_are_information_unless_the_house_style_spaces_them() -> None:
    rule = find_rule("MT107")
    doc = Document(id="u", text="The phone stores 128GB.")
    assert [f.severity for f in check_document(doc, [rule], Settings())] == ["info"]
    spaced = Settings(rule_options={"unit-style": "spaced"})
    assert [f.severity for f in check_document(doc, [rule], spaced)] == ["warning"]


def _mt210(text: str) -> list[tuple[str, str]]:
    rule = find_rule("MT210")
    doc = Document(id="b", text=text)
    return [(text[f.start : f.end], f.severity) for f in check_document(doc, [rule], Settings())]


def test_a_full_stop_before_a_lowercase_word_is_a_sentence_cut_in_two() -> None:
    assert _mt210("The talks failed on Monday. but the minister stayed.") == [(". but", "error")]


def test_an_exclamation_carried_on_in_lowercase_is_an_informal_voice_not_a_failed_check() -> None:
    text = "What a season for the club! it will be hard to match next year."
    assert _mt210(text) == [("! it", "warning")]


def test_an_aside_in_brackets_after_a_sentence_is_a_warning() -> None:
    text = "The fans stayed until the end. (full disclosure: so did this writer)"
    assert _mt210(text) == [(". (full", "warning")]


def test_an_abbreviation_after_a_hyphen_ends_no_sentence() -> None:
    text = "Both sides want to stabilise China-U.S. relations, and pro-U.S. voters agree."
    assert _mt210(text) == []
