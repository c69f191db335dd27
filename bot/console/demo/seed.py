"""Seeding the demo: each part through the bot's own entry points, at the moment it would
have happened (the seeding clock moves back and forth), so the data is what the bot itself
makes; two weeks of standups in bulk, where one unit per answer would be slow.

What the bot would have sent along the way (stage changes, assignments) counts as sent
long ago: the console's Slack starts empty, and nothing old arrives when it opens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from storage.models import PENDING, SENT, OutboxMessage

from ... import feedback, orders, tasks, team
from ...clock import FixedClock, as_utc
from ...config import Settings
from ...core import Core
from ...notify import RecordingNotifier
from ...team import SlackProfile
from .people import TEAM
from .settings import DIRECTOR
from .standups import seed_history
from .trade import WATCHERS
from .trade import orders as demo_orders
from .work import FEEDBACK, TASKS

DUE_AT = time(18, 0)  # when a demo task falls due, in its assignee's zone


@dataclass
class Seeder:
    core: Core
    clock: FixedClock
    now: datetime

    def at(self, days_ago: float) -> None:
        self.clock.instant = self.now - timedelta(days=days_ago)


def seed(settings: Settings, now: datetime) -> None:
    from ...bootstrap import build_core

    clock = FixedClock(now)
    core = build_core(settings, clock=clock, notifier=RecordingNotifier(), drain="off")
    seeder = Seeder(core, clock, as_utc(now))
    for step in STEPS:
        step(seeder)
    seeder.at(0)
    count_as_sent(core)
    core.engine.dispose()  # the last connection checkpoints the WAL into the file


def seed_team(seeder: Seeder) -> None:
    core = seeder.core
    seeder.at(90)
    for person in TEAM:
        team.learn(core, SlackProfile(person.slack_id, person.handle, person.name, person.tz,
                                      person.locale))  # fmt: skip
    for person in TEAM:
        team.set_role(core, DIRECTOR, person.slack_id, person.role)
        team.set_manager(core, DIRECTOR, person.slack_id, person.manager)
        team.set_country(core, DIRECTOR, person.slack_id, person.country)


def seed_orders(seeder: Seeder) -> None:
    core, today = seeder.core, seeder.now.date()
    for number, steps in demo_orders(today).items():
        first, *later = steps
        seeder.at(first.days_ago)
        orders.create(core, first.actor, number, first.fields)
        for step in later:
            seeder.at(step.days_ago)
            orders.update(core, step.actor, number, step.fields)
    seeder.at(1)
    for number, member in WATCHERS:
        orders.set_watching(core, member, number, True)


def seed_tasks(seeder: Seeder) -> None:
    zones = {person.slack_id: ZoneInfo(person.tz) for person in TEAM}
    for task in TASKS:
        zone = zones[task.assignee]
        day = seeder.now.astimezone(zone).date() + timedelta(days=task.due_in)
        due_at = datetime.combine(day, DUE_AT, tzinfo=zone)
        seeder.at(task.days_ago)
        with seeder.core.write() as unit:
            made = tasks.create(unit, task.creator, task.title, assignee_id=task.assignee,
                                due_at=due_at, priority=task.priority)  # fmt: skip
        if task.done_days_ago is not None:
            seeder.at(task.done_days_ago)
            tasks.set_status(seeder.core, task.assignee, made.task.id, tasks.DONE)


def seed_feedback(seeder: Seeder) -> None:
    core = seeder.core
    for item in FEEDBACK:
        seeder.at(item.days_ago)
        new = feedback.NewFeedback(
            customer=item.customer, text=item.text, order=item.order, severity=item.severity,
            category=item.category, assignee_id=item.assignee,
        )  # fmt: skip
        logged = feedback.log(core, item.reporter, new)
        if item.started_days_ago is not None:
            seeder.at(item.started_days_ago)
            feedback.start(core, item.assignee, logged.id)
        if item.resolved is not None:
            seeder.at(item.resolved[0])
            feedback.resolve(core, item.assignee, logged.id, item.resolved[1])


def seed_standups(seeder: Seeder) -> None:
    seeder.at(0)
    with seeder.core.write() as unit:
        seed_history(unit, team.roster(unit))


# In order: later parts use the people, customers and orders of earlier ones. A feature
# that brings demo data of its own (kudos, say) adds its seeder here.
STEPS: tuple[Callable[[Seeder], None], ...] = (
    seed_team,
    seed_orders,
    seed_tasks,
    seed_feedback,
    seed_standups,
)


def count_as_sent(core: Core) -> int:
    """Mark what the seeding queued as sent when it was queued, where it would have gone."""
    with core.write() as unit:
        query = select(OutboxMessage).where(
            OutboxMessage.status == PENDING, OutboxMessage.next_attempt_at <= unit.now
        )
        rows = list(unit.session.scalars(query))
        for row in rows:
            row.status, row.attempts, row.sent_at = SENT, 1, row.created_at
            row.sent_channel = _conversation(row.recipient)
            row.sent_ts = f"{row.created_at.timestamp():.6f}"
        return len(rows)


def _conversation(recipient: str) -> str:
    return "D" + recipient if recipient.startswith(("U", "W")) else recipient
