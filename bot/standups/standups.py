"""The standups the team runs, from config: [standup] and each [[standups]] entry."""

from __future__ import annotations

from ..config import Settings, StandupConfig
from ..errors import InvalidInput, NotFound
from ..team import MemberView
from .schedule import takes_part


def standup_named(settings: Settings, name: str) -> StandupConfig:
    for standup in settings.all_standups:
        if standup.name == name:
            return standup
    raise NotFound("standups.error.unknown_standup", name=name)


def names(settings: Settings) -> list[str]:
    return [standup.name for standup in settings.all_standups]


def standup_for(settings: Settings, member: MemberView, name: str | None = None) -> StandupConfig:
    """The standup asked for by name, or the first one the member takes part in."""
    if name:
        return standup_named(settings, name)
    for standup in settings.all_standups:
        if takes_part(standup, member):
            return standup
    raise InvalidInput("standups.error.not_a_participant")
