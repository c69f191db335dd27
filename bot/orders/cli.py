"""`tradeops import orders FILE [--dry-run]` and `tradeops export orders --format csv`.

An import writes orders and queues their stage-change messages in the outbox. With
SLACK_BOT_TOKEN set it sends them before it exits; without, it needs no Slack at all and the
running bot sends them at its next beat (every `scheduler.interval_seconds`, a minute by
default).
"""

from __future__ import annotations

import argparse
import io
import sys
from functools import partial
from typing import IO, Any

from ..config import Settings
from ..errors import DomainError
from ..i18n import t

MAX_BAD_ROWS_SHOWN = 200
DRAIN_BATCH = 500
IMPORT_DESCRIPTION = (
    "Upsert orders by number from a CSV file with a header row of field names (UTF-8; a BOM "
    "is fine). Every row is validated: bad rows are reported by line number and skipped, the "
    "good ones imported. Stage changes notify the owner, the watchers and the orders channel: "
    "with SLACK_BOT_TOKEN set the messages are sent before the command exits, otherwise they "
    "wait in the outbox for the running bot, which sends them within about a minute."
)


def add_cli(commands: Any) -> None:
    """Add the `import` and `export` command groups to the `tradeops` parser."""
    importing = commands.add_parser("import", help="load data from another system (an ERP)")
    imports = importing.add_subparsers(dest="subcommand", required=True)
    parser = imports.add_parser(
        "orders", help="upsert orders by number from a CSV file", description=IMPORT_DESCRIPTION
    )
    parser.add_argument("file", help="a CSV file with a header row (UTF-8; a BOM is fine)")
    parser.add_argument("--dry-run", action="store_true", help="validate only, save nothing")
    parser.set_defaults(action=import_orders)
    exporting = commands.add_parser("export", help="write data out for another system")
    exports = exporting.add_subparsers(dest="subcommand", required=True)
    parser = exports.add_parser("orders", help="every order as CSV (UTF-8 with BOM, for Excel)")
    parser.add_argument("--format", choices=["csv"], default="csv", help="file format")
    parser.add_argument("--output", "-o", help="file to write (default: standard output)")
    parser.set_defaults(action=export_orders)


def _core(settings: Settings) -> Any:
    """With a bot token, a core that can send to Slack; without, one that only writes."""
    from ..bootstrap import build_core, build_offline_core

    if settings.slack.bot_token:
        return build_core(settings, drain="off")
    return build_offline_core(settings)


def import_orders(args: argparse.Namespace, settings: Settings) -> int:
    """Upsert orders from a CSV file; bad rows are reported by line number and skipped."""
    from .transfer import import_csv

    lang = settings.team.language
    try:
        text = _read_text(args.file)
    except OSError as error:
        return _fail(t("orders.import.cannot_read", lang, file=args.file, reason=error.strerror))
    except UnicodeDecodeError:
        return _fail(t("orders.import.not_utf8", lang, file=args.file))
    core = _core(settings)
    progress = partial(_progress, lang=lang)
    try:
        report = import_csv(core, io.StringIO(text), dry_run=args.dry_run, progress=progress)
    except DomainError as error:
        return _fail(f"{args.file}: {t(error.key, lang, **error.params)}")
    _print_report(report, lang, args.dry_run)
    if report.notified and not args.dry_run:
        _deliver(core, settings, report.notified, lang)
    return 1 if report.bad else 0


def _read_text(path: str) -> str:
    """The whole file, decoded before anything is saved: a file that is not UTF-8 is refused
    whole rather than failing half-way through the import."""
    with open(path, "rb") as stream:
        return stream.read().decode("utf-8-sig")


def _fail(message: str) -> int:
    print(f"tradeops: {message}", file=sys.stderr)
    return 2


def _progress(rows: int, lang: str) -> None:
    print(t("orders.import.progress", lang, rows=f"{rows:,}"), file=sys.stderr, flush=True)


def _print_report(report: Any, lang: str, dry_run: bool) -> None:
    from .transfer import describe

    if report.ignored_columns:
        columns = ", ".join(report.ignored_columns)
        print(t("orders.import.ignored_columns", lang, columns=columns), file=sys.stderr)
    for bad in report.bad[:MAX_BAD_ROWS_SHOWN]:
        line = t("orders.import.bad_row", lang, line=bad.line, problems=bad.text(lang))
        print(line, file=sys.stderr)
    if len(report.bad) > MAX_BAD_ROWS_SHOWN:
        more = len(report.bad) - MAX_BAD_ROWS_SHOWN
        print(t("orders.import.more_bad", lang, count=more), file=sys.stderr)
    print(describe(report, lang, dry_run))


def _deliver(core: Any, settings: Settings, queued: int, lang: str) -> None:
    """Send the queued messages now when there is a token; else say who will."""
    if not settings.slack.bot_token:
        print(t("orders.import.queued", lang, count=queued))
        return
    sent, unsent = _drain(core)
    key = "orders.import.sent_partly" if unsent else "orders.import.sent"
    print(t(key, lang, sent=sent, unsent=unsent))


def _drain(core: Any) -> tuple[int, int]:
    """Send every due outbox row; one that fails stays queued (retried, never dropped)."""
    sent = unsent = 0
    while True:
        result = core.dispatcher.drain(limit=DRAIN_BATCH)
        sent += result.sent
        unsent += result.retrying + result.failed
        if result.sent + result.retrying + result.failed < DRAIN_BATCH:
            return sent, unsent


def export_orders(args: argparse.Namespace, settings: Settings) -> int:
    """Write every order as CSV, UTF-8 with a BOM so that Excel reads Chinese correctly."""
    from ..bootstrap import build_offline_core

    core = build_offline_core(settings)
    if args.output:
        with open(args.output, "w", encoding="utf-8-sig", newline="") as stream:
            count = _export(core, stream)
        lang = settings.team.language
        print(t("orders.export.written", lang, count=count, file=args.output), file=sys.stderr)
        return 0
    sys.stdout.reconfigure(encoding="utf-8", newline="")  # type: ignore[union-attr]
    sys.stdout.write("\ufeff")  # the BOM: Excel reads UTF-8 only when it is there
    _export(core, sys.stdout)
    return 0


def _export(core: Any, stream: IO[str]) -> int:
    from .transfer import export_csv

    with core.read() as unit:
        return int(export_csv(unit, stream))
