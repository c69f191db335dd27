"""`tradeops export tasks|feedback|standups|kudos [--since DATE] [--until DATE] [--output FILE]`.

The subcommands join the `export` group that `export orders` (bot/orders/cli.py) opens; the
files are UTF-8 with a BOM so that Excel shows Chinese text, and read as they are by Tableau
and Power BI.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from ..config import Settings
from ..i18n import t
from .export import EXPORTS, Span, write


def add_cli(commands: Any) -> None:
    """Add the exports to the `tradeops export` group (made here when nobody made it yet)."""
    exports = _subcommands(commands, "export", "write data out for another system")
    for kind in EXPORTS:
        parser = exports.add_parser(
            kind, help=f"{kind} as CSV (UTF-8 with BOM, for Excel and Power BI)"
        )
        parser.add_argument("--since", type=_day, help="first day (YYYY-MM-DD, team zone)")
        parser.add_argument("--until", type=_day, help="last day, inclusive (YYYY-MM-DD)")
        parser.add_argument("--output", "-o", help="file to write (default: standard output)")
        parser.set_defaults(action=export, kind=kind)


def _subcommands(commands: Any, name: str, help_text: str) -> Any:
    group = commands.choices.get(name) or commands.add_parser(name, help=help_text)
    # argparse keeps a parser's subcommands as an action; there is no public way to ask.
    for action in group._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return group.add_subparsers(dest="subcommand", required=True)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from error


def export(args: argparse.Namespace, settings: Settings) -> int:
    """Write one kind of item as CSV, to --output or standard output."""
    from ..bootstrap import build_offline_core

    core = build_offline_core(settings)
    span = Span(args.since, args.until)
    if args.output:
        with (
            open(args.output, "w", encoding="utf-8-sig", newline="") as stream,
            core.read() as unit,
        ):
            count = write(unit, args.kind, span, stream)
        message = t("summary.export.written", settings.team.language, count=count,
                    file=args.output)  # fmt: skip
        print(message, file=sys.stderr)
        return 0
    sys.stdout.reconfigure(encoding="utf-8", newline="")  # type: ignore[union-attr]
    sys.stdout.write("\ufeff")  # the BOM: Excel reads UTF-8 only when it is there
    _write(core, args.kind, span, sys.stdout)
    return 0


def _write(core: Any, kind: str, span: Span, stream: Any) -> int:
    with core.read() as unit:
        return write(unit, kind, span, stream)
