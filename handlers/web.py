"""The WSGI front that `tradeops serve` runs: Slack's Request URL, health, and feature routes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.core import Core

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
MAX_BODY = 1_000_000


class WebApp:
    def __init__(self, core: Core, app: App, routes: Iterable[Route] = ()) -> None:
        self.core = core
        self.slack = SlackRequestHandler(app, path=SLACK_PATH)
        self.routes = [Route("GET", r"/healthz", _healthz), *routes]

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "GET")
        if path == SLACK_PATH:
            return self.slack(environ, start_response)
        for route in self.routes:
            match = re.fullmatch(route.pattern, path)
            if match and route.method == method:
                body = _read_body(environ)
                response = route.handler(self.core, environ, body, **match.groupdict())
                return _respond(start_response, response)
        return _respond(start_response, HttpResponse(404, {"error": "not_found"}))


def _healthz(core: Core, _environ: Any, _body: bytes) -> HttpResponse:
    if core.database_answers():
        return HttpResponse(200, {"ok": True})
    return HttpResponse(503, {"ok": False, "error": "database_unavailable"})


def _read_body(environ: dict[str, Any]) -> bytes:
    length = int(environ.get("CONTENT_LENGTH") or 0)
    return environ["wsgi.input"].read(min(length, MAX_BODY)) if length else b""


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
