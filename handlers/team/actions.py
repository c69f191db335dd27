"""Slack telling the bot about people: a changed profile refreshes the member."""

from __future__ import annotations

from typing import Any

from bot import team

from ..people import profile_from


def register(app: Any) -> None:
    app.event("user_change")(on_user_change)


def on_user_change(event: dict[str, Any], context: Any) -> None:
    team.learn(context["core"], profile_from(event["user"]))
