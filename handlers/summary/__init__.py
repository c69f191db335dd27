"""/summary on Slack: the weekly summary on demand, and the weekly post with its charts."""

from __future__ import annotations

from typing import Any

from .commands import command
from .notices import NOTICES


def register(app: Any) -> None:
    command.register(app)


__all__ = ["NOTICES", "command", "register"]
