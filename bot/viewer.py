"""Who a view is rendered for: the one argument every renderer takes besides the view."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from .i18n import t

if TYPE_CHECKING:
    from .team import MemberView


@dataclass(frozen=True)
class Viewer:
    """A member (or a channel) reading a message: their language, zone, and the instant."""

    member_id: str | None
    language: str
    timezone: str
    now: datetime

    @classmethod
    def of(cls, member: MemberView, now: datetime) -> Viewer:
        return cls(member.slack_id, member.language, member.timezone, now)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def today(self) -> date:
        return self.now.astimezone(self.zone).date()

    def local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.zone)

    def t(self, key: str, /, **params: Any) -> str:
        return t(key, self.language, **params)
