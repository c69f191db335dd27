"""What playbooks change: an order entering a stage hands out its checklist as tasks.

`stage_entered` runs inside the order's write unit (command, CSV import and webhook all
change stages through bot.orders.applying), once the stage has changed; `check_leaving` runs
before, refusing to leave a stage with a required step open unless forced. A stage's steps
are handed out once per round: re-entering a stage hands out nothing and the command asks
whether to (`hand_out_again`, the button, makes the next round).
"""

from __future__ import annotations

from sqlalchemy import func, select

from storage.models import Customer, Member, Order, OrderChange, PlaybookStep, Task
from storage.models.tasks import OPEN, TITLE_MAX

from .. import outbox, tasks, team
from ..config import StageConfig
from ..core import Core
from ..errors import InvalidInput, NotFound, PermissionDenied
from ..i18n import t
from ..unit import Unit
from .assigning import Assigner, due_at
from .config import PlaybookConfig, StepConfig, playbook_for, stage_name
from .queries import step_view
from .views import HandedOut, StepView, new_tasks_payload, step_payload

NEW_TASKS = "playbooks.new_tasks"
EDITOR_ROLES = ("sales", "logistics")  # who may change orders (bot.orders.service), admins too


def stage_entered(unit: Unit, order: Order, actor: str, source: str) -> HandedOut | None:
    """Hand out the checklist of the stage `order` just entered (None: the stage has none).
    The first time, round 1 is made; after that nothing is, and the outcome asks."""
    playbook = playbook_for(unit.settings.orders.playbooks, order.stage)
    if playbook is None:
        return None
    unit.session.flush()  # a new order's id
    last = last_round(unit, order.id, order.stage)
    if last:
        return HandedOut(
            order.number, order.stage, _stage_name(unit, order.stage), last + 1, ask_again=True
        )
    return hand_out(unit, order, playbook, 1, actor, source)


def check_leaving(unit: Unit, order: Order, to_stage: str | None) -> list[StepView]:
    """The required steps still open in the stage `order` would leave for `to_stage`. Only
    a stage with a playbook is asked (so an import moving thousands of orders between other
    stages reads nothing more); one whose playbook was taken out of config blocks no more."""
    if not to_stage or to_stage == order.stage or order.id is None:
        return []
    if playbook_for(unit.settings.orders.playbooks, order.stage) is None:
        return []
    query = (
        select(PlaybookStep, Task)
        .join(Task, Task.id == PlaybookStep.task_id)
        .where(PlaybookStep.order_id == order.id, PlaybookStep.stage == order.stage)
        .where(PlaybookStep.required.is_(True), Task.status == OPEN)
        .order_by(PlaybookStep.round, PlaybookStep.id)
    )
    # Named by the task's title as it stands (no playbook: what its assignee reads).
    return [step_view(unit, link, task, None) for link, task in unit.session.execute(query)]


def blocked_params(order: Order, open_steps: list[StepView]) -> dict[str, str]:
    """What the refusal names: the order, its stage and each open step with its owner."""
    steps = "; ".join(f"`#{s.task_id}` {s.title_in('en')} (<@{s.assignee_id}>)" for s in open_steps)
    return {"number": order.number, "stage": order.stage, "steps": steps}


def forced_record(actor: str, open_steps: list[StepView]) -> dict[str, object]:
    """What the stage change's history keeps when `force` moved the order on anyway."""
    return {"by": actor, "open": [step_payload(step) for step in open_steps]}


def hand_out_again(core: Core, actor: str, number: str, stage: str, round: int) -> HandedOut:
    """The "hand out again" button: round `round` of the stage's checklist, once."""
    with core.write() as unit:
        order = _order(unit, number)
        _require_editor(unit, actor, order.owner_id)
        if order.stage != stage:
            raise InvalidInput("playbooks.error.moved_on", number=order.number, stage=stage)
        playbook = playbook_for(unit.settings.orders.playbooks, stage)
        if playbook is None:
            raise InvalidInput("playbooks.error.no_playbook", stage=stage)
        last = last_round(unit, order.id, stage)
        if last >= round:  # pressed twice, or re-sent by Slack
            return HandedOut(order.number, stage, _stage_name(unit, stage), last, already=True)
        return hand_out(unit, order, playbook, last + 1, actor, "command")


def hand_out(
    unit: Unit, order: Order, playbook: PlaybookConfig, round: int, actor: str, source: str
) -> HandedOut:
    """Make the playbook's tasks for `order`, link them, record them and tell the assignees."""
    assigner, customer = Assigner(unit, order), _customer(unit, order)
    stage_role = _stage(unit, order.stage).role
    made: list[StepView] = []
    skipped: list[StepView] = []
    for step in playbook.steps:
        assignee, note = assigner.assignee(step, stage_role)
        if assignee is None:
            skipped.append(_pending(order.stage, step))
            continue
        made.append(_make(unit, order, customer, step, round, assignee, note, actor))
    handed = HandedOut(
        order.number,
        order.stage,
        _stage_name(unit, order.stage),
        round,
        tuple(made),
        tuple(skipped),
    )
    _record(unit, order, handed, actor, source)
    _tell(unit, order, handed, customer, actor)
    return handed


def _make(
    unit: Unit,
    order: Order,
    customer: str,
    step: StepConfig,
    round: int,
    assignee: str,
    note: str | None,
    actor: str,
) -> StepView:
    member = team.get(unit, assignee)
    due = due_at(unit, step.due_rule, order, member)
    title = _task_title(step.title.text(member.language), order.number, customer, member.language)
    change = tasks.create(
        unit,
        _creator(unit, actor, order, assignee),
        title,
        assignee_id=assignee,
        due_at=due,
        tell=False,
    )
    unit.session.add(
        PlaybookStep(
            order_id=order.id,
            stage=order.stage,
            step=step.step,
            round=round,
            task_id=change.task.id,
            required=step.required,
            note=note,
            created_at=unit.now,
        )
    )
    title_of = {"en": step.title.en, "zh": step.title.zh}
    return StepView(
        order.stage,
        step.step,
        title_of,
        step.required,
        round,
        change.task.id,
        assignee,
        OPEN,
        due,
        note=note,
        due_rule=step.due,
    )


def _pending(stage: str, step: StepConfig) -> StepView:
    title = {"en": step.title.en, "zh": step.title.zh}
    return StepView(stage, step.step, title, step.required, role=step.role, due_rule=step.due)


def _task_title(step: str, number: str, customer: str, lang: str) -> str:
    """`Book the truck — order 1042 (ACME Trading)`, in the assignee's language."""
    title = t("playbooks.task.title", lang, step=step, number=number, customer=customer)
    return title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"


def _creator(unit: Unit, actor: str, order: Order, assignee: str) -> str:
    """Who a task says made it: the mover when a member, else the owner, else the assignee
    (the import and the ERP are nobody a task can name)."""
    for candidate in (actor, order.owner_id):
        if candidate and unit.session.get(Member, candidate) is not None:
            return candidate
    return assignee


def _record(unit: Unit, order: Order, handed: HandedOut, actor: str, source: str) -> None:
    """The order's history keeps the checklist: each step, its task, assignee and due."""
    body = {
        "action": "checklist",
        "fields": {},
        "stage": handed.stage,
        "round": handed.round,
        "steps": [step_payload(step) for step in handed.steps],
        "skipped": [step_payload(step) for step in handed.skipped],
    }
    unit.session.add(
        OrderChange(
            order_id=order.id,
            changed_at=unit.now,
            actor=actor[:32],
            source=source[:16],
            changes=body,
        )
    )


def _tell(unit: Unit, order: Order, handed: HandedOut, customer: str, actor: str) -> None:
    """One DM per assignee listing their new tasks; the mover is not told of their own."""
    by_assignee: dict[str, list[StepView]] = {}
    for step in handed.steps:
        by_assignee.setdefault(step.assignee_id or "", []).append(step)
    for assignee, steps in by_assignee.items():
        if assignee and assignee != actor:
            key = f"playbook-tasks:{order.id}:{handed.stage}:{handed.round}:{assignee}"
            payload = new_tasks_payload(handed, customer, actor, steps)
            outbox.enqueue(unit, key, NEW_TASKS, assignee, payload)


def last_round(unit: Unit, order_id: int, stage: str) -> int:
    query = select(func.max(PlaybookStep.round)).where(
        PlaybookStep.order_id == order_id, PlaybookStep.stage == stage
    )
    return int(unit.session.scalar(query) or 0)


def _order(unit: Unit, number: str) -> Order:
    order = unit.session.scalars(
        select(Order).where(Order.number_key == number.strip().casefold()).with_for_update()
    ).first()
    if order is None:
        raise NotFound("orders.error.unknown", number=number.strip())
    return order


def _require_editor(unit: Unit, actor: str, owner_id: str | None) -> None:
    """The people who may change the order may hand its checklist out again."""
    if team.has_role(unit, actor, *EDITOR_ROLES) or team.may_act_for(unit, actor, owner_id):
        return
    raise PermissionDenied("orders.error.not_allowed")


def _customer(unit: Unit, order: Order) -> str:
    return unit.session.scalar(select(Customer.name).where(Customer.id == order.customer_id)) or ""


def _stage(unit: Unit, key: str) -> StageConfig:
    return next(each for each in unit.settings.orders.stages if each.key == key)


def _stage_name(unit: Unit, key: str) -> dict[str, str]:
    return stage_name(unit.settings.orders.stages, key)
