"""The Slack implementation of bot.notify.Notifier: render by kind, then post; find a post.

Every post carries a metadata marker with its outbox key, so that `find` can tell whether a
send whose answer was lost (a time-out, a crash) reached Slack: conversations.history (a
thread: conversations.replies) with include_all_metadata, in the DM's channel for a member.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.notify import Delivered, DeliveryError, Outgoing

from .blocks import Rendered

log = logging.getLogger(__name__)

Renderer = Callable[[Outgoing], Rendered]

MARKER_EVENT_TYPE = "tradeops_outbox"
# Our clock and Slack's may differ a little: look that much before the attempt began.
CLOCK_SLACK = timedelta(minutes=2)
HISTORY_PAGE = 200
HISTORY_PAGES = 5  # more posts than this since the attempt: too many to read, cannot tell
# A rate limit at most this long is waited out inside the send; a longer one goes back to
# the dispatcher, which schedules the row at Retry-After, so a send stays inside its lease.
MAX_INLINE_RETRY_AFTER = 10

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
        self.poster = posting_client(client)
        self.renderers = renderers

    def send(self, message: Outgoing) -> Delivered:
        renderer = self.renderers.get(message.kind)
        if renderer is None:
            raise DeliveryError(f"no renderer for message kind {message.kind!r}", permanent=True)
        rendered = renderer(message)
        with _as_delivery_errors():
            response = (
                self._edit(message, rendered) if message.edits else self._post(message, rendered)
            )
        delivered = Delivered(channel=response["channel"], ts=response["ts"])
        self._attach_files(message, rendered, delivered)
        return delivered

    def find(self, message: Outgoing, since: datetime) -> Delivered | None:
        if not message.dedup_key:
            raise DeliveryError("a message without an outbox key has no marker to look for")
        with _as_delivery_errors():
            channel = self._conversation_of(message.recipient)
            for posted in self._posts_since(channel, message.thread_ts, since):
                if _marker_of(posted) == message.dedup_key:
                    return Delivered(channel=channel, ts=posted["ts"])
        return None

    def _post(self, message: Outgoing, rendered: Rendered) -> Any:
        return self.poster.chat_postMessage(
            channel=message.recipient,
            text=rendered.text,
            blocks=rendered.block_dicts() or None,
            thread_ts=message.thread_ts,
            unfurl_links=False,
            metadata=marker(message.dedup_key) if message.dedup_key else None,
        )

    def _edit(self, message: Outgoing, rendered: Rendered) -> Any:
        """chat.update of the message sent earlier: the same place, the new content."""
        assert message.edits is not None
        return self.poster.chat_update(
            channel=message.edits.channel,
            ts=message.edits.ts,
            text=rendered.text,
            blocks=rendered.block_dicts() or None,
        )

    def _attach_files(self, message: Outgoing, rendered: Rendered, delivered: Delivered) -> None:
        # The message is in Slack now: a failed upload must not make the outbox post it again.
        for file in rendered.files:
            try:
                # Charts and attachments go in the message's thread, beside what they show.
                self.client.files_upload_v2(
                    channel=delivered.channel,
                    thread_ts=delivered.ts,
                    filename=file["filename"],
                    content=file["content"],
                    title=file.get("title"),
                )
            except Exception:  # logged; the post itself stands
                log.exception("%s: could not attach %s", message.kind, file["filename"])

    def _conversation_of(self, recipient: str) -> str:
        """The channel id to read: a member's DM with the bot, or the channel itself."""
        if not recipient.startswith(("U", "W")):
            return recipient
        return str(self.client.conversations_open(users=recipient)["channel"]["id"])

    def _posts_since(
        self, channel: str, thread_ts: str | None, since: datetime
    ) -> Iterator[dict[str, Any]]:
        query: dict[str, Any] = {
            "channel": channel,
            "oldest": f"{(since - CLOCK_SLACK).timestamp():.6f}",
            "include_all_metadata": True,
            "limit": HISTORY_PAGE,
        }
        # A reply is only in its thread; conversations.history lists the top level.
        read: Callable[..., Any] = self.client.conversations_history
        if thread_ts:
            read, query["ts"] = self.client.conversations_replies, thread_ts
        for _ in range(HISTORY_PAGES):
            page = read(**query)
            yield from page.get("messages") or []
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not page.get("has_more") or not cursor:
                return
            query["cursor"] = cursor
        raise DeliveryError(f"more than {HISTORY_PAGES * HISTORY_PAGE} posts to look through")


def marker(dedup_key: str) -> dict[str, Any]:
    """The message metadata that names the outbox row a post came from."""
    return {"event_type": MARKER_EVENT_TYPE, "event_payload": {"dedup_key": dedup_key}}


def _marker_of(posted: dict[str, Any]) -> str | None:
    metadata = posted.get("metadata") or {}
    if metadata.get("event_type") != MARKER_EVENT_TYPE:
        return None
    return (metadata.get("event_payload") or {}).get("dedup_key")


def posting_client(client: WebClient) -> WebClient:
    """The client for chat.postMessage: a post is not idempotent, so no blind retries.

    The client's own retries of dropped connections and 5xx answers could post a message
    Slack already has; those failures go back to the dispatcher, which looks for the post
    before trying again. Only a short rate limit (Slack did not take the post) is retried.
    """
    poster = copy.copy(client)
    poster.retry_handlers = [
        ShortRateLimitRetries(max_retry_count=handler.max_retry_count)
        for handler in client.retry_handlers
        if isinstance(handler, RateLimitErrorRetryHandler)
    ]
    return poster


class ShortRateLimitRetries(RateLimitErrorRetryHandler):
    """Retries a 429 only when its Retry-After is short (see MAX_INLINE_RETRY_AFTER)."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        rate_limited = super()._can_retry(
            state=state, request=request, response=response, error=error
        )
        if not rate_limited or response is None:
            return False
        return _retry_after_seconds(response.headers, default=1) <= MAX_INLINE_RETRY_AFTER


def _retry_after_seconds(headers: Mapping[str, Any], default: float) -> float:
    for name, value in headers.items():
        if name.lower() == "retry-after":
            text = value[0] if isinstance(value, list) else value
            try:
                return float(text)
            except (TypeError, ValueError):
                return default
    return default


@contextmanager
def _as_delivery_errors() -> Iterator[None]:
    try:
        yield
    except SlackApiError as error:
        raise _delivery_error(error) from error
    except OSError as error:  # URLError, time-outs, resets: Slack may have acted already
        raise DeliveryError(f"network: {error}", maybe_delivered=True) from error


def _delivery_error(error: SlackApiError) -> DeliveryError:
    status = error.response.status_code
    code = error.response.get("error") if isinstance(error.response.data, dict) else None
    reason = f"HTTP {status}: {code or error.response.data}"
    if status == 429:  # refused before it was acted on
        retry_after = _retry_after_seconds(error.response.headers, default=30)
        return DeliveryError(reason, retry_after=retry_after)
    if status >= 500:  # Slack failed somewhere between taking and answering the request
        return DeliveryError(reason, maybe_delivered=True)
    return DeliveryError(reason, permanent=code in PERMANENT_ERRORS)
