"""/standup in the one command grammar, through signed requests: words beyond what a
subcommand takes are named in the reader's language, and nothing changes."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from storage.models import StandupAbsence


def say(slack, text, user="UANA"):
    return slack.reply_text(slack.command("/standup", text, user=user))


def test_words_after_back_are_named_and_the_member_stays_away(desk):
    say(desk, "away until fri")
    text = say(desk, "back from holiday")
    assert "I didn't understand `from holiday`." in text
    assert "Usage: `/standup back`" in text
    chinese = say(desk, "back 明天 再说", user="ULI")
    assert "看不懂 `明天 再说`。" in chinese
    with desk.core.read() as unit:
        absence = unit.session.scalars(select(StandupAbsence)).one()
    assert (absence.member_id, absence.last_day) == ("UANA", date(2026, 12, 4))


def absences(slack):
    with slack.core.read() as unit:
        rows = unit.session.scalars(select(StandupAbsence)).all()
    return [(row.member_id, row.first_day, row.last_day) for row in rows]


def test_words_after_an_away_day_are_named_and_no_absence_is_kept(desk):
    text = say(desk, "away until fri please")
    assert "I didn't understand `please`." in text
    assert "Usage: `/standup away until DATE`" in text
    chinese = say(desk, "away 直到 周五 出差", user="ULI")
    assert "看不懂 `出差`。" in chinese
    assert absences(desk) == []


@pytest.mark.parametrize(
    "text",
    ["from mon until fri", "从 周一 到 周五", '"next mon" to "next fri"', "mon to fri"],
)
def test_an_away_range_may_name_its_first_day_with_from(desk, text):
    say(desk, f"away {text}")
    assert absences(desk) == [("UANA", date(2026, 12, 7), date(2026, 12, 11))]


def test_every_problem_with_an_away_range_is_named_at_once(desk):
    text = say(desk, "away from someday until never <@ULI|li> <@UANA|ana>")
    assert "3 things to fix" in text
    assert "can't read `someday`" in text and "can't read `never`" in text
    assert "I didn't understand `<@UANA|ana>`." in text
    assert absences(desk) == []


def test_words_after_a_report_day_are_named(desk):
    text = say(desk, "report yesterday please")
    assert "I didn't understand `please`." in text
    assert "Usage: `/standup report [DATE] [@member]`" in text


def test_a_report_day_may_be_given_as_a_key_in_chinese(desk):
    text = say(desk, "report 日期 昨天 <@ULI|li>", user="ULI")
    assert "看不懂" not in text and "用法" not in text


def test_stats_name_the_words_they_did_not_understand_with_a_bad_number(desk):
    text = say(desk, "stats weeks 99 please")
    assert "2 things to fix" in text
    assert "I didn't understand `please`." in text
    assert "I can't read `99` as a number of weeks" in text
    assert "Usage: `/standup stats [@member] [weeks N]`" in text


@pytest.mark.parametrize("text", ["stats 周数 8", "stats 8周", "stats weeks 8", "stats 8 weeks"])
def test_stats_weeks_in_every_form(desk, text):
    reply = say(desk, text, user="ULI")
    assert "最近 8 周没有站会邀请" in reply


def test_someone_no_one_knows_is_named_with_an_unreadable_away_day(desk):
    text = say(desk, "away <@UGHOST|ghost> until someday")
    assert "2 things to fix" in text
    assert "`<@UGHOST>` is not a person I know" in text
    assert "can't read `someday`" in text
    assert "Usage: `/standup away" in text
    assert absences(desk) == []


def test_someone_no_one_knows_is_named_with_a_report_day_still_ahead_in_chinese(desk):
    text = say(desk, "report @nobody 2026-12-09", user="ULI")
    assert "有 2 处需要修改" in text
    assert "不认识 `@nobody`" in text and "2026-12-09 还没到" in text
    assert "用法：`/standup report" in text


def test_someone_no_one_knows_is_named_with_a_bad_number_of_weeks(desk):
    text = say(desk, "stats @nobody weeks 99")
    assert "2 things to fix" in text
    assert "`@nobody` is not a person I know" in text
    assert "I can't read `99` as a number of weeks" in text


def test_someone_no_one_knows_is_named_with_the_words_after_back(desk):
    text = say(desk, "back @nobody from holiday")
    assert "2 things to fix" in text
    assert "`@nobody` is not a person I know" in text
    assert "I didn't understand `from holiday`." in text


def test_the_away_usage_line_shows_the_from_until_form_in_both_languages(desk):
    english = say(desk, "away until fri please")
    assert "Usage: `/standup away until DATE` or `/standup away [from] DATE until DATE`" in english
    chinese = say(desk, "away 直到 周五 出差", user="ULI")
    assert "`/standup away [from] 日期 until 日期`（也可写 `从 日期 到 日期`" in chinese


def test_the_report_and_stats_usage_lines_name_their_keys(desk):
    assert "also `date DATE`" in say(desk, "report yesterday please")
    assert "也可写 `周数 N` 或 `N周`" in say(desk, "stats weeks 99", user="ULI")
