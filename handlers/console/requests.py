"""Build and sign request bodies exactly as Slack sends them to our Request URL: the
console's requests and the tests'.

Shapes follow what Slack sends (and what bolt-python's own scenario tests use), so Bolt's
matchers (app.command / action / view / shortcut / event) route them.

Timestamps default to the wall clock: Bolt rejects a signature more than five minutes away
from its own clock, whatever time the console shows. In-process, freezegun moves both
clocks together; against a server in another process (``tradeops serve``) the wall clock
rules, so pass ``timestamp=`` there if the test has frozen time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any
from urllib.parse import urlencode

from bot.clock import SystemClock

from .webapi import BOT_ID, BOT_USER_ID

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
TEAM = {"id": "T1", "domain": "tradeops"}
APP_ID = "A1"
# Port 9 (discard) on loopback refuses at once: a listener that responds without a test
# having passed fake.response_url() fails fast instead of reaching the real Slack.
UNSET_RESPONSE_URL = "http://127.0.0.1:9/response_url/unset"


def wall_seconds() -> float:
    """Slack's clock and Bolt's: the wall clock, never the console's."""
    return SystemClock().now().timestamp()


def sign(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    """Headers Slack adds: v0 HMAC-SHA256 over ``v0:{timestamp}:{body}``."""
    ts = str(int(wall_seconds()) if timestamp is None else timestamp)
    base = f"v0:{ts}:{body}".encode()
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {
        "Content-Type": JSON if body.startswith("{") else FORM,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
    }


def slash_command_body(
    command: str,
    text: str,
    user_id: str,
    channel_id: str = "C1",
    team_id: str = "T1",
    response_url: str = UNSET_RESPONSE_URL,
    trigger_id: str = "tr1",
    user_name: str = "x",
) -> str:
    """The form-encoded body of a slash command invocation."""
    return urlencode(
        {
            "token": "verification-token",
            "team_id": team_id,
            "team_domain": "tradeops",
            "channel_id": channel_id,
            "channel_name": "general",
            "user_id": user_id,
            "user_name": user_name,
            "command": command,
            "text": text,
            "api_app_id": APP_ID,
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": trigger_id,
        }
    )


def event_body(
    event: dict[str, Any],
    event_id: str = "Ev1",
    team_id: str = "T1",
    event_time: int | None = None,
) -> str:
    """The JSON ``event_callback`` envelope of the Events API around ``event``."""
    return json.dumps(
        {
            "token": "verification-token",
            "team_id": team_id,
            "context_team_id": team_id,
            "context_enterprise_id": None,
            "api_app_id": APP_ID,
            "event": event,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(wall_seconds()) if event_time is None else event_time,
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": team_id,
                    "user_id": BOT_USER_ID,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "event_context": f"4-{event_id}",
        }
    )


def interactivity_body(payload: dict[str, Any]) -> str:
    """Interactivity arrives form-encoded as a single ``payload=<json>`` field."""
    return urlencode({"payload": json.dumps(payload)})


def _user(user_id: str) -> dict[str, str]:
    return {"id": user_id, "username": user_id.lower(), "name": user_id.lower(), "team_id": "T1"}


def _common(kind: str, user_id: str, trigger_id: str) -> dict[str, Any]:
    return {
        "type": kind,
        "token": "verification-token",
        "api_app_id": APP_ID,
        "team": dict(TEAM),
        "enterprise": None,
        "is_enterprise_install": False,
        "user": _user(user_id),
        "trigger_id": trigger_id,
    }


def block_action_payload(
    user_id: str,
    action_id: str,
    value: str,
    block_id: str = "b",
    trigger_id: str = "tr1",
    channel_id: str | None = None,
    message_ts: str | None = None,
    view: dict[str, Any] | None = None,
    response_url: str | None = None,
    *,
    label: str | None = None,
    message: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A button press. Pass ``view`` for a modal/App Home, else ``channel_id`` for a message
    (``message``: its text and blocks, as Slack sends them back; ``label``: the button's)."""
    payload = _common("block_actions", user_id, trigger_id)
    payload["actions"] = [
        {
            "type": "button",
            "action_id": action_id,
            "block_id": block_id,
            "value": value,
            "text": {"type": "plain_text", "text": value if label is None else label},
            "action_ts": f"{wall_seconds():.6f}",
        }
    ]
    if view is not None:
        full_view = {"id": "V1", "type": "modal", "state": {"values": {}}, **view}
        payload["container"] = {"type": "view", "view_id": full_view["id"]}
        payload["view"] = full_view
    elif channel_id is not None:
        ts = message_ts or "1700000000.000100"
        payload.update(_message_context(channel_id, ts, message or {}))
        response_url = response_url or UNSET_RESPONSE_URL  # Slack always sends one here
    if response_url is not None:
        payload["response_url"] = response_url
    return payload


def _message_context(channel_id: str, message_ts: str, shown: dict[str, Any]) -> dict[str, Any]:
    message = {
        "type": "message",
        "user": BOT_USER_ID,
        "bot_id": BOT_ID,
        "ts": message_ts,
        "text": shown.get("text", ""),
        "blocks": shown.get("blocks", []),
    }
    return {
        "container": {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": channel_id,
            "is_ephemeral": False,
        },
        "channel": {"id": channel_id, "name": "general"},
        "message": message,
        "state": {"values": {}},
    }


def view_submission_payload(
    user_id: str,
    callback_id: str,
    state_values: dict[str, Any],
    private_metadata: str = "",
    view_id: str = "V1",
    blocks: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A modal submit. ``state_values`` is Slack's ``{block_id: {action_id: {type, value}}}``."""
    payload = _common("view_submission", user_id, "tr1")
    payload["view"] = {
        "id": view_id,
        "team_id": "T1",
        "type": "modal",
        "blocks": blocks or [],
        "private_metadata": private_metadata,
        "callback_id": callback_id,
        "state": {"values": state_values},
        "hash": "h",
        "title": {"type": "plain_text", "text": "tradeops"},
        "previous_view_id": None,
        "root_view_id": view_id,
        "app_id": APP_ID,
        "external_id": "",
        "app_installed_team_id": "T1",
        "bot_id": BOT_ID,
    }
    payload["response_urls"] = []
    return payload


def message_shortcut_payload(
    user_id: str,
    callback_id: str,
    message_text: str,
    channel_id: str = "C1",
    message_ts: str = "1700000000.000100",
    trigger_id: str = "tr1",
    *,
    message_user: str | None = None,
    response_url: str = UNSET_RESPONSE_URL,
) -> dict[str, Any]:
    """A message shortcut ("Create task from message"); the author defaults to the presser."""
    payload = _common("message_action", user_id, trigger_id)
    payload.update(
        {
            "callback_id": callback_id,
            "action_ts": f"{wall_seconds():.6f}",
            "channel": {"id": channel_id, "name": "general"},
            "message_ts": message_ts,
            "message": {
                "type": "message",
                "user": message_user or user_id,
                "ts": message_ts,
                "text": message_text,
            },
            "response_url": response_url,
        }
    )
    return payload
