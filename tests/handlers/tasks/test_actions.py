"""Task buttons and App Home, through signed requests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot import tasks
from tests.support import tasks as given
from tests.support.driver import visible_text
from tests.support.tasks import (
    VIEW_BLOCKS,
    assert_fits_slack,
    button_values,
    shanghai,
    task,
)

# Thursday 09:00 in Shanghai for every test here; ana, li, wang (reads Chinese) and the admin.
clock, people = given.clock, given.people
pytestmark = pytest.mark.usefixtures("clock")


@pytest.fixture
def assigned(slack, fake_slack, people):
    """Task #1, made by ana for li, due Friday 17:00 Shanghai; li got a DM."""
    slack.command("/task", "add Send PI to ACME <@U2|li> due fri 17:00 !high", user="U1")
    [dm] = slack.sent_messages("U2")
    fake_slack.reset()
    return dm


def history(slack, task_id=1):
    with slack.core.write() as unit:
        return [event.kind for event in tasks.detail(unit, task_id).history]


# -- Done and Snooze in the assignee's DM -------------------------------------------------------


def test_done_in_the_dm_completes_the_task_updates_the_dm_and_tells_the_creator(
    slack, fake_slack, assigned
):
    done_value = button_values(assigned)["tasks.task.done"]
    response = slack.press("U2", "tasks.task.done", done_value, channel_id="DU2")
    assert response.status == 200
    assert task(slack).status == "done"
    updated = fake_slack.last("response_url").params
    assert updated["replace_original"] in (True, "true")
    assert "`#1` *Send PI to ACME* is done" in visible_text(updated)
    assert button_values(updated) == {}
    [told] = slack.sent_messages("U1")
    assert "<@U2> completed `#1` *Send PI to ACME*" in visible_text(told)


def test_pressing_done_twice_or_slack_resending_it_completes_once_and_notifies_once(
    slack, fake_slack, assigned
):
    done_value = button_values(assigned)["tasks.task.done"]
    for _ in range(3):
        assert slack.press("U2", "tasks.task.done", done_value, channel_id="DU2").status == 200
    assert history(slack) == ["created", "done"]
    assert len(slack.sent_messages("U1")) == 1
    assert len(fake_slack.calls("response_url")) == 3  # each press still shows the done card


def test_snooze_pushes_the_due_a_day_and_a_second_press_of_that_button_does_nothing(
    slack, fake_slack, assigned
):
    snooze_value = button_values(assigned)["tasks.task.snooze"]
    slack.press("U2", "tasks.task.snooze", snooze_value, channel_id="DU2")
    assert task(slack).due_at == shanghai("2026-12-12 17:00")
    updated = fake_slack.last("response_url").params
    assert "Snoozed: `#1` *Send PI to ACME* is now due Sat 2026-12-12 17:00" in visible_text(
        updated
    )
    assert (
        button_values(updated)["tasks.task.snooze"] != snooze_value
    )  # the new card snoozes from Sat
    slack.press("U2", "tasks.task.snooze", snooze_value, channel_id="DU2")
    assert task(slack).due_at == shanghai("2026-12-12 17:00")
    assert history(slack) == ["created", "snoozed"]


def test_an_overdue_task_snoozed_from_the_dm_can_be_snoozed_again_from_the_new_card(
    slack, fake_slack, assigned, clock
):
    clock.move_to("2026-12-11 09:30:17")  # Friday 17:30:17 in Shanghai: half an hour overdue
    slack.press(
        "U2", "tasks.task.snooze", button_values(assigned)["tasks.task.snooze"], channel_id="DU2"
    )
    assert task(slack).due_at == shanghai("2026-12-12 17:30")
    new_card = fake_slack.last("response_url").params
    slack.press(
        "U2", "tasks.task.snooze", button_values(new_card)["tasks.task.snooze"], channel_id="DU2"
    )
    assert task(slack).due_at == shanghai("2026-12-13 17:30")
    assert history(slack) == ["created", "snoozed", "snoozed"]


def test_a_button_on_someone_elses_task_is_refused_ephemerally(slack, fake_slack, assigned):
    slack.press("U3", "tasks.task.done", "1", channel_id="DU3")
    refusal = fake_slack.last("response_url").params
    assert "任务 #1 的负责人是 <@U2>" in refusal["text"]
    assert refusal["replace_original"] in (False, "false")
    assert task(slack).status == "open"


def test_a_done_button_posted_before_the_tasks_action_ids_still_completes(
    slack, fake_slack, assigned
):
    slack.press("U2", "task_done", "1", channel_id="DU2")
    assert task(slack).status == "done"
    assert "is done" in visible_text(fake_slack.last("response_url").params)


@pytest.mark.parametrize(
    ("action_id", "value"),
    [
        ("tasks.task.done", "1e9"),
        ("tasks.task.snooze", "1:tomorrow"),
        ("tasks.task.snooze", "1:999999999999"),
        ("tasks.list.next", "mine::x"),
        ("tasks.list.next", "mine:2"),
    ],
)
def test_a_malformed_button_value_is_a_warning_and_changes_nothing(
    slack, fake_slack, assigned, action_id, value
):
    assert slack.press("U2", action_id, value, channel_id="DU2").status == 200
    warning = fake_slack.last("response_url").params
    assert "That button no longer works" in warning["text"]
    assert warning["replace_original"] in (False, "false")
    assert history(slack) == ["created"]


# -- App Home ----------------------------------------------------------------------------------


def open_home(slack, user, event_id="EvHome"):
    event = {
        "type": "app_home_opened",
        "user": user,
        "channel": f"D{user}",
        "tab": "home",
        "event_ts": "1765328400.000100",
    }
    return slack.event(event, event_id=event_id)


def test_app_home_shows_my_open_tasks_by_due_with_overdue_first_and_done_buttons(
    slack, fake_slack, people, clock
):
    for text in (
        "Later <@U2|li> due next mon",
        "Soon <@U2|li> due today 10:00",
        "Wang's <@U3|wang> due fri",
        "Finished <@U2|li> due fri",
    ):
        slack.command("/task", f"add {text}", user="U1")
    slack.command("/task", "done 4", user="U2")
    clock.move_to("2026-12-10 03:00:00")  # 11:00 in Shanghai
    fake_slack.reset()
    open_home(slack, "U2")
    published = fake_slack.last("views.publish").params
    assert published["user_id"] == "U2"
    view = published["view"]
    assert view["type"] == "home"
    text = visible_text(view)
    assert text.index("Overdue (1)") < text.index("Soon") < text.index("Coming up (1)")
    assert text.index("Coming up (1)") < text.index("Later")
    assert "Wang's" not in text and "Finished" not in text
    assert {"tasks.task.new", "tasks.task.done"} <= set(button_values(view))
    done_values = [
        block["accessory"]["value"] for block in view["blocks"] if block.get("accessory")
    ]
    assert done_values == ["2", "1"]


def test_app_home_with_sixty_tasks_shows_the_soonest_forty_and_says_how_many_more(
    slack, fake_slack, people
):
    for number in range(65):
        text = f"add {number:02d} {'z' * 297} <@U2|li> due 2026-12-{11 + number % 15}"
        slack.command("/task", text, user="U1")
    open_home(slack, "U2")
    view = fake_slack.last("views.publish").params["view"]
    assert_fits_slack(view, VIEW_BLOCKS)
    assert len(button_values(view)) == 2  # New task, and Done (one action id for every row)
    assert visible_text(view).count("Done") == 40
    assert "…and 25 more. See them all with `/task list`." in visible_text(view)


def test_done_in_app_home_completes_and_republishes_the_home(slack, fake_slack, assigned):
    slack.press("U2", "tasks.task.done", "1", view={"type": "home", "id": "VHOME"})
    assert task(slack).status == "done"
    published = fake_slack.last("views.publish").params
    assert published["user_id"] == "U2"
    assert "Send PI to ACME" not in visible_text(published["view"])
    assert len(slack.sent_messages("U1")) == 1


def test_a_refused_press_in_app_home_is_explained_by_dm(slack, fake_slack, assigned):
    # Slack sends no response_url for a press in App Home.
    slack.press("U3", "tasks.task.done", "1", view={"type": "home"}, response_url=None)
    [refusal] = slack.sent_messages("U3")
    assert "任务 #1 的负责人是 <@U2>" in refusal["text"]
    assert task(slack).status == "open"
    assert fake_slack.calls("views.publish") == []


def test_my_home_is_refreshed_when_a_colleague_gives_me_a_task(slack, fake_slack, people):
    slack.command("/task", "add Check the BL draft <@U3|wang> due tomorrow", user="U1")
    published = fake_slack.last("views.publish").params
    assert published["user_id"] == "U3"
    assert "Check the BL draft" in visible_text(published["view"])
    assert "我的任务" in visible_text(published["view"])  # wang's home is in Chinese


def test_new_task_on_app_home_opens_the_form(slack, fake_slack, people):
    slack.press("U1", "tasks.task.new", "new", view={"type": "home", "id": "VHOME"})
    assert fake_slack.last("views.open").params["view"]["callback_id"] == "task_create"


def test_a_resent_home_event_is_handled_once(slack, fake_slack, people):
    open_home(slack, "U1", event_id="EvSame")
    open_home(slack, "U1", event_id="EvSame")
    assert len(fake_slack.calls("views.publish")) == 1


def test_the_dm_to_a_chinese_reader_is_in_chinese_with_their_time(slack, people):
    slack.command("/task", "add 给ACME发形式发票 <@U3|wang> due 明天", user="U1")
    [dm] = slack.sent_messages("U3")
    assert "<@U1> 给你分配了 `#1` *给ACME发形式发票*" in visible_text(dm)
    assert "截止 2026-12-11（周五）18:00" in visible_text(dm)
    assert {"tasks.task.done", "tasks.task.snooze"} == set(button_values(dm))
    assert timedelta(0) < task(slack).due_at - datetime.now(UTC)


# -- Share in channel on /task show ----------------------------------------------------------


def test_share_in_channel_posts_the_task_as_it_stands_now_saying_who_shared_it(
    slack, fake_slack, assigned
):
    card = slack.command("/task", "show 1", user="UADMIN", channel="CSALES").json()
    value = button_values(card)["tasks.task.share"]
    slack.command("/task", "comment 1 PI sent, waiting for the deposit", user="U2")
    fake_slack.reset()
    slack.press("UADMIN", "tasks.task.share", value, channel_id="CSALES")
    [shared] = [call.params for call in fake_slack.calls("response_url")]
    assert (shared["response_type"], shared["replace_original"]) == ("in_channel", False)
    text = visible_text({"blocks": shared["blocks"]})
    assert text.startswith("Shared by <@UADMIN>\n#1 Send PI to ACME")
    assert "PI sent, waiting for the deposit" in text  # read again when pressed
    assert "Fri 2026-12-11 17:00 CST" in text  # the team's zone, though the sharer is in Madrid
    assert "tasks.task.share" not in button_values(shared)


def test_sharing_a_task_that_was_deleted_meanwhile_warns_the_presser_only(
    slack, fake_slack, people
):
    slack.press("U1", "tasks.task.share", "42", channel_id="CSALES")
    [reply] = [call.params for call in fake_slack.calls("response_url")]
    assert reply["response_type"] == "ephemeral"
    assert "There is no task #42." in reply["text"]
