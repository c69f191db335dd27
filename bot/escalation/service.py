"""What people do with an escalation: acknowledge it, or settle what it is about from the
message (Done for a task, Mark paid for a balance, Resolve for feedback).

Acknowledge stops further levels and tells everyone told so far; a second press, by the same
or another person, changes nothing and answers who acknowledged first. Settling the thing
ends its chains at once (the next tick would find it no longer late anyway) and says so.

Who may press: whoever the chain told, the owner's managers up the chain, managers and admins.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from storage.models import EscalationChain

from .. import feedback, orders, tasks, team
from ..core import Core
from ..errors import InvalidInput, NotFound, PermissionDenied
from ..i18n import t
from ..unit import Unit
from . import chains
from .hours import Audience
from .views import Acknowledged, Settled, chain_view

ACTING_ROLES = ("manager", "finance")
SETTLES = {"task": "done", "payment": "paid", "feedback": "resolved"}
MARKED_BY = "escalation"  # the source of an order change made from an escalation message


def acknowledge(core: Core, actor_id: str, chain_id: int) -> Acknowledged:
    with core.write() as unit:
        chain = _chain(unit, chain_id, actor_id)
        if chain.acknowledged_by or chain.ended_at:
            return Acknowledged(chain_view(chain, unit.now), first=False)
        chains.acknowledge(unit, chain, actor_id, Audience(unit))
        return Acknowledged(chain_view(chain, unit.now), first=True)


def settle(core: Core, actor_id: str, chain_id: int) -> Settled:
    """Done / Mark paid / Resolve, by the chain's kind; then its chains end."""
    with core.read() as unit:
        chain = _chain(unit, chain_id, actor_id, lock=False)
        kind, subject_id, ended = chain.kind, chain.subject_id, chain.ended_at is not None
        number = chain.detail.get("number")
    if kind not in SETTLES:
        raise InvalidInput("escalation.error.nothing_to_settle")
    if kind == "feedback" and not ended:
        _resolve_feedback(core, actor_id, subject_id)  # feedback resolves in a unit of its own
    with core.write() as unit:
        chain = _chain(unit, chain_id, actor_id)
        if chain.ended_at is not None:
            return Settled(chain_view(chain, unit.now), changed=False)
        if kind == "task":
            tasks.complete(unit, actor_id, subject_id)
        elif kind == "payment":
            _mark_paid(unit, actor_id, str(number))
        _end_all(unit, chain, actor_id)
        return Settled(chain_view(chain, unit.now), changed=True)


def _resolve_feedback(core: Core, actor_id: str, item_id: int) -> None:
    """Resolve with a note saying where from; already resolved (by anyone) is fine."""
    text = t("escalation.resolved_text", team_language(core, actor_id))
    try:
        feedback.resolve(core, actor_id, item_id, text)
    except InvalidInput as error:
        if error.key != "feedback.error.is_resolved":
            raise


def _mark_paid(unit: Unit, actor_id: str, number: str) -> None:
    member = team.get(unit, actor_id)
    today = unit.now.astimezone(ZoneInfo(member.timezone)).date()
    orders.save(unit, actor_id, MARKED_BY, number, {"paid_on": today.isoformat()})


def _end_all(unit: Unit, chain: EscalationChain, actor_id: str) -> None:
    """This chain, and the other open ones about the same thing (feedback has two)."""
    audience = Audience(unit)
    same = chains.open_chains(
        unit, EscalationChain.kind == chain.kind, EscalationChain.subject_id == chain.subject_id
    )
    for each in {chain.id: chain, **{c.id: c for c in same}}.values():
        if each.ended_at is None:
            chains.end(unit, each, SETTLES[chain.kind], actor_id, audience)


def _chain(unit: Unit, chain_id: int, actor_id: str, lock: bool = True) -> EscalationChain:
    # The row lock serialises two presses at once on PostgreSQL (SQLite has one writer).
    chain = unit.session.get(EscalationChain, chain_id, with_for_update=lock)
    if chain is None:
        raise NotFound("escalation.error.unknown_chain", id=chain_id)
    if not may_act(unit, actor_id, chain):
        raise PermissionDenied("escalation.error.not_allowed")
    return chain


def may_act(unit: Unit, actor_id: str, chain: EscalationChain) -> bool:
    return (
        actor_id in chain.told
        or team.may_act_for(unit, actor_id, chain.owner_id)
        or team.has_role(unit, actor_id, *ACTING_ROLES)
    )


def team_language(core: Core, member_id: str) -> str:
    with core.read() as unit:
        member = team.find(unit, member_id)
    return member.language if member else core.settings.team.language
