"""Task buttons, the "new task" form, the message shortcut and App Home.

Buttons are idempotent: Done on a done task changes nothing and sends nothing; Snooze carries
the due time it showed, so a second press finds the task already moved.
"""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import tasks
from bot.dates import END_OF_WORKDAY
from bot.errors import DomainError, InvalidInput
from bot.i18n import t
from bot.team import MemberView

from .blocks import Rendered
from .mrkdwn import mention
from .people import ensure_member
from .task_screens import (
    CREATE_CALLBACK,
    NEW_ACTION,
    PAGE_ACTION,
    list_message,
    open_create_form,
    parse_page_value,
    publish_home,
    reader_of,
    refresh_homes,
)
from .task_views import DONE_ACTION, SNOOZE_ACTION, Reader, card, state_card, task_ref, when

log = logging.getLogger(__name__)

SHORTCUT_CALLBACK = "create_task_from_message"
# Which form field shows an error, by the error's key (anything else goes under the title).
FIELD_OF_ERROR = {
    "tasks.error.due_in_past": "due_date",
    "tasks.error.time_without_date": "due_date",
    "team.error.unknown_member": "assignee",
    "tasks.error.unknown_priority": "priority",
}


def register(app: Any) -> None:
    app.action(DONE_ACTION)(on_done)
    app.action(SNOOZE_ACTION)(on_snooze)
    app.action(re.compile(f"^{PAGE_ACTION}_(prev|next)$"))(on_page)
    app.action(NEW_ACTION)(on_new)
    app.view(CREATE_CALLBACK)(on_create_submitted)
    app.shortcut(SHORTCUT_CALLBACK)(on_message_shortcut)
    app.event("app_home_opened")(on_home_opened)


# -- buttons --------------------------------------------------------------------------------


def on_done(ack: Any, body: dict[str, Any], client: WebClient, respond: Any, context: Any) -> None:
    ack()
    task_id = int(body["actions"][0]["value"])
    _act(body, client, respond, context, lambda unit, actor: tasks.complete(unit, actor, task_id))


def on_snooze(
    ack: Any, body: dict[str, Any], client: WebClient, respond: Any, context: Any
) -> None:
    ack()
    raw_id, _, seen = body["actions"][0]["value"].partition(":")
    seen_due = None if seen in ("", "none") else datetime.fromtimestamp(int(seen), UTC)

    def snooze(unit: Any, actor: str) -> tasks.Change:
        return tasks.snooze(unit, actor, int(raw_id), seen_due)

    _act(body, client, respond, context, snooze, "tasks.done.snoozed")


def _act(
    body: dict[str, Any],
    client: WebClient,
    respond: Any,
    context: Any,
    change_with: Callable[[Any, str], tasks.Change],
    headline_key: str | None = None,
) -> None:
    core, member = context["core"], context["member"]
    in_home = (body.get("container") or {}).get("type") == "view"
    try:
        with core.unit() as unit:
            change = change_with(unit, member.slack_id)
    except DomainError as error:
        _refuse(client, respond, member, error, in_home)
        return
    if not in_home and body.get("response_url"):  # first what the presser is looking at
        message = _after_press(change, reader_of(member), headline_key)
        respond(replace_original=True, text=message.text, blocks=message.block_dicts())
    # From App Home, a repeated press (nothing changed) still redraws the presser's Home.
    extra = (member.slack_id,) if in_home and member.slack_id not in change.affected else ()
    refresh_homes(core, client, change.affected + extra)


def _after_press(change: tasks.Change, reader: Reader, headline_key: str | None) -> Rendered:
    task = change.task
    if not (change.changed and headline_key and task.due_at):
        return state_card(task, reader)
    ref = task_ref(task.id, task.title)
    return card(reader.t(headline_key, task=ref, when=when(task.due_at, reader)), task, reader)


def _refuse(
    client: WebClient, respond: Any, member: MemberView, error: DomainError, in_home: bool
) -> None:
    text = f":warning: {t(error.key, member.language, **error.params)}"
    if in_home:
        client.chat_postMessage(channel=member.slack_id, text=text)
    else:
        respond(response_type="ephemeral", replace_original=False, text=text)


def on_page(ack: Any, body: dict[str, Any], respond: Any, context: Any) -> None:
    ack()
    scope, person, number = parse_page_value(body["actions"][0]["value"])
    message = list_message(context["core"], context["member"], scope, person, number)
    respond(replace_original=True, text=message.text, blocks=message.block_dicts())


def on_new(ack: Any, body: dict[str, Any], client: WebClient, context: Any) -> None:
    ack()
    open_create_form(client, body["trigger_id"], context["member"])


# -- the form and the message shortcut --------------------------------------------------------


def on_message_shortcut(
    ack: Any, shortcut: dict[str, Any], client: WebClient, context: Any
) -> None:
    ack()
    message = shortcut.get("message") or {}
    channel = (shortcut.get("channel") or {}).get("id")
    ts = shortcut.get("message_ts")
    # Asked now, not on submit: a form's submission must be answered within 3 seconds.
    permalink = _permalink(client, channel, ts)
    source = {"channel": channel, "ts": ts, "permalink": permalink, "reply_channel": channel}
    title = " ".join(html.unescape(str(message.get("text") or "")).split())
    open_create_form(client, shortcut["trigger_id"], context["member"], title, source)


def on_create_submitted(ack: Any, body: dict[str, Any], client: WebClient, context: Any) -> None:
    core, member = context["core"], context["member"]
    view = body["view"]
    source = json.loads(view.get("private_metadata") or "{}")
    try:
        wanted = _form_values(view["state"]["values"], member)
        ensure_member(core, client, wanted["assignee_id"])
        with core.unit() as unit:
            tasks_due = _due_from_form(wanted, member, unit.now)
            change = tasks.create(
                unit,
                member.slack_id,
                wanted["title"],
                due_at=tasks_due,
                assignee_id=wanted["assignee_id"],
                priority=wanted["priority"],
                source=_link(source),
            )
    except DomainError as error:
        block = FIELD_OF_ERROR.get(error.key, "title")
        ack(response_action="errors", errors={block: t(error.key, member.language, **error.params)})
        return
    ack()
    refresh_homes(core, client, change.affected)
    _confirm(client, member, change, source.get("reply_channel"))


def _form_values(values: dict[str, Any], member: MemberView) -> dict[str, Any]:
    def picked(block: str, key: str) -> Any:
        return (values.get(block, {}).get(block) or {}).get(key)

    option = picked("priority", "selected_option") or {}
    return {
        "title": picked("title", "value") or "",
        "assignee_id": picked("assignee", "selected_user") or member.slack_id,
        "date": picked("due_date", "selected_date"),
        "time": picked("due_time", "selected_time"),
        "priority": option.get("value") or "normal",
    }


def _due_from_form(wanted: dict[str, Any], member: MemberView, now: datetime) -> datetime | None:
    """The pickers give a local date and time; a date alone means the end of the workday."""
    if not wanted["date"]:
        if wanted["time"]:
            raise InvalidInput("tasks.error.time_without_date")
        return None
    clock = time.fromisoformat(wanted["time"]) if wanted["time"] else END_OF_WORKDAY
    local = datetime.combine(date.fromisoformat(wanted["date"]), clock, tzinfo=member.zone)
    return local.astimezone(UTC)


def _permalink(client: WebClient, channel: str | None, ts: str | None) -> str | None:
    if not channel or not ts:
        return None
    try:
        return client.chat_getPermalink(channel=channel, message_ts=ts).get("permalink")
    except SlackApiError as error:  # the task still keeps the channel and ts
        log.warning("chat.getPermalink failed: %s", error.response.get("error"))
        return None


def _link(source: dict[str, Any]) -> tasks.MessageLink | None:
    if not source.get("channel") or not source.get("ts"):
        return None
    return tasks.MessageLink(source["channel"], source["ts"], source.get("permalink"))


def _confirm(
    client: WebClient, member: MemberView, change: tasks.Change, channel: str | None
) -> None:
    """Tell the author where they were (ephemeral), or by DM when that is not possible."""
    reader = reader_of(member)
    task = change.task
    headline = reader.t(
        "tasks.created", task=task_ref(task.id, task.title), assignee=mention(task.assignee_id)
    )
    message = card(f":white_check_mark: {headline}", task, reader, buttons=False)
    blocks = message.block_dicts()
    try:
        if channel:
            client.chat_postEphemeral(
                channel=channel, user=member.slack_id, text=message.text, blocks=blocks
            )
            return
    except SlackApiError:
        log.info("could not confirm in %s; confirming by DM", channel)
    client.chat_postMessage(channel=member.slack_id, text=message.text, blocks=blocks)


# -- App Home ---------------------------------------------------------------------------------


def on_home_opened(event: dict[str, Any], client: WebClient, context: Any) -> None:
    if event.get("tab", "home") == "home":
        publish_home(context["core"], client, event["user"])
