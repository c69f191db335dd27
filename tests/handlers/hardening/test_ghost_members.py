"""Only real mentions name members, and only people Slack knows become members."""

from __future__ import annotations

import pytest

from bot import team
from tests.support import tasks as given
from tests.support.tasks import add_task, task

clock, people = given.clock, given.people
pytestmark = pytest.mark.usefixtures("clock")


def known(slack, slack_id):
    return team.member(slack.core, slack_id) is not None


def test_a_typed_escaped_mention_is_title_text_not_an_assignee(slack, fake_slack, people):
    reply = add_task(slack, "Call the forwarder &lt;@UFAKE99&gt; due fri")
    assert "Created `#1`" in reply
    assert task(slack).assignee_id == "U1"  # the author's own task
    assert "UFAKE99" in task(slack).title
    assert not known(slack, "UFAKE99")
    assert [c for c in fake_slack.calls("users.info") if c.params["user"] == "UFAKE99"] == []


def test_a_mention_of_an_id_slack_does_not_know_is_refused_and_creates_nobody(
    slack, fake_slack, people
):
    reply = add_task(slack, "Call the forwarder <@UGHOST1|ghost> due fri")
    assert "is not a person I know" in reply
    assert not known(slack, "UGHOST1")
    with slack.core.read() as unit:
        assert given.tasks.open_tasks(unit) == []


def test_the_sender_of_a_signed_request_is_stored_even_when_users_info_does_not_know_them(
    slack, fake_slack
):
    reply = slack.reply_text(slack.command("/team", "", user="UNEWBIE"))
    assert "Team" in reply
    assert known(slack, "UNEWBIE")
