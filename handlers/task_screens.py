"""Task screens that read through bot/ and talk to Slack: lists with pages, App Home, the form.

App Home is published straight from the handler side (views.publish is not a notification):
when it is opened, and after every change for each member whose own open tasks changed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError
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

from bot import task_views, team
from bot.core import Core
from bot.tasks import PRIORITIES, TITLE_MAX
from bot.team import MemberView

from .blocks import Rendered, actions, button, chunk_lines, context, header, page, section
from .mrkdwn import mention
from .task_views import DONE_ACTION, Reader, task_line

log = logging.getLogger(__name__)

PAGE_SIZE = 20
HOME_MAX_TASKS = 40  # a view holds 100 blocks; two per task plus headings
PAGE_ACTION = "task_list_page"
NEW_ACTION = "task_new"
CREATE_CALLBACK = "task_create"
SCOPES = ("mine", "team", "overdue", "person")


def reader_of(member: MemberView) -> Reader:
    return Reader(member.language, member.timezone)


def list_message(
    core: Core, member: MemberView, scope: str, person: str | None, number: int
) -> Rendered:
    """One page of a task list, with Previous/Next buttons when there are more."""
    reader = reader_of(member)
    with core.unit() as unit:
        found = _list_tasks(unit, member.slack_id, scope, person)
    shown, pages = page(found, number, PAGE_SIZE)
    number = min(max(number, 1), pages)
    title = reader.t(f"tasks.list.{scope}", person=mention(person))
    lines = [task_line(t, reader, assignee=scope != "mine") for t in shown]
    lines = lines or [reader.t("tasks.list.empty")]
    blocks: list[Any] = [section(f"*{title}*")] + [section(chunk) for chunk in chunk_lines(lines)]
    blocks.append(context(reader.t("tasks.list.page", page=number, pages=pages, count=len(found))))
    if pages > 1:
        blocks.append(_page_buttons(scope, person, number, pages, reader))
    return Rendered(text=title, blocks=blocks)


def _list_tasks(unit: Any, viewer: str, scope: str, person: str | None) -> list[Any]:
    if scope == "team":
        return task_views.open_tasks(unit)
    if scope == "overdue":
        return task_views.open_tasks(unit, overdue_only=True)
    return task_views.open_tasks(unit, assignee_id=person if scope == "person" else viewer)


def _page_buttons(scope: str, person: str | None, number: int, pages: int, reader: Reader) -> Any:
    value = f"{scope}:{person or ''}:"
    buttons = []
    if number > 1:
        buttons.append(
            button(
                reader.t("tasks.button.previous"), f"{PAGE_ACTION}_prev", value + str(number - 1)
            )
        )
    if number < pages:
        buttons.append(
            button(reader.t("tasks.button.next"), f"{PAGE_ACTION}_next", value + str(number + 1))
        )
    return actions(*buttons)


def parse_page_value(value: str) -> tuple[str, str | None, int]:
    scope, person, number = value.split(":")
    return (scope if scope in SCOPES else "mine"), (person or None), int(number)


# -- App Home -----------------------------------------------------------------------------


def home_view(tasks: list[task_views.TaskView], reader: Reader) -> View:
    blocks: list[Any] = [
        header(reader.t("tasks.home.title")),
        actions(button(reader.t("tasks.button.new"), NEW_ACTION, "new", style="primary")),
    ]
    shown = tasks[:HOME_MAX_TASKS]
    overdue = [task for task in shown if task.overdue]
    upcoming = [task for task in shown if not task.overdue]
    if overdue:
        blocks.append(
            section(f"*:red_circle: {reader.t('tasks.home.overdue', count=len(overdue))}*")
        )
        blocks += [_home_row(task, reader) for task in overdue]
    if upcoming:
        blocks.append(section(f"*{reader.t('tasks.home.upcoming', count=len(upcoming))}*"))
        blocks += [_home_row(task, reader) for task in upcoming]
    if not tasks:
        blocks.append(section(reader.t("tasks.home.empty")))
    if len(tasks) > len(shown):
        blocks.append(context(reader.t("tasks.home.more", count=len(tasks) - len(shown))))
    return View(type="home", blocks=blocks)


def _home_row(task: task_views.TaskView, reader: Reader) -> Any:
    done = button(reader.t("tasks.button.done"), DONE_ACTION, str(task.id), style="primary")
    return section(task_line(task, reader, assignee=False), accessory=done)


def publish_home(core: Core, client: WebClient, member_id: str) -> None:
    with core.unit() as unit:
        member = team.find(unit, member_id)
        tasks = task_views.open_tasks(unit, assignee_id=member_id) if member else []
    if member is None:
        return
    view = home_view(tasks, reader_of(member))
    try:
        client.views_publish(user_id=member_id, view=view.to_dict())
    except (SlackClientError, OSError) as error:  # a stale Home is better than a failed command
        log.warning("views.publish for %s failed: %s", member_id, error)


def refresh_homes(core: Core, client: WebClient, member_ids: Iterable[str]) -> None:
    for member_id in member_ids:
        publish_home(core, client, member_id)


# -- the "new task" form (from /task add, App Home and the message shortcut) ------------------


def open_create_form(
    client: WebClient,
    trigger_id: str,
    member: MemberView,
    title: str = "",
    source: dict[str, Any] | None = None,
) -> None:
    view = create_form(reader_of(member), member.slack_id, title, source or {})
    client.views_open(trigger_id=trigger_id, view=view.to_dict())


def create_form(reader: Reader, author: str, title: str, source: dict[str, Any]) -> View:
    priorities = [Option(value=p, text=reader.t(f"tasks.priority.{p}")) for p in PRIORITIES]
    blocks = [
        _input(
            "title",
            reader.t("tasks.modal.field_title"),
            PlainTextInputElement(
                action_id="title", max_length=TITLE_MAX, initial_value=title[:TITLE_MAX] or None
            ),
        ),
        _input(
            "assignee",
            reader.t("tasks.modal.field_assignee"),
            UserSelectElement(action_id="assignee", initial_user=author),
        ),
        _input(
            "due_date",
            reader.t("tasks.modal.field_date"),
            DatePickerElement(action_id="due_date"),
            optional=True,
        ),
        _input(
            "due_time",
            reader.t("tasks.modal.field_time"),
            TimePickerElement(action_id="due_time"),
            optional=True,
            hint=reader.t("tasks.modal.hint_time"),
        ),
        _input(
            "priority",
            reader.t("tasks.modal.field_priority"),
            StaticSelectElement(
                action_id="priority", options=priorities, initial_option=priorities[1]
            ),
        ),
    ]
    return View(
        type="modal",
        callback_id=CREATE_CALLBACK,
        title=reader.t("tasks.modal.title"),
        submit=reader.t("tasks.modal.submit"),
        close=reader.t("tasks.modal.close"),
        private_metadata=json.dumps(source),
        blocks=blocks,
    )


def _input(
    block_id: str, label: str, element: Any, optional: bool = False, hint: str | None = None
) -> InputBlock:
    return InputBlock(block_id=block_id, label=label, element=element, optional=optional, hint=hint)
