"""Who a view is rendered for: the one argument every renderer takes besides the view.

Every time of day a message shows carries its zone (`17:00 CST`), in one way, from here: a
card is read by people in Shanghai, Madrid and New York alike, and a card shared in a channel
shows the team's zone to all of them, so a bare `17:00` would mean different things.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from .i18n import t

if TYPE_CHECKING:
    from .config import TeamConfig
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

    @classmethod
    def for_channel(cls, channel: str, team: TeamConfig, now: datetime) -> Viewer:
        """A channel reads in the team's language and zone (as outbox posts to one do)."""
        return cls(channel, team.language, team.timezone, now)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def today(self) -> date:
        return self.now.astimezone(self.zone).date()

    def local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.zone)

    def zone_name(self, instant: datetime) -> str:
        """The reader's zone at `instant` as people write it: `CST`, `CET`, `EST`, or `UTC+04`
        where the zone has no letters of its own."""
        return self._zone_name_of(self.local(instant))

    def clock(self, instant: datetime) -> str:
        """The time of day of `instant` for the reader, with their zone: `17:00 CST`."""
        return self.local_clock(self.local(instant))

    def local_clock(self, local: datetime) -> str:
        """`clock` of an instant already in the reader's zone (a list converts each once)."""
        return f"{local:%H:%M} {self._zone_name_of(local)}"

    def _zone_name_of(self, local: datetime) -> str:
        name = local.tzname() or self.timezone
        return f"UTC{name}" if name.startswith(("+", "-")) else name

    def stamp(self, instant: datetime) -> str:
        """Day and time for the reader, with their zone: `2026-12-04 17:00 CST`."""
        return f"{self.local(instant):%Y-%m-%d} {self.clock(instant)}"

    def listing(self, items: list[str]) -> str:
        """`a, b and c` / `a、b和c`."""
        if len(items) < 2:
            return "".join(items)
        head = self.t("common.list.separator").join(items[:-1])
        return head + self.t("common.list.last") + items[-1]

    def t(self, key: str, /, **params: Any) -> str:
        return t(key, self.language, **params)
