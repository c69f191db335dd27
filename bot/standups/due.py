"""What the standups put into the outbox on tick(now): prompts, reminders, and the line
that closes each day's thread. Each is level-triggered: computed from the members, the
config and the entries, and keyed so a second tick, a restart or a replica adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import exists, literal, select, update

from storage import db
from storage.models import Member, StandupDay, StandupEntry
from storage.models.standups import PROMPTED

from .. import team
from ..config import StandupConfig
from ..team import MemberView
from ..unit import Unit
from . import absences, notices
from .schedule import (
    Due,
    day_closes_at,
    day_key,
    due_prompt,
    entry_key,
    prompt_instant,
    takes_part,
)


def queue_prompts(unit: Unit) -> int:
    """Prompt every participant whose local standup time has come (within grace_hours).
    Only the people of the zones where it is standup time now are read, and of them those
    not prompted yet today."""
    away = absences.around(unit)
    zones = team.zones_in_use(unit)
    queued = 0
    for standup in unit.settings.all_standups:
        for zone, today in _zones_at_standup_time(unit, standup, zones).items():
            key = literal(f"{standup.name}:") + Member.slack_id + literal(f":{today.isoformat()}")
            members = team.roster_in(unit, {zone}, ~exists().where(StandupEntry.key == key))
            taking_part = [member for member in members if takes_part(standup, member)]
            queued += _prompt_all(unit, standup, taking_part, away)
    return queued


def _zones_at_standup_time(unit: Unit, standup: StandupConfig, zones: set[str]) -> dict[str, date]:
    """Each zone whose standup time today came no more than grace_hours ago: its date."""
    due = {}
    for name in zones:
        today = unit.now.astimezone(ZoneInfo(name)).date()
        prompt_at = prompt_instant(standup, today, ZoneInfo(name))
        if prompt_at <= unit.now <= prompt_at + timedelta(hours=standup.grace_hours):
            due[name] = today
    return due


def _prompt_all(
    unit: Unit, standup: StandupConfig, members: list[MemberView], away: absences.AwayBook
) -> int:
    due = [d for d in _due(unit, standup, members) if not away.is_away(d.member.slack_id, d.day)]
    known = _known_keys(unit, [entry_key(standup.name, d.member.slack_id, d.day) for d in due])
    fresh = [d for d in due if entry_key(standup.name, d.member.slack_id, d.day) not in known]
    if fresh:  # the day's row is made once, with every participant's zone
        everyone = [m.timezone for m in team.roster(unit) if takes_part(standup, m)]
        for day in {d.day for d in fresh}:
            open_day(unit, standup, day, everyone)
    return sum(_prompt(unit, standup, each) for each in fresh)


def _due(unit: Unit, standup: StandupConfig, members: list[MemberView]) -> Iterable[Due]:
    for member in members:
        found = due_prompt(standup, member, team.calendar_of(unit, member), unit.now)
        if found is not None:
            yield found


def _known_keys(unit: Unit, keys: list[str]) -> set[str]:
    return db.existing(unit.session, StandupEntry.key, keys)


def _prompt(unit: Unit, standup: StandupConfig, due: Due) -> int:
    key = entry_key(standup.name, due.member.slack_id, due.day)
    values = {
        "key": key, "standup": standup.name, "member_id": due.member.slack_id, "day": due.day,
        "status": PROMPTED, "prompted_at": due.prompt_at, "cutoff_at": due.cutoff_at,
        "revision": 0, "has_blocker": False,
    }  # fmt: skip
    if not db.insert_if_absent(unit.session, StandupEntry, values, "key"):
        return 0  # another replica got there first
    entry = unit.session.scalars(select(StandupEntry).where(StandupEntry.key == key)).one()
    return int(notices.prompt(unit, standup, entry))


def open_day(unit: Unit, standup: StandupConfig, day: date, zones: list[str]) -> StandupDay:
    """The day's row (made once): where its thread goes and when it closes."""
    key = day_key(standup.name, day)
    values = {
        "key": key, "standup": standup.name, "day": day, "channel": channel_of(unit, standup),
        "closes_at": day_closes_at(standup, day, zones or [unit.settings.team.timezone]),
    }  # fmt: skip
    db.insert_if_absent(unit.session, StandupDay, values, "key")
    return unit.session.scalars(select(StandupDay).where(StandupDay.key == key)).one()


def channel_of(unit: Unit, standup: StandupConfig) -> str:
    return standup.channel or unit.settings.channels.standup_digest


def queue_reminders(unit: Unit) -> int:
    """One reminder to each member who has neither answered nor skipped, before their cutoff."""
    away = absences.around(unit)
    queued = 0
    for standup in unit.settings.all_standups:
        since = unit.now - timedelta(minutes=standup.reminder_after_minutes)
        for entry in _unanswered(unit, standup.name, since):
            if away.is_away(entry.member_id, entry.day):
                continue
            entry.reminded_at = unit.now
            queued += int(notices.reminder(unit, standup, entry))
    return queued


def _unanswered(unit: Unit, standup: str, prompted_before: datetime) -> list[StandupEntry]:
    query = select(StandupEntry).where(
        StandupEntry.status == PROMPTED,
        StandupEntry.standup == standup,
        StandupEntry.prompted_at <= prompted_before,
        StandupEntry.reminded_at.is_(None),
        StandupEntry.cutoff_at > unit.now,
    )
    return list(unit.session.scalars(query.with_for_update(skip_locked=True)))


def close_days(unit: Unit) -> int:
    """After the last participant's cutoff, one line in the day's thread names who did not
    answer (by name, never by @-mention)."""
    query = select(StandupDay).where(
        StandupDay.closed_at.is_(None), StandupDay.closes_at <= unit.now
    )
    closed = 0
    for day in unit.session.scalars(query.with_for_update(skip_locked=True)):
        claimed = unit.session.execute(
            update(StandupDay)
            .where(StandupDay.id == day.id, StandupDay.closed_at.is_(None))
            .values(closed_at=unit.now)
        )
        if claimed.rowcount:  # type: ignore[attr-defined]
            closed += int(notices.missing(unit, day, _missing(unit, day)))
    return closed


def _missing(unit: Unit, day: StandupDay) -> list[MemberView]:
    """Prompted, neither answered nor skipped, and not away (set after the prompt)."""
    query = select(StandupEntry.member_id).where(
        StandupEntry.standup == day.standup, StandupEntry.day == day.day,
        StandupEntry.status == PROMPTED,
    )  # fmt: skip
    away = absences.AwayBook.load(unit, day.day, day.day)
    people = [team.find(unit, member_id) for member_id in unit.session.scalars(query)]
    return [p for p in people if p is not None and not away.is_away(p.slack_id, day.day)]


PROVIDERS = (queue_prompts, queue_reminders, close_days)
