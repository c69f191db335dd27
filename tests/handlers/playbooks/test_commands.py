"""Playbooks through signed requests: a stage change hands out its checklist and DMs each
assignee their tasks; /order status and /order checklist show the steps; required steps."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from freezegun import freeze_time

from tests.support.driver import visible_text
from tests.support.playbooks_data import task_of

BOOKED = datetime(2026, 12, 28, 2, 0, tzinfo=UTC)  # Monday 10:00 in Shanghai


def command(slack, text, user="ULI", when=BOOKED):
    with freeze_time(when):
        return slack.reply_text(slack.command("/order", text, user=user))


def test_moving_to_booked_dms_the_logistics_member_their_three_new_tasks(in_production):
    slack = in_production
    reply = command(slack, "update 1042 stage booked")
    assert "Stage *Production* → *Booked*" in reply
    assert ":clipboard: *Booked* handed out 3 tasks:" in reply
    assert "Send the shipping instructions → <@UZHOU>" in reply
    [dm] = [m for m in slack.sent_messages("UZHOU")]
    text = visible_text(dm)
    assert "<@ULI> moved order *1042* (ACME Trading) to *Booked*: 3 new tasks for you" in text
    shipping = task_of(slack.core, "shipping_instructions")
    assert (
        f"`#{shipping}` Send the shipping instructions · <@UZHOU> · due Thu 2026-12-31 18:00 CST"
        " · *required* · open"
    ) in text
    assert "Book the truck · <@UZHOU> · due Thu 2026-12-31 18:00 CST · open" in text
    assert "Check the container's VGM · <@UZHOU> · due Tue 2027-01-05 18:00 CST" in text
    done_buttons = [
        element["value"]
        for block in dm["blocks"] if block["type"] == "actions"
        for element in block["elements"] if element["action_id"] == "tasks.task.done"
    ]  # fmt: skip
    assert done_buttons == [str(task_of(slack.core, step)) for step in
                            ("shipping_instructions", "book_truck", "check_vgm")]  # fmt: skip
    assert slack.sent_messages("UAN") == []  # the other coordinator is left alone


def test_status_shows_the_stage_checklist_with_who_has_each_step_and_what_is_done(in_production):
    slack = in_production
    command(slack, "update 1042 stage booked")
    vgm = task_of(slack.core, "check_vgm")
    with freeze_time(BOOKED + timedelta(hours=1)):
        slack.command("/task", f"done {vgm}", user="UZHOU")
    status = command(slack, "status 1042", user="UWANG", when=BOOKED + timedelta(hours=2))
    assert "*Checklist · Booked* — 1 of 3 done" in status
    # the owner reads in Madrid: 18:00 in Shanghai is 11:00 there
    shipping = task_of(slack.core, "shipping_instructions")
    assert (
        f":white_large_square: `#{shipping}` Send the shipping instructions · <@UZHOU> · "
        "due Thu 2026-12-31 11:00 CET · *required* · open"
    ) in status
    assert f":white_check_mark: `#{vgm}` Check the container's VGM · <@UZHOU>" in status
    assert "· done" in status


def test_the_checklist_command_lists_every_stage_done_current_and_ahead(in_production):
    slack = in_production
    command(slack, "update 1042 stage booked")
    text = command(slack, "checklist 1042", user="UCHEN")  # chen reads Chinese
    assert "清单 · 订单 1042 · ACME Trading" in text
    assert "*清单 · 已收定金* — 已完成 2/2" in text
    assert "核对定金金额 · <@UCHEN>" in text
    assert "*清单 · 已订舱* — 已完成 0/3 · :large_blue_circle: 当前" in text
    assert "*清单 · 已出运* — 订单进入该阶段时派发" in text
    assert ":white_circle: 核对提单草稿 · 物流 · 截止 `+1d` · *必做*\n" in text
    assert ":white_circle: 将单据寄给客户 · 负责人 · 截止 `eta-7d`" in text


def test_a_required_open_step_blocks_the_move_and_force_records_who_overrode(in_production):
    slack = in_production
    command(slack, "update 1042 stage booked")
    refused = command(slack, "update 1042 stage shipped", when=BOOKED + timedelta(days=1))
    shipping = task_of(slack.core, "shipping_instructions")
    assert "Order `1042` cannot leave `booked` yet: required steps are open:" in refused
    assert f"`#{shipping}` Send the shipping instructions — order 1042 (ACME Trading) (<@UZHOU>)"\
        in refused  # fmt: skip
    assert "Check the container's VGM" in refused and "Book the truck" not in refused
    assert "Usage:" in refused
    status = command(slack, "status 1042", when=BOOKED + timedelta(days=1))
    assert ":large_blue_circle: *Booked* → :white_circle: Shipped" in status  # still booked

    forced = command(slack, "update 1042 stage shipped force", when=BOOKED + timedelta(days=2))
    assert "Stage *Booked* → *Shipped*" in forced
    history = command(slack, "history 1042", when=BOOKED + timedelta(days=2))
    assert (
        ":warning: moved on by <@ULI> with required steps open: "
        f"`#{shipping}` Send the shipping instructions — order 1042 (ACME Trading) → <@UZHOU>"
    ) in history
    assert "checklist of *Booked* handed out: " in history


def test_re_entering_a_stage_asks_and_the_button_hands_it_out_once(in_production):
    slack = in_production
    command(slack, "update 1042 stage booked")
    command(slack, "update 1042 stage production force", when=BOOKED + timedelta(days=1))
    slack.fake.reset()
    with freeze_time(BOOKED + timedelta(days=2)):
        response = slack.command("/order", "update 1042 stage booked", user="ULI")
    text = slack.reply_text(response)
    assert "Order `1042` has been in *Booked* before" in text
    assert "Hand it out again (round 2)?" in text
    # the owner and the channel hear of the move; no task was made, so nobody else
    assert [m["channel"] for m in slack.sent_messages()] == ["UWANG", "CORDERS"]
    slack.fake.reset()
    [button] = [
        element for block in response.json()["blocks"] if block["type"] == "actions"
        for element in block["elements"]
    ]  # fmt: skip
    assert json.loads(button["value"]) == {"number": "1042", "stage": "booked", "round": 2}
    with freeze_time(BOOKED + timedelta(days=2, minutes=5)):
        slack.press("ULI", button["action_id"], button["value"], channel_id="C1")
        slack.press("ULI", button["action_id"], button["value"], channel_id="C1")
    answers = [visible_text(call.params) for call in slack.fake.calls("response_url")]
    assert ":clipboard: *Booked* handed out 3 tasks:" in answers[0]
    assert "The checklist of *Booked* is out already (round 2)" in answers[1]
    # zhou still has round 1's three tasks open, so an (none open) takes round 2, once
    assert [m["channel"] for m in slack.sent_messages()] == ["UAN"]
    status = command(slack, "status 1042", when=BOOKED + timedelta(days=3))
    assert "*Checklist · Booked* (round 2) — 0 of 3 done" in status


def test_force_before_a_note_forces_and_force_inside_a_note_is_just_text(in_production):
    slack = in_production
    command(slack, "update 1042 stage booked")
    kept = command(slack, "update 1042 note the agent may force it", when=BOOKED)
    assert "Notes — → the agent may force it" in kept
    moved = command(slack, "update 1042 stage shipped force note rolled to next vessel",
                    when=BOOKED + timedelta(days=1))  # fmt: skip
    assert "Stage *Booked* → *Shipped*" in moved
    assert "rolled to next vessel" in moved
