"""How escalations look in Slack: what is late, by how long, whose it is, the earlier
levels, and the buttons that fit (Acknowledge; Done, Mark paid or Resolve).

Renderers take a Notice (an escalation message's payload, or a chain just read) and a
Viewer; times are shown in the viewer's zone, durations the way people say them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.escalation import ChainList, ChainView, Notice, notice_of_view
from bot.feedback import humanize
from bot.lateness import Agenda
from bot.viewer import Viewer

from ..blocks import Rendered, actions, button, chunk_lines, context, section
from ..mrkdwn import escape, mention
from ..tasks.render import DONE_ACTION as TASK_DONE_ACTION
from ..tasks.render import SNOOZE_ACTION, snooze_value, when

ACKNOWLEDGE_ACTION = "escalation.chain.acknowledge"
SETTLE_ACTION = "escalation.chain.settle"
SETTLE_LABELS = {"task": "done", "payment": "paid", "feedback": "resolve"}
MORNING_LINES = 20  # each may take two blocks; a message holds 50


def who(recipient: str | None) -> str:
    """A member as a mention, a channel as a channel link."""
    if not recipient:
        return "—"
    if recipient.startswith("#"):
        return escape(recipient)
    return f"<#{recipient}>" if recipient[0] in "CG" else mention(recipient)


def subject(notice: Notice, viewer: Viewer) -> str:
    """What it is about: "task `#3` *Send samples*", "order *1047 · ACME*", ..."""
    return viewer.t(f"escalation.subject.{notice.kind}", id=notice.subject_id,
                    title=escape(notice.title))  # fmt: skip


def lateness(notice: Notice, viewer: Viewer) -> str:
    """How it is late: "is overdue", "has been in Production longer than its 30 days", ..."""
    detail = notice.detail
    if notice.kind == "order":
        stage = (detail.get("stage_names") or {}).get(viewer.language) or detail.get("stage")
        return viewer.t("escalation.late.order", stage=stage, days=detail.get("sla_days"))
    if notice.kind == "payment":
        return viewer.t("escalation.late.payment", date=_day(detail.get("balance_due"), viewer))
    if notice.kind == "feedback":
        return viewer.t(f"escalation.late.feedback_{detail.get('deadline', 'resolution')}")
    return viewer.t("escalation.late.task")


def _day(text: str | None, viewer: Viewer) -> str:
    if not text:
        return "—"
    day = date.fromisoformat(text)
    return f"{viewer.t(f'tasks.weekday.{day.weekday()}')} {day.isoformat()}"


def age(since: datetime, viewer: Viewer) -> str:
    return humanize(viewer.now - since, viewer.language)


def step_message(notice: Notice, viewer: Viewer) -> Rendered:
    headline = viewer.t(
        "escalation.step.headline", level=notice.level, subject=subject(notice, viewer),
        late=lateness(notice, viewer), age=age(notice.late_since, viewer),
        owner=mention(notice.owner_id),
    )  # fmt: skip
    facts = [viewer.t("escalation.step.since", when=when(notice.late_since, viewer))]
    if notice.earlier:
        facts.append(viewer.t("escalation.step.earlier", levels=_earlier(notice, viewer)))
    blocks: list[Any] = [section(f":rotating_light: {headline}"), context(" · ".join(facts))]
    blocks.append(actions(*_buttons(notice, viewer, acknowledge=True), block_id="escalation"))
    return Rendered(text=headline, blocks=blocks)


def _earlier(notice: Notice, viewer: Viewer) -> str:
    return "; ".join(
        viewer.t("escalation.step.level", level=step["level"], to=_target(step["to"], viewer),
                 people=", ".join(who(r) for r in step["recipients"]))
        for step in notice.earlier
    )  # fmt: skip


def _target(to: str, viewer: Viewer) -> str:
    if to.startswith("role:"):
        return viewer.t("escalation.to.role", role=to.removeprefix("role:"))
    return viewer.t(f"escalation.to.{to}")


def alert_message(notice: Notice, viewer: Viewer) -> Rendered:
    mine = notice.owner_id == viewer.member_id
    key = "escalation.alert.yours" if mine else "escalation.alert.theirs"
    headline = viewer.t(
        key, subject=subject(notice, viewer), late=lateness(notice, viewer),
        age=age(notice.late_since, viewer), owner=mention(notice.owner_id),
    )  # fmt: skip
    since = viewer.t("escalation.step.since", when=when(notice.late_since, viewer))
    blocks: list[Any] = [section(f":alarm_clock: {headline}"), context(since)]
    buttons = _buttons(notice, viewer, acknowledge=False)
    if buttons:
        blocks.append(actions(*buttons, block_id="escalation"))
    return Rendered(text=headline, blocks=blocks)


def _buttons(notice: Notice, viewer: Viewer, *, acknowledge: bool) -> list[Any]:
    value = str(notice.chain_id)
    found = []
    if acknowledge:
        found.append(button(viewer.t("escalation.button.acknowledge"), ACKNOWLEDGE_ACTION, value,
                            style="primary"))  # fmt: skip
    label = SETTLE_LABELS.get(notice.kind)
    if label:
        found.append(button(viewer.t(f"escalation.button.{label}"), SETTLE_ACTION, value))
    if notice.kind == "task" and not acknowledge and notice.detail.get("due_at"):
        due = datetime.fromisoformat(notice.detail["due_at"])
        found.append(button(viewer.t("tasks.button.snooze"), SNOOZE_ACTION,
                            snooze_value(notice.subject_id, due)))  # fmt: skip
    return found


def acknowledged_message(notice: Notice, viewer: Viewer) -> Rendered:
    text = viewer.t(
        "escalation.acknowledged.told", by=mention(notice.acknowledged_by),
        subject=subject(notice, viewer), when=_when_or_dash(notice.acknowledged_at, viewer),
    )  # fmt: skip
    return Rendered(text=text, blocks=[section(f":white_check_mark: {text}")])


def ended_message(notice: Notice, viewer: Viewer) -> Rendered:
    key = "escalation.ended.by" if notice.ended_by else "escalation.ended.told"
    text = viewer.t(key, subject=subject(notice, viewer), by=mention(notice.ended_by),
                    reason=viewer.t(f"escalation.reason.{notice.reason or 'gone'}"))  # fmt: skip
    return Rendered(text=text, blocks=[section(f":white_check_mark: {text}")])


def _when_or_dash(instant: datetime | None, viewer: Viewer) -> str:
    return when(instant, viewer) if instant else "—"


def acknowledge_answer(
    chain: ChainView, first: bool, viewer: Viewer, *, in_channel: bool = False
) -> Rendered:
    """What replaces the pressed message: acknowledged now, or already, by whom and when.
    In a channel everyone reads the replaced message, so it names who acknowledged."""
    notice = notice_of_view(chain)
    if chain.ended_at and not first:
        return ended_answer(chain, viewer, already=True)
    if first and in_channel:
        return acknowledged_message(notice, viewer)
    if first:
        text = viewer.t("escalation.acknowledged.you", subject=subject(notice, viewer),
                        told=max(len(_told(chain)) - 1, 0))  # fmt: skip
    else:
        text = viewer.t(
            "escalation.acknowledged.already", by=mention(chain.acknowledged_by),
            when=_when_or_dash(chain.acknowledged_at, viewer), subject=subject(notice, viewer),
        )  # fmt: skip
    blocks: list[Any] = [section(f":white_check_mark: {text}")]
    buttons = _buttons(notice, viewer, acknowledge=False)[:1]
    if buttons:
        blocks.append(actions(*buttons, block_id="escalation"))
    return Rendered(text=text, blocks=blocks)


def _told(chain: ChainView) -> set[str]:
    return {recipient for step in chain.steps for recipient in step.sent}


def ended_answer(chain: ChainView, viewer: Viewer, *, already: bool = False) -> Rendered:
    notice = notice_of_view(chain)
    key = "escalation.ended.already" if already else "escalation.ended.you"
    text = viewer.t(key, subject=subject(notice, viewer), by=mention(chain.ended_by),
                    reason=viewer.t(f"escalation.reason.{chain.end_reason or 'gone'}"))  # fmt: skip
    return Rendered(text=text, blocks=[section(f":white_check_mark: {text}")])


def morning_message(day: str, lines: list[Agenda], viewer: Viewer) -> Rendered:
    title = viewer.t("escalation.morning.title", day=_day(day, viewer), count=len(lines))
    blocks: list[Any] = [section(f":sunrise: *{title}*")]
    for line in lines[:MORNING_LINES]:
        blocks.append(section(_agenda_line(line, viewer)))
        if line.kind == "task":
            done = button(viewer.t("tasks.button.done"), TASK_DONE_ACTION, str(line.subject_id),
                          style="primary")  # fmt: skip
            snooze = button(viewer.t("tasks.button.snooze"), SNOOZE_ACTION,
                            snooze_value(line.subject_id, line.due_at))  # fmt: skip
            blocks.append(actions(done, snooze, block_id=f"task:{line.subject_id}"))
    if len(lines) > MORNING_LINES:
        blocks.append(
            context(viewer.t("escalation.morning.more", count=len(lines) - MORNING_LINES))
        )
    return Rendered(text=title, blocks=blocks)


def _agenda_line(line: Agenda, viewer: Viewer) -> str:
    what = viewer.t(f"escalation.subject.{line.kind}", id=line.subject_id, title=escape(line.title))
    state = "late" if line.late else "due"
    key = f"escalation.morning.{line.kind}_{state}"
    if line.kind == "feedback":
        key = f"escalation.morning.feedback_{line.detail.get('deadline', 'resolution')}_{state}"
    mark = ":red_circle:" if line.late else ":large_orange_circle:"
    return f"{mark} {what} · {viewer.t(key, when=when(line.due_at, viewer))}"


def chain_list(found: ChainList, viewer: Viewer) -> Rendered:
    title = viewer.t("escalation.list.title", count=found.total)
    lines = [_chain_line(chain, viewer) for chain in found.chains] or [
        viewer.t("escalation.list.empty")
    ]
    blocks: list[Any] = [section(f"*{title}*")] + [section(c) for c in chunk_lines(lines)]
    if found.total > len(found.chains):
        blocks.append(
            context(viewer.t("escalation.list.more", count=found.total - len(found.chains)))
        )
    return Rendered(text=title, blocks=blocks)


def _chain_line(chain: ChainView, viewer: Viewer) -> str:
    notice = notice_of_view(chain)
    parts = [
        f"{subject(notice, viewer)} {lateness(notice, viewer)}", mention(chain.owner_id),
        viewer.t("escalation.list.level", level=chain.level),
        viewer.t("escalation.list.age", age=age(chain.late_since, viewer)),
    ]  # fmt: skip
    if chain.acknowledged_by:
        parts.append(viewer.t("escalation.list.acknowledged", by=mention(chain.acknowledged_by)))
    return "• " + " · ".join(parts)
