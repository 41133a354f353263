"""The map from offsets of an audited text back to the file it was read from."""

from __future__ import annotations

from audit.document import Document, ProseBuilder

FILE = "<h1>Barmer&#8217;s\n  camps</h1>\n<p>Open</p>"


def _mapped() -> Document:
    builder = ProseBuilder(FILE)
    builder.copy(4, 10)  # Barmer
    builder.replace("’", 10, 17)  # &#8217;
    builder.copy(17, 18)  # s
    builder.replace(" ", 18, 21)  # a line break and two spaces, collapsed
    builder.copy(21, 26)  # camps
    builder.insert("\n\n", 26)  # between blocks: nothing in the file
    builder.copy(35, 39)  # Open
    text, origin = builder.build()
    return Document(id="page", text=text, original=FILE, origin=origin)


def test_copied_text_maps_character_for_character() -> None:
    document = _mapped()
    assert document.text == "Barmer’s camps\n\nOpen"
    assert document.position(0) == (1, 5)
    assert document.position(document.text.index("camps")) == (2, 3)
    assert document.position(document.text.index("Open")) == (3, 4)


def test_a_replaced_character_spans_its_whole_source() -> None:
    document = _mapped()
    apostrophe = document.text.index("’")
    start, end = document.file_span(apostrophe, apostrophe + 1)
    assert FILE[start:end] == "&#8217;"
    start, end = document.file_span(0, len("Barmer’s camps"))
    assert FILE[start:end] == "Barmer&#8217;s\n  camps"


def test_an_end_offset_stops_after_the_last_character_not_at_the_next_tag() -> None:
    document = _mapped()
    end_of_camps = document.text.index("camps") + len("camps")
    assert document.position(end_of_camps, end=True) == (2, 8)
    assert document.position(end_of_camps) == (2, 8)  # the separator sits where the block ended
    end_of_text = len(document.text)
    assert document.position(end_of_text, end=True) == (3, 8)


def test_an_empty_text_points_at_its_anchor() -> None:
    text, origin = ProseBuilder(FILE).build(anchor=FILE.index("<p>"))
    document = Document(id="empty", text=text, original=FILE, origin=origin)
    assert document.position(0) == (3, 1)


def test_without_an_origin_positions_are_the_texts_own() -> None:
    document = Document(id="plain", text="one\ntwo")
    assert document.position(4) == (2, 1)
    assert document.position(7, end=True) == (2, 4)


def test_a_fixable_span_may_hold_whole_references_and_collapsed_space_never_markup() -> None:
    document = _mapped()
    whole = FILE.index("Barmer"), FILE.index("</h1>")
    assert document.text_span(*whole) == (0, len("Barmer’s camps"))
    reference = FILE.index("&#"), FILE.index("s\n")
    assert document.text_span(*reference) == (6, 7)
    # Cutting into the reference, or crossing into the next block, is not one stretch of prose.
    assert document.text_span(FILE.index("&#"), FILE.index("8217")) is None
    assert document.text_span(FILE.index("camps"), FILE.index("Open") + 4) is None
    assert document.text_span(FILE.index("<h1>"), FILE.index("Barmer") + 3) is None
