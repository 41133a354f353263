"""XLIFF 1.2 and 2.0: the bilingual files translation vendors deliver, one Document per unit.

Each translated unit (XLIFF 1.2 ``<trans-unit>``, XLIFF 2 ``<unit>``) is one Document: its
``<target>`` is the text audited, its ``<source>`` feeds the source-aware rules, its ``id`` is the
unit's id, and findings point at the line and column of the offending text inside ``<target>``.
XLIFF 2 units made of several segments are audited as one text, segment after segment.
Inline markup is read as a translator sees it: the text inside ``<g>``, ``<mrk>`` and ``<pc>`` is
kept, codes (``<x/>``, ``<ph>``, ``<bpt>``/``<ept>``, ``<sc/>``/``<ec/>``…) are left out.
Units with no ``<target>``, or an empty one whose state says it is not translated yet (``new``,
``needs-translation``; ``initial`` in XLIFF 2), or marked ``translate="no"``, are not audited; an
empty target in any other state is an empty translation.
The languages come from the file (``source-language``/``target-language`` in 1.2,
``srcLang``/``trgLang`` in 2) and are kept in the document's ``meta``.
"""

from __future__ import annotations

from collections.abc import Mapping

from audit.document import Document
from audit.readers._xml import Element, InlineMarkup, mapped_text, parse, plain_text
from audit.readers.jsonl import RecordError
from audit.readers.records import attach_file_stats

_XLIFF_2 = "urn:oasis:names:tc:xliff:document:2."
_MARKUP_1 = InlineMarkup(codes=frozenset({"x", "bx", "ex", "ph", "bpt", "ept", "it"}))
# States that mean "not translated yet": XLIFF 1.2 <target state="…">, XLIFF 2 <segment state="…">.
_NEW_1 = frozenset({"new", "needs-translation"})
_NEW_2 = frozenset({"initial"})
_MARKUP_2 = InlineMarkup(codes=frozenset({"ph", "sc", "ec", "sm", "em"}), code_point="cp")


def read(path: str, content: str, fields: Mapping[str, str] | None = None) -> list[Document]:
    """One Document per translated unit (``fields`` does not apply)."""
    root = parse(content)
    if root.name != "xliff":
        raise RecordError(
            f"line {root.line}: not an XLIFF file (the root element is <{root.name}>)"
        )
    version_2 = root.namespace.startswith(_XLIFF_2) or root.attrib.get("version", "").startswith(
        "2"
    )
    documents = _units_2(path, root, content) if version_2 else _units_1(path, root, content)
    attach_file_stats(documents)
    return documents


def _units_1(path: str, root: Element, content: str) -> list[Document]:
    documents = []
    for file in root.children("file"):
        languages = _languages(
            file.attrib.get("source-language"), file.attrib.get("target-language")
        )
        for unit in file.iter("trans-unit"):
            target = unit.child("target")
            state = target.attrib.get("state", "") if target is not None else ""
            if unit.attrib.get("translate") == "no" or _not_translated(target, state, _NEW_1):
                continue
            documents.append(
                _document(path, unit, [target], unit.child("source"), _MARKUP_1, content, languages)
            )
    return documents


def _units_2(path: str, root: Element, content: str) -> list[Document]:
    languages = _languages(root.attrib.get("srcLang"), root.attrib.get("trgLang"))
    documents = []
    for file in root.children("file"):
        for unit in file.iter("unit"):
            if unit.attrib.get("translate") == "no":
                continue
            targets: list[Element] = []
            sources: list[Element] = []
            translated = False
            for part in unit.children("segment", "ignorable"):
                source, target = part.child("source"), part.child("target")
                translated = translated or (
                    part.name == "segment"
                    and not _not_translated(target, part.attrib.get("state", "initial"), _NEW_2)
                )
                # An ignorable with no target carries the same white space in both languages.
                chosen = (
                    target if target is not None else (source if part.name == "ignorable" else None)
                )
                if chosen is not None:
                    targets.append(chosen)
                if source is not None:
                    sources.append(source)
            if translated:
                documents.append(
                    _document(path, unit, targets, sources, _MARKUP_2, content, languages)
                )
    return documents


def _document(
    path: str,
    unit: Element,
    targets: list[Element],
    sources: Element | list[Element] | None,
    markup: InlineMarkup,
    content: str,
    languages: dict[str, str],
) -> Document:
    text, origin = mapped_text(targets, markup, content)
    if sources is None or isinstance(sources, Element):
        source = plain_text(sources, markup)
    else:
        source = "".join(plain_text(s, markup) or "" for s in sources)
    first_target = next((t for t in targets if t.name == "target"), targets[0])
    return Document(
        id=unit.attrib.get("id") or f"{path}:{unit.line}",
        path=path,
        text=text,
        source=source,
        record_line=first_target.line,
        original=content,
        origin=origin,
        meta=dict(languages),
    )


def _not_translated(target: Element | None, state: str, new: frozenset[str]) -> bool:
    """Whether a target is missing, or empty in a state that says it is not translated yet
    (an empty ``<target/>`` a tool set up for the translator is not an omission)."""
    if target is None:
        return True
    return state in new and plain_text(target, _MARKUP_2) == ""


def _languages(source: str | None, target: str | None) -> dict[str, str]:
    languages = {}
    if source:
        languages["source_lang"] = source
    if target:
        languages["target_lang"] = target
    return languages
