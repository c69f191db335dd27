"""What changes a standup: answers (and edits), skipping a day, help with a blocker, and
being away. Each entry point opens one write unit; the messages go through the outbox."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from storage.models import StandupEntry
from storage.models.standups import ANSWERED, PROMPTED, SKIPPED

from .. import outbox, team
from ..config import StandupConfig
from ..core import Core
from ..errors import InvalidInput, NotFound, PermissionDenied
from ..team import MemberView
from ..unit import Unit
from . import absences, notices
from .due import open_day
from .parsing import says_something
from .schedule import cutoff_instant, entry_key
from .standups import standup_named
from .views import Answered, Away, Back, Helping, Skipped


def answer(
    core: Core, member_id: str, standup_name: str, day: date, answers: dict[str, str]
) -> Answered:
    """Store the member's answers for `day`; the first posts them in the day's thread, later
    ones edit that reply. A blocker is flagged and sent to the member's manager once."""
    standup = standup_named(core.settings, standup_name)
    given = _cleaned(standup, answers)
    with core.write() as unit:
        member = team.get(unit, member_id)
        entry = _entry(unit, standup, member, day)
        first, had_blocker = entry.status != ANSWERED, entry.has_blocker
        _record(unit, entry, given)
        stand_day = open_day(unit, standup, day, sorted(team.zones_in_use(unit)))
        notices.answer(unit, stand_day, entry, member, standup)
        if first and outbox.exists(unit, f"standups.prompt:{entry.key}"):
            notices.prompt_closed(unit, entry)
        if entry.has_blocker and not had_blocker:
            notices.blocker(unit, entry, member, given.get("blockers", ""))
        return Answered(standup.name, day, first, entry.has_blocker)


def _cleaned(standup: StandupConfig, answers: dict[str, str]) -> dict[str, str]:
    keys = {question.key for question in standup.questions}
    given = {key: text.strip() for key, text in answers.items() if key in keys and text.strip()}
    if not given:
        raise InvalidInput("standups.error.all_empty")
    return given


def _entry(unit: Unit, standup: StandupConfig, member: MemberView, day: date) -> StandupEntry:
    """The day's entry, locked; made now for an answer given before (or without) a prompt."""
    key = entry_key(standup.name, member.slack_id, day)
    query = select(StandupEntry).where(StandupEntry.key == key).with_for_update()
    entry = unit.session.scalars(query).first()
    if entry is None:
        entry = StandupEntry(
            key=key, standup=standup.name, member_id=member.slack_id, day=day, status=PROMPTED,
            prompted_at=unit.now, cutoff_at=cutoff_instant(standup, unit.now), revision=0,
            has_blocker=False,
        )  # fmt: skip
        unit.session.add(entry)
    return entry


def _record(unit: Unit, entry: StandupEntry, given: dict[str, str]) -> None:
    entry.answers = given
    entry.status = ANSWERED
    entry.revision += 1
    entry.answered_at = unit.now
    entry.has_blocker = says_something(given.get("blockers")) if "blockers" in given else False
    unit.session.flush()


def skip(core: Core, member_id: str, entry_id: int) -> Skipped:
    """Skip today (the prompt's button): no reminder, not listed as missing."""
    with core.write() as unit:
        entry = _own_entry(unit, member_id, entry_id)
        if entry.status != PROMPTED:
            return Skipped(entry.day, changed=False)
        entry.status = SKIPPED
        notices.prompt_closed(unit, entry)
        return Skipped(entry.day, changed=True)


def _own_entry(unit: Unit, member_id: str, entry_id: int) -> StandupEntry:
    entry = unit.session.get(StandupEntry, entry_id, with_for_update=True)
    if entry is None or entry.member_id != member_id:
        raise NotFound("standups.error.unknown_entry")
    return entry


def help_with_blocker(core: Core, helper_id: str, entry_id: int) -> Helping:
    """ "I'll help": the member hears who is helping and the thread notes it, once."""
    with core.write() as unit:
        entry = unit.session.get(StandupEntry, entry_id, with_for_update=True)
        if entry is None:
            raise NotFound("standups.error.unknown_entry")
        if not team.may_act_for(unit, helper_id, entry.member_id):
            raise PermissionDenied("standups.error.not_your_report", member=entry.member_id)
        if entry.helper_id:
            return Helping(entry.member_id, entry.helper_id, first=False)
        entry.helper_id, entry.helped_at = helper_id, unit.now
        standup = standup_named(unit.settings, entry.standup)
        stand_day = open_day(unit, standup, entry.day, sorted(team.zones_in_use(unit)))
        notices.helping(unit, stand_day, entry)
        return Helping(entry.member_id, helper_id, first=True)


def set_away(core: Core, actor_id: str, target_id: str, first: date, last: date) -> Away:
    """Away from `first` to `last` (inclusive): no prompts, no reminders, not missing."""
    with core.write() as unit:
        _may_set_for(unit, actor_id, target_id)
        absences.add(unit, target_id, first, last, set_by=actor_id)
    return Away(target_id, first, last)


def come_back(core: Core, actor_id: str, target_id: str) -> Back:
    with core.write() as unit:
        member = _may_set_for(unit, actor_id, target_id)
        today = unit.now.astimezone(member.zone).date()
        return Back(target_id, absences.end(unit, target_id, today))


def _may_set_for(unit: Unit, actor_id: str, target_id: str) -> MemberView:
    member = team.get(unit, target_id)
    if not team.may_act_for(unit, actor_id, target_id):
        raise PermissionDenied("standups.error.not_your_report", member=target_id)
    return member
