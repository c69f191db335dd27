"""/task in the one command grammar, through signed requests: the shared keys in Chinese,
bare numbers, and words nobody asked for named instead of dropped."""

from __future__ import annotations

import pytest

from tests.support import tasks as given
from tests.support.tasks import add_task, task

# Thursday 09:00 in Shanghai; ana (U1), li (U2), wang (U3, reads Chinese) and the admin.
clock, people = given.clock, given.people
pytestmark = pytest.mark.usefixtures("clock", "people")


def say(slack, text, user="U1"):
    return slack.reply_text(slack.command("/task", text, user=user))


def test_owner_due_and_priority_are_keys_in_english_or_chinese(slack):
    add_task(slack, "Call ACME 负责人 <@U2|li> 截止 明天 优先级 高")
    add_task(slack, "Book the truck owner <@U3|wang> priority low")
    first, second = task(slack, 1), task(slack, 2)
    assert (first.title, first.assignee_id, first.priority) == ("Call ACME", "U2", "high")
    assert first.due_at is not None
    assert (second.title, second.assignee_id, second.priority) == ("Book the truck", "U3", "low")


def test_a_bare_number_shows_the_task(slack):
    add_task(slack, "Book the truck")
    assert say(slack, "1") == say(slack, "show 1")
    assert "#1 Book the truck" in say(slack, "#1")


@pytest.mark.parametrize("subcommand", ["show", "done", "cancel"])
def test_extra_words_after_the_id_are_reported_and_nothing_changes(slack, subcommand):
    add_task(slack, "Book the truck")
    text = say(slack, f"{subcommand} 1 2")
    assert "I didn't understand `2`." in text
    assert f"Usage: `/task {subcommand} &lt;id&gt;`" in text
    assert task(slack, 1).status == "open"


def test_assign_and_due_take_their_value_as_a_key_too(slack):
    add_task(slack, "Book the truck")
    assert "is now <@U3>'s" in say(slack, "assign 1 owner <@U3|wang>")
    say(slack, "due 1 截止 fri 17:00")
    assert task(slack, 1).assignee_id == "U3"
    assert task(slack, 1).due_at is not None


def test_a_list_names_words_it_did_not_understand_in_the_readers_language(slack):
    assert "I didn't understand `soon`." in say(slack, "list team soon")
    assert "看不懂 `soon`。" in say(slack, "list team soon", user="U3")
    assert "The team's open tasks" in say(slack, "list team page 1")


def test_an_owner_pair_may_lead_the_title_but_inside_it_stays_title(slack):
    add_task(slack, "负责人 <@U2|li> 给ACME发形式发票")
    add_task(slack, "Ask the owner <@U3|wang> mentioned for the PI")
    assert (task(slack, 1).title, task(slack, 1).assignee_id) == ("给ACME发形式发票", "U2")
    assert task(slack, 2).title.startswith("Ask the owner")
    assert task(slack, 2).assignee_id == "U1"


def test_an_assignee_no_one_knows_is_named_with_a_bad_priority(slack):
    text = add_task(slack, "Call ACME <@UGHOST|ghost> !urgent")
    assert "2 things to fix" in text
    assert "`<@UGHOST>` is not a person I know" in text
    assert "`!urgent` is not a priority" in text
    assert "Usage: `/task add" in text
    assert given.open_task_count(slack) == 0


def test_an_assignee_no_one_knows_is_named_with_the_words_after_them(slack):
    add_task(slack, "Book the truck")
    text = say(slack, "assign 1 @nobody please", user="U3")
    assert "有 2 处需要修改" in text
    assert "不认识 `@nobody`" in text and "看不懂 `please`。" in text
    assert "用法：`/task assign" in text
    assert task(slack).assignee_id == "U1"
