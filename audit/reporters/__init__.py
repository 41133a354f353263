"""Output formats: each a small function from a Report to text."""

from __future__ import annotations

from collections.abc import Callable

from audit.engine import Report
from audit.reporters import json_report, text_report

Renderer = Callable[[Report, bool], str]

REPORTERS: dict[str, Renderer] = {
    "text": text_report.render,
    "json": json_report.render_json,
    "jsonl": json_report.render_jsonl,
}
