"""People, customers and orders for the feedback tests, written straight to the database."""

from __future__ import annotations

from typing import Any

from bot import customers, team
from bot.team import SlackProfile
from storage.models import Member, Order


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
    with core.unit() as unit:
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
