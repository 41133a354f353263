"""Settings: defaults, then ``[tool.mtaudit]`` in pyproject.toml or ``mtaudit.toml``, then CLI flags."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

FAIL_ON_CHOICES = ("error", "warning", "info", "never")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class Settings:
    """Everything that shapes one audit. Rules read only the fields they document."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    lang: str = "en"
    jobs: int = 1
    rule_options: dict[str, Any] = field(default_factory=dict)
    # Time every rule (``mtaudit check --profile``); a command-line flag, not a file setting.
    profile: bool = False

    def option(self, name: str, default: Any) -> Any:
        """A rule option from ``[tool.mtaudit.options]``, or its default."""
        return self.rule_options.get(name, default)

    def with_overrides(self, **overrides: Any) -> Settings:
        """These settings with every override that is not None applied (CLI flags over files)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


_KEYS = {
    f.name.replace("_", "-"): f.name
    for f in fields(Settings)
    if f.name not in ("rule_options", "profile")
}


def find_config(start: Path) -> Path | None:
    """The nearest ``mtaudit.toml``, or ``pyproject.toml`` with a ``[tool.mtaudit]`` table."""
    for folder in [start, *start.parents]:
        candidate = folder / "mtaudit.toml"
        if candidate.is_file():
            return candidate
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "mtaudit" in _load(candidate).get("tool", {}):
            return candidate
    return None


def load_settings(path: Path | None) -> Settings:
    """Settings from a config file (defaults when ``path`` is None)."""
    if path is None:
        return Settings()
    data = _load(path)
    table = data.get("tool", {}).get("mtaudit", {}) if path.name == "pyproject.toml" else data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.mtaudit] must be a table")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "options":
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: 'options' must be a table")
            values["rule_options"] = dict(value)
            continue
        if key not in _KEYS:
            known = ", ".join(sorted([*_KEYS, "options"]))
            raise ConfigError(f"{path}: unknown setting {key!r} (known: {known})")
        values[_KEYS[key]] = _coerce(path, key, value)
    return Settings(**values)


def _coerce(path: Path, key: str, value: Any) -> Any:
    if key in ("select", "ignore"):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: {key!r} must be a list of rule codes or names")
        return tuple(value)
    if key == "fail-on":
        if value not in FAIL_ON_CHOICES:
            raise ConfigError(f"{path}: 'fail-on' must be one of {', '.join(FAIL_ON_CHOICES)}")
        return value
    if key == "jobs":
        if not isinstance(value, int) or value < 0:
            raise ConfigError(f"{path}: 'jobs' must be a whole number (0 = one per CPU)")
        return value
    if not isinstance(value, str):
        raise ConfigError(f"{path}: {key!r} must be a string")
    return value


def _load(path: Path) -> dict[str, Any]:
    # Imported here: most runs have no configuration file, and start-up counts.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"{path}: cannot read ({error.strerror})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML ({error})") from None
