"""How standups look in Slack: the answer form, reports, participation, confirmations."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from slack_sdk.models.blocks import InputBlock, PlainTextInputElement
from slack_sdk.models.views import View

from bot.config import WEEKDAYS
from bot.standups import AnswerForm, Report, ReportLine, Stats
from bot.viewer import Viewer

from ..blocks import Rendered, chunk_lines, context, done_modal, plain_text, section, truncate
from ..mrkdwn import escape, mention

ANSWER_CALLBACK = "standups.answer"
ANSWER_ACTION = "answer"
MAX_ANSWER = 2000  # leaves room in the thread reply for every question
STATUS_ICONS = {
    "answered": ":white_check_mark:",
    "skipped": ":fast_forward:",
    "prompted": ":hourglass:",
}


def day_text(day: date, viewer: Viewer) -> str:
    weekday = viewer.t(f"team.weekday.{WEEKDAYS[day.weekday()]}")
    return viewer.t("standups.day", weekday=weekday, date=day.isoformat())


def answer_view(form: AnswerForm, viewer: Viewer) -> View:
    """One optional text box per question; what was answered before is filled in."""
    blocks: list[Any] = [context(viewer.t("standups.modal.intro", day=day_text(form.day, viewer)))]
    blocks += [_question_block(form, question, viewer) for question in form.questions]
    return View(
        type="modal",
        callback_id=ANSWER_CALLBACK,
        private_metadata=json.dumps({"standup": form.standup, "day": form.day.isoformat()}),
        title=plain_text(viewer.t("standups.modal.title")),
        submit=plain_text(viewer.t("standups.modal.submit")),
        close=plain_text(viewer.t("standups.modal.close")),
        blocks=blocks,
    )


def _question_block(form: AnswerForm, question: Any, viewer: Viewer) -> InputBlock:
    hint = None
    if question.key == "yesterday" and form.planned_yesterday:
        planned = truncate(form.planned_yesterday, 1900)
        hint = plain_text(viewer.t("standups.modal.planned", plan=planned), 2000)
    element = PlainTextInputElement(
        action_id=ANSWER_ACTION,
        multiline=True,
        max_length=MAX_ANSWER,
        initial_value=form.answers.get(question.key) or None,
    )
    return InputBlock(
        block_id=question.key,
        label=plain_text(question.text(viewer.language)),
        element=element,
        optional=True,
        hint=hint,
    )


def answers_of(values: dict[str, Any]) -> dict[str, str]:
    """A submitted answer form's state as {question key: text}."""
    return {
        key: str((fields.get(ANSWER_ACTION) or {}).get("value") or "")
        for key, fields in values.items()
        if isinstance(fields, dict)
    }


def thanks_view(viewer: Viewer, first_time: bool) -> View:
    key = "standups.modal.thanks" if first_time else "standups.modal.updated"
    title, close = viewer.t("standups.modal.title"), viewer.t("standups.modal.close")
    return done_modal(f"{ANSWER_CALLBACK}.done", title, close, viewer.t(key))


def report_message(report: Report, viewer: Viewer) -> Rendered:
    title = viewer.t(
        "standups.report.title", standup=report.standup, day=day_text(report.day, viewer)
    )
    if not report.lines:
        return _message(title, [viewer.t("standups.report.empty")])
    lines = [_report_line(line, viewer) for line in report.lines]
    answered = sum(line.status == "answered" for line in report.lines)
    footer = viewer.t("standups.report.footer", answered=answered, asked=len(report.lines))
    return _message(title, lines, footer)


def _report_line(line: ReportLine, viewer: Viewer) -> str:
    head = f"{STATUS_ICONS.get(line.status, '')} *{escape(line.name)}*"
    if line.status != "answered":
        return f"{head} · {viewer.t(f'standups.status.{line.status}')}"
    answers = [f"> _{escape(q.text(viewer.language))}_ {escape(text)}" for q, text in line.answers]
    flag = f" :warning: {viewer.t('standups.blocker_flag')}" if line.has_blocker else ""
    return "\n".join([head + flag, *answers])


def stats_message(stats: Stats, viewer: Viewer) -> Rendered:
    title = viewer.t("standups.stats.title", member=mention(stats.member_id), weeks=stats.weeks)
    if not stats.asked:
        return _message(title, [viewer.t("standups.stats.none", weeks=stats.weeks)])
    line = viewer.t(
        "standups.stats.line", rate=stats.rate, answered=stats.answered, asked=stats.asked,
        skipped=stats.skipped, streak=stats.streak, blockers=stats.blockers,
    )  # fmt: skip
    return _message(title, [line])


def _message(title: str, lines: list[str], footer: str | None = None) -> Rendered:
    blocks: list[Any] = [section(f"*{title}*")]
    blocks += [section(chunk) for chunk in chunk_lines(lines)]
    if footer:
        blocks.append(context(footer))
    return Rendered(text=title, blocks=blocks)


def done(text: str) -> Rendered:
    text = f":white_check_mark: {text}"
    return Rendered(text=text, blocks=[section(text)])
