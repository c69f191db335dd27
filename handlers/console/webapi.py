"""What the loopback Slack answers, method by method, and the HTTP plumbing around it.

The answers have Slack's shapes, not its semantics: a post is kept where
conversations.history and conversations.replies will find it, users come from the set-up,
everything else answers `ok`. Stdlib only, so it cannot drift with the slack_sdk it serves.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import parse_qs, urlsplit

if TYPE_CHECKING:
    from .loopback import LoopbackSlack

# Form bodies carry structured arguments as JSON strings; decoding these (and only these,
# so a message text like "[1, 2]" stays text) lets tests inspect blocks as Python objects.
JSON_VALUED_PARAMS = frozenset(
    {"blocks", "attachments", "view", "files", "metadata", "user_auth_blocks", "unfurls"}
)
TOKENLESS_METHODS = frozenset({"api.test", "oauth.access", "oauth.v2.access"})
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"

Params = dict[str, Any]
Reply = tuple[int, dict[str, str], bytes]
DefaultAnswer = Callable[["LoopbackSlack", Params], Params]


def default_answer(slack: LoopbackSlack, method: str, params: Params) -> Params:
    answer = DEFAULT_ANSWERS.get(method)
    return answer(slack, params) if answer else {"ok": True}


def has_token(method: str, params: Params, headers: dict[str, str]) -> bool:
    if method in TOKENLESS_METHODS or method in {"response_url", "file_upload"}:
        return True
    return headers.get("authorization", "").startswith("Bearer ") or bool(params.get("token"))


@dataclass
class Failure:
    """A failure rule the set-up asked for (see LoopbackSlack.fail_next and friends)."""

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
            return 429, {"Retry-After": str(self.retry_after)}, json_bytes(body)
        if self.status >= 500:  # Slack's edge answers 5xx with an HTML/plain page, not JSON
            return self.status, {"Content-Type": "text/plain"}, b"Service Unavailable"
        body = {"ok": False, "error": self.error or f"http_{self.status}"}
        return self.status, {}, json_bytes(body)


# -- messages -------------------------------------------------------------------------------


def _post_message(slack: LoopbackSlack, p: Params) -> Params:
    ts = slack.next_ts()
    message = {
        "type": "message",
        "user": BOT_USER_ID,
        "bot_id": BOT_ID,
        "ts": ts,
        "text": p.get("text", ""),
        "blocks": p.get("blocks", []),
    }
    slack.keep(p, message)
    return {"ok": True, "channel": p.get("channel"), "ts": ts, "message": message}


def _conversation_history(slack: LoopbackSlack, p: Params) -> Params:
    """Top-level messages (not thread replies), newest first, in the oldest/latest window."""
    top_level = [m for m in _window(slack, p) if m.get("thread_ts", m["ts"]) == m["ts"]]
    return page(list(reversed(top_level)), p, "messages")


def _conversation_replies(slack: LoopbackSlack, p: Params) -> Params:
    """A thread: its parent and replies, oldest first, in the oldest/latest window."""
    parent = str(p.get("ts", ""))
    thread = [m for m in _window(slack, p) if parent in (m["ts"], m.get("thread_ts"))]
    return page(thread, p, "messages")


def _window(slack: LoopbackSlack, p: Params) -> list[Params]:
    oldest, latest = float(p.get("oldest") or 0), float(p.get("latest") or "inf")
    with_metadata = _truthy(p.get("include_all_metadata"))
    return [
        m if with_metadata else {k: v for k, v in m.items() if k != "metadata"}
        for m in slack.messages(str(p.get("channel")))
        if oldest <= float(m["ts"]) <= latest
    ]


def _update_message(slack: LoopbackSlack, p: Params) -> Params:
    return {
        "ok": True,
        "channel": p.get("channel"),
        "ts": p.get("ts"),
        "text": p.get("text", ""),
        "message": {"text": p.get("text", "")},
    }


def _permalink(slack: LoopbackSlack, p: Params) -> Params:
    channel, ts = p.get("channel", "C1"), str(p.get("message_ts", "0.0"))
    link = f"https://tradeops.slack.com/archives/{channel}/p{ts.replace('.', '')}"
    return {"ok": True, "channel": channel, "permalink": link}


def _open_conversation(slack: LoopbackSlack, p: Params) -> Params:
    users = str(p.get("users", "")).split(",")
    channel_id = "D" + users[0] if len(users) == 1 else "G" + "".join(users)
    return {"ok": True, "channel": {"id": channel_id}}


def conversation_id(channel: str) -> str:
    """Posting to a member id posts in their DM with the bot: "D" + id, as conversations.open."""
    return "D" + channel if channel.startswith(("U", "W")) else channel


# -- views, users, files --------------------------------------------------------------------


def _view(slack: LoopbackSlack, p: Params) -> Params:
    given = p.get("view")
    view = given if isinstance(given, dict) else {}
    view_id = p.get("view_id") or slack.next_id("V")
    return {"ok": True, "view": {**view, "id": view_id, "hash": "h"}}


def _users_info(slack: LoopbackSlack, p: Params) -> Params:
    user = slack.user(p.get("user", ""))
    if user is None:
        return {"ok": False, "error": "user_not_found"}
    return {"ok": True, "user": _with_locale_if_asked(user, p)}


def _users_list(slack: LoopbackSlack, p: Params) -> Params:
    users = [_with_locale_if_asked(u, p) for u in slack.users()]
    return page(users, p, "members")


def _with_locale_if_asked(user: Params, params: Params) -> Params:
    """Slack sends ``locale`` only with include_locale=true; so does the loopback."""
    if _truthy(params.get("include_locale", "")):
        return user
    return {k: v for k, v in user.items() if k != "locale"}


def _upload_url(slack: LoopbackSlack, p: Params) -> Params:
    file_id = slack.next_id("F")
    return {"ok": True, "upload_url": f"{slack.base_url}/upload/{file_id}", "file_id": file_id}


def _complete_upload(slack: LoopbackSlack, p: Params) -> Params:
    given = p.get("files")
    files = given if isinstance(given, list) else []
    return {"ok": True, "files": [{"id": f.get("id"), "title": f.get("title")} for f in files]}


def _ok(**fields: Any) -> DefaultAnswer:
    return lambda slack, p: {"ok": True, **fields}


DEFAULT_ANSWERS: dict[str, DefaultAnswer] = {
    "auth.test": _ok(
        user_id=BOT_USER_ID,
        bot_id=BOT_ID,
        team_id="T1",
        user="tradeops",
        team="tradeops",
        url="https://tradeops.slack.com/",
    ),
    "chat.postMessage": _post_message,
    "chat.postEphemeral": lambda slack, p: {"ok": True, "message_ts": slack.next_ts()},
    "chat.update": _update_message,
    "chat.getPermalink": _permalink,
    "conversations.open": _open_conversation,
    "conversations.history": _conversation_history,
    "conversations.replies": _conversation_replies,
    "views.open": _view,
    "views.update": _view,
    "views.push": _view,
    "views.publish": _view,
    "users.info": _users_info,
    "users.list": _users_list,
    "files.getUploadURLExternal": _upload_url,
    "files.completeUploadExternal": _complete_upload,
}


def page(items: list[Params], p: Params, key: str) -> Params:
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


def _truthy(value: Any) -> bool:
    return str(value).lower() in {"1", "true"}


def json_bytes(body: Params) -> bytes:
    return json.dumps(body).encode("utf-8")


# -- HTTP plumbing -------------------------------------------------------------------


def parse_params(content_type: str, body: bytes, query: str = "") -> Params:
    """Decode a form, JSON or multipart body (plus query string) into one params dict."""
    params = _parse_form(query)
    if content_type.startswith("application/json"):
        params.update(json.loads(body or b"{}"))
    elif content_type.startswith("multipart/form-data"):
        params.update(_parse_multipart(content_type, body))
    elif body:
        params.update(_parse_form(body.decode("utf-8")))
    return {k: _decode_json_value(k, v) for k, v in params.items()}


def _parse_form(text: str) -> Params:
    pairs = parse_qs(text, keep_blank_values=True)
    return {k: v[0] if len(v) == 1 else v for k, v in pairs.items()}


def _parse_multipart(content_type: str, body: bytes) -> Params:
    header = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = cast(EmailMessage, BytesParser(policy=policy.default).parsebytes(header + body))
    params: Params = {}
    for part in message.iter_parts():
        data = cast(bytes, part.get_payload(decode=True) or b"")
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


class Handler(BaseHTTPRequestHandler):
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
        slack: LoopbackSlack = self.server.slack  # type: ignore[attr-defined]
        reply = slack.handle(method, params, headers, url.path)
        if reply is None:  # "drop": the client sees the connection close unanswered
            self.close_connection = True
            return
        self._send(*reply)

    @staticmethod
    def _params(method: str, path: str, headers: dict[str, str], body: bytes, query: str) -> Params:
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
