"""How tasks look in Slack: list lines, the full task, DMs with buttons, and their renderers.

Everything is shown in the reader's language and time zone. Titles and comments are stored as
people typed them and escaped for mrkdwn here, keeping Slack's mention and link tokens but not
@here/@channel ones, which would ping everyone wherever a task is shown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.i18n import t
from bot.notify import Outgoing
from bot.task_views import EventView, TaskDetail, TaskView

from .blocks import Rendered, actions, button, chunk_lines, context, fields, header, section
from .mrkdwn import escape, mention, plain

DONE_ACTION = "task_done"
SNOOZE_ACTION = "task_snooze"
COMMENT_SECTIONS = 4  # /task show keeps the newest comments and history that fit in these
HISTORY_SECTIONS = 2


@dataclass(frozen=True)
class Reader:
    """Who a message is rendered for."""

    lang: str
    timezone: str

    def t(self, key: str, /, **params: Any) -> str:
        return t(key, self.lang, **params)


def when(instant: datetime, reader: Reader) -> str:
    local = instant.astimezone(ZoneInfo(reader.timezone))
    weekday = reader.t(f"tasks.weekday.{local.weekday()}")
    return reader.t("tasks.when", weekday=weekday, date=f"{local:%Y-%m-%d}", time=f"{local:%H:%M}")


def task_ref(task_id: int, title: str) -> str:
    return f"`#{task_id}` *{escape(title)}*"


def task_line(task: TaskView, reader: Reader, assignee: bool = True) -> str:
    """One line of a list; `assignee=False` where every task is the reader's own."""
    parts = [task_ref(task.id, task.title)] + ([mention(task.assignee_id)] if assignee else [])
    if task.due_at is not None:
        parts.append(reader.t("tasks.line.due", when=when(task.due_at, reader)))
    if task.priority != "normal":
        parts.append(reader.t(f"tasks.priority.{task.priority}"))
    if task.status != "open":
        parts.append(reader.t(f"tasks.status.{task.status}"))
    if task.overdue:
        return ":red_circle: " + " · ".join(parts) + f" · *{reader.t('tasks.line.overdue')}*"
    return "• " + " · ".join(parts)


def task_buttons(task_id: int, due_at: datetime | None, reader: Reader) -> Any:
    done = button(reader.t("tasks.button.done"), DONE_ACTION, str(task_id), style="primary")
    if due_at is None:
        return actions(done, block_id=f"task:{task_id}")
    snooze = button(reader.t("tasks.button.snooze"), SNOOZE_ACTION, snooze_value(task_id, due_at))
    return actions(done, snooze, block_id=f"task:{task_id}")


def snooze_value(task_id: int, due_at: datetime | None) -> str:
    """The button carries the due time it shows, so a second press is recognised."""
    return f"{task_id}:{int(due_at.timestamp()) if due_at else 'none'}"


def card(headline: str, task: TaskView, reader: Reader, buttons: bool = True) -> Rendered:
    """A task in a DM: what happened, the details, and Done/Snooze while it is open."""
    blocks: list[Any] = [section(headline), context(_meta(task, reader))]
    if buttons and task.status == "open":
        blocks.append(task_buttons(task.id, task.due_at, reader))
    return Rendered(text=headline, blocks=blocks)


def state_card(task: TaskView, reader: Reader) -> Rendered:
    """The DM after a button press: the task as it now stands."""
    ref = task_ref(task.id, task.title)
    if task.status == "done":
        return card(reader.t("tasks.dm.done_card", task=ref), task, reader)
    if task.status == "cancelled":
        return card(reader.t("tasks.dm.cancelled_card", task=ref), task, reader)
    return card(task_line(task, reader), task, reader)


def _meta(task: TaskView, reader: Reader) -> str:
    due = reader.t("tasks.line.due", when=when(task.due_at, reader)) if task.due_at else None
    parts = [due or reader.t("tasks.no_due"), reader.t(f"tasks.priority.{task.priority}")]
    if task.overdue:
        parts.append(f"*{reader.t('tasks.line.overdue')}*")
    if task.source_link:
        parts.append(reader.t("tasks.show.source_link", link=task.source_link))
    return " · ".join(parts)


def detail_message(found: TaskDetail, reader: Reader) -> Rendered:
    task = found.task
    due = when(task.due_at, reader) if task.due_at else reader.t("tasks.no_due")
    blocks: list[Any] = [
        header(f"#{task.id} {plain(task.title)}"),
        fields(*_detail_fields(task, due, reader)),
        section(f"*{reader.t('tasks.show.comments')}*"),
    ]
    comments = [_comment_line(c.author_id, c.text, c.created_at, reader) for c in found.comments]
    blocks += _newest(comments, COMMENT_SECTIONS, "tasks.show.earlier_comments", reader)
    if not comments:
        blocks.append(context(reader.t("tasks.show.no_comments")))
    blocks.append(section(f"*{reader.t('tasks.show.history')}*"))
    history = [history_line(event, reader) for event in found.history]
    blocks += _newest(history, HISTORY_SECTIONS, "tasks.show.earlier_history", reader)
    return Rendered(text=f"#{task.id} {task.title}", blocks=blocks)


def _newest(lines: list[str], sections: int, left_out_key: str, reader: Reader) -> list[Any]:
    """The newest lines that fit in `sections` sections, oldest first, after a note saying how
    many earlier ones are left out: a long-running task must still fit in one message."""
    kept: list[str] = []
    for line in reversed(lines):
        if len(chunk_lines([line, *kept])) > sections:
            break
        kept.insert(0, line)
    note = [context(reader.t(left_out_key, count=len(lines) - len(kept)))]
    return (note if len(kept) < len(lines) else []) + [section(c) for c in chunk_lines(kept)]


def _detail_fields(task: TaskView, due: str, reader: Reader) -> list[tuple[str, str]]:
    status = reader.t(f"tasks.status.{task.status}")
    if task.overdue:
        status += f" · :red_circle: {reader.t('tasks.line.overdue')}"
    pairs = [
        (reader.t("tasks.show.status"), status),
        (reader.t("tasks.show.assignee"), mention(task.assignee_id)),
        (reader.t("tasks.show.creator"), mention(task.creator_id)),
        (reader.t("tasks.show.due"), due),
        (reader.t("tasks.show.priority"), reader.t(f"tasks.priority.{task.priority}")),
        (reader.t("tasks.show.created"), when(task.created_at, reader)),
    ]
    if task.source_link:
        link = reader.t("tasks.show.source_link", link=task.source_link)
        pairs.append((reader.t("tasks.show.source"), link))
    return pairs


def _comment_line(author: str | None, text: str, at: datetime, reader: Reader) -> str:
    return f"• {when(at, reader)} · {mention(author)}: {escape(text)}"


def history_line(event: EventView, reader: Reader) -> str:
    params = {name: _detail_value(value, reader) for name, value in event.detail.items()}
    params.setdefault("to", "—")
    params.setdefault("previous", "—")
    kind = "due_cleared" if event.kind == "due" and not event.detail.get("to") else event.kind
    what = reader.t(f"tasks.history.{kind}", **params)
    return f"• {when(event.at, reader)} · {mention(event.actor_id)} {what}"


def _detail_value(value: Any, reader: Reader) -> str:
    if isinstance(value, str) and re.fullmatch(r"[UW][A-Z0-9]+", value):
        return mention(value)
    if isinstance(value, str) and re.match(r"\d{4}-\d\d-\d\dT", value):
        return when(datetime.fromisoformat(value), reader)
    return reader.t(f"tasks.status.{value}") if value else reader.t("tasks.no_due")


# -- outbox renderers: the payload is a snapshot taken when the change happened ---------


def _payload_task(payload: dict[str, Any]) -> TaskView:
    due = datetime.fromisoformat(payload["due_at"]) if payload.get("due_at") else None
    return TaskView(
        id=payload["task_id"],
        title=payload["title"],
        status=payload["status"],
        priority=payload["priority"],
        assignee_id=payload.get("assignee") or "",
        creator_id=payload.get("creator") or "",
        due_at=due,
        created_at=datetime.fromisoformat(payload["at"]),
        completed_at=None,
        source_channel=None,
        source_ts=None,
        source_link=payload.get("source_link"),
        overdue=False,
    )


def render_assigned(outgoing: Outgoing) -> Rendered:
    reader = Reader(outgoing.language, outgoing.timezone)
    task = _payload_task(outgoing.payload)
    key = "tasks.dm.reassigned_from" if outgoing.payload.get("previous") else "tasks.dm.assigned"
    headline = reader.t(
        key,
        actor=mention(outgoing.payload["actor"]),
        task=task_ref(task.id, task.title),
        previous=mention(outgoing.payload.get("previous")),
    )
    return card(headline, task, reader)


def render_done(outgoing: Outgoing) -> Rendered:
    reader = Reader(outgoing.language, outgoing.timezone)
    task = _payload_task(outgoing.payload)
    ref = task_ref(task.id, task.title)
    headline = reader.t("tasks.dm.done", actor=mention(outgoing.payload["actor"]), task=ref)
    return card(f":white_check_mark: {headline}", task, reader)


def render_changed(outgoing: Outgoing) -> Rendered:
    reader = Reader(outgoing.language, outgoing.timezone)
    task = _payload_task(outgoing.payload)
    change = outgoing.payload["change"]
    headline = reader.t(
        "tasks.dm.due_cleared" if change == "due" and task.due_at is None else f"tasks.dm.{change}",
        actor=mention(outgoing.payload["actor"]),
        task=task_ref(task.id, task.title),
        assignee=mention(task.assignee_id),
    )
    return card(headline, task, reader, buttons=change != "reassigned")


RENDERERS = {
    "task.assigned": render_assigned,
    "task.done": render_done,
    "task.changed": render_changed,
}
