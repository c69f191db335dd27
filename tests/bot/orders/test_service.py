"""Orders as the domain sees them: saving, history, watchers, notifications, permissions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import func, select

from bot import customers, orders, team
from bot.errors import InvalidInput, NotFound, PermissionDenied
from bot.team import SlackProfile
from storage.models import Member, OrderChange, OutboxMessage

NOW = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)


def add_member(core, slack_id, role="member", locale="en-US", name=None):
    with core.write() as unit:
        team.upsert_profile(unit, SlackProfile(slack_id, name or slack_id.lower(), locale=locale))
        unit.session.get(Member, slack_id).role = role


@pytest.fixture
def staff(core):
    add_member(core, "USALES", "sales")
    add_member(core, "ULOG", "logistics")
    add_member(core, "UFIN", "finance")
    add_member(core, "UOWNER", "member")
    return core


def save(core, actor, number, source="command", **fields):
    with core.write() as unit:
        return orders.save(unit, actor, source, number, fields, append=True)


def outbox_recipients(core, kind="orders.stage_changed"):
    with core.write() as unit:
        rows = unit.session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind))
        return sorted(row.recipient for row in rows)


def history_count(core):
    with core.write() as unit:
        return unit.session.scalar(select(func.count()).select_from(OrderChange))


@freeze_time(NOW)
def test_a_new_order_creates_its_customer_and_starts_at_the_first_stage(staff):
    saved = save(staff, "USALES", "1042", customer="ACME Trading", owner="UOWNER", country="ES")
    assert saved.created
    assert saved.order.stage == "confirmed"
    assert saved.order.owner_id == "UOWNER"
    with staff.write() as unit:
        customer = customers.get(unit, "acme trading")
        assert (customer.owner_id, customer.country) == ("UOWNER", "ES")
        found = orders.find_by_number(unit, "1042")
    assert found is not None
    assert (found.customer_name, found.customer_id) == ("ACME Trading", customer.id)


@freeze_time(NOW)
def test_customers_are_matched_whatever_the_case(staff):
    save(staff, "USALES", "1", customer="ACME Trading")
    save(staff, "USALES", "2", customer="acme TRADING")
    with staff.write() as unit:
        assert orders.get(unit, "1").customer_id == orders.get(unit, "2").customer_id


@freeze_time(NOW)
def test_order_numbers_are_found_whatever_the_case_and_unknown_ones_get_suggestions(staff):
    save(staff, "USALES", "PO-2026-118", customer="ACME")
    with staff.write() as unit:
        assert orders.find_by_number(unit, " po-2026-118 ").number == "PO-2026-118"
        assert orders.find_by_number(unit, "PO-2026-119") is None
        with pytest.raises(NotFound) as error:
            orders.get(unit, "PO-2026-119")
    assert error.value.params["suggestions"] == "`PO-2026-118`"


@freeze_time(NOW)
def test_creating_by_command_makes_the_author_the_owner_when_none_is_given(staff):
    assert save(staff, "USALES", "7", customer="Beta").order.owner_id == "USALES"


@freeze_time(NOW)
def test_a_stage_change_is_recorded_and_notifies_owner_watchers_and_channel_once_each(staff):
    save(staff, "USALES", "1042", customer="ACME", owner="UOWNER")
    with staff.write() as unit:
        orders.watch(unit, "UOWNER", "1042")  # the owner also watches: still one message
        orders.watch(unit, "UFIN", "1042")
    saved = save(staff, "ULOG", "1042", stage="production")
    assert saved.stage_changed
    assert saved.notified == 3
    assert outbox_recipients(staff) == ["CORDERS", "UFIN", "UOWNER"]
    with staff.write() as unit:
        changes = orders.history(unit, "1042").changes
    assert changes[0].actor == "ULOG"
    assert changes[0].fields == {"stage": ["confirmed", "production"]}
    assert changes[1].action == "created"


@freeze_time(NOW)
def test_whoever_moves_the_stage_gets_no_message_about_it_but_the_channel_still_does(staff):
    save(staff, "USALES", "1042", customer="ACME", owner="UOWNER")
    with staff.write() as unit:
        orders.watch(unit, "ULOG", "1042")
    by_watcher = save(staff, "ULOG", "1042", stage="production")
    assert outbox_recipients(staff) == ["CORDERS", "UOWNER"]
    by_owner = save(staff, "UOWNER", "1042", stage="qc")
    assert outbox_recipients(staff) == ["CORDERS", "CORDERS", "ULOG", "UOWNER"]
    assert (by_watcher.notified, by_owner.notified) == (2, 2)


@freeze_time(NOW)
def test_saving_the_same_stage_again_changes_and_sends_nothing(staff):
    save(staff, "USALES", "1042", customer="ACME", owner="UOWNER")
    save(staff, "USALES", "1042", stage="production")
    before = history_count(staff)
    again = save(staff, "USALES", "1042", stage="Production")
    assert again.changes == {}
    assert history_count(staff) == before
    assert outbox_recipients(staff) == ["CORDERS", "UOWNER"]


@freeze_time(NOW)
def test_update_by_command_adds_containers_and_notes(staff):
    save(staff, "USALES", "1042", customer="ACME", containers="CSQU3054383", notes="first")
    saved = save(staff, "ULOG", "1042", containers="MSKU9070323", notes="second")
    assert saved.order.containers == ("CSQU3054383", "MSKU9070323")
    assert saved.order.notes == "first\nsecond"


def test_days_in_stage_are_counted_against_the_stage_sla(staff):
    with freeze_time(NOW):
        save(staff, "USALES", "1042", customer="ACME")
    with freeze_time(NOW + timedelta(days=1)), staff.write() as unit:
        status = orders.status(unit, "1042", "USALES")
        assert (status.clock.days, status.clock.sla_days, status.clock.late) == (1, 2, False)
    with freeze_time(NOW + timedelta(days=3)), staff.write() as unit:
        assert orders.status(unit, "1042", "USALES").clock.late
        assert [o.order.number for o in orders.list_orders(unit, late=True).orders] == ["1042"]


@freeze_time(NOW)
def test_the_list_filters_by_stage_and_customer(staff):
    save(staff, "USALES", "1", customer="ACME")
    save(staff, "USALES", "2", customer="Beta")
    save(staff, "USALES", "2", stage="booked")
    with staff.write() as unit:
        by_stage = orders.list_orders(unit, stage="Booked")
        by_customer = orders.list_orders(unit, customer="acme")
        late = orders.list_orders(unit, late=True)
    assert [o.order.number for o in by_stage.orders] == ["2"]
    assert [o.order.number for o in by_customer.orders] == ["1"]
    assert late.total == 0


@freeze_time(NOW)
@pytest.mark.parametrize("editor", ["USALES", "ULOG", "UOWNER", "UADMIN"])
def test_sales_logistics_admins_and_the_owner_update_orders(staff, editor):
    add_member(staff, "UADMIN")
    save(staff, "USALES", "1042", customer="ACME", owner="UOWNER")
    assert save(staff, editor, "1042", eta="2027-01-10").order.eta == date(2027, 1, 10)


@freeze_time(NOW)
def test_anyone_else_is_refused_and_nothing_changes(staff):
    save(staff, "USALES", "1042", customer="ACME", owner="UOWNER")
    before = history_count(staff)
    with pytest.raises(PermissionDenied):
        save(staff, "UFIN", "1042", stage="booked")
    with staff.write() as unit:
        assert orders.get(unit, "1042").stage == "confirmed"
    assert history_count(staff) == before


@freeze_time(NOW)
def test_bad_input_changes_nothing(staff):
    save(staff, "USALES", "1042", customer="ACME", eta="2027-01-10")
    before = history_count(staff)
    for bad in (
        {"stage": "sailing"},
        {"incoterm": "FOX"},
        {"containers": "CSQU3054384"},
        {"eta": "soonish"},
        {"stage": "booked", "etd": "2027-02-01"},
    ):
        with pytest.raises(InvalidInput):
            save(staff, "USALES", "1042", **bad)
    with staff.write() as unit:
        order = orders.get(unit, "1042")
    assert (order.stage, order.incoterm, order.containers, order.eta, order.etd) == (
        "confirmed",
        None,
        (),
        date(2027, 1, 10),
        None,
    )
    assert history_count(staff) == before


@freeze_time(NOW)
def test_updating_an_unknown_order_is_not_found(staff):
    with staff.write() as unit, pytest.raises(NotFound):
        orders.save(unit, "USALES", "command", "9999", {"stage": "qc"}, mode="update")


@freeze_time(NOW)
def test_creating_an_existing_number_again_is_refused(staff):
    save(staff, "USALES", "1042", customer="ACME")
    with staff.write() as unit, pytest.raises(InvalidInput) as error:
        orders.save(unit, "USALES", "command", "1042", {"customer": "Beta"}, mode="create")
    assert error.value.key == "orders.error.exists"


@freeze_time(NOW)
def test_watching_twice_watches_once_and_unwatching_stops_it(staff):
    save(staff, "USALES", "1042", customer="ACME", owner="UOWNER")
    with staff.write() as unit:
        assert orders.watch(unit, "UFIN", "1042")[1] is True
        assert orders.watch(unit, "UFIN", "1042")[1] is False
    save(staff, "USALES", "1042", stage="production")
    with staff.write() as unit:
        assert orders.unwatch(unit, "UFIN", "1042")[1] is True
        assert orders.unwatch(unit, "UFIN", "1042")[1] is False
    save(staff, "USALES", "1042", stage="qc")
    assert outbox_recipients(staff).count("UFIN") == 1
