"""/team: who is on the team, their roles, managers, time zones; admins change them."""

from __future__ import annotations

from typing import Any

from bot import grammar, team
from bot.errors import InvalidInput
from bot.grammar import Grammar

from ..mrkdwn import mention
from ..people import checked_people, checked_person, sync_from_slack
from ..routing import Command, Reply, Request
from .render import done_message, roster_message

command = Command("/team", "team.title", default="show")
NO_MANAGER_WORDS = ("none", "-", "无")


@command.sub("show", "team.usage.show", "list")
def show(request: Request) -> Reply:
    return Reply(roster_message(team.active_members(request.core), request.viewer()))


@command.sub("role", "team.usage.role")
def set_role(request: Request) -> Reply:
    (who, role), problems = _read(request, ROLE)
    (target,) = checked_people(request, [who], problems)
    member = team.set_role(request.core, request.user_id, target, role.lower())
    role_name = request.t(f"team.role.{member.role}")
    return _done(request, "team.done.role", member=mention(member.slack_id), role=role_name)


@command.sub("manager", "team.usage.manager")
def set_manager(request: Request) -> Reply:
    (who, boss), problems = _read(request, MANAGER)
    named = [who, *([] if boss.lower() in NO_MANAGER_WORDS else [boss])]
    target, *manager = checked_people(request, named, problems)
    member = team.set_manager(request.core, request.user_id, target, next(iter(manager), None))
    params = {"member": mention(member.slack_id), "manager": mention(member.manager_id)}
    return _done(request, "team.done.manager", **params)


@command.sub("lang", "team.usage.lang", "language")
def set_language(request: Request) -> Reply:
    (word,) = _plain(request, LANGUAGE)
    member = team.set_language(request.core, request.user_id, word.lower())
    request.member = member  # answer in the language just chosen
    return _done(request, "team.done.lang")


@command.sub("tz", "team.usage.tz", "timezone")
def set_timezone(request: Request) -> Reply:
    (zone,) = _plain(request, ZONE)
    member = team.set_timezone(request.core, request.user_id, zone)
    return _done(request, "team.done.tz", timezone=member.timezone)


@command.sub("country", "team.usage.country", "国家")
def set_country(request: Request) -> Reply:
    wanted = team.country_args(request.args)
    target = checked_person(request, wanted.person, wanted.problems) or request.user_id
    member = team.set_country(request.core, request.user_id, target, wanted.value)
    params = {"member": mention(member.slack_id), "country": member.country}
    return _done(request, "team.done.country", **params)


@command.sub("workdays", "team.usage.workdays", "工作日")
def set_workdays(request: Request) -> Reply:
    wanted = team.workdays_args(request.args)
    target = checked_person(request, wanted.person, wanted.problems) or request.user_id
    member = team.set_workdays(request.core, request.user_id, target, wanted.value)
    days = ", ".join(request.t(f"team.weekday.{day}") for day in member.workdays)
    return _done(request, "team.done.workdays", member=mention(member.slack_id), days=days)


@command.sub("sync", "team.usage.sync")
def sync(request: Request) -> Reply:
    team.check_admin(request.core, request.user_id)  # before asking Slack for everyone
    result = sync_from_slack(request.core, request.client)
    counts = {"added": result.added, "updated": result.updated}
    return _done(request, "team.done.sync", **counts, deactivated=result.deactivated)


ROLE = Grammar(positional=("person", "role"), keys=grammar.keys("role"))
MANAGER = Grammar(positional=("person", "manager"), keys=grammar.keys("manager"))
LANGUAGE = Grammar(positional=("value",))
ZONE = Grammar(positional=("value",))


def _read(
    request: Request, wanted: Grammar, required: bool = True
) -> tuple[tuple[str, ...], list[grammar.Issue]]:
    """The slots of `wanted` (positionally or as `key value`), and what is wrong: a slot
    left empty when `required`, words beyond them (named with the people no one knows)."""
    reading = grammar.read(request.args, wanted)
    problems: list[grammar.Issue] = [*reading.all_problems()]
    if required and any(slot not in reading.values for slot in wanted.positional):
        problems.insert(0, InvalidInput("common.error.bad_arguments"))
    return tuple(reading.get(slot) for slot in wanted.positional), problems


def _plain(request: Request, wanted: Grammar) -> tuple[str, ...]:
    """The slots of a subcommand that names no one, or Problems naming what is wrong."""
    values, problems = _read(request, wanted, required=False)
    grammar.raise_all(problems)
    return values


def _done(request: Request, key: str, **params: Any) -> Reply:
    return Reply(done_message(request.t(key, **params)))
