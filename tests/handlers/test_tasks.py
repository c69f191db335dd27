"""/task through signed requests: what the author sees, what the database holds, who is told."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from freezegun import freeze_time

from bot import task_views, team
from tests.support.driver import visible_text

THURSDAY_0900_SHANGHAI = "2026-12-10 01:00:00"


@pytest.fixture(autouse=True)
def clock():
    with freeze_time(THURSDAY_0900_SHANGHAI, tick=True) as frozen:
        yield frozen


@pytest.fixture
def people(slack, fake_slack):
    """ana (creator) and li in Shanghai, wang who reads Chinese, and the admin."""
    fake_slack.add_user("U1", name="ana", tz="Asia/Shanghai")
    fake_slack.add_user("U2", name="li", tz="Asia/Shanghai")
    fake_slack.add_user("U3", name="wang", tz="Asia/Shanghai", locale="zh-CN")
    fake_slack.add_user("UADMIN", name="boss", tz="Europe/Madrid")
    for user in ("U1", "U2", "U3", "UADMIN"):
        slack.command("/task", "help", user=user)
    fake_slack.reset()


def add(slack, text, user="U1"):
    return slack.reply_text(slack.command("/task", f"add {text}", user=user))


def task(slack, task_id=1):
    with slack.core.unit() as unit:
        return task_views.get(unit, task_id)


def count_tasks(slack):
    with slack.core.unit() as unit:
        return len(task_views.open_tasks(unit))


def buttons(message):
    return [
        element["action_id"]
        for block in message.get("blocks") or []
        if block["type"] == "actions"
        for element in block["elements"]
    ]


def shanghai(text):
    return datetime.fromisoformat(text + "+08:00").astimezone(UTC)


def test_add_with_assignee_due_time_and_priority_dms_the_assignee_with_buttons(
    slack, fake_slack, people
):
    reply = add(slack, "Send PI to ACME <@U2|li> due fri 17:00 !high")
    assert "Created `#1` *Send PI to ACME* for <@U2>" in reply
    assert "Fri 2026-12-11 17:00" in reply
    created = task(slack)
    assert (created.assignee_id, created.creator_id, created.priority) == ("U2", "U1", "high")
    assert created.due_at == shanghai("2026-12-11 17:00")
    [dm] = slack.sent_messages("U2")
    assert "<@U1> gave you `#1` *Send PI to ACME*" in visible_text(dm)
    assert "Fri 2026-12-11 17:00" in visible_text(dm)
    assert buttons(dm) == ["task_done", "task_snooze"]
    assert fake_slack.last("views.publish").params["user_id"] == "U2"


def test_a_plain_at_name_of_a_known_member_assigns_too(slack, people):
    add(slack, "Send PI to ACME @li due fri 17:00 !high")
    assert task(slack).assignee_id == "U2"


def test_add_in_chinese_with_tomorrow_means_tomorrow_in_the_authors_time_zone(slack, people):
    reply = add(slack, "给ACME发形式发票 <@U2|li> due 明天")
    assert "给ACME发形式发票" in reply
    assert task(slack).due_at == shanghai("2026-12-11 18:00")


def test_tomorrow_typed_at_23_30_in_shanghai_is_the_next_shanghai_day(slack, people, clock):
    clock.move_to("2026-12-10 15:30:00")  # 23:30 in Shanghai
    add(slack, "给ACME发形式发票 <@U2|li> due 明天")
    assert task(slack).due_at == shanghai("2026-12-11 18:00")


def test_add_with_an_iso_date_and_no_assignee_is_the_authors_and_tells_nobody(slack, people):
    reply = add(slack, "Book container for order 1042 due 2026-12-20")
    assert "Book container for order 1042" in reply
    created = task(slack)
    assert created.assignee_id == "U1"
    assert created.due_at == shanghai("2026-12-20 18:00")
    assert slack.sent_messages() == []


def test_the_due_time_follows_the_authors_own_time_zone(slack, people):
    add(slack, "Call the forwarder due tomorrow 9:00", user="UADMIN")  # in Madrid
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
        ("add Send PI due someday", "I can't read `someday` as a date."),
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
    assert "Usage: `/task add <title>" in reply
    assert count_tasks(slack) == 0
    assert slack.sent_messages() == []


@pytest.mark.parametrize(
    ("text", "complaint", "usage"),
    [
        ("done 42", "There is no task #42.", "/task done <id>"),
        ("done abc", "`abc` is not a task id.", "/task done <id>"),
        ("show 42", "There is no task #42.", "/task show <id>"),
        ("due 1 someday", "I can't read `someday` as a date.", "/task due <id> <when>"),
        ("due 1", "Say when", "/task due <id> <when>"),
        ("assign 1 nobody", "`nobody` is not a person I know.", "/task assign <id> @user"),
        ("list everything", "`everything` is not a list.", "/task list"),
        ("comment 1", "Write the comment", "/task comment <id> <text>"),
    ],
)
def test_bad_ids_dates_and_people_get_the_usage_line_and_change_nothing(
    slack, people, text, complaint, usage
):
    add(slack, "Send PI to ACME <@U2|li> due fri 17:00")
    before = task(slack)
    reply = slack.reply_text(slack.command("/task", text, user="U1"))
    assert complaint in reply
    assert f"Usage: `{usage}" in reply
    assert task(slack) == before


def test_someone_elses_task_is_refused_clearly_and_left_alone(slack, people):
    add(slack, "Send PI to ACME <@U2|li> due fri 17:00")
    for text in ("done 1", "cancel 1", "assign 1 <@U3|wang>", "due 1 next mon"):
        reply = slack.reply_text(slack.command("/task", text, user="U3"))
        assert "任务 #1 的负责人是 <@U2>" in reply  # wang reads Chinese
        assert "用法" in reply
    after = task(slack)
    assert (after.status, after.assignee_id) == ("open", "U2")
    assert after.due_at == shanghai("2026-12-11 17:00")


def test_a_manager_may_complete_their_reports_task(slack, people):
    with slack.core.unit() as unit:
        team.set_manager(unit, "UADMIN", "U2", "U3")
    add(slack, "Send PI to ACME <@U2|li> due fri 17:00")
    reply = slack.reply_text(slack.command("/task", "done 1", user="U3"))
    assert "已完成" in reply
    assert task(slack).status == "done"


def test_done_tells_the_creator_once_even_when_repeated(slack, people):
    add(slack, "Send PI to ACME <@U2|li> due fri 17:00")
    first = slack.reply_text(slack.command("/task", "done 1", user="U2"))
    second = slack.reply_text(slack.command("/task", "done #1", user="U2"))
    assert "Done: `#1` *Send PI to ACME*" in first
    assert "was already done" in second
    [told] = slack.sent_messages("U1")
    assert "<@U2> completed `#1` *Send PI to ACME*" in visible_text(told)
    assert buttons(told) == []


def test_reopen_and_cancel(slack, people):
    add(slack, "Send PI to ACME <@U2|li> due fri 17:00")
    slack.command("/task", "done 1", user="U2")
    assert "Reopened" in slack.reply_text(slack.command("/task", "reopen 1", user="U1"))
    assert task(slack).status == "open"
    assert "Cancelled" in slack.reply_text(slack.command("/task", "cancel 1", user="U1"))
    assert task(slack).status == "cancelled"
    cancelled_dm = slack.sent_messages("U2")[-1]
    assert "<@U1> cancelled `#1`" in visible_text(cancelled_dm)
    assert "is cancelled" in slack.reply_text(slack.command("/task", "done 1", user="U2"))


def test_assign_moves_the_task_tells_both_people_and_refreshes_both_homes(
    slack, fake_slack, people
):
    add(slack, "Send PI to ACME <@U2|li> due fri 17:00")
    fake_slack.reset()
    reply = slack.reply_text(slack.command("/task", "assign 1 <@U3|wang>", user="U1"))
    assert "now <@U3>'s" in reply
    assert task(slack).assignee_id == "U3"
    [to_wang] = slack.sent_messages("U3")
    assert "<@U1> 把 `#1` *Send PI to ACME* 交给了你" in visible_text(to_wang)  # in Chinese
    assert buttons(to_wang) == ["task_done", "task_snooze"]
    [to_li] = slack.sent_messages("U2")
    assert "<@U1> gave `#1` *Send PI to ACME* to <@U3>" in visible_text(to_li)
    assert buttons(to_li) == []
    published = [call.params["user_id"] for call in fake_slack.calls("views.publish")]
    assert sorted(published) == ["U2", "U3"]


def test_due_changes_the_time_and_tells_the_assignee(slack, people):
    add(slack, "Send PI to ACME <@U2|li> due fri 17:00")
    reply = slack.reply_text(slack.command("/task", "due 1 下周一 10:00", user="U1"))
    assert "now due Mon 2026-12-14 10:00" in reply
    assert task(slack).due_at == shanghai("2026-12-14 10:00")
    assert "<@U1> changed the due time" in visible_text(slack.sent_messages("U2")[-1])
    slack.command("/task", "due 1 none", user="U1")
    assert task(slack).due_at is None


def test_comment_and_show_with_comments_and_history(slack, people):
    add(slack, "Send PI to ACME <@U2|li> due fri 17:00 !high")
    slack.command("/task", "comment 1 ACME wants USD & EUR <b>both</b>", user="U3")
    slack.command("/task", "due 1 fri 18:00", user="U2")
    shown = slack.reply_text(slack.command("/task", "show 1", user="U1"))
    assert "#1 Send PI to ACME" in shown
    assert "high priority" in shown
    assert "<@U3>: ACME wants USD &amp; EUR &lt;b&gt;both&lt;/b&gt;" in shown
    assert "<@U1> created it for <@U2>" in shown
    assert "<@U2> set the due time to Fri 2026-12-11 18:00" in shown


def test_list_defaults_to_mine_sorted_by_due_with_overdue_marked(slack, people, clock):
    add(slack, "Later <@U2|li> due next fri")
    add(slack, "Soon <@U2|li> due today 11:00")
    add(slack, "No date <@U2|li>")
    add(slack, "Not mine <@U3|wang> due today 10:00")
    clock.move_to("2026-12-10 04:00:00")  # 12:00 in Shanghai: "Soon" is overdue
    lines = slack.reply_text(slack.command("/task", "list", user="U2")).splitlines()
    mine = [line for line in lines if line.startswith((":red_circle:", "•"))]
    assert mine[0].startswith(":red_circle: `#2` *Soon*") and "*overdue*" in mine[0]
    assert [line.split("*")[1] for line in mine] == ["Soon", "Later", "No date"]
    assert "overdue" not in mine[1]


def test_list_of_a_person_the_team_and_the_overdue(slack, people, clock):
    add(slack, "For li <@U2|li> due today 10:00")
    add(slack, "For wang <@U3|wang> due tomorrow")
    clock.move_to("2026-12-10 03:00:00")
    of_wang = slack.reply_text(slack.command("/task", "list <@U3|wang>", user="U1"))
    assert "For wang" in of_wang and "For li" not in of_wang
    whole_team = slack.reply_text(slack.command("/task", "list team", user="U1"))
    assert "For wang" in whole_team and "For li" in whole_team
    overdue = slack.reply_text(slack.command("/task", "list overdue", user="U1"))
    assert "For li" in overdue and "For wang" not in overdue


def test_a_long_list_pages_with_a_next_button(slack, fake_slack, people):
    for number in range(1, 46):
        slack.command("/task", f"add Task {number:02d} due 2026-12-{10 + number // 4:02d}")
    first = slack.command("/task", "list", user="U1").json()
    assert "Page 1 of 3 · 45 in all" in visible_text(first)
    assert "Task 01" in visible_text(first) and "Task 21" not in visible_text(first)
    assert buttons(first) == ["task_list_page_next"]
    next_value = first["blocks"][-1]["elements"][0]["value"]
    slack.press("U1", "task_list_page_next", next_value, channel_id="C1")
    second = fake_slack.last("response_url").params
    assert second["replace_original"] in (True, "true")
    assert "Page 2 of 3" in visible_text(second)
    assert "Task 21" in visible_text(second) and "Task 01" not in visible_text(second)
    assert buttons(second) == ["task_list_page_prev", "task_list_page_next"]
    third = slack.reply_text(slack.command("/task", "list mine 3", user="U1"))
    assert "Task 45" in third


def test_an_empty_call_lists_my_tasks_and_help_lists_every_subcommand(slack, people):
    add(slack, "Send PI to ACME due fri")
    assert "Send PI to ACME" in slack.reply_text(slack.command("/task", "", user="U1"))
    usage = slack.reply_text(slack.command("/task", "help", user="U1"))
    for word in ("add", "list", "show", "done", "reopen", "cancel", "assign", "due", "comment"):
        assert f"/task {word}" in usage
