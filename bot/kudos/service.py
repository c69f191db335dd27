"""Giving kudos: recorded, posted in the team channel, and told to each person thanked."""

from __future__ import annotations

from storage.models import Kudos, KudosThanked
from storage.models.kudos import REASON_MAX

from .. import team
from ..core import Core
from ..errors import InvalidInput
from . import notices
from .views import KudosGiven


def give(core: Core, giver_id: str, thanked: list[str], reason: str) -> KudosGiven:
    """Thank `thanked` (member ids) for `reason`; InvalidInput for nobody, no reason or
    thanking yourself, and then nothing is recorded or sent."""
    people = tuple(dict.fromkeys(thanked))  # named twice, thanked once
    reason = reason.strip()
    _check(giver_id, people, reason)
    with core.write() as unit:
        names = {member_id: team.get(unit, member_id).name for member_id in people}
        row = Kudos(giver_id=giver_id, reason=reason, created_at=unit.now)
        unit.session.add(row)
        unit.session.flush()
        for member_id in people:
            unit.session.add(KudosThanked(kudos_id=row.id, member_id=member_id,
                                          created_at=unit.now))  # fmt: skip
        given = KudosGiven(row.id, giver_id, people, reason, unit.settings.channels.team)
        notices.thanks(unit, given, names)
        return given


def _check(giver_id: str, people: tuple[str, ...], reason: str) -> None:
    if not people:
        raise InvalidInput("kudos.error.nobody")
    if giver_id in people:
        raise InvalidInput("kudos.error.yourself")
    if not reason:
        raise InvalidInput("kudos.error.no_reason")
    if len(reason) > REASON_MAX:
        raise InvalidInput("kudos.error.too_long", limit=REASON_MAX)
