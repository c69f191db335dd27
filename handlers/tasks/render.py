"""How tasks look in Slack: list lines and pages, the full task, cards with buttons.

Everything is shown in the viewer's language and time zone. Titles and comments are stored as
people typed them and escaped for mrkdwn here, keeping Slack's mention and link tokens but not
@here/@channel ones, which would ping everyone wherever a task is shown.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from bot.tasks import Change, EventView, TaskDetail, TaskList, TaskView
from bot.viewer import Viewer

from ..blocks import Rendered, actions, button, chunk_lines, context, fields, header, section
from ..mrkdwn import escape, mention, plain

DONE_ACTION = "tasks.task.done"
SNOOZE_ACTION = "tasks.task.snooze"
NEW_ACTION = "tasks.task.new"
PREVIOUS_ACTION = "tasks.list.previous"
NEXT_ACTION = "tasks.list.next"
SHARE_ACTION = "tasks.task.share"
COMMENT_SECTIONS = 4  # /task show keeps the newest comments and history that fit in these
HISTORY_SECTIONS = 2


def when(instant: datetime, viewer: Viewer) -> str:
    """`Fri 2026-12-04 17:00 CST`: in the reader's zone, which it names."""
    local = viewer.local(instant)
    weekday = viewer.t(f"tasks.weekday.{local.weekday()}")
    day, time = f"{local:%Y-%m-%d}", viewer.local_clock(local)
    return viewer.t("tasks.when", weekday=weekday, date=day, time=time)


def task_ref(task_id: int, title: str) -> str:
    return f"`#{task_id}` *{escape(title)}*"


def task_line(task: TaskView, viewer: Viewer, assignee: bool = True) -> str:
    """One line of a list; `assignee=False` where every task is the viewer's own."""
    parts = [task_ref(task.id, task.title)] + ([mention(task.assignee_id)] if assignee else [])
    if task.due_at is not None:
        parts.append(viewer.t("tasks.line.due", when=when(task.due_at, viewer)))
    if task.priority != "normal":
        parts.append(viewer.t(f"tasks.priority.{task.priority}"))
    if task.status != "open":
        parts.append(viewer.t(f"tasks.status.{task.status}"))
    if task.overdue:
        return ":red_circle: " + " · ".join(parts) + f" · *{viewer.t('tasks.line.overdue')}*"
    return "• " + " · ".join(parts)


def task_buttons(task_id: int, due_at: datetime | None, viewer: Viewer) -> Any:
    done = button(viewer.t("tasks.button.done"), DONE_ACTION, str(task_id), style="primary")
    if due_at is None:
        return actions(done, block_id=f"task:{task_id}")
    snooze = button(viewer.t("tasks.button.snooze"), SNOOZE_ACTION, snooze_value(task_id, due_at))
    return actions(done, snooze, block_id=f"task:{task_id}")


def snooze_value(task_id: int, due_at: datetime | None) -> str:
    """`id:due`: the button carries the due time it shows, so a second press is recognised."""
    return f"{task_id}:{int(due_at.timestamp()) if due_at else 'none'}"


def card(headline: str, task: TaskView, viewer: Viewer, buttons: bool = True) -> Rendered:
    """A task in a DM: what happened, the details, and Done/Snooze while it is open."""
    blocks: list[Any] = [section(headline), context(_meta(task, viewer))]
    if buttons and task.status == "open":
        blocks.append(task_buttons(task.id, task.due_at, viewer))
    return Rendered(text=headline, blocks=blocks)


def state_card(task: TaskView, viewer: Viewer) -> Rendered:
    """The DM after a button press: the task as it now stands."""
    ref = task_ref(task.id, task.title)
    if task.status == "done":
        return card(viewer.t("tasks.dm.done_card", task=ref), task, viewer)
    if task.status == "cancelled":
        return card(viewer.t("tasks.dm.cancelled_card", task=ref), task, viewer)
    return card(task_line(task, viewer), task, viewer)


def after_press(change: Change, viewer: Viewer, headline_key: str | None = None) -> Rendered:
    """What replaces the card pressed: the task as it now stands, or where it moved to."""
    task = change.task
    if not (change.changed and headline_key and task.due_at):
        return state_card(task, viewer)
    ref = task_ref(task.id, task.title)
    return card(viewer.t(headline_key, task=ref, when=when(task.due_at, viewer)), task, viewer)


def _meta(task: TaskView, viewer: Viewer) -> str:
    due = viewer.t("tasks.line.due", when=when(task.due_at, viewer)) if task.due_at else None
    parts = [due or viewer.t("tasks.no_due"), viewer.t(f"tasks.priority.{task.priority}")]
    if task.overdue:
        parts.append(f"*{viewer.t('tasks.line.overdue')}*")
    if task.source_link:
        parts.append(viewer.t("tasks.show.source_link", link=task.source_link))
    return " · ".join(parts)


def detail_message(found: TaskDetail, viewer: Viewer, shared_by: str | None = None) -> Rendered:
    """`/task show`; `shared_by` draws it for a channel, saying who shared it there."""
    task = found.task
    due = when(task.due_at, viewer) if task.due_at else viewer.t("tasks.no_due")
    shared = [context(viewer.t("common.share.by", who=mention(shared_by)))] if shared_by else []
    blocks: list[Any] = [
        *shared,
        header(f"#{task.id} {plain(task.title)}"),
        fields(*_detail_fields(task, due, viewer)),
        section(f"*{viewer.t('tasks.show.comments')}*"),
    ]
    comments = [_comment_line(c.author_id, c.text, c.created_at, viewer) for c in found.comments]
    blocks += _newest(comments, COMMENT_SECTIONS, "tasks.show.earlier_comments", viewer)
    if not comments:
        blocks.append(context(viewer.t("tasks.show.no_comments")))
    blocks.append(section(f"*{viewer.t('tasks.show.history')}*"))
    history = [history_line(event, viewer) for event in found.history]
    blocks += _newest(history, HISTORY_SECTIONS, "tasks.show.earlier_history", viewer)
    if not shared_by:
        blocks.append(actions(button(viewer.t("common.share.button"), SHARE_ACTION, str(task.id))))
    return Rendered(text=f"#{task.id} {task.title}", blocks=blocks)


def _newest(lines: list[str], sections: int, left_out_key: str, viewer: Viewer) -> list[Any]:
    """The newest lines that fit in `sections` sections, oldest first, after a note saying how
    many earlier ones are left out: a long-running task must still fit in one message."""
    kept: list[str] = []
    for line in reversed(lines):
        if len(chunk_lines([line, *kept])) > sections:
            break
        kept.insert(0, line)
    note = [context(viewer.t(left_out_key, count=len(lines) - len(kept)))]
    return (note if len(kept) < len(lines) else []) + [section(c) for c in chunk_lines(kept)]


def _detail_fields(task: TaskView, due: str, viewer: Viewer) -> list[tuple[str, str]]:
    status = viewer.t(f"tasks.status.{task.status}")
    if task.overdue:
        status += f" · :red_circle: {viewer.t('tasks.line.overdue')}"
    pairs = [
        (viewer.t("tasks.show.status"), status),
        (viewer.t("tasks.show.assignee"), mention(task.assignee_id)),
        (viewer.t("tasks.show.creator"), mention(task.creator_id)),
        (viewer.t("tasks.show.due"), due),
        (viewer.t("tasks.show.priority"), viewer.t(f"tasks.priority.{task.priority}")),
        (viewer.t("tasks.show.created"), when(task.created_at, viewer)),
    ]
    if task.source_link:
        link = viewer.t("tasks.show.source_link", link=task.source_link)
        pairs.append((viewer.t("tasks.show.source"), link))
    return pairs


def _comment_line(author: str | None, text: str, at: datetime, viewer: Viewer) -> str:
    return f"• {when(at, viewer)} · {mention(author)}: {escape(text)}"


def history_line(event: EventView, viewer: Viewer) -> str:
    params = {name: _detail_value(value, viewer) for name, value in event.detail.items()}
    params.setdefault("to", "—")
    params.setdefault("previous", "—")
    kind = "due_cleared" if event.kind == "due" and not event.detail.get("to") else event.kind
    what = viewer.t(f"tasks.history.{kind}", **params)
    return f"• {when(event.at, viewer)} · {mention(event.actor_id)} {what}"


def _detail_value(value: Any, viewer: Viewer) -> str:
    if isinstance(value, str) and re.fullmatch(r"[UW][A-Z0-9]+", value):
        return mention(value)
    if isinstance(value, str) and re.match(r"\d{4}-\d\d-\d\dT", value):
        return when(datetime.fromisoformat(value), viewer)
    return viewer.t(f"tasks.status.{value}") if value else viewer.t("tasks.no_due")


def list_message(found: TaskList, viewer: Viewer) -> Rendered:
    """One page of a task list, with Previous/Next buttons when there are more."""
    page = found.page
    title = viewer.t(f"tasks.list.{found.scope}", person=mention(found.person))
    lines = [task_line(task, viewer, assignee=found.scope != "mine") for task in page.items]
    lines = lines or [_empty_list(found, viewer)]
    blocks: list[Any] = [section(f"*{title}*")] + [section(chunk) for chunk in chunk_lines(lines)]
    counts = {"page": page.number, "pages": page.pages, "count": page.total}
    blocks.append(context(viewer.t("tasks.list.page", **counts)))
    if page.pages > 1:
        blocks.append(_page_buttons(found, viewer))
    return Rendered(text=title, blocks=blocks)


def _empty_list(found: TaskList, viewer: Viewer) -> str:
    """What the list is empty of: nothing overdue is good news, not a prompt to add a task."""
    return viewer.t(f"tasks.list_empty.{found.scope}", person=mention(found.person))


def _page_buttons(found: TaskList, viewer: Viewer) -> Any:
    number = found.page.number
    turns = ((PREVIOUS_ACTION, "previous", number - 1), (NEXT_ACTION, "next", number + 1))
    return actions(
        *[
            button(viewer.t(f"tasks.button.{word}"), action_id, page_value(found, to))
            for action_id, word, to in turns
            if 1 <= to <= found.page.pages
        ]
    )


def page_value(found: TaskList, number: int) -> str:
    """`scope:person:page`: which list a page button turns, and to which page."""
    return f"{found.scope}:{found.person or ''}:{number}"
