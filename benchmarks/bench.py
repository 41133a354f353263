"""Measure mtaudit as a user runs it: whole processes, against a floor measured in the same run.

    python benchmarks/bench.py                      # 1,000 synthetic articles
    python benchmarks/bench.py --articles 5000 --jobs 2
    python benchmarks/bench.py --corpus ../shared/mqm-dev/docs   # real articles instead
    python benchmarks/bench.py --memory 1000,10000  # peak memory at two corpus sizes
    python benchmarks/bench.py --smoke              # a tiny corpus, one repetition (CI)
    python benchmarks/bench.py --one-file 7.6       # MB/s on one 7.6 MB plain-text file

The synthetic corpus is built from the project's clean news (``corpora/clean-news``): articles of
a headline and 6 to 14 paragraphs drawn with a fixed seed, with MT artifacts injected into
paragraphs at known rates (``ARTIFACTS``), so that any size can be made and every run sees the
same text. Every figure is the best of ``--repeat`` runs of a whole process, and is given as a
ratio to the floor: the same Python reading the same files and making one regular-expression
pass over them. Peak memory is the largest resident set of the run's processes (``wait4``).
When proselint is found (``--proselint``, or ``proselint`` on the PATH), it is timed on the same
files, alternating with mtaudit. Nothing here asserts a figure: it measures and prints.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
CLEAN = CORPORA / "clean-news"

# Each artifact: a name, the share of paragraphs it is injected into, and how.
ARTIFACTS: tuple[tuple[str, float], ...] = (
    ("south-asian number", 0.03),
    ("orphan closing quote", 0.02),
    ("broken sentence boundary", 0.02),
    ("doubled word", 0.02),
    ("mojibake", 0.01),
    ("leaked furniture", 0.01),
    ("repetition loop", 0.005),
)

FLOOR = """
import os, re, sys
word = re.compile(r"\\w+")
count = 0
for root, dirs, files in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(files):
        with open(os.path.join(root, name), "rb") as handle:
            count += len(word.findall(handle.read().decode("utf-8")))
print(count)
"""


def _inject(kind: str, paragraph: str, rng: random.Random) -> str:
    if kind == "south-asian number":
        return f"{paragraph} About {rng.randint(2, 9)} lakh people were affected."
    if kind == "orphan closing quote":
        return f"{paragraph} He said. are doing so, but that remains to be seen.”"
    if kind == "broken sentence boundary":
        return f"Talks ended. and the envoys left. {paragraph}"
    if kind == "doubled word":
        return paragraph.replace(" the ", " the the ", 1)
    if kind == "mojibake":
        return paragraph.replace("’", "â€™", 1) if "’" in paragraph else f"{paragraph} Itâ€™s late."
    if kind == "leaked furniture":
        return f"{paragraph}\n\nLeave a Reply"
    if kind == "repetition loop":
        return f"{paragraph} " + "the price of the price of " * 6
    raise ValueError(kind)


def _clean_blocks() -> tuple[list[str], list[str]]:
    """The headlines and the body paragraphs of the project's clean news."""
    headlines, paragraphs = [], []
    for path in sorted(CLEAN.glob("*.txt")):
        blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
        headlines.append(blocks[0])
        paragraphs.extend(blocks[1:])
    return headlines, paragraphs


def synthetic_articles(seed: int = 0) -> Iterator[str]:
    """Synthetic articles without end, the same ones in the same order for the same seed."""
    headlines, paragraphs = _clean_blocks()
    for index in itertools.count():
        rng = random.Random(seed * 1_000_003 + index)
        body = []
        for paragraph in rng.sample(paragraphs, rng.randint(6, 14)):
            for kind, rate in ARTIFACTS:
                if rng.random() < rate:
                    paragraph = _inject(kind, paragraph, rng)
            body.append(paragraph)
        yield "\n\n".join([rng.choice(headlines), *body]) + "\n"


def build_corpus(folder: Path, articles: int, seed: int = 0) -> int:
    """Write ``articles`` synthetic articles into ``folder``; returns the bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for index, text in enumerate(itertools.islice(synthetic_articles(seed), articles)):
        data = text.encode("utf-8")
        # Folders of 1,000 articles, as an archive is often laid out.
        target = folder / f"{index // 1000:03}" / f"article-{index:06}.txt"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(data)
        written += len(data)
    return written


def build_one_file(path: Path, megabytes: float, seed: int = 0) -> int:
    """Write one plain-text file of at least ``megabytes`` MB: the project's own plain-text
    articles (``corpora/``), then synthetic ones, each as paragraphs of the one file (blank lines
    between them). The same size and seed give the same bytes. Returns the bytes written."""
    target = int(megabytes * 1e6)
    own = (p.read_text(encoding="utf-8").strip() for p in sorted(CORPORA.rglob("*.txt")))
    synthetic = (text.strip() for text in synthetic_articles(seed))
    parts, written = [], 0
    for text in itertools.chain(own, synthetic):
        if written >= target:
            break
        parts.append(text)
        written += len(text.encode("utf-8")) + 2
    data = ("\n\n".join(parts) + "\n").encode("utf-8")
    path.write_bytes(data)
    return len(data)


def corpus_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _environment() -> dict[str, str]:
    # Byte-compiled modules, as an installed package has them: start-up is measured as users see it.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    return env


def run(command: Sequence[str], stdin: int | None = subprocess.DEVNULL) -> tuple[float, int, float]:
    """Wall time (s), peak resident memory (KB, the largest of its processes) and CPU time (s,
    user and system, summed over its processes) of a command.

    On a busy machine the wall time grows with the load; the CPU time much less so.
    """
    began = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=stdin,
        env=_environment(),
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}")
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def best(command: Sequence[str], repeat: int) -> tuple[float, int, float]:
    runs = [run(command) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs), min(r[2] for r in runs)


def mtaudit_command() -> list[str]:
    found = shutil.which("mtaudit", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "audit"]


def proselint_command(given: str | None) -> list[str] | None:
    for candidate in (given, shutil.which("proselint")):
        if candidate and Path(candidate).is_file():
            return [candidate]
    return None


def profile_rows(mtaudit: list[str], corpus: Path, rows: int) -> list[str]:
    result = subprocess.run(
        [*mtaudit, "check", "-q", "--profile", "-f", "jsonl", "--fail-on", "never", str(corpus)],
        capture_output=True,
        text=True,
        env=_environment(),
        check=False,
    )
    lines = result.stderr.splitlines()
    return lines[: rows + 1] + lines[-1:]


def one_file(megabytes: float, repeat: int, rows: int) -> int:
    """Whole-process time and MB/s of ``mtaudit check --jobs 1`` on one file of ``megabytes``."""
    mtaudit = mtaudit_command()
    with tempfile.TemporaryDirectory(prefix="mtaudit-bench-") as scratch:
        path = Path(scratch) / "one-file.txt"
        size = build_one_file(path, megabytes) / 1e6
        run([*mtaudit, "--version"])
        floor, _, floor_cpu = best([sys.executable, "-c", FLOOR, scratch], repeat)
        check = [*mtaudit, "check", "-q", "-f", "jsonl", "--fail-on", "never", "--jobs", "1"]
        wall, memory, cpu = best([*check, str(path)], repeat)
        print(f"one file: {size:.2f} MB (corpora/, then synthetic articles, seed 0)")
        print(f"python: {sys.version.split()[0]}, {os.cpu_count()} CPUs")
        print()
        print("| run | wall s | MB/s | CPU s | MB/s of CPU | peak MB |")
        print("|---|---:|---:|---:|---:|---:|")
        print(
            f"| floor | {floor:.3f} | {size / floor:.2f} | {floor_cpu:.3f} | "
            f"{size / floor_cpu:.2f} | |"
        )
        print(
            f"| mtaudit check --jobs 1 | {wall:.3f} | {size / wall:.2f} | {cpu:.3f} | "
            f"{size / cpu:.2f} | {memory / 1024:.0f} |"
        )
        print()
        print("per-rule time (mtaudit check --profile):")
        print()
        for row in profile_rows(mtaudit, path, rows):
            print(f"    {row}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="synthetic articles")
    parser.add_argument("--corpus", type=Path, help="audit this folder instead of a synthetic one")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="the --jobs N run")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (the best counts)")
    parser.add_argument("--memory", default="", help="corpus sizes for peak memory: 1000,10000")
    parser.add_argument("--proselint", help="proselint executable to time alongside")
    parser.add_argument("--smoke", action="store_true", help="tiny corpus, one run: for CI")
    parser.add_argument("--rules", type=int, default=12, help="rows of the per-rule table")
    parser.add_argument(
        "--one-file",
        type=float,
        metavar="MB",
        help="throughput on one plain-text file of this size (corpora/, then synthetic articles)",
    )
    args = parser.parse_args(argv)
    if args.one_file:
        return one_file(args.one_file, args.repeat, args.rules)
    if args.smoke:
        args.articles, args.repeat, args.memory, args.rules = 20, 1, "10,40", 5

    mtaudit = mtaudit_command()
    proselint = proselint_command(args.proselint)
    with tempfile.TemporaryDirectory(prefix="mtaudit-bench-") as scratch:
        work = Path(scratch)
        if args.corpus:
            corpus = args.corpus
            size = corpus_bytes(corpus)
            described = f"{corpus} ({sum(1 for p in corpus.rglob('*') if p.is_file())} files)"
        else:
            corpus = work / "corpus"
            size = build_corpus(corpus, args.articles)
            described = f"{args.articles:,} synthetic articles (seed 0)"
        megabytes = size / 1e6
        run([*mtaudit, "--version"])  # warm the file cache and byte-compiled modules
        run([sys.executable, "-c", FLOOR, str(corpus)])
        check = [*mtaudit, "check", "-q", "-f", "jsonl", "--fail-on", "never", str(corpus)]

        print(f"corpus: {described}, {megabytes:.2f} MB")
        print(f"python: {sys.version.split()[0]}, {os.cpu_count()} CPUs")
        floor, floor_memory, floor_cpu = best(
            [sys.executable, "-c", FLOOR, str(corpus)], args.repeat
        )
        print(f"floor (start Python, read every file, one regex pass): {floor:.3f} s")
        print()
        print("| run | wall s | × floor | MB/s | CPU s | CPU × floor | peak MB |")
        print("|---|---:|---:|---:|---:|---:|---:|")

        def row(label: str, wall: float, cpu: float, memory: int) -> None:
            print(
                f"| {label} | {wall:.3f} | {wall / floor:.1f} | {megabytes / wall:.2f} | "
                f"{cpu:.3f} | {cpu / floor_cpu:.1f} | {memory / 1024:.0f} |"
            )

        row("floor", floor, floor_cpu, floor_memory)
        serial_runs, prose_runs = [], []
        for _ in range(args.repeat):  # alternate, so that load on the machine hits both alike
            serial_runs.append(run([*check, "--jobs", "1"]))
            if proselint:
                prose_runs.append(run([*proselint, "check", str(corpus)]))
        serial = min(r[0] for r in serial_runs)
        serial_cpu = min(r[2] for r in serial_runs)
        row("mtaudit --jobs 1", serial, serial_cpu, max(r[1] for r in serial_runs))
        parallel, parallel_memory, parallel_cpu = best(
            [*check, "--jobs", str(args.jobs)], args.repeat
        )
        row(f"mtaudit --jobs {args.jobs}", parallel, parallel_cpu, parallel_memory)
        if proselint:
            prose = min(r[0] for r in prose_runs)
            prose_cpu = min(r[2] for r in prose_runs)
            row("proselint check", prose, prose_cpu, max(r[1] for r in prose_runs))
        print()
        print(f"--jobs {args.jobs} speed-up over --jobs 1 (wall): {serial / parallel:.2f}×")
        if proselint:
            print(
                f"mtaudit --jobs 1 / proselint: wall {serial / prose:.2f}, "
                f"CPU {serial_cpu / prose_cpu:.2f}"
            )

        print()
        article = next(p for p in sorted(corpus.rglob("*")) if p.is_file())
        startup_repeat = args.repeat if args.smoke else max(args.repeat, 5)
        typer_import, _, typer_cpu = best([sys.executable, "-c", "import typer"], startup_repeat)
        print("| start-up | wall s | over `import typer` | CPU s | CPU over `import typer` |")
        print("|---|---:|---:|---:|---:|")
        print(f"| python -c 'import typer' | {typer_import:.3f} | | {typer_cpu:.3f} | |")
        for label, command in (
            ("mtaudit --version", [*mtaudit, "--version"]),
            ("mtaudit rules", [*mtaudit, "rules"]),
            ("mtaudit check (one article)", [*mtaudit, "check", "-q", str(article)]),
        ):
            elapsed, _, cpu = best(command, startup_repeat)
            print(
                f"| {label} | {elapsed:.3f} | +{elapsed - typer_import:.3f} | {cpu:.3f} | "
                f"+{cpu - typer_cpu:.3f} |"
            )

        if args.memory:
            print()
            print(f"| articles | MB | peak MB --jobs 1 | peak MB --jobs {args.jobs} |")
            print("|---:|---:|---:|---:|")
            for count in (int(n) for n in args.memory.split(",")):
                folder = work / f"memory-{count}"
                written = build_corpus(folder, count)
                command = [
                    *mtaudit,
                    "check",
                    "-q",
                    "-f",
                    "jsonl",
                    "--fail-on",
                    "never",
                    str(folder),
                ]
                one = run([*command, "--jobs", "1"])[1]
                many = run([*command, "--jobs", str(args.jobs)])[1]
                print(f"| {count:,} | {written / 1e6:.1f} | {one / 1024:.0f} | {many / 1024:.0f} |")
                shutil.rmtree(folder)

        print()
        print("per-rule time, --jobs 1 (mtaudit check --profile):")
        print()
        for row in profile_rows(mtaudit, corpus, args.rules):
            print(f"    {row}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
