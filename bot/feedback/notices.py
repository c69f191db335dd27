"""What feedback tells people, through the outbox. Keys are deterministic, so a repeat of
the same change (or a retried request) never sends twice.

Kinds (rendered by handlers.feedback): feedback.assigned (DM to the new assignee),
feedback.urgent (critical/high to the managers channel, once per item and severity),
feedback.resolved (DM to whoever logged it), feedback.reopened (DM to the assignee).
"""

from __future__ import annotations

from typing import Any

from .. import outbox
from ..unit import Unit
from .views import FeedbackView
from .vocabulary import URGENT_SEVERITIES

EXCERPT = 500


def payload(item: FeedbackView, actor_id: str | None) -> dict[str, Any]:
    """Everything a renderer needs, as JSON-safe values; times in UTC ISO-8601."""
    return {
        "id": item.id,
        "customer": item.customer_name,
        "order": item.order_number,
        "category": item.category,
        "severity": item.severity,
        "status": item.status,
        "text": item.text[:EXCERPT],
        "resolution": (item.resolution or "")[:EXCERPT],
        "by": actor_id,
        "assignee": item.assignee_id,
        "first_response_due_at": item.first_response_due_at.isoformat(),
        "resolution_due_at": item.resolution_due_at.isoformat(),
    }


def assigned(unit: Unit, item: FeedbackView, event_id: int, actor_id: str | None) -> None:
    if item.assignee_id and item.assignee_id != actor_id:
        key = f"feedback-assigned:{item.id}:{event_id}"
        outbox.enqueue(unit, key, "feedback.assigned", item.assignee_id, payload(item, actor_id))


def urgent(unit: Unit, item: FeedbackView, actor_id: str | None) -> None:
    channel = unit.settings.channels.managers
    if channel and item.severity in URGENT_SEVERITIES:
        key = f"feedback-urgent:{item.id}:{item.severity}"
        outbox.enqueue(unit, key, "feedback.urgent", channel, payload(item, actor_id))


def resolved(unit: Unit, item: FeedbackView, event_id: int, actor_id: str) -> None:
    if item.reporter_id and item.reporter_id != actor_id:
        key = f"feedback-resolved:{item.id}:{event_id}"
        outbox.enqueue(unit, key, "feedback.resolved", item.reporter_id, payload(item, actor_id))


def reopened(unit: Unit, item: FeedbackView, event_id: int, actor_id: str) -> None:
    if item.assignee_id and item.assignee_id != actor_id:
        key = f"feedback-reopened:{item.id}:{event_id}"
        outbox.enqueue(unit, key, "feedback.reopened", item.assignee_id, payload(item, actor_id))
