"""What of the feedback is late or near its deadline, for the escalation chains and the
morning list: no first response by its deadline, or not resolved by its deadline. Each of the
two deadlines is followed on its own (a late response, then a late resolution)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select, text, update

from storage import db
from storage.models import Customer, FeedbackItem
from storage.models.feedback import (
    RESOLUTION_OUT_OF_STEP,
    RESOLVED,
    RESPONSE_OUT_OF_STEP,
)

from ..lateness import Agenda, Late, Source, chunks
from ..unit import Unit
from .queries import unresolved_items

RESPONSE, RESOLUTION = "response", "resolution"
FOLLOWED = {RESPONSE: "followed_response_due_at", RESOLUTION: "followed_resolution_due_at"}


def out_of_step(unit: Unit) -> set[int]:
    """Items with a deadline missed and not followed yet, and followed ones answered,
    resolved or given another deadline since."""
    item = FeedbackItem
    queries = (
        select(item.id).where(
            unresolved_items(), item.first_responded_at.is_(None),
            item.followed_response_due_at.is_(None), item.first_response_due_at <= unit.now,
        ),
        select(item.id).where(
            unresolved_items(), item.followed_resolution_due_at.is_(None),
            item.resolution_due_at <= unit.now,
        ),
        select(item.id).where(text(RESPONSE_OUT_OF_STEP)),
        select(item.id).where(text(RESOLUTION_OUT_OF_STEP)),
    )  # fmt: skip
    return {id_ for query in queries for id_ in unit.session.scalars(query)}


def follow(unit: Unit, ids: Collection[int], late: list[Late]) -> None:
    """Each item marked with the deadlines it was found to have missed (as read), the
    others unmarked."""
    marks: dict[int, dict[str, Any]] = {id_: dict.fromkeys(FOLLOWED.values()) for id_ in ids}
    for item in late:
        marks.setdefault(item.subject_id, dict.fromkeys(FOLLOWED.values()))
        marks[item.subject_id][FOLLOWED[item.detail["deadline"]]] = item.since
    rows = [{"id": id_, **values} for id_, values in sorted(marks.items())]
    for part in db.in_slices(rows):
        unit.session.execute(update(FeedbackItem), list(part))


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


SOURCE = Source("feedback", out_of_step, late, follow)


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
