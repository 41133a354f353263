"""The command line: parse options, call the API, pick a reporter, set the exit code."""

# No ``from __future__ import annotations`` here: typer reads the commands' annotations at every
# start, and as strings it would have to parse each of them again; as objects they come compiled.
import os
import sys
import traceback
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from audit import __version__
from audit.config import (
    FAIL_ON_CHOICES,
    QUOTE_STYLE_CHOICES,
    ConfigError,
    Settings,
    find_config,
    load_settings,
    parse_size,
)
from audit.errors import MtauditError, printable

if TYPE_CHECKING:
    from collections.abc import Iterator

    from audit.engine import SourceResult
    from audit.findings import Finding
    from audit.rules import Rule

# Each command imports what it needs when it runs: `mtaudit --version` loads no rule, `mtaudit
# rules` no reader, and nothing loads sacrebleu, langdetect or nltk before a text needs them.

app = typer.Typer(
    name="mtaudit",
    pretty_exceptions_enable=False,
    help="Audit machine-translated English news for the artifacts machine translation leaves.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class CheckFormat(str, Enum):
    """Report formats of ``mtaudit check``: one reporter module each (audit/reporters/)."""

    text = "text"
    concise = "concise"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"
    sarif = "sarif"
    github = "github"
    junit = "junit"
    gitlab = "gitlab"
    rdjsonl = "rdjsonl"
    markdown = "markdown"


# What a report file's extension says about its format: the format it implies when --format is
# not given, then the others it may hold (a SARIF or GitLab report is a .json file too).
_EXTENSION_FORMATS: dict[str, tuple[str, ...]] = {
    ".json": ("json", "sarif", "gitlab"),
    ".jsonl": ("jsonl", "rdjsonl"),
    ".csv": ("csv",),
    ".html": ("html",),
    ".htm": ("html",),
    ".sarif": ("sarif",),
    ".xml": ("junit",),
    ".md": ("markdown",),
}


def _report_format(chosen: CheckFormat | None, output: Path | None, statistics: bool) -> str:
    """The reporter to use: --format, else the output file's extension, else text."""
    suffix = output.suffix.lower() if output is not None else ""
    allowed = _EXTENSION_FORMATS.get(suffix)
    if statistics:
        if chosen not in (None, CheckFormat.text):
            _fail(
                f"--statistics prints counts per rule as text; it cannot be combined with "
                f"--format {chosen.value}"
            )
        return "statistics"
    if chosen is None:
        return allowed[0] if allowed else "text"
    if allowed and chosen.value not in allowed:
        _fail(
            f"--output {output}: a {suffix} file cannot hold --format {chosen.value} "
            f"(use {' or '.join(allowed)}, or another extension)"
        )
    return chosen.value


def _group_by(value: str | None) -> str | None:
    if value is not None and not value.strip():
        _fail("--group-by takes a record field (system, feed, lang, …) or 'folder'")
    return value.strip() if value else None


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Colour(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


assert tuple(f.value for f in FailOn) == FAIL_ON_CHOICES


class QuoteStyle(str, Enum):
    any = "any"
    typographic = "typographic"
    straight = "straight"


assert tuple(q.value for q in QuoteStyle) == QUOTE_STYLE_CHOICES
_QUOTE_STYLE_HELP = (
    "House style for quotation marks: typographic or straight ones are required (MT232); "
    "any checks none.  [default: any]"
)
# Exit statuses: 0 clean, 1 findings at or above --fail-on, 2 a usage error or an unreadable
# input, 3 an internal error (a bug in mtaudit; the other inputs' findings are still reported).
EXIT_USAGE = 2
EXIT_INTERNAL = 3

_DEBUG_HELP = "On an internal error, print the traceback."


def _fail(message: str) -> NoReturn:
    # Escaped whole: a message quotes names (files, keys) that must not break it into lines.
    typer.echo(f"mtaudit: {printable(message)}", err=True)
    raise typer.Exit(EXIT_USAGE)


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _settings(config: Path | None, isolated: bool, **overrides: object) -> Settings:
    from audit.config import FAIL_ON_CHOICES, ConfigError, find_config

    assert tuple(f.value for f in FailOn) == FAIL_ON_CHOICES
    try:
        path = None if isolated else (config or find_config(Path.cwd()))
        if config is not None and not config.is_file():
            _fail(f"{config}: no such configuration file")
        return load_settings(path).with_overrides(**overrides)
    except ConfigError as error:
        _fail(str(error))


def write_output(text: str, output: Path | None) -> None:
    """Print, or write to ``output`` atomically so that a failed run never leaves half a file."""
    from audit.output import OutputError, open_output

    try:
        with open_output(output) as stream:
            stream.write(text)
    except OutputError as error:
        _fail(str(error))


def _use_colour(colour: Colour, output: Path | None) -> bool:
    if colour is Colour.auto:
        return output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    return colour is Colour.always


@app.command()
def check(
    paths: Annotated[
        list[str] | None,
        typer.Argument(help="Files, folders (searched recursively) or - for stdin."),
    ] = None,
    output_format: Annotated[
        CheckFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Report format.  [default: from the --output extension, else text]",
        ),
    ] = None,
    summary: Annotated[
        bool,
        typer.Option(
            "--summary",
            help="Text report: add the ranking (worst documents, totals per rule and group).",
        ),
    ] = False,
    group_by: Annotated[
        str | None,
        typer.Option(
            "--group-by",
            metavar="FIELD",
            help="Break the summary down by a record field (system, feed, lang, …) or 'folder'.",
        ),
    ] = None,
    statistics: Annotated[
        bool, typer.Option("--statistics", help="Print counts per rule instead of findings.")
    ] = False,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(help="Exit 1 when a finding is at or above this severity.  [default: error]"),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(
            help="Rules to run: codes, code prefixes (MT2) or names; comma-separated or repeated."
        ),
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(help="Rules to skip, in the same form as --select.")
    ] = None,
    lang: Annotated[
        str | None, typer.Option(help="Target language of the translations.  [default: en]")
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=0, help="Worker processes (0: one per CPU).  [default: 1]"
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(help="Configuration file (default: nearest mtaudit.toml or pyproject.toml)."),
    ] = None,
    isolated: Annotated[
        bool, typer.Option("--isolated", help="Ignore configuration files.")
    ] = False,
    color: Annotated[
        Colour, typer.Option("--color", help="Colour in the text report.")
    ] = Colour.auto,
    fields: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            help="JSONL field name for a role, as ROLE=NAME (roles: id, target, source, "
            "reference, system); repeated.",
        ),
    ] = None,
    low_agreement_chrf: Annotated[
        float | None,
        typer.Option(
            help="chrF under which a segment disagrees with its reference.  [default: 25]"
        ),
    ] = None,
    # Editorial CI: which files and which findings (see the README's CI section).
    diff: Annotated[
        str | None,
        typer.Option(
            metavar="REF", help="Report only findings on lines changed since git ref REF."
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="Report only findings not recorded in this baseline."),
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option(
            metavar="FILE", help="Record every finding in this baseline file instead of reporting."
        ),
    ] = None,
    report_unused_suppressions: Annotated[
        bool,
        typer.Option(
            "--report-unused-suppressions",
            help="Report suppression comments that silenced nothing (MT009).",
        ),
    ] = False,
    exclude: Annotated[
        list[str] | None,
        typer.Option(
            metavar="GLOB",
            help="Never audit files or folders matching these globs (added to the "
            "configuration's exclude); comma-separated or repeated.",
        ),
    ] = None,
    respect_gitignore: Annotated[
        bool | None,
        typer.Option(
            "--respect-gitignore/--no-respect-gitignore",
            help="Skip files .gitignore excludes in folders.  [default: respect]",
        ),
    ] = None,
    stdin_filename: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Read stdin in NAME's format and report it under NAME."),
    ] = None,
    quote_style: Annotated[QuoteStyle | None, typer.Option(help=_QUOTE_STYLE_HELP)] = None,
    max_file_size: Annotated[
        str | None,
        typer.Option(
            help="Largest input read, in bytes or with KB, MB, GB (0: no limit).  [default: 50MB]"
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help=_DEBUG_HELP)] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress line on stderr.")
    ] = False,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="ADDRESS",
            help="Audit on this Dask scheduler (tcp://host:8786); paths may be fsspec URLs.",
        ),
    ] = None,
    output_dir: Annotated[
        str | None,
        typer.Option(
            "--output-dir",
            help="With --dask: write the findings as JSONL shards (part-NNNNN.jsonl) here.",
        ),
    ] = None,
    profile: Annotated[
        bool, typer.Option("--profile", help="Print the time spent in each rule on stderr.")
    ] = False,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Progress line on stderr after a second.  [default: when stderr is a terminal]",
        ),
    ] = None,
) -> None:
    """Audit translated articles and report the artifacts found.

    Exit status: 0 no finding at or above --fail-on, 1 findings at or above it,
    2 a usage error or an input that could not be read, 3 an internal error.
    """
    try:
        size = None if max_file_size is None else parse_size(max_file_size, "--max-file-size")
    except ConfigError as error:
        _fail(str(error))
    from audit.engine import Tally, audit_stream
    from audit.output import OutputError, open_output
    from audit.progress import ProgressLine, same_terminal
    from audit.reporters import REPORTERS, Reporter, ReportOptions
    from audit.rules import select_rules

    settings = _settings(
        config,
        isolated,
        select=_split(select),
        ignore=_split(ignore),
        fail_on=fail_on.value if fail_on else None,
        lang=lang,
        jobs=jobs,
        quote_style=quote_style.value if quote_style else None,
        max_file_size=size,
        profile=profile or None,
    )
    settings = _bilingual_options(settings, fields, low_agreement_chrf)
    try:
        select_rules(settings.select, settings.ignore)
    except ValueError as error:
        _fail(str(error))
    chosen = _report_format(output_format, output, statistics)
    settings = _ci_options(
        settings,
        diff=diff,
        baseline=baseline,
        write_baseline=write_baseline,
        report_unused_suppressions=report_unused_suppressions,
        exclude=_split(exclude),
        respect_gitignore=respect_gitignore,
        stdin_filename=stdin_filename,
    )
    paths = list(paths or [])
    if not paths and stdin_filename is not None:
        paths = ["-"]
    if not paths:
        typer.echo("mtaudit: nothing to audit (no path given)", err=True)
        raise typer.Exit(0)
    if write_baseline is not None:
        raise typer.Exit(_write_baseline(paths, settings, write_baseline))
    if output_dir is not None and (dask is None or output is not None):
        _fail("--output-dir needs --dask, and replaces --output")
    options = ReportOptions(
        color=_use_colour(color, output), summary=summary, group_by=_group_by(group_by)
    )
    reporter_class = REPORTERS[chosen]
    if reporter_class.wants_text(options):
        settings = settings.with_overrides(keep_text=True)
    results = (
        audit_stream(paths, settings)
        if dask is None
        else _on_dask(paths, dask, settings, output_dir)
    )
    tally = Tally()
    timings: Counter[str] = Counter()
    line = ProgressLine(enabled=False if quiet else progress)
    # A report on the terminal the progress line is drawn on: wipe the line before each write.
    shared = output is None and same_terminal(sys.stdout, line.stream)
    try:
        with open_output(output) as stream:
            # With --output-dir the workers write the findings; nothing goes to stdout.
            kind = Reporter if output_dir else reporter_class
            reporter = kind(stream, options)
            reporter.start()
            for result in results:
                if result.error is not None:
                    line.wipe()
                    typer.echo(f"mtaudit: {result.error}", err=True)
                for failure in result.failures:
                    typer.echo(f"mtaudit: {failure}", err=True)
                    if debug:
                        typer.echo(failure.details.rstrip("\n"), err=True)
                tally.add(result)
                if shared:
                    line.wipe()
                reporter.add(result)
                if shared:
                    stream.flush()
                line.add(1, sum(len(d.findings) for d in result.documents))
                timings.update(result.timings or {})
            line.close()
            reporter.finish(tally)
    except OutputError as error:
        line.close()
        _fail(str(error))
    except ConnectionError as error:  # --dask: the scheduler cannot be reached
        line.close()
        _fail(str(error))
    if output_dir is not None:
        typer.echo(
            f"mtaudit: {tally.findings} findings in {tally.documents} documents, "
            f"written to {output_dir} as part-*.jsonl",
            err=True,
        )
    if profile:
        sys.stderr.write(profile_table(timings, tally.documents))
    raise typer.Exit(tally.exit_code(settings.fail_on))


def _ci_options(
    settings: Settings,
    *,
    diff: str | None,
    baseline: Path | None,
    write_baseline: Path | None,
    report_unused_suppressions: bool,
    exclude: tuple[str, ...] | None,
    respect_gitignore: bool | None,
    stdin_filename: str | None,
) -> Settings:
    """Settings with the CI options of the command line, each checked before anything is read."""
    from audit.filters.changed_lines import DiffError, changed_lines_since

    _check_globs(settings)
    if baseline is not None and write_baseline is not None:
        _fail("--baseline and --write-baseline cannot be used together")
    changed = None
    if diff is not None:
        try:
            changed = changed_lines_since(diff)
        except DiffError as error:
            _fail(str(error))
    if baseline is not None:
        from audit.filters.baseline import BaselineError, load_baseline

        try:
            load_baseline(str(baseline))
        except BaselineError as error:
            _fail(str(error))
    return settings.with_overrides(
        changed_lines=changed,
        baseline=None if baseline is None else str(baseline),
        report_unused_suppressions=report_unused_suppressions or None,
        exclude=(*settings.exclude, *exclude) if exclude else None,
        respect_gitignore=respect_gitignore,
        stdin_filename=stdin_filename,
    )


def _check_globs(settings: Settings) -> None:
    """Globs of the configuration file that match no file of the project are typos: exit 2."""
    from audit.config import unmatched_globs
    from audit.readers import project_files

    if not (settings.include or settings.exclude or settings.per_file_ignores):
        return
    unmatched = unmatched_globs(settings, project_files(settings.root))
    if unmatched:
        keys = ("include", "exclude", "per-file-ignores")
        where = next(o for k in keys if (o := settings.origins.get(k, "default")) != "default")
        names = ", ".join(repr(g) for g in unmatched)
        _fail(f"{where}: globs that match no file under {settings.root}: {names}")


def _write_baseline(paths: list[str], settings: Settings, baseline: Path) -> int:
    """Record every finding in ``baseline``; exit status 0, or 2 when an input is unreadable."""
    from audit.engine import Tally, audit_stream
    from audit.filters.baseline import render_baseline

    tally = Tally()
    findings = []
    for result in audit_stream(paths, settings):
        if result.error is not None:
            typer.echo(f"mtaudit: {result.error}", err=True)
        tally.add(result)
        findings.extend(result.findings)
    write_output(render_baseline(findings), baseline)
    typer.echo(f"mtaudit: recorded {len(findings)} findings in {baseline}", err=True)
    return 2 if tally.errors else 0
def _on_dask(
    paths: list[str], address: str, settings: Settings, output_dir: str | None
) -> "Iterator[SourceResult]":
    try:
        from audit.backends.dask import audit_on_dask, prepare_output_dir
    except ImportError:
        _fail("--dask needs the dask extra: pip install 'mtaudit[dask]'")
    if output_dir is not None:
        from audit.readers import InputError

        try:
            prepare_output_dir(output_dir)
        except (InputError, OSError) as error:
            _fail(str(error))
    return audit_on_dask(paths, address, settings, output_dir=output_dir)


def profile_table(timings: Counter[str], documents: int) -> str:
    """Time per rule, slowest first: seconds, share of the total, milliseconds per document.

    Times are summed over worker processes, so with ``--jobs`` they add up to more than the
    wall time.
    """
    from audit.rules import find_rule

    total = sum(timings.values()) or 1e-9
    rows = ["rule    name                              seconds  share  ms/doc"]
    for code, seconds in sorted(timings.items(), key=lambda item: (-item[1], item[0])):
        found = find_rule(code)
        name = found.name if found else f"({code})"
        label = code if found else ""
        per_document = 1000 * seconds / max(documents, 1)
        rows.append(
            f"{label:<7} {name:<32} {seconds:>8.3f} {seconds / total:>6.1%} {per_document:>7.2f}"
        )
    rows.append(
        f"{'':<7} {'total':<32} {total:>8.3f} {1:>6.0%} {1000 * total / max(documents, 1):>7.2f}"
    )
    return "\n".join(rows) + "\n"


def _bilingual_options(
    settings: Settings, fields: list[str] | None, low_agreement_chrf: float | None
) -> Settings:
    """Settings with the JSONL field names and the chrF threshold given on the command line."""
    from audit.readers.jsonl import RecordError, field_names

    options = dict(settings.rule_options)
    if fields:
        pairs = [value.partition("=") for value in fields]
        if any(not sep or not name for _, sep, name in pairs):
            _fail("--field takes ROLE=NAME, e.g. --field target=mt")
        named = {**options.get("fields", {}), **{role: name for role, _, name in pairs}}
        try:
            field_names(named)
        except RecordError as error:
            _fail(f"--field: {error}")
        options["fields"] = named
    if low_agreement_chrf is not None:
        options["low-agreement-chrf"] = low_agreement_chrf
    return settings.with_overrides(rule_options=options)


@app.command()
def fix(
    paths: Annotated[
        list[str], typer.Argument(help="Files or folders (searched recursively) to fix.")
    ],
    write: Annotated[
        bool, typer.Option("--write", help="Apply the fixes to the files (default: print a diff).")
    ] = False,
    show_diff: Annotated[
        bool,
        typer.Option(
            "--diff", help="Print the fixes as a unified diff and change nothing (default)."
        ),
    ] = False,
    unsafe_fixes: Annotated[
        bool,
        typer.Option("--unsafe-fixes", help="Also apply fixes that need judgement (see `rules`)."),
    ] = False,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(help="Exit 1 when a finding without a fix remains at or above this severity."),
    ] = None,
    select: Annotated[list[str] | None, typer.Option(help="Rules to run, as for check.")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Rules to skip, as for check.")] = None,
    lang: Annotated[str | None, typer.Option(help="Target language.  [default: en]")] = None,
    config: Annotated[
        Path | None,
        typer.Option(help="Configuration file (default: nearest mtaudit.toml or pyproject.toml)."),
    ] = None,
    isolated: Annotated[
        bool, typer.Option("--isolated", help="Ignore configuration files.")
    ] = False,
) -> None:
    """Repair the artifacts that have one right answer; print a diff, or --write the files.

    Only fixes marked safe are applied unless --unsafe-fixes is given. Record files (JSONL,
    TSV) are audited but never rewritten. Exit status: 0 nothing left to fix, 1 fixes found
    (without --write) or findings without a fix remain at or above --fail-on, 2 a usage error
    or a file that could not be read or written.
    """
    from audit.fixes import FixError, fix_file, read_file_text, unified_diff, write_fixed
    from audit.readers import InputError, discover

    if write and show_diff:
        _fail("--write and --diff exclude each other")
    settings = _settings(
        config,
        isolated,
        select=_split(select),
        ignore=_split(ignore),
        fail_on=fail_on.value if fail_on else None,
        lang=lang,
    )
    from audit.rules import select_rules

    try:
        rules = select_rules(settings.select, settings.ignore)
    except ValueError as error:
        _fail(str(error))
    if "-" in paths:
        _fail("fix edits files: name them (stdin cannot be fixed in place)")
    sources, errors = discover(paths)
    problems = [str(e) for e in errors]
    fixed_files = applied = unsafe_left = 0
    failing = False
    for source in sources:
        try:
            _, original = read_file_text(source.path)
            result = fix_file(source.path, rules, settings, unsafe=unsafe_fixes)
            if result.changed and write:
                write_fixed(result, original)
        except (InputError, FixError) as error:
            problems.append(str(error))
            continue
        if result.changed:
            fixed_files += 1
            applied += len(result.applied)
            if not write:
                sys.stdout.write(unified_diff(result))
        unsafe_left += sum(f.fix == "unsafe" for f in result.remaining) if not unsafe_fixes else 0
        failing = failing or _fails(result.remaining, settings.fail_on, unsafe_fixes)
    for problem in problems:
        typer.echo(f"mtaudit: {problem}", err=True)
    verb = "Fixed" if write else "Would fix"
    note = f"{verb} {applied} finding(s) in {fixed_files} file(s)."
    if unsafe_left:
        note += f" {unsafe_left} more with an unsafe fix (--unsafe-fixes applies them)."
    typer.echo(note, err=True)
    if problems:
        raise typer.Exit(2)
    raise typer.Exit(1 if failing or (applied and not write) else 0)


def _fails(remaining: "list[Finding]", fail_on: str, unsafe_fixes: bool) -> bool:
    """Whether findings that ``fix`` leaves behind reach the fail threshold."""
    from audit.findings import Severity

    if fail_on == "never":
        return False
    threshold = Severity.parse(fail_on).rank
    return any(f.severity_rank >= threshold for f in remaining)


class ListingFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


@app.command("rules")
def list_rules(
    output_format: Annotated[
        ListingFormat, typer.Option("--format", "-f", help="Listing format.")
    ] = ListingFormat.text,
) -> None:
    """List every rule: code, name, category, default severity and what it catches."""
    from audit.rules import all_rules

    rules = all_rules()
    if output_format is ListingFormat.text:
        width = max(len(r.name) for r in rules)
        for r in rules:
            typer.echo(
                f"{r.code}  {r.name:<{width}}  {r.category.value:<28} {r.severity.value:<8} "
                f"{_fix_label(r):<6} {r.summary}"
            )
        return
    if output_format is ListingFormat.markdown:
        typer.echo(rules_markdown())
        return
    import json

    rows = [
        {
            "code": r.code,
            "name": r.name,
            "category": r.category.value,
            "severity": r.severity.value,
            "family": r.family,
            "summary": r.summary,
            "needs": sorted(r.needs),
            "fix": r.fix.value if r.fix else None,
        }
        for r in rules
    ]
    if output_format is ListingFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))


def rules_markdown() -> str:
    """The rule catalogue as the Markdown table the README carries."""
    from audit.rules import all_rules

    lines = [
        "| code | name | category | severity | fix | what it catches |",
        "|---|---|---|---|---|---|",
    ]
    for r in all_rules():
        needs = f" (needs {', '.join(sorted(r.needs))})" if r.needs else ""
        summary = r.summary.replace("|", "\\|")
        lines.append(
            f"| {r.code} | `{r.name}` | {r.category.value} | {r.severity.value} | "
            f"{_fix_label(r)} | {summary}{needs} |"
        )
    return "\n".join(lines)


_FIX_SAFETY = {
    None: "none (a person must decide what the text should be)",
    "safe": "safe (`mtaudit fix` applies it)",
    "unsafe": "unsafe (`mtaudit fix --unsafe-fixes` applies it; review the diff)",
}


def _fix_label(found: "Rule") -> str:
    """How ``mtaudit fix`` treats the rule's suggestions: safe, unsafe, or — (no fix)."""
    return found.fix.value if found.fix else "—"


@app.command()
def explain(
    code: Annotated[
        str, typer.Argument(help="A rule code (MT201) or name (orphan-closing-quote).")
    ],
) -> None:
    """Print a rule's documentation."""
    from audit.rules import find_rule

    found = find_rule(code)
    if found is None:
        _fail(f"no rule {code!r} (see `mtaudit rules`)")
    typer.echo(f"{found.code} {found.name}")
    typer.echo(f"category: {found.category.value}    default severity: {found.severity.value}")
    if found.needs:
        typer.echo(f"needs: {', '.join(sorted(found.needs))}")
    typer.echo(f"fix: {_FIX_SAFETY[found.fix.value if found.fix else None]}")
    typer.echo("")
    typer.echo(found.doc)


@app.command("config")
def show_config(
    config: Annotated[
        Path | None,
        typer.Option(help="Configuration file (default: nearest mtaudit.toml or pyproject.toml)."),
    ] = None,
    isolated: Annotated[
        bool, typer.Option("--isolated", help="Ignore configuration files.")
    ] = False,
) -> None:
    """Print the merged configuration, each value with the file it came from.

    Exit status: 0, or 2 when the configuration is wrong (the message names the file and key).
    """
    from audit.config import describe

    path = None if isolated else (config or find_config(Path.cwd()))
    settings = _settings(config, isolated)
    _check_globs(settings)
    typer.echo(f"# configuration file: {path if path is not None else 'none (defaults)'}")
    typer.echo(describe(settings))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"mtaudit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Audit machine-translated English news for the artifacts machine translation leaves."""


@app.command("eval")
def evaluate_command(
    docs: Annotated[
        Path, typer.Argument(help="Folder the gold file's `file` paths are relative to.")
    ],
    gold: Annotated[Path, typer.Option(help="Gold annotations (JSONL, one object per line).")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="text or json.")
    ] = OutputFormat.text,
    select: Annotated[list[str] | None, typer.Option(help="Rules to run (as for check).")] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Rules to skip (as for check).")] = None,
    lang: Annotated[str | None, typer.Option(help="Target language.  [default: en]")] = None,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=0, help="Worker processes.")
    ] = None,
    quote_style: Annotated[QuoteStyle | None, typer.Option(help=_QUOTE_STYLE_HELP)] = None,
    debug: Annotated[bool, typer.Option("--debug", help=_DEBUG_HELP)] = False,
) -> None:
    """Measure the rules on an annotated corpus: false alarms on clean lines, catches per category."""
    from audit.config import Settings
    from audit.evaluation import GoldError, evaluate, read_gold, render_text
    from audit.rules import select_rules

    if not docs.is_dir():
        _fail(f"{docs}: no such folder")
    try:
        settings = Settings().with_overrides(
            select=_split(select),
            ignore=_split(ignore),
            lang=lang,
            jobs=jobs,
            quote_style=quote_style.value if quote_style else None,
        )
    except ConfigError as error:
        _fail(str(error))
    try:
        select_rules(settings.select, settings.ignore)
        result = evaluate(docs, read_gold(gold), settings)
    except (GoldError, ValueError) as error:
        _fail(str(error))
    for problem in result.unreadable:
        typer.echo(f"mtaudit: {problem}", err=True)
    for failure in result.failures:
        typer.echo(f"mtaudit: {failure}", err=True)
        if debug:
            typer.echo(failure.details.rstrip("\n"), err=True)
    if output_format is OutputFormat.text:
        sys.stdout.write(render_text(result))
    else:
        import json

        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    if result.failures:
        raise typer.Exit(EXIT_INTERNAL)
    if result.unreadable:
        raise typer.Exit(EXIT_USAGE)


class ScoreFormat(str, Enum):
    text = "text"
    json = "json"
    tsv = "tsv"


@app.command()
def score(
    hypotheses: Annotated[
        list[str], typer.Argument(help="Hypothesis files (several: the first is the baseline).")
    ],
    refs: Annotated[
        list[str], typer.Option("--ref", "-r", help="Reference file; repeat for several.")
    ],
    metrics: Annotated[
        str, typer.Option(help="Comma-separated: bleu, chrf, ter.")
    ] = "bleu,chrf,ter",
    output_format: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="Report format.")
    ] = ScoreFormat.text,
    segments: Annotated[
        bool, typer.Option("--segments", help="Score every segment (chrF, sentence BLEU).")
    ] = False,
    worst: Annotated[
        int, typer.Option(min=0, help="With --segments: how many least-agreeing segments to show.")
    ] = 10,
    document: Annotated[
        bool,
        typer.Option(
            "--document", help="Whole articles: align sentences (1-1, 1-2, 2-1) before scoring."
        ),
    ] = False,
    tokenize: Annotated[
        str | None, typer.Option(help="BLEU tokenizer (sacrebleu's; default 13a).")
    ] = None,
    lowercase: Annotated[bool, typer.Option("--lowercase", help="Case-insensitive.")] = False,
    chrf_word_order: Annotated[
        int, typer.Option(min=0, help="chrF word n-gram order (2 gives chrF++).")
    ] = 0,
    bootstrap_samples: Annotated[
        int, typer.Option(min=1, help="Paired bootstrap resamples (several systems).")
    ] = 1000,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help=_DEBUG_HELP)] = False,
) -> None:
    """Score translations against references with sacrebleu (BLEU, chrF, TER).

    Line-aligned files, one segment a line, as sacrebleu and WMT use them; with --document,
    whole articles. Exit status: 0 scored, 2 a usage error or an unreadable input.
    """
    from audit.readers import InputError
    from audit.reporters.score_report import RENDERERS
    from audit.scoring import MetricOptions, parse_metrics, score_files

    try:
        chosen = parse_metrics(metrics)
        options = MetricOptions(tokenize, lowercase, chrf_word_order)
        run = score_files(
            hypotheses,
            refs,
            chosen,
            options,
            with_segments=segments,
            document_mode=document,
            bootstrap_samples=bootstrap_samples,
        )
    except InputError as error:
        _fail(str(error))
    except (ValueError, KeyError) as error:
        _fail(str(error).strip("'\""))
    render = RENDERERS[output_format.value]
    write_output(render(run, segments, worst), output)


def main() -> None:
    """Console-script entry point: every error a user can make is one line and exit status 2;
    anything else is an internal error, one line (the traceback with --debug) and status 3."""
    for stream in (sys.stdout, sys.stderr):
        # A character that cannot be encoded (a lone surrogate from a file name) is escaped,
        # never a crash that loses the report.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        app()
    except MtauditError as error:
        typer.echo(f"mtaudit: {printable(str(error))}", err=True)
        sys.exit(EXIT_USAGE)
    except Exception as error:
        typer.echo(f"mtaudit: internal error: {printable(f'{type(error).__name__}: {error}')}",
                   err=True)  # fmt: skip
        if "--debug" in sys.argv[1:]:
            traceback.print_exc()
        else:
            typer.echo("mtaudit: run again with --debug for the traceback", err=True)
        sys.exit(EXIT_INTERNAL)
