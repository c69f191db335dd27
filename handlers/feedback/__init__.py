"""/feedback on Slack: the command, the "Log feedback" modal, the Start button, and the
messages the outbox sends."""

from __future__ import annotations

from typing import Any

from . import actions, modals
from .commands import command
from .notices import RENDERERS as NOTICES


def register(app: Any) -> None:
    actions.register(app)
    modals.register(app)


__all__ = ["NOTICES", "command", "register"]
