"""The people behind requests: learned from Slack (users.info / users.list) on first contact,
and named in commands by a mention or a Slack name."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import grammar, team
from bot.core import Core
from bot.errors import DomainError, InvalidInput
from bot.team import MemberView, SlackProfile

from .routing import Request

log = logging.getLogger(__name__)

MENTION = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")


# users.info answers for ids that name nobody in this workspace.
NOBODY = {"user_not_found", "user_not_visible"}


def ensure_member(core: Core, client: WebClient, user_id: str) -> MemberView:
    """The member, read from the database; on first contact asked of Slack and stored.

    An id Slack does not know is refused (InvalidInput), never stored: only people Slack
    confirms become members.
    """
    member = team.member(core, user_id)
    if member is None:
        return team.learn(core, fetch_profile(client, user_id))
    retry_at = member.profile_retry_at
    if retry_at is not None and retry_at <= core.clock.now():
        return team.learn(core, fetch_profile(client, user_id))  # Slack failed us last time
    return member


def ensure_requester(core: Core, client: WebClient, user_id: str) -> MemberView:
    """The person behind a signed request: Slack vouches for them, so even when users.info
    cannot say more they are stored (with the team's zone and language until it can)."""
    try:
        return ensure_member(core, client, user_id)
    except InvalidInput:
        log.warning("users.info does not know %s, who sent a signed request", user_id)
        return team.learn(core, SlackProfile(slack_id=user_id, name=user_id, complete=False))


def fetch_profile(client: WebClient, user_id: str) -> SlackProfile:
    try:
        user = client.users_info(user=user_id, include_locale=True)["user"]
    except SlackApiError as error:
        if error.response.get("error") in NOBODY:
            raise InvalidInput("common.error.not_a_person", token=f"<@{user_id}>") from error
        log.warning("users.info failed for %s; asking again later", user_id)
        return SlackProfile(slack_id=user_id, name=user_id, complete=False)
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
    return team.sync(core, [profile_from(user) for user in all_users(client)])


def all_users(client: Any) -> list[dict[str, Any]]:
    """Every user, following users.list's cursor."""
    users: list[dict[str, Any]] = []
    for page in client.users_list(limit=200, include_locale=True):
        users.extend(page["members"])
    return users


def user_id_from(token: str) -> str | None:
    """`<@U123|li>` (an escaped mention) to `U123`; anything else to None."""
    match = MENTION.match(token.strip())
    return match.group(1) if match else None


def resolve_person(core: Core, token: str) -> str | None:
    """A mention, or a plain @name / name that matches one member's Slack name."""
    return user_id_from(token) or team.person_named(core, token.lstrip("@"))


def people_named(request: Request, tokens: Iterable[str]) -> tuple[list[str], list[DomainError]]:
    """The members these mentions name, and a problem for each that names no one (all of
    them, so a reply can list every one at once)."""
    found: list[str] = []
    problems: list[DomainError] = []
    for token in tokens:
        try:
            found.append(require_person(request, token))
        except DomainError as error:
            problems.append(error)
    return found, problems


def checked_people(
    request: Request, tokens: Iterable[str], problems: Iterable[grammar.Issue] = ()
) -> list[str]:
    """The members these mentions name (an empty one names no one); or, when anything is
    wrong, Problems naming every mention no one answers to together with `problems` (what
    else was wrong with the same words), so one reply lists it all."""
    found, strangers = people_named(request, [token for token in tokens if token])
    grammar.raise_all([*problems, *strangers])
    return found


def checked_person(
    request: Request, token: str | None, problems: Iterable[grammar.Issue] = ()
) -> str | None:
    """The one member a command names (None when it names no one), as checked_people."""
    found = checked_people(request, [token or ""], problems)
    return found[0] if found else None


def require_person(request: Request, token: str) -> str:
    """The member a mention (or @name) names, learned from Slack if the bot has not met them."""
    slack_id = resolve_person(request.core, token)
    if slack_id is None:
        raise InvalidInput("common.error.not_a_person", token=token)
    ensure_member(request.core, request.client, slack_id)
    return slack_id
