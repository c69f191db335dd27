"""The answer form: opened from the prompt's Answer / Edit button or `/standup`, submitted
back here. An empty form is refused next to the first question, in the member's language."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from bot import standups
from bot.errors import DomainError, NotFound
from bot.i18n import t
from bot.viewer import Viewer

from .render import ANSWER_CALLBACK, answer_view, answers_of, thanks_view


def register(app: Any) -> None:
    app.view(ANSWER_CALLBACK)(on_submit)


def open_form(client: Any, trigger_id: str, form: standups.AnswerForm, viewer: Viewer) -> None:
    client.views_open(trigger_id=trigger_id, view=answer_view(form, viewer).to_dict())


def on_submit(ack: Any, body: dict[str, Any], context: Any) -> None:
    core, member = context["core"], context["member"]
    view = body.get("view") or {}
    try:
        standup, day = _which_day(view.get("private_metadata"))
        answers = answers_of((view.get("state") or {}).get("values") or {})
        answered = standups.answer(core, member.slack_id, standup, day, answers)
    except DomainError as error:
        first = next(iter((view.get("state") or {}).get("values") or {"yesterday": None}))
        ack(response_action="errors", errors={first: t(error.key, member.language, **error.params)})
        return
    viewer = Viewer.of(member, core.clock.now())
    ack(response_action="update", view=thanks_view(viewer, answered.first_time).to_dict())


def _which_day(metadata: str | None) -> tuple[str, date]:
    """The standup and day the form was opened for (a malformed one is refused, not a crash)."""
    try:
        found = json.loads(metadata or "")
        return str(found["standup"]), date.fromisoformat(found["day"])
    except (ValueError, KeyError, TypeError) as error:
        raise NotFound("standups.error.unknown_entry") from error
