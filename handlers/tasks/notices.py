"""The task notices the outbox sends (task.assigned, task.done, task.changed), as DMs.

The payload is a snapshot taken when the change happened (bot.tasks.noticed_task reads it);
each DM is shown in its recipient's language and time zone.
"""

from __future__ import annotations

from bot.notify import Outgoing
from bot.tasks import noticed_task

from ..blocks import Rendered
from ..mrkdwn import mention
from .render import card, task_ref


def render_assigned(outgoing: Outgoing) -> Rendered:
    task = noticed_task(outgoing.payload)
    key = "tasks.dm.reassigned_from" if outgoing.payload.get("previous") else "tasks.dm.assigned"
    headline = outgoing.viewer.t(
        key,
        actor=mention(outgoing.payload["actor"]),
        task=task_ref(task.id, task.title),
        previous=mention(outgoing.payload.get("previous")),
    )
    return card(headline, task, outgoing.viewer)


def render_done(outgoing: Outgoing) -> Rendered:
    task = noticed_task(outgoing.payload)
    ref = task_ref(task.id, task.title)
    actor = mention(outgoing.payload["actor"])
    headline = outgoing.viewer.t("tasks.dm.done", actor=actor, task=ref)
    return card(f":white_check_mark: {headline}", task, outgoing.viewer)


def render_changed(outgoing: Outgoing) -> Rendered:
    task = noticed_task(outgoing.payload)
    change = outgoing.payload["change"]
    headline = outgoing.viewer.t(
        "tasks.dm.due_cleared" if change == "due" and task.due_at is None else f"tasks.dm.{change}",
        actor=mention(outgoing.payload["actor"]),
        task=task_ref(task.id, task.title),
        assignee=mention(task.assignee_id),
    )
    return card(headline, task, outgoing.viewer, buttons=change != "reassigned")


NOTICES = {
    "task.assigned": render_assigned,
    "task.done": render_done,
    "task.changed": render_changed,
}
