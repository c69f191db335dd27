"""The one wrapper every button shares: ack, the member behind the press, one bot call, the
answer, and a domain error turned into a warning in the member's language.

A button's value is whatever the message that carried it put there, so it is read through
`Press`, which turns a missing or malformed value into a clear warning, never a crash.

"Share in channel" on a status card is one mechanism here too: the feature's handler reads
the item again (the card may be hours old) and draws it for the channel's `channel_viewer`
(the team's language and zone), and `share` posts it for everyone in that channel.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core import Core
from bot.errors import DomainError, InvalidInput
from bot.i18n import t
from bot.team import MemberView
from bot.viewer import Viewer

from .blocks import Rendered, section
from .mrkdwn import escape

log = logging.getLogger(__name__)


@dataclass
class Press:
    """One press of a button, as the feature's handler sees it."""

    core: Core
    client: WebClient
    member: MemberView
    body: dict[str, Any]
    respond: Any
    # Work that may wait until the presser has their answer (e.g. refreshing App Homes).
    afterwards: list[Callable[[], object]] = field(default_factory=list)

    @property
    def value(self) -> str:
        actions = self.body.get("actions")
        action = actions[0] if isinstance(actions, list) and actions else None
        if not isinstance(action, dict) or not isinstance(action.get("value"), str):
            raise InvalidInput("common.error.bad_button")
        return action["value"]

    def number(self, text: str | None = None) -> int:
        """The value (or `text`) as an id: ASCII digits only, so "²" or "1e9" is refused."""
        text = self.value if text is None else text
        if not (text.isascii() and text.isdigit()) or len(text) > 12:
            raise InvalidInput("common.error.bad_button")
        return int(text)

    @property
    def in_home(self) -> bool:
        return (self.body.get("container") or {}).get("type") == "view"

    def viewer(self) -> Viewer:
        return Viewer.of(self.member, self.core.clock.now())

    @property
    def channel_id(self) -> str | None:
        """The conversation the pressed message is in (none in App Home)."""
        channel = self.body.get("channel")
        found = channel.get("id") if isinstance(channel, dict) else None
        return found if isinstance(found, str) and found else None

    def channel_viewer(self) -> Viewer:
        """Everyone in the channel: they read in the team's language and zone."""
        now = self.core.clock.now()
        return Viewer.for_channel(self.channel_id or "", self.core.settings.team, now)


Handle = Callable[[Press], Rendered | None]


def on_press(handle: Handle, *, replaces: bool = False) -> Callable[..., None]:
    """A Bolt listener running `handle`. Its answer replaces the pressed message when
    `replaces` (a page turn, a card redrawn) and otherwise arrives as a private message."""

    def listener(ack: Any, body: dict[str, Any], client: WebClient, context: Any) -> None:
        ack()
        press = Press(context["core"], client, context["member"], body, context.get("respond"))
        try:
            answer = handle(press)
        except DomainError as error:
            warn(press, t(error.key, press.member.language, **error.params))
            return
        if answer is not None:
            show(press, answer, replace=replaces)
        for work in press.afterwards:
            work()

    return listener


def show(press: Press, message: Rendered, *, replace: bool) -> None:
    if press.respond is None or not press.body.get("response_url"):
        return  # pressed in App Home: the handler republishes the Home instead
    press.respond(
        text=message.text,
        blocks=message.block_dicts(),
        response_type="ephemeral",
        replace_original=replace,
    )


def share(press: Press, card: Rendered) -> None:
    """Post `card` for everyone in the channel the button was pressed in: through the press's
    response_url (which works wherever the command was used, even where the bot is no member),
    else (it expired after 30 minutes, or Slack sent none) as the bot in that channel."""
    if press.respond is not None and press.body.get("response_url") and _responded(press, card):
        return
    if press.channel_id is None:
        raise InvalidInput("common.share.nowhere")
    try:
        press.client.chat_postMessage(
            channel=press.channel_id, text=card.text, blocks=card.block_dicts()
        )
    except SlackApiError as error:
        log.warning("could not share a card in %s: %s", press.channel_id, error)
        raise InvalidInput("common.share.failed") from error


def _responded(press: Press, card: Rendered) -> bool:
    try:
        answer = press.respond(
            text=card.text,
            blocks=card.block_dicts(),
            response_type="in_channel",
            replace_original=False,
        )
    except OSError as error:  # the URL did not answer at all
        log.warning("response_url failed while sharing a card: %s", error)
        return False
    return getattr(answer, "status_code", 200) == 200


def warn(press: Press, text: str) -> None:
    """A refusal the presser sees: beside the message, or by DM from App Home."""
    text = escape(f":warning: {text}")  # it may quote what the presser sent
    if press.respond is not None and press.body.get("response_url"):
        press.respond(
            text=text,
            blocks=[section(text).to_dict()],
            response_type="ephemeral",
            replace_original=False,
        )
        return
    try:
        press.client.chat_postMessage(channel=press.member.slack_id, text=text)
    except SlackApiError:
        log.warning("could not tell %s why their press was refused", press.member.slack_id)
