"""`python -m bench`: the benchmark table at a real trade company's scale.

Seeds the scale data once per database (bench.scale), then runs each section and prints one
table, every figure beside its baseline measured in the same run (alternating rounds where a
section compares two things, so machine drift hits both alike).

    python -m bench                                   # SQLite, full scale
    python -m bench --database-url postgresql://postgres@127.0.0.1:5432/postgres
    python -m bench --quick                           # 1/10 scale, fewer rounds: a smoke run
    python -m bench --only serving,tick               # some sections
"""

from __future__ import annotations

import argparse
import importlib
import platform
import tempfile
from collections.abc import Callable
from pathlib import Path

from bench.context import Context
from bench.scale import Scale
from bench.table import Row, render

# Each section is a function taking the Context and returning its rows, imported when run.
SECTIONS = {
    "serving": "bench.serving:measure",  # slash commands and App Home against a bare Bolt app
    "process": "bench.process:measure",  # peak RSS of a worker and the scheduler, start-up time
    "tick": "bench.scheduled:measure_tick",  # one tick at full scale beside 1/10 of the data
    "summary": "bench.scheduled:measure_summary",  # the weekly summary at full scale
    "fanout": "bench.scheduled:measure_fanout",  # a standup fan-out through a Slack that 429s
    "import": "bench.importing:measure",  # tradeops import orders, 10k and 200k rows
}


def sections() -> dict[str, Callable[[Context], list[Row]]]:
    """The table's sections, in the order they print."""
    return {name: _lazy(target) for name, target in SECTIONS.items()}


def _lazy(target: str) -> Callable[[Context], list[Row]]:
    def run(context: Context) -> list[Row]:
        module, function = target.split(":")
        measure: Callable[[Context], list[Row]] = getattr(importlib.import_module(module), function)
        return measure(context)

    return run


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--database-url",
        help="a server to make benchmark databases on (they are dropped and created); "
        "default: SQLite files in a temp folder",
    )
    parser.add_argument("--quick", action="store_true", help="1/10 scale and fewer rounds")
    parser.add_argument("--tiny", action="store_true", help=argparse.SUPPRESS)  # the tests' run
    parser.add_argument("--only", help="comma-separated sections: " + ", ".join(sections()))
    args = parser.parse_args(argv)
    chosen = _chosen(args.only)
    with tempfile.TemporaryDirectory(prefix="tradeops-bench-") as folder:
        context = Context(args.database_url, Path(folder), quick=args.quick or args.tiny)
        if args.tiny:
            context.scale = Scale.tiny()
        rows = [row for name in chosen for row in sections()[name](context)]
        context.close()
    print(render(rows, _title(context)))


def _chosen(only: str | None) -> list[str]:
    known = sections()
    if not only:
        return list(known)
    asked = [name.strip() for name in only.split(",") if name.strip()]
    unknown = [name for name in asked if name not in known]
    if unknown:
        raise SystemExit(f"unknown section(s): {', '.join(unknown)}; known: {', '.join(known)}")
    return asked


def _title(context: Context) -> str:
    return (f"tradeops benchmarks on {context.dialect} at {context.scale.label}; "
            f"{platform.python_implementation()} {platform.python_version()}, "
            f"{platform.machine()}, {_cpus()} CPUs")  # fmt: skip


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    main()
