"""What the standups show: the answer form, a day's report, a member's participation."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from storage.models import StandupEntry
from storage.models.standups import ANSWERED, SKIPPED

from .. import team
from ..config import StandupConfig
from ..core import Core
from ..errors import NotFound
from ..unit import Unit
from .schedule import entry_key
from .standups import standup_for, standup_named
from .views import AnswerForm, Question, Report, ReportLine, Stats


def questions_of(standup: StandupConfig) -> tuple[Question, ...]:
    return tuple(Question(q.key, q.en, q.zh) for q in standup.questions)


def answer_form(
    core: Core, member_id: str, standup_name: str | None = None, day: date | None = None
) -> AnswerForm:
    """The form for the member's answers to `day` (default: their today)."""
    with core.read() as unit:
        member = team.get(unit, member_id)
        standup = standup_for(unit.settings, member, standup_name)
        day = day or unit.now.astimezone(member.zone).date()
        return _form(unit, standup, member_id, day)


def entry_form(core: Core, member_id: str, entry_id: int) -> AnswerForm:
    """The form for the entry a prompt's Answer (or Edit) button names."""
    with core.read() as unit:
        entry = unit.session.get(StandupEntry, entry_id)
        if entry is None or entry.member_id != member_id:
            raise NotFound("standups.error.unknown_entry")
        return _form(unit, standup_named(unit.settings, entry.standup), member_id, entry.day)


def _form(unit: Unit, standup: StandupConfig, member_id: str, day: date) -> AnswerForm:
    key = entry_key(standup.name, member_id, day)
    entry = unit.session.scalars(select(StandupEntry).where(StandupEntry.key == key)).first()
    answers = dict(entry.answers or {}) if entry else {}
    return AnswerForm(standup.name, day, questions_of(standup), answers,
                      _planned_before(unit, standup.name, member_id, day))  # fmt: skip


def _planned_before(unit: Unit, standup: str, member_id: str, day: date) -> str | None:
    """The member's latest "today" answer before `day`: what they meant to do."""
    query = (
        select(StandupEntry.answers)
        .where(
            StandupEntry.standup == standup, StandupEntry.member_id == member_id,
            StandupEntry.day < day, StandupEntry.status == ANSWERED,
        )
        .order_by(StandupEntry.day.desc())
        .limit(1)
    )  # fmt: skip
    answers = unit.session.scalar(query) or {}
    return answers.get("today") or None


def report(
    core: Core, viewer_id: str, day: date, person_id: str | None = None,
    standup_name: str | None = None,
) -> Report:  # fmt: skip
    """Who answered what on `day` (one member, or everyone asked)."""
    with core.read() as unit:
        standup = standup_for(unit.settings, team.get(unit, viewer_id), standup_name)
        query = select(StandupEntry).where(
            StandupEntry.standup == standup.name, StandupEntry.day == day
        )
        if person_id:
            query = query.where(StandupEntry.member_id == person_id)
        lines = [_line(unit, standup, entry) for entry in unit.session.scalars(query)]
        return Report(standup.name, day, tuple(sorted(lines, key=lambda line: line.name)))


def _line(unit: Unit, standup: StandupConfig, entry: StandupEntry) -> ReportLine:
    member = team.find(unit, entry.member_id)
    given = entry.answers or {}
    pairs = tuple((q, given[q.key]) for q in questions_of(standup) if given.get(q.key))
    name = member.name if member else entry.member_id
    return ReportLine(entry.member_id, name, entry.status, pairs, entry.has_blocker)


def stats(core: Core, member_id: str, weeks: int, standup_name: str | None = None) -> Stats:
    """Participation over the last `weeks` weeks, the current streak, blockers raised."""
    with core.read() as unit:
        member = team.get(unit, member_id)
        standup = standup_for(unit.settings, member, standup_name)
        today = unit.now.astimezone(member.zone).date()
        since = today - timedelta(weeks=weeks) + timedelta(days=1)
        query = select(StandupEntry).where(
            StandupEntry.standup == standup.name, StandupEntry.member_id == member_id,
            StandupEntry.day >= since, StandupEntry.day <= today,
        )  # fmt: skip
        entries = sorted(unit.session.scalars(query), key=lambda entry: entry.day, reverse=True)
        return _stats(member_id, weeks, entries)


def _stats(member_id: str, weeks: int, entries: list[StandupEntry]) -> Stats:
    answered = [entry for entry in entries if entry.status == ANSWERED]
    skipped = [entry for entry in entries if entry.status == SKIPPED]
    return Stats(
        member_id, weeks, asked=len(entries), answered=len(answered), skipped=len(skipped),
        streak=_streak(entries), blockers=sum(entry.has_blocker for entry in entries),
    )  # fmt: skip


def _streak(newest_first: list[StandupEntry]) -> int:
    """Answered days in a row; a skipped day is neither counted nor a break; today's prompt
    still waiting for an answer does not break it either."""
    streak = 0
    for index, entry in enumerate(newest_first):
        if entry.status == ANSWERED:
            streak += 1
        elif entry.status != SKIPPED and index > 0:
            break
    return streak
