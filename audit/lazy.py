"""What is compiled or imported the first time it is used, not when its module is imported.

A command should pay only for what it uses: ``mtaudit rules`` lists the rules without running
one, and a run over plain-text articles written as JSONL needs neither the Markdown parser nor
the HTML report. Two mechanisms serve every module:

- :func:`lazy_compile` for regular expressions. The rule modules hold about a hundred, some over
  whole Unicode blocks (CJK, Hangul) that take milliseconds each to compile; a module-level
  pattern is written ``lazy_compile(...)`` where it would be ``re.compile(...)``, and is used
  exactly as one.
- :class:`LazyTable` for the tables of implementations (extension → reader, format → reporter).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from importlib import import_module
from typing import Any, TypeVar, cast

T = TypeVar("T")

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
        """Whether the pattern has been compiled: it is at the first use of any of its methods."""
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


class LazyTable(Mapping[str, T]):
    """A table of implementations (extension → reader, format → reporter) whose modules are
    imported the first time one of their entries is looked up.

    ``homes`` maps each key to ``"module:attribute"``. Listing the keys, or asking whether one is
    there, imports nothing: a run over plain-text articles never loads the Markdown parser, and
    a JSONL report never loads the HTML one.
    """

    def __init__(self, homes: Mapping[str, str]) -> None:
        self._homes = dict(homes)

    def __getitem__(self, key: str) -> T:
        module, _, attribute = self._homes[key].partition(":")
        return cast(T, getattr(import_module(module), attribute))

    def __iter__(self) -> Iterator[str]:
        return iter(self._homes)

    def __len__(self) -> int:
        return len(self._homes)

    def __contains__(self, key: object) -> bool:
        return key in self._homes
