"""Daily standups: prompts at each participant's own morning, answers in one thread per day,
reminders, blockers to managers, away ranges, reports and participation.

Entry points for the Slack side: `answer_form`, `entry_form`, `report`, `stats` (reads);
`answer`, `skip`, `help_with_blocker`, `set_away`, `come_back` (writes). The scheduler's
providers are `due.PROVIDERS`. Parsing of `/standup` arguments is in `parsing`.
"""

from __future__ import annotations

from .parsing import (
    parse_away,
    parse_back,
    parse_report,
    parse_stats,
    says_something,
    standup_name,
)
from .queries import answer_form, entry_form, report, stats
from .service import answer, come_back, help_with_blocker, set_away, skip
from .standups import names, standup_for, standup_named
from .views import (
    Answered,
    AnswerForm,
    Away,
    Back,
    Helping,
    Question,
    Report,
    ReportLine,
    Skipped,
    Stats,
)

__all__ = [
    "AnswerForm",
    "Answered",
    "Away",
    "Back",
    "Helping",
    "Question",
    "Report",
    "ReportLine",
    "Skipped",
    "Stats",
    "answer",
    "answer_form",
    "come_back",
    "entry_form",
    "help_with_blocker",
    "names",
    "parse_away",
    "parse_back",
    "parse_report",
    "parse_stats",
    "report",
    "says_something",
    "set_away",
    "skip",
    "standup_for",
    "standup_name",
    "standup_named",
    "stats",
]
