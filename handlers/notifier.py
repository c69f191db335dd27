"""The Slack implementation of bot.notify.Notifier: render by kind, then post."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any
from urllib.error import URLError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.notify import Delivered, DeliveryError, Outgoing

from .blocks import Rendered

log = logging.getLogger(__name__)

Renderer = Callable[[Outgoing], Rendered]

# Errors that no retry will fix: the operator has to change config or invite the bot.
PERMANENT_ERRORS = {
    "channel_not_found",
    "not_in_channel",
    "is_archived",
    "user_not_found",
    "user_disabled",
    "invalid_blocks",
    "invalid_auth",
    "account_inactive",
    "token_revoked",
    "missing_scope",
    "msg_too_long",
    "no_text",
}


class SlackNotifier:
    def __init__(self, client: WebClient, renderers: Mapping[str, Renderer]) -> None:
        self.client = client
        self.renderers = renderers

    def send(self, message: Outgoing) -> Delivered:
        renderer = self.renderers.get(message.kind)
        if renderer is None:
            raise DeliveryError(f"no renderer for message kind {message.kind!r}", permanent=True)
        rendered = renderer(message)
        try:
            response = self._post(message, rendered)
        except SlackApiError as error:
            raise _delivery_error(error) from error
        except (URLError, OSError, TimeoutError) as error:
            raise DeliveryError(f"network: {error}") from error
        return Delivered(channel=response["channel"], ts=response["ts"])

    def _post(self, message: Outgoing, rendered: Rendered) -> Any:
        response = self.client.chat_postMessage(
            channel=message.recipient,
            text=rendered.text,
            blocks=rendered.block_dicts() or None,
            thread_ts=message.thread_ts,
            unfurl_links=False,
        )
        for file in rendered.files:
            # Charts and attachments go in the message's thread, beside what they illustrate.
            self.client.files_upload_v2(
                channel=response["channel"],
                thread_ts=response["ts"],
                filename=file["filename"],
                content=file["content"],
                title=file.get("title"),
            )
        return response


def _delivery_error(error: SlackApiError) -> DeliveryError:
    status = error.response.status_code
    code = error.response.get("error") if isinstance(error.response.data, dict) else None
    reason = f"HTTP {status}: {code or error.response.data}"
    if status == 429:
        retry_after = float(error.response.headers.get("Retry-After", 30) or 30)
        return DeliveryError(reason, retry_after=retry_after)
    return DeliveryError(reason, permanent=code in PERMANENT_ERRORS)
