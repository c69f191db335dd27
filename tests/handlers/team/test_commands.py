"""/team through signed requests, as Slack would send them."""

from __future__ import annotations

import time

from bot import team
from tests.support.signing import slash_command_body


def test_a_signed_team_command_gets_a_block_kit_reply(slack, fake_slack):
    fake_slack.add_user("U1", name="li", real_name="Li Wei", tz="Asia/Shanghai")
    response = slack.command("/team", "", user="U1")
    assert response.status == 200
    reply = response.json()
    assert reply["response_type"] == "ephemeral"
    assert reply["blocks"][0]["type"] == "header"
    assert "<@U1>" in slack.reply_text(response)
    assert "Asia/Shanghai" in slack.reply_text(response)


def test_a_wrong_signature_is_refused_and_no_handler_runs(slack, fake_slack):
    body = slash_command_body("/team", "", "U1")
    headers = {"X-Slack-Signature": "v0=" + "0" * 64}
    response = slack.post(body, headers)
    assert response.status == 401
    assert fake_slack.calls() == []  # not even users.info: no middleware ran
    with slack.core.write() as unit:
        assert team.find(unit, "U1") is None


def test_a_request_signed_six_minutes_ago_is_refused(slack, fake_slack):
    body = slash_command_body("/team", "", "U1")
    response = slack.post(body, timestamp=int(time.time()) - 6 * 60)
    assert response.status == 401
    with slack.core.write() as unit:
        assert team.find(unit, "U1") is None


def test_a_member_whose_slack_locale_is_chinese_gets_team_in_chinese(slack, fake_slack):
    fake_slack.add_user("U2", name="wang", tz="Asia/Shanghai", locale="zh-CN")
    text = slack.reply_text(slack.command("/team", "", user="U2"))
    assert "团队" in text
    assert "Team" not in text.split("\n")[0]


def test_first_contact_creates_the_member_from_users_info_with_locale(slack, fake_slack):
    fake_slack.add_user("U3", name="ana", tz="Europe/Madrid", locale="es-ES")
    slack.command("/team", "", user="U3")
    assert fake_slack.last("users.info").params["include_locale"] in (True, "true", "1")
    with slack.core.write() as unit:
        member = team.get(unit, "U3")
    assert member.timezone == "Europe/Madrid"
    assert member.language == "en"


def test_help_and_an_unknown_subcommand_show_the_usage(slack, fake_slack):
    fake_slack.add_user("U1", name="li")
    help_text = slack.reply_text(slack.command("/team", "help", user="U1"))
    assert "/team role @user ROLE" in help_text
    error = slack.reply_text(slack.command("/team", "promote everyone", user="U1"))
    assert "promote" in error
    assert "Usage:" in error


def test_only_admins_set_roles_and_the_refusal_changes_nothing(slack, fake_slack):
    fake_slack.add_user("U1", name="li")
    fake_slack.add_user("U2", name="wang")
    slack.command("/team", "", user="U2")
    text = slack.reply_text(slack.command("/team", "role <@U2|wang> manager", user="U1"))
    assert "Only admins" in text
    assert "/team role @user ROLE" in text
    with slack.core.write() as unit:
        assert team.get(unit, "U2").role == "member"


def test_an_admin_sets_role_and_manager(slack, fake_slack):
    for user, name in [("UADMIN", "boss"), ("U1", "li"), ("U2", "wang")]:
        fake_slack.add_user(user, name=name)
    slack.command("/team", "", user="UADMIN")
    slack.command("/team", "", user="U1")
    role = slack.reply_text(slack.command("/team", "role <@U2|wang> logistics", user="UADMIN"))
    assert "Logistics" in role
    slack.command("/team", "manager <@U2|wang> <@U1|li>", user="UADMIN")
    with slack.core.write() as unit:
        assert team.get(unit, "U2").role == "logistics"
        assert team.management_chain(unit, "U2") == ["U1"]
    loop = slack.reply_text(slack.command("/team", "manager <@U1|li> <@U2|wang>", user="UADMIN"))
    assert "own manager" in loop


def test_an_unknown_role_lists_the_roles(slack, fake_slack):
    fake_slack.add_user("UADMIN", name="boss")
    fake_slack.add_user("U2", name="wang")
    text = slack.reply_text(slack.command("/team", "role <@U2|wang> captain", user="UADMIN"))
    assert "`captain` is not a role" in text
    assert "customer_service" in text


def test_a_member_switches_their_own_language(slack, fake_slack):
    fake_slack.add_user("U1", name="li")
    done = slack.reply_text(slack.command("/team", "lang zh", user="U1"))
    assert "中文" in done
    assert "团队" in slack.reply_text(slack.command("/team", "", user="U1"))
    bad = slack.reply_text(slack.command("/team", "lang fr", user="U1"))
    assert "`fr`" in bad
    assert "用法" in bad


def test_team_sync_pulls_every_user_and_deactivates_leavers(slack, fake_slack):
    fake_slack.add_user("UADMIN", name="boss")
    for index in range(5):
        fake_slack.add_user(f"UM{index}", name=f"m{index}", locale="zh-CN")
    fake_slack.add_user("UBOTX", name="somebot", is_bot=True)
    text = slack.reply_text(slack.command("/team", "sync", user="UADMIN"))
    assert "added" in text
    with slack.core.write() as unit:
        names = {member.slack_id for member in team.roster(unit)}
        assert {"UM0", "UM4", "UADMIN"} <= names
        assert "UBOTX" not in names
        assert team.get(unit, "UM0").language == "zh"


def test_a_declared_command_this_version_does_not_serve_gets_a_kind_answer(slack, fake_slack):
    fake_slack.add_user("U1", name="li")
    text = slack.reply_text(slack.command("/nosuch", "<@U2|wang> great job", user="U1"))
    assert "`/nosuch` is not available" in text


def test_an_unexpected_error_in_a_command_becomes_a_short_apology(slack, fake_slack, monkeypatch):
    fake_slack.add_user("U1", name="li")

    def broken(core):
        raise RuntimeError("database fell over")

    monkeypatch.setattr(team, "active_members", broken)
    response = slack.command("/team", "", user="U1")
    assert response.status == 200
    text = slack.reply_text(response)
    assert "Sorry, something went wrong" in text
    assert "database fell over" not in text


def test_an_unexpected_error_in_a_button_apologises_privately(slack, fake_slack):
    fake_slack.add_user("U1", name="li", locale="zh-CN")

    def explode(ack):
        ack()
        raise RuntimeError("boom")

    slack.side.app.action("test_explode")(explode)
    slack.press("U1", "test_explode", "1", channel_id="C9", message_ts="1.2")
    apology = fake_slack.last("chat.postEphemeral").params
    assert (apology["channel"], apology["user"]) == ("C9", "U1")
    assert "抱歉" in apology["text"]
