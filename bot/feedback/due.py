"""What of the feedback is late or near its deadline, for the escalation chains and the
morning list: no first response by its deadline, or not resolved by its deadline. Each of the
two deadlines is followed on its own (a late response, then a late resolution)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select

from storage.models import Customer, FeedbackItem
from storage.models.feedback import RESOLVED

from ..lateness import Agenda, Late, LateKeys, chunks, late_key
from ..unit import Unit
from .queries import unresolved_items

RESPONSE, RESOLUTION = "response", "resolution"


def late_keys(unit: Unit) -> LateKeys:
    columns = (FeedbackItem.id, FeedbackItem.first_responded_at,
               FeedbackItem.first_response_due_at, FeedbackItem.resolution_due_at)  # fmt: skip
    query = select(*columns).where(*_unresolved_by(unit.now))
    return {
        late_key(f"feedback:{id_}:{deadline}", at): id_
        for id_, responded, response_due, resolution_due in unit.session.execute(query)
        for deadline, at in _deadlines_missed(responded, response_due, resolution_due, unit.now)
    }


def late(unit: Unit, among: Collection[int] | None = None) -> list[Late]:
    """The late feedback (of the items `among` only, when given)."""
    found: list[Late] = []
    for ids in chunks(among):
        query = _unresolved(unit.now)
        query = query if ids is None else query.where(FeedbackItem.id.in_(ids))
        for item, customer in unit.session.execute(query):
            found += [_late(item, customer, deadline, at)
                      for deadline, at in _missed(item, unit.now)]  # fmt: skip
    return sorted(found, key=lambda late: (late.since, late.subject))


def _unresolved_by(before: datetime) -> tuple[Any, ...]:
    """Unresolved items with a deadline before `before` that is not met yet."""
    unanswered = and_(
        FeedbackItem.first_responded_at.is_(None), FeedbackItem.first_response_due_at <= before
    )
    return (
        unresolved_items(),
        or_(unanswered, FeedbackItem.resolution_due_at <= before),
    )


def _unresolved(before: datetime):  # type: ignore[no-untyped-def]
    return (
        select(FeedbackItem, Customer.name)
        .join(Customer, Customer.id == FeedbackItem.customer_id)
        .where(*_unresolved_by(before))
        .order_by(FeedbackItem.id)
    )


def _missed(item: FeedbackItem, before: datetime) -> list[tuple[str, datetime]]:
    return _deadlines_missed(item.first_responded_at, item.first_response_due_at,
                             item.resolution_due_at, before)  # fmt: skip


def _deadlines_missed(
    responded_at: datetime | None, response_due: datetime, resolution_due: datetime,
    before: datetime,
) -> list[tuple[str, datetime]]:  # fmt: skip
    deadlines = []
    if responded_at is None and response_due <= before:
        deadlines.append((RESPONSE, response_due))
    if resolution_due <= before:
        deadlines.append((RESOLUTION, resolution_due))
    return deadlines


def _late(item: FeedbackItem, customer: str, deadline: str, since: datetime) -> Late:
    detail = {"deadline": deadline, "severity": item.severity, "customer": customer,
              "category": item.category, "text": item.text[:300]}  # fmt: skip
    return Late("feedback", f"feedback:{item.id}:{deadline}", item.id, since, item.assignee_id,
                _title(item, customer), detail)  # fmt: skip


def _title(item: FeedbackItem, customer: str) -> str:
    return f"#{item.id} · {customer}"


def outcome(unit: Unit, item_id: int) -> str:
    """What became of feedback that is no longer late: answered or resolved."""
    item = unit.session.get(FeedbackItem, item_id)
    if item is None:
        return "gone"
    return "resolved" if item.status == RESOLVED else "responded"


def agenda(unit: Unit, member_id: str, until: datetime) -> list[Agenda]:
    """The member's feedback with a deadline before `until`, met or not yet."""
    query = _unresolved(until).where(FeedbackItem.assignee_id == member_id)
    lines = []
    for item, customer in unit.session.execute(query):
        deadline, due_at = _missed(item, until)[0]
        detail = {"deadline": deadline, "severity": item.severity}
        lines.append(Agenda("feedback", item.id, _title(item, customer), due_at,
                            due_at <= unit.now, item.created_at, detail))  # fmt: skip
    return lines
