"""The demo, seeded once per session as of a Monday morning, and a way to run console
scripts on a copy of it through `tradeops demo --script`, as a user would."""

from __future__ import annotations

import io
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from rich.console import Console

from bot.cli import main, parse_instant
from bot.console import ConsoleOptions
from bot.console.demo import DATABASE, prepare
from handlers.console import opened

AT = "2026-12-07T10:00:00+08:00"  # Monday: 10:00 in Shanghai, 03:00 in Madrid, 21:00 Sunday NY


@dataclass(frozen=True)
class Ran:
    code: int
    text: str
    errors: str = ""  # what went to stderr

    def after(self, line: str) -> str:
        """The transcript from the echo of `line` on."""
        index = self.text.index(f"❯ {line}")
        return self.text[index:]


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    prepare(folder, at=parse_instant(AT))
    return folder / DATABASE


@pytest.fixture
def demo(demo_template, tmp_path, capsys, monkeypatch):
    """Run console lines on a fresh copy of the demo: `demo(":as @li", "/order status 1042")`."""
    folder = tmp_path / "tradeops-demo"
    folder.mkdir()
    shutil.copy(demo_template, folder / DATABASE)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")  # no wrapped lines to assert across
    for variable in ("TRADEOPS_CONFIG", "TRADEOPS_DATABASE_URL", "TRADEOPS_LOG_LEVEL"):
        monkeypatch.delenv(variable, raising=False)

    def run(*lines: str, strict: bool = True, at: str = AT) -> Ran:
        script = tmp_path / "script.txt"
        script.write_text("\n".join(lines) + "\n", encoding="utf-8")
        arguments = ["demo", "--dir", str(folder), "--script", str(script), "--at", at]
        level = logging.getLogger().level
        try:
            code = main([*arguments, *(["--strict"] if strict else [])])
        finally:
            logging.getLogger().setLevel(level)
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


class Typing:
    """A console session held open: type lines, read what each printed."""

    def __init__(self, lines, output: io.StringIO) -> None:
        self.lines = lines
        self.output = output

    def type(self, line: str):
        """Run one line; its outcome, with `.text` what it printed."""
        self.output.seek(0)
        self.output.truncate()
        outcome = self.lines.run(line)
        self.text = self.output.getvalue()
        return outcome


@pytest.fixture
def console(demo_template, tmp_path):
    """The console on a fresh copy of the demo, held open in this process, as Ana."""
    folder = tmp_path / "tradeops-demo"
    folder.mkdir()
    shutil.copy(demo_template, folder / DATABASE)
    settings = prepare(folder).settings
    options = ConsoleOptions(start=parse_instant(AT), files=tmp_path / "files", member="ana")
    output = io.StringIO()
    screen = Console(file=output, width=200, highlight=False, markup=False, emoji=False)
    with opened(settings, options, console=screen) as lines:
        yield Typing(lines, output)
