"""Stage playbooks on Slack: the checklist on the status card and `/order checklist`, what a
stage change handed out, the "hand out again" button and the DM listing new tasks."""

from __future__ import annotations

from typing import Any

from . import actions
from .notices import NOTICES

__all__ = ["NOTICES", "register"]


def register(app: Any) -> None:
    actions.register(app)
