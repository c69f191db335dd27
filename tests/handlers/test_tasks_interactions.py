"""Task buttons, the form, the message shortcut and App Home, through signed requests."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bot import task_views
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
    with slack.core.unit() as unit:
        return [event.kind for event in task_views.detail(unit, task_id).history]


def form(title="", assignee=None, day=None, clock_time=None, priority="normal"):
    return {
        "title": {"title": {"type": "plain_text_input", "value": title}},
        "assignee": {"assignee": {"type": "users_select", "selected_user": assignee}},
        "due_date": {"due_date": {"type": "datepicker", "selected_date": day}},
        "due_time": {"due_time": {"type": "timepicker", "selected_time": clock_time}},
        "priority": {"priority": {"type": "static_select", "selected_option": {"value": priority}}},
    }


# -- Done and Snooze in the assignee's DM -------------------------------------------------------


def test_done_in_the_dm_completes_the_task_updates_the_dm_and_tells_the_creator(
    slack, fake_slack, assigned
):
    done_value = button_values(assigned)["task_done"]
    response = slack.press("U2", "task_done", done_value, channel_id="DU2")
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
    done_value = button_values(assigned)["task_done"]
    for _ in range(3):
        assert slack.press("U2", "task_done", done_value, channel_id="DU2").status == 200
    assert history(slack) == ["created", "done"]
    assert len(slack.sent_messages("U1")) == 1
    assert len(fake_slack.calls("response_url")) == 3  # each press still shows the done card


def test_snooze_pushes_the_due_a_day_and_a_second_press_of_that_button_does_nothing(
    slack, fake_slack, assigned
):
    snooze_value = button_values(assigned)["task_snooze"]
    slack.press("U2", "task_snooze", snooze_value, channel_id="DU2")
    assert task(slack).due_at == shanghai("2026-12-12 17:00")
    updated = fake_slack.last("response_url").params
    assert "Snoozed: `#1` *Send PI to ACME* is now due Sat 2026-12-12 17:00" in visible_text(
        updated
    )
    assert button_values(updated)["task_snooze"] != snooze_value  # the new card snoozes from Sat
    slack.press("U2", "task_snooze", snooze_value, channel_id="DU2")
    assert task(slack).due_at == shanghai("2026-12-12 17:00")
    assert history(slack) == ["created", "snoozed"]


def test_an_overdue_task_snoozed_from_the_dm_can_be_snoozed_again_from_the_new_card(
    slack, fake_slack, assigned, clock
):
    clock.move_to("2026-12-11 09:30:17")  # Friday 17:30:17 in Shanghai: half an hour overdue
    slack.press("U2", "task_snooze", button_values(assigned)["task_snooze"], channel_id="DU2")
    assert task(slack).due_at == shanghai("2026-12-12 17:30")
    new_card = fake_slack.last("response_url").params
    slack.press("U2", "task_snooze", button_values(new_card)["task_snooze"], channel_id="DU2")
    assert task(slack).due_at == shanghai("2026-12-13 17:30")
    assert history(slack) == ["created", "snoozed", "snoozed"]


def test_a_button_on_someone_elses_task_is_refused_ephemerally(slack, fake_slack, assigned):
    slack.press("U3", "task_done", "1", channel_id="DU3")
    refusal = fake_slack.last("response_url").params
    assert "任务 #1 的负责人是 <@U2>" in refusal["text"]
    assert refusal["replace_original"] in (False, "false")
    assert task(slack).status == "open"


# -- the form ----------------------------------------------------------------------------------


def test_the_form_creates_a_task_with_picked_date_and_time_in_the_authors_zone(
    slack, fake_slack, people
):
    metadata = json.dumps({"reply_channel": "C1"})
    values = form("Send samples to Hamburg", "U2", "2026-12-11", "16:30", "low")
    response = slack.submit("U1", "task_create", values, private_metadata=metadata)
    assert response.status == 200 and not response.text
    created = task(slack)
    assert (created.title, created.assignee_id, created.priority) == (
        "Send samples to Hamburg",
        "U2",
        "low",
    )
    assert created.due_at == shanghai("2026-12-11 16:30")
    assert "Created `#1`" in fake_slack.last("chat.postEphemeral").params["text"]
    assert "gave you `#1`" in visible_text(slack.sent_messages("U2")[0])


def test_a_date_without_a_time_in_the_form_means_the_end_of_the_workday(slack, people):
    slack.submit("U1", "task_create", form("Pay the deposit", "U1", "2026-12-11"))
    assert task(slack).due_at == shanghai("2026-12-11 18:00")


@pytest.mark.parametrize(
    ("values", "field", "complaint"),
    [
        (form("", "U2"), "title", "A task needs a title."),
        (form("   ", "U2"), "title", "A task needs a title."),
        (form("Old", "U2", "2026-12-09"), "due_date", "in the past"),
        (form("No day", "U2", None, "10:00"), "due_date", "Pick a date"),
    ],
)
def test_bad_form_input_is_shown_on_the_field_and_creates_nothing(
    slack, people, values, field, complaint
):
    response = slack.submit("U1", "task_create", values)
    answer = response.json()
    assert answer["response_action"] == "errors"
    assert complaint in answer["errors"][field]
    with slack.core.unit() as unit:
        assert task_views.open_tasks(unit) == []
    assert slack.sent_messages() == []


# -- the message shortcut ------------------------------------------------------------------------


def test_the_shortcut_opens_the_form_prefilled_and_the_task_links_back_to_the_message(
    slack, fake_slack, people
):
    text = "ACME needs the  proforma\ninvoice by Friday"
    slack.shortcut(
        "U1",
        "create_task_from_message",
        text,
        channel_id="C9",
        message_ts="1700000000.000100",
        message_user="U3",
    )
    opened = fake_slack.last("views.open").params["view"]
    title_input = next(b for b in opened["blocks"] if b["block_id"] == "title")["element"]
    assert title_input["initial_value"] == "ACME needs the proforma invoice by Friday"
    values = form(title_input["initial_value"], "U2", "2026-12-11")
    slack.submit("U1", "task_create", values, private_metadata=opened["private_metadata"])
    created = task(slack)
    assert (created.source_channel, created.source_ts) == ("C9", "1700000000.000100")
    assert created.source_link == "https://tradeops.slack.com/archives/C9/p1700000000000100"
    assert fake_slack.last("chat.getPermalink").params["message_ts"] == "1700000000.000100"
    assert fake_slack.last("chat.postEphemeral").params["channel"] == "C9"
    assert "open the message" in visible_text(slack.sent_messages("U2")[0])


def test_a_message_longer_than_a_title_is_cut_to_fit_the_form(slack, fake_slack, people):
    slack.shortcut("U1", "create_task_from_message", "word " * 2000)
    opened = fake_slack.last("views.open").params["view"]
    title_input = next(b for b in opened["blocks"] if b["block_id"] == "title")["element"]
    assert len(title_input["initial_value"]) == 300


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
    assert {"task_new", "task_done"} <= set(button_values(view))
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
    slack.press("U2", "task_done", "1", view={"type": "home", "id": "VHOME"})
    assert task(slack).status == "done"
    published = fake_slack.last("views.publish").params
    assert published["user_id"] == "U2"
    assert "Send PI to ACME" not in visible_text(published["view"])
    assert len(slack.sent_messages("U1")) == 1


def test_my_home_is_refreshed_when_a_colleague_gives_me_a_task(slack, fake_slack, people):
    slack.command("/task", "add Check the BL draft <@U3|wang> due tomorrow", user="U1")
    published = fake_slack.last("views.publish").params
    assert published["user_id"] == "U3"
    assert "Check the BL draft" in visible_text(published["view"])
    assert "我的任务" in visible_text(published["view"])  # wang's home is in Chinese


def test_new_task_on_app_home_opens_the_form(slack, fake_slack, people):
    slack.press("U1", "task_new", "new", view={"type": "home", "id": "VHOME"})
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
    assert {"task_done", "task_snooze"} == set(button_values(dm))
    assert timedelta(0) < task(slack).due_at - datetime.now(UTC)
