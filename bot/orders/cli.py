"""`tradeops import orders FILE [--dry-run]` and `tradeops export orders --format csv`.

An import writes to the database only; stage-change messages wait in the outbox until the
running bot's next beat (about a minute) sends them, so the import needs no Slack token.
"""

from __future__ import annotations

import argparse
import sys
from typing import IO, Any

from ..config import Settings
from ..errors import DomainError
from ..i18n import t

MAX_BAD_ROWS_SHOWN = 200


def add_cli(commands: Any) -> None:
    """Add the `import` and `export` command groups to the `tradeops` parser."""
    importing = commands.add_parser("import", help="load data from another system (an ERP)")
    imports = importing.add_subparsers(dest="subcommand", required=True)
    parser = imports.add_parser("orders", help="upsert orders by number from a CSV file")
    parser.add_argument("file", help="a CSV file with a header row (UTF-8; a BOM is fine)")
    parser.add_argument("--dry-run", action="store_true", help="validate only, save nothing")
    parser.set_defaults(action=import_orders)
    exporting = commands.add_parser("export", help="write data out for another system")
    exports = exporting.add_subparsers(dest="subcommand", required=True)
    parser = exports.add_parser("orders", help="every order as CSV (UTF-8 with BOM, for Excel)")
    parser.add_argument("--format", choices=["csv"], default="csv")
    parser.add_argument("--output", "-o", help="file to write (default: standard output)")
    parser.set_defaults(action=export_orders)


def _core(settings: Settings) -> Any:
    from ..bootstrap import build_core
    from ..notify import RecordingNotifier

    return build_core(settings, notifier=RecordingNotifier(), drain="off")


def import_orders(args: argparse.Namespace, settings: Settings) -> int:
    """Upsert orders from a CSV file; bad rows are reported by line number and skipped."""
    from .transfer import import_csv

    lang = settings.team.language
    try:
        with open(args.file, encoding="utf-8-sig", newline="") as stream:
            report = import_csv(
                _core(settings),
                stream,
                dry_run=args.dry_run,
                progress=lambda rows: _progress(rows, lang),
            )
    except OSError as error:
        print(f"tradeops: cannot read {args.file}: {error.strerror}", file=sys.stderr)
        return 2
    except (DomainError, UnicodeDecodeError) as error:
        print(f"tradeops: {args.file}: {_problem_text(error, lang)}", file=sys.stderr)
        return 2
    _print_report(report, lang, args.dry_run)
    return 1 if report.bad else 0


def _problem_text(error: Exception, lang: str) -> str:
    if isinstance(error, DomainError):
        return t(error.key, lang, **error.params)
    return "not UTF-8 text; save the file as CSV UTF-8"


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
        print(f"... {len(report.bad) - MAX_BAD_ROWS_SHOWN} more", file=sys.stderr)
    print(describe(report, lang, dry_run))


def export_orders(args: argparse.Namespace, settings: Settings) -> int:
    """Write every order as CSV, UTF-8 with a BOM so that Excel reads Chinese correctly."""
    from .transfer import export_csv

    core = _core(settings)
    if args.output:
        with open(args.output, "w", encoding="utf-8-sig", newline="") as stream:
            count = _export(core, stream, export_csv)
        print(f"{count} orders written to {args.output}", file=sys.stderr)
        return 0
    sys.stdout.reconfigure(encoding="utf-8", newline="")  # type: ignore[union-attr]
    sys.stdout.write("\ufeff")  # the BOM: Excel reads UTF-8 only when it is there
    _export(core, sys.stdout, export_csv)
    return 0


def _export(core: Any, stream: IO[str], export_csv: Any) -> int:
    with core.unit() as unit:
        return int(export_csv(unit, stream))
