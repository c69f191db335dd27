"""`tradeops serve` end to end: gunicorn, Bolt's WSGI adapter, signed requests, /healthz."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.driver import SIGNING_SECRET, visible_text
from tests.support.signing import sign, slash_command_body

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _request(url: str, body: str | None = None, headers: dict | None = None) -> tuple[int, str]:
    data = body.encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _wait_until_up(base: str, process: subprocess.Popen) -> None:
    for _ in range(200):  # bounded: gives up after about 20 s
        if process.poll() is not None:
            raise AssertionError(f"tradeops serve exited: {process.stderr.read()}")
        try:
            if _request(f"{base}/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("tradeops serve did not come up")


@pytest.fixture
def server(tmp_path: Path, fake_slack) -> Iterator[str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "TRADEOPS_"))}
    env.update(
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        PYTHONPATH=str(ROOT),
        TRADEOPS_DATABASE_URL=f"sqlite:///{tmp_path / 'serve.db'}",
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
            "--no-scheduler",
        ],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_serve_answers_health_and_a_signed_team_command(server, fake_slack):
    fake_slack.add_user("U1", name="li", tz="Asia/Shanghai", locale="zh-CN")
    assert _request(f"{server}/healthz") == (200, '{"ok": true}')
    body = slash_command_body("/team", "", "U1")
    status, text = _request(f"{server}/slack/events", body, sign(SIGNING_SECRET, body))
    assert status == 200
    reply = json.loads(text)
    assert reply["blocks"][0]["type"] == "header"
    assert "团队" in visible_text(reply)


def test_serve_refuses_bad_and_stale_signatures_without_running_a_handler(server, fake_slack):
    body = slash_command_body("/team", "", "U7")
    forged = sign("not-the-secret", body)
    stale = sign(SIGNING_SECRET, body, timestamp=int(time.time()) - 360)
    assert _request(f"{server}/slack/events", body, forged)[0] == 401
    assert _request(f"{server}/slack/events", body, stale)[0] == 401
    assert fake_slack.calls("users.info") == []
