"""The demo team in a folder of its own: its SQLite file (seeded once, or again with
--reset), the files the bot sends, the prompt's history. Nothing outside the folder is
read or written, and no Slack app or token is needed."""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ...clock import SystemClock
from ...config import Settings
from ...i18n import t
from .seed import seed
from .settings import FIRST_MEMBER, TEAM_ZONE, demo_settings

__all__ = ["DATABASE", "TEAM_ZONE", "Prepared", "forget", "prepare"]

DATABASE = "demo.db"
# What --reset removes: only what the demo itself writes, whatever folder it was given.
OWN_FILES = (DATABASE, f"{DATABASE}-wal", f"{DATABASE}-shm", "history", "clock")
OWN_FOLDERS = ("files",)


@dataclass(frozen=True)
class Prepared:
    settings: Settings
    database: Path
    seeded: bool  # just now (not found from an earlier run)
    seconds: float = 0.0
    first_member: str = FIRST_MEMBER

    def describe(self) -> str:
        language = self.settings.team.language
        return t("console.demo.seeded", language, path=self.database, seconds=self.seconds)


def prepare(folder: Path, *, reset: bool = False, at: datetime | None = None) -> Prepared:
    """The demo's settings, its database seeded first when there is none (or on reset)."""
    if reset:
        forget(folder)
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / DATABASE
    if database.exists():
        return Prepared(demo_settings(database), database, seeded=False)
    started = time.perf_counter()
    _seed_into(database, at or SystemClock().now())
    return Prepared(
        demo_settings(database), database, seeded=True, seconds=time.perf_counter() - started
    )


def _seed_into(database: Path, now: datetime) -> None:
    """Seed a file beside it, then put it in place: an interrupted seeding leaves no half
    demo behind for the next run to open."""
    partial = database.with_name(database.name + ".seeding")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    seed(demo_settings(partial), now)
    os.replace(partial, database)


def forget(folder: Path) -> None:
    for name in OWN_FILES:
        (folder / name).unlink(missing_ok=True)
    for name in OWN_FOLDERS:
        shutil.rmtree(folder / name, ignore_errors=True)
