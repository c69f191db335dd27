"""Renderers for what the standups send through the outbox (see bot/standups/notices.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.notify import Outgoing
from bot.standups import Question
from bot.viewer import Viewer

from ..blocks import Rendered, actions, button, context, section
from ..mrkdwn import escape, mention
from .actions import ANSWER_ACTION, HELP_ACTION, SKIP_ACTION
from .render import day_text


def _day(message: Outgoing) -> str:
    return day_text(date.fromisoformat(message.payload["day"]), message.viewer)


def _message(text: str, *more: Any) -> Rendered:
    return Rendered(text=text, blocks=[section(text), *more])


def prompt(message: Outgoing) -> Rendered:
    viewer, payload = message.viewer, message.payload
    text = viewer.t("standups.notice.prompt", standup=payload["standup"], day=_day(message))
    questions = [Question(**q).text(viewer.language) for q in payload["questions"]]
    listing = "\n".join(f"• {escape(question)}" for question in questions)
    entry = str(payload["entry"])
    buttons = actions(
        button(viewer.t("standups.button.answer"), ANSWER_ACTION, entry, style="primary"),
        button(viewer.t("standups.button.skip"), SKIP_ACTION, entry),
    )
    return _message(text, section(listing), buttons)


def prompt_closed(message: Outgoing) -> Rendered:
    viewer, payload = message.viewer, message.payload
    if payload["status"] == "skipped":
        return _message(viewer.t("standups.notice.skipped", day=_day(message)))
    edit = button(viewer.t("standups.button.edit"), ANSWER_ACTION, str(payload["entry"]))
    return _message(viewer.t("standups.notice.answered", day=_day(message)), actions(edit))


def reminder(message: Outgoing) -> Rendered:
    viewer = message.viewer
    answer = button(
        viewer.t("standups.button.answer"), ANSWER_ACTION, str(message.payload["entry"]),
        style="primary",
    )  # fmt: skip
    return _message(viewer.t("standups.notice.reminder", day=_day(message)), actions(answer))


def digest(message: Outgoing) -> Rendered:
    text = message.viewer.t("standups.notice.digest", standup=message.payload["standup"],
                            day=_day(message))  # fmt: skip
    return _message(text, context(message.viewer.t("standups.notice.digest_hint")))


def answer(message: Outgoing) -> Rendered:
    viewer, payload = message.viewer, message.payload
    head = f"*{escape(payload['name'])}*"
    if payload.get("blocker"):
        head += f" · :warning: {viewer.t('standups.blocker_flag')}"
    lines = [head, *(_answer_line(item, viewer) for item in payload["answers"])]
    return Rendered(text=f"{payload['name']}: {viewer.t('standups.notice.answer_fallback')}",
                    blocks=[section("\n".join(lines))])  # fmt: skip


def _answer_line(item: dict[str, str], viewer: Viewer) -> str:
    question = Question(item["key"], item["en"], item["zh"]).text(viewer.language)
    return f"_{escape(question)}_\n> {escape(item['text']).replace(chr(10), chr(10) + '> ')}"


def missing(message: Outgoing) -> Rendered:
    names = message.payload["names"]
    viewer = message.viewer
    if not names:
        return _message(viewer.t("standups.notice.everyone", day=_day(message)))
    listed = ", ".join(escape(name) for name in names)  # names, never @-mentions
    return _message(viewer.t("standups.notice.missing", count=len(names), names=listed))


def blocker(message: Outgoing) -> Rendered:
    viewer, payload = message.viewer, message.payload
    text = viewer.t("standups.notice.blocker", member=mention(payload["member"]), day=_day(message))
    helping = button(viewer.t("standups.button.help"), HELP_ACTION, str(payload["entry"]),
                     style="primary")  # fmt: skip
    return _message(text, section(f"> {escape(payload['blocker'])}"), actions(helping))


def helping(message: Outgoing) -> Rendered:
    viewer, payload = message.viewer, message.payload
    return _message(viewer.t("standups.notice.helping", helper=mention(payload["helper"]),
                             day=_day(message)))  # fmt: skip


def helping_note(message: Outgoing) -> Rendered:
    viewer, payload = message.viewer, message.payload
    return _message(viewer.t("standups.notice.helping_note", helper=mention(payload["helper"]),
                             member=mention(payload["member"])))  # fmt: skip


NOTICES = {
    "standups.prompt": prompt,
    "standups.prompt_closed": prompt_closed,
    "standups.reminder": reminder,
    "standups.digest": digest,
    "standups.answer": answer,
    "standups.missing": missing,
    "standups.blocker": blocker,
    "standups.helping": helping,
    "standups.helping_note": helping_note,
}
