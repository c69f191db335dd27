"""Playbooks as plain values: a stage's checklist, every stage's, and what a hand-out made.

Step titles and stage names travel in both languages, so a renderer shows them to each
reader in theirs. The DM payload listing an assignee's new tasks is made and read here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

PENDING = "pending"  # a step of a stage the order has not entered yet (no task)
NO_ROLE = "no_role"  # nobody has the step's role: the owner took it
NO_OWNER = "no_owner"  # the order has no owner: someone with the stage's role took it


@dataclass(frozen=True)
class StepView:
    stage: str
    step: str
    title: dict[str, str]  # en, zh
    required: bool
    round: int = 0  # 0: not handed out yet
    task_id: int | None = None
    assignee_id: str | None = None
    status: str = PENDING  # pending, open, done, cancelled
    due_at: datetime | None = None  # UTC
    overdue: bool = False
    note: str | None = None  # NO_ROLE, NO_OWNER
    role: str | None = None  # whose step it is (a pending one): a role, or None for the owner
    due_rule: str | None = None  # as config writes it, e.g. "etd-5d"

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.title.get("en") or self.step


@dataclass(frozen=True)
class Checklist:
    stage: str
    stage_name: dict[str, str]  # en, zh
    round: int  # 0: the order has not entered the stage (the steps are pending)
    steps: tuple[StepView, ...]

    @property
    def done(self) -> int:
        return sum(step.status == "done" for step in self.steps)

    @property
    def open_required(self) -> tuple[StepView, ...]:
        return tuple(step for step in self.steps if step.required and step.status == "open")


@dataclass(frozen=True)
class OrderChecklists:
    """`/order checklist`: every stage's steps, in pipeline order."""

    number: str
    customer: str
    stage: str  # where the order is now
    checklists: tuple[Checklist, ...]


@dataclass(frozen=True)
class HandedOut:
    """What an order entering a stage handed out, or why it handed out nothing."""

    number: str
    stage: str
    stage_name: dict[str, str]
    round: int
    steps: tuple[StepView, ...] = ()
    skipped: tuple[StepView, ...] = ()  # nobody to give them to
    # The stage's checklist went out before: nothing was made; the mover is asked whether to
    # hand it out again (as `round`).
    ask_again: bool = False
    # A second press of "hand out again": that round exists already.
    already: bool = False


def step_payload(step: StepView) -> dict[str, Any]:
    return {
        "step": step.step,
        "title": step.title,
        "task_id": step.task_id,
        "assignee": step.assignee_id,
        "due_at": step.due_at.isoformat() if step.due_at else None,
        "required": step.required,
        "note": step.note,
    }


def step_from(payload: dict[str, Any], stage: str, round: int) -> StepView:
    due = payload.get("due_at")
    return StepView(
        stage=stage,
        step=payload.get("step") or "",
        title=dict(payload.get("title") or {}),
        required=bool(payload.get("required")),
        round=round,
        task_id=payload.get("task_id"),
        assignee_id=payload.get("assignee"),
        status="open",
        due_at=datetime.fromisoformat(due) if due else None,
        note=payload.get("note"),
    )


@dataclass(frozen=True)
class NewTasks:
    """The DM telling one assignee which tasks an order's stage gave them."""

    number: str
    customer: str
    stage_name: dict[str, str]
    actor: str
    steps: tuple[StepView, ...]


def new_tasks_payload(handed: HandedOut, customer: str, actor: str, steps: list[StepView]) -> Any:
    return {
        "number": handed.number,
        "customer": customer,
        "stage": handed.stage,
        "stage_name": handed.stage_name,
        "round": handed.round,
        "actor": actor,
        "steps": [step_payload(step) for step in steps],
    }


def new_tasks(payload: dict[str, Any]) -> NewTasks:
    stage, round = payload.get("stage") or "", int(payload.get("round") or 1)
    return NewTasks(
        number=payload["number"],
        customer=payload.get("customer") or "",
        stage_name=dict(payload.get("stage_name") or {}),
        actor=payload.get("actor") or "",
        steps=tuple(step_from(each, stage, round) for each in payload.get("steps") or ()),
    )
