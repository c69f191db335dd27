"""Signed Slack request bodies for the tests: the product's own builders, the ones
`tradeops console` signs its requests with (handlers/console/requests.py)."""

from __future__ import annotations

from handlers.console.requests import (
    APP_ID,
    BOT_USER_ID,
    FORM,
    JSON,
    TEAM,
    UNSET_RESPONSE_URL,
    block_action_payload,
    event_body,
    interactivity_body,
    message_shortcut_payload,
    sign,
    slash_command_body,
    view_submission_payload,
)

__all__ = [
    "APP_ID",
    "BOT_USER_ID",
    "FORM",
    "JSON",
    "TEAM",
    "UNSET_RESPONSE_URL",
    "block_action_payload",
    "event_body",
    "interactivity_body",
    "message_shortcut_payload",
    "sign",
    "slash_command_body",
    "view_submission_payload",
]
