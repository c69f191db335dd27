"""The console's commands on the demo team: who you are, buttons, forms, App Home, the clock,
and the errors a person gets for what the console cannot do (in their language)."""

from __future__ import annotations


def test_as_switches_the_member_and_speaks_their_language(console):
    console.type(":as @wang")
    assert "你现在是 Wang Fang（经理，Asia/Shanghai，中文）。" in console.text
    console.type(":as Carmen Ruiz")
    assert "You are Carmen Ruiz now (Manager, Europe/Madrid, English)." in console.text
    console.type(":as carmen")
    assert console.lines.me.slack_id == "UCARMEN"


def test_who_lists_every_member_with_role_zone_language_and_manager(console):
    console.type(":who")
    row = next(line for line in console.text.splitlines() if "Sarah Lin @sarah" in line)
    assert "Market development" in row and "America/New_York" in row and "中文" in row
    assert "Mike Johnson" in row
    assert "Ana García @ana  ← you" in console.text
    assert console.text.count("@") >= 11


def test_a_mention_typed_as_at_name_reaches_the_bot_as_slack_escapes_it(console):
    console.type("/task add Check the seal photos for 1042 @li due fri")
    assert "Check the seal photos for 1042" in console.text
    assert "DM to Li Wei" in console.text  # the assignee is told, in a DM of their own


def test_click_presses_a_button_by_label_or_number_on_the_newest_message(console):
    console.type("/order status 1042")
    outcome = console.type(":click 1")  # Watch
    assert not outcome.failed
    assert "watching order 1042" in console.text.lower()


def test_a_button_nobody_offers_is_refused_with_a_hint(console):
    console.type("/order status 1042")
    outcome = console.type(":click Launch rockets")
    assert outcome.failed
    assert "No button Launch rockets on what you can see" in console.text


def test_home_shows_the_app_home_and_its_buttons_act_there(console):
    console.type(":home")
    assert "App Home of Ana García" in console.text
    assert "Send the revised PI for order 1049 to Iberia Home" in console.text
    assert "[Done]" in console.text
    console.type(":click Done")
    assert "App Home of Ana García" in console.text
    assert "No open tasks" in console.text


def test_submit_fills_the_open_form_and_names_the_fields_it_has(console):
    assert console.type(":submit today=x").failed
    assert "No form is open" in console.text
    console.type("/standup")
    assert "a modal for Ana García" in console.text
    outcome = console.type(":submit tomorrow=rest")
    assert outcome.failed
    assert "The form has no field tomorrow; its fields are: yesterday, today, blockers." in (
        console.text
    )
    console.type(":submit")  # nothing filled in: the bot refuses next to the first field
    assert "⚠ yesterday:" in console.text
    console.type(":submit today=Quotes")
    assert "Thanks! Your answers are in the standup thread." in console.text


def test_time_moves_the_clock_and_what_falls_due_is_sent(console):
    console.type(":time +1h")
    assert "Mon 2026-12-07 04:00 in Europe/Madrid" in console.text
    assert "DM to Li Wei" in console.text  # Shanghai's 09:30 prompt, still within its grace
    assert console.type(":time soon").failed
    assert "Write how much time passes as +1d, +3h, +30m or +1d12h" in console.text


def test_at_reads_the_time_in_the_members_zone_and_never_goes_back(console):
    console.type(":at 2026-12-07 05:00")
    assert "Mon 2026-12-07 05:00 in Europe/Madrid" in console.text
    assert console.type(":at 2026-12-07 04:00").failed
    assert "only goes forward" in console.text


def test_errors_of_the_console_speak_the_members_language(console):
    console.type(":as @li")
    console.type(":click 火箭")
    assert "你能看到的消息上没有 火箭 按钮" in console.text
    console.type(":launch")
    assert "既不是斜杠命令也不是控制台命令" in console.text


def test_an_error_reply_of_the_bot_counts_as_failed(console):
    assert console.type("/order status 9999").failed
    assert "⚠" in console.text
    assert not console.type("/order status 1042").failed


def test_help_lists_every_console_command(console):
    console.type(":help")
    for command in (":as", ":click", ":submit", ":home", ":time", ":at", ":who", ":quit"):
        assert command in console.text
    assert console.type(":quit").quit


def test_app_home_opens_again_in_a_later_session_on_the_same_database(demo):
    demo(":home")
    ran = demo(":home")
    assert "App Home of Ana García" in ran.text


def test_a_start_time_without_an_offset_is_read_in_the_teams_zone_and_said_so(demo):
    ran = demo(":time +1h", at="2026-12-07T10:00")  # 10:00 in Shanghai, the team's zone

    assert "Mon 2026-12-07 04:00 in Europe/Madrid" in ran.text  # Ana's clock, an hour on
    assert "read in the team's zone, Asia/Shanghai" in ran.errors
    assert "2026-12-07T10:00:00+08:00" in ran.errors
