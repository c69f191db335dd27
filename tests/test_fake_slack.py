"""The fake Slack Web API and the request-signing helpers behave like the real thing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from slack_bolt import App, BoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.models.blocks import SectionBlock
from slack_sdk.signature import SignatureVerifier

from tests.support.fake_slack import FakeSlack
from tests.support.signing import (
    block_action_payload,
    event_body,
    interactivity_body,
    message_shortcut_payload,
    sign,
    slash_command_body,
    view_submission_payload,
)

SECRET = "test-signing-secret"
TOKEN = "xoxb-test"


@pytest.fixture
def fake() -> Iterator[FakeSlack]:
    with FakeSlack() as server:
        yield server


@pytest.fixture
def client(fake: FakeSlack) -> WebClient:
    return WebClient(base_url=fake.api_url, token=TOKEN)


@pytest.fixture
def app(client: WebClient) -> App:
    # The token travels on the client: Bolt ignores App(token=...) when a client is given.
    return App(client=client, signing_secret=SECRET, token_verification_enabled=False)


def dispatch(app: App, body: str) -> int:
    return app.dispatch(BoltRequest(body=body, headers=sign(SECRET, body))).status


def test_a_web_client_call_is_recorded_with_its_blocks_decoded(fake, client):
    response = client.chat_postMessage(
        channel="C1", text="hi", blocks=[SectionBlock(block_id="s1", text="*Order 1042*")]
    )

    call = fake.last("chat.postMessage")
    assert response["ok"] and response["channel"] == "C1"
    assert call.params["blocks"][0]["block_id"] == "s1"
    assert call.params["blocks"][0]["text"]["text"] == "*Order 1042*"
    assert call.headers["authorization"] == f"Bearer {TOKEN}"


def test_form_encoded_json_strings_are_decoded_too(fake, client):
    client.api_call("chat.postMessage", data={"channel": "C1", "blocks": '[{"type": "divider"}]'})

    assert fake.last("chat.postMessage").params["blocks"] == [{"type": "divider"}]


def test_each_posted_message_gets_a_later_unique_ts(client):
    first = client.chat_postMessage(channel="C1", text="a")["ts"]
    second = client.chat_postMessage(channel="C1", text="b")["ts"]

    assert float(second) > float(first)


def test_a_rate_limited_call_is_retried_after_retry_after_and_then_succeeds(fake):
    client = WebClient(
        base_url=fake.api_url,
        token=TOKEN,
        retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=2)],
    )
    fake.fail_next("chat.postMessage", status=429, retry_after=0)

    response = client.chat_postMessage(channel="C1", text="hi")

    assert response["ok"]
    assert [c.status for c in fake.calls("chat.postMessage")] == [429, 200]


def test_an_injected_slack_error_is_raised_once_and_then_calls_succeed(fake, client):
    fake.fail_next("chat.postMessage", status=200, error="channel_not_found")

    with pytest.raises(SlackApiError) as failure:
        client.chat_postMessage(channel="C404", text="hi")

    assert failure.value.response["error"] == "channel_not_found"
    assert client.chat_postMessage(channel="C1", text="hi")["ok"]


def test_users_list_pages_through_all_registered_users(fake, client):
    for n in range(5):
        fake.add_user(f"U{n}", name=f"user{n}", tz="Asia/Shanghai", locale="zh-CN")

    # SlackResponse pages in place, so read each page while iterating.
    pages = [page["members"] for page in client.users_list(limit=2, include_locale=True)]

    assert [len(page) for page in pages] == [2, 2, 1]
    members = [m for page in pages for m in page]
    assert [m["id"] for m in members] == ["U0", "U1", "U2", "U3", "U4"]
    assert members[0]["locale"] == "zh-CN" and members[0]["tz_offset"] == 8 * 3600


def test_users_info_knows_registered_users_only(fake, client):
    fake.add_user("U1", name="ana", tz="Europe/Madrid")

    assert client.users_info(user="U1")["user"]["tz"] == "Europe/Madrid"
    with pytest.raises(SlackApiError) as failure:
        client.users_info(user="U404")
    assert failure.value.response["error"] == "user_not_found"


def test_a_file_upload_goes_through_the_three_step_external_flow(fake, client):
    response = client.files_upload_v2(channel="C1", content=b"a,b\n1,2\n", filename="r.csv")

    assert response["file"]["id"] == fake.last("file_upload").params["file_id"]
    assert fake.last("file_upload").params["data"] == b"a,b\n1,2\n"


def test_uploads_join_each_files_name_bytes_and_where_it_was_shared(fake, client):
    client.files_upload_v2(channel="C1", thread_ts="1.5", content=b"png", filename="a.png",
                           title="A")  # fmt: skip
    client.files_upload_v2(channel="C2", content=b"csv", filename="b.csv")

    shared = [(u.filename, u.content, u.title, u.channel, u.thread_ts) for u in fake.uploads()]
    assert shared == [("a.png", b"png", "A", "C1", "1.5"), ("b.csv", b"csv", "b.csv", "C2", None)]


def test_a_signature_made_by_sign_is_accepted_and_a_tampered_body_is_not():
    body = slash_command_body("/order", "status 1042", "U1")
    headers = sign(SECRET, body)
    verifier = SignatureVerifier(SECRET)
    timestamp, signature = headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"]

    assert verifier.is_valid(body, timestamp, signature)
    assert not verifier.is_valid(body.replace("1042", "1043"), timestamp, signature)


def test_a_signed_slash_command_reaches_the_command_listener_of_a_real_bolt_app(fake, app):
    @app.command("/order")
    def order(ack, command, respond, say):
        ack()
        respond(f"looking up {command['text']}")
        say("done")

    body = slash_command_body("/order", "status 1042", "U1", response_url=fake.response_url())

    assert dispatch(app, body) == 200
    assert fake.wait_for("response_url")[0].params["text"] == "looking up status 1042"
    assert fake.wait_for("chat.postMessage")[0].params["channel"] == "C1"


def test_a_request_with_a_bad_signature_is_rejected_by_bolt(app):
    body = slash_command_body("/order", "status 1042", "U1")
    headers = sign("another-secret", body)

    assert app.dispatch(BoltRequest(body=body, headers=headers)).status == 401


def _route_action(app: App, seen: list[Any]) -> str:
    app.action("done")(lambda ack, action: (ack(), seen.append(action["value"])))
    return interactivity_body(block_action_payload("U1", "done", "task-7", channel_id="C1"))


def _route_view(app: App, seen: list[Any]) -> str:
    app.view("new_task")(lambda ack, view: (ack(), seen.append(view["private_metadata"])))
    values = {"title": {"input": {"type": "plain_text_input", "value": "Ship"}}}
    return interactivity_body(view_submission_payload("U1", "new_task", values, "meta"))


def _route_shortcut(app: App, seen: list[Any]) -> str:
    app.shortcut("task_from_message")(
        lambda ack, shortcut: (ack(), seen.append(shortcut["message"]["text"]))
    )
    return interactivity_body(message_shortcut_payload("U1", "task_from_message", "call DHL"))


def _route_event(app: App, seen: list[Any]) -> str:
    app.event("app_home_opened")(lambda event: seen.append(event["user"]))
    return event_body({"type": "app_home_opened", "user": "U1", "tab": "home"})


@pytest.mark.parametrize(
    ("register", "expected"),
    [
        (_route_action, "task-7"),
        (_route_view, "meta"),
        (_route_shortcut, "call DHL"),
        (_route_event, "U1"),
    ],
    ids=["block_action", "view_submission", "message_shortcut", "event"],
)
def test_each_payload_helper_is_routed_to_its_bolt_listener(
    client: WebClient, register: Callable[[App, list[Any]], str], expected: str
):
    # process_before_response: the listener has finished when dispatch returns.
    app = App(client=client, signing_secret=SECRET, process_before_response=True)
    seen: list[Any] = []
    body = register(app, seen)

    assert dispatch(app, body) == 200
    assert seen == [expected]
