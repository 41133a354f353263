"""The rule catalogue: one module per artifact family, each rule a small pure function."""

from __future__ import annotations

from collections.abc import Iterable
from types import ModuleType

from audit.rules import (
    boundaries,
    calques,
    document,
    encoding,
    furniture,
    headline,
    locale,
    numbering,
    punctuation,
    reference,
    repetition,
    shapes,
    source,
    untranslated,
)
from audit.rules._registry import Rule, rule

__all__ = ["Rule", "all_rules", "find_rule", "rule", "select_rules"]

_FAMILIES: tuple[ModuleType, ...] = (
    document,
    numbering,
    boundaries,
    headline,
    furniture,
    source,
    reference,
    locale,
    punctuation,
    repetition,
    untranslated,
    encoding,
    calques,
    shapes,
)


def _collect() -> tuple[Rule, ...]:
    found = [
        value for module in _FAMILIES for value in vars(module).values() if isinstance(value, Rule)
    ]
    codes = [r.code for r in found]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise RuntimeError(f"rule codes registered twice: {', '.join(duplicates)}")
    return tuple(sorted(found, key=lambda r: r.code))


_RULES = _collect()


def all_rules() -> tuple[Rule, ...]:
    """Every rule, ordered by code."""
    return _RULES


def find_rule(selector: str) -> Rule | None:
    """The rule with this code or name."""
    wanted = selector.strip()
    for candidate in _RULES:
        if candidate.code == wanted.upper() or candidate.name == wanted.lower():
            return candidate
    return None


def select_rules(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> tuple[Rule, ...]:
    """The rules picked by ``select`` (all when empty) minus those picked by ``ignore``.

    Selectors are codes, code prefixes (``MT2``) or names; an unknown selector is an error.
    """
    select, ignore = list(select), list(ignore)
    for selector in select + ignore:
        if not any(r.matches(selector) for r in _RULES):
            raise ValueError(f"no rule matches {selector!r} (see `mtaudit rules`)")
    chosen = [r for r in _RULES if not select or any(r.matches(s) for s in select)]
    return tuple(r for r in chosen if not any(r.matches(s) for s in ignore))
