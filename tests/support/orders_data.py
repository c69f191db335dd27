"""The people and the order the /order handler tests share, made through the bot itself."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from freezegun import freeze_time

from bot import orders
from storage.models import Member

CREATED = datetime(2026, 11, 2, 1, 0, tzinfo=UTC)
IN_PRODUCTION = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)  # 09:00 Shanghai, 02:00 Madrid
NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai


def meet(slack, fake_slack, user, name, role="member", locale="en-US", tz="Asia/Shanghai"):
    fake_slack.add_user(user, name=name, locale=locale, tz=tz)
    slack.command("/order", "help", user=user)
    with slack.core.write() as unit:
        unit.session.get(Member, user).role = role


def save(slack: Any, actor: str, number: str, when: datetime, **fields: str) -> orders.Saved:
    with freeze_time(when), slack.core.write() as unit:
        return orders.save(unit, actor, "command", number, fields, append=True)
