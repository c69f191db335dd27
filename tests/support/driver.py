"""A test's hands on the bot: signed Slack requests in, what the bot sent to Slack out."""

from __future__ import annotations

from typing import Any

from .fake_slack import FakeSlack
from .signing import (
    block_action_payload,
    event_body,
    interactivity_body,
    message_shortcut_payload,
    sign,
    slash_command_body,
    view_submission_payload,
)
from .wsgi import Response, call

SIGNING_SECRET = "7e57516e1e7e57516e1e7e57516e1e75"  # 32 hex digits, as Slack issues them
SLACK_PATH = "/slack/events"


class Driver:
    def __init__(self, side: Any, fake: FakeSlack) -> None:
        self.side = side
        self.fake = fake

    @property
    def core(self) -> Any:
        return self.side.core

    def post(
        self, body: str, headers: dict[str, str] | None = None, timestamp: int | None = None
    ) -> Response:
        signed = sign(SIGNING_SECRET, body, timestamp)
        signed.update(headers or {})
        return call(self.side.web, "POST", SLACK_PATH, body, signed)

    def command(
        self, command: str, text: str = "", user: str = "U1", channel: str = "C1", **kwargs: Any
    ) -> Response:
        body = slash_command_body(
            command, text, user, channel_id=channel, response_url=self.fake.response_url(), **kwargs
        )
        return self.post(body)

    def reply_text(self, response: Response) -> str:
        """All visible text of a command's reply (fallback text plus block texts)."""
        assert response.status == 200, response.text
        return visible_text(response.json() or {})

    def event(
        self, event: dict[str, Any], event_id: str = "Ev1", retry_num: int | None = None
    ) -> Response:
        headers = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return self.post(event_body(event, event_id=event_id), headers)

    def interact(self, payload: dict[str, Any]) -> Response:
        return self.post(interactivity_body(payload))

    def press(self, user: str, action_id: str, value: str, **kwargs: Any) -> Response:
        kwargs.setdefault("response_url", self.fake.response_url())
        return self.interact(block_action_payload(user, action_id, value, **kwargs))

    def submit(
        self, user: str, callback_id: str, values: dict[str, Any], **kwargs: Any
    ) -> Response:
        return self.interact(view_submission_payload(user, callback_id, values, **kwargs))

    def shortcut(self, user: str, callback_id: str, text: str, **kwargs: Any) -> Response:
        kwargs.setdefault("response_url", self.fake.response_url())
        return self.interact(message_shortcut_payload(user, callback_id, text, **kwargs))

    def drain(self) -> Any:
        return self.core.dispatcher.drain()

    def sent_messages(self, channel: str | None = None) -> list[dict[str, Any]]:
        """chat.postMessage params the bot sent, optionally only to one channel or member."""
        calls = self.fake.calls("chat.postMessage")
        return [c.params for c in calls if channel is None or c.params.get("channel") == channel]


def visible_text(message: dict[str, Any]) -> str:
    """Every string a person would read in a message or view, joined by newlines."""
    parts: list[str] = []
    _collect(message, parts)
    return "\n".join(parts)


def _collect(node: Any, parts: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "text" and isinstance(value, str):
                parts.append(value)
            elif key not in ("action_id", "block_id", "value", "callback_id", "private_metadata"):
                _collect(value, parts)
    elif isinstance(node, list):
        for item in node:
            _collect(item, parts)
