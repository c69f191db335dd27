"""/feedback on Slack: the command, the "Log feedback" modal, and the messages it sends."""

from __future__ import annotations

from typing import Any

from . import modal, notices
from .commands import command

NOTICES = notices.RENDERERS


def register(app: Any) -> None:
    command.register(app)
    modal.register(app)
    notices.register(app)
