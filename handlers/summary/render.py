"""The weekly summary as Block Kit: one section per part, each figure beside last week's.

Shared by the `/summary` reply and the weekly post (handlers/summary/notices.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta

from bot.feedback import humanize
from bot.summary import Figure, Money, Row, WeeklySummary
from bot.viewer import Viewer

from ..blocks import Rendered, chunk_lines, context, header, section
from ..feedback.render import category_name, severity_label
from ..mrkdwn import escape

Format = Callable[[float, Viewer], str]
PEOPLE_SHOWN = 5
SUB = "    ◦"  # a line under the one before


def count(value: float, viewer: Viewer) -> str:
    return f"{int(value):,}"


def percent(value: float, viewer: Viewer) -> str:
    return f"{round(value * 100)}%"


def duration(value: float, viewer: Viewer) -> str:
    return humanize(timedelta(seconds=value), viewer.language)


def _change(figure: Figure | Row, show: Format, viewer: Viewer) -> str:
    if figure.value is None or figure.before is None or figure.value == figure.before:
        return ""
    change = figure.value - figure.before
    sign = "+" if change > 0 else "−"
    if show is percent:
        points = round(abs(change) * 100)
        if not points:
            return ""
        return viewer.t(
            "summary.change", change=viewer.t("summary.points", sign=sign, points=points)
        )
    return viewer.t("summary.change", change=f"{sign}{show(abs(change), viewer)}")


def line(label: str, figure: Figure | Row, show: Format, viewer: Viewer, bullet: str = "•") -> str:
    """`• Created: *5* (last week 3, +2)`."""

    def shown(value: float | None) -> str:
        return viewer.t("summary.none") if value is None else show(value, viewer)

    return f"{bullet} " + viewer.t(
        "summary.figure", label=label, value=shown(figure.value), before=shown(figure.before),
        change=_change(figure, show, viewer),
    )  # fmt: skip


def _table(title: str, rows: Sequence[Row], label: Callable[[Row], str], viewer: Viewer) -> str:
    lines = [line(label(row), row, count, viewer, SUB) for row in rows]
    return "\n".join([f"• {title}", *lines])


def summary_message(view: WeeklySummary, viewer: Viewer) -> Rendered:
    first, last = view.monday.isoformat(), view.sunday.isoformat()
    title = viewer.t("summary.heading", team=view.team, first=first, last=last)
    if view.is_empty:
        text = viewer.t("summary.empty", first=first, last=last)
        return Rendered(text=text, blocks=[header(title), section(text)])
    when = viewer.local(view.as_of).strftime("%Y-%m-%d %H:%M")
    note = viewer.t("summary.as_of", first=first, last=last, zone=view.timezone, when=when)
    parts = [_tasks(view, viewer), _orders(view, viewer), _feedback(view, viewer),
             _standups(view, viewer), _kudos(view, viewer)]  # fmt: skip
    if not view.escalations.is_empty:
        parts.append(_escalations(view, viewer))
    blocks = [header(title), context(note)]
    for part in parts:
        blocks += [section(chunk) for chunk in chunk_lines(part)]
    return Rendered(text=title, blocks=blocks)


def _part(title_key: str, empty: bool, empty_key: str, lines: Callable[[], list[str]],
          viewer: Viewer) -> list[str]:  # fmt: skip
    return [viewer.t(title_key), viewer.t(empty_key) if empty else "\n".join(lines())]


def _people(rows: Sequence[Row], show: Format, viewer: Viewer) -> str:
    shown = [f"{escape(row.label(viewer.language))} ({show(row.value or 0, viewer)})"
             for row in rows[:PEOPLE_SHOWN]]  # fmt: skip
    if len(rows) > PEOPLE_SHOWN:
        shown.append(viewer.t("summary.more", count=len(rows) - PEOPLE_SHOWN))
    return ", ".join(shown)


def _tasks(view: WeeklySummary, viewer: Viewer) -> list[str]:
    tasks = view.tasks

    def lines() -> list[str]:
        found = [
            line(viewer.t("summary.tasks.created"), tasks.created, count, viewer),
            line(viewer.t("summary.tasks.done"), tasks.done, count, viewer),
            line(viewer.t("summary.tasks.on_time"), tasks.on_time, percent, viewer),
            line(viewer.t("summary.tasks.overdue"), tasks.overdue, count, viewer),
        ]
        if tasks.top_overdue:
            people = _people(tasks.top_overdue, count, viewer)
            found.append(f"{SUB} " + viewer.t("summary.tasks.top_overdue", people=people))
        if tasks.by_step:  # how each playbook step keeps its due dates
            found.append(f"• {viewer.t('playbooks.summary.on_time_by_step')}")
            found += [line(row.label(viewer.language), row, percent, viewer, SUB)
                      for row in tasks.by_step]  # fmt: skip
        return found

    return _part("summary.tasks.title", tasks.is_empty, "summary.tasks.empty", lines, viewer)


def _money(balances: Sequence[Money]) -> str:
    return ", ".join(f"{m.currency or '?'} {m.amount:,.2f} ({m.count})" for m in balances)


def _orders(view: WeeklySummary, viewer: Viewer) -> list[str]:
    orders = view.orders

    def lines() -> list[str]:
        label = viewer.t("summary.orders.by_stage")
        found = [
            _table(label, orders.by_stage, lambda row: row.label(viewer.language), viewer),
            line(viewer.t("summary.orders.shipped"), orders.shipped, count, viewer),
            line(viewer.t("summary.orders.arriving"), orders.arriving, count, viewer),
            line(viewer.t("summary.orders.stuck"), orders.stuck, count, viewer),
            line(viewer.t("summary.orders.balances"), orders.balances_overdue, count, viewer),
        ]
        if orders.balances:
            amounts = _money(orders.balances)
            found.append(f"{SUB} " + viewer.t("summary.orders.amounts", amounts=amounts))
        return found

    return _part("summary.orders.title", orders.is_empty, "summary.orders.empty", lines, viewer)


def _feedback(view: WeeklySummary, viewer: Viewer) -> list[str]:
    items = view.feedback

    def lines() -> list[str]:
        t = viewer.t
        found = [
            line(t("summary.feedback.new"), items.new, count, viewer),
            line(t("summary.feedback.resolved"), items.resolved, count, viewer),
            line(t("summary.feedback.first_response"), items.first_response, duration, viewer),
            line(t("summary.feedback.resolution"), items.resolution, duration, viewer),
            line(t("summary.feedback.sla_met"), items.sla_met, percent, viewer),
            _table(t("summary.feedback.open_by_severity"), items.open_by_severity,
                   lambda row: severity_label(row.key, viewer), viewer),
        ]  # fmt: skip
        if items.categories:
            found.append(_table(t("summary.feedback.categories"), items.categories[:5],
                                lambda row: category_name(row.key, viewer), viewer))  # fmt: skip
        return found

    empty = items.is_empty
    return _part("summary.feedback.title", empty, "summary.feedback.empty", lines, viewer)


def _standups(view: WeeklySummary, viewer: Viewer) -> list[str]:
    standups = view.standups

    def lines() -> list[str]:
        t = viewer.t
        people = [
            line(escape(row.label(viewer.language)), row, percent, viewer, SUB)
            for row in standups.people
        ]
        return [
            line(t("summary.standups.participation"), standups.participation, percent, viewer),
            f"• {t('summary.standups.people')}", *people,
            line(t("summary.standups.blockers"), standups.blockers, count, viewer),
            line(t("summary.standups.blockers_open"), standups.blockers_open, count, viewer),
        ]  # fmt: skip

    empty = standups.is_empty
    return _part("summary.standups.title", empty, "summary.standups.empty", lines, viewer)


def _kudos(view: WeeklySummary, viewer: Viewer) -> list[str]:
    kudos = view.kudos

    def lines() -> list[str]:
        people = _people(kudos.thanked, count, viewer)
        return [
            line(viewer.t("summary.kudos.given"), kudos.given, count, viewer),
            f"{SUB} " + viewer.t("summary.kudos.thanked", people=people),
        ]

    return _part("summary.kudos.title", kudos.is_empty, "summary.kudos.empty", lines, viewer)


def _escalations(view: WeeklySummary, viewer: Viewer) -> list[str]:
    figures = view.escalations
    counts = [
        line(viewer.t(f"escalation.summary.{name}"), getattr(figures, name), count, viewer)
        for name in ("opened", "acknowledged", "ended")
    ]
    median = line(viewer.t("escalation.summary.to_acknowledge"), figures.to_acknowledge,
                  duration, viewer)  # fmt: skip
    return [viewer.t("escalation.summary.title"), "\n".join([*counts, median])]
