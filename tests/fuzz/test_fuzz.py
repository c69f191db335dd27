"""Property-based fuzzing of every slash command, every button, every form and the webhook,
through the real Bolt app with signed requests, on SQLite and PostgreSQL.

Whatever arrives gets a reply, a usage line, a form or a 4xx: never a 5xx, never the
unexpected-error apology, never an unhandled error in the log. What is fuzzed is read from
the app as registered (`registered()`), so a new command, button or form is fuzzed the day it
is added. The budget is fixed and small, and derandomized, so CI is quick and reproducible.
"""

from __future__ import annotations

import json
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from slack_bolt import App
from slack_sdk import WebClient

from bot import grammar
from bot.i18n import t
from handlers.app import commands as routed_commands
from handlers.app import create_app
from tests.support.feedback_data import trade_desk
from tests.support.signing import block_action_payload, view_submission_payload
from tests.support.wsgi import call

APOLOGY = "Sorry, something went wrong"
FUZZ = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
USERS = ("U1", "UOWNER", "UADMIN", "UCS", "UMGR")
WEBHOOK_HEADERS = {"Content-Type": "application/json", "Authorization": "Bearer test-webhook-token"}


# -- what the app registers -------------------------------------------------------------------


def registered() -> dict[str, list[Any]]:
    """Every constraint the features register (command names, action ids, callback ids),
    and for a command its handler: read from a throwaway app as create_app builds it."""
    seen: dict[str, list[Any]] = defaultdict(list)

    def recording(kind: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def register(self: App, constraint: Any, *args: Any, **kwargs: Any) -> Any:
            decorate = original(self, constraint, *args, **kwargs)

            def record(function: Any) -> Any:
                seen[kind].append((constraint, function))
                return decorate(function)

            return record

        return register

    kinds = ("command", "action", "view", "shortcut")
    with _patched(App, {kind: recording(kind, getattr(App, kind)) for kind in kinds}):
        create_app(mock.Mock(), WebClient(token="xoxb-unused"), "unused")
    return seen


@contextmanager
def _patched(target: Any, methods: dict[str, Any]) -> Iterator[None]:
    with mock.patch.multiple(target, **methods):  # type: ignore[call-overload]
        yield


REGISTERED = registered()


def ids_of(kind: str) -> st.SearchStrategy[str]:
    """The ids registered for `kind`; a pattern stands for the ids it matches."""
    choices = []
    for constraint, _function in REGISTERED[kind]:
        if isinstance(constraint, str):
            choices.append(st.just(constraint))
        elif isinstance(constraint, re.Pattern):
            choices.append(st.from_regex(constraint, fullmatch=True))
    assert choices, f"no {kind} registered"
    return st.one_of(choices)


def commands() -> dict[str, list[str]]:
    """Each served command with the words its subcommands answer to: the app registers one
    listener for every command, which routes each to its feature's (handlers.app.commands)."""
    assert [each.pattern for each, _ in REGISTERED["command"]] == ["^/"]
    return {
        name: [*command.subcommands, *command.aliases, "help"]
        for name, command in routed_commands().items()
    }


COMMANDS = commands()

# -- what arrives -----------------------------------------------------------------------------

# Words the parsers give meaning to, and words that have broken them before.
MEANINGFUL = [
    "1", "2", "#1", "0", "-1", "²", "١٢", "99999999999999999999", "1e9", "page", "2",
    "<@U1|li>", "<@UGHOST|ghost>", "&lt;@U1&gt;", "@ucs", "<!channel>", "due", "fri", "17:00",
    "31 dec 9999", "2026-02-30", "tomorrow", "明天", "截止", "!high", "severity", "critical",
    "category", "order", "PO-1", "customer", "ACME Trading", '"ACME', "stage", "booked",
    "note", "container", "CSQU3054383", "eta", "etd", "-", "none", "team", "mine", "all",
    "weeks", "Asia/Shanghai", "zh", "en", "CN", "sun-thu", "\x00", "\ud800", "\n", "  ",
    "from", "until", "to", "从", "到", "date", "last week", "上周", "next fri", "mon wed fri",
    "8周", "weeks8", "周一至周五", "12月20日到12月31日", "~", "for", "“thanks”",
]  # fmt: skip
words = st.one_of(st.sampled_from(MEANINGFUL), st.text(max_size=12))
texts = st.one_of(st.text(max_size=80), st.lists(words, max_size=8).map(" ".join))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | texts,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@st.composite
def command_texts(draw: Any) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(COMMANDS)))
    word = draw(st.one_of(st.sampled_from(COMMANDS[name]), st.just(""), st.text(max_size=8)))
    rest = draw(st.lists(words, max_size=8).map(" ".join))
    return name, _sendable(f"{word} {rest}".strip())


def _sendable(text: str) -> str:
    """What a form body can carry: UTF-8, so a lone surrogate arrives as U+FFFD."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


@st.composite
def presses(draw: Any) -> dict[str, Any]:
    value = draw(st.one_of(texts, json_values.map(json.dumps), st.sampled_from(MEANINGFUL)))
    payload = block_action_payload(
        draw(st.sampled_from(USERS)),
        draw(ids_of("action")),
        value,
        response_url="RESPONSE_URL",
        channel_id=draw(st.sampled_from([None, "C1"])),
    )
    if draw(st.booleans()):  # the press's other fields, as anything at all
        payload["actions"][0].update(draw(st.dictionaries(st.text(max_size=12), json_values)))
    if draw(st.booleans()):
        payload.update(draw(st.dictionaries(st.sampled_from(list(payload)), json_values)))
    return payload


element_states = st.fixed_dictionaries(
    {},
    optional={
        "type": st.sampled_from(
            ["plain_text_input", "static_select", "datepicker", "users_select"]
        ),
        "value": texts,
        "selected_option": st.one_of(st.none(), st.fixed_dictionaries({"value": texts})),
        "selected_user": st.sampled_from([*USERS, "UGHOST", ""]),
        "selected_date": st.sampled_from(["2026-12-20", "2026-02-30", "9999-12-31", "x"]),
        "selected_time": st.sampled_from(["17:00", "25:61", "x"]),
    },
)
BLOCKS = ["customer", "order", "text", "category", "severity", "assignee", "title", "due_date"]
BLOCKS += ["due_time", "priority", "number", "notes", "stage", "yesterday", "today", "blockers"]


@st.composite
def submissions(draw: Any) -> dict[str, Any]:
    block = st.one_of(st.sampled_from(BLOCKS), st.text(max_size=8))
    values = draw(st.dictionaries(block, st.dictionaries(block, element_states), max_size=6))
    metadata = draw(st.one_of(st.just(""), texts, json_values.map(json.dumps)))
    payload = view_submission_payload(
        draw(st.sampled_from(USERS)), draw(ids_of("view")), values, private_metadata=metadata
    )
    if draw(st.booleans()):
        payload["view"].update(
            draw(st.dictionaries(st.sampled_from(list(payload["view"])), json_values))
        )
    return payload


FIELDS = ["customer", "owner", "stage", "eta", "etd", "notes", "containers", "incoterm"]
FIELDS += ["amount", "currency", "number", "vessel", "country", "bl", "pol", "pod", "paid"]
orders_json = st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), json_values)
webhook_bodies = st.one_of(
    orders_json.map(json.dumps), json_values.map(json.dumps), texts.map(_sendable)
)
order_numbers = st.one_of(
    st.sampled_from(["1042", "PO-1", "PO-2", "po-1"]), st.text(min_size=1).map(_sendable)
)

# -- the property -----------------------------------------------------------------------------


@pytest.fixture
def desk(slack, fake_slack):
    trade_desk(slack.core)
    for user in USERS:
        fake_slack.add_user(user, name=user.lower())
    return slack


@pytest.fixture
def answers_everything(desk, caplog):
    """Run one request; check it was answered without a 5xx, an apology or a logged error."""
    caplog.set_level(logging.ERROR)

    def check(send: Callable[[], Any]) -> Any:
        caplog.clear()
        desk.fake.reset()
        reply = send()
        desk.drain()
        assert reply.status < 500, reply.text
        sent = [reply.text, *(json.dumps(c.params) for c in desk.fake.calls())]
        assert not [text for text in sent if APOLOGY in text]
        assert [record.getMessage() for record in caplog.records] == []
        return reply

    return check


@FUZZ
@given(command=command_texts())
def test_any_slash_command_gets_a_reply_or_a_usage_line(desk, answers_everything, command):
    name, text = command
    reply = answers_everything(lambda: desk.command(name, text, user="U1"))
    if reply.status == 200:  # an answer, or a form opened instead
        assert reply.text or desk.fake.calls("views.open")


@FUZZ
@given(payload=presses())
def test_any_press_of_any_button_is_answered_or_refused(desk, answers_everything, payload):
    if payload.get("response_url") == "RESPONSE_URL":
        payload["response_url"] = desk.fake.response_url()
    answers_everything(lambda: desk.post(urlencode({"payload": json.dumps(payload)})))


@FUZZ
@given(payload=submissions())
def test_any_form_submitted_with_anything_is_answered_or_refused(desk, answers_everything, payload):
    answers_everything(lambda: desk.post(urlencode({"payload": json.dumps(payload)})))


@FUZZ
@given(number=order_numbers, body=webhook_bodies)
def test_any_webhook_call_gets_a_2xx_or_a_4xx(desk, answers_everything, number, body):
    path = "/api/orders/" + number.replace("?", "%3F").replace("#", "%23")
    reply = answers_everything(lambda: call(desk.side.web, "POST", path, body, WEBHOOK_HEADERS))
    assert reply.status in (200, 201, 400, 404, 422)


def test_what_is_fuzzed_is_what_the_app_registers():
    assert {"/task", "/order", "/feedback", "/team", "/standup", "/kudos", "/summary"} <= set(
        COMMANDS
    )
    assert {"away", "report", "stats", "back"} <= set(COMMANDS["/standup"])
    assert {"country", "workdays"} <= set(COMMANDS["/team"])
    assert "add" in COMMANDS["/task"] and "update" in COMMANDS["/order"]
    actions = [constraint for constraint, _ in REGISTERED["action"]]
    assert "tasks.task.done" in actions and "feedback.item.start" in actions
    assert any(isinstance(each, re.Pattern) for each in actions)  # the orders' page buttons
    assert {"feedback_add", "task_create"} <= {c for c, _ in REGISTERED["view"]}


# -- the one command grammar ------------------------------------------------------------------

UNSTORABLE = t("common.error.unstorable_text", "en")
KEY_WORDS = sorted({word for key in grammar.KEYS for word in key.words})
QUOTED = ['"Hamburg Imports"', "“汉堡进口”", "「ACME Trading」", '"ACME', "「", "”", '""']
grammar_words = st.one_of(
    st.sampled_from(KEY_WORDS), st.sampled_from(QUOTED), st.sampled_from(MEANINGFUL), words
)


@st.composite
def grammar_texts(draw: Any) -> tuple[str, str]:
    """Any command, any subcommand or a bare number, then keys, values and quotes in any order."""
    name = draw(st.sampled_from(sorted(COMMANDS)))
    first = draw(st.one_of(st.sampled_from(COMMANDS[name]), st.sampled_from(["1", "#1", "1042"])))
    rest = draw(st.lists(grammar_words, max_size=10).map(" ".join))
    return name, _sendable(f"{first} {rest}".strip())


@FUZZ
@given(command=grammar_texts())
def test_any_keys_values_and_quotes_get_a_reply_or_a_usage_line(desk, answers_everything, command):
    name, text = command
    reply = answers_everything(lambda: desk.command(name, text, user="U1"))
    shown = desk.reply_text(reply) if reply.text else ""
    # A NUL is refused before any command reads the text; every other warning is a command's.
    if shown.startswith(":warning:") and UNSTORABLE not in shown:
        assert "Usage:" in shown, (name, text, shown)


NUMBER_ONLY = [
    ("/order", "status PO-1"), ("/order", "history PO-1"), ("/order", "watch PO-1"),
    ("/order", "unwatch PO-1"), ("/order", "1042"), ("/task", "show 1"), ("/task", "done 1"),
    ("/task", "reopen 1"), ("/task", "cancel 1"), ("/task", "1"), ("/feedback", "show 1"),
    ("/feedback", "start 1"), ("/feedback", "1"), ("/standup", "stats weeks 2"),
    ("/standup", "back"), ("/team", "country CN"), ("/team", "lang zh"),
]  # fmt: skip
stray_words = st.from_regex(r"[a-z]{2,10}|[0-9]{1,4}|[一-龥]{1,4}", fullmatch=True).filter(
    lambda word: word not in KEY_WORDS
)


def assert_named(desk, answers_everything, asked, extra):
    """The word after a complete input is named in the reply, with the usage line."""
    name, text = asked
    reply = answers_everything(lambda: desk.command(name, f"{text} {extra}", user="U1"))
    shown = desk.reply_text(reply)
    assert f"I didn't understand `{extra}`." in shown, shown
    assert "Usage:" in shown


@FUZZ
@given(asked=st.sampled_from(NUMBER_ONLY), extra=stray_words)
def test_a_word_after_a_number_is_always_named_never_ignored(
    desk, answers_everything, asked, extra
):
    assert_named(desk, answers_everything, asked, extra)


# Complete days and weeks, and words no day or week is made of (no digits, no weekday,
# month or time words), so whatever follows them is named, never read as part of the day.
DAY_ASKS = [
    ("/summary", "last week"), ("/summary", "date 2026-11-30"), ("/standup", "report today"),
    ("/standup", "report date yesterday"), ("/standup", "away until 2026-12-31"),
    ("/standup", "away from 2026-12-20 to 2026-12-31"), ("/team", "workdays sun-thu"),
]  # fmt: skip
DAY_LIKE = re.compile(
    r"mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
)
not_a_day = st.from_regex(r"[qxz][a-z]{1,8}|[哈嘿呀]{1,3}", fullmatch=True).filter(
    lambda word: word not in KEY_WORDS and not DAY_LIKE.search(word)
)


@FUZZ
@given(asked=st.sampled_from(DAY_ASKS), extra=not_a_day)
def test_a_word_after_a_day_or_a_week_is_named_never_read_as_part_of_it(
    desk, answers_everything, asked, extra
):
    assert_named(desk, answers_everything, asked, extra)
