"""Escalations on Slack: /escalations, the Acknowledge and settle buttons, and the DMs."""

from __future__ import annotations

from typing import Any

from . import actions
from .commands import command
from .notices import NOTICES


def register(app: Any) -> None:
    actions.register(app)


__all__ = ["NOTICES", "command", "register"]
