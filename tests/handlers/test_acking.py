"""Served as `tradeops serve` and `tradeops run` serve it (listeners not run before the
response): every answer goes to Slack the moment it exists, and slow work still comes after
the answer."""

from __future__ import annotations

import threading
import time
import types
from typing import Any

import pytest
from slack_bolt import App, BoltRequest

from bot.bootstrap import build_slack
from handlers.acking import AFTER_ACK, AckAwaitingExecutor, ListenerRunner
from tests.support.driver import Driver

HELD = 10  # seconds a held call waits at most; a wrong implementation fails after this


@pytest.fixture
def served(settings, core, slack_client, fake_slack) -> Driver:
    return Driver(build_slack(settings, core=core, client=slack_client), fake_slack)


@pytest.fixture
def people(served, fake_slack) -> None:
    fake_slack.add_user("U1", name="ana")
    fake_slack.add_user("U2", name="li")
    for user in ("U1", "U2"):
        served.command("/task", "help", user=user)
    fake_slack.reset()


@pytest.fixture
def bolt_sleeps(monkeypatch) -> list[float]:
    """Each sleep of Bolt's ack poll (10 ms steps while a listener has not acked)."""
    slept: list[float] = []
    import slack_bolt.listener.thread_runner as runner

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        time.sleep(seconds)

    monkeypatch.setattr(runner, "time", types.SimpleNamespace(time=time.time, sleep=sleep))
    return slept


class Held:
    """Each call to `method` held until `release()` (at most HELD seconds)."""

    def __init__(self, fake_slack, method: str) -> None:
        self.method = method
        self.released = threading.Event()
        self.ends: list[str] = []  # per held call: "released", or "timed out" if never
        fake_slack.observe(self.hold)

    def hold(self, called: str, _params: dict[str, Any]) -> None:
        if called == self.method:
            self.ends.append("released" if self.released.wait(HELD) else "timed out")

    def release(self) -> None:
        self.released.set()


def test_a_command_is_answered_before_the_app_homes_it_changed_are_refreshed(
    served, fake_slack, people
):
    publish = Held(fake_slack, "views.publish")

    reply = served.reply_text(served.command("/task", "add Check the BL draft <@U2|li>"))
    publish.release()  # only now: had the answer waited for the refresh, it would time out
    served.side.app.listener_runner.listener_executor.shutdown(wait=True)

    assert "Created `#1`" in reply
    assert publish.ends == ["released"]
    assert [call.params["user_id"] for call in fake_slack.calls("views.publish")] == ["U2"]


def test_a_button_is_answered_at_its_ack_while_its_listener_works_on(served, fake_slack):
    fake_slack.add_user("U1", name="ana")
    working, finished = threading.Event(), threading.Event()

    def slow_press(ack: Any) -> None:
        ack()
        working.wait(HELD)  # work after the ack, e.g. a message to post
        finished.set()

    served.side.app.action("test_slow")(slow_press)
    response = served.press("U1", "test_slow", "1", channel_id="C1", message_ts="1.2")
    done_before_answer = finished.is_set()
    working.set()
    served.side.app.listener_runner.listener_executor.shutdown(wait=True)

    assert response.status == 200
    assert not done_before_answer
    assert finished.is_set()


def test_no_answer_waits_for_bolts_ack_poll(served, fake_slack, people, bolt_sleeps):
    def press_after_asking_slack(ack: Any, client: Any) -> None:
        client.users_info(user="U1")  # the listener's thread is still busy when Bolt looks
        ack(text="done")

    served.side.app.action("test_ask")(press_after_asking_slack)
    order = served.reply_text(served.command("/order", "help"))
    press = served.press("U1", "test_ask", "1", channel_id="C1", message_ts="1.2")

    assert "/order status" in order
    assert press.status == 200
    assert bolt_sleeps == []


def test_a_listener_that_never_acks_is_reported_as_bolt_reports_it(served, fake_slack, caplog):
    fake_slack.add_user("U1", name="ana")
    served.side.app.action("test_mute")(lambda body: None)

    response = served.press("U1", "test_mute", "1", channel_id="C1", message_ts="1.2")

    assert "didn't call ack()" in caplog.text
    assert response.status != 200 or not response.text


def test_work_after_a_commands_answer_that_fails_reaches_the_apps_error_handler(slack_client):
    executor = AckAwaitingExecutor()
    app = App(client=slack_client, signing_secret="s", listener_executor=executor)
    ListenerRunner.install(app, executor)
    errors: list[Exception] = []
    app.error(lambda error: errors.append(error))

    def command(ack: Any, context: Any) -> None:
        ack("added")
        context[AFTER_ACK](lambda: 1 / 0)

    app.command("/x")(command)
    body = {"command": "/x", "text": "", "user_id": "U1", "team_id": "T1", "channel_id": "C1"}
    response = app.dispatch(BoltRequest(body=body, mode="socket_mode"))
    executor.shutdown(wait=True)

    assert response.status == 200 and "added" in response.body
    assert [type(error) for error in errors] == [ZeroDivisionError]
