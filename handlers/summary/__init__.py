"""/summary on Slack: the weekly summary on demand, and the weekly post with its charts."""

from __future__ import annotations

from typing import Any

from .commands import command
from .notices import NOTICES


def register(app: Any) -> None:
    """/summary has no buttons or forms; handlers.app routes the command to it."""


__all__ = ["NOTICES", "command", "register"]
