"""Every time of day the bot shows names its zone, so a team in Shanghai and Madrid reads the
same instant the same way: task due times, App Home, feedback deadlines (and order cards, in
tests/handlers/orders)."""

from __future__ import annotations

from freezegun import freeze_time

from tests.support import tasks as given
from tests.support.driver import visible_text
from tests.support.feedback_data import T0, member, say, trade_desk

clock, people = given.clock, given.people


def test_a_due_time_names_the_zone_it_is_shown_in_for_each_reader(slack, fake_slack, people):
    with freeze_time(given.THURSDAY_0900_SHANGHAI):
        slack.command("/task", "add Send PI to ACME <@UADMIN|boss> due fri 17:00", user="U1")
        in_shanghai = slack.reply_text(slack.command("/task", "show 1", user="U1"))
        in_madrid = slack.reply_text(slack.command("/task", "show 1", user="UADMIN"))
        listed = slack.reply_text(slack.command("/task", "list", user="UADMIN"))
    assert "Fri 2026-12-11 17:00 CST" in in_shanghai
    assert "Fri 2026-12-11 10:00 CET" in in_madrid
    assert "due Fri 2026-12-11 10:00 CET" in listed


def test_app_home_shows_due_times_with_the_readers_zone(slack, fake_slack, people):
    with freeze_time(given.THURSDAY_0900_SHANGHAI):
        slack.command("/task", "add Book the container <@UADMIN|boss> due fri 17:00", user="U1")
        fake_slack.reset()
        slack.event(
            {"type": "app_home_opened", "user": "UADMIN", "tab": "home", "event_ts": "1.0"},
            event_id="EvHomeZone",
        )
    home = visible_text(fake_slack.last("views.publish").params["view"])
    assert "10:00 CET" in home


def test_feedback_deadlines_name_the_zone_for_a_reader_in_madrid(slack):
    trade_desk(slack.core)
    with slack.core.write() as unit:
        member(unit, "UMADRID", tz="Europe/Madrid")
    with freeze_time(T0):  # 10:00 in Shanghai, 03:00 in Madrid; high: 8 hours to respond
        logged = say(slack, "add ACME Trading labels in the wrong language severity high")
        shown = say(slack, "show 1", user="UMADRID")
    assert "First response due 2026-12-01 18:00 CST" in logged
    assert "due 2026-12-01 11:00 CET" in shown
