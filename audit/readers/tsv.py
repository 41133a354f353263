"""Tab-separated bilingual files: ``source<TAB>target[<TAB>reference]``, one segment a line.

A first line that names its columns (``source``, ``target``, ``reference``, ``id``, ``system``,
in any order) is a header and sets the columns' meaning; without one the columns are source,
target and, optionally, reference. Each line is one Document whose findings report that line.
"""

from __future__ import annotations

from collections.abc import Mapping

from audit.document import Document
from audit.readers.jsonl import FIELD_ROLES, RecordError
from audit.readers.records import attach_file_stats

_POSITIONAL = ("source", "target", "reference")


def read(path: str, content: str, fields: Mapping[str, str] | None = None) -> list[Document]:
    """One Document per non-blank line; raises RecordError naming the first bad line.

    Columns are named by a header line, not by ``fields`` (that is for JSONL records).
    """
    lines = content.split("\n")
    columns = _POSITIONAL
    first = 0
    header = [cell.strip().lower() for cell in lines[0].split("\t")] if lines else []
    if "target" in header and all(cell in FIELD_ROLES for cell in header):
        columns, first = tuple(header), 1
    documents = []
    for number, line in enumerate(lines[first:], start=first + 1):
        if not line.strip():
            continue
        cells = line.split("\t")
        # With a header every line has its columns (one, if the header names only the target);
        # without one, a line has a source and a target, maybe a reference.
        if (first and len(cells) != len(columns)) or (not first and not 2 <= len(cells) <= 3):
            expected = f"{len(columns)}" if first else "2 or 3"
            raise RecordError(
                f"line {number}: {len(cells)} tab-separated column(s), expected {expected} "
                f"({', '.join(columns)})"
            )
        row = dict(zip(columns, cells, strict=False))
        if "target" not in row:
            raise RecordError(f"line {number}: no target column")
        documents.append(
            Document(
                id=row.get("id") or f"{path}:{number}",
                path=path,
                text=row["target"],
                source=row.get("source"),
                reference=row.get("reference"),
                system=row.get("system"),
                record_line=number,
            )
        )
    attach_file_stats(documents)
    return documents
