"""What reads playbooks: an order's checklist for a stage (the status card shows the one of
its stage) and every stage's (`/order checklist`).

A stage the order has entered shows the steps of its latest round with their tasks as they
stand; a stage it has not entered shows the steps config will hand out (pending).
"""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Customer, Order, PlaybookStep, Task
from storage.models.tasks import OPEN

from ..config import Settings
from ..core import Core
from ..errors import NotFound
from ..unit import Unit
from .config import PlaybookConfig, playbook_for, stage_name
from .views import Checklist, OrderChecklists, StepView


def checklists_of(core: Core, number: str) -> OrderChecklists:
    """`/order checklist`: the steps of every stage, in pipeline order (a read)."""
    with core.read() as unit:
        order = unit.session.scalars(
            select(Order).where(Order.number_key == number.strip().casefold())
        ).first()
        if order is None:
            raise NotFound("orders.error.unknown", number=number.strip())
        customer = unit.session.get(Customer, order.customer_id)
        found = (checklist(unit, order.id, each.key) for each in unit.settings.orders.stages)
        return OrderChecklists(
            order.number,
            customer.name if customer else "",
            order.stage,
            tuple(each for each in found if each is not None),
        )


def checklist(unit: Unit, order_id: int, stage: str, any_handed: bool = True) -> Checklist | None:
    """The stage's checklist for the order; None when it has no playbook and never had one.

    `any_handed=False`: the caller knows no step of the stage was handed out (the status card
    asks in its one read), so only config's pending steps can show and nothing is read.
    """
    handed = _latest_round(unit, order_id, stage) if any_handed else []
    if handed:
        return Checklist(stage, _stage_name(unit, stage), handed[0].round, tuple(handed))
    return pending_checklist(unit.settings, stage)


def pending_checklist(settings: Settings, stage: str) -> Checklist | None:
    """The steps config will hand out for the stage (None when it has no playbook)."""
    playbook = playbook_for(settings.orders.playbooks, stage)
    if playbook is None:
        return None
    return Checklist(stage, stage_name(settings.orders.stages, stage), 0, _pending(playbook))


def _latest_round(unit: Unit, order_id: int, stage: str) -> list[StepView]:
    query = (
        select(PlaybookStep, Task)
        .join(Task, Task.id == PlaybookStep.task_id)
        .where(PlaybookStep.order_id == order_id, PlaybookStep.stage == stage)
        .order_by(PlaybookStep.round.desc(), PlaybookStep.id)
    )
    rows = list(unit.session.execute(query))
    latest = rows[0][0].round if rows else 0
    playbook = playbook_for(unit.settings.orders.playbooks, stage)
    return [step_view(unit, link, task, playbook) for link, task in rows if link.round == latest]


def step_view(
    unit: Unit, link: PlaybookStep, task: Task, playbook: PlaybookConfig | None
) -> StepView:
    """A handed-out step as its task stands; titled as config has it now (else the task's)."""
    config = next((s for s in playbook.steps if s.step == link.step), None) if playbook else None
    title = {"en": config.title.en, "zh": config.title.zh} if config else None
    overdue = task.status == OPEN and task.due_at is not None and task.due_at < unit.now
    return StepView(
        stage=link.stage,
        step=link.step,
        title=title or {"en": task.title, "zh": task.title},
        required=link.required,
        round=link.round,
        task_id=task.id,
        assignee_id=task.assignee_id,
        status=task.status,
        due_at=task.due_at,
        overdue=overdue,
        note=link.note,
        role=config.role if config else None,
        due_rule=config.due if config else None,
    )


def _pending(playbook: PlaybookConfig) -> tuple[StepView, ...]:
    return tuple(
        StepView(
            stage=playbook.stage,
            step=step.step,
            title={"en": step.title.en, "zh": step.title.zh},
            required=step.required,
            role=step.role if step.by_role else None,
            due_rule=step.due,
        )
        for step in playbook.steps
    )


def _stage_name(unit: Unit, key: str) -> dict[str, str]:
    return stage_name(unit.settings.orders.stages, key)
