"""Acknowledge, Done and the end of a chain, pressed through signed requests: the bot's
answers and the DMs it sends through the loopback Slack."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from freezegun import freeze_time

from bot import tasks
from bot.scheduler import run_pass
from storage.models import EscalationChain, Member
from tests.support.driver import visible_text
from tests.support.tasks import button_values

MONDAY_10_NEW_YORK = datetime(2026, 12, 7, 15, 0, tzinfo=UTC)
TUESDAY_10_NEW_YORK = datetime(2026, 12, 8, 15, 0, tzinfo=UTC)  # 24 hours late: Mike
FRIDAY_09_SHANGHAI = datetime(2026, 12, 11, 1, 0, tzinfo=UTC)  # 72 hours late: Zhou, at work
FRIDAY_09_NEW_YORK = datetime(2026, 12, 11, 14, 0, tzinfo=UTC)
MONDAY_09_SHANGHAI = datetime(2026, 12, 14, 1, 0, tzinfo=UTC)
TEAM = {  # id: (zone, role, manager)
    "UZHOU": ("Asia/Shanghai", "manager", None),
    "UMIKE": ("America/New_York", "manager", "UZHOU"),
    "USARAH": ("America/New_York", "sales", "UMIKE"),
}


@pytest.fixture
def escalated(slack, fake_slack):
    """Sarah's task, due Monday 10:00 in New York, escalated to Mike and then to Zhou."""
    with freeze_time("2026-12-04 15:00:00"):
        for member_id, (zone, _, _) in TEAM.items():
            fake_slack.add_user(member_id, name=member_id[1:].lower(), tz=zone)
            slack.command("/escalations", "", user=member_id)
        with slack.core.write() as unit:
            for member_id, (_, role, manager) in TEAM.items():
                row = unit.session.get(Member, member_id)
                row.role, row.manager_id = role, manager
            tasks.create(unit, "UMIKE", "Send the samples to Maple Leaf", assignee_id="USARAH",
                         due_at=MONDAY_10_NEW_YORK)  # fmt: skip
    for when in (MONDAY_10_NEW_YORK, TUESDAY_10_NEW_YORK, FRIDAY_09_SHANGHAI):
        beat(slack, when)
    return slack


def beat(slack, when):
    with freeze_time(when):
        run_pass(slack.core, when)


def dms(slack, member_id):
    return [visible_text(message) for message in slack.sent_messages(member_id)]


def press(slack, when, user, action_id, value):
    with freeze_time(when):
        response = slack.press(user, action_id, value, channel_id=f"D{user}")
        assert response.status == 200
        slack.drain()
    return visible_text(slack.fake.last("response_url").params)


def escalation_buttons(slack, member_id):
    [message] = [
        m for m in slack.sent_messages(member_id) if "Escalation, level" in visible_text(m)
    ]
    return button_values(message)


def test_each_level_says_what_is_late_by_how_long_whose_it_is_and_who_was_told_before(escalated):
    [sarah] = [dm for dm in dms(escalated, "USARAH") if "Yours:" in dm]
    assert "Yours: task `#1` *Send the samples to Maple Leaf* is overdue" in sarah
    [mike] = [dm for dm in dms(escalated, "UMIKE") if "Escalation" in dm]
    assert "Escalation, level 1: task `#1` *Send the samples to Maple Leaf* is overdue" in mike
    assert "late by 1d" in mike and "It is <@USARAH>'s." in mike
    assert "Told earlier: level 0 (whose it is): <@USARAH>" in mike
    [zhou] = [dm for dm in dms(escalated, "UZHOU") if "Escalation" in dm]
    assert "升级提醒（第 2 级）" not in zhou  # Zhou reads English (his Slack locale)
    assert "Escalation, level 2" in zhou and "late by 3d 10h" in zhou
    assert "level 1 (manager): <@UMIKE>" in zhou
    assert set(escalation_buttons(escalated, "UZHOU")) == {
        "escalation.chain.acknowledge",
        "escalation.chain.settle",
    }


def test_acknowledge_stops_the_chain_and_tells_the_earlier_recipients_in_their_hours(escalated):
    chain = escalation_buttons(escalated, "UMIKE")["escalation.chain.acknowledge"]

    answer = press(escalated, FRIDAY_09_NEW_YORK, "UMIKE", "escalation.chain.acknowledge", chain)

    assert "You acknowledged the escalation of task `#1`" in answer
    assert "no further levels, and 2 earlier recipient(s) are told" in answer
    assert "<@UMIKE> acknowledged the escalation of task `#1`" in dms(escalated, "USARAH")[-1]
    assert len(dms(escalated, "UZHOU")) == 1  # 22:00 in Shanghai: it waits for the morning
    beat(escalated, MONDAY_09_SHANGHAI)
    assert "<@UMIKE> acknowledged the escalation" in dms(escalated, "UZHOU")[-1]
    # The managers' channel, 120 hours on (Saturday), is never told.
    assert not any("Escalation, level" in dm for dm in dms(escalated, "CMANAGERS"))


def test_a_second_acknowledge_by_the_same_or_another_manager_changes_nothing_and_names_the_first(
    escalated,
):
    chain = escalation_buttons(escalated, "UMIKE")["escalation.chain.acknowledge"]
    press(escalated, FRIDAY_09_NEW_YORK, "UMIKE", "escalation.chain.acknowledge", chain)
    beat(escalated, MONDAY_09_SHANGHAI)
    sent_before = len(escalated.fake.calls("chat.postMessage"))

    again = press(escalated, MONDAY_09_SHANGHAI, "UMIKE", "escalation.chain.acknowledge", chain)
    other = press(escalated, MONDAY_09_SHANGHAI, "UZHOU", "escalation.chain.acknowledge", chain)

    for answer in (again, other):
        assert "Already acknowledged by <@UMIKE> (Fri 2026-12-11" in answer
        assert "Nothing changed." in answer
    assert len(escalated.fake.calls("chat.postMessage")) == sent_before


def test_done_on_the_escalation_completes_the_task_ends_the_chain_and_says_so(escalated):
    chain = escalation_buttons(escalated, "UMIKE")["escalation.chain.settle"]

    answer = press(escalated, FRIDAY_09_NEW_YORK, "UMIKE", "escalation.chain.settle", chain)

    assert "task `#1` *Send the samples to Maple Leaf*: done." in answer
    assert "The escalation has ended" in answer
    with escalated.core.read() as unit:
        assert tasks.get(unit, 1).status == "done"
    assert any("done by <@UMIKE>. The escalation has ended." in dm
               for dm in dms(escalated, "USARAH"))  # fmt: skip
    beat(escalated, MONDAY_09_SHANGHAI)
    assert "done by <@UMIKE>. The escalation has ended." in dms(escalated, "UZHOU")[-1]
    again = press(escalated, MONDAY_09_SHANGHAI, "UZHOU", "escalation.chain.settle", chain)
    assert "This escalation has already ended" in again


def test_finishing_the_task_another_way_ends_the_chain_at_the_next_beat(escalated):
    with freeze_time(FRIDAY_09_NEW_YORK):
        escalated.command("/task", "done 1", user="USARAH")
    beat(escalated, FRIDAY_09_NEW_YORK)

    assert (
        "task `#1` *Send the samples to Maple Leaf*: done. The escalation has ended."
        in (dms(escalated, "UMIKE")[-1])
    )
    beat(escalated, MONDAY_09_SHANGHAI)
    assert "The escalation has ended" in dms(escalated, "UZHOU")[-1]
    assert not any("Escalation, level" in dm for dm in dms(escalated, "CMANAGERS"))


def test_someone_the_chain_is_not_about_cannot_acknowledge_it(escalated, fake_slack):
    with freeze_time(FRIDAY_09_NEW_YORK):
        fake_slack.add_user("UOTHER", name="other", tz="Europe/Madrid")
        escalated.command("/escalations", "", user="UOTHER")
    chain = escalation_buttons(escalated, "UMIKE")["escalation.chain.acknowledge"]

    answer = press(escalated, FRIDAY_09_NEW_YORK, "UOTHER", "escalation.chain.acknowledge", chain)

    assert "Only the people this escalation was sent to" in answer
    with escalated.core.read() as unit:
        assert unit.session.get(EscalationChain, int(chain)).acknowledged_by is None


def test_escalations_lists_the_open_chains_with_their_level_and_age(escalated):
    with freeze_time(FRIDAY_09_NEW_YORK):
        reply = escalated.reply_text(escalated.command("/escalations", "", user="UZHOU"))

    assert "Open escalations (1)" in reply
    assert (
        "task `#1` *Send the samples to Maple Leaf* is overdue · <@USARAH> · level 2 · "
        "late for 3d 23h" in reply
    )


def test_the_weekly_summary_counts_the_chains_started_and_acknowledged_and_how_fast(escalated):
    chain = escalation_buttons(escalated, "UMIKE")["escalation.chain.acknowledge"]
    press(escalated, FRIDAY_09_NEW_YORK, "UMIKE", "escalation.chain.acknowledge", chain)

    with freeze_time(FRIDAY_09_NEW_YORK):
        reply = escalated.reply_text(escalated.command("/summary", "", user="UZHOU"))

    assert ":rotating_light: *Escalations*" in reply
    assert "• Started: *1* (last week 0, +1)" in reply
    assert "• Acknowledged: *1* (last week 0, +1)" in reply
    assert "• Dealt with: *0* (last week 0)" in reply
    # Monday 10:00 (the task fell due, the chain began) to Friday 09:00, New York time
    assert "• Median time to acknowledge: *3d 23h* (last week —)" in reply


def test_the_weekly_summary_in_chinese_gives_the_median_time_to_acknowledge(escalated):
    chain = escalation_buttons(escalated, "UMIKE")["escalation.chain.acknowledge"]
    press(escalated, FRIDAY_09_NEW_YORK, "UMIKE", "escalation.chain.acknowledge", chain)

    with freeze_time(FRIDAY_09_NEW_YORK):
        escalated.command("/team", "lang zh", user="UZHOU")
        reply = escalated.reply_text(escalated.command("/summary", "", user="UZHOU"))

    assert ":rotating_light: *升级提醒*" in reply
    assert "• 已确认知悉：*1*（上周 0，+1）" in reply
    assert "• 确认知悉时间中位数：*3天23小时*（上周 —）" in reply


def test_acknowledging_in_the_managers_channel_leaves_a_post_that_names_who_did(escalated):
    beat(escalated, MONDAY_09_SHANGHAI)  # 120 hours late, after the weekend: the channel
    chain = escalation_buttons(escalated, "CMANAGERS")["escalation.chain.acknowledge"]

    with freeze_time(MONDAY_09_SHANGHAI):
        escalated.press("UZHOU", "escalation.chain.acknowledge", chain, channel_id="CMANAGERS")
    answer = escalated.fake.last("response_url").params

    assert answer["replace_original"] in (True, "true")
    assert "<@UZHOU> acknowledged the escalation of task `#1`" in visible_text(answer)
    assert "You acknowledged" not in visible_text(answer)
