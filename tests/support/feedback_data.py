"""People, customers and orders for the feedback tests, written straight to the database,
and the few ways those tests talk to the bot and read what it said."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from bot import customers, team
from bot.team import SlackProfile
from storage.models import FeedbackItem, Member, Order
from tests.support.driver import visible_text

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai


def member(
    unit: Any,
    slack_id: str,
    role: str = "member",
    manager: str | None = None,
    locale: str = "en-US",
    tz: str = "Asia/Shanghai",
) -> str:
    team.upsert_profile(unit, SlackProfile(slack_id, slack_id.lower(), tz=tz, locale=locale))
    row = unit.session.get(Member, slack_id)
    row.role, row.manager_id = role, manager
    unit.session.flush()
    return slack_id


def customer(unit: Any, name: str, owner: str | None = None) -> int:
    return customers.find_or_create(unit, name, owner_id=owner)[0].id


def order(unit: Any, number: str, customer_id: int, stage: str = "production") -> int:
    row = Order(
        number=number,
        number_key=number.casefold(),
        customer_id=customer_id,
        stage=stage,
        stage_since=unit.now,
        containers=[],
        created_at=unit.now,
        updated_at=unit.now,
    )
    unit.session.add(row)
    unit.session.flush()
    return row.id


def trade_desk(core: Any) -> None:
    """The usual cast: UOWNER owns ACME Trading (order PO-1) and ACME; UCS is customer service,
    UMGR a manager (UOWNER reports to them), U1 a colleague, UOTHER an unrelated member."""
    with core.write() as unit:
        member(unit, "UADMIN")  # an admin by config
        member(unit, "UMGR", role="manager")
        member(unit, "UOWNER", role="sales", manager="UMGR")
        member(unit, "UCS", role="customer_service")
        member(unit, "U1", role="logistics")
        member(unit, "UOTHER", role="finance")
        acme_trading = customer(unit, "ACME Trading", owner="UOWNER")
        customer(unit, "ACME", owner="UOWNER")
        globex = customer(unit, "Globex Corp")
        order(unit, "PO-1", acme_trading, stage="production")
        order(unit, "PO-2", globex, stage="shipped")


def assert_slack_accepts(message: dict[str, Any], max_blocks: int = 50) -> None:
    """Slack's Block Kit limits hold. Replies are cut at 50 blocks, so a full 50 would mean
    something was cut off: a message must stay under it."""
    blocks = message.get("blocks") or []
    assert 0 < len(blocks) < max_blocks
    for block in blocks:
        texts = [block.get("text") or {}, *block.get("fields", []), *block.get("elements", [])]
        limit = {"header": 150, "actions": 75}.get(block["type"], 3000)
        for text in texts:
            body = text.get("text")
            body = body.get("text", "") if isinstance(body, dict) else body or ""
            assert len(body) <= limit, (block["type"], len(body))


def say(slack: Any, text: str, user: str = "U1") -> str:
    """`/feedback text` from `user`; everything the reply shows."""
    return str(slack.reply_text(slack.command("/feedback", text, user=user)))


def items(slack: Any) -> list[FeedbackItem]:
    with slack.core.write() as unit:
        return list(unit.session.scalars(select(FeedbackItem).order_by(FeedbackItem.id)))


def item_ids(text: str) -> list[int]:
    """The feedback numbers a reply lists, in the order shown."""
    return [int(number) for number in re.findall(r"\*#(\d+) ", text)]


def dms(slack: Any, user: str) -> list[str]:
    return [visible_text(message) for message in slack.sent_messages(user)]
