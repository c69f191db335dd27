"""How orders look in Slack: the status card, change lines, dates, stage-change messages."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.config import Settings
from bot.i18n import t
from bot.notify import Outgoing
from bot.orders import ChangeView, StatusView, pipeline
from bot.orders.reports import StageClock
from bot.orders.views import OrderView

from .blocks import Rendered, actions, button, context, fields, header, section
from .mrkdwn import mention

SYSTEM_ACTORS = ("import", "webhook")
DONE, CURRENT, AHEAD = ":white_check_mark:", ":large_blue_circle:", ":white_circle:"
MAX_VALUE = 80  # characters of a changed value shown in history
CONTAINERS_SHOWN = 40  # on the card; a field holds 2,000 characters
NOTES_SHOWN = 1500


def day_text(day: date | None, lang: str, today: date | None = None) -> str:
    """`Tue 1 Dec 2026 (in 3 days)` / `2026年12月1日 周二（3 天后）`."""
    if day is None:
        return t("orders.none", lang)
    text = t(
        "orders.date.format",
        lang,
        weekday=t("orders.date.weekdays", lang).split()[day.weekday()],
        day=day.day,
        month=t("orders.date.months", lang).split()[day.month - 1],
        year=day.year,
    )
    if today is None:
        return text
    return t("orders.date.with_relative", lang, date=text, relative=_relative(day, today, lang))


def _relative(day: date, today: date, lang: str) -> str:
    offset = (day - today).days
    named = {0: "orders.day.today", 1: "orders.day.tomorrow", -1: "orders.day.yesterday"}
    if offset in named:
        return t(named[offset], lang)
    key = "orders.day.ahead" if offset > 0 else "orders.day.ago"
    return t(key, lang, days=abs(offset))


def when_text(instant: datetime, zone: ZoneInfo) -> str:
    return instant.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def actor_text(actor: str, lang: str) -> str:
    return t(f"orders.actor.{actor}", lang) if actor in SYSTEM_ACTORS else mention(actor)


def progress_line(settings: Settings, stage: str, lang: str) -> str:
    """Every stage of the pipeline, done ones ticked and the current one in bold."""
    keys = pipeline.progress_keys(settings)
    here = pipeline.position(settings, stage)
    marks = [DONE if index < here else AHEAD for index in range(len(keys))]
    if here >= 0:
        marks[here] = CURRENT
    parts = [
        f"{mark} {pipeline.stage_name(settings, key, lang)}"
        for mark, key in zip(marks, keys, strict=True)
    ]
    if here >= 0:
        parts[here] = f"{CURRENT} *{pipeline.stage_name(settings, stage, lang)}*"
    line = " → ".join(parts)
    if here < 0:  # cancelled: the line shows how far it got no more
        line = f":no_entry: *{pipeline.stage_name(settings, stage, lang)}*\n~{line}~"
    return line


def clock_text(settings: Settings, stage: str, clock: StageClock, lang: str) -> str:
    name = pipeline.stage_name(settings, stage, lang)
    if clock.late:
        return t("orders.status.late", lang, days=clock.days, stage=name, sla=clock.sla_days)
    if clock.sla_days:
        return t("orders.status.clock", lang, days=clock.days, stage=name, sla=clock.sla_days)
    return t("orders.status.clock_no_sla", lang, days=clock.days, stage=name)


def status_message(
    settings: Settings, status: StatusView, lang: str, zone: ZoneInfo, now: datetime
) -> Rendered:
    order = status.order
    title = t("orders.status.header", lang, number=order.number, customer=order.customer_name)
    position = pipeline.position(settings, order.stage)
    count = len(pipeline.progress_keys(settings))
    stage_lines = [progress_line(settings, order.stage, lang)]
    if position >= 0:
        stage_lines.append(t("orders.status.position", lang, index=position + 1, count=count))
    blocks: list[Any] = [
        header(title),
        section("\n".join(stage_lines)),
        section(_clock_line(settings, status, lang, zone)),
        *_detail_sections(order, lang, now.astimezone(zone).date()),
        context(_recent_text(settings, status.recent, lang, zone)),
        _buttons(order.number, status.watching, lang),
    ]
    return Rendered(
        text=f"{title} · {pipeline.stage_name(settings, order.stage, lang)}", blocks=blocks
    )


def _clock_line(settings: Settings, status: StatusView, lang: str, zone: ZoneInfo) -> str:
    """Days in the stage against its SLA, who moves it on, since when, who watches."""
    order = status.order
    parts = [clock_text(settings, order.stage, status.clock, lang)]
    role = pipeline.responsible_role(settings, order.stage)
    if role:
        parts.append(t("orders.status.responsible", lang, role=t(f"team.role.{role}", lang)))
    parts.append(t("orders.status.since", lang, when=when_text(order.stage_since, zone)))
    if status.watchers:
        parts.append(t("orders.status.watchers", lang, count=status.watchers))
    return " · ".join(parts)


def _detail_sections(order: OrderView, lang: str, today: date) -> list[Any]:
    none = t("orders.none", lang)

    def label(name: str) -> str:
        return t(f"orders.field.{name}", lang)

    customer = order.customer_name + (
        f" ({order.customer_country})" if order.customer_country else ""
    )
    first = [
        (label("customer"), customer),
        (label("owner"), mention(order.owner_id)),
        (label("etd"), day_text(order.etd, lang, today)),
        (label("eta"), day_text(order.eta, lang, today)),
        (label("vessel"), order.vessel or none),
        (label("containers"), _containers(order.containers, lang) or none),
        (label("bl_number"), f"`{order.bl_number}`" if order.bl_number else none),
        (label("incoterm"), order.incoterm or none),
        (label("amount"), _amount(order) or none),
        (label("ports"), _ports(order, none)),
    ]
    second = [
        (label("supplier"), order.supplier),
        (label("payment"), _payment(order, lang)),
        (label("notes"), _latest_notes(order.notes)),
    ]
    extra = [(name, value) for name, value in second if value]
    return [fields(*first)] + ([fields(*extra)] if extra else [])


def _containers(numbers: tuple[str, ...], lang: str) -> str:
    shown = " ".join(f"`{each}`" for each in numbers[:CONTAINERS_SHOWN])
    if len(numbers) > CONTAINERS_SHOWN:
        shown += " " + t("orders.status.more", lang, count=len(numbers) - CONTAINERS_SHOWN)
    return shown


def _ports(order: OrderView, none: str) -> str:
    if not (order.port_of_loading or order.port_of_discharge):
        return none
    return f"{order.port_of_loading or none} → {order.port_of_discharge or none}"


def _latest_notes(notes: str | None) -> str | None:
    """Notes grow as `note` adds lines; when they outgrow the card, show the newest end."""
    if not notes or len(notes) <= NOTES_SHOWN:
        return notes
    return "…" + notes[-(NOTES_SHOWN - 1) :]


def _amount(order: OrderView) -> str:
    if order.amount is None:
        return ""
    return f"{order.currency or ''} {order.amount:,.2f}".strip()


def _payment(order: OrderView, lang: str) -> str:
    parts = []
    if order.balance_due:
        parts.append(t("orders.status.balance", lang, due=day_text(order.balance_due, lang)))
    if order.paid_on:
        parts.append(t("orders.status.paid", lang, paid=day_text(order.paid_on, lang)))
    return " · ".join(parts)


def _recent_text(settings: Settings, recent: list[ChangeView], lang: str, zone: ZoneInfo) -> str:
    lines = [t("orders.status.recent", lang)]
    lines += [change_line(settings, change, lang, zone) for change in recent]
    return "\n".join(lines if recent else [*lines, t("orders.status.no_changes", lang)])


def _buttons(number: str, watching: bool, lang: str) -> Any:
    watch = (
        button(t("orders.button.unwatch", lang), "orders.unwatch", number)
        if watching
        else button(t("orders.button.watch", lang), "orders.watch", number, style="primary")
    )
    return actions(watch, button(t("orders.button.history", lang), "orders.history", number))


def change_line(settings: Settings, change: ChangeView, lang: str, zone: ZoneInfo) -> str:
    if change.action == "created":
        what = t("orders.history.created", lang)
    else:
        what = summary_of_changes(settings, change.fields, lang)
    who = actor_text(change.actor, lang)
    return t(
        "orders.history.line", lang, when=when_text(change.changed_at, zone), who=who, what=what
    )


def summary_of_changes(settings: Settings, changes: dict[str, list[str | None]], lang: str) -> str:
    """`Stage *Production* → *Booked*; ETA 2026-12-01 → 2026-12-05`."""
    return t("orders.history.separator", lang).join(
        _field_change(settings, name, old, new, lang) for name, (old, new) in changes.items()
    )


def _field_change(
    settings: Settings, name: str, old: str | None, new: str | None, lang: str
) -> str:
    return t(
        "orders.history.change",
        lang,
        field=t(f"orders.field.{name}", lang),
        old=_value_text(settings, name, old, lang),
        new=_value_text(settings, name, new, lang),
    )


def _value_text(settings: Settings, name: str, value: str | None, lang: str) -> str:
    if not value:
        return t("orders.none", lang)
    if name == "stage":
        return f"*{pipeline.stage_name(settings, value, lang)}*"
    if name == "owner":
        return mention(value)
    value = value.replace("\n", " ")
    return value if len(value) <= MAX_VALUE else value[: MAX_VALUE - 1] + "…"


def render_stage_changed(outgoing: Outgoing) -> Rendered:
    """A stage change, in the reader's language (stage names travel in both)."""
    lang, payload = outgoing.language, outgoing.payload
    text = t(
        "orders.notify.stage_changed",
        lang,
        number=payload["number"],
        customer=payload["customer"],
        old=payload["from"].get(lang) or payload["from"]["en"],
        new=payload["to"].get(lang) or payload["to"]["en"],
    )
    details = [t("orders.notify.by", lang, actor=actor_text(payload["actor"], lang))]
    if payload.get("eta"):
        details.append(
            t("orders.notify.eta", lang, eta=day_text(date.fromisoformat(payload["eta"]), lang))
        )
    if payload.get("sla_days"):
        details.append(t("orders.notify.sla", lang, sla=payload["sla_days"]))
    number = payload["number"]
    buttons = actions(
        button(t("orders.button.status", lang), "orders.status", number),
        button(t("orders.button.history", lang), "orders.history", number),
    )
    return Rendered(text=text, blocks=[section(text), context(" · ".join(details)), buttons])
