"""The week's tasks: created, done, done on time, overdue at the week's end, and the trend.

"On time" is of the tasks done in a week that had a due date: done by it. "Overdue" at an
instant is read back from the rows: made before it, due before it, and neither done nor
cancelled by then (a cancelled task's last change is when it was cancelled).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, select, union_all

from storage.models import Member, PlaybookStep, Task
from storage.models.tasks import CANCELLED, OPEN

from ..playbooks.config import stage_name
from ..unit import Unit
from .counting import count_if, figure, in_week, share
from .views import Figure, Row, TaskFigures, WeekRate
from .weeks import Week

TREND_WEEKS = 8
TOP_PEOPLE = 5


def figures(unit: Unit, week: Week) -> TaskFigures:
    weeks = [week.shifted(-back) for back in range(TREND_WEEKS - 1, -1, -1)]
    done = _done_by_week(unit, weeks)
    created = _created(unit, week)
    on_time = [share(on, due) for _, due, on in done]
    overdue, before = _overdue_by_person(unit, week.as_of(unit.now)), week.before.end
    return TaskFigures(
        created=created,
        done=Figure(done[-1][0], done[-2][0]),
        on_time=Figure(on_time[-1], on_time[-2]),
        overdue=Figure(sum(row.value or 0 for row in overdue), _overdue_count(unit, before)),
        top_overdue=overdue[:TOP_PEOPLE],
        trend=tuple(
            WeekRate(each.monday, rate, counts[0])
            for each, rate, counts in zip(weeks, on_time, done, strict=True)
        ),
        by_step=_on_time_by_step(unit, week),
    )


def _on_time_by_step(unit: Unit, week: Week) -> tuple[Row, ...]:
    """Of each playbook step's tasks done in the week (and the week before) that had a due
    date, the share done by it: which steps of the process run late."""
    due, on_time = Task.due_at.is_not(None), Task.completed_at <= Task.due_at
    this, last = in_week(Task.completed_at, week), in_week(Task.completed_at, week.before)
    query = (
        select(PlaybookStep.stage, PlaybookStep.step,
               count_if(this), count_if(and_(this, on_time)),
               count_if(last), count_if(and_(last, on_time)))
        .join(Task, Task.id == PlaybookStep.task_id)
        .where(due, Task.completed_at >= week.before.start, Task.completed_at < week.end)
        .group_by(PlaybookStep.stage, PlaybookStep.step)
    )  # fmt: skip
    found = {
        (stage, step): _step_row(unit, stage, step, (n, on), (n_last, on_last))
        for stage, step, n, on, n_last, on_last in unit.session.execute(query)
    }
    return tuple(found[key] for key in sorted(found, key=lambda key: _place(unit, *key)))


def _step_row(unit: Unit, stage: str, step: str, this: Any, last: Any) -> Row:
    """A step's row: (done with a due date, of them on time) this week and last."""
    value, before = share(int(this[1]), int(this[0])), share(int(last[1]), int(last[0]))
    return Row(f"{stage}.{step}", value, before, names=_step_names(unit, stage, step))


def _step_names(unit: Unit, stage: str, step: str) -> dict[str, str]:
    """`Booked · Check the container's VGM` in each language (the step key once config
    no longer has it)."""
    stages = stage_name(unit.settings.orders.stages, stage)
    config = next((p for p in unit.settings.orders.playbooks if p.stage == stage), None)
    found = next((s for s in config.steps if s.step == step), None) if config else None
    titles = {"en": found.title.en, "zh": found.title.zh} if found else {"en": step, "zh": step}
    return {lang: f"{stages[lang]} · {titles[lang]}" for lang in ("en", "zh")}


def _place(unit: Unit, stage: str, step: str) -> tuple[int, int, str]:
    """Pipeline order, then the playbook's order of steps."""
    stages = [each.key for each in unit.settings.orders.stages]
    config = next((p for p in unit.settings.orders.playbooks if p.stage == stage), None)
    steps = [each.step for each in config.steps] if config else []
    return (stages.index(stage) if stage in stages else len(stages),
            steps.index(step) if step in steps else len(steps), step)  # fmt: skip


def _created(unit: Unit, week: Week) -> Figure:
    query = select(
        count_if(in_week(Task.created_at, week)).label("this_created"),
        count_if(in_week(Task.created_at, week.before)).label("last_created"),
    ).where(Task.created_at >= week.before.start, Task.created_at < week.end)
    return figure(unit.session.execute(query).mappings().one(), "created")


def _done_by_week(unit: Unit, weeks: list[Week]) -> list[tuple[int, int, int]]:
    """Per week: (done, done that had a due date, done by that date)."""
    week_of = case(
        *((Task.completed_at < each.end, number) for number, each in enumerate(weeks)),
        else_=len(weeks),
    ).label("week")
    done = (
        select(week_of, Task.due_at, Task.completed_at)
        # completed_at is set while a task is done: its index is all this reads.
        .where(Task.completed_at >= weeks[0].start, Task.completed_at < weeks[-1].end)
        .subquery()
    )
    with_due = done.c.due_at.is_not(None)
    query = select(
        done.c.week, func.count(), count_if(with_due),
        count_if(and_(with_due, done.c.completed_at <= done.c.due_at)),
    ).group_by(done.c.week)  # fmt: skip
    found = {week: (int(n), int(due), int(on)) for week, n, due, on in unit.session.execute(query)}
    return [found.get(number, (0, 0, 0)) for number in range(len(weeks))]


def _overdue_at(instant: datetime) -> list[Any]:
    """Overdue at `instant`, as three sets that each have an index to read by: still open,
    done only later (by completed_at alone: with the status beside it SQLite would read every
    done task), cancelled only later (a cancelled task's last change is its cancelling)."""
    late = and_(Task.due_at < instant, Task.created_at <= instant)
    return [
        and_(Task.status == OPEN, late),
        and_(Task.completed_at > instant, Task.status != CANCELLED, late),
        and_(Task.status == CANCELLED, Task.updated_at > instant, late),
    ]


def _overdue(instant: datetime) -> Any:
    parts = [select(Task.assignee_id).where(part) for part in _overdue_at(instant)]
    return union_all(*parts).subquery()


def _overdue_count(unit: Unit, instant: datetime) -> int:
    query = select(func.count()).select_from(_overdue(instant))
    return int(unit.session.scalar(query) or 0)


def _overdue_by_person(unit: Unit, instant: datetime) -> tuple[Row, ...]:
    """Everyone with a task overdue at `instant`, most first (then by id)."""
    overdue = _overdue(instant)
    # Counted per person first, then named: the join is of people, not of overdue tasks.
    per_person = (
        select(overdue.c.assignee_id, func.count().label("overdue"))
        .group_by(overdue.c.assignee_id)
        .subquery()
    )
    query = (
        select(per_person.c.assignee_id, Member.real_name, Member.name, per_person.c.overdue)
        .join(Member, Member.slack_id == per_person.c.assignee_id)
        .order_by(per_person.c.overdue.desc(), per_person.c.assignee_id)
    )
    return tuple(
        Row(member_id, int(n), name=real_name or name)
        for member_id, real_name, name, n in unit.session.execute(query)
    )
