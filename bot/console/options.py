"""What `tradeops console` and `tradeops demo` ask of the console."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class ConsoleOptions:
    script: str | None = None  # a file of console lines, "-" for standard input; None: a prompt
    strict: bool = False  # stop at the first error reply, exit 1
    start: datetime | None = None  # where the console's clock starts (default: now)
    files: Path = Path("tradeops-files")  # where images and files the bot sends are written
    history: Path | None = None  # the prompt's history file
    # Where the clock is kept between sessions: the next one goes on from there (the demo's
    # data has moved on with it), unless `start` says otherwise.
    clock: Path | None = None
    tour: bool = False  # the demo's guided tour
    member: str | None = None  # who types first (a Slack name or id; default: the first)
    width: int | None = None  # columns of the transcript (default: the terminal's)
