"""JSON text that every consumer reads as written: one record a line, encodable as UTF-8."""

from __future__ import annotations

import json

from audit.lazy import lazy_compile

# Left raw by json.dumps(ensure_ascii=False) but escaped here: DEL and the C1 controls (U+0085 is
# a line break to some readers), U+2028 and U+2029 (line breaks to JavaScript and to Python's
# splitlines), so that a JSONL record never spans two lines for any consumer; and lone
# surrogates, which no UTF-8 encoder accepts (JSON escapes them as \udXXX).
_UNSAFE = lazy_compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def dumps(value: object, indent: int | None = None) -> str:
    """JSON text of ``value``, UTF-8 kept readable, every character that could split a line or
    fail to encode escaped."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    return _UNSAFE.sub(lambda match: f"\\u{ord(match.group(0)):04x}", text)
