"""/order on Slack: status, history and list; changes by command and form; the buttons on
order messages; the stage-change notices; and the ERP webhook (POST /api/orders/<number>)."""

from __future__ import annotations

from typing import Any

from . import actions, modals
from .commands import command
from .notices import NOTICES
from .webhook import ROUTES

__all__ = ["NOTICES", "ROUTES", "command", "register"]


def register(app: Any) -> None:
    actions.register(app)
    modals.register(app)
