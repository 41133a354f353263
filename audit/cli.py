"""The command line: parse options, call the API, pick a reporter, set the exit code."""

from __future__ import annotations

import os
import sys
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from audit import __version__

if TYPE_CHECKING:
    from collections.abc import Iterator

    from audit.config import Settings
    from audit.engine import SourceResult

# Each command imports what it needs when it runs: `mtaudit --version` loads no rule, `mtaudit
# rules` no reader, and nothing loads sacrebleu, langdetect or nltk before a text needs them.

app = typer.Typer(
    name="mtaudit",
    help="Audit machine-translated English news for the artifacts machine translation leaves.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Colour(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _fail(message: str) -> NoReturn:
    typer.echo(f"mtaudit: {message}", err=True)
    raise typer.Exit(2)


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _settings(config: Path | None, isolated: bool, **overrides: object) -> Settings:
    from audit.config import FAIL_ON_CHOICES, ConfigError, find_config, load_settings

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
        list[str], typer.Argument(help="Files, folders (searched recursively) or - for stdin.")
    ],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Report format.")
    ] = OutputFormat.text,
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
    2 a usage error or an input that could not be read.
    """
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
        profile=profile or None,
    )
    settings = _bilingual_options(settings, fields, low_agreement_chrf)
    try:
        select_rules(settings.select, settings.ignore)
    except ValueError as error:
        _fail(str(error))
    if output_dir is not None and (dask is None or output is not None):
        _fail("--output-dir needs --dask, and replaces --output")
    results = (
        audit_stream(paths, settings)
        if dask is None
        else _on_dask(paths, dask, settings, output_dir)
    )
    options = ReportOptions(color=_use_colour(color, output))
    tally = Tally()
    timings: Counter[str] = Counter()
    line = ProgressLine(enabled=False if quiet else progress)
    # A report on the terminal the progress line is drawn on: wipe the line before each write.
    shared = output is None and same_terminal(sys.stdout, line.stream)
    try:
        with open_output(output) as stream:
            # With --output-dir the workers write the findings; nothing goes to stdout.
            kind = Reporter if output_dir else REPORTERS[output_format.value]
            reporter = kind(stream, options)
            reporter.start()
            for result in results:
                if result.error is not None:
                    line.wipe()
                    typer.echo(f"mtaudit: {result.error}", err=True)
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


def _on_dask(
    paths: list[str], address: str, settings: Settings, output_dir: str | None
) -> Iterator[SourceResult]:
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
                f"{r.summary}"
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
        "| code | name | category | severity | what it catches |",
        "|---|---|---|---|---|",
    ]
    for r in all_rules():
        needs = f" (needs {', '.join(sorted(r.needs))})" if r.needs else ""
        summary = r.summary.replace("|", "\\|")
        lines.append(
            f"| {r.code} | `{r.name}` | {r.category.value} | {r.severity.value} | {summary}{needs} |"
        )
    return "\n".join(lines)


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
    typer.echo("")
    typer.echo(found.doc)


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
) -> None:
    """Measure the rules on an annotated corpus: false alarms on clean lines, catches per category."""
    from audit.config import Settings
    from audit.evaluation import GoldError, evaluate, read_gold, render_text
    from audit.rules import select_rules

    if not docs.is_dir():
        _fail(f"{docs}: no such folder")
    settings = Settings().with_overrides(
        select=_split(select), ignore=_split(ignore), lang=lang, jobs=jobs
    )
    try:
        select_rules(settings.select, settings.ignore)
        result = evaluate(docs, read_gold(gold), settings)
    except (GoldError, ValueError) as error:
        _fail(str(error))
    for problem in result.unreadable:
        typer.echo(f"mtaudit: {problem}", err=True)
    if output_format is OutputFormat.text:
        sys.stdout.write(render_text(result))
    else:
        import json

        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    if result.unreadable:
        raise typer.Exit(2)


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
    """Console-script entry point."""
    app()
