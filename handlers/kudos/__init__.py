"""/kudos on Slack: thank teammates in public; each person thanked hears of it."""

from __future__ import annotations

from typing import Any

from .commands import command
from .notices import NOTICES


def register(app: Any) -> None:
    command.register(app)


__all__ = ["NOTICES", "command", "register"]
