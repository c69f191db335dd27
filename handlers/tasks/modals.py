"""The "new task" form: opened from /task add, App Home and a message's shortcut; submitted
here, where a refusal is shown on the field it is about."""

from __future__ import annotations

import json
import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import (
    DatePickerElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    StaticSelectElement,
    TimePickerElement,
    UserSelectElement,
)
from slack_sdk.models.views import View

from bot import tasks
from bot.errors import DomainError
from bot.i18n import t
from bot.tasks import TaskForm
from bot.team import MemberView
from bot.viewer import Viewer

from ..mrkdwn import mention
from ..people import ensure_member
from .home import refresh_homes
from .render import card, task_ref

log = logging.getLogger(__name__)

CREATE_CALLBACK = "task_create"
# Which form field shows an error, by the error's key (anything else goes under the title).
FIELD_OF_ERROR = {
    "tasks.error.due_in_past": "due_date",
    "tasks.error.time_without_date": "due_date",
    "dates.error.unparseable": "due_date",
    "dates.error.too_far": "due_date",
    "team.error.unknown_member": "assignee",
    "tasks.error.unknown_priority": "priority",
}


def register(app: Any) -> None:
    app.view(CREATE_CALLBACK)(on_create_submitted)


def open_create_form(
    client: WebClient,
    trigger_id: str,
    viewer: Viewer,
    title: str = "",
    source: dict[str, Any] | None = None,
) -> None:
    """`source` rides along in the form: the message it was made from, where to confirm."""
    view = create_form(viewer, title, source or {})
    client.views_open(trigger_id=trigger_id, view=view.to_dict())


def create_form(viewer: Viewer, title: str, source: dict[str, Any]) -> View:
    priorities = [Option(value=p, text=viewer.t(f"tasks.priority.{p}")) for p in tasks.PRIORITIES]
    title_input = PlainTextInputElement(
        action_id="title",
        max_length=tasks.TITLE_MAX,
        initial_value=title[: tasks.TITLE_MAX] or None,
    )
    blocks = [
        _input("title", viewer.t("tasks.modal.field_title"), title_input),
        _input(
            "assignee",
            viewer.t("tasks.modal.field_assignee"),
            UserSelectElement(action_id="assignee", initial_user=viewer.member_id),
        ),
        _input(
            "due_date",
            viewer.t("tasks.modal.field_date"),
            DatePickerElement(action_id="due_date"),
            optional=True,
        ),
        _input(
            "due_time",
            viewer.t("tasks.modal.field_time"),
            TimePickerElement(action_id="due_time"),
            optional=True,
            hint=viewer.t("tasks.modal.hint_time"),
        ),
        _input(
            "priority",
            viewer.t("tasks.modal.field_priority"),
            StaticSelectElement(
                action_id="priority", options=priorities, initial_option=priorities[1]
            ),
        ),
    ]
    return View(
        type="modal",
        callback_id=CREATE_CALLBACK,
        title=viewer.t("tasks.modal.title"),
        submit=viewer.t("tasks.modal.submit"),
        close=viewer.t("tasks.modal.close"),
        private_metadata=json.dumps(source),
        blocks=blocks,
    )


def _input(
    block_id: str, label: str, element: Any, optional: bool = False, hint: str | None = None
) -> InputBlock:
    return InputBlock(block_id=block_id, label=label, element=element, optional=optional, hint=hint)


def on_create_submitted(ack: Any, body: dict[str, Any], client: WebClient, context: Any) -> None:
    core, member = context["core"], context["member"]
    view = body["view"]
    source = _source(view.get("private_metadata"))
    form = _submitted(view["state"]["values"], member, source)
    try:
        ensure_member(core, client, form.assignee_id)
        change = tasks.add_from_form(core, member.slack_id, form, member.zone)
    except DomainError as error:
        block = FIELD_OF_ERROR.get(error.key, "title")
        ack(response_action="errors", errors={block: t(error.key, member.language, **error.params)})
        return
    ack()
    refresh_homes(core, client, change.affected)
    _confirm(client, Viewer.of(member, core.clock.now()), change, source.get("reply_channel"))


def _source(metadata: str | None) -> dict[str, str]:
    """Where the form was opened (what new_task_view put in it); anything else is nowhere."""
    try:
        found = json.loads(metadata or "{}")
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {key: value for key, value in found.items() if isinstance(value, str)}


def _submitted(values: dict[str, Any], member: MemberView, source: dict[str, str]) -> TaskForm:
    def picked(block: str, key: str) -> Any:
        return (values.get(block, {}).get(block) or {}).get(key)

    option = picked("priority", "selected_option") or {}
    return TaskForm(
        title=picked("title", "value") or "",
        assignee_id=picked("assignee", "selected_user") or member.slack_id,
        day=picked("due_date", "selected_date"),
        time=picked("due_time", "selected_time"),
        priority=option.get("value") or "normal",
        source=_link(source),
    )


def _link(source: dict[str, str]) -> tasks.MessageLink | None:
    if not source.get("channel") or not source.get("ts"):
        return None
    return tasks.MessageLink(source["channel"], source["ts"], source.get("permalink"))


def _confirm(client: WebClient, viewer: Viewer, change: tasks.Change, channel: str | None) -> None:
    """Tell the author where they were (ephemeral), or by DM when that is not possible."""
    task = change.task
    headline = viewer.t(
        "tasks.created", task=task_ref(task.id, task.title), assignee=mention(task.assignee_id)
    )
    message = card(f":white_check_mark: {headline}", task, viewer, buttons=False)
    author, text, blocks = str(viewer.member_id), message.text, message.block_dicts()
    try:
        if channel:
            client.chat_postEphemeral(channel=channel, user=author, text=text, blocks=blocks)
            return
    except SlackApiError:
        log.info("could not confirm in %s; confirming by DM", channel)
    client.chat_postMessage(channel=author, text=text, blocks=blocks)
