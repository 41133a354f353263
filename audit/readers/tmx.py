"""TMX translation memories: one Document per translation unit (``<tu>``).

Each ``<tu>`` holds its text in several languages (``<tuv xml:lang="…"><seg>…</seg></tuv>``).
The source language is the header's ``srclang`` (or the first ``<tuv>`` when it is ``*all*``);
the target is the first other language; a third language can be read as the human reference.
The roles are set with the same ``fields`` setting JSONL records use, naming languages instead of
fields: ``--field source=hi --field target=en --field reference=en-GB`` (or
``[tool.mtaudit.options] fields = {…}``); language codes are compared without regard to case.
A unit without the target language is not audited. Findings point at the line and column of the
offending text inside the target's ``<seg>`` and name the unit by its ``tuid``.
Inline markup: the text of ``<hi>`` is kept; codes (``<bpt>``, ``<ept>``, ``<it>``, ``<ph>``,
``<ut>``) are left out.
"""

from __future__ import annotations

from collections.abc import Mapping

from audit.document import Document
from audit.readers._xml import (
    XML_LANG,
    Element,
    InlineMarkup,
    mapped_text,
    parse,
    plain_text,
)
from audit.readers.jsonl import RecordError
from audit.readers.records import attach_file_stats

_MARKUP = InlineMarkup(codes=frozenset({"bpt", "ept", "it", "ph", "ut"}))


def read(path: str, content: str, fields: Mapping[str, str] | None = None) -> list[Document]:
    """One Document per unit that has its target language."""
    root = parse(content)
    if root.name != "tmx":
        raise RecordError(f"line {root.line}: not a TMX file (the root element is <{root.name}>)")
    header = root.child("header")
    roles = {role: (fields or {}).get(role) for role in ("source", "target", "reference")}
    if roles["source"] is None and header is not None:
        declared = header.attrib.get("srclang", "")
        roles["source"] = None if declared.lower() in ("", "*all*") else declared
    documents = []
    body = root.child("body")
    for unit in body.children("tu") if body is not None else ():
        variants = [(_language(tuv), tuv) for tuv in unit.children("tuv")]
        if not variants:
            continue
        source_lang = roles["source"] or variants[0][0]
        source = _variant(variants, source_lang)
        target_lang = roles["target"] or next(
            (lang for lang, _ in variants if lang.lower() != source_lang.lower()), None
        )
        target = _variant(variants, target_lang) if target_lang else None
        if target is None:
            continue
        seg = target.child("seg")
        if seg is None:
            raise RecordError(f"line {target.line}: <tuv> without a <seg>")
        reference = _variant(variants, roles["reference"]) if roles["reference"] else None
        text, origin = mapped_text([seg], _MARKUP, content)
        documents.append(
            Document(
                id=unit.attrib.get("tuid") or f"{path}:{unit.line}",
                path=path,
                text=text,
                source=_seg_text(source),
                reference=_seg_text(reference),
                record_line=seg.line,
                original=content,
                origin=origin,
                meta={"source_lang": source_lang, "target_lang": str(target_lang)},
            )
        )
    attach_file_stats(documents)
    return documents


def _language(tuv: Element) -> str:
    # TMX 1.1 wrote the language as a plain "lang" attribute.
    return tuv.attrib.get(XML_LANG) or tuv.attrib.get("lang", "")


def _variant(variants: list[tuple[str, Element]], language: str | None) -> Element | None:
    if language is None:
        return None
    return next((tuv for lang, tuv in variants if lang.lower() == language.lower()), None)


def _seg_text(tuv: Element | None) -> str | None:
    return None if tuv is None else plain_text(tuv.child("seg"), _MARKUP)
