"""A loopback fake of the Slack Web API for full-path tests.

A real ``slack_sdk.WebClient(base_url=fake.api_url)`` talks HTTP to this server, so the
client's own encoding, retry handlers and error handling are exercised; tests then assert
on the recorded calls. Stdlib only, so it cannot drift with the code under test.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

# Form bodies carry structured arguments as JSON strings; decoding these (and only these,
# so a message text like "[1, 2]" stays text) lets tests inspect blocks as Python objects.
JSON_VALUED_PARAMS = frozenset(
    {"blocks", "attachments", "view", "files", "metadata", "user_auth_blocks", "unfurls"}
)
TOKENLESS_METHODS = frozenset({"api.test", "oauth.access", "oauth.v2.access"})

Answer = dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]]
Observer = Callable[[str, dict[str, Any]], None]
Reply = tuple[int, dict[str, str], bytes]


@dataclass(frozen=True)
class Call:
    """One request the fake received. Header names are lower-cased."""

    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    status: int = 200
    path: str = ""


@dataclass
class Upload:
    """One file uploaded the files_upload_v2 way (see FakeSlack.uploads)."""

    file_id: str
    filename: str
    content: bytes = b""
    title: str | None = None
    channel: str | None = None
    thread_ts: str | None = None


@dataclass
class _Failure:
    status: int
    retry_after: int
    error: str | None
    remaining: int | None  # None: fails until clear_failures()
    # "hang" or "drop": Slack takes the call (it is answered and recorded as usual), then
    # the answer is held for `hang_seconds` or the connection closes without one.
    after_accepting: str | None = None
    hang_seconds: float = 0.0

    def response(self) -> Reply:
        if self.status == 429:
            body = {"ok": False, "error": self.error or "ratelimited"}
            return 429, {"Retry-After": str(self.retry_after)}, _json_bytes(body)
        if self.status >= 500:  # Slack's edge answers 5xx with an HTML/plain page, not JSON
            return self.status, {"Content-Type": "text/plain"}, b"Service Unavailable"
        body = {"ok": False, "error": self.error or f"http_{self.status}"}
        return self.status, {}, _json_bytes(body)


class FakeSlack:
    """Records every Web API call and answers like Slack would (shapes, not semantics)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._calls: list[Call] = []
        self._failures: dict[str, list[_Failure]] = {}
        self._users: dict[str, dict[str, Any]] = {}
        self._custom: dict[str, Answer] = {}
        self._history: dict[str, list[dict[str, Any]]] = {}  # conversation id -> messages
        self._observers: list[Observer] = []
        self._release = threading.Event()  # ends every held ("hang") answer early
        self._delays: dict[str, float] = {}
        self._upload_names: dict[str, str] = {}  # file id -> the filename it was asked for
        self._counter = 0
        self._last_second = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------

    def start(self) -> FakeSlack:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        server.daemon_threads = True
        server.fake = self  # type: ignore[attr-defined]
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

    def __enter__(self) -> FakeSlack:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        assert self._server is not None, "FakeSlack is not started"
        host, port = self._server.server_address[:2]
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
            "tz_offset": _utc_offset_seconds(tz),
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
        self._add_failure(method, _Failure(status, retry_after, error, times))

    def fail_always(self, method: str, status: int = 500, error: str | None = None) -> None:
        self._add_failure(method, _Failure(status, 1, error, None))

    def accept_then_hang(self, method: str, seconds: float = 5.0, times: int = 1) -> None:
        """The next ``times`` calls take effect, but the answer comes only after ``seconds``
        (a client with a shorter time-out gives up on a call Slack did carry out)."""
        self._add_failure(method, _Failure(200, 1, None, times, "hang", seconds))

    def accept_then_drop(self, method: str, times: int = 1) -> None:
        """The next ``times`` calls take effect, then the connection closes unanswered."""
        self._add_failure(method, _Failure(200, 1, None, times, "drop"))

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

    def _add_failure(self, method: str, failure: _Failure) -> None:
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
            self._upload_names.clear()
        self.clear_failures()
        self.release_hangs()

    def messages(self, conversation: str) -> list[dict[str, Any]]:
        """What was posted to a conversation (a member id means the DM with the bot)."""
        with self._cond:
            return list(self._history.get(_conversation_id(conversation), []))

    def uploads(self) -> list[Upload]:
        """Files sent through files_upload_v2's steps, joined up by file id: the name given
        to files.getUploadURLExternal, the bytes sent to its upload URL, and where
        files.completeUploadExternal shared the file."""
        with self._cond:
            names = dict(self._upload_names)
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
        if failure is not None and failure.after_accepting is None:
            status, extra, body = failure.response()
        else:
            status, extra, body = 200, {}, _json_bytes(self._answer(method, params, headers))
        with self._cond:
            self._calls.append(Call(method, params, headers, status, path))
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

    def _take_failure(self, method: str) -> _Failure | None:
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
        if method not in TOKENLESS_METHODS and not _has_token(method, params, headers):
            return {"ok": False, "error": "not_authed"}
        custom = self._custom.get(method)
        if custom is not None:
            return custom(params) if callable(custom) else custom
        default = _DEFAULT_ANSWERS.get(method)
        return default(self, params) if default else {"ok": True}

    def _next_ts(self) -> str:
        # The current second (as Slack's ts), so that oldest/latest windows mean something;
        # never going back, and the counter keeps every ts unique.
        with self._cond:
            self._counter += 1
            self._last_second = max(self._last_second, int(time.time()))
            return f"{self._last_second}.{self._counter:06d}"

    def _next_id(self, prefix: str) -> str:
        return prefix + self._next_ts().replace(".", "")[-8:]

    # -- default answers --------------------------------------------------------------

    def _post_message(self, p: dict[str, Any]) -> dict[str, Any]:
        ts = self._next_ts()
        message = {
            "type": "message",
            "user": "UBOT",
            "bot_id": "BBOT",
            "ts": ts,
            "text": p.get("text", ""),
            "blocks": p.get("blocks", []),
        }
        self._keep(p, message)
        return {"ok": True, "channel": p.get("channel"), "ts": ts, "message": message}

    def _keep(self, p: dict[str, Any], message: dict[str, Any]) -> None:
        """Store a posted message where conversations.history/replies will find it."""
        kept = dict(message)
        if p.get("thread_ts"):
            kept["thread_ts"] = str(p["thread_ts"])
        if isinstance(p.get("metadata"), dict):
            kept["metadata"] = p["metadata"]
        with self._cond:
            self._history.setdefault(_conversation_id(str(p.get("channel"))), []).append(kept)

    def _conversation_history(self, p: dict[str, Any]) -> dict[str, Any]:
        """Top-level messages (not thread replies), newest first, in the oldest/latest window."""
        top_level = [m for m in self._window(p) if m.get("thread_ts", m["ts"]) == m["ts"]]
        return _page(list(reversed(top_level)), p, "messages")

    def _conversation_replies(self, p: dict[str, Any]) -> dict[str, Any]:
        """A thread: its parent and replies, oldest first, in the oldest/latest window."""
        parent = str(p.get("ts", ""))
        thread = [m for m in self._window(p) if parent in (m["ts"], m.get("thread_ts"))]
        return _page(thread, p, "messages")

    def _window(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        oldest, latest = float(p.get("oldest") or 0), float(p.get("latest") or "inf")
        with_metadata = _truthy(p.get("include_all_metadata"))
        return [
            m if with_metadata else {k: v for k, v in m.items() if k != "metadata"}
            for m in self.messages(str(p.get("channel")))
            if oldest <= float(m["ts"]) <= latest
        ]

    def _update_message(self, p: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "channel": p.get("channel"),
            "ts": p.get("ts"),
            "text": p.get("text", ""),
            "message": {"text": p.get("text", "")},
        }

    def _view(self, p: dict[str, Any]) -> dict[str, Any]:
        view = p.get("view") if isinstance(p.get("view"), dict) else {}
        view_id = p.get("view_id") or self._next_id("V")
        return {"ok": True, "view": {**view, "id": view_id, "hash": "h"}}

    def _users_info(self, p: dict[str, Any]) -> dict[str, Any]:
        user = self._users.get(p.get("user", ""))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": _with_locale_if_asked(user, p)}

    def _users_list(self, p: dict[str, Any]) -> dict[str, Any]:
        with self._cond:
            users = [_with_locale_if_asked(u, p) for u in self._users.values()]
        return _page(users, p, "members")

    def _upload_url(self, p: dict[str, Any]) -> dict[str, Any]:
        file_id = self._next_id("F")
        with self._cond:
            self._upload_names[file_id] = str(p.get("filename", ""))
        return {"ok": True, "upload_url": f"{self.base_url}/upload/{file_id}", "file_id": file_id}

    def _complete_upload(self, p: dict[str, Any]) -> dict[str, Any]:
        files = p.get("files") if isinstance(p.get("files"), list) else []
        return {"ok": True, "files": [{"id": f.get("id"), "title": f.get("title")} for f in files]}


def _page(items: list[dict[str, Any]], p: dict[str, Any], key: str) -> dict[str, Any]:
    """Pages by ``limit``; the cursor is simply the offset of the next page."""
    start = int(p.get("cursor") or 0)
    limit = int(p.get("limit") or 0) or len(items) or 1
    more = start + limit < len(items)
    return {
        "ok": True,
        key: items[start : start + limit],
        "has_more": more,
        "response_metadata": {"next_cursor": str(start + limit) if more else ""},
    }


def _conversation_id(channel: str) -> str:
    """Posting to a member id posts in their DM with the bot: "D" + id, as conversations.open."""
    return "D" + channel if channel.startswith(("U", "W")) else channel


def _truthy(value: Any) -> bool:
    return str(value).lower() in {"1", "true"}


def _ok(**fields: Any) -> Callable[[FakeSlack, dict[str, Any]], dict[str, Any]]:
    return lambda fake, p: {"ok": True, **fields}


def _permalink(fake: FakeSlack, p: dict[str, Any]) -> dict[str, Any]:
    channel, ts = p.get("channel", "C1"), str(p.get("message_ts", "0.0"))
    link = f"https://tradeops.slack.com/archives/{channel}/p{ts.replace('.', '')}"
    return {"ok": True, "channel": channel, "permalink": link}


def _open_conversation(fake: FakeSlack, p: dict[str, Any]) -> dict[str, Any]:
    users = str(p.get("users", "")).split(",")
    channel_id = "D" + users[0] if len(users) == 1 else "G" + "".join(users)
    return {"ok": True, "channel": {"id": channel_id}}


_DEFAULT_ANSWERS: dict[str, Callable[[FakeSlack, dict[str, Any]], dict[str, Any]]] = {
    "auth.test": _ok(
        user_id="UBOT",
        bot_id="BBOT",
        team_id="T1",
        user="tradeops",
        team="tradeops",
        url="https://tradeops.slack.com/",
    ),
    "chat.postMessage": FakeSlack._post_message,
    "chat.postEphemeral": lambda fake, p: {"ok": True, "message_ts": fake._next_ts()},
    "chat.update": FakeSlack._update_message,
    "chat.getPermalink": _permalink,
    "conversations.open": _open_conversation,
    "conversations.history": FakeSlack._conversation_history,
    "conversations.replies": FakeSlack._conversation_replies,
    "views.open": FakeSlack._view,
    "views.update": FakeSlack._view,
    "views.push": FakeSlack._view,
    "views.publish": FakeSlack._view,
    "users.info": FakeSlack._users_info,
    "users.list": FakeSlack._users_list,
    "files.getUploadURLExternal": FakeSlack._upload_url,
    "files.completeUploadExternal": FakeSlack._complete_upload,
}


def _with_locale_if_asked(user: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
    """Slack sends ``locale`` only with include_locale=true; so does the fake."""
    if str(params.get("include_locale", "")).lower() in {"1", "true"}:
        return user
    return {k: v for k, v in user.items() if k != "locale"}


def _has_token(method: str, params: dict[str, Any], headers: dict[str, str]) -> bool:
    if method in {"response_url", "file_upload"}:
        return True
    return headers.get("authorization", "").startswith("Bearer ") or bool(params.get("token"))


def _utc_offset_seconds(tz: str) -> int:
    offset = datetime.now(ZoneInfo(tz)).utcoffset()
    return int(offset.total_seconds()) if offset else 0


def _json_bytes(body: dict[str, Any]) -> bytes:
    return json.dumps(body).encode("utf-8")


# -- HTTP plumbing -------------------------------------------------------------------


def parse_params(content_type: str, body: bytes, query: str = "") -> dict[str, Any]:
    """Decode a form, JSON or multipart body (plus query string) into one params dict."""
    params = _parse_form(query)
    if content_type.startswith("application/json"):
        params.update(json.loads(body or b"{}"))
    elif content_type.startswith("multipart/form-data"):
        params.update(_parse_multipart(content_type, body))
    elif body:
        params.update(_parse_form(body.decode("utf-8")))
    return {k: _decode_json_value(k, v) for k, v in params.items()}


def _parse_form(text: str) -> dict[str, Any]:
    pairs = parse_qs(text, keep_blank_values=True)
    return {k: v[0] if len(v) == 1 else v for k, v in pairs.items()}


def _parse_multipart(content_type: str, body: bytes) -> dict[str, Any]:
    header = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = BytesParser().parsebytes(header + body)
    params: dict[str, Any] = {}
    for part in message.iter_parts():
        data = part.get_payload(decode=True) or b""
        name = part.get_param("name", header="content-disposition")
        params[str(name)] = data if part.get_filename() else data.decode("utf-8")
    return params


def _decode_json_value(key: str, value: Any) -> Any:
    if key in JSON_VALUED_PARAMS and isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _route(path: str) -> str | None:
    """Map a URL path to the recorded method name; None for paths Slack would 404."""
    if path.startswith("/api/") and len(path) > len("/api/"):
        return path[len("/api/") :]
    if path.startswith("/response_url/"):
        return "response_url"
    if path.startswith("/upload/"):
        return "file_upload"
    return None


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self._serve()

    def do_GET(self) -> None:
        self._serve()

    def _serve(self) -> None:
        url = urlsplit(self.path)
        method = _route(url.path)
        if method is None:
            self._send(404, {}, b"not found")
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k.lower(): v for k, v in self.headers.items()}
        params = self._params(method, url.path, headers, body, url.query)
        fake: FakeSlack = self.server.fake  # type: ignore[attr-defined]
        reply = fake.handle(method, params, headers, url.path)
        if reply is None:  # "drop": the client sees the connection close unanswered
            self.close_connection = True
            return
        self._send(*reply)

    @staticmethod
    def _params(
        method: str, path: str, headers: dict[str, str], body: bytes, query: str
    ) -> dict[str, Any]:
        if method == "file_upload":  # raw bytes to the upload URL, not a form
            return {"file_id": path.rsplit("/", 1)[-1], "data": body}
        return parse_params(headers.get("content-type", ""), body, query)

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        try:
            self.send_response(status)
            headers = {"Content-Type": "application/json; charset=utf-8", **headers}
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up on a held answer
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the per-request stderr line; the recorded calls are the log."""
