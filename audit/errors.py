"""What a user can get wrong, as one error type, and how a name is shown safely in a message.

Every mistake a user can make — an unreadable input, a bad configuration, an unwritable output, a
malformed gold file — is a :class:`MtauditError` whose ``str()`` is one line naming the thing and
the reason. The command line turns any of them into that line on stderr and exit status 2; anything
else that goes wrong is a bug in mtaudit, reported as an internal error.
"""

from __future__ import annotations

from audit.lazy import lazy_compile


class MtauditError(Exception):
    """A mistake in what the user gave mtaudit; ``str()`` is the one-line message."""


# Control characters (C0, DEL, C1: ESC starts terminal escape sequences), line and paragraph
# separators, lone surrogates (an undecodable byte in a file name), and the bidirectional
# embeddings, overrides and isolates that reorder what a terminal shows.
_UNSAFE = lazy_compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str, keep: str = "") -> str:
    """``text`` with control characters, line breaks and lone surrogates escaped (``\\n``, ``\\x1b``).

    A file name may hold a newline, an escape sequence or (read from a non-UTF-8 file system) a
    byte that is not text; shown raw, it could forge a line of output or restyle a terminal.
    Characters in ``keep`` are left as they are.
    """
    return _UNSAFE.sub(lambda match: _escape(match.group(0), keep), text)


def _escape(char: str, keep: str) -> str:
    if char in keep:
        return char
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
