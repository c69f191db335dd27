"""/task add through signed requests: the title, assignee, due date and priority as people
type them in English and Chinese, and the clear refusals when they cannot be read."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.support import tasks as given
from tests.support.driver import visible_text
from tests.support.tasks import (
    add_task,
    button_values,
    open_task_count,
    shanghai,
    task,
)

# Thursday 09:00 in Shanghai for every test here; ana, li, wang (reads Chinese) and the admin.
clock, people = given.clock, given.people
pytestmark = pytest.mark.usefixtures("clock")


def test_add_with_assignee_due_time_and_priority_dms_the_assignee_with_buttons(
    slack, fake_slack, people
):
    reply = add_task(slack, "Send PI to ACME <@U2|li> due fri 17:00 !high")
    assert "Created `#1` *Send PI to ACME* for <@U2>" in reply
    assert "Fri 2026-12-11 17:00" in reply
    created = task(slack)
    assert (created.assignee_id, created.creator_id, created.priority) == ("U2", "U1", "high")
    assert created.due_at == shanghai("2026-12-11 17:00")
    [dm] = slack.sent_messages("U2")
    assert "<@U1> gave you `#1` *Send PI to ACME*" in visible_text(dm)
    assert "Fri 2026-12-11 17:00" in visible_text(dm)
    assert list(button_values(dm)) == ["tasks.task.done", "tasks.task.snooze"]
    assert fake_slack.last("views.publish").params["user_id"] == "U2"


def test_a_plain_at_name_of_a_known_member_assigns_too(slack, people):
    add_task(slack, "Send PI to ACME @li due fri 17:00 !high")
    assert task(slack).assignee_id == "U2"


def test_add_in_chinese_with_tomorrow_means_tomorrow_in_the_authors_time_zone(slack, people):
    reply = add_task(slack, "给ACME发形式发票 <@U2|li> due 明天")
    assert "给ACME发形式发票" in reply
    assert task(slack).due_at == shanghai("2026-12-11 18:00")


@pytest.mark.parametrize(
    ("utc_now", "due_in_shanghai"),
    [
        ("2026-12-10 15:30:00", "2026-12-11 18:00"),  # 23:30 Thursday in Shanghai
        ("2026-12-10 16:30:00", "2026-12-12 18:00"),  # 00:30 Friday there, still Thursday in UTC
    ],
)
def test_tomorrow_typed_late_at_night_is_the_next_day_in_shanghai_not_in_utc(
    slack, people, clock, utc_now, due_in_shanghai
):
    clock.move_to(utc_now)
    add_task(slack, "给ACME发形式发票 <@U2|li> due 明天")
    assert task(slack).due_at == shanghai(due_in_shanghai)


def test_add_with_an_iso_date_and_no_assignee_is_the_authors_and_tells_nobody(slack, people):
    reply = add_task(slack, "Book container for order 1042 due 2026-12-20")
    assert "Book container for order 1042" in reply
    created = task(slack)
    assert created.assignee_id == "U1"
    assert created.due_at == shanghai("2026-12-20 18:00")
    assert slack.sent_messages() == []


def test_the_due_time_follows_the_authors_own_time_zone(slack, people):
    add_task(slack, "Call the forwarder due tomorrow 9:00", user="UADMIN")  # in Madrid
    assert task(slack).due_at == datetime(2026, 12, 11, 8, 0, tzinfo=UTC)


def test_add_alone_opens_the_form_with_the_author_as_assignee(slack, fake_slack, people):
    response = slack.command("/task", "add", user="U1")
    assert response.status == 200
    view = fake_slack.last("views.open").params["view"]
    assert fake_slack.last("views.open").params["trigger_id"] == "tr1"
    assert view["callback_id"] == "task_create"
    blocks = {block["block_id"]: block["element"] for block in view["blocks"]}
    assert set(blocks) == {"title", "assignee", "due_date", "due_time", "priority"}
    assert blocks["assignee"]["initial_user"] == "U1"
    assert blocks["priority"]["initial_option"]["value"] == "normal"


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("add due fri", "A task needs a title."),
        ("add <@U2|li>", "A task needs a title."),
        ("add Send PI due someday", "I can't read `someday` as a date"),
        ("add Send PI due fir 17:00", "I can't read `fir 17:00` as a date"),
        ("add Send PI due yesterday", "`yesterday` is in the past."),
        ("add Send PI due 2026-12-01", "is in the past"),
        ("add " + "x" * 5000, "That title is 5000 characters long; keep it under 300."),
        ("add Send PI !urgent", "`!urgent` is not a priority."),
        ("add Send PI <@U2|li> <@U3|wang>", "one assignee"),
    ],
)
def test_bad_additions_get_a_clear_ephemeral_error_with_the_usage_and_change_nothing(
    slack, people, text, complaint
):
    response = slack.command("/task", text, user="U1")
    assert response.json()["response_type"] == "ephemeral"
    reply = slack.reply_text(response)
    assert complaint in reply
    assert "Usage: `/task add &lt;title&gt;" in reply  # escaped: mrkdwn reads <…> as a link
    assert open_task_count(slack) == 0
    assert slack.sent_messages() == []


def test_due_to_in_a_title_is_part_of_the_title(slack, people):
    reply = add_task(slack, "Pay invoice due to ACME <@U2|li>")
    assert "Created `#1` *Pay invoice due to ACME* for <@U2>" in reply
    assert (task(slack).title, task(slack).due_at) == ("Pay invoice due to ACME", None)
    add_task(slack, "Chase the refund due to ACME due fri")
    assert (task(slack, 2).title, task(slack, 2).due_at) == (
        "Chase the refund due to ACME",
        shanghai("2026-12-11 18:00"),
    )


def test_words_after_due_that_are_no_date_are_refused_with_how_to_quote_the_title(slack, people):
    reply = add_task(slack, "Collect the amount due on arrival")
    assert "I can't read `on arrival` as a date" in reply
    assert 'put the title in quotes: `/task add "Collect the amount due on arrival"`' in reply
    assert open_task_count(slack) == 0
    add_task(slack, '"Collect the amount due on arrival" <@U2|li> due fri !high')
    created = task(slack)
    assert (created.title, created.assignee_id) == ("Collect the amount due on arrival", "U2")
    assert (created.due_at, created.priority) == (shanghai("2026-12-11 18:00"), "high")


def test_a_chinese_reader_is_told_how_to_quote_a_title_in_chinese(slack, people):
    reply = add_task(slack, "付款 截止 随便", user="U3")
    assert "我看不懂日期 `随便`" in reply
    assert "如果 “截止” 后面的字是标题的一部分" in reply
    assert '请把标题放在引号里：`/task add "付款 截止 随便"`' in reply
    assert "用法：`/task add &lt;标题&gt;" in reply


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-12-11 01:00:00", "2026-12-11 18:00"),  # Friday 09:00: this Friday, end of day
        ("2026-12-11 11:00:00", "2026-12-18 18:00"),  # Friday 19:00: the workday is over
    ],
)
def test_due_fri_typed_on_a_friday_is_that_friday_until_the_workday_ends(
    slack, people, clock, now, expected
):
    clock.move_to(now)
    add_task(slack, "Send PI to ACME due fri")
    assert task(slack).due_at == shanghai(expected)
