"""Two weeks of standups: every past workday each member was prompted on, answered (most
days), skipped or left unanswered, in their own language, now and then with a blocker.

Written in bulk with the standups' own keys and instants (the storage contract of
storage/models/standups.py), so the scheduler counts those days as done: it neither
prompts for them again nor closes them twice. Days whose prompt is still ahead, or still
within its grace, are left to the bot.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from storage.models import StandupDay, StandupEntry
from storage.models.standups import ANSWERED, PROMPTED, SKIPPED

from ... import team
from ...config import StandupConfig
from ...standups.due import channel_of
from ...standups.parsing import says_something
from ...standups.schedule import (
    cutoff_instant,
    day_closes_at,
    day_key,
    entry_key,
    prompt_instant,
    runs_on,
)
from ...team import MemberView
from ...unit import Unit

DAYS = 14
ANSWERS = {
    "en": {
        "yesterday": ["Sent two quotations", "Chased the deposit for 1049",
                      "Checked the booking for 1044", "Answered the Hanse claim",
                      "Updated the packing list", "Called the forwarder"],
        "today": ["Follow up on the B/L draft", "Prepare the PI for a re-order",
                  "Confirm the vessel with the forwarder", "Visit a customer",
                  "Review open feedback", "Plan next week's shipments"],
        "blockers": ["Waiting for the factory's packing list", "The customer has not signed the PI",
                     "Customs want the original invoice"],
    },
    "zh": {
        "yesterday": ["发了两份报价", "跟进了 1049 的定金", "核对了 1044 的订舱",
                      "回复了 Hanse 的索赔", "更新了装箱单", "和货代通了电话"],
        "today": ["跟进提单草稿", "准备返单的形式发票", "和货代确认船期", "拜访客户",
                  "处理未结的客户反馈", "安排下周的出货"],
        "blockers": ["还在等工厂的装箱单", "客户还没签形式发票", "海关要发票原件"],
    },
}  # fmt: skip
NOTHING = {"en": "None", "zh": "无"}


def seed_history(unit: Unit, members: list[MemberView]) -> int:
    """Entries for the last DAYS days of every standup, and the days they make."""
    dice = random.Random(1042)  # the same demo every time
    zones = sorted({member.timezone for member in members})
    added = 0
    for standup in unit.settings.all_standups:
        days: set[date] = set()
        for member in members:
            for day in _past_days(unit, standup, member):
                unit.session.add(_entry(standup, member, day, dice))
                days.add(day)
                added += 1
        for day in sorted(days):
            unit.session.add(_day(unit, standup, day, zones))
    unit.session.flush()
    return added


def _past_days(unit: Unit, standup: StandupConfig, member: MemberView) -> list[date]:
    calendar = team.calendar_of(unit, member)
    today = unit.now.astimezone(member.zone).date()
    grace = timedelta(hours=standup.grace_hours)
    days = [today - timedelta(days=back) for back in range(DAYS, -1, -1)]
    return [
        day
        for day in days
        if runs_on(standup, calendar, day)
        and prompt_instant(standup, day, member.zone) + grace < unit.now
    ]


def _entry(
    standup: StandupConfig, member: MemberView, day: date, dice: random.Random
) -> StandupEntry:
    prompted = prompt_instant(standup, day, member.zone)
    entry = StandupEntry(
        key=entry_key(standup.name, member.slack_id, day), standup=standup.name,
        member_id=member.slack_id, day=day, status=PROMPTED, prompted_at=prompted,
        cutoff_at=cutoff_instant(standup, prompted), revision=0, has_blocker=False,
    )  # fmt: skip
    roll = dice.random()
    if roll < 0.82:
        _answered(entry, member.language, prompted, dice)
    elif roll < 0.9:
        entry.status = SKIPPED
    else:  # reminded, and never answered
        entry.reminded_at = prompted + timedelta(minutes=standup.reminder_after_minutes)
    return entry


def _answered(entry: StandupEntry, language: str, prompted: datetime, dice: random.Random) -> None:
    words = ANSWERS[language]
    blocked = dice.random() < 0.12
    blockers = dice.choice(words["blockers"]) if blocked else NOTHING[language]
    entry.answers = {
        "yesterday": dice.choice(words["yesterday"]),
        "today": dice.choice(words["today"]),
        "blockers": blockers,
    }
    entry.status, entry.revision = ANSWERED, 1
    entry.answered_at = prompted + timedelta(minutes=dice.randint(3, 150))
    entry.has_blocker = says_something(blockers)


def _day(unit: Unit, standup: StandupConfig, day: date, zones: list[str]) -> StandupDay:
    closes_at = day_closes_at(standup, day, zones)
    return StandupDay(
        key=day_key(standup.name, day), standup=standup.name, day=day,
        channel=channel_of(unit, standup), closes_at=closes_at,
        closed_at=closes_at if closes_at <= unit.now else None,
    )  # fmt: skip
