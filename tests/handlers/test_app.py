"""The Bolt app's own parts: the error handler and the catch-all for commands no feature
serves (what reaches them unsigned is in test_web.py)."""

from __future__ import annotations

from pathlib import Path

import yaml
from slack_bolt import BoltRequest

from bot.bootstrap import build_slack
from handlers.app import served_commands
from tests.support.driver import Driver
from tests.support.signing import block_action_payload
from tests.support.tasks import open_task_count

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"
BOLT_ACK_TIMEOUT = 3  # seconds Bolt waits for a listener's ack() before trying the next one


def test_a_command_slower_than_the_ack_deadline_is_not_answered_by_the_catch_all(
    settings, core, slack_client, fake_slack
):
    """As `tradeops serve` runs it: /task add waits on a slow users.info for the member it
    names, past Bolt's ack deadline. One listener serves every command, so nothing else may
    answer it meanwhile; the answer, late as it is, is the command's own."""
    side = build_slack(settings, core=core, client=slack_client)
    bot = Driver(side, fake_slack)
    fake_slack.add_user("U1", name="ana")
    fake_slack.add_user("U2", name="li")
    bot.command("/task", "help", user="U1")  # ana is met while Slack is quick
    fake_slack.delay("users.info", BOLT_ACK_TIMEOUT + 1)

    reply = bot.reply_text(bot.command("/task", "add Send PI to ACME <@U2|li>", user="U1"))

    assert "not available" not in reply
    assert "Created `#1`" in reply
    assert open_task_count(bot) == 1


def test_the_catch_all_answers_exactly_the_declared_commands_no_feature_serves(slack):
    declared = {
        c["command"] for c in yaml.safe_load(MANIFEST.read_text())["features"]["slash_commands"]
    }
    assert served_commands() <= declared
    for name in sorted(declared):
        text = slack.reply_text(slack.command(name, "help"))
        assert ("is not available" in text) == (name not in served_commands()), name


def test_the_error_handler_still_apologises_for_a_request_over_socket_mode(slack, fake_slack):
    """Bolt does not verify Socket Mode requests (the connection is authenticated); they
    count as verified, so an error in one still gets the person an apology."""
    fake_slack.add_user("U1", name="li")

    def explode(ack):
        ack()
        raise RuntimeError("boom")

    slack.side.app.action("test_explode")(explode)
    payload = block_action_payload("U1", "test_explode", "1", channel_id="C9", message_ts="1.2")
    slack.side.app.dispatch(BoltRequest(body=payload, mode="socket_mode"))
    apology = fake_slack.last("chat.postEphemeral").params
    assert (apology["channel"], apology["user"]) == ("C9", "U1")
