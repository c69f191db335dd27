"""/task besides adding, through signed requests: changing, listing and showing tasks, who may
do what, who is told, and App Homes refreshed after the reply."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot import tasks, team
from handlers.mrkdwn import escape
from handlers.tasks.commands import command
from tests.support import tasks as given
from tests.support.driver import visible_text
from tests.support.tasks import (
    add_task,
    assert_fits_slack,
    button_values,
    open_task_count,
    shanghai,
    task,
)

# Thursday 09:00 in Shanghai for every test here; ana, li, wang (reads Chinese) and the admin.
clock, people = given.clock, given.people
pytestmark = pytest.mark.usefixtures("clock")


def buttons(message):
    return list(button_values(message))


@pytest.mark.parametrize(
    ("text", "complaint", "usage"),
    [
        ("done 42", "There is no task #42.", "/task done <id>"),
        ("done abc", "`abc` is not a task id.", "/task done <id>"),
        ("done", "Which task? Give its number", "/task done <id>"),
        ("assign 1", "Who should take it? Mention them, e.g. `/task assign 1 @li`", "/task assign"),
        ("show 42", "There is no task #42.", "/task show <id>"),
        ("due 1 someday", "I can't read `someday` as a date.", "/task due <id> <when>"),
        ("due 1", "Say when, e.g. `/task due 1 fri 17:00`", "/task due <id> <when>"),
        ("assign 1 nobody", "`nobody` is not a person I know.", "/task assign <id> @user"),
        ("list everything", "`everything` is not a list.", "/task list"),
        ("comment 1", "Write the comment", "/task comment <id> <text>"),
    ],
)
def test_bad_ids_dates_and_people_get_the_usage_line_and_change_nothing(
    slack, people, text, complaint, usage
):
    add_task(slack, "Send PI to ACME <@U2|li> due fri 17:00")
    before = task(slack)
    reply = slack.reply_text(slack.command("/task", text, user="U1"))
    assert complaint in reply
    assert f"Usage: `{escape(usage)}" in reply  # mrkdwn would read <id> as a link
    assert task(slack) == before


def test_someone_elses_task_is_refused_clearly_and_left_alone(slack, people):
    add_task(slack, "Send PI to ACME <@U2|li> due fri 17:00")
    for text in ("done 1", "cancel 1", "assign 1 <@U3|wang>", "due 1 next mon"):
        reply = slack.reply_text(slack.command("/task", text, user="U3"))
        assert "任务 #1 的负责人是 <@U2>" in reply  # wang reads Chinese
        assert "用法" in reply
    after = task(slack)
    assert (after.status, after.assignee_id) == ("open", "U2")
    assert after.due_at == shanghai("2026-12-11 17:00")


def test_a_manager_may_complete_their_reports_task(slack, people):
    team.set_manager(slack.core, "UADMIN", "U2", "U3")
    add_task(slack, "Send PI to ACME <@U2|li> due fri 17:00")
    reply = slack.reply_text(slack.command("/task", "done 1", user="U3"))
    assert "已完成" in reply
    assert task(slack).status == "done"


def test_done_tells_the_creator_once_even_when_repeated(slack, people):
    add_task(slack, "Send PI to ACME <@U2|li> due fri 17:00")
    first = slack.reply_text(slack.command("/task", "done 1", user="U2"))
    second = slack.reply_text(slack.command("/task", "done #1", user="U2"))
    assert "Done: `#1` *Send PI to ACME*" in first
    assert "was already done" in second
    [told] = slack.sent_messages("U1")
    assert "<@U2> completed `#1` *Send PI to ACME*" in visible_text(told)
    assert buttons(told) == []


def test_reopen_and_cancel(slack, people):
    add_task(slack, "Send PI to ACME <@U2|li> due fri 17:00")
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
    add_task(slack, "Send PI to ACME <@U2|li> due fri 17:00")
    fake_slack.reset()
    reply = slack.reply_text(slack.command("/task", "assign 1 <@U3|wang>", user="U1"))
    assert "now <@U3>'s" in reply
    assert task(slack).assignee_id == "U3"
    [to_wang] = slack.sent_messages("U3")
    assert "<@U1> 把 `#1` *Send PI to ACME* 交给了你" in visible_text(to_wang)  # in Chinese
    assert buttons(to_wang) == ["tasks.task.done", "tasks.task.snooze"]
    [to_li] = slack.sent_messages("U2")
    assert "<@U1> gave `#1` *Send PI to ACME* to <@U3>" in visible_text(to_li)
    assert buttons(to_li) == []
    published = [call.params["user_id"] for call in fake_slack.calls("views.publish")]
    assert sorted(published) == ["U2", "U3"]


def test_due_changes_the_time_and_tells_the_assignee(slack, people):
    add_task(slack, "Send PI to ACME <@U2|li> due fri 17:00")
    reply = slack.reply_text(slack.command("/task", "due 1 下周一 10:00", user="U1"))
    assert "now due Mon 2026-12-14 10:00" in reply
    assert task(slack).due_at == shanghai("2026-12-14 10:00")
    assert "<@U1> changed the due time" in visible_text(slack.sent_messages("U2")[-1])
    slack.command("/task", "due 1 none", user="U1")
    assert task(slack).due_at is None
    told = visible_text(slack.sent_messages("U2")[-1])
    assert "<@U1> removed the due date of `#1` *Send PI to ACME*" in told
    assert "no due date" in told and "due no due" not in told


def test_comment_and_show_with_comments_and_history(slack, people):
    add_task(slack, "Send PI to ACME <@U2|li> due fri 17:00 !high")
    slack.command("/task", "comment 1 ACME wants USD & EUR <b>both</b>", user="U3")
    slack.command("/task", "due 1 fri 18:00", user="U2")
    shown = slack.reply_text(slack.command("/task", "show 1", user="U1"))
    assert "#1 Send PI to ACME" in shown
    assert "high priority" in shown
    assert "<@U3>: ACME wants USD &amp; EUR &lt;b&gt;both&lt;/b&gt;" in shown
    assert "<@U1> created it for <@U2>" in shown
    assert "<@U2> set the due time to Fri 2026-12-11 18:00" in shown


def test_list_defaults_to_mine_sorted_by_due_with_overdue_marked(slack, people, clock):
    add_task(slack, "Later <@U2|li> due next fri")
    add_task(slack, "Soon <@U2|li> due today 11:00")
    add_task(slack, "No date <@U2|li>")
    add_task(slack, "Not mine <@U3|wang> due today 10:00")
    clock.move_to("2026-12-10 04:00:00")  # 12:00 in Shanghai: "Soon" is overdue
    lines = slack.reply_text(slack.command("/task", "list", user="U2")).splitlines()
    mine = [line for line in lines if line.startswith((":red_circle:", "•"))]
    assert mine[0].startswith(":red_circle: `#2` *Soon*") and "*overdue*" in mine[0]
    assert [line.split("*")[1] for line in mine] == ["Soon", "Later", "No date"]
    assert "overdue" not in mine[1]
    assert "<@U2>" not in "\n".join(mine)  # all of them are li's own: no need to say so


def test_list_of_a_person_the_team_and_the_overdue(slack, people, clock):
    add_task(slack, "For li <@U2|li> due today 10:00")
    add_task(slack, "For wang <@U3|wang> due tomorrow")
    clock.move_to("2026-12-10 03:00:00")
    of_wang = slack.reply_text(slack.command("/task", "list <@U3|wang>", user="U1"))
    assert "For wang" in of_wang and "For li" not in of_wang
    whole_team = slack.reply_text(slack.command("/task", "list team", user="U1"))
    assert "`#2` *For wang* · <@U3>" in whole_team and "`#1` *For li* · <@U2>" in whole_team
    overdue = slack.reply_text(slack.command("/task", "list overdue", user="U1"))
    assert "For li" in overdue and "For wang" not in overdue


def test_an_empty_list_says_what_it_is_empty_of(slack, people):
    add_task(slack, "Not due yet <@U2|li> due next mon")

    def listed(words, user="U1"):
        return slack.reply_text(slack.command("/task", f"list {words}", user=user))

    overdue = listed("overdue")
    assert "Nothing is overdue." in overdue and "/task add" not in overdue
    assert "没有逾期的任务。" in listed("逾期", user="U3")
    assert "You have no open tasks. Add one with `/task add &lt;title&gt;`." in listed("mine")
    assert "<@U3> has no open tasks." in listed("<@U3|wang>")
    assert "Not due yet" in listed("team")


def test_a_long_list_pages_with_a_next_button(slack, fake_slack, people):
    for number in range(1, 46):
        slack.command("/task", f"add Task {number:02d} due 2026-12-{10 + number // 4:02d}")
    first = slack.command("/task", "list", user="U1").json()
    assert "Page 1 of 3 · 45 in all" in visible_text(first)
    assert "Task 01" in visible_text(first) and "Task 21" not in visible_text(first)
    assert buttons(first) == ["tasks.list.next"]
    next_value = first["blocks"][-1]["elements"][0]["value"]
    slack.press("U1", "tasks.list.next", next_value, channel_id="C1")
    second = fake_slack.last("response_url").params
    assert second["replace_original"] in (True, "true")
    assert "Page 2 of 3" in visible_text(second)
    assert "Task 21" in visible_text(second) and "Task 01" not in visible_text(second)
    assert buttons(second) == ["tasks.list.previous", "tasks.list.next"]
    third = slack.reply_text(slack.command("/task", "list mine 3", user="U1"))
    assert "Task 45" in third


def test_an_empty_call_lists_my_tasks_and_help_lists_every_subcommand(slack, people):
    add_task(slack, "Send PI to ACME due fri")
    assert "Send PI to ACME" in slack.reply_text(slack.command("/task", "", user="U1"))
    usage = slack.reply_text(slack.command("/task", "help", user="U1"))
    for word in ("add", "list", "show", "done", "reopen", "cancel", "assign", "due", "comment"):
        assert f"/task {word}" in usage


def test_the_reply_to_a_command_does_not_wait_for_app_home_refreshes(slack, fake_slack, people):
    """Slack wants a command answered within 3 seconds; views.publish is one call per member."""
    homes_published_when_acked = []

    def ack(**reply):
        homes_published_when_acked.append(len(fake_slack.calls("views.publish")))
        assert "Created `#1`" in reply["text"]

    with slack.core.write() as unit:
        ana = team.get(unit, "U1")
    body = {"command": "/task", "text": "add Check the BL draft <@U2|li>", "user_id": "U1"}
    command.listener(ack, body, slack.side.client, {"core": slack.core, "member": ana})
    assert homes_published_when_acked == [0]
    assert [call.params["user_id"] for call in fake_slack.calls("views.publish")] == ["U2"]


def test_a_failing_app_home_refresh_does_not_spoil_the_command(slack, fake_slack, people):
    fake_slack.fail_always("views.publish", status=200, error="internal_error")
    reply = add_task(slack, "Check the BL draft <@U2|li>")
    assert "Created `#1` *Check the BL draft* for <@U2>" in reply
    assert len(fake_slack.calls("views.publish")) == 1
    assert "gave you `#1`" in visible_text(slack.sent_messages("U2")[0])


def test_show_heads_the_task_with_its_title_readable_as_plain_text(slack, people):
    add_task(slack, "Ask <@U3|wang> about the PI <@U2|li>")
    shown = slack.command("/task", "show 1", user="U1").json()
    heading = shown["blocks"][0]
    assert (heading["type"], heading["text"]["text"]) == ("header", "#1 Ask @wang about the PI")


def test_mentions_and_links_in_comments_stay_live_but_channel_wide_pings_do_not(slack, people):
    add_task(slack, "Send PI to ACME <@U2|li>")
    text = "<!channel> <@U2|li> see <https://acme.example/pi|the PI> & <!subteam^S1|@sales>"
    slack.command("/task", f"comment 1 {text} &lt;@nobody&gt;", user="U1")
    shown = slack.reply_text(slack.command("/task", "show 1", user="U1"))
    assert "<@U1>: @channel <@U2|li> see <https://acme.example/pi|the PI> &amp; @sales" in shown
    assert "&lt;@nobody&gt;" in shown  # typed text that only looks like a token stays text
    assert "<!" not in shown


def test_a_long_running_task_shows_its_newest_comments_and_history_within_slacks_limits(
    slack, people
):
    add_task(slack, "Send PI to ACME <@U2|li> due fri")
    for number in range(70):
        slack.command("/task", f"comment 1 Note {number:02d} {'x' * 2900}", user="U2")
    with slack.core.write() as unit:
        for hours in range(1, 121):
            tasks.set_due(unit, "U1", 1, unit.now + timedelta(hours=hours))
    slack.command("/task", "due 1 none", user="U1")
    shown = slack.command("/task", "show 1", user="U1").json()
    assert_fits_slack(shown)
    text = visible_text(shown)
    assert "Note 69" in text and "Note 00" not in text
    assert "Older comments not shown:" in text and "Older changes not shown:" in text
    assert text.rstrip().endswith("<@U1> removed the due date\nShare in channel")


def test_sixty_tasks_with_the_longest_titles_page_within_slacks_limits(slack, people):
    for number in range(65):
        add_task(slack, f"{number:02d} {'y' * 297} <@U2|li> due 2026-12-{11 + number % 15}")
    assert open_task_count(slack) == 65
    for text in ("list team", "list team 2", "list team 4", "list <@U2|li> 3"):
        assert_fits_slack(slack.command("/task", text, user="U1").json())
    last = slack.reply_text(slack.command("/task", "list team 4", user="U1"))
    assert "Page 4 of 4 · 65 in all" in last
