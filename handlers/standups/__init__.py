"""/standup on Slack: the command, the answer form, the prompt's buttons, and the messages
the standups send (prompts, reminders, the day's thread, blockers)."""

from __future__ import annotations

from typing import Any

from . import actions, modals
from .commands import command
from .notices import NOTICES


def register(app: Any) -> None:
    actions.register(app)
    modals.register(app)


__all__ = ["NOTICES", "command", "register"]
