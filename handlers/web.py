"""The WSGI front that `tradeops serve` runs: Slack's Request URL, health, and feature routes.

Every request passes the front before anything else sees it: its body is read within a cap
(MAX_BODY), and a request to Slack's path reaches Bolt only once its signature checks out.
Bolt verifies again (its own check stays on); the front's check comes first so that nothing
of ours, not the error handler and not a log line, handles a body nobody has signed.
"""

from __future__ import annotations

import io
import json
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk.signature import SignatureVerifier

from bot.core import Core

from .payloads import BadShape, check_slack_body

log = logging.getLogger(__name__)

SLACK_PATH = "/slack/events"


@dataclass(frozen=True)
class HttpResponse:
    status: int
    body: dict[str, Any]


@dataclass(frozen=True)
class Route:
    method: str
    pattern: str  # a regex over the path; named groups become keyword arguments
    handler: Callable[..., HttpResponse]  # (core, environ, body: bytes, **groups)


STATUS_TEXT = {
    200: "OK",
    201: "Created",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    413: "Payload Too Large",
    422: "Unprocessable Entity",
    503: "Service Unavailable",
}
# Slack's payloads are a few kilobytes (a full modal's state a few hundred), an order from
# the ERP less: a megabyte leaves room and keeps a stranger from making a worker hold more.
MAX_BODY = 1_000_000


class Refused(Exception):
    """A request the front answers itself, logged in one line (never with its body)."""

    def __init__(self, status: int, error: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.error = error


class WebApp:
    def __init__(self, core: Core, app: App, routes: Iterable[Route] = ()) -> None:
        self.core = core
        self.slack = SlackRequestHandler(app, path=SLACK_PATH)
        self.signature = _verifier(core.settings.slack.signing_secret)
        self.routes = [Route("GET", r"/healthz", _healthz), *routes]

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "GET")
        try:
            if path == SLACK_PATH and method == "POST":
                return self._slack(environ, start_response)
            return _respond(start_response, self._route(environ, path, method))
        except Refused as refusal:
            log.warning("refused %s %r from %s: %s", method, path, _peer(environ), refusal)
            return _respond(start_response, HttpResponse(refusal.status, {"error": refusal.error}))

    def _slack(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        body = read_body(environ)
        form = _form(body)
        if _is_ssl_check(form):
            # Slack checks the certificate of a command's URL with an unsigned `ssl_check=1`;
            # Bolt answers it with an empty 200 before verifying anything. So does the front.
            return _respond(start_response, HttpResponse(200, {}))
        verify_slack_signature(self.signature, environ, body)
        try:
            check_slack_body(body, str(environ.get("CONTENT_TYPE") or ""), form)
        except BadShape as error:
            raise Refused(400, "bad_request", str(error)) from None
        return self.slack(_with_body(environ, body), start_response)

    def _route(self, environ: dict[str, Any], path: str, method: str) -> HttpResponse:
        for route in self.routes:
            match = re.fullmatch(route.pattern, path)
            if match and route.method == method:
                body = read_body(environ)
                return route.handler(self.core, environ, body, **match.groupdict())
        # Unread: gunicorn discards what it can of the body and closes the connection.
        return HttpResponse(404, {"error": "not_found"})


def _verifier(signing_secret: str | None) -> SignatureVerifier | None:
    return SignatureVerifier(signing_secret) if signing_secret else None


def verify_slack_signature(
    verifier: SignatureVerifier | None, environ: dict[str, Any], body: bytes
) -> None:
    """Raise Refused unless the v0 signature over the body is right and recent.

    SignatureVerifier compares in constant time, but it raises (instead of saying no) on a
    timestamp that is not a number, a signature that is not ASCII or a body that is not
    UTF-8; those are refused here first, so nothing raises on a stranger's request.
    """
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
    signature = environ.get("HTTP_X_SLACK_SIGNATURE", "")
    if verifier is None:
        raise Refused(401, "invalid_request", "no signing secret is configured")
    if not (timestamp.isascii() and timestamp.isdigit()):
        raise Refused(401, "invalid_request", "the timestamp is not a number")
    if not signature.isascii():
        raise Refused(401, "invalid_request", "the signature is not ASCII")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(401, "invalid_request", "the body is not UTF-8") from None
    if not verifier.is_valid(text, timestamp, signature):
        raise Refused(401, "invalid_request", "the signature is wrong or stale")


def _form(body: bytes) -> dict[str, list[str]]:
    """The body read as a form, blank values kept, once for the ssl check and the shape check.
    Latin-1 decodes any bytes, signed or not; a form Slack encodes is ASCII, so it reads the
    same as its UTF-8 (check_slack_body reads a body that is not ASCII again, as UTF-8)."""
    return parse_qs(body.decode("latin-1"), keep_blank_values=True)


def _is_ssl_check(form: dict[str, list[str]]) -> bool:
    # Blank values left out, as parse_qs leaves them out by default.
    return [value for value in form.get("ssl_check", ()) if value] == ["1"]


def read_body(environ: dict[str, Any]) -> bytes:
    """The request body, at most MAX_BODY bytes, or Refused.

    A declared length over the cap is refused unread. Without one (a chunked body) at most
    MAX_BODY + 1 bytes are read: one more than the cap tells an oversized body. A body that
    ends before its declared length (a client that hung up, or that the server cut off for
    being too slow) is refused too: half a request is nobody's request.
    """
    stream = environ.get("wsgi.input") or io.BytesIO()
    declared = _declared_length(environ)
    if declared is None:
        # PEP 3333: without a length, read only what the server says ends by itself.
        body = _read(stream, MAX_BODY + 1) if environ.get("wsgi.input_terminated") else b""
    elif declared > MAX_BODY:
        raise Refused(413, "body_too_large", f"Content-Length {declared} is over {MAX_BODY}")
    else:
        body = _read(stream, declared)
        if len(body) < declared:
            raise Refused(400, "incomplete_body", f"{len(body)} of {declared} bytes arrived")
    if len(body) > MAX_BODY:
        raise Refused(413, "body_too_large", f"the body is over {MAX_BODY} bytes")
    return body


def _declared_length(environ: dict[str, Any]) -> int | None:
    text = str(environ.get("CONTENT_LENGTH") or "").strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()):
        raise Refused(400, "bad_content_length", "the Content-Length is not a number")
    return int(text)


def _read(stream: Any, limit: int) -> bytes:
    try:
        return bytes(stream.read(limit))
    except OSError as error:  # the client hung up, or a chunked body ended early
        # The type only: gunicorn's NoMoreData quotes the bytes it had read.
        reason = f"the body could not be read ({type(error).__name__})"
        raise Refused(400, "incomplete_body", reason) from None


def _with_body(environ: dict[str, Any], body: bytes) -> dict[str, Any]:
    """The environ again with the body already read, for Bolt's adapter to read once more."""
    return {**environ, "wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body))}


def _peer(environ: dict[str, Any]) -> str:
    return str(environ.get("REMOTE_ADDR") or "?")


def _healthz(core: Core, _environ: Any, _body: bytes) -> HttpResponse:
    if core.database_answers():
        return HttpResponse(200, {"ok": True})
    return HttpResponse(503, {"ok": False, "error": "database_unavailable"})


def _respond(start_response: Any, response: HttpResponse) -> list[bytes]:
    payload = json.dumps(response.body, ensure_ascii=False).encode()
    status = f"{response.status} {STATUS_TEXT.get(response.status, '')}".strip()
    start_response(
        status,
        [
            ("Content-Type", "application/json; charset=utf-8"),
            ("Content-Length", str(len(payload))),
        ],
    )
    return [payload]
