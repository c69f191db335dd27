"""What the giver sees after /kudos."""

from __future__ import annotations

from bot.kudos import KudosGiven
from bot.viewer import Viewer

from ..blocks import Rendered, section
from ..mrkdwn import mention


def people(member_ids: list[str] | tuple[str, ...]) -> str:
    return ", ".join(mention(member_id) for member_id in member_ids)


def given_message(given: KudosGiven, viewer: Viewer) -> Rendered:
    thanked = people(given.thanked)
    if given.channel:
        channel = f"<#{given.channel}>" if given.channel.startswith("C") else given.channel
        text = viewer.t("kudos.done.posted", people=thanked, channel=channel)
    else:
        text = viewer.t("kudos.done.sent", people=thanked)
    text = f":white_check_mark: {text}"
    return Rendered(text=text, blocks=[section(text)])
