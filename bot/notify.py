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
    # The outbox row's key: the adapter marks the posted message with it, so that `find`
    # can tell later whether a send whose outcome was lost got through.
    dedup_key: str | None = None
    # Set when the message edits one sent earlier (where it landed) instead of posting.
    edits: Delivered | None = None

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
    """Sending failed. `permanent` ones are not retried; `retry_after` is the server's ask.

    `maybe_delivered`: the request may have reached Slack and been acted on before the
    failure (a time-out, a dropped connection, a 5xx), so look before sending it again.
    """

    def __init__(
        self,
        reason: str,
        *,
        permanent: bool = False,
        retry_after: float | None = None,
        maybe_delivered: bool = False,
    ):
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.retry_after = retry_after
        self.maybe_delivered = maybe_delivered


class Notifier(Protocol):
    def send(self, message: Outgoing) -> Delivered: ...

    def find(self, message: Outgoing, since: datetime) -> Delivered | None:
        """The copy of `message` posted at or after `since`, or None when there is none.

        Raises DeliveryError when it cannot tell (no scope, an error): the caller then sends
        again, accepting one possible duplicate rather than a lost message.
        """
        ...


class RecordingNotifier:
    """A notifier that keeps what it was asked to send (for tests and dry runs)."""

    def __init__(self) -> None:
        self.sent: list[Outgoing] = []

    def send(self, message: Outgoing) -> Delivered:
        self.sent.append(message)
        return self._delivered(len(self.sent))

    def find(self, message: Outgoing, since: datetime) -> Delivered | None:
        for number, sent in enumerate(self.sent, start=1):
            if message.dedup_key is not None and sent.dedup_key == message.dedup_key:
                return self._delivered(number)
        return None

    def _delivered(self, number: int) -> Delivered:
        return Delivered(channel=self.sent[number - 1].recipient, ts=f"{number}.000000")
