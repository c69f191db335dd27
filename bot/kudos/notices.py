"""What kudos tell people, through the outbox.

Kinds (rendered by handlers/kudos/notices.py):
- kudos.thanks   the thank-you, in the team channel
- kudos.thanked  DM to each person thanked
"""

from __future__ import annotations

from .. import outbox
from ..unit import Unit
from .views import KudosGiven


def thanks(unit: Unit, given: KudosGiven, names: dict[str, str]) -> None:
    payload = {
        "kudos": given.id, "giver": given.giver_id, "thanked": list(given.thanked),
        "reason": given.reason, "names": names,
    }  # fmt: skip
    if given.channel:
        outbox.enqueue(unit, f"kudos.thanks:{given.id}", "kudos.thanks", given.channel, payload)
    for member_id in given.thanked:
        key = f"kudos.thanked:{given.id}:{member_id}"
        outbox.enqueue(unit, key, "kudos.thanked", member_id, payload)
