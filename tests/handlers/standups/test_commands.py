"""/standup through signed requests: away and back, reports, stats, the form, and clear
refusals of what cannot be read, in English and Chinese."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot import standups


def say(slack, text, user="UANA"):
    return slack.reply_text(slack.command("/standup", text, user=user))


def test_away_until_a_day_and_back_again(desk):
    reply = say(desk, "away until fri")
    assert "away from Tue 2026-12-01 to Fri 2026-12-04" in reply
    assert "Welcome back" in say(desk, "back")


def test_away_for_a_range_in_chinese(desk):
    reply = say(desk, "away 12月20日 到 12月31日", user="ULI")
    assert "2026-12-20 周日 到 2026-12-31 周四 请假" in reply


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("away", "Say until when"),
        ("away until yesterday", "has already passed"),
        ("away until the cows come home", "can't read"),
        ("report 2026-12-24", "still ahead"),
        ("stats weeks 99", "weeks"),
    ],
)
def test_bad_input_is_refused_with_the_usage_line_and_changes_nothing(desk, text, expected):
    reply = say(desk, text)
    assert expected.lower() in reply.lower()
    assert "Usage:" in reply
    with desk.core.read() as unit:
        from storage.models import StandupAbsence

        assert unit.session.query(StandupAbsence).count() == 0


def test_a_member_may_not_set_a_colleague_away(desk):
    reply = say(desk, "away <@ULI|li> until fri")
    assert "managers or an admin" in reply


def test_the_report_shows_who_answered_what_and_who_did_not(desk):
    standups.answer(
        desk.core,
        "UANA",
        "daily",
        datetime(2026, 12, 1).date(),
        {"today": "book containers", "blockers": "waiting for the B/L"},
    )
    reply = say(desk, "report today")
    assert "*ana*" in reply and "book containers" in reply and "Blocker" in reply
    assert "1 of 1 answered" in reply


def test_stats_in_chinese(desk):
    reply = say(desk, "stats", user="ULI")
    assert "最近 4 周没有站会邀请" in reply


def test_the_command_alone_opens_the_form_with_the_questions(desk, fake_slack):
    assert desk.command("/standup", "", user="UANA").status == 200
    view = fake_slack.last("views.open").params["view"]
    assert "What will you do today?" in str(view)


def test_a_chinese_member_gets_the_questions_in_chinese(desk, fake_slack):
    desk.command("/standup", "", user="ULI")
    assert "今天打算做什么" in str(fake_slack.last("views.open").params["view"])


def test_an_empty_form_is_refused_beside_the_first_question(desk):
    metadata = '{"standup": "daily", "day": "2026-12-01"}'  # today: desk runs on 2026-12-01
    values = {key: {"answer": {"type": "plain_text_input", "value": ""}}
              for key in ("yesterday", "today", "blockers")}  # fmt: skip
    response = desk.submit("UANA", "standups.answer", values, private_metadata=metadata)
    assert response.json()["response_action"] == "errors"
    assert "yesterday" in response.json()["errors"]


def test_the_team_sets_a_members_country_and_workdays(desk, fake_slack):
    fake_slack.add_user("UADMIN", name="admin", tz="Asia/Shanghai")
    reply = desk.reply_text(desk.command("/team", "country <@UANA|ana> ES", user="UADMIN"))
    assert "public holidays of ES" in reply
    reply = desk.reply_text(desk.command("/team", "workdays sun-thu", user="UANA"))
    assert "Mon, Tue, Wed, Thu, Sun" in reply
    reply = desk.reply_text(desk.command("/team", "workdays someday", user="UANA"))
    assert "can't read `someday` as weekdays" in reply
