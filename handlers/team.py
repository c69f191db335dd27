"""/team: who is on the team, their roles, managers, time zones; admins change them."""

from __future__ import annotations

from typing import Any

from bot import team
from bot.config import ROLES
from bot.errors import InvalidInput

from .blocks import Rendered, chunk_lines, context, header, section
from .common import Command, Reply, Request, mention, require_person
from .members import profile_from, sync_from_slack

command = Command("/team", "team.title", default="show")


def register(app: Any) -> None:
    command.register(app)
    app.event("user_change")(on_user_change)


@command.sub("show", "team.usage.show", "list")
def show(request: Request) -> Reply:
    with request.core.unit() as unit:
        members = team.roster(unit)
    lines = [_member_line(request, member) for member in members]
    title = request.t("team.title")
    blocks: list[Any] = [header(title)]
    blocks += [section(chunk) for chunk in chunk_lines(lines or [request.t("team.empty")])]
    blocks.append(context(request.t("team.footer", count=len(members))))
    return Reply(Rendered(text=title, blocks=blocks))


def _member_line(request: Request, member: team.MemberView) -> str:
    role = request.t(f"team.role.{member.role}")
    manager = request.t("team.reports_to", manager=mention(member.manager_id))
    return f"• {mention(member.slack_id)} · {role} · {member.timezone}" + (
        f" · {manager}" if member.manager_id else ""
    )


@command.sub("role", "team.usage.role")
def set_role(request: Request) -> Reply:
    who, role = _two_words(request)
    target = require_person(request, who)
    with request.core.unit() as unit:
        member = team.set_role(unit, request.user_id, target, role.lower())
    return _done(
        request,
        "team.done.role",
        member=mention(member.slack_id),
        role=request.t(f"team.role.{member.role}"),
    )


@command.sub("manager", "team.usage.manager")
def set_manager(request: Request) -> Reply:
    who, boss = _two_words(request)
    target = require_person(request, who)
    manager = None if boss.lower() in ("none", "-", "无") else require_person(request, boss)
    with request.core.unit() as unit:
        member = team.set_manager(unit, request.user_id, target, manager)
    return _done(
        request,
        "team.done.manager",
        member=mention(member.slack_id),
        manager=mention(member.manager_id),
    )


@command.sub("lang", "team.usage.lang", "language")
def set_language(request: Request) -> Reply:
    with request.core.unit() as unit:
        member = team.set_language(unit, request.user_id, request.args.strip().lower())
    request.member = member  # answer in the language just chosen
    return _done(request, "team.done.lang")


@command.sub("tz", "team.usage.tz", "timezone")
def set_timezone(request: Request) -> Reply:
    with request.core.unit() as unit:
        member = team.set_timezone(unit, request.user_id, request.args.strip())
    return _done(request, "team.done.tz", timezone=member.timezone)


@command.sub("sync", "team.usage.sync")
def sync(request: Request) -> Reply:
    with request.core.unit() as unit:
        team.require_admin(unit, request.user_id)
    result = sync_from_slack(request.core, request.client)
    return _done(
        request,
        "team.done.sync",
        added=result.added,
        updated=result.updated,
        deactivated=result.deactivated,
    )


def on_user_change(event: dict[str, Any], context: Any) -> None:
    with context["core"].unit() as unit:
        team.upsert_profile(unit, profile_from(event["user"]))


def _two_words(request: Request) -> tuple[str, str]:
    words = request.args.split()
    if len(words) != 2:
        raise InvalidInput("common.error.bad_arguments")
    return words[0], words[1]


def _done(request: Request, key: str, **params: Any) -> Reply:
    text = f":white_check_mark: {request.t(key, **params)}"
    return Reply(Rendered(text=text, blocks=[section(text)]))


ROLE_KEYS = tuple(f"team.role.{role}" for role in ROLES)
RENDERERS: dict[str, Any] = {}
