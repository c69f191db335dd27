"""`tradeops --help` and every command's `--help`: a description, defaults shown beside the
options, and an example, for whichever module added the command; and the log lines an
operator reads."""

from __future__ import annotations

import argparse
import logging
import textwrap
from collections.abc import Iterator
from typing import Any

DESCRIPTION = (
    "Run and look after tradeops, the Slack bot for foreign-trade operations teams: tasks, "
    "order status, customer feedback, standups, alerts and weekly summaries.\n"
    "`tradeops COMMAND --help` explains a command and its options. The README says how to "
    "set the bot up; docs/architecture.md how it is built."
)

# The commands bot/cli.py adds itself: the line in the list, and the description.
WORDS = {
    "run": {
        "help": "Socket Mode plus the scheduler in one process (the embedded default)",
        "description": "Socket Mode plus the scheduler in one process: no public URL needed. "
        "Needs SLACK_BOT_TOKEN (xoxb-...) and SLACK_APP_TOKEN (xapp-...); Slack is asked "
        "whether it takes both before the bot starts.",
    },
    "serve": {
        "help": "HTTP mode behind gunicorn (POST /slack/events, GET /healthz)",
        "description": "HTTP mode: gunicorn's gthread workers serve POST /slack/events (the "
        "Request URL for commands, interactivity and events) and GET /healthz. Needs "
        "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET. Any other gunicorn setting can be given in "
        "GUNICORN_CMD_ARGS.",
    },
    "scheduler": {
        "help": "the scheduler loop alone, for HTTP deployments",
        "description": "The scheduler loop alone: every [scheduler] interval_seconds it works "
        "out what is due and sends it. For HTTP deployments that run `serve --no-scheduler`. "
        "Needs SLACK_BOT_TOKEN.",
    },
}


def add_command(commands: Any, name: str) -> argparse.ArgumentParser:
    """One of the commands above, with its words."""
    parser: argparse.ArgumentParser = commands.add_parser(name, **WORDS[name])
    return parser


# One example per command, by its path; a group shows its first subcommand's.
EXAMPLES = {
    "run": "SLACK_BOT_TOKEN=xoxb-... SLACK_APP_TOKEN=xapp-... tradeops run",
    "serve": "tradeops serve --port 3000 --workers 4 --no-scheduler",
    "scheduler": "tradeops scheduler",
    "jobs tick": "tradeops jobs tick --at 2026-12-02T09:45",
    "db upgrade": "tradeops db upgrade",
    "team sync": "tradeops team sync",
    "outbox list": "tradeops outbox list --status failed",
    "outbox retry": "tradeops outbox retry",
    "import orders": "tradeops import orders erp-orders.csv --dry-run",
    "export orders": "tradeops export orders --output orders.csv",
    "export tasks": "tradeops export tasks --since 2026-11-01 --until 2026-11-30 -o tasks.csv",
    "export feedback": "tradeops export feedback --since 2026-11-01 -o feedback.csv",
    "export standups": "tradeops export standups --since 2026-11-01 -o standups.csv",
    "export kudos": "tradeops export kudos --since 2026-11-01 -o kudos.csv",
    "escalations list": "tradeops escalations list",
    "demo": "tradeops demo --reset",
    "console": "TRADEOPS_DATABASE_URL=sqlite:///copy-of-tradeops.db tradeops console",
}


class Formatter(argparse.HelpFormatter):
    """Descriptions keep their line breaks (each line is wrapped on its own) and indented
    lines, the examples, are kept as written; an option's default is shown when it has one
    worth showing (not a flag's False, not "none given")."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(
            indent + line if line[:1].isspace() or not line else
            textwrap.fill(line, width, initial_indent=indent, subsequent_indent=indent)
            for line in text.splitlines()
        )  # fmt: skip

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        default = action.default
        if default in (None, False, argparse.SUPPRESS) or not action.option_strings:
            return text
        if "%(default)" in text or "default" in text.lower():
            return text
        return f"{text} (default: %(default)s)"


def finish(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Give every parser under `parser` the formatter, a description and its example."""
    parser.formatter_class = Formatter
    parser.epilog = _examples(parser)
    for path, child, help_text in walk(parser):
        child.formatter_class = Formatter
        child.description = child.description or _sentence(help_text)
        examples = examples_for(path)
        if examples and not child.epilog:
            heading = "example:" if len(examples) == 1 else "examples:"
            child.epilog = "\n  ".join([heading, *examples])
    return parser


def walk(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser, str]]:
    """Every command under `parser`, depth first: its path, its parser, its one-line help."""
    for name, child, help_text in subcommands(parser):
        yield (*path, name), child, help_text
        yield from walk(child, (*path, name))


def subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, argparse.ArgumentParser, str]]:
    # argparse keeps a parser's subcommands as an action; there is no public way to ask.
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            found += [(name, child, helps.get(name, "")) for name, child in action.choices.items()]
    return found


def examples_for(path: tuple[str, ...]) -> list[str]:
    """A command's example, or a group's: one per subcommand."""
    key = " ".join(path)
    if key in EXAMPLES:
        return [EXAMPLES[key]]
    return [example for name, example in EXAMPLES.items() if name.startswith(key + " ")]


def _examples(parser: argparse.ArgumentParser) -> str:
    lines = []
    for name, _child, _help in subcommands(parser):
        lines += [f"  {example}" for example in examples_for((name,))[:1]]
    return "examples, one per command:\n" + "\n".join(lines)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".") if text else ""


def configure_logging(level: str) -> None:
    """One line per event, and none for what happens on every start: Alembic's two lines
    about its dialect (an upgrade it runs is still logged)."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic.runtime.migration").addFilter(_drop_alembic_context)


def _drop_alembic_context(record: logging.LogRecord) -> bool:
    return record.msg not in ("Context impl %s.", "Will assume %s DDL.")
