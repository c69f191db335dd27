"""What an operator sees when `run`, `serve` or `scheduler` cannot start: one line that
says what is wrong and what to do, exit status 2, no traceback, before anything else runs."""

from __future__ import annotations

import logging
import socket

import pytest

from bot.bootstrap import build_slack
from tests.conftest import make_settings
from tests.support.driver import SIGNING_SECRET
from tests.test_cli import tradeops

BOT_TOKEN = "xoxb-1111-2222-abcdef"
APP_TOKEN = "xapp-1-A111-2222-abcdef"

# What each entry point needs besides the bot token.
STARTS = {
    "run": {"SLACK_APP_TOKEN": APP_TOKEN},
    "serve": {"SLACK_SIGNING_SECRET": SIGNING_SECRET},
    "scheduler": {},
}


def _closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/"  # nothing listens there once the probe closed


def _the_one_line(result) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("tradeops: ")
    return lines[0]


def _start(command: str, tmp_path, **env: str):
    values = {"SLACK_BOT_TOKEN": BOT_TOKEN, **STARTS[command], **env}
    values.setdefault("TRADEOPS_DATABASE_URL", f"sqlite:///{tmp_path / 'tradeops.db'}")
    return tradeops(command, cwd=tmp_path, **values)


@pytest.mark.parametrize("command", sorted(STARTS))
@pytest.mark.parametrize("placeholder", ["xoxb-...", "your-bot-token", "xapp-1-A111-2222-abc"])
def test_a_bot_token_of_the_wrong_shape_is_named_with_where_to_get_the_right_one(
    command, placeholder, tmp_path
):
    line = _the_one_line(_start(command, tmp_path, SLACK_BOT_TOKEN=placeholder))
    assert "SLACK_BOT_TOKEN" in line
    assert "xoxb-" in line
    assert "OAuth & Permissions" in line
    assert placeholder not in line  # a value is never echoed: it may be a real secret
    assert not (tmp_path / "tradeops.db").exists()  # stopped before touching the database


def test_a_bot_token_in_the_app_token_variable_is_called_what_it_is(tmp_path):
    line = _the_one_line(_start("run", tmp_path, SLACK_APP_TOKEN=BOT_TOKEN))
    assert line.startswith("tradeops: SLACK_APP_TOKEN holds a bot token")
    assert "xapp-" in line
    assert "connections:write" in line
    assert BOT_TOKEN not in line


def test_a_signing_secret_that_is_not_32_hex_digits_stops_serve(tmp_path):
    line = _the_one_line(_start("serve", tmp_path, SLACK_SIGNING_SECRET="changeme"))
    assert "SLACK_SIGNING_SECRET" in line
    assert "32 hexadecimal characters" in line
    assert "Basic Information" in line


@pytest.mark.parametrize("command", sorted(STARTS))
def test_an_unreachable_slack_is_one_line_naming_the_address(command, tmp_path):
    url = _closed_port_url()
    line = _the_one_line(_start(command, tmp_path, SLACK_API_URL=url))
    assert f"cannot reach Slack at {url}" in line
    assert "SLACK_API_URL" in line


@pytest.mark.parametrize("command", sorted(STARTS))
def test_a_bot_token_slack_refuses_is_one_line_and_checked_before_starting(
    command, tmp_path, fake_slack
):
    fake_slack.fail_always("auth.test", status=200, error="invalid_auth")
    line = _the_one_line(_start(command, tmp_path, SLACK_API_URL=fake_slack.api_url))
    assert "Slack refused SLACK_BOT_TOKEN (invalid_auth)" in line
    assert "OAuth & Permissions" in line
    assert fake_slack.calls("apps.connections.open") == []
    assert not (tmp_path / "tradeops.db").exists()


def test_an_app_token_slack_refuses_stops_run_before_socket_mode(tmp_path, fake_slack):
    fake_slack.fail_always("apps.connections.open", status=200, error="invalid_auth")
    line = _the_one_line(_start("run", tmp_path, SLACK_API_URL=fake_slack.api_url))
    assert "Slack refused SLACK_APP_TOKEN (invalid_auth)" in line
    assert "connections:write" in line
    assert len(fake_slack.calls("apps.connections.open")) == 1  # asked once, no retry loop
    assert fake_slack.last("auth.test").status == 200


def test_slack_failing_on_its_side_is_told_apart_from_a_refused_token(tmp_path, fake_slack):
    fake_slack.fail_always("auth.test", status=503)
    line = _the_one_line(_start("scheduler", tmp_path, SLACK_API_URL=fake_slack.api_url))
    assert "Slack answered auth.test with" in line
    assert "refused" not in line


def test_building_the_app_does_not_warn_that_the_token_is_unused(
    monkeypatch, caplog, engine, fake_slack
):
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)  # as on every real start: Bolt reads it
    caplog.set_level(logging.DEBUG)
    build_slack(make_settings(api_url=fake_slack.api_url), engine=engine, upgrade=False,
                drain="off")  # fmt: skip
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert not [w for w in warnings if "will be unused" in w], warnings
