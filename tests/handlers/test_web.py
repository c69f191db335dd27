"""The WSGI front before Bolt: nothing unsigned reaches Bolt or makes the bot write; every
body is read within the cap; a refused request is logged in one short line."""

from __future__ import annotations

import io
import logging

import pytest
from slack_bolt import BoltRequest

from handlers.web import MAX_BODY
from tests.support.driver import SIGNING_SECRET, SLACK_PATH
from tests.support.signing import sign, slash_command_body
from tests.support.wsgi import CountingStream, call, call_stream

# A command from a member in a channel: what the error handler would have apologised to.
BODY = slash_command_body("/task", "add Send PI to ACME", "U1", channel_id="C1")
MARKER = "FORGED-BODY-MARKER"  # survives form encoding, unlike spaces


def _headers(**changes: str) -> dict[str, str]:
    return {**sign(SIGNING_SECRET, BODY), **changes}


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        pytest.param(BODY, _headers(**{"X-Slack-Request-Timestamp": "soon"}), id="not-a-number"),
        pytest.param(BODY, _headers(**{"X-Slack-Request-Timestamp": "１７"}), id="wide-digits"),
        pytest.param(BODY, _headers(**{"X-Slack-Signature": "v0=é" * 8}), id="non-ascii-sig"),
        pytest.param(BODY.encode() + b"&text=\xff", _headers(), id="body-not-utf8"),
        pytest.param(BODY, {"Content-Type": "application/x-www-form-urlencoded"}, id="no-headers"),
    ],
)
def test_an_unsigned_request_gets_401_and_the_bot_writes_to_nobody(
    slack, fake_slack, body, headers
):
    """Bolt's verifier raised on these (int() of the timestamp, compare_digest of a
    non-ASCII signature, UTF-8 decoding), and the error handler then posted its apology to
    the user and channel the unsigned body named; the undecodable body gave a 500."""
    response = call(slack.side.web, "POST", SLACK_PATH, body, headers)
    assert response.status == 401
    assert fake_slack.calls() == []


def test_the_error_handler_cannot_act_on_a_request_bolt_has_not_verified(slack, fake_slack):
    """Past the front (a Socket Mode app, a test, a future adapter), Bolt's verifier still
    raises on a timestamp that is not a number: the error handler refuses it, writes nothing."""
    headers = _headers(**{"X-Slack-Request-Timestamp": "soon"})
    response = slack.side.app.dispatch(BoltRequest(body=BODY, headers=headers))
    assert response.status == 401
    assert fake_slack.calls() == []


def test_bolt_still_verifies_behind_the_front_and_does_not_log_the_body(slack, caplog):
    caplog.set_level(logging.DEBUG)
    body = slash_command_body("/team", MARKER, "U7")
    forged = sign("not-the-secret", body)
    assert slack.side.app.dispatch(BoltRequest(body=body, headers=forged)).status == 401
    assert MARKER not in caplog.text


def test_a_forged_request_is_logged_in_one_short_line_without_its_body(slack, caplog):
    caplog.set_level(logging.DEBUG)
    body = slash_command_body("/team", MARKER * 10_000, "U7")  # ~180 kB, under the cap
    response = call(slack.side.web, "POST", SLACK_PATH, body, sign("not-the-secret", body))
    assert response.status == 401
    assert MARKER not in caplog.text
    [record] = caplog.records
    assert record.name == "handlers.web" and len(record.getMessage()) < 200
    assert "signature" in record.getMessage()


def test_a_signed_request_still_reaches_bolt(slack, fake_slack):
    fake_slack.add_user("U1", name="ana")
    body = slash_command_body("/team", "help", "U1", response_url=fake_slack.response_url())
    response = call(slack.side.web, "POST", SLACK_PATH, body, sign(SIGNING_SECRET, body))
    assert response.status == 200 and "/team" in response.text


def test_a_signed_chunked_request_reaches_bolt_with_its_body(slack, fake_slack):
    """Bolt's adapter reads CONTENT_LENGTH bytes, none when a body comes chunked; the front
    hands it the body it read."""
    fake_slack.add_user("U1", name="ana")
    body = slash_command_body("/team", "help", "U1", response_url=fake_slack.response_url())
    stream = io.BytesIO(body.encode())
    response = call_stream(
        slack.side.web, "POST", SLACK_PATH, stream, None, sign(SIGNING_SECRET, body)
    )
    assert response.status == 200 and "/team" in response.text


def test_slacks_unsigned_ssl_check_is_answered_and_nothing_else_happens(slack, fake_slack):
    """Slack checks a command URL's certificate with an unsigned `ssl_check=1` (Bolt's
    SslCheck answers it before verifying); the front answers it the same way."""
    body = "ssl_check=1&token=verification-token"
    response = call(
        slack.side.web,
        "POST",
        SLACK_PATH,
        body,
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status == 200
    assert fake_slack.calls() == []


ROUTES = [("POST", SLACK_PATH), ("POST", "/api/orders/PO-1"), ("GET", "/healthz")]


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_a_declared_length_over_the_cap_is_refused_unread(slack, method, path):
    body = CountingStream(None)
    response = call_stream(slack.side.web, method, path, body, str(MAX_BODY + 1))
    assert response.status == 413
    assert body.read_bytes == 0


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_a_chunked_body_is_read_one_byte_past_the_cap_and_no_further(slack, method, path):
    body = CountingStream(None)
    response = call_stream(slack.side.web, method, path, body, None)
    assert response.status == 413
    assert body.read_bytes == MAX_BODY + 1


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_a_body_shorter_than_its_length_is_refused(slack, fake_slack, method, path):
    """What arrives when a client hangs up, or `tradeops serve` cuts off a slow one."""
    response = call_stream(slack.side.web, method, path, CountingStream(10), "1000")
    assert (response.status, response.json()) == (400, {"error": "incomplete_body"})
    assert fake_slack.calls() == []


@pytest.mark.parametrize("length", ["-1", "1e3", "ten", "１０"])
def test_a_length_that_is_not_a_number_is_refused(slack, length):
    response = call_stream(slack.side.web, "POST", "/api/orders/PO-1", CountingStream(10), length)
    assert response.status == 400


def test_an_unknown_path_is_404_and_its_body_unread(slack):
    body = CountingStream(None)
    assert call_stream(slack.side.web, "POST", "/nowhere", body, "50").status == 404
    assert body.read_bytes == 0


class _HungUp:
    """A body whose client went away: gunicorn raises NoMoreData, quoting what it had read."""

    def read(self, _size: int) -> bytes:
        raise OSError(f"No more data after: {MARKER!r}")


def test_a_body_the_client_broke_off_is_refused_without_quoting_it(slack, fake_slack, caplog):
    response = call_stream(slack.side.web, "POST", SLACK_PATH, _HungUp(), None)
    assert (response.status, response.json()) == (400, {"error": "incomplete_body"})
    assert MARKER not in caplog.text
    assert fake_slack.calls() == []
