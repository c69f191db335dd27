"""The DM telling an assignee which tasks an order's new stage gave them, with a Done button
for each and the order's status a press away."""

from __future__ import annotations

from typing import Any

from bot.notify import Outgoing
from bot.playbooks.service import NEW_TASKS
from bot.playbooks.views import new_tasks

from ..blocks import Rendered, actions, button, section
from ..tasks.render import task_buttons
from .render import actor_text, step_line

ORDER_STATUS_ACTION = "orders.status"


def render_new_tasks(outgoing: Outgoing) -> Rendered:
    told, viewer = new_tasks(outgoing.payload), outgoing.viewer
    stage = told.stage_name.get(viewer.language) or told.stage_name.get("en") or ""
    headline = viewer.t(
        "playbooks.dm.headline",
        actor=actor_text(told.actor, viewer),
        number=told.number,
        customer=told.customer,
        stage=stage,
        count=len(told.steps),
    )
    blocks: list[Any] = [section(headline)]
    for step in told.steps:
        blocks.append(section(step_line(step, viewer)))
        blocks.append(task_buttons(step.task_id or 0, step.due_at, viewer))
    status = button(
        viewer.t("playbooks.dm.status", number=told.number), ORDER_STATUS_ACTION, told.number
    )
    blocks.append(actions(status))
    return Rendered(text=headline, blocks=blocks)


NOTICES = {NEW_TASKS: render_new_tasks}
