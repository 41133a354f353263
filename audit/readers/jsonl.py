"""JSON Lines: one record a line, carrying the translation and, optionally, source and reference.

A record looks like ``{"id": "a1", "target": "…", "source": "…", "reference": "…",
"system": "…"}``; ``text`` is accepted for ``target``. Other names are configured with
``[tool.mtaudit.options] fields = {target = "mt", source = "src"}`` or ``--field target=mt``.
Each record is one Document whose findings report the record's line in the file; the record's
other plain fields (``feed``, ``lang``, …) go to ``Document.meta``, for ``--group-by``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from audit.document import Document
from audit.readers.records import attach_file_stats

FIELD_ROLES = ("id", "target", "source", "reference", "system")


class RecordError(ValueError):
    """A record that cannot be read; the message names the line and the reason."""


def field_names(overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """The field name for each role, defaults replaced by ``overrides``; unknown roles are errors."""
    names = {role: role for role in FIELD_ROLES}
    for role, name in (overrides or {}).items():
        if role not in names:
            raise RecordError(
                f"unknown field role {role!r} (expected one of: {', '.join(FIELD_ROLES)})"
            )
        if not isinstance(name, str) or not name:
            raise RecordError(f"the field name for {role!r} must be a non-empty string")
        names[role] = name
    return names


def read(path: str, content: str, fields: Mapping[str, str] | None = None) -> list[Document]:
    """One Document per non-blank line; raises RecordError naming the first bad line."""
    names = field_names(fields)
    # "text" stands in for "target" only when the target's name was not configured.
    target_names = (names["target"], "text") if names["target"] == "target" else (names["target"],)
    documents = []
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise RecordError(f"line {number}: invalid JSON ({error.msg})") from None
        except RecursionError:
            raise RecordError(f"line {number}: JSON nested too deeply to read") from None
        except ValueError:  # an integer longer than Python converts (4,300 digits)
            raise RecordError(f"line {number}: a number too long to read") from None
        if not isinstance(record, dict):
            raise RecordError(f"line {number}: a record must be a JSON object")
        target_name = next((n for n in target_names if n in record), None)
        if target_name is None:
            wanted = " or ".join(repr(n) for n in target_names)
            raise RecordError(f"line {number}: no {wanted} field")
        record_id = record.get(names["id"])
        documents.append(
            Document(
                id=f"{path}:{number}" if record_id is None else str(record_id),
                path=path,
                text=_text(record, target_name, number, required=True) or "",
                source=_text(record, names["source"], number),
                reference=_text(record, names["reference"], number),
                system=_text(record, names["system"], number),
                record_line=number,
                meta=_meta(record, {*names.values(), target_name}),
            )
        )
    attach_file_stats(documents)
    return documents


def _meta(record: dict[str, object], roles: set[str]) -> dict[str, str]:
    """The record's other plain fields (feed, lang, …) as text, for reports to group by."""
    return {
        name: value if isinstance(value, str) else json.dumps(value)
        for name, value in record.items()
        if name not in roles and isinstance(value, (str, int, float, bool))
    }


def _text(record: dict[str, object], name: str, number: int, required: bool = False) -> str | None:
    value = record.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise RecordError(f"line {number}: field {name!r} must be a string")
    return value
