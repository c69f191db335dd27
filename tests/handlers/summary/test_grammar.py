"""/summary in the one command grammar, through signed requests: the week as words, in
quotes or as `date DATE`; words after it are named in the reader's language."""

from __future__ import annotations

import pytest

from tests.handlers.summary.test_commands import ENGLISH, ask, without_fallback
from tests.support.summary_data import POST_TIME, seed_week


@pytest.fixture
def monday(slack):
    """The Monday morning after the seeded week."""
    slack.core.clock.now = lambda: POST_TIME
    seed_week(slack.core)
    return slack


@pytest.mark.parametrize("text", ['"last week"', "date 2026-12-03", "日期 2026-11-30"])
def test_a_quoted_week_or_a_date_key_gives_that_weeks_summary(monday, text):
    assert without_fallback(ask(monday, text)) == ENGLISH


def test_words_after_the_week_are_named_not_read_as_a_date(monday):
    text = ask(monday, "last week please")
    assert "I didn't understand `please`." in text
    assert "can't read" not in text
    assert "Usage: `/summary [this|last] week`" in text
    assert "Created" not in text


def test_a_week_and_a_date_key_together_name_the_week_words(monday):
    text = ask(monday, "this week date 2026-12-03")
    assert "I didn't understand `this week`." in text


def test_the_usage_line_names_the_date_key(monday):
    assert "or `/summary DATE` (`date DATE`)" in ask(monday, "last week please")
