"""The escalation policy of each kind, and a chain's steps resolved from it when it starts.

A chain's first step (level 0) is the alert: the owner (and for a payment, finance) at the
moment the thing became late. Then the kind's levels, each `after_hours` from that moment,
and the last level `repeat` more times, as far apart as the last two levels (or, with one
level, as its own `after_hours`). Who each level means is decided here, once: the chain keeps
the ids, so a later change of config or of managers does not re-route it. A level with nobody
to tell (no manager, no managers channel) is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from .. import team
from ..config import EscalationLevel, Settings
from ..lateness import Late
from ..unit import Unit

OWNER = "owner"
KINDS = ("task", "order", "payment", "feedback")


@dataclass(frozen=True)
class Policy:
    levels: tuple[EscalationLevel, ...]
    repeat: int


def policy_for(settings: Settings, kind: str) -> Policy:
    """The kind's own levels and repeat, each falling back to [escalation]'s."""
    config = settings.escalation
    own = getattr(config, kind)
    levels = own.levels if own.levels is not None else config.levels
    return Policy(levels, own.repeat if own.repeat is not None else config.repeat)


def scheduled_levels(policy: Policy) -> list[tuple[int, EscalationLevel, float]]:
    """(level number, level, hours after becoming late), the repeats of the last included."""
    found = [(number, level, level.after_hours) for number, level in
             enumerate(policy.levels, start=1)]  # fmt: skip
    if not found or not policy.repeat:
        return found
    number, last, hours = found[-1]
    gap = hours - found[-2][2] if len(found) > 1 else hours
    return found + [(number, last, hours + gap * again) for again in range(1, policy.repeat + 1)]


def steps_for(unit: Unit, late: Late) -> list[dict[str, Any]]:
    """The chain's steps as stored: level 0 (the alert) and every level that has someone."""
    alert = [who for who in (late.owner_id, *late.also_told) if who]
    steps = [_step(0, OWNER, 0, late.since, list(dict.fromkeys(alert)))]
    for number, level, hours in scheduled_levels(policy_for(unit.settings, late.kind)):
        due = late.since + timedelta(hours=hours)
        steps.append(_step(number, level.to, hours, due, recipients(unit, level.to, late)))
    return [step for step in steps if step["recipients"]]


def _step(level: int, to: str, hours: float, due: datetime, who: list[str]) -> dict[str, Any]:
    return {"level": level, "to": to, "after_hours": hours, "due_at": due.isoformat(),
            "recipients": who, "sent": []}  # fmt: skip


def recipients(unit: Unit, to: str, late: Late) -> list[str]:
    """Who `to` means for this late thing, now."""
    if to == "managers_channel":
        channel = unit.settings.channels.managers
        return [channel] if channel else []
    if to.startswith("role:"):
        role = to.removeprefix("role:")
        return [m.slack_id for m in team.with_role(unit, role) if m.slack_id != late.owner_id]
    chain = team.management_chain(unit, late.owner_id) if late.owner_id else []
    index = 0 if to == "manager" else 1
    return [chain[index]] if len(chain) > index and _active(unit, chain[index]) else []


def _active(unit: Unit, member_id: str) -> bool:
    member = team.find(unit, member_id)
    return member is not None and member.active
