"""User text never pings: `<!channel>`, `<!here>` and `<!subteam^…>` typed in a complaint, sent
as a webhook's customer name or written in any other field reach nobody, in any message.

Two checks: every message and view the bot sent in a full working day with hostile text
everywhere is searched for a broadcast token; and messages can only be made through the
block builders, which escape whatever they are given (so a new renderer cannot forget).
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import pytest

from handlers import blocks
from handlers.mrkdwn import escape
from tests.support.driver import visible_text
from tests.support.feedback_data import trade_desk
from tests.support.wsgi import call

HOSTILE = "<!channel> <!here> <!subteam^S1|@sales> <!everyone> <!here|here>"
# What Slack sends for the same words typed in a slash command: real tokens stay tokens.
BROADCAST = re.compile(r"<!(?:channel|here|everyone|subteam\^)")
TOKEN = "test-webhook-token"
HANDLERS = Path(blocks.__file__).parent
# slack_sdk's classes whose text Slack renders as mrkdwn (or shows in a notification).
MESSAGE_CLASSES = {"MarkdownTextObject", "SectionBlock", "ContextBlock", "HeaderBlock"}


def pings(payload: Any) -> list[str]:
    """Every text a person would read in `payload` that holds a broadcast token."""
    return [line for line in visible_text(payload).splitlines() if BROADCAST.search(line)]


def everything_sent(slack: Any, replies: list[Any]) -> list[Any]:
    """Every Web API call's parameters and every reply to a command or a form."""
    calls = [call.params for call in slack.fake.calls()]
    return calls + [reply.json() for reply in replies if reply.text]


def webhook(slack: Any, number: str, body: dict[str, Any]) -> Any:
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"}
    return call(slack.side.web, "POST", f"/api/orders/{number}", json.dumps(body), headers)


@pytest.fixture
def desk(slack, fake_slack):
    trade_desk(slack.core)
    for user in ("UOWNER", "UMGR", "UCS", "U1"):
        fake_slack.add_user(user, name=user.lower())
    return slack


def test_hostile_text_in_every_field_of_every_feature_pings_nobody(desk, fake_slack):
    slack, replies = desk, []

    def command(name: str, text: str, user: str = "U1") -> None:
        replies.append(slack.command(name, text, user=user))

    # The ERP names a customer with a broadcast, and fills an order's fields with them.
    fields = {"vessel": HOSTILE, "supplier": HOSTILE, "pol": HOSTILE, "notes": HOSTILE}
    reply = webhook(slack, "PO-8", {"customer": HOSTILE, "owner": "UOWNER", **fields})
    assert reply.status == 201, reply.text
    reply = webhook(slack, "PO-9", {"customer": f"ACME {HOSTILE}", "owner": "UOWNER", **fields})
    assert reply.status == 201, reply.text
    command("/order", f"update PO-9 stage booked note {HOSTILE}", user="UOWNER")
    command("/order", "status PO-9")
    command("/order", "list")
    command("/order", "history PO-9")
    command("/order", f"status {HOSTILE}")  # an unknown number, quoted back
    # Complaints about that customer and another, by command: channel posts, DMs, lists, cards.
    command("/feedback", f'add "ACME {HOSTILE}" {HOSTILE} severity critical')
    command("/feedback", f"add ACME Trading {HOSTILE} severity critical order PO-1")
    command("/feedback", f"comment 1 {HOSTILE}", user="UOWNER")
    command("/feedback", "list")
    command("/feedback", "show 1")
    command("/feedback", f"customer ACME {HOSTILE}")
    command("/feedback", f"resolve 2 {HOSTILE}", user="UOWNER")
    command("/feedback", f"reopen 2 {HOSTILE}", user="UOWNER")
    command("/feedback", f"add {HOSTILE} nobody knows this customer")
    # The same typed in the form, which Slack passes on unescaped.
    values = {
        "customer": {"value": {"type": "plain_text_input", "value": f"ACME {HOSTILE}"}},
        "text": {"value": {"type": "plain_text_input", "value": HOSTILE}},
        "severity": {"value": {"type": "static_select", "selected_option": {"value": "critical"}}},
    }
    replies.append(slack.submit("U1", "feedback_add", values))
    # Tasks, their comments, and the App Home.
    command("/task", f"add {HOSTILE} <@UOWNER|owner>")
    command("/task", f"comment 1 {HOSTILE}")
    command("/task", "show 1")
    command("/task", "list team")
    # Names from Slack, and whatever is typed to /team and /standup, quoted back.
    fake_slack.add_user("UNEW", name="new", real_name=HOSTILE)
    command("/team", "show", user="UNEW")
    command("/team", f"tz {HOSTILE}")
    command("/standup", f"away {HOSTILE}")
    command("/standup", "report")
    slack.drain()

    sent = everything_sent(slack, replies)
    assert len(sent) > 20  # the day happened: replies, DMs, channel posts, views
    assert [ping for payload in sent for ping in pings(payload)] == []
    assert any("@channel" in visible_text(payload) for payload in slack.sent_messages("CMANAGERS"))


def test_escaping_twice_changes_nothing_so_renderers_that_escape_are_not_shown_entities():
    for text in (HOSTILE, "R&D <b> &amp; &lt;x&gt; > quoted", "a<@U1|li> <https://x.example|y>"):
        assert escape(escape(text)) == escape(text)
    assert escape("R&D <b> &lt;b&gt;") == "R&amp;D &lt;b&gt; &lt;b&gt;"
    assert escape("> what they said\nand > more") == "> what they said\nand &gt; more"


def test_the_block_builders_escape_whatever_a_renderer_hands_them():
    rendered = blocks.Rendered(
        text=HOSTILE,
        blocks=[
            blocks.header(HOSTILE),
            blocks.section(HOSTILE),
            blocks.fields((HOSTILE, HOSTILE)),
            blocks.context(HOSTILE),
            blocks.actions(blocks.button(HOSTILE, "x.y", HOSTILE)),
        ],
    )
    payload = {"text": rendered.text, "blocks": rendered.block_dicts()}
    assert pings(payload) == []
    assert payload["blocks"][-1]["elements"][0]["value"] == HOSTILE  # values stay as they were


def _constructions(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name | ast.Attribute):
            names.add(node.func.id if isinstance(node.func, ast.Name) else node.func.attr)
        if isinstance(node, ast.Constant) and node.value == "mrkdwn":
            names.add('"mrkdwn"')  # a text object written as a dict
    return names


def test_messages_are_made_only_by_the_block_builders_which_escape():
    makers = {
        str(path.relative_to(HANDLERS)): sorted(
            _constructions(path) & (MESSAGE_CLASSES | {'"mrkdwn"'})
        )
        for path in HANDLERS.rglob("*.py")
        # The console reads what the bot sent (to draw it in a terminal); it makes no messages.
        if path.name != "blocks.py" and "console" not in path.relative_to(HANDLERS).parts
    }
    assert {path: made for path, made in makers.items() if made} == {}
