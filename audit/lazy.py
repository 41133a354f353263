"""Regular expressions compiled the first time they are used, not when their module is imported.

The rule modules hold about a hundred patterns, some over whole Unicode blocks (CJK, Hangul) that
take milliseconds each to compile. Compiled at import, they cost every command, even those that
run no rule (``mtaudit rules``, ``mtaudit explain``); compiled on first use, a command pays only
for the patterns its rules reach. One mechanism for every module: a module-level pattern is
written ``lazy_compile(...)`` where it would be ``re.compile(...)``, and used exactly as one.
"""

from __future__ import annotations

import re
import sys
from typing import Any, cast

# What a rule uses of a compiled pattern: after the first use these are held on the lazy pattern
# itself, for the references the module namespace does not hold (a pattern in a tuple).
_ATTRIBUTES = (
    "search",
    "match",
    "fullmatch",
    "finditer",
    "findall",
    "sub",
    "subn",
    "split",
    "scanner",
    "pattern",
    "flags",
    "groups",
    "groupindex",
)


class LazyPattern:
    """Stands for ``re.compile(source, flags)`` and compiles it when first used.

    On that first use the compiled pattern replaces this stand-in wherever the module that made
    it holds it by name, so that every later use in a rule is that of a plain compiled pattern:
    no indirection is left on the hot path.
    """

    def __init__(self, source: str, flags: int, namespace: dict[str, Any]) -> None:
        self._source = source
        self._flags = flags
        self._namespace = namespace

    @property
    def compiled(self) -> bool:
        """Whether the pattern has been compiled (it has once any of its methods was used)."""
        return "search" in self.__dict__

    def __getattr__(self, name: str) -> Any:
        # Called only for an attribute the instance does not hold yet, i.e. before the first use.
        if name.startswith("_"):
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags)
        for key, value in list(self._namespace.items()):
            if value is self:
                self._namespace[key] = compiled
        for attribute in _ATTRIBUTES:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self._source!r}, {self._flags!r})"


def lazy_compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, deferred to the pattern's first use (call it at module level:
    the module's namespace is where the compiled pattern goes)."""
    namespace = sys._getframe(1).f_globals
    return cast("re.Pattern[str]", LazyPattern(source, flags, namespace))
