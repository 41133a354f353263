"""Start-up of the commands a user types most, against ``python -c 'import typer'``.

    python benchmarks/bench_startup.py                     # this checkout, best of 15
    python benchmarks/bench_startup.py --before /tmp/old   # and another checkout, alternated
    python benchmarks/bench_startup.py --python other/venv/bin/python   # another interpreter

Each command is a whole process, ``python -m audit …`` started in the checkout's folder, with
byte-compiled modules as an installed package has them. Every figure is the best of
``--repeat`` runs, in wall time and in CPU time (user + system, from ``wait4``): on a shared
machine the wall clock grows with other people's load, CPU time much less. With ``--before``
the two checkouts are run in turn, command by command, so that both see the same load. The one
article is ``corpora/mt-news/budget-infrastructure.txt``. Nothing here asserts a figure.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "corpora" / "mt-news" / "budget-infrastructure.txt"

COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("mtaudit --version", ("--version",)),
    ("mtaudit rules", ("rules",)),
    ("mtaudit explain MT201", ("explain", "MT201")),
    ("mtaudit check (one article)", ("check", "-q", "--fail-on", "never", str(ARTICLE))),
)


def _environment() -> dict[str, str]:
    # Byte-compiled modules, as an installed package has them.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["NO_COLOR"] = "1"
    return env


def run(command: Sequence[str], cwd: Path) -> tuple[float, float]:
    """Wall time and CPU time (s) of one whole process."""
    began = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=_environment(),
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - began
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}")
    return elapsed, usage.ru_utime + usage.ru_stime


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs per figure (the best counts)")
    parser.add_argument("--before", type=Path, help="another checkout to time alongside")
    parser.add_argument("--python", default=sys.executable, help="the interpreter to run")
    args = parser.parse_args(argv)

    trees = {"this checkout": ROOT}
    if args.before:
        trees = {"before": args.before.resolve(), **trees}
    floor_command = [args.python, "-c", "import typer"]
    jobs = [("python -c 'import typer'", ROOT, floor_command)]
    for label, tail in COMMANDS:
        for tree, folder in trees.items():
            jobs.append((f"{label} [{tree}]", folder, [args.python, "-m", "audit", *tail]))
    for _, folder, command in jobs:  # write the byte code, warm the file cache
        run(command, folder)
    best = {name: (float("inf"), float("inf")) for name, _, _ in jobs}
    for _ in range(args.repeat):
        for name, folder, command in jobs:
            wall, cpu = run(command, folder)
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))

    version = subprocess.run(
        [args.python, "-c", "import typer; print(typer.__version__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"python {sys.version.split()[0]}, typer {version}, best of {args.repeat}")
    floor_wall, floor_cpu = best[jobs[0][0]]
    print("| command | wall s | over `import typer` | CPU s | CPU over `import typer` |")
    print("|---|---:|---:|---:|---:|")
    print(f"| python -c 'import typer' | {floor_wall:.3f} | | {floor_cpu:.3f} | |")
    for name, _, _ in jobs[1:]:
        wall, cpu = best[name]
        label = name if args.before else name.removesuffix(" [this checkout]")
        print(
            f"| {label} | {wall:.3f} | +{wall - floor_wall:.3f} | {cpu:.3f} | "
            f"+{cpu - floor_cpu:.3f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
