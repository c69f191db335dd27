"""/team in the one command grammar, through signed requests: words beyond what a
subcommand takes are named, never dropped."""

from __future__ import annotations

from bot import team


def test_extra_words_after_a_language_are_reported_and_nothing_changes(slack, fake_slack):
    fake_slack.add_user("U1", name="li", tz="Asia/Shanghai")
    text = slack.reply_text(slack.command("/team", "lang zh please", user="U1"))
    assert "I didn't understand `please`." in text
    assert "Usage: `/team lang en|zh`" in text
    with slack.core.read() as unit:
        assert team.find(unit, "U1").language == "en"


def test_a_role_may_be_given_as_a_key(slack, fake_slack):
    fake_slack.add_user("UADMIN", name="boss")  # an admin by the test config
    fake_slack.add_user("U2", name="li")
    slack.command("/team", "", user="U2")
    text = slack.reply_text(slack.command("/team", "role <@U2|li> 角色 sales", user="UADMIN"))
    assert "<@U2> is now Sales." in text
    with slack.core.read() as unit:
        assert team.find(unit, "U2").role == "sales"
