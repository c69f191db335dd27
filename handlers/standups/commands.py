"""/standup: answer today's standup, be away, and look back at answers and participation."""

from __future__ import annotations

from bot import standups

from ..mrkdwn import mention
from ..people import checked_person
from ..routing import Command, Reply, Request
from .modals import open_form
from .render import day_text, done, report_message, stats_message

command = Command("/standup", "standups.title", default="answer")
BACK_WORDS = ("back", "回来", "回来了")


@command.sub("answer", "standups.usage.answer", "回答")
def answer(request: Request) -> None:
    name = standups.standup_name(request.args)
    form = standups.answer_form(request.core, request.user_id, name)
    open_form(request.client, str(request.body.get("trigger_id") or ""), form, request.viewer())


@command.sub("away", "standups.usage.away", "请假", "休假")
def away(request: Request) -> Reply:
    viewer = request.viewer()
    wanted = standups.parse_away(request.args, viewer.zone, viewer.now)
    target = checked_person(request, wanted.person, wanted.problems) or request.user_id
    away = standups.set_away(
        request.core, request.user_id, target, wanted.first_day, wanted.last_day
    )
    params = {"first": day_text(away.first_day, viewer), "last": day_text(away.last_day, viewer)}
    return Reply(done(viewer.t("standups.done.away", member=mention(target), **params)))


@command.sub("back", "standups.usage.back", *BACK_WORDS[1:])
def back(request: Request) -> Reply:
    wanted = standups.parse_back(request.args)
    target = checked_person(request, wanted.person, wanted.problems) or request.user_id
    standups.come_back(request.core, request.user_id, target)
    return Reply(done(request.t("standups.done.back", member=mention(target))))


@command.sub("report", "standups.usage.report", "报告")
def report(request: Request) -> Reply:
    viewer = request.viewer()
    wanted = standups.parse_report(request.args, viewer.zone, viewer.now)
    person = checked_person(request, wanted.person, wanted.problems)
    found = standups.report(request.core, request.user_id, wanted.day, person)
    return Reply(report_message(found, viewer))


@command.sub("stats", "standups.usage.stats", "统计")
def stats(request: Request) -> Reply:
    wanted = standups.parse_stats(request.args)
    person = checked_person(request, wanted.person, wanted.problems) or request.user_id
    found = standups.stats(request.core, person, wanted.weeks)
    return Reply(stats_message(found, request.viewer()))
