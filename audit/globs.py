"""Path globs as the configuration writes them (``include``, ``exclude``, ``per-file-ignores``).

A glob is matched against a file's path relative to the project root (the folder of the
configuration file, else the working folder), with ``/`` separators. ``*`` and ``?`` stay within
one folder name, ``**`` crosses folders. A glob without ``/`` matches a file or folder name at any
depth (``drafts``, ``*.tmp``), as in ``.gitignore``; a glob matching a folder matches every file
in it.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path


@cache
def _compile(glob: str) -> re.Pattern[str]:
    pattern = glob.strip().removeprefix("./").rstrip("/")
    anywhere = "/" not in pattern
    parts = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            parts.append("(?:[^/]*/)*")
            index += 3
        elif pattern.startswith("**", index):
            parts.append(".*")
            index += 2
        elif pattern[index] == "*":
            parts.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            parts.append("[^/]")
            index += 1
        else:
            parts.append(re.escape(pattern[index]))
            index += 1
    body = "".join(parts)
    return re.compile(rf"(?:[^/]*/)*{body}" if anywhere else body.lstrip("/"))


def relative_path(path: str | Path, root: str | Path) -> str:
    """``path`` relative to ``root``, with ``/`` separators (as given when it is outside root)."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        return Path(os.path.normpath(path)).as_posix()


def glob_matches(glob: str, relative: str) -> bool:
    """Whether ``glob`` matches the path ``relative`` or one of the folders it is in."""
    pattern = _compile(glob)
    parts = relative.split("/")
    return any(pattern.fullmatch("/".join(parts[:n])) for n in range(len(parts), 0, -1))


def any_glob_matches(globs: tuple[str, ...] | list[str], relative: str) -> bool:
    """Whether any of ``globs`` matches ``relative``."""
    return any(glob_matches(glob, relative) for glob in globs)
