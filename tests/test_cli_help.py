"""`tradeops --help` and each command's: every command listed with a line and an example,
every option explained with its default, and nothing pointing outside the project."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from bot import clihelp
from bot.cli import build_parser, main

COMMANDS = {"run", "serve", "scheduler", "jobs", "db", "team", "outbox", "import", "export",
            "demo", "console"}  # fmt: skip
PARSER = build_parser()
EVERY_COMMAND = [path for path, _parser, _help in clihelp.walk(PARSER)]


def _help_of(capsys, *path: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        main([*path, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


def test_the_top_level_help_lists_every_command_with_a_line_and_an_example(capsys):
    text = _help_of(capsys)
    listed = {name for name, _parser, _help in clihelp.subcommands(PARSER)}
    assert listed >= COMMANDS
    examples = text.split("examples, one per command:", 1)[1]
    for name, _parser, help_text in clihelp.subcommands(PARSER):
        assert help_text, f"`{name}` has no one-line help"
        assert f"\n    {name}" in text  # in the command list
        assert f"tradeops {name}" in examples, f"no example for `{name}`"


def test_no_help_points_at_a_document_outside_the_project(capsys):
    # Every document a help text names is one a clone of the repository has.
    root = Path(__file__).resolve().parent.parent
    for path in [(), *EVERY_COMMAND]:
        text = _help_of(capsys, *path)
        for document in re.findall(r"[\w./-]+\.md\b", text):
            assert (root / document).is_file(), f"`{' '.join(path)}` names {document}"
        assert "design doc" not in text.lower()
    assert "docs/architecture.md" in _help_of(capsys)


@pytest.mark.parametrize("path", EVERY_COMMAND, ids=" ".join)
def test_every_command_has_a_description_an_example_and_explained_options(path, capsys):
    parser = _parser_at(path)
    assert parser.description, f"`{' '.join(path)}` has no description"
    assert parser.epilog and f"tradeops {' '.join(path)}" in parser.epilog
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
            continue
        assert action.help, f"`{' '.join(path)}` {action.option_strings or action.dest}: no help"
    text = _help_of(capsys, *path)
    assert "example" in text


def test_serve_help_shows_the_defaults_of_host_port_and_workers(capsys):
    text = " ".join(_help_of(capsys, "serve").split())
    assert "address to listen on (default: 0.0.0.0)" in text
    assert "port to listen on (default: 3000)" in text
    from bot.server import default_workers

    assert f"processes, 2 per CPU (2 to 8) (default: {default_workers()})" in text
    assert "request threads per worker (default: 4)" in text and "(default: 30)" in text


def test_a_flag_shows_no_default_and_an_option_without_one_says_what_happens(capsys):
    text = " ".join(_help_of(capsys, "outbox", "list").split())
    assert "only rows in this state (default: all)" in text
    assert "default: False" not in " ".join(_help_of(capsys, "serve").split())
    assert "default: None" not in text


def _parser_at(path: tuple[str, ...]) -> argparse.ArgumentParser:
    parser = PARSER
    for name in path:
        parser = dict((n, p) for n, p, _h in clihelp.subcommands(parser))[name]
    return parser
