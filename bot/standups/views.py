"""Standups as plain values for the Slack side. Questions carry both languages; the renderer
picks the reader's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Question:
    key: str
    en: str
    zh: str

    def text(self, language: str) -> str:
        return self.zh if language == "zh" else self.en


@dataclass(frozen=True)
class AnswerForm:
    """What the answer modal shows: the questions, what was answered, yesterday's plan."""

    standup: str
    day: date
    questions: tuple[Question, ...]
    answers: dict[str, str]
    planned_yesterday: str | None  # the member's last "today" answer, a hint for "yesterday"


@dataclass(frozen=True)
class Answered:
    standup: str
    day: date
    first_time: bool  # False: an edit of the reply already in the thread
    has_blocker: bool


@dataclass(frozen=True)
class Skipped:
    day: date
    changed: bool  # False: already skipped (a second press) or already answered


@dataclass(frozen=True)
class Helping:
    member_id: str
    helper_id: str
    first: bool  # False: someone (helper_id) had already said they would help


@dataclass(frozen=True)
class Away:
    member_id: str
    first_day: date
    last_day: date


@dataclass(frozen=True)
class Back:
    member_id: str
    ended: int  # absences ended or removed


@dataclass(frozen=True)
class ReportLine:
    member_id: str
    name: str
    status: str  # prompted (no answer), answered, skipped
    answers: tuple[tuple[Question, str], ...]
    has_blocker: bool


@dataclass(frozen=True)
class Report:
    standup: str
    day: date
    lines: tuple[ReportLine, ...]


@dataclass(frozen=True)
class Stats:
    member_id: str
    weeks: int
    asked: int
    answered: int
    skipped: int
    streak: int  # answered days in a row, most recent first (a skipped day does not break it)
    blockers: int

    @property
    def rate(self) -> int:
        """Participation in percent of the days asked (skipped days count as not answered)."""
        return round(100 * self.answered / self.asked) if self.asked else 0
