"""The rule type and the decorator that makes a function into a rule."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from audit.findings import Applicability, Category, Hit, Severity
from audit.lazy import lazy_compile

if TYPE_CHECKING:
    from audit.config import Settings
    from audit.document import Document

_CODE_PREFIX = lazy_compile(r"[Mm][Tt]\d*")

CheckFunction = Callable[["Document", "Settings"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A registered rule: stable code, kebab-case name, MQM category, default severity.

    ``doc`` is the rule's documentation (its function's docstring), printed by ``mtaudit explain``.
    ``needs`` names what the document must carry for the rule to run (``source``, ``reference``).
    ``fix`` says whether its suggestions may be applied by ``mtaudit fix`` and how safely (None:
    the rule offers no fix; a single finding may still narrow a safe fix to unsafe).
    """

    code: str
    name: str
    category: Category
    severity: Severity
    check: CheckFunction = field(repr=False, compare=False)
    doc: str = field(default="", repr=False, compare=False)
    needs: frozenset[str] = frozenset()
    fix: Applicability | None = None

    @property
    def family(self) -> str:
        module = getattr(self.check, "__module__", "") or ""
        return module.rsplit(".", 1)[-1]

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0].strip()

    def applies_to(self, document: Document) -> bool:
        return not self.needs or all(getattr(document, need) is not None for need in self.needs)

    def matches(self, selector: str) -> bool:
        """Whether ``selector`` (a code, a code prefix or the name) picks this rule."""
        wanted = selector.strip()
        if wanted.upper() == "ALL":
            return True
        if _CODE_PREFIX.fullmatch(wanted):
            return self.code.startswith(wanted.upper())
        return wanted.lower() == self.name


def rule(
    code: str,
    name: str,
    category: Category,
    severity: Severity,
    *,
    needs: Iterable[str] = (),
    fix: Applicability | None = None,
) -> Callable[[CheckFunction], Rule]:
    """Make a check function into a :class:`Rule`; its docstring becomes the rule's documentation."""

    def wrap(check: CheckFunction) -> Rule:
        return Rule(
            code=code,
            name=name,
            category=category,
            severity=severity,
            check=check,
            doc=inspect.cleandoc(check.__doc__ or ""),
            needs=frozenset(needs),
            fix=fix,
        )

    return wrap
