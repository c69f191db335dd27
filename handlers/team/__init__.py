"""/team on Slack: the roster, roles, managers, languages, time zones, and profile changes."""

from __future__ import annotations

from typing import Any

from . import actions
from .commands import command

NOTICES: dict[str, Any] = {}  # the team sends nothing through the outbox


def register(app: Any) -> None:
    actions.register(app)


__all__ = ["NOTICES", "command", "register"]
