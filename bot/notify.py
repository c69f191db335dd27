"""The outbound port: services say what to tell whom; an adapter decides how it looks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from .viewer import Viewer


@dataclass(frozen=True)
class Outgoing:
    kind: str  # e.g. "task.assigned"; the adapter picks a renderer by it
    recipient: str  # a member id (a DM) or a channel
    payload: dict[str, Any]
    language: str
    timezone: str
    thread_ts: str | None = None
    now: datetime | None = None  # when it is sent; renderers show times relative to it

    @property
    def viewer(self) -> Viewer:
        """Who reads it: the recipient's language and zone (a channel: the team's)."""
        if self.now is None:
            raise ValueError("an outgoing message is rendered only once it is being sent")
        return Viewer(self.recipient, self.language, self.timezone, self.now)


@dataclass(frozen=True)
class Delivered:
    channel: str
    ts: str


class DeliveryError(Exception):
    """Sending failed. `permanent` ones are not retried; `retry_after` is the server's ask."""

    def __init__(self, reason: str, *, permanent: bool = False, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.retry_after = retry_after


class Notifier(Protocol):
    def send(self, message: Outgoing) -> Delivered: ...


class RecordingNotifier:
    """A notifier that keeps what it was asked to send (for tests and dry runs)."""

    def __init__(self) -> None:
        self.sent: list[Outgoing] = []

    def send(self, message: Outgoing) -> Delivered:
        self.sent.append(message)
        return Delivered(channel=message.recipient, ts=f"{len(self.sent)}.000000")
