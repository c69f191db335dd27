"""/kudos through signed requests: a thank-you in the team channel, a DM to each person
thanked, counted in the summary; bad input gets the usage line and changes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.summary import Week, build
from storage.models import Kudos, KudosThanked
from tests.support.driver import visible_text

USAGE = "/kudos @member [@member …] REASON"


@pytest.fixture
def team(slack, fake_slack):
    for slack_id, name in [("UANA", "ana"), ("ULI", "li"), ("UWANG", "wang")]:
        fake_slack.add_user(slack_id, name=name, tz="Asia/Shanghai")
    slack.command("/team", "", user="UANA")  # ana has met the bot
    fake_slack.reset()
    return slack


def kudos(slack, text, user="UANA"):
    return slack.reply_text(slack.command("/kudos", text, user=user))


def recorded(slack):
    with slack.core.read() as unit:
        return unit.session.scalar(select(func.count()).select_from(Kudos))


def test_thanking_two_people_posts_in_the_team_channel_and_tells_each_of_them(team):
    reply = kudos(team, "<@ULI|li> <@UWANG|wang> for clearing customs in one day")
    assert "Your thanks to <@ULI>, <@UWANG> is posted in <#CTEAM>" in reply
    (post,) = team.sent_messages("CTEAM")
    assert post["text"] == (
        ":tada: <@UANA> thanks <@ULI>, <@UWANG>: for clearing customs in one day"
    )
    for person in ("ULI", "UWANG"):
        (dm,) = team.sent_messages(person)
        assert dm["text"] == ":tada: <@UANA> thanked you: for clearing customs in one day"


def test_kudos_are_counted_in_the_weeks_summary(team):
    kudos(team, "<@ULI|li> for the fast booking")
    kudos(team, "<@ULI|li> <@UWANG|wang> for the weekend shift")
    with team.core.read() as unit:
        summary = build(unit, Week.of_instant(unit.now, "Asia/Shanghai"))
    assert summary.kudos.given.value == 2
    assert [(row.key, row.value) for row in summary.kudos.thanked] == [("ULI", 2), ("UWANG", 1)]


def test_a_reason_with_a_channel_ping_is_shown_without_pinging_anyone(team):
    kudos(team, "<@ULI|li> for <!channel> heroics")
    (post,) = team.sent_messages("CTEAM")
    assert "<!channel>" not in post["text"] and "@channel heroics" in post["text"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "Say whom you thank"),
        ("for nothing in particular", "Say whom you thank"),
        ("<@ULI|li>", "Say what you thank them for"),
        ("<@UANA|ana> for being me", "can't give yourself kudos"),
        ("<@ULI|li> <@UANA|ana> for us", "can't give yourself kudos"),
        ("@nobody-here for trying", "is not a person I know"),
    ],
)
def test_bad_input_gets_the_usage_line_and_changes_nothing(team, text, problem):
    reply = kudos(team, text)
    assert problem in reply and USAGE in reply
    assert recorded(team) == 0
    assert team.sent_messages() == []


def test_thanking_the_same_person_twice_in_one_go_thanks_them_once(team):
    kudos(team, "<@ULI|li> <@ULI|li> for everything")
    assert len(team.sent_messages("ULI")) == 1
    with team.core.read() as unit:
        assert unit.session.scalar(select(func.count()).select_from(KudosThanked)) == 1


def test_chinese_speakers_get_their_kudos_in_chinese(team, fake_slack):
    fake_slack.add_user("UZHAO", name="zhao", tz="Asia/Shanghai", locale="zh-CN")
    kudos(team, "<@UZHAO|zhao> 一天内完成清关")
    (dm,) = team.sent_messages("UZHAO")
    assert visible_text(dm).startswith(":tada: <@UANA> 感谢了你：一天内完成清关")


def test_a_member_named_by_their_slack_name_is_thanked_too(team):
    kudos(team, "<@ULI|li> for the fast booking")  # the bot meets li
    kudos(team, "@li for the second booking")
    assert len(team.sent_messages("ULI")) == 2
