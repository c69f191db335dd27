"""/kudos in the one command grammar, through signed requests: a quoted reason is taken as
written, and every problem (no reason, each stranger) is named at once."""

from __future__ import annotations

import pytest

USAGE = "/kudos @member [@member …] REASON"


@pytest.fixture
def team(slack, fake_slack):
    for slack_id, name in [("UANA", "ana"), ("ULI", "li")]:
        fake_slack.add_user(slack_id, name=name, tz="Asia/Shanghai")
    fake_slack.add_user("UZHAO", name="zhao", tz="Asia/Shanghai", locale="zh-CN")
    slack.command("/team", "", user="UANA")
    fake_slack.reset()
    return slack


def test_a_quoted_reason_is_posted_without_its_quotes(team):
    team.command("/kudos", "<@ULI|li> “for the fast booking”", user="UANA")
    (post,) = team.sent_messages("CTEAM")
    assert post["text"] == ":tada: <@UANA> thanks <@ULI>: for the fast booking"


def test_every_stranger_and_the_missing_reason_are_named_at_once(team):
    reply = team.reply_text(team.command("/kudos", "@nobody-here @ghost", user="UANA"))
    assert "3 things to fix" in reply
    assert "`@nobody-here` is not a person I know" in reply
    assert "`@ghost` is not a person I know" in reply
    assert "Say what you thank them for" in reply and USAGE in reply
    assert team.sent_messages() == []


def test_nobody_and_no_reason_are_named_at_once_in_chinese(team):
    reply = team.reply_text(team.command("/kudos", "", user="UZHAO"))
    assert "有 2 处需要修改" in reply
    assert "请先用 @ 提及你要感谢的人。" in reply and "请在名字后面写上感谢的理由。" in reply
    assert "用法：`/kudos" in reply
