"""A loopback stand-in for the Slack Web API, in process: the console's Slack and the tests'.

A real ``slack_sdk.WebClient(base_url=slack.api_url)`` talks HTTP to this server, so the
client's own encoding, retry handlers and error handling run as they do against Slack; the
console shows, and tests assert on, the recorded calls. Set-up (users, failures, delays)
shapes the workspace; `webapi` holds what each method answers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from typing import Any
from zoneinfo import ZoneInfo

from bot.clock import Clock, SystemClock

from .webapi import (
    Failure,
    Handler,
    Reply,
    conversation_id,
    default_answer,
    has_token,
    json_bytes,
)

Answer = dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]]
Observer = Callable[[str, dict[str, Any]], None]


@dataclass(frozen=True)
class Call:
    """One request the loopback received. Header names are lower-cased."""

    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    status: int = 200
    path: str = ""
    answer: dict[str, Any] | None = None  # what the loopback answered (a failure: None)


@dataclass
class Upload:
    """One file uploaded the files_upload_v2 way (see LoopbackSlack.uploads)."""

    file_id: str
    filename: str
    content: bytes = b""
    title: str | None = None
    channel: str | None = None
    thread_ts: str | None = None


class LoopbackSlack:
    """Records every Web API call and answers like Slack would (shapes, not semantics).

    Its clock stamps each message's ts: the console's own clock, so that a message sent
    after `:time +2d` carries that day; the wall clock (which freezegun moves) by default.
    """

    def __init__(self, clock: Clock | None = None) -> None:
        self._clock = clock or SystemClock()
        self._cond = threading.Condition()
        self._calls: list[Call] = []
        self._failures: dict[str, list[Failure]] = {}
        self._users: dict[str, dict[str, Any]] = {}
        self._custom: dict[str, Answer] = {}
        self._history: dict[str, list[dict[str, Any]]] = {}  # conversation id -> messages
        self._observers: list[Observer] = []
        self._release = threading.Event()  # ends every held ("hang") answer early
        self._delays: dict[str, float] = {}
        self._counter = 0
        self._last_second = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------

    def start(self) -> LoopbackSlack:
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        server.slack = self  # type: ignore[attr-defined]
        self._server = server
        # A short poll interval keeps stop() (and so each test's teardown) fast.
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> LoopbackSlack:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        assert self._server is not None, "LoopbackSlack is not started"
        host, port = self._server.socket.getsockname()[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        """The value for ``WebClient(base_url=...)`` (and SLACK_API_URL)."""
        return f"{self.base_url}/api/"

    def response_url(self, name: str = "r1") -> str:
        """A URL for Bolt's respond(); posts to it are recorded as method "response_url"."""
        return f"{self.base_url}/response_url/{name}"

    # -- set-up -----------------------------------------------------------------------

    def add_user(
        self,
        user_id: str,
        name: str = "user",
        real_name: str | None = None,
        tz: str = "America/New_York",
        locale: str = "en-US",
        is_bot: bool = False,
        deleted: bool = False,
    ) -> dict[str, Any]:
        """Register a user, shaped like the ``user`` object of users.info."""
        real = real_name if real_name is not None else name
        user = {
            "id": user_id,
            "team_id": "T1",
            "name": name,
            "real_name": real,
            "deleted": deleted,
            "is_bot": is_bot,
            "tz": tz,
            "tz_label": tz,
            "tz_offset": self._utc_offset_seconds(tz),
            "locale": locale,
            "profile": {"display_name": name, "real_name": real, "real_name_normalized": real},
        }
        with self._cond:
            self._users[user_id] = user
        return user

    def set_response(self, method: str, answer: Answer) -> None:
        """Override the default answer: a fixed dict, or a function of the call's params."""
        with self._cond:
            self._custom[method] = answer

    def fail_next(
        self,
        method: str,
        status: int = 429,
        retry_after: int = 1,
        times: int = 1,
        error: str | None = None,
    ) -> None:
        """Make the next ``times`` calls fail: 429 (Retry-After), 5xx, or 200 with an error."""
        self._add_failure(method, Failure(status, retry_after, error, times))

    def fail_always(self, method: str, status: int = 500, error: str | None = None) -> None:
        self._add_failure(method, Failure(status, 1, error, None))

    def accept_then_hang(self, method: str, seconds: float = 5.0, times: int = 1) -> None:
        """The next ``times`` calls take effect, but the answer comes only after ``seconds``
        (a client with a shorter time-out gives up on a call Slack did carry out)."""
        self._add_failure(method, Failure(200, 1, None, times, "hang", seconds))

    def accept_then_drop(self, method: str, times: int = 1) -> None:
        """The next ``times`` calls take effect, then the connection closes unanswered."""
        self._add_failure(method, Failure(200, 1, None, times, "drop"))

    def observe(self, observer: Observer) -> None:
        """Call ``observer(method, params)`` as each request arrives, before it is answered
        (on the server's thread; it must not raise). reset_all() forgets observers."""
        with self._cond:
            self._observers.append(observer)

    def release_hangs(self) -> None:
        """Answer every held call now."""
        with self._cond:
            self._release.set()
            self._release = threading.Event()

    def delay(self, method: str, seconds: float) -> None:
        """Answer every call to ``method`` only after ``seconds``: a slow Slack."""
        with self._cond:
            self._delays[method] = seconds

    def clear_failures(self) -> None:
        with self._cond:
            self._failures.clear()

    def _add_failure(self, method: str, failure: Failure) -> None:
        with self._cond:
            self._failures.setdefault(method, []).append(failure)

    # -- queries ----------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        with self._cond:
            return [c for c in self._calls if method is None or c.method == method]

    def last(self, method: str) -> Call:
        found = self.calls(method)
        if not found:
            raise AssertionError(f"no {method} call; seen: {self._seen_methods()}")
        return found[-1]

    def reset(self) -> None:
        """Forget recorded calls (users, overrides and failure rules stay)."""
        with self._cond:
            self._calls.clear()

    def reset_all(self) -> None:
        """Back to a fresh workspace: no calls, users, messages, overrides, failure rules
        or observers; held answers are sent."""
        with self._cond:
            self._calls.clear()
            self._users.clear()
            self._custom.clear()
            self._history.clear()
            self._observers.clear()
            self._delays.clear()
        self.clear_failures()
        self.release_hangs()

    def messages(self, conversation: str) -> list[dict[str, Any]]:
        """What was posted to a conversation (a member id means the DM with the bot)."""
        with self._cond:
            return list(self._history.get(conversation_id(conversation), []))

    def uploads(self) -> list[Upload]:
        """Files sent through files_upload_v2's steps, joined up by file id: the name given
        to files.getUploadURLExternal, the bytes sent to its upload URL, and where
        files.completeUploadExternal shared the file."""
        names = {
            str(call.answer["file_id"]): str(call.params.get("filename", ""))
            for call in self.calls("files.getUploadURLExternal")
            if call.answer and "file_id" in call.answer
        }
        by_id = {
            call.params["file_id"]: Upload(
                call.params["file_id"], names.get(call.params["file_id"], ""), call.params["data"]
            )
            for call in self.calls("file_upload")
        }
        for call in self.calls("files.completeUploadExternal"):
            for shared in call.params.get("files") or []:
                found = by_id.get(shared.get("id"))
                if found is not None:
                    found.title = shared.get("title")
                    found.channel = call.params.get("channel_id")
                    found.thread_ts = call.params.get("thread_ts")
        return list(by_id.values())

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block until ``count`` calls to ``method`` arrived: Bolt runs listeners after ack."""
        with self._cond:
            done = self._cond.wait_for(
                lambda: sum(c.method == method for c in self._calls) >= count, timeout
            )
        if not done:
            raise AssertionError(
                f"expected {count} {method} call(s) within {timeout}s; seen: {self._seen_methods()}"
            )
        return self.calls(method)

    def _seen_methods(self) -> list[str]:
        return [c.method for c in self.calls()]

    # -- request handling (called from server threads) ---------------------------------

    def handle(
        self, method: str, params: dict[str, Any], headers: dict[str, str], path: str
    ) -> Reply | None:
        """The reply to send, or None to close the connection without one."""
        with self._cond:
            pause = self._delays.get(method, 0.0)
        time.sleep(pause)
        for observer in self._observers_now():
            observer(method, params)
        failure = self._take_failure(method)
        answer = None
        if failure is not None and failure.after_accepting is None:
            status, extra, body = failure.response()
        else:
            answer = self._answer(method, params, headers)
            status, extra, body = 200, {}, json_bytes(answer)
        with self._cond:
            self._calls.append(Call(method, params, headers, status, path, answer))
            self._cond.notify_all()
            release = self._release
        if failure is not None and failure.after_accepting == "drop":
            return None
        if failure is not None and failure.after_accepting == "hang":
            release.wait(failure.hang_seconds)
        return status, extra, body

    def _observers_now(self) -> list[Observer]:
        with self._cond:
            return list(self._observers)

    def _take_failure(self, method: str) -> Failure | None:
        with self._cond:
            queue = self._failures.get(method)
            if not queue:
                return None
            failure = queue[0]
            if failure.remaining is not None:
                failure.remaining -= 1
                if failure.remaining <= 0:
                    queue.pop(0)
            return failure

    def _answer(
        self, method: str, params: dict[str, Any], headers: dict[str, str]
    ) -> dict[str, Any]:
        if not has_token(method, params, headers):
            return {"ok": False, "error": "not_authed"}
        custom = self._custom.get(method)
        if custom is not None:
            return custom(params) if callable(custom) else custom
        return default_answer(self, method, params)

    # -- the workspace, for webapi's answers ------------------------------------------------

    def next_ts(self) -> str:
        # The current second (as Slack's ts), so that oldest/latest windows mean something;
        # never going back, and the counter keeps every ts unique.
        with self._cond:
            self._counter += 1
            now = int(self._clock.now().timestamp())
            self._last_second = max(self._last_second, now)
            return f"{self._last_second}.{self._counter:06d}"

    def next_id(self, prefix: str) -> str:
        return prefix + self.next_ts().replace(".", "")[-8:]

    def keep(self, p: dict[str, Any], message: dict[str, Any]) -> None:
        """Store a posted message where conversations.history/replies will find it."""
        kept = dict(message)
        if p.get("thread_ts"):
            kept["thread_ts"] = str(p["thread_ts"])
        if isinstance(p.get("metadata"), dict):
            kept["metadata"] = p["metadata"]
        with self._cond:
            self._history.setdefault(conversation_id(str(p.get("channel"))), []).append(kept)

    def user(self, user_id: str) -> dict[str, Any] | None:
        with self._cond:
            return self._users.get(user_id)

    def users(self) -> list[dict[str, Any]]:
        with self._cond:
            return list(self._users.values())

    def _utc_offset_seconds(self, tz: str) -> int:
        offset = self._clock.now().astimezone(ZoneInfo(tz)).utcoffset()
        return int(offset.total_seconds()) if offset else 0
