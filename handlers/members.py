"""The people behind requests: learned from Slack (users.info / users.list) on first contact."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import team
from bot.core import Core
from bot.team import MemberView, SlackProfile

log = logging.getLogger(__name__)


def ensure_member(core: Core, client: WebClient, user_id: str) -> MemberView:
    with core.unit() as unit:
        member = team.find(unit, user_id)
    if member is not None:
        return member
    profile = fetch_profile(client, user_id)
    with core.unit() as unit:
        return team.upsert_profile(unit, profile)[0]


def fetch_profile(client: WebClient, user_id: str) -> SlackProfile:
    try:
        user = client.users_info(user=user_id, include_locale=True)["user"]
    except SlackApiError:
        log.warning("users.info failed for %s; creating them with defaults", user_id)
        return SlackProfile(slack_id=user_id, name=user_id)
    return profile_from(user)


def profile_from(user: dict[str, Any]) -> SlackProfile:
    profile = user.get("profile") or {}
    return SlackProfile(
        slack_id=user["id"],
        name=user.get("name") or user["id"],
        real_name=user.get("real_name") or profile.get("real_name") or None,
        tz=user.get("tz"),
        locale=user.get("locale"),
        is_bot=bool(user.get("is_bot")),
        deleted=bool(user.get("deleted")),
    )


def sync_from_slack(core: Core, client: WebClient) -> team.SyncResult:
    """Bring the team in line with Slack's user list (/team sync and `tradeops team sync`)."""
    profiles = [profile_from(user) for user in all_users(client)]
    with core.unit() as unit:
        return team.sync(unit, profiles)


def all_users(client: Any) -> list[dict[str, Any]]:
    """Every user, following users.list's cursor."""
    users: list[dict[str, Any]] = []
    for page in client.users_list(limit=200, include_locale=True):
        users.extend(page["members"])
    return users
