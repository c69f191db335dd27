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


def test_words_after_a_country_are_named_with_a_bad_code_and_nothing_changes(slack, fake_slack):
    fake_slack.add_user("UADMIN", name="boss")
    fake_slack.add_user("U2", name="li")
    slack.command("/team", "", user="U2")
    text = slack.reply_text(slack.command("/team", "country <@U2|li> XX please", user="UADMIN"))
    assert "2 things to fix" in text
    assert "I didn't understand `please`." in text
    assert "`XX` is not a country I know" in text
    assert "Usage: `/team country [@user] CODE`" in text
    with slack.core.read() as unit:
        assert team.find(unit, "U2").country != "XX"


def test_a_country_may_be_given_as_a_chinese_key(slack, fake_slack):
    fake_slack.add_user("U1", name="li", tz="Asia/Shanghai")
    text = slack.reply_text(slack.command("/team", "country 国家 CN", user="U1"))
    assert "<@U1> now keeps the public holidays of CN." in text


def test_words_after_the_workdays_are_named_not_read_as_a_day(slack, fake_slack):
    fake_slack.add_user("U1", name="li", tz="Asia/Shanghai")
    slack.command("/team", "workdays sun-thu", user="U1")
    text = slack.reply_text(slack.command("/team", "workdays mon-fri please", user="U1"))
    assert "I didn't understand `please`." in text
    assert "Usage: `/team workdays [@user] DAYS`" in text
    with slack.core.read() as unit:
        assert team.find(unit, "U1").workdays == ("mon", "tue", "wed", "thu", "sun")


def test_workdays_may_be_words_a_key_and_a_member_anywhere(slack, fake_slack):
    fake_slack.add_user("UADMIN", name="boss")
    fake_slack.add_user("U2", name="li")
    slack.command("/team", "", user="U2")
    text = slack.reply_text(slack.command("/team", "workdays mon wed fri <@U2|li>", user="UADMIN"))
    assert "<@U2> works on Mon, Wed, Fri." in text
    text = slack.reply_text(
        slack.command("/team", "工作日 <@U2|li> 工作日 周一至周五", user="UADMIN")
    )
    assert "<@U2> works on Mon, Tue, Wed, Thu, Fri." in text


def test_a_member_no_one_knows_is_named_with_a_bad_country_in_one_reply(slack, fake_slack):
    fake_slack.add_user("UADMIN", name="boss")
    text = slack.reply_text(slack.command("/team", "country <@UGHOST|ghost> XX", user="UADMIN"))
    assert "2 things to fix" in text
    assert "`<@UGHOST>` is not a person I know" in text
    assert "`XX` is not a country I know" in text
    assert "Usage: `/team country [@user] CODE`" in text


def test_a_name_no_one_answers_to_is_named_with_bad_workdays_in_chinese(slack, fake_slack):
    fake_slack.add_user("U1", name="li", tz="Asia/Shanghai", locale="zh-CN")
    text = slack.reply_text(slack.command("/team", "workdays @nobody 周八", user="U1"))
    assert "有 2 处需要修改" in text
    assert "不认识 `@nobody`" in text
    assert "无法把 `周八` 识别为工作日" in text
    assert "用法：`/team workdays" in text
    with slack.core.read() as unit:
        assert team.find(unit, "U1").workdays == ("mon", "tue", "wed", "thu", "fri")


def test_a_role_for_someone_no_one_knows_names_the_words_after_it_too(slack, fake_slack):
    fake_slack.add_user("UADMIN", name="boss")
    text = slack.reply_text(slack.command("/team", "role @nobody sales please", user="UADMIN"))
    assert "2 things to fix" in text
    assert "`@nobody` is not a person I know" in text
    assert "I didn't understand `please`." in text


def test_the_country_and_workdays_usage_lines_name_their_keys(slack, fake_slack):
    fake_slack.add_user("U1", name="li", tz="Asia/Shanghai")
    fake_slack.add_user("U2", name="wang", tz="Asia/Shanghai", locale="zh-CN")
    assert "also `country CODE`" in slack.reply_text(
        slack.command("/team", "country XX", user="U1")
    )
    chinese = slack.reply_text(slack.command("/team", "workdays 周八", user="U2"))
    assert "也可写 `工作日 mon-fri`" in chinese
