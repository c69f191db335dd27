"""What feedback tells people, through the outbox. Keys are deterministic, so a repeat of
the same change (or a retried request) never sends twice.

Kinds (rendered by handlers.feedback): feedback.assigned (DM to the new assignee),
feedback.urgent (to the managers channel once per item, when it is first critical or high:
at logging, or when its severity is raised; a later change of severity posts nothing more),
feedback.resolved (DM to whoever logged it), feedback.reopened (DM to the assignee).
"""

from __future__ import annotations

from typing import Any

from .. import outbox
from ..unit import Unit
from .parsing import URGENT_SEVERITIES
from .views import FeedbackView

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
        "text": _excerpt(item.text),
        "resolution": _excerpt(item.resolution or ""),
        "by": actor_id,
        "reporter": item.reporter_id,
        "assignee": item.assignee_id,
        "first_response_due_at": item.first_response_due_at.isoformat(),
        "resolution_due_at": item.resolution_due_at.isoformat(),
    }


def _excerpt(text: str) -> str:
    """Enough to act on from a notification; `/feedback show` has the whole text."""
    return text if len(text) <= EXCERPT else text[: EXCERPT - 1].rstrip() + "…"


def assigned(unit: Unit, item: FeedbackView, event_id: int, actor_id: str | None) -> None:
    if item.assignee_id and item.assignee_id != actor_id:
        key = f"feedback-assigned:{item.id}:{event_id}"
        outbox.enqueue(unit, key, "feedback.assigned", item.assignee_id, payload(item, actor_id))


def urgent(unit: Unit, item: FeedbackView, actor_id: str | None) -> None:
    channel = unit.settings.channels.managers
    if channel and item.severity in URGENT_SEVERITIES:
        key = f"feedback-urgent:{item.id}"
        outbox.enqueue(unit, key, "feedback.urgent", channel, payload(item, actor_id))


def resolved(unit: Unit, item: FeedbackView, event_id: int, actor_id: str) -> None:
    if item.reporter_id and item.reporter_id != actor_id:
        key = f"feedback-resolved:{item.id}:{event_id}"
        outbox.enqueue(unit, key, "feedback.resolved", item.reporter_id, payload(item, actor_id))


def reopened(unit: Unit, item: FeedbackView, event_id: int, actor_id: str) -> None:
    if item.assignee_id and item.assignee_id != actor_id:
        key = f"feedback-reopened:{item.id}:{event_id}"
        outbox.enqueue(unit, key, "feedback.reopened", item.assignee_id, payload(item, actor_id))
