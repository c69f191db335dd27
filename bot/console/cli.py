"""`tradeops console` and `tradeops demo`: try the bot in a terminal, without Slack.

Both drive the real Bolt app through signed requests, its Web API pointed at a loopback
Slack in the same process. `console` works on the configured database (point
TRADEOPS_DATABASE_URL at a copy, never at a live bot's: what its outbox still has to send
goes to the loopback); `demo` on a seeded team of its own in ./tradeops-demo/.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Any

from ..config import Settings
from .options import ConsoleOptions

CONSOLE_HELP = "type what a Slack member would, see what the bot answers (no Slack needed)"
DEMO_HELP = "open the console on a seeded demo team (no Slack app, no tokens)"


def add_cli(commands: Any) -> None:
    """Add `console` and `demo` to the `tradeops` parser."""
    console = commands.add_parser("console", help=CONSOLE_HELP, description=CONSOLE_HELP)
    _script_arguments(console)
    console.add_argument("--files", default="tradeops-files", help="where files are written")
    console.set_defaults(action=run_console)
    demo = commands.add_parser("demo", help=DEMO_HELP, description=DEMO_HELP)
    _script_arguments(demo)
    demo.add_argument("--reset", action="store_true", help="throw the demo away and seed anew")
    demo.add_argument("--dir", default="tradeops-demo", help="the demo's folder")
    demo.set_defaults(action=run_demo)


def _script_arguments(parser: argparse.ArgumentParser) -> None:
    from ..cli import parse_time

    parser.add_argument("--script", metavar="FILE", help="run these lines (- for stdin), print")
    parser.add_argument("--strict", action="store_true", help="exit 1 at the first error reply")
    parser.add_argument("--at", type=parse_time, help="start the clock here (ISO-8601; "
                        "without an offset, in the team's zone)")  # fmt: skip
    parser.add_argument("--as", dest="member", help="who types first (a Slack name)")


def run_console(args: argparse.Namespace, settings: Settings) -> int:
    """The console on the configured database."""
    from ..bootstrap import run_console as run

    _quiet()
    _at_in_zone(args, settings.team.timezone)
    return run(settings, _options(args, files=Path(args.files)))


def run_demo(args: argparse.Namespace, settings: Settings) -> int:
    """Seed the demo team (once, or again with --reset) and open the console on it."""
    from ..bootstrap import run_console as run
    from .demo import TEAM_ZONE, prepare

    _quiet()
    _at_in_zone(args, TEAM_ZONE)
    folder = Path(args.dir)
    prepared = prepare(folder, reset=args.reset, at=args.at)
    if prepared.seeded:
        print(prepared.describe(), file=sys.stderr)
    options = _options(
        args, files=folder / "files", history=folder / "history", clock=folder / "clock",
        tour=True, member=args.member or prepared.first_member,
    )  # fmt: skip
    return run(prepared.settings, options)


def _quiet() -> None:
    """Log lines (migrations, Bolt) would break up the transcript; TRADEOPS_LOG_LEVEL still
    asks for them."""
    if not os.environ.get("TRADEOPS_LOG_LEVEL"):
        logging.getLogger().setLevel(logging.WARNING)


def _at_in_zone(args: argparse.Namespace, zone: str) -> None:
    """As `jobs tick --at`: a time without an offset is the team's wall clock. Said on
    stderr, to keep the transcript clean."""
    from ..cli import in_team_zone

    if args.at is not None:
        args.at = in_team_zone(args.at, zone, out=sys.stderr)


def _options(args: argparse.Namespace, **more: Any) -> ConsoleOptions:
    more.setdefault("member", args.member)
    return ConsoleOptions(script=args.script, strict=args.strict, start=args.at, **more)
