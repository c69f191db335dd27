"""Prepared selects read what the same select reads through SQLAlchemy, on both databases."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, cast

import pytest
from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session

from storage.models import Customer, Member, Order
from storage.prepared import Prepared, reading

WHEN = datetime(2026, 3, 4, 5, 6, 7, 890123, tzinfo=UTC)


def _orders_with_customers() -> Any:
    orders, customers = cast(Table, Order.__table__), cast(Table, Customer.__table__)
    return (
        select(orders, customers.c.name.label("customer_name"))
        .join(customers, customers.c.id == orders.c.customer_id)
        .where(orders.c.number_key == bindparam("key"))
    )


ORDER = Prepared(_orders_with_customers)


def _member(engine: Any) -> None:
    with Session(engine) as session, session.begin():
        session.add(Member(slack_id="U1", name="li", active=True, is_bot=False,
                           profile_retry_at=WHEN, created_at=WHEN, updated_at=WHEN))  # fmt: skip
        customer = Customer(name="ACME", name_key="acme", country="ES", created_at=WHEN)
        session.add(customer)
        session.flush()
        session.add(Order(number="PO-1", number_key="po-1", customer_id=customer.id,
                          owner_id="U1", stage="production", stage_since=WHEN,
                          amount=Decimal("1234.50"), etd=date(2026, 4, 1),
                          containers=["MSCU1234565", "TGHU7654321"], created_at=WHEN,
                          updated_at=WHEN))  # fmt: skip


def test_a_prepared_select_reads_every_type_as_sqlalchemy_does(engine):
    _member(engine)
    with Session(engine) as session:
        expected = session.execute(ORDER.select, {"key": "po-1"}).one()

    with reading(engine) as reader:
        found = reader.first(ORDER, key="po-1")

    assert tuple(found) == tuple(expected)
    assert found.stage_since == WHEN and found.stage_since.tzinfo is not None
    assert (found.amount, found.etd, found.containers) == (
        Decimal("1234.50"),
        date(2026, 4, 1),
        ["MSCU1234565", "TGHU7654321"],
    )
    assert found.customer_name == "ACME"


def test_a_prepared_select_finds_nothing_as_none(engine):
    with reading(engine) as reader:
        assert reader.first(ORDER, key="po-404") is None
        assert reader.all(ORDER, key="po-404") == []


def test_a_select_binding_a_value_that_needs_processing_is_refused(engine):
    members = cast(Table, Member.__table__)
    since = Prepared(lambda: select(members).where(members.c.created_at > bindparam("since")))

    with pytest.raises(ValueError, match="only plain parameters"), reading(engine) as reader:
        reader.all(since, since=WHEN)
