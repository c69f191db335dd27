"""/task on Slack: the command, the buttons, the "new task" form, App Home, and the DMs."""

from __future__ import annotations

from typing import Any

from . import actions, modals
from .commands import command
from .notices import NOTICES

__all__ = ["NOTICES", "command", "register"]


def register(app: Any) -> None:
    actions.register(app)
    modals.register(app)
