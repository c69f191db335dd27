"""Standup prompts arrive at each member's own morning, on their own workdays only."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from bot import standups, team
from bot.scheduler import tick
from bot.team import SlackProfile
from storage.models import OutboxMessage

PEOPLE = {
    "UNY": ("ny", "America/New_York", "US"),
    "UMAD": ("ana", "Europe/Madrid", "ES"),
    "USH": ("li", "Asia/Shanghai", "CN"),
}


@pytest.fixture
def office(core):
    """Three members in three zones, each keeping their own country's holidays."""
    core.wake_dispatcher = lambda: None  # the outbox rows are what these tests read
    with core.write() as unit:
        team.upsert_profile(unit, SlackProfile("UADMIN", "admin", tz="Asia/Shanghai"))
        for slack_id, (name, zone, _) in PEOPLE.items():
            team.upsert_profile(unit, SlackProfile(slack_id, name, tz=zone))
    for slack_id, (_, _, country) in PEOPLE.items():
        team.set_country(core, "UADMIN", slack_id, country)
    return core


def prompted(core, at):
    """Which of PEOPLE tick(at) prompts, by member id (the admin takes part too)."""
    before = _prompt_keys(core)
    tick(core, at)
    return sorted(key.split(":")[2] for key in _prompt_keys(core) - before if ":UADMIN:" not in key)


def _prompt_keys(core):
    with core.read() as unit:
        query = select(OutboxMessage.dedup_key).where(OutboxMessage.kind == "standups.prompt")
        return set(unit.session.scalars(query))


def utc(text):
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_new_york_is_prompted_at_half_past_nine_local_on_both_sides_of_the_dst_change(office):
    # Friday 12 March 2027, EST (UTC-5): 09:30 is 14:30 UTC.
    assert prompted(office, utc("2027-03-12 14:29")) == []
    assert prompted(office, utc("2027-03-12 14:30")) == ["UNY"]
    # DST starts Sunday 14 March. Monday 15 March, EDT (UTC-4): 09:30 is 13:30 UTC.
    assert prompted(office, utc("2027-03-15 13:29")) == []
    assert prompted(office, utc("2027-03-15 13:30")) == ["UNY"]


def test_madrid_is_prompted_at_half_past_nine_madrid_time(office):
    # Tuesday 1 December 2026, CET (UTC+1): 09:30 is 08:30 UTC.
    assert prompted(office, utc("2026-12-01 08:29")) == []
    assert prompted(office, utc("2026-12-01 08:30")) == ["UMAD"]


def test_nobody_is_prompted_on_their_weekend(office):
    saturday = [utc("2026-12-05 01:30"), utc("2026-12-05 08:30"), utc("2026-12-05 14:30")]
    assert [prompted(office, at) for at in saturday] == [[], [], []]


def test_a_member_who_works_sunday_to_thursday_is_prompted_on_sunday_not_friday(office):
    team.set_workdays(office, "UADMIN", "UMAD", "sun-thu")
    assert prompted(office, utc("2026-12-04 08:30")) == []  # Friday
    assert prompted(office, utc("2026-12-06 08:30")) == ["UMAD"]  # Sunday


def test_nobody_is_prompted_on_a_public_holiday_of_their_own_country(office):
    # 6 January 2027 is Epiphany in Spain, a working Wednesday in China and the US.
    assert prompted(office, utc("2027-01-06 08:30")) == []
    assert prompted(office, utc("2027-01-06 01:30")) == ["USH"]
    assert prompted(office, utc("2027-01-06 14:30")) == ["UNY"]
    # 25 December is Christmas in Spain and the US, a working Friday in China.
    assert prompted(office, utc("2026-12-25 01:30")) == ["USH"]
    assert prompted(office, utc("2026-12-25 08:30")) == []
    assert prompted(office, utc("2026-12-25 14:30")) == []


def test_china_is_prompted_on_a_makeup_workday_that_falls_on_a_saturday(office):
    # Saturday 28 February 2026 is worked in China in exchange for the Spring Festival.
    assert prompted(office, utc("2026-02-28 01:30")) == ["USH"]
    assert prompted(office, utc("2026-02-28 08:30")) == []  # Madrid keeps its Saturday
    # ... and the Spring Festival itself (Tuesday 17 February 2026) is a day off there.
    assert prompted(office, utc("2026-02-17 01:30")) == []


def test_nobody_is_prompted_while_away(office):
    standups.set_away(office, "UMAD", "UMAD", date(2026, 12, 1), date(2026, 12, 2))
    assert prompted(office, utc("2026-12-01 08:30")) == []
    assert prompted(office, utc("2026-12-02 08:30")) == []
    assert prompted(office, utc("2026-12-03 08:30")) == ["UMAD"]


def test_a_prompt_more_than_the_grace_hours_late_is_skipped_not_sent_at_noon(office):
    # The bot was down from before 08:30 UTC until 12:00 UTC (13:00 in Madrid).
    assert prompted(office, utc("2026-12-01 12:00")) == []


def test_a_prompt_a_little_late_is_still_sent_once(office):
    assert prompted(office, utc("2026-12-01 09:45")) == ["UMAD"]
    assert prompted(office, utc("2026-12-01 09:46")) == []


def test_two_ticks_at_the_same_instant_and_a_restart_prompt_each_member_once(office, core):
    at = utc("2026-12-01 08:30")
    tick(core, at)
    tick(core, at)
    core.engine.dispose()  # a restart: nothing is kept in memory
    tick(core, utc("2026-12-01 08:45"))
    keys = sorted(key for key in _prompt_keys(core) if ":UMAD:" in key)
    assert keys == ["standups.prompt:daily:UMAD:2026-12-01"]
