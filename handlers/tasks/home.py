"""App Home: a member's open tasks, soonest first, with a Done button on each.

App Home is published straight from the handler side (views.publish is not a notification):
when it is opened, and after every change for each member whose own open tasks changed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackClientError
from slack_sdk.models.views import View

from bot import tasks
from bot.core import Core
from bot.tasks import TaskHome, TaskView
from bot.viewer import Viewer

from ..blocks import actions, button, context, header, section
from .render import DONE_ACTION, NEW_ACTION, task_line

log = logging.getLogger(__name__)


def refresh_homes(core: Core, client: WebClient, member_ids: Iterable[str]) -> None:
    for member_id in member_ids:
        publish_home(core, client, member_id)


def publish_home(core: Core, client: WebClient, member_id: str) -> None:
    home = tasks.home(core, member_id)
    if home is None:
        return
    view = home_view(home, home.owner)
    try:
        client.views_publish(user_id=member_id, view=view.to_dict())
    except (SlackClientError, OSError) as error:  # a stale Home is better than a failed command
        log.warning("views.publish for %s failed: %s", member_id, error)


def home_view(home: TaskHome, viewer: Viewer) -> View:
    blocks: list[Any] = [
        header(viewer.t("tasks.home.title")),
        actions(button(viewer.t("tasks.button.new"), NEW_ACTION, "new", style="primary")),
    ]
    overdue = [task for task in home.tasks if task.overdue]
    upcoming = [task for task in home.tasks if not task.overdue]
    if overdue:
        heading = viewer.t("tasks.home.overdue", count=len(overdue))
        blocks += [section(f"*:red_circle: {heading}*"), *_rows(overdue, viewer)]
    if upcoming:
        heading = viewer.t("tasks.home.upcoming", count=len(upcoming))
        blocks += [section(f"*{heading}*"), *_rows(upcoming, viewer)]
    if not home.tasks:
        blocks.append(section(viewer.t("tasks.home.empty")))
    if home.hidden:
        blocks.append(context(viewer.t("tasks.home.more", count=home.hidden)))
    return View(type="home", blocks=blocks)


def _rows(shown: list[TaskView], viewer: Viewer) -> list[Any]:
    return [_row(task, viewer) for task in shown]


def _row(task: TaskView, viewer: Viewer) -> Any:
    done = button(viewer.t("tasks.button.done"), DONE_ACTION, str(task.id), style="primary")
    return section(task_line(task, viewer, assignee=False), accessory=done)
