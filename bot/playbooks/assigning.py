"""Who gets a playbook step, and when it is due.

A role step goes to the active member with that role who has the fewest open tasks, counted
once per hand-out (so one person takes all of a stage's steps for their role); a tie goes to
the owner's team (the owner, or someone with the owner's manager), then by name. Nobody with
the role: the order's owner, noted. An owner step of an order without an owner goes to the
stage's responsible role the same way, noted.

A due rule's day is read in the assignee's zone, moved off their weekends and holidays onto
the workday before, and ends at the end of that workday. A day already past is due at the
end of the next workday still ahead, so a late hand-out is due soon rather than refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import and_, func, select

from storage.models import Member, Order, Task
from storage.models.tasks import OPEN

from .. import team
from ..dates import END_OF_WORKDAY
from ..unit import Unit
from ..workdays import WorkCalendar
from .config import StepConfig
from .parsing import DueRule
from .views import NO_OWNER, NO_ROLE

LOOK_BACK_DAYS = 31  # how far a due day may move back looking for a workday


@dataclass(frozen=True)
class Candidate:
    slack_id: str
    name: str
    manager_id: str | None
    open_tasks: int


@dataclass
class Assigner:
    """Picks assignees for one hand-out of one order."""

    unit: Unit
    order: Order
    counted: dict[str, list[Candidate]] = field(default_factory=dict)

    def assignee(self, step: StepConfig, stage_role: str) -> tuple[str | None, str | None]:
        """(member id, note) for the step; (None, None) when there is nobody at all."""
        owner = self._owner()
        if step.by_role:
            picked = self._fewest_open(step.role or stage_role)
            return (picked, None) if picked else (owner, NO_ROLE if owner else None)
        if owner:
            return owner, None
        picked = self._fewest_open(stage_role)
        return picked, NO_OWNER if picked else None

    def _owner(self) -> str | None:
        owner = self.order.owner_id and self.unit.session.get(Member, self.order.owner_id)
        return owner.slack_id if owner and owner.active else None

    def _fewest_open(self, role: str) -> str | None:
        if role not in self.counted:
            self.counted[role] = _candidates(self.unit, role)
        owner = self.order.owner_id and self.unit.session.get(Member, self.order.owner_id)
        team_of_owner = owner.manager_id if owner else None

        def rank(each: Candidate) -> tuple[int, int, str, str]:
            same_team = each.slack_id == self.order.owner_id or (
                team_of_owner is not None and each.manager_id == team_of_owner
            )
            return (each.open_tasks, 0 if same_team else 1, each.name.casefold(), each.slack_id)

        found = sorted(self.counted[role], key=rank)
        return found[0].slack_id if found else None


def _candidates(unit: Unit, role: str) -> list[Candidate]:
    open_tasks = func.count(Task.id)
    query = (
        select(Member.slack_id, Member.real_name, Member.name, Member.manager_id, open_tasks)
        .outerjoin(Task, and_(Task.assignee_id == Member.slack_id, Task.status == OPEN))
        .where(Member.role == role, Member.active.is_(True), Member.is_bot.is_(False))
        .group_by(Member.slack_id, Member.real_name, Member.name, Member.manager_id)
    )
    return [
        Candidate(slack_id, real_name or name, manager_id, int(count))
        for slack_id, real_name, name, manager_id, count in unit.session.execute(query)
    ]


def due_at(
    unit: Unit, rule: DueRule | None, order: Order, member: team.MemberView
) -> datetime | None:
    """When the step is due for `member`; None without a rule, or when its ETD/ETA is unset."""
    if rule is None:
        return None
    anchor = _anchor_day(rule, order, member)
    if anchor is None:
        return None
    calendar = team.calendar_of(unit, member)
    day = previous_workday(anchor + timedelta(days=rule.days), calendar)
    due = end_of(day, member)
    return due if due > unit.now else next_end_of_workday(unit.now, member, calendar)


def _anchor_day(rule: DueRule, order: Order, member: team.MemberView) -> date | None:
    if rule.anchor == "etd":
        return order.etd
    if rule.anchor == "eta":
        return order.eta
    return order.stage_since.astimezone(member.zone).date()  # the day it entered the stage


def previous_workday(day: date, calendar: WorkCalendar) -> date:
    """`day` itself when it is a workday, else the nearest workday before it."""
    for back in range(LOOK_BACK_DAYS):
        candidate = day - timedelta(days=back)
        if calendar.is_workday(candidate):
            return candidate
    return day  # nobody works a whole month off; keep the day rather than loop


def next_end_of_workday(now: datetime, member: team.MemberView, calendar: WorkCalendar) -> datetime:
    today = now.astimezone(member.zone).date()
    for ahead in range(LOOK_BACK_DAYS):
        day = today + timedelta(days=ahead)
        if calendar.is_workday(day) and end_of(day, member) > now:
            return end_of(day, member)
    return now + timedelta(days=1)


def end_of(day: date, member: team.MemberView) -> datetime:
    return datetime.combine(day, END_OF_WORKDAY, tzinfo=member.zone).astimezone(UTC)
