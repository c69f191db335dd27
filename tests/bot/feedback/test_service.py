"""Feedback in the domain: checking what is logged, SLAs, first response, permissions,
history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import select

from bot import feedback
from bot.errors import InvalidInput, NotFound, PermissionDenied
from bot.feedback.parsing import NewFeedback
from storage.models import FeedbackItem, OutboxMessage
from tests.support.feedback_data import trade_desk

T0 = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


@pytest.fixture
def desk(core):
    trade_desk(core)
    return core


def log(core, at=T0, reporter="U1", **fields):
    fields.setdefault("customer", "ACME Trading")
    fields.setdefault("text", "cartons crushed")
    with freeze_time(at):
        return feedback.log(core, reporter, NewFeedback(**fields))


def test_category_and_severity_accept_underscores_and_chinese(desk):
    item = log(desk, category="delivery_delay", severity="严重")
    assert (item.category, item.severity) == ("delivery_delay", "critical")
    assert log(desk, category="交期延误", severity="低").category == "delivery_delay"


# -- checking ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"customer": "Nobody Ltd"}, "feedback.error.unknown_customer"),
        ({"order": "PO-404"}, "feedback.error.unknown_order"),
        ({"order": "PO-2"}, "feedback.error.order_of_other_customer"),
        ({"category": "weather"}, "feedback.error.unknown_category"),
        ({"severity": "apocalyptic"}, "feedback.error.unknown_severity"),
        ({"text": "   "}, "feedback.error.empty_text"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(desk, fields, key):
    with pytest.raises((InvalidInput, NotFound)) as refused:
        log(desk, **fields)
    assert refused.value.key == key
    with desk.read() as unit:
        assert unit.session.scalars(select(FeedbackItem)).all() == []
        assert unit.session.scalars(select(OutboxMessage)).all() == []


def test_the_assignee_is_the_named_person_else_the_owner_else_the_reporter(desk):
    assert log(desk).assignee_id == "UOWNER"
    assert log(desk, assignee_id="UCS").assignee_id == "UCS"
    assert log(desk, customer="Globex Corp").assignee_id == "U1"


# -- SLA ---------------------------------------------------------------------------------


def test_deadlines_follow_the_severity_from_config(desk):
    item = log(desk, severity="critical")
    assert item.first_response_due_at == T0 + timedelta(hours=2)
    assert item.resolution_due_at == T0 + timedelta(hours=24)
    with freeze_time(T0 + timedelta(hours=1)):
        item = feedback.set_severity(desk, "UCS", item.id, "low").item
    assert item.first_response_due_at == T0 + timedelta(hours=72)
    assert item.resolution_due_at == T0 + timedelta(hours=336)


def test_the_first_response_is_the_assignees_first_action(desk):
    item = log(desk)
    with freeze_time(T0 + timedelta(hours=1)):
        feedback.comment(desk, "U1", item.id, "customer called again")
    with freeze_time(T0 + timedelta(hours=3, minutes=20)):
        commented = feedback.comment(desk, "UOWNER", item.id, "asked for photos")
    assert commented.time_to_first_response == timedelta(hours=3, minutes=20)
    assert commented.status == "in_progress"
    with freeze_time(T0 + timedelta(days=2, hours=4)):
        resolved = feedback.resolve(desk, "UOWNER", item.id, "replacement cartons sent")
    assert resolved.time_to_resolution == timedelta(days=2, hours=4)
    assert resolved.time_to_first_response == timedelta(hours=3, minutes=20)


def test_a_resolution_by_someone_else_counts_as_the_first_response(desk):
    item = log(desk)
    with freeze_time(T0 + timedelta(hours=5)):
        resolved = feedback.resolve(desk, "UCS", item.id, "refund agreed")
    assert resolved.time_to_first_response == timedelta(hours=5)


def test_overdue_items_are_those_past_a_deadline_they_have_not_met(desk):
    waiting = log(desk, severity="critical")  # first response due T0+2h
    answered = log(desk, severity="critical")
    done = log(desk, severity="critical")
    calm = log(desk, severity="low")
    with freeze_time(T0 + timedelta(hours=1)):
        feedback.start(desk, "UOWNER", answered.id)
        feedback.resolve(desk, "UOWNER", done.id, "fixed")
    with desk.read(now=T0 + timedelta(hours=3)) as unit:
        assert [item.id for item in feedback.overdue_sla_items(unit)] == [waiting.id]
    with desk.read(now=T0 + timedelta(hours=25)) as unit:
        overdue = feedback.overdue_sla_items(unit)
    assert {item.id for item in overdue} == {waiting.id, answered.id}
    assert calm.id not in {item.id for item in overdue}
    assert all(item.overdue and item.resolution_breached for item in overdue)


@pytest.mark.parametrize(
    ("delta", "en", "zh"),
    [
        (timedelta(minutes=45), "45m", "45分钟"),
        (timedelta(hours=3, minutes=20), "3h 20m", "3小时20分钟"),
        (timedelta(hours=5), "5h", "5小时"),
        (timedelta(days=2, hours=4, minutes=59), "2d 4h", "2天4小时"),
    ],
)
def test_durations_read_the_way_people_say_them(delta, en, zh):
    assert feedback.humanize(delta, "en") == en
    assert feedback.humanize(delta, "zh") == zh


# -- who may change it, and the story it keeps -------------------------------------------


def test_only_the_assignee_their_managers_customer_service_and_admins_change_an_item(desk):
    item = log(desk)
    with pytest.raises(PermissionDenied):
        feedback.start(desk, "UOTHER", item.id)
    for actor in ("UOWNER", "UMGR", "UCS", "UADMIN"):
        with desk.read() as unit:
            assert feedback.may_change(unit, actor, "UOWNER")
    feedback.comment(desk, "UOTHER", item.id, "anyone may add a note")
    with desk.read() as unit:
        assert feedback.get(unit, item.id).status == "open"


def test_the_history_records_every_status_change_in_order(desk):
    item = log(desk)
    steps = [
        lambda: feedback.start(desk, "UOWNER", item.id),
        lambda: feedback.resolve(desk, "UOWNER", item.id, "credit note issued"),
        lambda: feedback.reopen(desk, "UCS", item.id, "customer disagrees"),
        lambda: feedback.assign(desk, "UCS", item.id, "UCS"),
    ]
    for hour, step in enumerate(steps, start=1):
        with freeze_time(T0 + timedelta(hours=hour)):
            step()
    detail = feedback.detail(desk, item.id)
    moves = [(e.action, e.from_status, e.to_status) for e in detail.history]
    assert moves == [
        ("created", None, "open"),
        ("started", "open", "in_progress"),
        ("resolved", "in_progress", "resolved"),
        ("reopened", "resolved", "open"),
        ("assigned", "open", "open"),
    ]
    assert detail.item.resolved_at is None
    assert detail.item.assignee_id == "UCS"


def test_resolving_twice_or_reopening_an_open_item_is_refused(desk):
    item = log(desk)
    with pytest.raises(InvalidInput) as refused:
        feedback.reopen(desk, "UOWNER", item.id)
    assert refused.value.key == "feedback.error.not_resolved"
    feedback.resolve(desk, "UOWNER", item.id, "done")
    with pytest.raises(InvalidInput) as refused:
        feedback.resolve(desk, "UOWNER", item.id, "done again")
    assert refused.value.key == "feedback.error.is_resolved"
