"""The words orders are shown in, shared by every order message: dates, who changed what."""

from __future__ import annotations

from datetime import date, datetime

from bot.orders import ChangeView, PipelineView
from bot.viewer import Viewer

from ..mrkdwn import mention
from ..playbooks.render import forced_text, history_text

SYSTEM_ACTORS = ("import", "webhook")
MAX_VALUE = 80  # characters of a changed value shown in history


def day_text(day: date | None, viewer: Viewer, relative: bool = False) -> str:
    """`Tue 1 Dec 2026 (in 3 days)` / `2026年12月1日 周二（3 天后）`."""
    if day is None:
        return viewer.t("orders.none")
    text = viewer.t(
        "orders.date.format",
        weekday=viewer.t("orders.date.weekdays").split()[day.weekday()],
        day=day.day,
        month=viewer.t("orders.date.months").split()[day.month - 1],
        year=day.year,
    )
    if not relative:
        return text
    return viewer.t("orders.date.with_relative", date=text, relative=_relative(day, viewer))


def _relative(day: date, viewer: Viewer) -> str:
    offset = (day - viewer.today).days
    named = {0: "orders.day.today", 1: "orders.day.tomorrow", -1: "orders.day.yesterday"}
    if offset in named:
        return viewer.t(named[offset])
    return viewer.t("orders.day.ahead" if offset > 0 else "orders.day.ago", days=abs(offset))


def when_text(instant: datetime, viewer: Viewer) -> str:
    return viewer.stamp(instant)


def actor_text(actor: str, viewer: Viewer) -> str:
    return viewer.t(f"orders.actor.{actor}") if actor in SYSTEM_ACTORS else mention(actor)


def change_line(change: ChangeView, stages: PipelineView, viewer: Viewer) -> str:
    if change.action == "created":
        what = viewer.t("orders.history.created")
    elif change.action == "checklist":
        stage = change.detail.get("stage") or ""
        names = {lang: stages.name(stage, lang) for lang in ("en", "zh")}
        what = history_text(change.detail, names, viewer)
    else:
        what = summary_of_changes(change.fields, stages, viewer)
    what += f" · {forced_text(change.detail, viewer)}" if change.detail.get("forced") else ""
    when, who = when_text(change.changed_at, viewer), actor_text(change.actor, viewer)
    return viewer.t("orders.history.line", when=when, who=who, what=what)


def summary_of_changes(
    changes: dict[str, list[str | None]], stages: PipelineView, viewer: Viewer
) -> str:
    """`Stage *Production* → *Booked*; ETA 2026-12-01 → 2026-12-05`."""
    return viewer.t("orders.history.separator").join(
        viewer.t(
            "orders.history.change",
            field=viewer.t(f"orders.field.{name}"),
            old=_value_text(name, old, stages, viewer),
            new=_value_text(name, new, stages, viewer),
        )
        for name, (old, new) in changes.items()
    )


def _value_text(name: str, value: str | None, stages: PipelineView, viewer: Viewer) -> str:
    if not value:
        return viewer.t("orders.none")
    if name == "stage":
        return f"*{stages.name(value, viewer.language)}*"
    if name == "owner":
        return mention(value)
    value = value.replace("\n", " ")
    return value if len(value) <= MAX_VALUE else value[: MAX_VALUE - 1] + "…"
