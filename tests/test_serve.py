"""`tradeops serve` end to end: gunicorn, the WSGI front, Bolt's adapter, signed (and
deliberately unsigned) requests, /healthz, and clients too slow to finish their requests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from tests.conftest import make_settings
from tests.support.driver import SIGNING_SECRET, visible_text
from tests.support.signing import sign, slash_command_body

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _request(
    url: str, body: str | bytes | None = None, headers: dict | None = None, timeout: float = 10
) -> tuple[int, str]:
    data = body.encode() if isinstance(body, str) else body
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _wait_until_up(base: str, process: subprocess.Popen, log: Path) -> None:
    for _ in range(200):  # bounded: gives up after about 20 s
        if process.poll() is not None:
            raise AssertionError(f"tradeops serve exited: {log.read_text()}")
        try:
            if _request(f"{base}/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("tradeops serve did not come up")


@pytest.fixture
def server(tmp_path: Path, fake_slack) -> Iterator[str]:
    with _serve(tmp_path, fake_slack, "--workers", "1") as base:
        yield base


@contextmanager
def _serve(tmp_path: Path, fake_slack, *flags: str) -> Iterator[str]:
    """A real `tradeops serve` on a free loopback port, with `flags` after the defaults.
    Its log (stderr) goes to tmp_path / "serve.log"."""
    port = _free_port()
    log = tmp_path / "serve.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "TRADEOPS_"))}
    env.update(
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=fake_slack.api_url,
        PYTHONPATH=str(ROOT),
        TRADEOPS_DATABASE_URL=f"sqlite:///{tmp_path / 'serve.db'}",
    )
    with log.open("w") as stderr:
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
                "--no-scheduler",
                *flags,
            ],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process, log)
        fake_slack.reset()  # forget the start-up auth.test: the tests look at what came after
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


def test_serve_refuses_unsigned_requests_that_made_bolt_raise_and_writes_to_nobody(
    server, fake_slack
):
    """A timestamp that is not a number made Bolt's verifier raise and the error handler
    apologise to the user in the unsigned body; a body that is not UTF-8 gave a 500."""
    body = slash_command_body("/task", "add Send PI to ACME", "U7")
    not_a_number = {**sign(SIGNING_SECRET, body), "X-Slack-Request-Timestamp": "soon"}
    not_utf8 = body.encode() + b"&text=\xff\xfe"
    assert _request(f"{server}/slack/events", body, not_a_number)[0] == 401
    assert _request(f"{server}/slack/events", not_utf8, sign(SIGNING_SECRET, body))[0] == 401
    assert fake_slack.calls() == []


def test_serve_logs_a_forged_request_in_one_short_line_without_its_body(
    server, fake_slack, tmp_path
):
    marker = "FORGED-BODY-MARKER"
    body = slash_command_body("/team", marker * 10_000, "U7")  # ~180 kB, under the cap
    assert _request(f"{server}/slack/events", body, sign("not-the-secret", body))[0] == 401
    log = (tmp_path / "serve.log").read_text()
    assert marker not in log
    [line] = [line for line in log.splitlines() if "refused" in line]
    assert "/slack/events" in line and "signature" in line and len(line) < 300


def test_serve_refuses_a_body_over_the_cap_before_it_is_sent(server):
    """413 on the declared length alone: the client never gets to send the 50 MB."""
    port = urllib.parse.urlsplit(server).port
    with socket.create_connection(("127.0.0.1", port), timeout=30) as client:
        client.sendall(
            b"POST /api/orders/PO-1 HTTP/1.1\r\nHost: tradeops\r\n"
            b"Content-Type: application/json\r\nContent-Length: 50000000\r\n\r\n{"
        )
        assert client.recv(64).startswith(b"HTTP/1.1 413")


# A request whose headers (or body) stop half way, the client keeping the connection open.
STALLED_BODY = (
    b"POST /slack/events HTTP/1.1\r\nHost: tradeops\r\nContent-Type: application/json\r\n"
    b'Content-Length: 1000\r\n\r\n{"type": '
)
STALLED_HEADERS = b"POST /slack/events HTTP/1.1\r\nHost: tradeops\r\nX-Slack-Sig"


def test_slow_clients_do_not_keep_healthz_waiting(tmp_path, fake_slack):
    """More stalled clients than request threads: without a deadline for sending a request
    every thread waits on one of them and /healthz is never answered."""
    threads = 2
    flags = ("--workers", "1", "--threads", str(threads), "--read-timeout", "1")
    with _serve(tmp_path, fake_slack, *flags) as base, ExitStack() as clients:
        port = urllib.parse.urlsplit(base).port
        bodies = [clients.enter_context(_stall(port, STALLED_BODY)) for _ in range(threads + 1)]
        heads = [clients.enter_context(_stall(port, STALLED_HEADERS)) for _ in range(threads)]
        time.sleep(0.5)  # not a measurement: lets the worker hand the stalled ones its threads
        assert _request(f"{base}/healthz", timeout=60) == (200, '{"ok": true}')
        for client in bodies:  # cut off at the deadline, and told why
            assert client.recv(64).startswith(b"HTTP/1.1 400")
        for client in heads:  # no request to answer: hung up on
            assert client.recv(64) == b""


@contextmanager
def _stall(port: int, head: bytes) -> Iterator[socket.socket]:
    """A client that sends `head` and then nothing more, until the test lets go of it."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as client:
        client.sendall(head)
        yield client


def test_serve_defaults_are_gthread_with_a_read_deadline_and_gunicorn_args_override_them(
    monkeypatch,
):
    from bot.cli import build_parser
    from bot.server import DeadlineThreadWorker, GunicornServer, ServeOptions, default_workers

    args = build_parser().parse_args(["serve"])
    options = ServeOptions(
        args.host, args.port, args.workers, args.threads, args.timeout, args.read_timeout
    )
    monkeypatch.delenv("GUNICORN_CMD_ARGS", raising=False)
    cfg = GunicornServer(make_settings(), options).cfg
    assert cfg.worker_class is DeadlineThreadWorker
    workers = (cfg.workers, cfg.threads, cfg.timeout, options.read_timeout)
    assert workers == (default_workers(), 4, 30, 10.0)
    assert (cfg.limit_request_line, cfg.limit_request_fields) == (2048, 50)

    monkeypatch.setenv("GUNICORN_CMD_ARGS", "--limit-request-line 4094 --keep-alive 5")
    cfg = GunicornServer(make_settings(), options).cfg
    assert (cfg.limit_request_line, cfg.keepalive, cfg.threads) == (4094, 5, 4)


@pytest.mark.parametrize(("cpus", "workers"), [(1, 2), (2, 4), (3, 6), (64, 8)])
def test_serve_runs_two_workers_per_cpu_it_may_use_from_two_up_to_eight(monkeypatch, cpus, workers):
    from bot import server

    monkeypatch.setattr(server.os, "sched_getaffinity", lambda _pid: set(range(cpus)))
    assert server.default_workers() == workers
