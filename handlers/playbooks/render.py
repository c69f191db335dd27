"""How checklists look: the status card's, `/order checklist`'s every stage, what a stage
change handed out (or the question whether to hand it out again), and history lines.

Step titles and stage names come in both languages and are shown in the viewer's.
"""

from __future__ import annotations

import json
from typing import Any

from bot.playbooks.views import (
    PENDING,
    Checklist,
    HandedOut,
    OrderChecklists,
    StepView,
    step_from,
)
from bot.viewer import Viewer

from ..blocks import Rendered, actions, button, chunk_lines, context, header, section
from ..mrkdwn import mention
from ..tasks.render import when

AGAIN_ACTION = "playbooks.again"
SYSTEM_ACTORS = ("import", "webhook")  # named as bot.orders names them
MARKS = {
    "done": ":white_check_mark:",
    "open": ":white_large_square:",
    "cancelled": ":heavy_minus_sign:",
    PENDING: ":white_circle:",
}
OVERDUE = ":red_circle:"


# -- the status card and /order checklist ---------------------------------------------------


def checklist_blocks(checklist: Checklist | None, viewer: Viewer) -> list[Any]:
    """The stage's checklist on the status card (nothing when the stage has none)."""
    if checklist is None:
        return []
    lines = [_heading(checklist, viewer)] + [step_line(s, viewer) for s in checklist.steps]
    return [section(chunk) for chunk in chunk_lines(lines)]


def checklists_message(found: OrderChecklists, viewer: Viewer) -> Rendered:
    """`/order checklist`: every stage's steps, the current stage marked."""
    title = viewer.t("playbooks.list.header", number=found.number, customer=found.customer)
    lines: list[str] = []
    for checklist in found.checklists:
        heading = _heading(checklist, viewer)
        if checklist.stage == found.stage:
            heading += f" · :large_blue_circle: {viewer.t('playbooks.card.current')}"
        lines += ["", heading, *(step_line(step, viewer) for step in checklist.steps)]
    if not found.checklists:
        lines = [viewer.t("playbooks.list.empty")]
    blocks = [header(title), *[section(chunk) for chunk in chunk_lines(lines[1:] or lines)]]
    return Rendered(text=title, blocks=blocks)


def _heading(checklist: Checklist, viewer: Viewer) -> str:
    stage = _name(checklist.stage_name, viewer)
    if not checklist.round:
        return viewer.t("playbooks.card.heading_pending", stage=stage)
    params = {"stage": stage, "done": checklist.done, "count": len(checklist.steps)}
    if checklist.round > 1:
        return viewer.t("playbooks.card.heading_round", round=checklist.round, **params)
    return viewer.t("playbooks.card.heading", **params)


def step_line(step: StepView, viewer: Viewer) -> str:
    """`:white_large_square: #12 Book the truck · @zhou · due Thu 2026-12-31 18:00 · required`."""
    mark = OVERDUE if step.overdue else MARKS.get(step.status, MARKS["open"])
    title = step.title_in(viewer.language)
    parts = [f"`#{step.task_id}` {title}" if step.task_id else title]
    parts.append(_who(step, viewer))
    parts.append(_due(step, viewer))
    if step.required:
        parts.append(f"*{viewer.t('playbooks.card.required')}*")
    if step.status != PENDING:
        parts.append(viewer.t(f"playbooks.status.{step.status}"))
    if step.note:
        parts.append(f"_{viewer.t(f'playbooks.card.{step.note}')}_")
    text = " · ".join(parts)
    return f"{mark} ~{text}~" if step.status == "cancelled" else f"{mark} {text}"


def _who(step: StepView, viewer: Viewer) -> str:
    if step.assignee_id:
        return mention(step.assignee_id)
    if step.role:
        return viewer.t(f"team.role.{step.role}")
    return viewer.t("playbooks.card.owner")


def _due(step: StepView, viewer: Viewer) -> str:
    if step.due_at is not None:
        return viewer.t("playbooks.card.due", when=when(step.due_at, viewer))
    if step.status == PENDING and step.due_rule:
        return viewer.t("playbooks.card.rule", rule=f"`{step.due_rule}`")
    return viewer.t("playbooks.card.no_due")


# -- what a stage change handed out -----------------------------------------------------------


def with_handout(message: Rendered, handed: HandedOut | None, viewer: Viewer) -> Rendered:
    """A change's confirmation, with what entering the stage handed out (or the question)."""
    if handed is None:
        return message
    blocks = [*message.blocks, *handout_blocks(handed, viewer)]
    return Rendered(text=message.text, blocks=blocks, files=message.files)


def handout_message(handed: HandedOut, viewer: Viewer) -> Rendered:
    """What "hand out again" answers: the round it made, or that it was made already."""
    blocks = handout_blocks(handed, viewer)
    stage = _name(handed.stage_name, viewer)
    title = f"{viewer.t('playbooks.title')} · {handed.number} · {stage}"
    return Rendered(text=title, blocks=blocks)


def handout_blocks(handed: HandedOut, viewer: Viewer) -> list[Any]:
    stage = _name(handed.stage_name, viewer)
    if handed.already:
        return [section(viewer.t("playbooks.handout.already", stage=stage, round=handed.round))]
    if handed.ask_again:
        text = viewer.t(
            "playbooks.handout.ask", number=handed.number, stage=stage, round=handed.round
        )
        value = json.dumps({"number": handed.number, "stage": handed.stage, "round": handed.round})
        again = button(viewer.t("playbooks.handout.again"), AGAIN_ACTION, value, style="primary")
        return [section(text), actions(again)]
    blocks: list[Any] = []
    if handed.steps:
        steps = "; ".join(_handed_step(step, viewer) for step in handed.steps)
        count = len(handed.steps)
        blocks.append(
            section(viewer.t("playbooks.handout.made", stage=stage, count=count, steps=steps))
        )
    if handed.skipped:
        skipped = "; ".join(step.title_in(viewer.language) for step in handed.skipped)
        blocks.append(context(viewer.t("playbooks.handout.skipped", steps=skipped)))
    return blocks


def _handed_step(step: StepView, viewer: Viewer) -> str:
    return viewer.t(
        "playbooks.handout.step",
        task=step.task_id,
        title=step.title_in(viewer.language),
        assignee=mention(step.assignee_id),
    )


# -- the order's history ----------------------------------------------------------------------


def history_text(detail: dict[str, Any], stage_name: dict[str, str], viewer: Viewer) -> str:
    """A checklist entry of the order's history: each step handed out and to whom."""
    round = int(detail.get("round") or 1)
    stage = _name(stage_name, viewer)
    steps = [step_from(each, detail.get("stage") or "", round) for each in detail.get("steps", [])]
    listed = "; ".join(_handed_step(step, viewer) for step in steps) or "—"
    if round > 1:
        return viewer.t("playbooks.history.checklist_round", stage=stage, round=round, steps=listed)
    return viewer.t("playbooks.history.checklist", stage=stage, steps=listed)


def forced_text(detail: dict[str, Any], viewer: Viewer) -> str:
    """What a forced stage change adds to its history line (empty when it was not forced)."""
    forced = detail.get("forced")
    if not isinstance(forced, dict):
        return ""
    steps = [step_from(each, "", 0) for each in forced.get("open", [])]
    listed = "; ".join(_handed_step(step, viewer) for step in steps)
    return viewer.t(
        "playbooks.history.forced", who=actor_text(forced.get("by", ""), viewer), steps=listed
    )


def actor_text(actor: str, viewer: Viewer) -> str:
    return viewer.t(f"orders.actor.{actor}") if actor in SYSTEM_ACTORS else mention(actor)


def _name(names: dict[str, str], viewer: Viewer) -> str:
    return names.get(viewer.language) or names.get("en") or ""
