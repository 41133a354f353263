"""Settings: defaults, then ``[tool.mtaudit]`` in pyproject.toml or ``mtaudit.toml``, then CLI flags.

Every value is checked when the file is read: a wrong one is a :class:`ConfigError` whose
message names the file, the key and what was expected, so that the command line can stop with
one line (exit 2) before auditing anything.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from audit.errors import MtauditError

FAIL_ON_CHOICES = ("error", "warning", "info", "never")
SEVERITIES = ("error", "warning", "info")

# Rules that assume international English, turned off for a locale whose house style differs:
# Indian English writes lakh, crore and 1,00,000.
LOCALE_RULES_OFF: dict[str, tuple[str, ...]] = {
    "en-IN": ("MT101", "MT102"),
}

DEFAULT = "default"
COMMAND_LINE = "command line"
QUOTE_STYLE_CHOICES = ("any", "typographic", "straight")


class ConfigError(MtauditError):
    """A configuration file that cannot be used; the message names the file and the reason."""


@dataclass(frozen=True)
class Settings:
    """Everything that shapes one audit. Rules read only the fields they document."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    lang: str = "en"
    # A regional variety of the target language (``en-IN``); see LOCALE_RULES_OFF.
    locale: str | None = None
    jobs: int = 1
    # The house style for quotation marks: "typographic" (curly) or "straight"; "any" checks none.
    quote_style: str = "any"
    # Largest input read, in bytes (0: no limit); see audit.readers.DEFAULT_MAX_FILE_SIZE.
    max_file_size: int = 50 * 1024 * 1024
    rule_options: dict[str, Any] = field(default_factory=dict)
    # Whether audit results carry each document's text (set by the report format, not by files).
    keep_text: bool = False
    # Rule code → severity, replacing the rule's own.
    severity: dict[str, str] = field(default_factory=dict)
    # Glob → rule selectors not reported in the files the glob matches.
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Globs of the files to audit in a folder (default: every format mtaudit reads), and of the
    # files and folders never to audit.
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    # The folder globs are relative to: the configuration file's, else the working folder.
    root: str = "."
    # Command-line only: a baseline file of known findings, the changed lines of each file
    # (absolute path → line numbers) under --diff, and whether to report unused suppressions.
    baseline: str | None = None
    changed_lines: dict[str, frozenset[int]] | None = None
    report_unused_suppressions: bool = False
    # Command-line only: the name text piped to stdin is read and reported as.
    stdin_filename: str | None = None
    # Where each setting came from (key → file path, "default" or "command line").
    origins: dict[str, str] = field(default_factory=dict, compare=False)
    # Time every rule (``mtaudit check --profile``); a command-line flag, not a file setting.
    profile: bool = False

    def option(self, name: str, default: Any) -> Any:
        """A rule option from ``[tool.mtaudit.options]``, or its default."""
        return self.rule_options.get(name, default)

    @property
    def rules_off_by_locale(self) -> tuple[str, ...]:
        """Codes of the rules the locale turns off."""
        return LOCALE_RULES_OFF.get(self.locale or "", ())

    def with_overrides(self, **overrides: Any) -> Settings:
        """These settings with every override that is not None applied (CLI flags over files)."""
        given = {k: v for k, v in overrides.items() if v is not None}
        if isinstance(given.get("lang"), str):
            try:
                given["lang"], locale = parse_lang(given["lang"])
            except ValueError as error:
                raise ConfigError(f"--lang: {error}") from None
            if locale:
                given["locale"] = locale
        origins = dict(self.origins)
        for name in given:
            key = name.replace("_", "-")
            if key in KEYS:
                origins[key] = COMMAND_LINE
        return replace(self, **given, origins=origins)


# Keys of the configuration table → Settings fields.
KEYS = {
    "select": "select",
    "ignore": "ignore",
    "fail-on": "fail_on",
    "lang": "lang",
    "locale": "locale",
    "jobs": "jobs",
    "quote-style": "quote_style",
    "severity": "severity",
    "per-file-ignores": "per_file_ignores",
    "include": "include",
    "exclude": "exclude",
    "respect-gitignore": "respect_gitignore",
    "max-file-size": "max_file_size",
    "options": "rule_options",
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
    """Settings from a config file (defaults when ``path`` is None).

    ``mtaudit.toml`` holds the settings either at its top level or in a ``[tool.mtaudit]`` table
    (so that the table can be moved between it and pyproject.toml unchanged).
    """
    if path is None:
        return Settings(root=str(Path.cwd()), origins=dict.fromkeys(KEYS, DEFAULT))
    data = _load(path)
    if path.name == "pyproject.toml" or set(data) == {"tool"}:
        table = data.get("tool", {}).get("mtaudit", {})
    else:
        table = data
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.mtaudit] must be a table")
    root = path.resolve().parent
    values: dict[str, Any] = {}
    origins = dict.fromkeys(KEYS, DEFAULT)
    for key, value in table.items():
        if key not in KEYS:
            known = ", ".join(sorted(KEYS))
            raise ConfigError(f"{path}: unknown setting {key!r} (known: {known})")
        values[KEYS[key]] = _coerce(path, root, key, value)
        origins[key] = str(path)
    if "lang" in values:
        values["lang"], locale = values["lang"]
        if locale and "locale" not in values:
            values["locale"] = locale
    return Settings(**values, root=str(root), origins=origins)


def parse_lang(value: str) -> tuple[str, str | None]:
    """A language code, with an optional region (``en``, ``en-IN``, ``en_IN``) → (``en``,
    ``en-IN``); ValueError when it is not a language code mtaudit knows."""
    match = re.fullmatch(r"([A-Za-z]{2,3})(?:[-_]([A-Za-z]{2}|\d{3}))?", value.strip())
    if match is None:
        raise ValueError(f"{value!r} is not a language code (expected e.g. en, en-IN, hi)")
    language = match[1].lower()
    if language not in known_languages():
        raise ValueError(f"{value!r} is not a language code mtaudit knows (e.g. en, en-IN, hi)")
    return language, f"{language}-{match[2].upper()}" if match[2] else None


@cache
def known_languages() -> frozenset[str]:
    """Languages mtaudit can tell apart: langdetect's profiles and the scripts table's."""
    from importlib import resources

    from audit.data import read_table

    names = {row[0] for row in read_table("target_scripts.tsv")}
    try:
        profiles = resources.files("langdetect").joinpath("profiles")
        names |= {entry.name.split("-")[0] for entry in profiles.iterdir()}
    except (ModuleNotFoundError, OSError):  # pragma: no cover - langdetect is a dependency
        pass
    return frozenset(names | {"en"})


def _coerce(path: Path, root: Path, key: str, value: Any) -> Any:
    where = f"{path}: {key!r}"
    if key in ("select", "ignore"):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where} must be a list of rule codes or names")
        _check_selectors(where, value)
        return tuple(value)
    if key in ("include", "exclude"):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ConfigError(f"{where} must be a list of path globs")
        return tuple(value)
    if key == "fail-on":
        if value not in FAIL_ON_CHOICES:
            raise ConfigError(f"{where} must be one of {', '.join(FAIL_ON_CHOICES)}")
        return value
    if key == "quote-style":
        if value not in QUOTE_STYLE_CHOICES:
            choices = ", ".join(QUOTE_STYLE_CHOICES)
            raise ConfigError(f"{where} must be one of {choices}")
        return value
    if key == "jobs":
        if not _is_int(value) or value < 0:
            raise ConfigError(f"{where} must be a whole number (0 = one per CPU)")
        return value
    if key == "max-file-size":
        return parse_size(value, where)
    if key == "respect-gitignore":
        if not isinstance(value, bool):
            raise ConfigError(f"{where} must be true or false")
        return value
    if key == "severity":
        if not isinstance(value, dict):
            raise ConfigError(f"{where} must be a table of rule code = severity")
        for code, severity in value.items():
            _check_codes(f"{where}", [code], exact=True)
            if severity not in SEVERITIES:
                raise ConfigError(
                    f"{path}: 'severity.{code}' must be one of {', '.join(SEVERITIES)}"
                )
        return {code.upper(): severity for code, severity in value.items()}
    if key == "per-file-ignores":
        if not isinstance(value, dict):
            raise ConfigError(f"{where} must be a table of glob = [rule codes]")
        result = {}
        for glob, codes in value.items():
            if isinstance(codes, str):
                codes = [codes]
            if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
                raise ConfigError(f"{path}: 'per-file-ignores.{glob}' must be a list of rule codes")
            _check_selectors(f"{path}: 'per-file-ignores.{glob}'", codes)
            result[glob] = tuple(codes)
        return result
    if key == "options":
        if not isinstance(value, dict):
            raise ConfigError(f"{where} must be a table of rule options")
        return {name: check_rule_option(path, root, name, v) for name, v in value.items()}
    if key == "lang":
        if not isinstance(value, str):
            raise ConfigError(f"{where} must be a language code such as en or en-IN")
        try:
            return parse_lang(value)
        except ValueError as error:
            raise ConfigError(f"{where}: {error}") from None
    if key == "locale":
        if not isinstance(value, str):
            raise ConfigError(f"{where} must be a string such as en-IN")
        try:
            language, region = parse_lang(value)
        except ValueError as error:
            raise ConfigError(f"{where}: {error}") from None
        return region or language
    raise AssertionError(key)  # pragma: no cover - KEYS and _coerce list the same keys


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check_selectors(where: str, selectors: list[str]) -> None:
    from audit.rules import all_rules

    unknown = [s for s in selectors if not any(r.matches(s) for r in all_rules())]
    if unknown:
        raise ConfigError(f"{where}: no rule matches {', '.join(map(repr, unknown))}")


def _check_codes(where: str, codes: list[str], exact: bool) -> None:
    from audit.rules import all_rules

    known = {r.code for r in all_rules()}
    unknown = [c for c in codes if c.upper() not in known]
    if unknown:
        raise ConfigError(f"{where}: unknown rule code {', '.join(map(repr, unknown))}")


# Rule options: name → (check returning the value to keep, what is expected). A rule that reads
# a new option adds it here, so that a mistyped option is an error and not silently ignored.
OptionCheck = Callable[[Path, Any], Any]


def _number(low: float | None = None, low_open: bool = False) -> OptionCheck:
    def check(root: Path, value: Any) -> Any:
        if not _is_number(value):
            raise ValueError
        if low is not None and (value <= low if low_open else value < low):
            raise ValueError
        return value

    return check


def _whole(root: Path, value: Any) -> Any:
    if not _is_int(value) or value < 0:
        raise ValueError
    return value


def _fields(root: Path, value: Any) -> Any:
    from audit.readers.jsonl import RecordError, field_names

    if not isinstance(value, dict):
        raise ValueError
    try:
        field_names(value)
    except RecordError as error:
        raise ValueError(str(error)) from None
    return dict(value)


def _lexicon_path(root: Path, entry: str) -> str:
    path = (root / entry).resolve()
    if not path.is_file():
        raise ValueError(f"no lexicon file {entry!r} (looked for {path})")
    return str(path)


def _calque_lexicons(root: Path, value: Any) -> Any:
    from importlib import resources

    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError
    data = resources.files("audit.data")
    result = []
    for entry in value:
        if entry.endswith(".tsv"):
            result.append(_lexicon_path(root, entry))
        elif data.joinpath(f"calques_{entry}.tsv").is_file():
            result.append(entry)
        else:
            shipped = sorted(
                p.name[len("calques_") : -len(".tsv")]
                for p in data.iterdir()
                if p.name.startswith("calques_") and p.name.endswith(".tsv")
            )
            raise ValueError(
                f"no calque lexicon {entry!r} (shipped: {', '.join(shipped)}; "
                "or the path of a .tsv file)"
            )
    _check_lexicons("calque", result)
    return result


def _furniture_lexicons(root: Path, value: Any) -> Any:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ValueError
    result = [_lexicon_path(root, entry) for entry in value]
    _check_lexicons("furniture", result)
    return result


def _check_lexicons(kind: str, names: list[str]) -> None:
    """Load each lexicon once, so that a malformed line is reported now, naming the file."""
    if kind == "calque":
        from audit.rules._lexicon import load

        for name in names:
            load(name if name.endswith(".tsv") else f"calques_{name}.tsv")
    else:
        from audit.rules.furniture import furniture_lexicon

        furniture_lexicon(tuple(names))


RULE_OPTIONS: dict[str, tuple[OptionCheck, str]] = {
    "fields": (
        _fields,
        "a table of ROLE = field name (roles: id, target, source, reference, system)",
    ),
    "low-agreement-chrf": (_number(0), "a number (chrF, 0-100)"),
    "length-ratio-min-records": (_whole, "a whole number"),
    "length-ratio-min-chars": (_whole, "a whole number"),
    "length-ratio-z": (_number(0, low_open=True), "a number above 0"),
    "calque-lexicons": (
        _calque_lexicons,
        'a list of lexicon names (e.g. ["hi-en"]) or paths of .tsv files',
    ),
    "furniture-lexicons": (_furniture_lexicons, "a list of paths of .tsv files"),
}


def check_rule_option(path: Path | str, root: Path, name: str, value: Any) -> Any:
    """The value of rule option ``name`` to keep, or a ConfigError saying what was expected."""
    if name not in RULE_OPTIONS:
        known = ", ".join(sorted(RULE_OPTIONS))
        raise ConfigError(f"{path}: unknown rule option 'options.{name}' (known: {known})")
    check, expected = RULE_OPTIONS[name]
    try:
        return check(root, value)
    except ValueError as error:
        detail = f" ({error})" if str(error) else ""
        raise ConfigError(f"{path}: 'options.{name}' must be {expected}{detail}") from None


def unmatched_globs(settings: Settings, files: list[str]) -> list[str]:
    """The configuration's globs that match none of ``files`` (paths relative to the root)."""
    from audit.globs import glob_matches

    globs = [*settings.include, *settings.exclude, *settings.per_file_ignores]
    return [
        glob
        for glob in dict.fromkeys(globs)
        if settings.origins.get(_glob_key(settings, glob), DEFAULT) != DEFAULT
        and not any(glob_matches(glob, f) for f in files)
    ]


def _glob_key(settings: Settings, glob: str) -> str:
    if glob in settings.per_file_ignores:
        return "per-file-ignores"
    return "include" if glob in settings.include else "exclude"


def describe(settings: Settings) -> str:
    """The merged settings as TOML, each value followed by where it came from."""
    lines = ["[tool.mtaudit]"]
    tables: list[tuple[str, Mapping[str, Any]]] = []
    for key, name in KEYS.items():
        value = getattr(settings, name)
        origin = settings.origins.get(key, DEFAULT)
        if isinstance(value, dict):
            tables.append((key, value))
            continue
        if value is None:
            lines.append(f"# {key} is not set  # {origin}")
        else:
            lines.append(f"{key} = {_toml(value)}  # {origin}")
    for key, table in tables:
        origin = settings.origins.get(key, DEFAULT)
        lines.append("")
        lines.append(f"[tool.mtaudit.{key}]  # {origin}")
        for name, value in table.items():
            lines.append(f"{_toml_key(name)} = {_toml(value)}")
    off = settings.rules_off_by_locale
    if off:
        lines.append("")
        lines.append(f"# locale {settings.locale} turns off: {', '.join(off)}")
    return "\n".join(lines)


def _toml_key(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else _toml(name)


def _toml(value: Any) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)


_SIZE_UNITS = {"": 1, "B": 1, "K": 1 << 10, "KB": 1 << 10, "M": 1 << 20, "MB": 1 << 20,
               "G": 1 << 30, "GB": 1 << 30}  # fmt: skip


def parse_size(value: object, what: str = "size") -> int:
    """Bytes from a whole number or a string such as ``"50MB"``, ``"200 KB"``, ``"0"`` (no limit)."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str):
        number = value.strip().upper()
        digits = number.rstrip("KMGB ")
        unit = number[len(digits) :].strip()
        if digits.isdigit() and unit in _SIZE_UNITS:
            return int(digits) * _SIZE_UNITS[unit]
    raise ConfigError(
        f"{what} must be a number of bytes, or one with KB, MB or GB (e.g. 50MB; 0 = no limit), "
        f"not {value!r}"
    )


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
