"""`tradeops`: the operator's entry points (README, "Deploy modes"); bot.clihelp words their
`--help`."""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from . import clihelp, tokens
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
    clihelp.configure_logging(os.environ.get("TRADEOPS_LOG_LEVEL", "INFO"))
    try:
        return int(args.action(args, load_settings()))
    except ConfigError as error:
        print(f"tradeops: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tradeops", description=clihelp.DESCRIPTION)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    clihelp.add_command(commands, "run").set_defaults(action=run)
    _add_serve(commands)
    clihelp.add_command(commands, "scheduler").set_defaults(action=scheduler)
    _add_group(commands, "jobs", "one scheduler pass, for cron", {"tick": (jobs_tick, _tick_args)})
    _add_group(commands, "db", "the database schema", {"upgrade": (db_upgrade, None)})
    _add_group(commands, "team", "the team's members", {"sync": (team_sync, None)})
    _add_group(
        commands,
        "outbox",
        "messages waiting to be sent, and the ones that failed",
        {"list": (outbox_list, _outbox_list_arguments), "retry": (outbox_retry, None)},
    )
    add_orders_cli(commands)
    add_console_cli(commands)
    add_summary_cli(commands)
    add_escalations_cli(commands)
    return clihelp.finish(parser)


def _add_serve(commands: Any) -> None:
    """The defaults are README's "Running behind gunicorn"; bot.server explains them."""
    from .server import ServeOptions as Default

    parser = clihelp.add_command(commands, "serve")
    parser.add_argument("--host", default=Default.host, help="address to listen on")
    parser.add_argument("--port", type=int, default=Default.port, help="port to listen on")
    parser.add_argument(
        "--workers", type=int, default=Default.workers, help="processes, 2 per CPU (2 to 8)"
    )
    parser.add_argument(
        "--threads", type=int, default=Default.threads, help="request threads per worker"
    )
    parser.add_argument(
        "--timeout",
        type=int,
        default=Default.timeout,
        help="seconds before gunicorn restarts a stuck worker",
    )
    parser.add_argument(
        "--read-timeout",
        type=float,
        default=Default.read_timeout,
        help="seconds a client has to send its whole request, headers and body",
    )
    parser.add_argument(
        "--no-scheduler",
        action="store_true",
        help="leave scheduling to a separate `tradeops scheduler`",
    )
    parser.set_defaults(action=serve)


def _add_group(
    commands: Any, name: str, help_text: str, actions: dict[str, tuple[Action, Any]]
) -> None:
    parser = commands.add_parser(name, help=help_text)
    group = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
    for sub, (action, add_arguments) in actions.items():
        sub_parser = group.add_parser(sub, help=(action.__doc__ or "").strip())
        if add_arguments:
            add_arguments(sub_parser)
        sub_parser.set_defaults(action=action)


def _tick_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--at",
        type=parse_time,
        metavar="ISO-8601",
        help="the instant to tick at, e.g. 2026-12-02T09:45+08:00; without an offset it is read "
        "in the team's zone ([team] timezone) (default: now)",
    )


def _outbox_list_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--status",
        choices=["pending", "sending", "sent", "failed"],
        help="only rows in this state (default: all)",
    )


def parse_instant(text: str) -> datetime:
    try:
        instant = datetime.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO-8601 instant, e.g. 2026-12-01T09:30:00+08:00"
        ) from error
    return instant if instant.tzinfo else instant.replace(tzinfo=UTC)


def parse_time(text: str) -> datetime:
    """An ISO-8601 time, kept without a zone when it has no offset (the caller decides)."""
    try:
        return datetime.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not an ISO-8601 time, e.g. 2026-12-02T09:45 (team zone) or "
            "2026-12-02T09:45+08:00"
        ) from error


def run(_args: argparse.Namespace, settings: Settings) -> int:
    """Socket Mode and the scheduler in one process."""
    tokens.require(settings, "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
    from .bootstrap import build_slack, check_slack, run_socket_mode
    from .scheduler import start_beat

    bot = check_slack(settings, app_token=True)
    side = build_slack(settings)
    interval = settings.scheduler.interval_seconds
    start_beat(side.core, interval)
    log.info("tradeops is running in Socket Mode as %s, a beat every %ss, data in %s", bot,
             interval, _safe_url(settings.database_url))  # fmt: skip
    run_socket_mode(side, settings)
    return 0


def serve(args: argparse.Namespace, settings: Settings) -> int:
    """HTTP mode: gunicorn workers serve POST /slack/events and GET /healthz."""
    tokens.require(settings, "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
    from storage import db

    from .bootstrap import check_slack
    from .server import GunicornServer, ServeOptions

    log.info("serving Slack as %s", check_slack(settings))

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
    tokens.require(settings, "SLACK_BOT_TOKEN")
    from .bootstrap import build_core, check_slack
    from .scheduler import start_beat

    bot = check_slack(settings)
    core = build_core(settings)
    log.info("scheduler running as %s, a beat every %ss, data in %s", bot,
             settings.scheduler.interval_seconds, _safe_url(settings.database_url))  # fmt: skip
    start_beat(core, settings.scheduler.interval_seconds, blocking=True)
    return 0


def jobs_tick(args: argparse.Namespace, settings: Settings) -> int:
    """One scheduler pass as of --at, then drain the outbox once."""
    tokens.require(settings, "SLACK_BOT_TOKEN")
    from .bootstrap import build_core
    from .clock import FixedClock, SystemClock
    from .scheduler import tick

    at = in_team_zone(args.at, settings.team.timezone) if args.at else None
    core = build_core(settings, clock=FixedClock(at) if at else SystemClock(), drain="off")
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


def in_team_zone(at: datetime, zone: str, out: TextIO = sys.stdout) -> datetime:
    """A time without an offset means the team's wall clock; say so, since it decides what
    is due."""
    if at.tzinfo:
        return at
    local = at.replace(tzinfo=ZoneInfo(zone))
    print(f"--at {at.isoformat()} has no offset: read in the team's zone, {zone} "
          f"([team] timezone), as {local.isoformat()}", file=out)  # fmt: skip
    return local


def db_upgrade(_args: argparse.Namespace, settings: Settings) -> int:
    """Migrate the database schema to the newest version."""
    from storage import db

    db.upgrade(db.make_engine(settings.database_url))
    print(f"database at {_safe_url(settings.database_url)} is up to date")
    return 0


def team_sync(_args: argparse.Namespace, settings: Settings) -> int:
    """Pull members (name, time zone, locale) from Slack's users.list."""
    tokens.require(settings, "SLACK_BOT_TOKEN")
    from .bootstrap import check_slack, sync_team

    check_slack(settings)

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
