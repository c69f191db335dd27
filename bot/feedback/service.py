"""Logging feedback and following it through: assign, start, comment, resolve, reopen.

Anyone logs feedback and comments on it; changing it (assignee, status, severity) is for its
assignee (and their managers up the chain), customer service, managers and admins.

The first response is the assignee's first action on the item (a comment, starting it,
resolving it). A resolution by someone else also counts when the assignee had not acted
yet: the customer has had an answer. A reopened item keeps its original deadlines.

Each public function taking `core` is one user action in one write unit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from storage.models import FeedbackComment, FeedbackEvent, FeedbackItem
from storage.models.feedback import IN_PROGRESS, OPEN, RESOLVED

from .. import team
from ..core import Core
from ..errors import InvalidInput, NotFound, PermissionDenied
from ..grammar import Issue
from ..orders import OrderView
from ..unit import Unit
from . import notices, parsing, sla
from .parsing import NewFeedback, find_customer
from .queries import find_order
from .views import Change, FeedbackView, view_of

MAX_TEXT = 2900  # fits one Slack section with room for the item's heading
HANDLER_ROLES = ("customer_service", "manager")

# The Slack side's way to turn a mention as typed (if any) into a member id (it may ask
# Slack), raising every problem with the words and the person no one knows at once.
FindPerson = Callable[[str | None, list[Issue]], str | None]


def log_text(core: Core, reporter_id: str, text: str, person: FindPerson) -> FeedbackView:
    """`/feedback add ...`: read the text (which customers there are is a read), let `person`
    name the assignee it mentions with no unit open (it may call Slack) and report every
    problem with it, then log it."""
    with core.read() as unit:
        parsed = parsing.parse_add(unit, text)
    assignee = person(parsed.assignee, parsed.problems)
    return log(core, reporter_id, replace(parsed.feedback, assignee_id=assignee))


def log(core: Core, reporter_id: str, new: NewFeedback) -> FeedbackView:
    """Check everything, then store the item and tell its assignee (and managers if urgent)."""
    with core.write() as unit:
        item = _checked_item(unit, reporter_id, new)
        unit.session.add(item)
        unit.session.flush()
        event = _record(unit, item, reporter_id, "created", OPEN, detail=item.assignee_id)
        view = view_of(unit, item)
        notices.assigned(unit, view, event.id, reporter_id)
        notices.urgent(unit, view, reporter_id)
        return view


def _checked_item(unit: Unit, reporter_id: str, new: NewFeedback) -> FeedbackItem:
    """The new item, once every field is known good; a DomainError names the first bad one."""
    customer = find_customer(unit, new.customer)
    order = _order_of(unit, new.order, customer.id, customer.name)
    text = _required_text(new.text, "feedback.error.empty_text")
    severity = parsing.severity(new.severity) if new.severity else parsing.DEFAULT_SEVERITY
    category = _category(unit, new.category)
    assignee = new.assignee_id or customer.owner_id or reporter_id
    if team.find(unit, assignee) is None:
        raise NotFound("team.error.unknown_member", member=assignee)
    due = sla.deadlines(unit.settings, severity, unit.now)
    return FeedbackItem(
        customer_id=customer.id,
        order_id=order.id if order else None,
        category=category,
        severity=severity,
        status=OPEN,
        text=text,
        reporter_id=reporter_id,
        assignee_id=assignee,
        created_at=unit.now,
        updated_at=unit.now,
        first_response_due_at=due.first_response_due_at,
        resolution_due_at=due.resolution_due_at,
    )


def _category(unit: Unit, word: str | None) -> str:
    if not word:
        return parsing.default_category(unit.settings)
    return parsing.category(unit.settings, word)


def _order_of(
    unit: Unit, number: str | None, customer_id: int, customer_name: str
) -> OrderView | None:
    if not number or not number.strip():
        return None
    order = find_order(unit, number.strip())
    if order.customer_id != customer_id:
        raise InvalidInput(
            "feedback.error.order_of_other_customer",
            number=order.number,
            owner=order.customer_name,
            customer=customer_name,
        )
    return order


def _required_text(text: str | None, empty_key: str) -> str:
    clean = (text or "").strip()
    if not clean:
        raise InvalidInput(empty_key)
    if len(clean) > MAX_TEXT:
        raise InvalidInput("feedback.error.too_long", limit=MAX_TEXT)
    return clean


def assign(core: Core, actor_id: str, item_id: int, assignee_id: str) -> Change:
    with core.write() as unit:
        item = _changeable(unit, actor_id, item_id)
        if team.find(unit, assignee_id) is None:
            raise NotFound("team.error.unknown_member", member=assignee_id)
        if item.assignee_id == assignee_id:
            return Change(view_of(unit, item), changed=False)
        item.assignee_id = assignee_id
        event = _record(unit, item, actor_id, "assigned", item.status, detail=assignee_id)
        view = view_of(unit, item)
        notices.assigned(unit, view, event.id, actor_id)
        return Change(view, changed=True)


def start(core: Core, actor_id: str, item_id: int) -> Change:
    """Open -> in progress; pressing it again on an item in progress changes nothing."""
    with core.write() as unit:
        item = _changeable(unit, actor_id, item_id)
        if item.status == IN_PROGRESS:
            return Change(view_of(unit, item), changed=False)
        _responded(unit, item, actor_id)
        _record(unit, item, actor_id, "started", IN_PROGRESS)
        return Change(view_of(unit, item), changed=True)


def comment(core: Core, actor_id: str, item_id: int, text: str) -> FeedbackView:
    """Add a note. The assignee's note is a response: it starts an open item."""
    with core.write() as unit:
        item = _item(unit, item_id)
        body = _required_text(text, "feedback.error.empty_comment")
        unit.session.add(
            FeedbackComment(feedback_id=item.id, author_id=actor_id, text=body, created_at=unit.now)
        )
        if actor_id == item.assignee_id:
            _responded(unit, item, actor_id)
            if item.status == OPEN:
                _record(unit, item, actor_id, "started", IN_PROGRESS)
        item.updated_at = unit.now
        return view_of(unit, item)


def resolve(core: Core, actor_id: str, item_id: int, resolution: str) -> FeedbackView:
    with core.write() as unit:
        item = _changeable(unit, actor_id, item_id)
        text = _required_text(resolution, "feedback.error.resolution_required")
        if item.first_responded_at is None:
            item.first_responded_at = unit.now
        item.resolution, item.resolved_at = text, unit.now
        event = _record(unit, item, actor_id, "resolved", RESOLVED, detail=text)
        view = view_of(unit, item)
        notices.resolved(unit, view, event.id, actor_id)
        return view


def reopen(core: Core, actor_id: str, item_id: int, reason: str = "") -> FeedbackView:
    with core.write() as unit:
        item = _item(unit, item_id)
        _require_may_change(unit, actor_id, item)
        if item.status != RESOLVED:
            raise InvalidInput("feedback.error.not_resolved", id=item.id)
        item.resolution, item.resolved_at = None, None
        event = _record(unit, item, actor_id, "reopened", OPEN, detail=reason.strip() or None)
        view = view_of(unit, item)
        notices.reopened(unit, view, event.id, actor_id)
        return view


def set_severity(core: Core, actor_id: str, item_id: int, word: str) -> Change:
    """Change the severity; the deadlines are recomputed from when the item was logged."""
    with core.write() as unit:
        item = _changeable(unit, actor_id, item_id)
        severity = parsing.severity(word)
        if item.severity == severity:
            return Change(view_of(unit, item), changed=False)
        due = sla.deadlines(unit.settings, severity, item.created_at)
        item.severity = severity
        item.first_response_due_at = due.first_response_due_at
        item.resolution_due_at = due.resolution_due_at
        _record(unit, item, actor_id, "severity", item.status, detail=severity)
        view = view_of(unit, item)
        notices.urgent(unit, view, actor_id)
        return Change(view, changed=True)


def may_change(unit: Unit, actor_id: str, assignee_id: str | None) -> bool:
    return team.may_act_for(unit, actor_id, assignee_id) or team.has_role(
        unit, actor_id, *HANDLER_ROLES
    )


def _require_may_change(unit: Unit, actor_id: str, item: FeedbackItem) -> None:
    if not may_change(unit, actor_id, item.assignee_id):
        raise PermissionDenied("feedback.error.not_allowed", id=item.id)


def _changeable(unit: Unit, actor_id: str, item_id: int) -> FeedbackItem:
    """The item, when the actor may change it and it is not resolved."""
    item = _item(unit, item_id)
    _require_may_change(unit, actor_id, item)
    if item.status == RESOLVED:
        raise InvalidInput("feedback.error.is_resolved", id=item.id)
    return item


def _item(unit: Unit, item_id: int) -> FeedbackItem:
    # Locked: two people resolving at once must not both succeed.
    item = unit.session.get(FeedbackItem, item_id, with_for_update=True)
    if item is None:
        raise NotFound("feedback.error.unknown_item", id=item_id)
    return item


def _responded(unit: Unit, item: FeedbackItem, actor_id: str) -> None:
    if item.first_responded_at is None and actor_id == item.assignee_id:
        item.first_responded_at = unit.now


def _record(
    unit: Unit,
    item: FeedbackItem,
    actor_id: str | None,
    action: str,
    to_status: str | None,
    detail: str | None = None,
) -> FeedbackEvent:
    """Move the item to `to_status` and write the line of history that says so."""
    event = FeedbackEvent(
        feedback_id=item.id,
        actor_id=actor_id,
        action=action,
        from_status=None if action == "created" else item.status,
        to_status=to_status,
        detail=detail,
        created_at=unit.now,
    )
    if to_status:
        item.status = to_status
    item.updated_at = unit.now
    unit.session.add(event)
    unit.session.flush()
    return event
