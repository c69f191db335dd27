"""`tradeops`: the operator's entry points (DESIGN.md, Entry points)."""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from .config import ConfigError, Settings, load_settings
from .console.cli import add_cli as add_console_cli
from .escalation.cli import add_cli as add_escalations_cli
from .orders.cli import add_cli as add_orders_cli
from .summary.cli import add_cli as add_summary_cli

log = logging.getLogger("tradeops")

Action = Callable[[argparse.Namespace, Settings], int]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=os.environ.get("TRADEOPS_LOG_LEVEL", "INFO"),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.action(args, load_settings()))
    except ConfigError as error:
        print(f"tradeops: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tradeops", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser(
        "run", help="Socket Mode plus the scheduler (the embedded default)"
    ).set_defaults(action=run)
    _add_serve(commands)
    commands.add_parser("scheduler", help="the scheduler loop alone").set_defaults(action=scheduler)
    _add_group(commands, "jobs", {"tick": (jobs_tick, _tick_arguments)})
    _add_group(commands, "db", {"upgrade": (db_upgrade, None)})
    _add_group(commands, "team", {"sync": (team_sync, None)})
    _add_group(
        commands,
        "outbox",
        {"list": (outbox_list, _outbox_list_arguments), "retry": (outbox_retry, None)},
    )
    add_orders_cli(commands)
    add_console_cli(commands)
    add_summary_cli(commands)
    add_escalations_cli(commands)
    return parser


def _add_serve(commands: Any) -> None:
    """The defaults are README's "Running behind gunicorn"; bot.server explains them."""
    parser = commands.add_parser(
        "serve",
        help="HTTP mode behind gunicorn",
        description="HTTP mode: gunicorn's gthread workers serve the WSGI front. Any other "
        "gunicorn setting can be given in GUNICORN_CMD_ARGS.",
    )
    parser.add_argument("--host", default="0.0.0.0")
    parser.add_argument("--port", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2, help="processes (default 2)")
    parser.add_argument(
        "--threads", type=int, default=8, help="request threads per worker (default 8)"
    )
    parser.add_argument(
        "--timeout",
        type=int,
        default=30,
        help="seconds before gunicorn restarts a stuck worker (default 30)",
    )
    parser.add_argument(
        "--read-timeout",
        type=float,
        default=10.0,
        help="seconds a client has to send its whole request, headers and body (default 10)",
    )
    parser.add_argument(
        "--no-scheduler",
        action="store_true",
        help="leave scheduling to a separate `tradeops scheduler`",
    )
    parser.set_defaults(action=serve)


def _add_group(commands: Any, name: str, actions: dict[str, tuple[Action, Any]]) -> None:
    group = commands.add_parser(name).add_subparsers(dest="subcommand", required=True)
    for sub, (action, add_arguments) in actions.items():
        sub_parser = group.add_parser(sub, help=(action.__doc__ or "").strip())
        if add_arguments:
            add_arguments(sub_parser)
        sub_parser.set_defaults(action=action)


def _tick_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--at", type=parse_instant, help="ISO-8601 instant (default: now)")


def _outbox_list_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--status", choices=["pending", "sending", "sent", "failed"])


def parse_instant(text: str) -> datetime:
    try:
        instant = datetime.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO-8601 instant, e.g. 2026-12-01T09:30:00+08:00"
        ) from error
    return instant if instant.tzinfo else instant.replace(tzinfo=UTC)


def run(_args: argparse.Namespace, settings: Settings) -> int:
    """Socket Mode and the scheduler in one process."""
    settings.require("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
    from .bootstrap import build_slack, run_socket_mode
    from .scheduler import start_beat

    side = build_slack(settings)
    start_beat(side.core, settings.scheduler.interval_seconds)
    log.info("tradeops is running in Socket Mode on %s", _safe_url(settings.database_url))
    run_socket_mode(side, settings)
    return 0


def serve(args: argparse.Namespace, settings: Settings) -> int:
    """HTTP mode: gunicorn workers serve POST /slack/events and GET /healthz."""
    settings.require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
    from storage import db

    from .server import GunicornServer, ServeOptions

    options = ServeOptions(
        host=args.host,
        port=args.port,
        workers=args.workers,
        threads=args.threads,
        timeout=args.timeout,
        read_timeout=args.read_timeout,
    )
    db.upgrade(db.make_engine(settings.database_url))  # once, before workers fork
    beat = None if args.no_scheduler else _scheduler_process()
    try:
        GunicornServer(settings, options).run()
    finally:
        if beat is not None:
            beat.terminate()
    return 0


def _scheduler_process() -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "bot.cli", "scheduler"])


def scheduler(_args: argparse.Namespace, settings: Settings) -> int:
    """The scheduler loop alone (beats until stopped)."""
    settings.require("SLACK_BOT_TOKEN")
    from .bootstrap import build_core
    from .scheduler import start_beat

    core = build_core(settings)
    log.info("scheduler beating every %ss", settings.scheduler.interval_seconds)
    start_beat(core, settings.scheduler.interval_seconds, blocking=True)
    return 0


def jobs_tick(args: argparse.Namespace, settings: Settings) -> int:
    """One scheduler pass as of --at, then drain the outbox once."""
    settings.require("SLACK_BOT_TOKEN")
    from .bootstrap import build_core
    from .clock import FixedClock, SystemClock
    from .scheduler import tick

    core = build_core(
        settings, clock=FixedClock(args.at) if args.at else SystemClock(), drain="off"
    )
    now = core.clock.now()
    result = tick(core, now)
    drained = core.dispatcher.drain()
    print(
        f"tick at {now.isoformat()}: enqueued {result.enqueued}, sent {drained.sent}, "
        f"retrying {drained.retrying}, failed {drained.failed}"
    )
    for error in result.errors:
        print(f"  error: {error}", file=sys.stderr)
    return 1 if result.errors else 0


def db_upgrade(_args: argparse.Namespace, settings: Settings) -> int:
    """Migrate the database schema to the newest version."""
    from storage import db

    db.upgrade(db.make_engine(settings.database_url))
    print(f"database at {_safe_url(settings.database_url)} is up to date")
    return 0


def team_sync(_args: argparse.Namespace, settings: Settings) -> int:
    """Pull members (name, time zone, locale) from Slack's users.list."""
    settings.require("SLACK_BOT_TOKEN")
    from .bootstrap import sync_team

    result = sync_team(settings)
    print(
        f"team synced: {result.added} added, {result.updated} updated, "
        f"{result.deactivated} deactivated"
    )
    return 0


def outbox_list(args: argparse.Namespace, settings: Settings) -> int:
    """Show the newest outbox rows, with the last error and a sending row's lease."""
    from . import outbox
    from .bootstrap import build_offline_core

    with build_offline_core(settings).read() as unit:
        rows = outbox.list_rows(unit, args.status)
    for row in rows:
        print(
            f"{row.id:>6} {row.status:<8} {row.attempts:>2} {row.kind:<24} {row.recipient:<14} "
            f"{row.dedup_key}  {_outbox_note(row)}"
        )
    return 0


def _outbox_note(row: Any) -> str:
    """A sending row: until when its dispatcher holds it (then another may take it over)."""
    lease = f"lease until {row.lease_until.isoformat()}" if row.status == "sending" else ""
    return "  ".join(part for part in (lease, row.last_error or "") if part)


def outbox_retry(_args: argparse.Namespace, settings: Settings) -> int:
    """Put failed outbox rows back in the queue."""
    from . import outbox
    from .bootstrap import build_offline_core

    with build_offline_core(settings).write() as unit:
        count = outbox.retry_failed(unit)
    print(f"{count} failed message(s) queued again")
    return 0


def _safe_url(url: str) -> str:
    """The database URL without its password, for logs."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


if __name__ == "__main__":
    sys.exit(main())
