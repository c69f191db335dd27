"""/kudos on Slack: thank teammates in public; each person thanked hears of it."""

from __future__ import annotations

from typing import Any

from .commands import command
from .notices import NOTICES


def register(app: Any) -> None:
    """/kudos has no buttons or forms; handlers.app routes the command to it."""


__all__ = ["NOTICES", "command", "register"]
