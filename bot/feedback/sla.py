"""Service levels: when a first response and a resolution are due, and how long things took.

Deadlines are plain elapsed hours from when the feedback was logged (a customer abroad does
not wait less over our weekend), per severity from `settings.feedback.sla`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..config import DEFAULT_FEEDBACK_SLA, Settings, SeveritySla
from ..i18n import t


@dataclass(frozen=True)
class Deadlines:
    first_response_due_at: datetime
    resolution_due_at: datetime


def sla_for(settings: Settings, severity: str) -> SeveritySla:
    """The configured SLA for `severity` (the built-in one when config leaves it out)."""
    configured = settings.feedback.sla.get(severity)  # type: ignore[call-overload]
    return configured or DEFAULT_FEEDBACK_SLA[severity]  # type: ignore[index]


def deadlines(settings: Settings, severity: str, logged_at: datetime) -> Deadlines:
    sla = sla_for(settings, severity)
    return Deadlines(
        first_response_due_at=logged_at + timedelta(hours=sla.first_response_hours),
        resolution_due_at=logged_at + timedelta(hours=sla.resolution_hours),
    )


def breached(due_at: datetime, done_at: datetime | None, now: datetime) -> bool:
    """Past due: done after the deadline, or not done and the deadline has passed."""
    return (done_at or now) > due_at


def humanize(delta: timedelta, lang: str) -> str:
    """A duration the way people say it: "45m", "3h 20m", "2d 4h" (and in Chinese)."""
    minutes = max(int(delta.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        key = "feedback.duration.days_hours" if hours else "feedback.duration.days"
        return t(key, lang, days=days, hours=hours)
    if hours:
        key = "feedback.duration.hours_minutes" if minutes else "feedback.duration.hours"
        return t(key, lang, hours=hours, minutes=minutes)
    return t("feedback.duration.minutes", lang, minutes=minutes)
